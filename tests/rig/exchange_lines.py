#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A scripted IMAP and SMTP server that answers with Exchange Online's exact texts, which Dovecot
and Postfix cannot produce. The mailbox's local part chooses the behaviour:

  IMAP (implicit TLS)       notconnected*  AUTHENTICATE OK, then EXAMINE: BAD User is authenticated but not connected.
                            authfail*      NO AUTHENTICATE failed.
                            escape*        NO with terminal escapes (clipboard write, clear screen, C1)
                            anything else  OK
  SMTP (STARTTLS)           smtpoff*       535 5.7.139 ... SmtpClientAuthentication is disabled for the Tenant ...
                            basicoff*      535 5.7.139 Authentication unsuccessful, basic authentication is disabled.
                            authfail*      535 5.7.3 Authentication unsuccessful [...]
                            escape*        535 with terminal escapes
                            storedrv*      430 4.2.0 STOREDRV; mailbox logon failure ... (after DATA)
                            anything else  235; a sender other than the login gets 554 5.2.252 SendAsDenied after DATA
  SMTP without STARTTLS     the third port never offers STARTTLS
  IMAP without XOAUTH2      the fourth port offers only AUTH=PLAIN (a server that is not Exchange)
  busy                      the fifth (IMAP) and sixth (SMTP) ports turn every connection away:
                            * BYE Connection queue full / 421 4.3.2 Service not available
  flaky                     the seventh (IMAP) and eighth (SMTP) ports turn away the first, third,
                            fifth ... connection as busy ports do, and serve the others normally

    exchange_lines.py STATE   prints "LISTENING IMAP SMTP NOTLS IMAP-NOXOAUTH2 IMAP-BUSY SMTP-BUSY
                              IMAP-FLAKY SMTP-FLAKY" ports once (on one line)."""
import base64
import os
import socket
import ssl
import sys
import threading

GREETING_IMAP = b"* OK The Microsoft Exchange IMAP4 service is ready. [QgBOADEAUABSADAAMQBDAEEAMAAwADEANAAuAG4AYQBtAHAAcgBkADAAMQAuAHAAcgBvAGQALgBvAHUAdABsAG8AbwBrAC4AYwBvAG0A]\r\n"
CAPS = b"* CAPABILITY IMAP4 IMAP4rev1 AUTH=PLAIN AUTH=XOAUTH2 SASL-IR UIDPLUS ID UNSELECT CHILDREN IDLE NAMESPACE LITERAL+\r\n"
HOST = b"BN1PR01CA0014.namprd01.prod.outlook.com"
ESC = "\x1b]52;c;aGFja2Vk\x07\x1b[2J\u009b31m\u202e|x".encode()


COUNTS = {}
LOCK = threading.Lock()


def bump(key):
    with LOCK:
        COUNTS[key] = COUNTS.get(key, 0) + 1
        return COUNTS[key]


def xoauth2_user(b64):
    try:
        raw = base64.b64decode(b64).decode("utf-8", "replace")
    except Exception:
        return None, False
    parts = dict(p.split("=", 1) for p in raw.split("\x01") if "=" in p)
    token_ok = parts.get("auth", "").startswith("Bearer ") and len(parts.get("auth", "")) > 20
    return parts.get("user"), token_ok


class Conn:
    def __init__(self, sock):
        self.s = sock
        self.buf = b""

    def line(self):
        while b"\r\n" not in self.buf:
            d = self.s.recv(65536)
            if not d:
                return None
            self.buf += d
        ln, self.buf = self.buf.split(b"\r\n", 1)
        return ln.decode("utf-8", "replace")

    def send(self, data):
        self.s.sendall(data)


def imap(sock, xoauth2=True):
    c = Conn(sock)
    c.send(GREETING_IMAP)
    user = None
    while True:
        ln = c.line()
        if ln is None:
            return
        tag, _, rest = ln.partition(" ")
        cmd = rest.split(" ")[0].upper()
        if cmd == "CAPABILITY":
            caps = CAPS if xoauth2 else CAPS.replace(b" AUTH=XOAUTH2", b"")
            c.send(caps + f"{tag} OK CAPABILITY completed.\r\n".encode())
        elif cmd == "AUTHENTICATE":
            args = rest.split(" ")
            b64 = args[2] if len(args) > 2 else None
            if b64 is None:
                c.send(b"+ \r\n")
                b64 = c.line() or ""
            user, token_ok = xoauth2_user(b64)
            if user and user.startswith("escape"):
                c.send(f"{tag} NO AUTHENTICATE failed. ".encode() + ESC + b"\r\n")
                user = None
            elif not token_ok or not user or user.startswith("authfail"):
                c.send(f"{tag} NO AUTHENTICATE failed.\r\n".encode())
                user = None
            else:
                c.send(f"{tag} OK AUTHENTICATE completed.\r\n".encode())
        elif cmd in ("EXAMINE", "SELECT", "LIST", "NAMESPACE"):
            if user is None:
                c.send(f"{tag} BAD Command received in Invalid state.\r\n".encode())
            elif user.startswith("propagating") and bump(user) <= 2:
                c.send(f"{tag} BAD User is authenticated but not connected.\r\n".encode())
            elif user.startswith("notconnected"):
                c.send(f"{tag} BAD User is authenticated but not connected.\r\n".encode())
            else:
                c.send(b"* 0 EXISTS\r\n* 0 RECENT\r\n* FLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft $MDNSent)\r\n"
                       b"* OK [UIDVALIDITY 14] UIDVALIDITY value\r\n" + f"{tag} OK [READ-ONLY] EXAMINE completed.\r\n".encode())
        elif cmd == "LOGOUT":
            c.send(b"* BYE Microsoft Exchange Server IMAP4 server signing off.\r\n" + f"{tag} OK LOGOUT completed.\r\n".encode())
            return
        else:
            c.send(f"{tag} BAD Command Error. 12\r\n".encode())


def smtp(sock, ctx, starttls):
    c = Conn(sock)
    c.send(b"220 " + HOST + b" Microsoft ESMTP MAIL Service ready at Fri, 27 Nov 2026 14:00:00 +0000\r\n")
    tls = False
    user = None
    mail_from = None
    while True:
        ln = c.line()
        if ln is None:
            return
        cmd = ln.split(" ")[0].upper()
        if cmd in ("EHLO", "HELO"):
            ext = [b"SIZE 157286400", b"PIPELINING", b"DSN", b"ENHANCEDSTATUSCODES"]
            if starttls and not tls:
                ext.append(b"STARTTLS")
            if tls:
                ext.append(b"AUTH LOGIN XOAUTH2")
            ext += [b"8BITMIME", b"BINARYMIME", b"CHUNKING", b"SMTPUTF8"]
            out = b"250-" + HOST + b" Hello [127.0.0.1]\r\n"
            for i, e in enumerate(ext):
                out += (b"250 " if i == len(ext) - 1 else b"250-") + e + b"\r\n"
            c.send(out)
        elif cmd == "STARTTLS" and starttls and not tls:
            c.send(b"220 2.0.0 SMTP server ready\r\n")
            c.s = ctx.wrap_socket(c.s, server_side=True)
            c.buf = b""
            tls = True
        elif cmd == "AUTH":
            args = ln.split(" ")
            if len(args) < 2 or args[1].upper() != "XOAUTH2":
                c.send(b"504 5.7.4 Unrecognized authentication type\r\n")
                continue
            b64 = args[2] if len(args) > 2 else None
            if b64 is None:
                c.send(b"334 \r\n")
                b64 = c.line() or ""
            u, token_ok = xoauth2_user(b64)
            if u and u.startswith("smtpoff"):
                c.send(b"535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. "
                       b"Visit https://aka.ms/smtp_auth_disabled for more information. [" + HOST + b"]\r\n")
            elif u and u.startswith("escape"):
                c.send(b"535 5.7.3 Authentication unsuccessful " + ESC + b"\r\n")
            elif u and u.startswith("basicoff"):
                c.send(b"535 5.7.139 Authentication unsuccessful, basic authentication is disabled. [" + HOST + b"]\r\n")
            elif not token_ok or not u or u.startswith("authfail"):
                c.send(b"535 5.7.3 Authentication unsuccessful [" + HOST + b"]\r\n")
            else:
                user = u
                c.send(b"235 2.7.0 Authentication successful\r\n")
        elif cmd == "NOOP":
            c.send(b"250 2.0.0 OK\r\n")
        elif cmd == "RSET":
            mail_from = None
            c.send(b"250 2.0.0 Resetting\r\n")
        elif cmd == "MAIL":
            if user is None:
                c.send(b"530 5.7.57 Client not authenticated to send mail. [" + HOST + b"]\r\n")
                continue
            mail_from = ln.split(":", 1)[1].split(">")[0].strip(" <")
            c.send(b"250 2.1.0 Sender OK\r\n")
        elif cmd == "RCPT":
            c.send(b"250 2.1.5 Recipient OK\r\n")
        elif cmd == "DATA":
            c.send(b"354 Start mail input; end with <CRLF>.<CRLF>\r\n")
            while True:
                d = c.line()
                if d is None or d == ".":
                    break
            if user.startswith("storedrv"):
                c.send(b"430 4.2.0 STOREDRV; mailbox logon failure; Failed to process message due to a transient "
                       b"exception with message [BeginDiagnosticData]Cannot open mailbox. MapiExceptionLogonFailed[EndDiagnosticData]\r\n")
            elif mail_from and mail_from.lower() != user.lower():
                c.send(f"554 5.2.252 SendAsDenied; {user} not allowed to send as {mail_from}; "
                       "STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied; Failed to "
                       "process message due to a permanent exception with message [BeginDiagnosticData]Cannot submit "
                       "message.[EndDiagnosticData]\r\n".encode())
            else:
                c.send(b"250 2.0.0 OK <queued@" + HOST + b"> [Hostname=" + HOST + b"]\r\n")
        elif cmd == "QUIT":
            c.send(b"221 2.0.0 Service closing transmission channel\r\n")
            return
        else:
            c.send(b"500 5.3.3 Unrecognized command\r\n")


def imap_busy(sock):
    sock.sendall(b"* BYE Connection queue full\r\n")


def smtp_busy(sock):
    sock.sendall(b"421 4.3.2 Service not available, closing transmission channel\r\n")


def flaky(busy, normal):
    """Every other connection is turned away as busy, starting with the first."""
    count = [0]
    lock = threading.Lock()

    def handler(s):
        with lock:
            count[0] += 1
            turn_away = count[0] % 2 == 1
        (busy if turn_away else normal)(s)
    return handler


def serve(lsock, handler):
    while True:
        s, _ = lsock.accept()
        s.settimeout(30)
        threading.Thread(target=lambda: _run(handler, s), daemon=True).start()


def _run(handler, s):
    try:
        handler(s)
    except Exception:
        pass
    finally:
        try:
            s.close()
        except OSError:
            pass


def main():
    state = sys.argv[1]
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(os.path.join(state, "pki", "server.pem"), os.path.join(state, "pki", "server.key"))
    socks = []
    for _ in range(8):
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", 0))
        s.listen(64)
        socks.append(s)
    threading.Thread(target=serve, args=(socks[0], lambda s: imap(ctx.wrap_socket(s, server_side=True))), daemon=True).start()
    threading.Thread(target=serve, args=(socks[1], lambda s: smtp(s, ctx, True)), daemon=True).start()
    threading.Thread(target=serve, args=(socks[2], lambda s: smtp(s, ctx, False)), daemon=True).start()
    threading.Thread(target=serve, args=(socks[3], lambda s: imap(ctx.wrap_socket(s, server_side=True), False)),
                     daemon=True).start()
    threading.Thread(target=serve, args=(socks[4], lambda s: imap_busy(ctx.wrap_socket(s, server_side=True))),
                     daemon=True).start()
    threading.Thread(target=serve, args=(socks[5], smtp_busy), daemon=True).start()
    threading.Thread(target=serve, args=(socks[6], flaky(lambda s: imap_busy(ctx.wrap_socket(s, server_side=True)),
                                                        lambda s: imap(ctx.wrap_socket(s, server_side=True)))),
                     daemon=True).start()
    threading.Thread(target=serve, args=(socks[7], flaky(smtp_busy, lambda s: smtp(s, ctx, True))), daemon=True).start()
    print("LISTENING " + " ".join(str(s.getsockname()[1]) for s in socks), flush=True)
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    threading.Event().wait()


if __name__ == "__main__":
    main()
