#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Loopback stand-in for the Microsoft identity platform: the v2.0 token endpoint (client
credentials, secret or client_assertion) and OpenID discovery, answering like Microsoft does.

    token_server.py STATE [--host 127.0.0.1]

Listens on an ephemeral port with the rig's test CA, prints "LISTENING https://HOST:PORT" once,
and logs every request as a JSON line (secrets redacted) to STATE/run/token.log.
Apps and fault scenarios are chosen by client_id (see APPS and FAULTS below)."""
import base64
import datetime
import hashlib
import http.server
import json
import os
import socket
import socketserver
import ssl
import sys
import threading
import time
import urllib.parse
import uuid

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"
DOMAINS = ("example.test", "contoso.onmicrosoft.com")
USGOV_TENANT = "usgov.example.test"  # discovery says it lives in the US Government cloud
OID = "99999999-8888-7777-6666-555555555555"
SECRET = "bP88Q~rcBcYjzzOhg1Hnn76Wm3jGgakZiZ.8vMgR"
SECRET_ID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
NEW_SECRET = "Xy71Q~NewSecretValueForRotation.abcdEFGH"
OLD_STYLE = "old+Style/Secret=Base64&Chars%20ok"
BOTH = ["IMAP.AccessAsApp", "SMTP.SendAsApp"]
RESOURCE = "https://outlook.office365.com"

# client_id -> app. "token" tweaks the access token for mail-server scenarios.
APPS = {
    "11111111-2222-3333-4444-555555555555": {"secrets": [SECRET, NEW_SECRET, OLD_STYLE], "roles": BOTH, "cert": True},
    "22222222-3333-4444-5555-666666666666": {"secrets": [SECRET], "roles": []},
    "33333333-4444-5555-6666-777777777777": {"secrets": [SECRET], "roles": BOTH, "expired": True},
    "44444444-5555-6666-7777-888888888888": {"secrets": [SECRET], "roles": ["SMTP.SendAsApp"]},
    "55555555-6666-7777-8888-999999999999": {"secrets": [SECRET], "roles": ["IMAP.AccessAsApp"]},
    "66666666-7777-8888-9999-aaaaaaaaaaaa": {"secrets": [SECRET], "roles": BOTH, "cert": False},
    "77777777-0000-0000-0000-000000000001": {"secrets": [SECRET], "roles": BOTH, "token": "badsig"},
    "77777777-0000-0000-0000-000000000002": {"secrets": [SECRET], "roles": BOTH, "token": "expired"},
    "77777777-0000-0000-0000-000000000003": {"secrets": [SECRET], "roles": BOTH, "token": "wrongaud"},
    "77777777-0000-0000-0000-000000000004": {"secrets": [SECRET], "roles": BOTH, "token": "wrongtenant"},
    "77777777-0000-0000-0000-000000000005": {"secrets": [SECRET], "roles": BOTH, "token": "public"},
    "77777777-0000-0000-0000-000000000006": {"secrets": [SECRET], "roles": BOTH, "token": "disabled"},
    "77777777-0000-0000-0000-000000000007": {"secrets": [SECRET], "roles": BOTH, "token": "escape"},
    "77777777-0000-0000-0000-000000000008": {"secrets": [SECRET], "roles": BOTH, "token": "wrongapp"},
}
# client_id -> fault (the secret is not checked)
FAULTS = {
    "f0000000-0000-0000-0000-000000000001": "500",
    "f0000000-0000-0000-0000-000000000002": "503",
    "f0000000-0000-0000-0000-000000000003": "badjson",
    "f0000000-0000-0000-0000-000000000004": "html",
    "f0000000-0000-0000-0000-000000000005": "huge",
    "f0000000-0000-0000-0000-000000000006": "hang",
    "f0000000-0000-0000-0000-000000000007": "close",
    "f0000000-0000-0000-0000-000000000008": "opaque",
    "f0000000-0000-0000-0000-000000000009": "429-then-ok",
    "f0000000-0000-0000-0000-00000000000a": "503-then-ok",
    "f0000000-0000-0000-0000-00000000000b": "notoken",
    "f0000000-0000-0000-0000-00000000000c": "redirect",
    "f0000000-0000-0000-0000-00000000000d": "429",
    "f0000000-0000-0000-0000-00000000000e": "unknown-code",
    # hostile servers
    "f0000000-0000-0000-0000-0000000000f1": "escape",
    "f0000000-0000-0000-0000-0000000000f2": "stall",
    "f0000000-0000-0000-0000-0000000000f3": "dribble",
    "f0000000-0000-0000-0000-0000000000f4": "huge-expiry",
    "f0000000-0000-0000-0000-0000000000f5": "huge-retry-after",
    "f0000000-0000-0000-0000-0000000000f6": "huge-expiry-string",
    "f0000000-0000-0000-0000-0000000000f7": "429-json",
    "f0000000-0000-0000-0000-0000000000f8": "503-json",
}
# Terminal escapes a hostile server puts in every text it sends: clipboard write, clear screen, a
# C1 control, a bidirectional override and a Nagios perfdata separator.
ESC = "\x1b]52;c;aGFja2Vk\x07\x1b[2J\u009b31m\u202e|x"
ESCAPE_TENANT = "escape.example.test"
ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"


def b64u(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def b64u_dec(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


class Keys:
    def __init__(self, state):
        d = os.path.join(state, "pki")
        load = lambda p: serialization.load_pem_private_key(open(os.path.join(d, p), "rb").read(), None)
        self.signing = load("jwt.key")
        self.wrong = load("jwt-wrong.key")
        self.kid = open(os.path.join(d, "jwt.kid")).read().strip()
        cert = x509.load_pem_x509_certificate(open(os.path.join(d, "client.pem"), "rb").read())
        self.client_pub = cert.public_key()
        der = cert.public_bytes(serialization.Encoding.DER)
        self.client_x5t = b64u(hashlib.sha1(der).digest())
        self.server = (os.path.join(d, "server.pem"), os.path.join(d, "server.key"))


def jwt(keys, claims, wrong=False):
    header = {"typ": "JWT", "alg": "RS256", "x5t": keys.kid, "kid": keys.kid}
    si = (b64u(json.dumps(header, separators=(",", ":")).encode()) + "." +
          b64u(json.dumps(claims, separators=(",", ":")).encode())).encode()
    k = keys.wrong if wrong else keys.signing
    return si.decode() + "." + b64u(k.sign(si, padding.PKCS1v15(), hashes.SHA256()))


def access_token(keys, appid, app, acr):
    now = int(time.time())
    kind = app.get("token")
    tid = "00000000-1111-2222-3333-444444444444" if kind == "wrongtenant" else TENANT
    claims = {
        "aud": "https://graph.microsoft.com" if kind == "wrongaud" else RESOURCE,
        "iss": f"https://sts.windows.net/{tid}/", "iat": now - 300, "nbf": now - 300,
        "exp": now - 120 if kind == "expired" else now + 3599,
        "app_displayname": "Extension Kit", "appidacr": acr,
        "appid": "12121212-3434-5656-7878-909090909090" if kind == "wrongapp" else appid,
        "idp": f"https://sts.windows.net/{tid}/", "idtyp": "app", "oid": OID,
        "rh": "0.AAAA" + b64u(os.urandom(12)) + ".", "roles": list(app["roles"]), "sid": str(uuid.uuid4()),
        "sub": OID, "tid": tid, "uti": b64u(os.urandom(16)), "ver": "1.0",
    }
    if kind == "escape":
        claims.update(aud="https://evil.example" + ESC, idtyp="user" + ESC, appidacr="3" + ESC,
                      app_displayname=ESC, roles=list(app["roles"]) + ["Mail.Read" + ESC])
    return jwt(keys, claims, wrong=kind == "badsig")


def ms_error(status, error, code, text):
    trace, corr = str(uuid.uuid4()), str(uuid.uuid4())
    ts = datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M:%SZ")
    return status, {"error": error, "error_description": f"AADSTS{code}: {text}\r\nTrace ID: {trace}\r\n"
                    f"Correlation ID: {corr}\r\nTimestamp: {ts}", "error_codes": [code], "timestamp": ts,
                    "trace_id": trace, "correlation_id": corr,
                    "error_uri": f"https://login.microsoftonline.com/error?code={code}"}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "Microsoft-IIS/10.0"
    sys_version = ""

    def log_message(self, *a):
        pass

    def send(self, status, obj=None, raw=None, ctype="application/json; charset=utf-8", headers=()):
        body = raw if raw is not None else json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def record(self, entry):
        with self.server.lock, open(self.server.log, "a") as f:
            f.write(json.dumps(entry) + "\n")

    def do_GET(self):
        parts = self.path.split("?")[0].strip("/").split("/")
        if len(parts) == 4 and parts[1:] == ["v2.0", ".well-known", "openid-configuration"]:
            t = parts[0].lower()
            self.record({"path": self.path, "method": "GET"})
            if t not in (TENANT,) + DOMAINS + (USGOV_TENANT, ESCAPE_TENANT):
                st, body = ms_error(400, "invalid_tenant", 90002,
                                    f"Tenant '{parts[0]}' not found. Check to make sure you have the correct "
                                    "tenant ID and are signing into the correct cloud.")
                del body["error_codes"]  # discovery answers carry none
                return self.send(st, body)
            host = self.headers.get("Host")
            gov = t == USGOV_TENANT
            if t == ESCAPE_TENANT:
                return self.send(200, {"token_endpoint": f"https://{host}/{TENANT}/oauth2/v2.0/token",
                                       "issuer": "https://evil.example/" + ESC, "tenant_region_scope": "WW" + ESC,
                                       "cloud_instance_name": "microsoftonline.com.evil.example" + ESC})
            return self.send(200, {
                "token_endpoint": f"https://{host}/{TENANT}/oauth2/v2.0/token",
                "issuer": f"https://login.microsoftonline.{'us' if gov else 'com'}/{TENANT}/v2.0",
                "tenant_region_scope": "USG" if gov else "WW",
                "cloud_instance_name": "microsoftonline.us" if gov else "microsoftonline.com"})
        self.send(*ms_error(404, "invalid_request", 900561, "The endpoint only accepts POST requests."))

    def do_POST(self):
        parts = self.path.split("?")[0].strip("/").split("/")
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        form = {k: v[0] for k, v in urllib.parse.parse_qs(raw.decode("utf-8", "replace"), keep_blank_values=True).items()}
        red = {k: (f"<{len(v)} chars>" if k in ("client_secret", "client_assertion") else v) for k, v in form.items()}
        self.record({"path": self.path, "method": "POST", "ctype": self.headers.get("Content-Type"),
                     "form": red})
        if len(parts) != 4 or parts[1:] != ["oauth2", "v2.0", "token"]:
            return self.send(*ms_error(404, "invalid_request", 90027, "Invalid request path."))
        cid = form.get("client_id", "")
        if cid in FAULTS:
            return self.fault(FAULTS[cid], cid)
        tenant = parts[0].lower()
        if tenant in ("common", "consumers"):
            return self.send(*ms_error(400, "invalid_request", 9001023, "The grant type isn't supported over "
                                       "the /common or /consumers endpoints."))
        if tenant not in (TENANT,) + DOMAINS:
            return self.send(*ms_error(400, "invalid_request", 90002, f"Tenant '{parts[0]}' not found."))
        if (self.headers.get("Content-Type") or "").split(";")[0] != "application/x-www-form-urlencoded":
            return self.send(*ms_error(400, "invalid_request", 900144, "The request body must contain the "
                                       "following parameter: 'grant_type'."))
        if form.get("grant_type") != "client_credentials":
            return self.send(*ms_error(400, "unsupported_grant_type", 70003, "unsupported grant type"))
        app = APPS.get(cid)
        if app is None:
            return self.send(*ms_error(400, "unauthorized_client", 700016,
                                       f"Application with identifier '{cid}' was not found in the directory "
                                       f"'{TENANT}'. You may have sent your authentication request to the wrong tenant."))
        scope = form.get("scope", "")
        if not scope.endswith("/.default"):
            return self.send(*ms_error(400, "invalid_scope", 1002012, f"The provided value for scope {scope} "
                                       "is not valid. Client credential flows must have a scope value with /.default."))
        if scope[:-9] != RESOURCE:
            return self.send(*ms_error(400, "invalid_resource", 500011, f"The resource principal named "
                                       f"{scope[:-9]} was not found in the tenant named {TENANT}."))
        if app.get("token") == "public":
            return self.send(*ms_error(401, "invalid_client", 700025, "Client is public so neither "
                                       "'client_assertion' nor 'client_secret' should be presented."))
        if app.get("token") == "disabled":
            return self.send(*ms_error(400, "unauthorized_client", 7000112, f"Application '{cid}' is disabled."))
        if "client_assertion" in form:
            err = self.check_assertion(form, app, cid)
            if err:
                return self.send(*err)
            acr = "2"
        elif form.get("client_secret"):
            if form["client_secret"] not in app["secrets"]:
                return self.send(*ms_error(401, "invalid_client", 7000215, "Invalid client secret provided. "
                                           "Ensure the secret being sent in the request is the client secret "
                                           f"value, not the client secret ID, for a secret added to app '{cid}'."))
            if app.get("expired"):
                return self.send(*ms_error(401, "invalid_client", 7000222, f"The provided client secret keys "
                                           f"for app '{cid}' are expired."))
            acr = "1"
        else:
            return self.send(*ms_error(401, "invalid_client", 7000218, "The request body must contain the "
                                       "following parameter: 'client_assertion' or 'client_secret'."))
        tok = access_token(self.server.keys, cid, app, acr)
        self.send(200, {"token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599, "access_token": tok})

    def check_assertion(self, form, app, cid):
        not_registered = ms_error(401, "invalid_client", 700027, "The certificate with identifier used to sign "
                                  "the client assertion is not registered on application. [Reason - The key was not found.]")
        if form.get("client_assertion_type") != ASSERTION_TYPE:
            return ms_error(400, "invalid_request", 50027, "Invalid JWT token.")
        try:
            h64, c64, s64 = form["client_assertion"].split(".")
            h, c = json.loads(b64u_dec(h64)), json.loads(b64u_dec(c64))
        except Exception:
            return ms_error(401, "invalid_client", 50027, "JWT token is invalid or malformed.")
        keys = self.server.keys
        if not app.get("cert") or h.get("x5t") != keys.client_x5t or h.get("alg") != "RS256":
            return not_registered
        try:
            keys.client_pub.verify(b64u_dec(s64), f"{h64}.{c64}".encode(), padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature:
            return ms_error(401, "invalid_client", 50012, "Client assertion failed signature validation.")
        if c.get("aud") != f"https://{self.headers.get('Host')}{self.path}":
            return ms_error(401, "invalid_client", 700212, f"No matching federated identity record found for "
                            f"presented assertion audience '{c.get('aud')}'.")
        if c.get("iss") != cid or c.get("sub") != cid:
            return ms_error(401, "invalid_client", 700021, "Client assertion application identifier doesn't match.")
        now = time.time()
        if not isinstance(c.get("exp"), (int, float)) or c["exp"] < now or c.get("nbf", 0) > now + 300:
            return ms_error(401, "invalid_client", 700024, "Client assertion is not within its valid time range.")
        return None

    def fault(self, kind, cid):
        n = self.server.bump(cid)
        ok = lambda: self.send(200, {"token_type": "Bearer", "expires_in": 3599,
                                     "access_token": access_token(self.server.keys, cid,
                                                                  {"roles": BOTH}, "1")})
        if kind == "500":
            return self.send(500, raw=b"<html><body><h1>Internal Server Error</h1></body></html>", ctype="text/html")
        if kind == "503":
            return self.send(503, raw=b"Service Unavailable", ctype="text/plain", headers=[("Retry-After", "1")])
        if kind == "429":
            return self.send(429, raw=b"Too Many Requests", ctype="text/plain", headers=[("Retry-After", "1")])
        if kind == "429-then-ok":
            if n % 2 == 1:
                return self.send(429, raw=b"Too Many Requests", ctype="text/plain", headers=[("Retry-After", "1")])
            return ok()
        if kind == "503-then-ok":
            if n % 2 == 1:
                return self.send(503, raw=b"Service Unavailable", ctype="text/plain", headers=[("Retry-After", "0")])
            return ok()
        if kind == "unknown-code":
            return self.send(*ms_error(400, "invalid_request", 9999999, "A brand-new failure nobody has catalogued yet."))
        if kind == "escape":
            st, body = ms_error(400, "invalid_client" + ESC, 7000215, "Invalid client secret provided." + ESC)
            body.update(trace_id=ESC, correlation_id=ESC, timestamp=ESC)
            return self.send(st, body)
        if kind in ("stall", "dribble"):
            # Headers at once, then nothing (or one byte every half second): only a deadline ends it.
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.flush()
            for _ in range(240):
                if kind == "dribble":
                    self.wfile.write(b" ")
                    self.wfile.flush()
                time.sleep(0.5)
            return None
        if kind == "huge-expiry":
            return self.send(200, raw=b'{"token_type":"Bearer","expires_in":1e19,"access_token":"' +
                             access_token(self.server.keys, cid, {"roles": BOTH}, "1").encode() + b'"}')
        if kind == "huge-expiry-string":
            return self.send(200, {"token_type": "Bearer", "expires_in": "99999999999999999999999",
                                   "access_token": access_token(self.server.keys, cid, {"roles": BOTH}, "1")})
        if kind in ("429-json", "503-json"):
            # Microsoft's own words with the status: a throttled or unavailable service, nothing to fix
            st, body = (ms_error(429, "invalid_request", 50196, "The server terminated an operation because "
                                 "it encountered a client request loop.") if kind == "429-json" else
                        ms_error(503, "temporarily_unavailable", 90033, "A transient error has occurred. "
                                 "Please try again."))
            body_bytes = json.dumps(body).encode()
            self.send_response(st)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body_bytes)))
            self.send_header("Retry-After", "1")
            self.end_headers()
            self.wfile.write(body_bytes)
            return None
        if kind == "huge-retry-after":
            return self.send(429, raw=b"Too Many Requests", ctype="text/plain",
                             headers=[("Retry-After", "99999999999999999999")])
        if kind == "badjson":
            return self.send(200, raw=b'{"token_type":"Bearer","expires_in":35')
        if kind == "html":
            return self.send(200, raw=b"<!DOCTYPE html><html><body>Please sign in to the proxy</body></html>",
                             ctype="text/html")
        if kind == "huge":
            return self.send(200, raw=b'{"access_token":"' + b"A" * (2 << 20) + b'"}')
        if kind == "hang":
            time.sleep(60)
            return None
        if kind == "close":
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return None
        if kind == "opaque":
            return self.send(200, {"token_type": "Bearer", "expires_in": 3599, "access_token": "opaque-EwBwA8l6BAAU"})
        if kind == "notoken":
            return self.send(200, {"token_type": "Bearer", "expires_in": 3599})
        if kind == "redirect":
            return self.send(302, raw=b"", ctype="text/plain", headers=[("Location", "https://login.example.invalid/")])
        return None


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    # Many profiles ask for tokens at once: a backlog of 5 would drop connections (a 1 s retry).
    request_queue_size = 256
    allow_reuse_address = True

    def get_request(self):
        sock, addr = self.socket.accept()
        sock.settimeout(90)
        return self.ctx.wrap_socket(sock, server_side=True, do_handshake_on_connect=False), addr

    def handle_error(self, request, client_address):
        pass

    def bump(self, key):
        with self.lock:
            self.counts[key] = self.counts.get(key, 0) + 1
            return self.counts[key]


def main():
    state = sys.argv[1]
    host = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--host" else "127.0.0.1"
    if host not in ("127.0.0.1", "::1"):
        sys.exit("loopback only")
    Server.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
    srv = Server((host, 0), Handler)
    srv.keys = Keys(state)
    srv.lock = threading.Lock()
    srv.counts = {}
    os.makedirs(os.path.join(state, "run"), exist_ok=True)
    srv.log = os.path.join(state, "run", "token.log")
    srv.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    srv.ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    srv.ctx.load_cert_chain(*srv.keys.server)
    h = f"[{host}]" if ":" in host else host
    print(f"LISTENING https://{h}:{srv.server_address[1]}", flush=True)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    srv.serve_forever(poll_interval=0.2)


if __name__ == "__main__":
    main()
