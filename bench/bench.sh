#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Speed and memory targets, measured (not guessed): start-up, a token check, and the mailbox
# checks for 1 and 20 mailboxes against the loopback rig (which must stay nearly flat: they run
# concurrently on one token), with peak memory. Prints one line per target and exits non-zero
# when one is missed.   Usage: bench/bench.sh [BUILD_DIR]   (root: it starts Dovecot and Postfix)
top_srcdir=$(cd "$(dirname "$0")/.." && pwd)
top_builddir=$(cd "${1:-$top_srcdir/build}" && pwd)
export top_srcdir top_builddir
. "$top_srcdir/tests/lib.sh"
token_start
mailrig_start
MAIL_ENDPOINTS=", \"imap\": \"127.0.0.1:$IMAP_PORT\", \"smtp\": \"127.0.0.1:$SMTP_PORT\""
answers "$TMP/one.json" "$APP" "$TENANT" true '"mailboxes": ["box@example.test"]'
BOXES=$(printf '"mbx%02d@example.test",' $(seq 1 20))
answers "$TMP/twenty.json" "$APP" "$TENANT" true "\"mailboxes\": [${BOXES%,}]"
for p in one twenty; do
	printf '%s\n' "$SECRET" | "$BIN" --batch "$TMP/$p.json" --config "$TMP/$p.profile" --secret-stdin >/dev/null ||
		{ echo "Bail out! cannot create the $p profile"; exit 1; }
done

# measure NAME RUNS CMD...: median wall seconds and the largest peak RSS (KiB) over the runs
measure() {
	"$PY" - "$@" <<'PY'
import resource, statistics, subprocess, sys, time
name, runs, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
times = []
for _ in range(runs):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    times.append(time.perf_counter() - t)
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"{statistics.median(times):.4f} {rss}")
PY
}

fail=0
target() { # target NAME VALUE LIMIT UNIT
	if awk -v v="$2" -v l="$3" 'BEGIN { exit !(v <= l) }'; then
		printf 'PASS  %-42s %10s %s (target <= %s)\n' "$1" "$2" "$4" "$3"
	else
		printf 'FAIL  %-42s %10s %s (target <= %s)\n' "$1" "$2" "$4" "$3"
		fail=$((fail + 1))
	fi
}

read -r t_start rss_start < <(measure start 20 "$BIN" --version)
read -r t_token rss_token < <(measure token 5 "$BIN" --check --config "$TMP/one.profile" --token-only)
read -r t_one rss_one < <(measure one 5 "$BIN" --check --config "$TMP/one.profile")
read -r t_twenty rss_twenty < <(measure twenty 5 "$BIN" --check --config "$TMP/twenty.profile")
ratio=$(awk -v a="$t_twenty" -v b="$t_one" 'BEGIN { printf "%.2f", a / b }')
target "start-up (--version), median" "$t_start" 0.05 s
target "token check, median" "$t_token" 1.0 s
target "1 mailbox, IMAP+SMTP, median" "$t_one" 2.0 s
target "20 mailboxes, IMAP+SMTP, median" "$t_twenty" 4.0 s
target "20 vs 1 mailbox time ratio (nearly flat)" "$ratio" 4.0 x
target "peak memory, 20 mailboxes" "$rss_twenty" 65536 KiB
echo "$((6 - fail)) passed, $fail failed"
[ "$fail" = 0 ]
