#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The measuring half of bench/run (which starts the stand-ins and exports what this needs).

Every case runs under /usr/bin/time -v (CPU and peak RSS) with the wall time taken here. Cases are
paired: each round runs every case once, in turn, so drift on the machine hits all of them alike;
the report gives medians over the rounds and the ratios the goals are stated in."""
import json
import os
import platform
import pty
import re
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

E = os.environ
BIN, TMP, BUNDLE, TESTCA = E["BIN"], E["TMP"], E["BUNDLE"], E["TESTCA"]
QUICK = E.get("QUICK") == "1"
ROUNDS = 1 if QUICK else int(E.get("BENCH_ROUNDS", "5"))
PROXIES = [tuple(int(x) for x in p.split(":")) for p in E["PROXIES"].split()]
SCOPE = "https://outlook.office365.com/.default"
BOX = "mbx01@example.test"


def timed(cmd, env=None):
    """Runs cmd; returns wall, cpu (user+sys) seconds, peak RSS KiB, exit status, output."""
    tf = os.path.join(TMP, "time.out")
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v", "-o", tf] + cmd, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    wall = time.perf_counter() - t0
    text = open(tf).read()
    num = lambda k: float(re.search(re.escape(k) + r": ([\d.]+)", text).group(1))
    return {"wall": wall, "cpu": num("User time (seconds)") + num("System time (seconds)"),
            "rss": int(num("Maximum resident set size (kbytes)")), "rc": p.returncode,
            "out": p.stdout.decode(errors="replace")}


def first_frame(cmd, marker, env):
    """Seconds from spawn to the marker on a real 80x24 pseudo-terminal; the child is then ended."""
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        import fcntl, struct, termios
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        os.execvpe(cmd[0], cmd, env)
    seen, took = b"", None
    end = t0 + 10
    while time.perf_counter() < end:
        r, _, _ = select.select([fd], [], [], 0.5)
        if r:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
            if marker in seen:
                took = time.perf_counter() - t0
                break
    os.kill(pid, signal.SIGTERM)
    os.waitpid(pid, 0)
    os.close(fd)
    return took


def profile_for(rtt, ports, n, ca=BUNDLE):
    """The n-mailbox profile pointed at the proxy for this RTT (or straight at the servers)."""
    tok, imap, smtp = ports
    p = json.load(open(os.path.join(TMP, f"m{n}.json")))
    ep = p.setdefault("endpoints", {})
    ep["authority"] = f"https://127.0.0.1:{tok}"
    ep["imap"] = f"127.0.0.1:{imap}"
    ep["smtp"] = f"127.0.0.1:{smtp}"
    ep["ca_file"] = ca
    path = os.path.join(TMP, f"r{rtt}-m{n}{'-oneca' if ca != BUNDLE else ''}.json")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(p, f, indent=2)
    return path


def curl_token(tok):
    return ["curl", "-sS", "--fail-with-body", "--cacert", BUNDLE,
            "-d", "grant_type=client_credentials", "-d", f"client_id={E['APP']}",
            "--data-urlencode", f"client_secret={E['SECRET']}", "--data-urlencode", f"scope={SCOPE}",
            f"https://127.0.0.1:{tok}/{E['TENANT']}/oauth2/v2.0/token"]


def curl_imap(port, token):
    return ["curl", "-sS", "--cacert", BUNDLE, "--login-options", "AUTH=XOAUTH2", "--oauth2-bearer",
            token, "-u", BOX + ":", "-X", "EXAMINE INBOX", f"imaps://127.0.0.1:{port}/"]


def curl_smtp(port, token):
    return ["curl", "-sS", "--cacert", BUNDLE, "--ssl-reqd", "--login-options", "AUTH=XOAUTH2",
            "--oauth2-bearer", token, "-u", BOX + ":", "-X", "NOOP", f"smtp://127.0.0.1:{port}/"]


def shell_quote(args):
    return " ".join("'" + a.replace("'", "'\\''") + "'" for a in args)


def main():
    token = json.loads(subprocess.run(curl_token(PROXIES[0][1]), capture_output=True,
                                      check=True).stdout)["access_token"]
    cases = {}  # name -> (cmd, env)
    home = tempfile.mkdtemp(dir=TMP)
    wenv = dict(os.environ, TERM="xterm", LANG="C.UTF-8", HOME=home,
                XDG_CONFIG_HOME=os.path.join(home, ".config"))
    wenv.pop("O365_SCRIPT", None)
    for rtt, tok, imap, smtp in PROXIES:
        ports = (tok, imap, smtp)
        for n in (1, 20, 100):
            cases[f"check{n}@{rtt}"] = [BIN, "--check", "--config", profile_for(rtt, ports, n)]
        cases[f"tokenonly@{rtt}"] = [BIN, "--check", "--token-only", "--config",
                                     profile_for(rtt, ports, 1)]
        # The same three requests with the curl tool, one after the other.
        seq = (f"t=$({shell_quote(curl_token(tok))} | sed -n 's/.*\"access_token\": *\"\\([^\"]*\\)\".*/\\1/p')"
               f" && {shell_quote(curl_imap(imap, 'TOKEN'))} >/dev/null && "
               f"{shell_quote(curl_smtp(smtp, 'TOKEN'))} >/dev/null")
        seq = seq.replace("'TOKEN'", '"$t"')
        cases[f"curlseq@{rtt}"] = ["bash", "-c", seq]
        cases[f"curltoken@{rtt}"] = curl_token(tok)
        cases[f"curlimap@{rtt}"] = curl_imap(imap, token)
        cases[f"curlsmtp@{rtt}"] = curl_smtp(smtp, token)
    cases["oneca100"] = [BIN, "--check", "--config",
                         profile_for(PROXIES[0][0], PROXIES[0][1:], 100, TESTCA)]
    cases["oneca1"] = [BIN, "--check", "--config", profile_for(PROXIES[0][0], PROXIES[0][1:], 1, TESTCA)]

    res = {k: [] for k in cases}
    frames = {"wizard": [], "dialog": []}
    # One unmeasured round first: the servers fork their login and mail processes once (they are
    # reused afterwards), so what the rounds measure is the program, not a cold server.
    if not QUICK:
        for k in cases:
            timed(cases[k])
    for rnd in range(ROUNDS):
        names = list(cases)
        # rotate the order each round so no case always runs first
        names = names[rnd % len(names):] + names[:rnd % len(names)]
        for k in names:
            res[k].append(timed(cases[k]))
            print(f"# round {rnd + 1}/{ROUNDS} {k}: {res[k][-1]['wall']:.3f} s rc={res[k][-1]['rc']}",
                  file=sys.stderr, flush=True)
        for _ in range(1 if QUICK else 3):
            frames["wizard"].append(first_frame([BIN], b"Step 0", wenv))
            frames["dialog"].append(first_frame(["dialog", "--msgbox", "benchmark message", "8", "40"],
                                                b"benchmark message", dict(wenv, DIALOGRC="/dev/null")))
    report(res, frames, cases, token)


def med(runs, key="wall"):
    return statistics.median(r[key] for r in runs)


def version(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=10)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "?"


def nagios_profile(cmd):
    """A phase profile of one run: the program's own monitoring line (token, IMAP, SMTP times)."""
    out = subprocess.run(cmd + ["--nagios"], capture_output=True, text=True).stdout
    return out.split("|", 1)[1].strip() if "|" in out else out.strip()


def smaps_profile(cmd):
    """Resident memory by mapping at the sampled peak: libraries, heap and anonymous memory."""
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    best, best_total = {}, 0
    while p.poll() is None:
        agg, name = {}, "?"
        try:
            with open(f"/proc/{p.pid}/smaps") as f:
                for line in f:
                    head = line.split()
                    if "-" in head[0] and len(head) >= 5 and not head[0].endswith(":"):
                        name = os.path.basename(head[5]) if len(head) > 5 else "[anonymous]"
                    elif head[0] == "Rss:":
                        agg[name] = agg.get(name, 0) + int(head[1])
        except (OSError, IndexError, ValueError):
            pass
        total = sum(agg.values())
        if total > best_total:
            best, best_total = agg, total
        time.sleep(0.005)
    top = sorted(best.items(), key=lambda kv: -kv[1])
    libs = sum(v for k, v in best.items() if ".so" in k)
    parts = ", ".join(f"{k} {v / 1024:.1f}" for k, v in top[:8])
    return (f"at the sampled peak {best_total / 1024:.1f} MiB resident, of which shared libraries "
            f"{libs / 1024:.1f} MiB; largest (MiB): {parts}")


def report(res, frames, cases, token):
    lines, goals, missed = [], [], []
    rtts = [p[0] for p in PROXIES]

    def goal(name, value, limit, unit, profile=None):
        ok = value is not None and value <= limit
        goals.append((name, value, limit, unit, ok))
        if not ok and profile:
            missed.append((name, profile()))

    cpu_model = "?"
    for l in open("/proc/cpuinfo"):
        if l.startswith("model name"):
            cpu_model = l.split(":", 1)[1].strip()
            break
    mem = open("/proc/meminfo").readline().split(":")[1].strip()
    lines += ["# Benchmark results", "",
              f"Written by `bench/run{' --quick' if QUICK else ''}` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
              f"{ROUNDS} paired round(s) after {'no' if QUICK else 'one unmeasured'} warm-up round: every case runs once "
              "per round, in turn; medians below. The machine's load from other work is not controlled: "
              f"load average at the end {os.getloadavg()[0]:.2f}.", "",
              "## Machine and versions", "",
              f"- {platform.system()} {platform.release()} {platform.machine()}, {os.cpu_count()} CPU(s): {cpu_model}; {mem} RAM",
              f"- {version([BIN, '--version'])}",
              f"- {version(['curl', '--version'])}",
              f"- {version(['openssl', 'version'])}",
              f"- Dovecot {version(['dovecot', '--version'])}; Postfix "
              f"{version(['postconf', '-c', os.path.join(E['STATE'], 'conf', 'postfix'), '-h', 'mail_version'])}",
              f"- dialog {version(['dialog', '--version']).replace('Version: ', '')}; Python {platform.python_version()}",
              f"- CA file: Debian's bundle ({open(E['SYSCA']).read().count('BEGIN CERTIFICATE')} certificates) plus the test CA",
              "- Link: `tests/rig/delayproxy.py` between the program and every server: each direction "
              "delayed by RTT/2, the TCP handshake charged one RTT; RTT 0 is a direct connection.", "",
              "## Medians", "",
              "| case | " + " | ".join(f"RTT {r} ms" for r in rtts) + " |",
              "|---|" + "---|" * len(rtts)]
    labels = [("check1", "`--check`, 1 mailbox (IMAP + SMTP)"), ("check20", "`--check`, 20 mailboxes"),
              ("check100", "`--check`, 100 mailboxes"), ("tokenonly", "`--check --token-only`"),
              ("curlseq", "curl tool: token, IMAP, SMTP in sequence"), ("curltoken", "curl tool: token alone"),
              ("curlimap", "curl tool: IMAP alone"), ("curlsmtp", "curl tool: SMTP alone")]
    for key, label in labels:
        cells = []
        for r in rtts:
            runs = res[f"{key}@{r}"]
            bad = sum(1 for x in runs if x["rc"] != 0)
            cells.append(f"{med(runs):.3f} s" + (f" (**exit {runs[-1]['rc']} in {bad}/{len(runs)}**)" if bad else ""))
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += ["", "| resources (RTT 0) | wall | CPU | peak RSS |", "|---|---|---|---|"]
    for key, label in [("check1@0", "1 mailbox, Debian's CA bundle"), ("check100@0", "100 mailboxes, Debian's CA bundle"),
                       ("oneca1", "1 mailbox, one-certificate CA"), ("oneca100", "100 mailboxes, one-certificate CA")]:
        r = res[key]
        lines.append(f"| {label} | {med(r):.3f} s | {med(r, 'cpu'):.2f} s | {max(x['rss'] for x in r) / 1024:.1f} MiB |")
    ww = [x for x in frames["wizard"] if x is not None]
    dd = [x for x in frames["dialog"] if x is not None]
    fw = statistics.median(ww) if ww else None
    fd = statistics.median(dd) if dd else None
    lines += ["", "| first frame on an 80x24 pty | median |", "|---|---|",
              f"| the wizard (`o365-oauth-setup`, first run) | {fw * 1000:.1f} ms |" if fw else "| the wizard | never drew |",
              f"| `dialog --msgbox` | {fd * 1000:.1f} ms |" if fd else "| dialog | never drew |"]
    if fw and fd:
        lines.append(f"| the wizard against dialog | {fw / fd:.2f} x |")

    # Goals
    for r in rtts:
        c1, c20, c100 = med(res[f"check1@{r}"]), med(res[f"check20@{r}"]), med(res[f"check100@{r}"])
        prof = lambda r=r, n=100: f"`--nagios` perfdata for {n} mailboxes at RTT {r} ms: " + nagios_profile(cases[f"check{n}@{r}"])
        goal(f"20 vs 1 mailbox, RTT {r} ms", c20 / c1, 2.0, "x", lambda r=r: prof(r, 20))
        if r:
            goal(f"100 vs 1 mailbox, RTT {r} ms", c100 / c1, 3.0, "x", lambda r=r: prof(r, 100))
        fails = sum(1 for x in res[f"check100@{r}"] if x["rc"] != 0)
        goal(f"100 mailboxes pass, RTT {r} ms (failed runs)", fails, 0, "runs",
             lambda r=r: "output of a failed run:\n\n```\n" +
             next((x["out"] for x in res[f"check100@{r}"] if x["rc"]), "")[-3000:] + "\n```")
    rmax = rtts[-1]
    floor = med(res[f"curltoken@{rmax}"]) + max(med(res[f"curlimap@{rmax}"]), med(res[f"curlsmtp@{rmax}"]))
    c1 = med(res[f"check1@{rmax}"])
    goal(f"1 mailbox vs token alone + slowest probe alone (curl), RTT {rmax} ms", c1 / floor, 1.05, "x",
         lambda: f"curl: token {med(res[f'curltoken@{rmax}']):.3f} s, IMAP {med(res[f'curlimap@{rmax}']):.3f} s, "
         f"SMTP {med(res[f'curlsmtp@{rmax}']):.3f} s; the program: " + nagios_profile(cases[f"check1@{rmax}"]))
    goal(f"1 mailbox vs the curl tool in sequence, RTT {rmax} ms", c1 / med(res[f"curlseq@{rmax}"]), 1.0, "x")
    cpu100 = med(res["check100@0"], "cpu")
    goal("CPU, 100 mailboxes, Debian's CA bundle", cpu100, 0.5, "s",
         lambda: f"with a one-certificate CA the same run takes {med(res['oneca100'], 'cpu'):.2f} s CPU")
    rss100 = max(x["rss"] for x in res["check100@0"]) / 1024
    rss1 = max(x["rss"] for r in rtts for x in res[f"check1@{r}"]) / 1024
    goal("peak RSS, 100 mailboxes, Debian's CA bundle", rss100, 16, "MiB",
         lambda: f"with a one-certificate CA: {max(x['rss'] for x in res['oneca100']) / 1024:.1f} MiB; "
         + smaps_profile(cases["check100@0"]) + "; `--version` alone: "
         + f"{timed([BIN, '--version'])['rss'] / 1024:.1f} MiB")
    goal("peak RSS, 1 mailbox", rss1, 12, "MiB",
         lambda: f"with a one-certificate CA: {max(x['rss'] for x in res['oneca1']) / 1024:.1f} MiB; "
         + smaps_profile(cases[f"check1@{rtts[-1]}"]))

    lines += ["", "## Goals", "",
              "Ratios are of medians. \"Token alone + slowest probe alone\" is the curl tool's token "
              "request plus the slower of its IMAP and SMTP logins, each a separate run (each pays its "
              "own start-up and CA file, and curl waits for the LOGOUT or QUIT reply, which the program "
              "does not); the program's one-mailbox check also looks up the tenant, beside the token.", "",
              "| goal | measured | goal | |", "|---|---|---|---|"]
    for name, v, lim, unit, ok in goals:
        vs = "-" if v is None else (f"{v:.2f}" if isinstance(v, float) else str(v))
        lines.append(f"| {name} | {vs} {unit} | <= {lim} {unit} | {'met' if ok else '**missed**'} |")
    if missed:
        lines += ["", "## Profiles of the missed goals", ""]
        for name, prof in missed:
            lines += [f"- **{name}**: {prof}", ""]
        if any("RSS" in name for name, _ in missed):
            lines += ["Reading the memory profiles: resident pages of shared libraries count in RSS. The "
                      "program starts from libcurl's dependency tree (OpenSSL's libcrypto, glibc, and GnuTLS, "
                      "which Debian's libcurl pulls in through librtmp although this program never uses it); "
                      "`--version` alone is shown above, and the libraries' share at the peak. What the "
                      "checks add is the heap: for 100 mailboxes, 200 TLS connections open at once (about "
                      "50 KiB each: OpenSSL's SSL and SSL_CTX objects and handshake buffers, and libcurl's "
                      "handle), with one CA store shared by all of them. Fewer connections at once would "
                      "lower it and lengthen the check; the time goals were chosen over this one.", ""]
    if QUICK:
        lines += ["", "Quick mode: one round at reduced RTTs; the goals are shown, not enforced."]
    with open(E["OUT"], "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    nmiss = sum(1 for g in goals if not g[4])
    print(f"{len(goals) - nmiss} goals met, {nmiss} missed; report in {E['OUT']}")
    sys.exit(0 if QUICK or nmiss == 0 else 1)


if __name__ == "__main__":
    main()
