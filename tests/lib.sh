# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash
# Sourced by the shell tests: TAP output, a private HOME, and the loopback rig (token stand-in,
# Dovecot, Postfix), started and stopped by the test itself on ephemeral loopback ports.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
BIN=$top_builddir/o365-oauth-setup
PY=/usr/bin/python3
RIG=$top_srcdir/tests/rig
T=0
FAILED=0
TMP=$(mktemp -d /tmp/o365t.XXXXXX)
STATE=$TMP/s
mkdir -p "$STATE/run"
chmod 755 "$TMP" "$STATE"
export HOME=$TMP/home XDG_CONFIG_HOME=$TMP/config LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
unset NO_COLOR HTTPS_PROXY https_proxy http_proxy ALL_PROXY
mkdir -p "$HOME"
CLEANUPS=()
at_exit() { CLEANUPS+=("$1"); }
_cleanup() {
	local i
	for ((i = ${#CLEANUPS[@]} - 1; i >= 0; i--)); do eval "${CLEANUPS[$i]}" >/dev/null 2>&1; done
	if [ "$FAILED" = 0 ]; then rm -rf "$TMP"; else echo "# kept $TMP for inspection"; fi
}
trap _cleanup EXIT

ok() { T=$((T + 1)); echo "ok $T - $1"; }
not_ok() {
	T=$((T + 1)); FAILED=$((FAILED + 1)); echo "not ok $T - $1"; shift
	local l; for l in "$@"; do printf '%s\n' "$l" | sed 's/^/# /'; done
}
skip() { T=$((T + 1)); echo "ok $T - $1 # SKIP $2"; }
done_testing() { echo "1..$T"; exit 0; }

# run CMD...: runs with no stdin; sets RC, OUT (stdout+stderr in $TMP/out)
run() { "$@" </dev/null >"$TMP/out" 2>&1; RC=$?; }
# run_stdin TEXT CMD...
run_stdin() { local in=$1; shift; printf '%s\n' "$in" | "$@" >"$TMP/out" 2>&1; RC=$?; }
output() { cat "$TMP/out"; }

# expect NAME RC [PATTERN...]: exit status and extended regexps that must all appear
expect() {
	local name=$1 want=$2 p miss=""; shift 2
	for p in "$@"; do grep -Eq -- "$p" "$TMP/out" || miss="$miss [$p]"; done
	if [ "$RC" = "$want" ] && [ -z "$miss" ]; then ok "$name"; else
		not_ok "$name" "exit $RC (want $want)${miss:+; missing:$miss}" "$(head -c 3000 "$TMP/out")"
	fi
}
# refute NAME PATTERN: must not appear in the last output
refute() { if grep -Eq -- "$2" "$TMP/out"; then not_ok "$1" "found [$2]" "$(head -c 2000 "$TMP/out")"; else ok "$1"; fi; }

# speak LL: the program speaks LL from here on, as for an admin whose locale is LL's: the catalogue
# is compiled from po/LL.po (O365_LOCALEDIR), and LL's UTF-8 locale is generated with localedef
# under $TMP (LOCPATH), or C.UTF-8 with LANGUAGE=LL where the locale sources are not installed.
speak() {
	local ll=$1 loc
	loc=$(sed -n "s/^$ll[ \t]*//p" <<<$'de\tde_DE\nhr\thr_HR')
	mkdir -p "$TMP/locale/$ll/LC_MESSAGES"
	msgfmt -c -o "$TMP/locale/$ll/LC_MESSAGES/o365-oauth-setup.mo" "$top_srcdir/po/$ll.po" ||
		{ echo "Bail out! po/$ll.po does not compile"; exit 1; }
	export O365_LOCALEDIR=$TMP/locale LANGUAGE=$ll
	mkdir -p "$TMP/loc"
	if [ -n "$loc" ] && { [ -d "$TMP/loc/$loc.UTF-8" ] ||
		localedef -i "$loc" -f UTF-8 "$TMP/loc/$loc.UTF-8" >/dev/null 2>&1; }; then
		export LOCPATH=$TMP/loc
		export LSAN_OPTIONS="suppressions=$top_srcdir/tests/lsan-locale.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
		# bash itself cannot load the locale (LOCPATH reaches only its children): no warning
		{ export LANG=$loc.UTF-8 LC_ALL=$loc.UTF-8; } 2>/dev/null
	else
		echo "# no locale sources for ${loc:-$ll}: C.UTF-8 with LANGUAGE=$ll"
		export LANG=C.UTF-8 LC_ALL=C.UTF-8
	fi
}
# speak_english: back to the untranslated program
speak_english() { unset O365_LOCALEDIR LANGUAGE LOCPATH; export LANG=C.UTF-8 LC_ALL=C.UTF-8; }

rig_pki() { "$PY" "$RIG/pki.py" "$STATE" || { echo "Bail out! test PKI failed"; exit 1; }; CA=$STATE/pki/ca.pem; }

# token_start: the token-endpoint stand-in on an ephemeral port; sets AUTHORITY
token_start() {
	local fifo=$TMP/token.fifo line=""
	[ -n "${CA:-}" ] || rig_pki
	mkfifo "$fifo"
	"$PY" "$RIG/token_server.py" "$STATE" >"$fifo" 2>"$STATE/run/token.err" &
	TOKEN_PID=$!
	at_exit "kill $TOKEN_PID"
	read -r line <"$fifo" # blocks until the server listens (or dies: empty line)
	AUTHORITY=${line#LISTENING }
	EP=(--authority "$AUTHORITY" --cacert "$CA")
	[ -n "$line" ] || { echo "Bail out! token stand-in did not start: $(cat "$STATE/run/token.err")"; exit 1; }
}

TENANT=72f988bf-86f1-41af-91ab-2d7cd011db47
APP=11111111-2222-3333-4444-555555555555
SECRET='bP88Q~rcBcYjzzOhg1Hnn76Wm3jGgakZiZ.8vMgR'
NEW_SECRET='Xy71Q~NewSecretValueForRotation.abcdEFGH'
SECRET_ID=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee
OID=99999999-8888-7777-6666-555555555555
EXPIRY=$(date -u -d '+200 days' +%F)

# Endpoints never come from answers files: --batch runs add "${EP[@]}" (token stand-in and CA,
# set by token_start) and "${MAIL_EP[@]}" (mail servers, set by the test).
EP=()
MAIL_EP=()
# answers FILE CLIENT_ID [TENANT] [DELIVERY true|false] [extra JSON members]
answers() {
	local f=$1 cid=$2 ten=${3:-$TENANT} dn=${4:-true} extra=${5:-}
	cat >"$f" <<JSON
{ "tenant": "$ten", "client_id": "$cid", "secret_expiry": "$EXPIRY",
  "mail_server": { "username": "box@example.test", "sender": "box@example.test",
                   "delivery_notifications": $dn }${extra:+, $extra} }
JSON
}

# lines_start: the Exchange-texts line server; sets LINES_IMAP LINES_SMTP LINES_NOTLS LINES_NOXOAUTH2
# LINES_IMAP_BUSY LINES_SMTP_BUSY LINES_IMAP_FLAKY LINES_SMTP_FLAKY (busy every other connection)
lines_start() {
	local fifo=$TMP/lines.fifo line=""
	[ -n "${CA:-}" ] || rig_pki
	mkfifo "$fifo"
	"$PY" "$RIG/exchange_lines.py" "$STATE" >"$fifo" 2>"$STATE/run/lines.err" &
	at_exit "kill $!"
	read -r line <"$fifo"
	[ -n "$line" ] || { echo "Bail out! line server did not start: $(cat "$STATE/run/lines.err")"; exit 1; }
	# shellcheck disable=SC2086
	set -- ${line#LISTENING }
	LINES_IMAP=$1 LINES_SMTP=$2 LINES_NOTLS=$3 LINES_NOXOAUTH2=$4 LINES_IMAP_BUSY=${5:-} LINES_SMTP_BUSY=${6:-}
	LINES_IMAP_FLAKY=${7:-} LINES_SMTP_FLAKY=${8:-}
}
. "$RIG/mailrig.sh"

# delay_start RTT_MS PORT...: a delaying proxy (tests/rig/delayproxy.py) in front of each port;
# sets DELAYED to the proxy ports, in the same order
delay_start() {
	local fifo=$TMP/delay.$1.fifo line=""
	mkfifo "$fifo"
	"$PY" "$RIG/delayproxy.py" "$@" >"$fifo" 2>"$STATE/run/delay.$1.err" &
	at_exit "kill $!"
	read -r line <"$fifo"
	[ -n "$line" ] || { echo "Bail out! delaying proxy did not start: $(cat "$STATE/run/delay.$1.err")"; exit 1; }
	DELAYED=${line#LISTENING }
}
