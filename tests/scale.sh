#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks at scale over a link with latency: 100 mailboxes through the delaying proxy, queued
# logins that are not timed out for waiting, every profile at once (--check --all), and the
# benchmark once in its quick mode. Needs root (Dovecot and Postfix), as tests/mail.sh does.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
if [ "$(id -u)" != 0 ] || ! command -v dovecot >/dev/null || ! command -v postfix >/dev/null; then
	echo "1..0 # SKIP needs root, dovecot and postfix (./quickstart.sh test installs them)"
	exit 0
fi
token_start
mailrig_start
delay_start 100 "${AUTHORITY##*:}" "$IMAP_PORT" "$SMTP_PORT"
# shellcheck disable=SC2086
set -- $DELAYED
AUTHORITY=https://127.0.0.1:$1
EP=(--authority "$AUTHORITY" --cacert "$CA")
MAIL_EP=(--imap-server "127.0.0.1:$2" --smtp-server "127.0.0.1:$3")

# profile NAME N [CLIENT_ID]: a saved profile for mailboxes mbx01..mbxN behind the proxy
profile() {
	local boxes
	boxes=$(for i in $(seq 1 "$2"); do printf '"mbx%02d@example.test",' "$i"; done)
	answers "$TMP/$1.answers" "${3:-$APP}" "$TENANT" true "\"mailboxes\": [${boxes%,}]"
	run_stdin "$SECRET" "$BIN" --batch "$TMP/$1.answers" "${EP[@]}" "${MAIL_EP[@]}" --config "$TMP/$1.json" --secret-stdin \
		--save-unverified --token-only
}

profile hundred 100
run "$BIN" --check --config "$TMP/hundred.json"
expect "100 mailboxes through a 100 ms link: all pass" 0 "OK +imap:mbx100@example.test" "OK +smtp:mbx100@example.test"
[ "$(grep -c '^OK  *\(imap\|smtp\):mbx' "$TMP/out")" = 200 ] && ok "100 mailboxes: 200 logins reported OK" ||
	not_ok "100 mailboxes: 200 logins reported OK" "$(grep -v '^OK' "$TMP/out" | head -20)"

# Two connections per server and a 2 s limit per request, for 12 mailboxes that each take about
# 1 s over this link: the later logins wait several seconds for a slot, which must not count.
profile queued 12
run env O365_MAIL_CONNECTIONS=2 "$BIN" --check --config "$TMP/queued.json" --timeout 2
expect "a login waiting its turn is not timed out by the wait" 0 "OK +smtp:mbx12@example.test"
refute "no time-out reported" "did not answer in time|[Tt]imed out"

# A busy server ("* BYE Connection queue full", "421 4.3.2") is asked again with a pause, and
# reported as busy (exit 7) only when it stays busy; one that lets the second try in passes.
lines_start
SAVED_EP=("${MAIL_EP[@]}")
MAIL_EP=(--imap-server "127.0.0.1:$LINES_IMAP_BUSY" --smtp-server "127.0.0.1:$LINES_SMTP_BUSY")
answers "$TMP/busy.answers" "$APP" "$TENANT" true '"mailboxes": ["box@example.test"]'
run_stdin "$SECRET" "$BIN" --batch "$TMP/busy.answers" "${EP[@]}" "${MAIL_EP[@]}" --config "$TMP/busy.json" --secret-stdin --save-unverified
run "$BIN" --check --config "$TMP/busy.json" --transcript "$TMP/busy.txt"
expect "a server that stays busy: exit 7, asked three times" 7 "FAIL +imap:box@example.test .*busy" \
	"FAIL +smtp:box@example.test .*421 4.3.2" "busy at each of 3 tries"
[ "$(grep -c 'the server is busy: trying again' "$TMP/busy.txt")" = 4 ] &&
	ok "the transcript shows each wait" || not_ok "the transcript shows each wait" "$(cat "$TMP/busy.txt")"
MAIL_EP=(--imap-server "127.0.0.1:$LINES_IMAP_FLAKY" --smtp-server "127.0.0.1:$LINES_SMTP_FLAKY")
answers "$TMP/flaky.answers" "$APP" "$TENANT" true '"mailboxes": ["box@example.test"]'
run_stdin "$SECRET" "$BIN" --batch "$TMP/flaky.answers" "${EP[@]}" "${MAIL_EP[@]}" --config "$TMP/flaky.json" --secret-stdin --save-unverified \
	--token-only
run "$BIN" --check --config "$TMP/flaky.json"
expect "busy at the first try, in at the second: the check passes" 0 "OK +imap:box@example.test" \
	"OK +smtp:box@example.test"
MAIL_EP=("${SAVED_EP[@]}")

# Every profile at once: a good one, a bigger one, one refused, one that cannot be read.
export XDG_CONFIG_HOME=$TMP/cfg
dir=$XDG_CONFIG_HOME/o365-oauth-setup
mkdir -p "$dir" && chmod 700 "$XDG_CONFIG_HOME" "$dir"
profile one 1 && cp "$TMP/one.json" "$dir/alpha.json"
profile twenty 20 && cp "$TMP/twenty.json" "$dir/bravo.json"
profile norole 1 44444444-5555-6666-7777-888888888888 && cp "$TMP/norole.json" "$dir/charlie.json"
chmod 600 "$dir"/*.json
run "$BIN" --check --all "${EP[@]}" "${MAIL_EP[@]}"
expect "--check --all: one line per profile, worst status (5: a permission missing)" 5 \
	"^alpha +OK +all checks passed" "^bravo +OK" "^charlie +FAIL +step 3 .*IMAP.AccessAsApp" \
	"1 of 3 profiles FAILED"
printf '{ not json' >"$dir/delta.json" && chmod 600 "$dir/delta.json"
run "$BIN" --list --check "${EP[@]}" "${MAIL_EP[@]}"
expect "--list --check: the same, an unreadable profile is a configuration failure (3)" 3 \
	"^alpha +OK" "^delta +FAIL" "2 of 4 profiles FAILED"
run "$BIN" --check --all --nagios "${EP[@]}" "${MAIL_EP[@]}"
expect "--check --all --nagios: a line and perfdata per profile, worst first" 2 \
	"^O365-OAUTH CRITICAL - charlie: " "O365-OAUTH OK - alpha: all checks passed.*'alpha days_left'=" \
	"'bravo smtp_time'=[0-9.]+s" "O365-OAUTH UNKNOWN - delta: "
[ "$(head -1 "$TMP/out" | cut -c1-19)" = "O365-OAUTH CRITICAL" ] && [ "$(wc -l <"$TMP/out")" = 4 ] &&
	ok "--nagios: four lines, the worst first" || not_ok "--nagios: four lines, the worst first" "$(output)"
rm "$dir/delta.json" "$dir/charlie.json"
run "$BIN" --check --all --quiet "${EP[@]}" "${MAIL_EP[@]}"
expect "--check --all --quiet: nothing to say when all pass" 0
[ ! -s "$TMP/out" ] && ok "--quiet prints nothing" || not_ok "--quiet prints nothing" "$(output)"
run "$BIN" --check --all --profile alpha
expect "--all does not take --profile" 2 "--all goes with --check"
unset XDG_CONFIG_HOME

# The benchmark itself, once, quickly (its goals are not enforced here).
if command -v curl >/dev/null && command -v dialog >/dev/null && [ -x /usr/bin/time ] &&
	[ -s /etc/ssl/certs/ca-certificates.crt ]; then
	run "$top_srcdir/bench/run" --quick --out "$TMP/RESULTS.md" "$top_builddir"
	expect "bench/run --quick completes and writes its report" 0 "goals met, [0-9]+ missed"
	grep -q '^| `--check`, 100 mailboxes | [0-9.]* s | [0-9.]* s |$' "$TMP/RESULTS.md" &&
		grep -q "^| the wizard" "$TMP/RESULTS.md" && grep -q "^| 100 mailboxes pass, RTT 50 ms (failed runs) | 0 runs" "$TMP/RESULTS.md" &&
		ok "the report has the medians, the first frames and a passing 100-mailbox run" ||
		not_ok "the report has the medians, the first frames and a passing 100-mailbox run" "$(cat "$TMP/RESULTS.md")"
else
	skip "bench/run --quick" "needs curl, dialog, time and ca-certificates"
	skip "bench report" "needs curl, dialog, time and ca-certificates"
fi
done_testing
