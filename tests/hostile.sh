#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Hostile files, profiles and answers met from the command line: each ends with a clear message and
# its exit status, never a crash, a hang or a secret sent somewhere unexpected.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
DIR=$XDG_CONFIG_HOME/o365-oauth-setup

# profile FILE JSON-MEMBERS: a saved profile (0600) with these members.
profile() {
	printf '{ "schema": 1, %s }\n' "$2" >"$1"
	chmod 600 "$1"
}

# Long, quote-heavy values: every generator grows its text as needed and cuts nothing.
Q=$("$PY" -c "print(\"o'\" * 1500)")
profile "$TMP/quotes.json" "\"tenant\": \"$Q\", \"client_id\": \"$Q\", \"app_name\": \"$Q\",
  \"client_secret\": \"$Q\", \"mail_server\": { \"smtp_server\": \"$Q\", \"username\": \"$Q\", \"sender\": \"$Q\" },
  \"mailboxes\": [\"$Q\"], \"service_principal_object_id\": \"$Q\""
run "$BIN" --export env --config "$TMP/quotes.json" --include-secret
if [ "$RC" = 0 ] && (eval "$(cat "$TMP/out")" && [ "$O365_USERNAME" = "$Q" ] && [ "$O365_CLIENT_SECRET" = "$Q" ] &&
	[ "$O365_SENDER" = "$Q" ] && [ "$O365_TENANT_ID" = "$Q" ]); then
	ok "export env: long quote-heavy values come back whole through eval"
else
	not_ok "export env: long quote-heavy values come back whole through eval" "exit $RC" "$(head -c 600 "$TMP/out")"
fi
for fmt in extension-kit json; do
	run "$BIN" --export "$fmt" --config "$TMP/quotes.json" --include-secret
	n=$(grep -o "o'" "$TMP/out" | wc -l)
	[ "$RC" = 0 ] && [ "$n" -ge $((1500 * 6)) ] && ok "export $fmt: long values whole ($n)" ||
		not_ok "export $fmt: long values whole" "exit $RC, $n quotes" "$(head -c 600 "$TMP/out")"
done
run "$BIN" --powershell --config "$TMP/quotes.json"
expect "powershell: long quote-heavy values" 0 "Connect-ExchangeOnline -Organization '(o'')+'$"

# Endpoints: an answers file never decides where the secret and the token go.
token_start
requests() { { wc -l <"$STATE/run/token.log"; } 2>/dev/null || echo 0; }
for ep in "\"authority\": \"$AUTHORITY\"" "\"imap\": \"127.0.0.1:993\"" "\"smtp\": \"127.0.0.1:587\"" \
	"\"ca_file\": \"$CA\""; do
	answers "$TMP/ep.answers" "$APP" "$TENANT" true "\"endpoints\": { $ep }"
	before=$(requests)
	run_stdin "$SECRET" "$BIN" --batch "$TMP/ep.answers" "${EP[@]}" --config "$TMP/ep.json" --secret-stdin --token-only
	expect "answers file with endpoints { ${ep%%:*} } is refused" 3 "never sets endpoints" "--authority, --imap-server"
	[ ! -e "$TMP/ep.json" ] && [ "$(requests)" = "$before" ] && ok "  ... nothing sent, nothing saved" ||
		not_ok "  ... nothing sent, nothing saved"
done
answers "$TMP/good.answers" "$APP"
run_stdin "$SECRET" "$BIN" --batch "$TMP/good.answers" "${EP[@]}" --config "$TMP/good.json" --secret-stdin --token-only
expect "endpoints from the command line are taken" 0 "Token issued"
refute "  ... and draw no warning" "WARN +endpoints"
for bad in "https://login.microsoftonline.com@${AUTHORITY#https://}" "${AUTHORITY/https/http}" "$AUTHORITY/path" \
	"https://user:pw@${AUTHORITY#https://}" "https://${AUTHORITY#https://} " "https://a b.example"; do
	run "$BIN" --check --config "$TMP/good.json" --token-only --authority "$bad" --cacert "$CA"
	expect "--authority '$bad' is refused" 2 "authority"
done
before=$(requests)
sed "s|\"authority\":[[:space:]]*\"[^\"]*\"|\"authority\": \"https://login.microsoftonline.com@${AUTHORITY#https://}\"|" \
	"$TMP/good.json" >"$TMP/userinfo.json"
chmod 600 "$TMP/userinfo.json"
run "$BIN" --check --config "$TMP/userinfo.json" --token-only
expect "a profile's authority with a user name part fails before any request" 3 "no user name or password"
[ "$(requests)" = "$before" ] && ok "  ... nothing was sent" || not_ok "  ... nothing was sent"
run "$BIN" --check --config "$TMP/good.json" --token-only
expect "a profile's own endpoint and CA draw a WARN line naming them" 0 "WARN +endpoints .*authority $AUTHORITY" \
	"WARN +endpoints .*CA bundle $CA"
run "$BIN" --check --config "$TMP/good.json" --token-only "${EP[@]}"
expect "  ... confirmed on the command line: no warning" 0 "Token issued"
refute "  ... confirmed on the command line: no warning" "WARN +endpoints"
cp "$TMP/good.json" "$TMP/mailep.json"
"$PY" - "$TMP/mailep.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1])); p["endpoints"].update(imap="127.0.0.1:1993", smtp="127.0.0.1:1587")
json.dump(p, open(sys.argv[1], "w"))
PY
run "$BIN" --check --config "$TMP/mailep.json" --token-only
expect "a profile's mail endpoints draw a WARN line naming them" 0 "WARN +endpoints .*IMAP server 127.0.0.1:1993" \
	"WARN +endpoints .*SMTP server 127.0.0.1:1587"

# Servers' words never reach a terminal raw: escapes in AADSTS texts, IDs, discovery, claims and
# mail replies are shown escaped, and '|' never splits a Nagios line.
raw_controls() { LC_ALL=C grep -qP '\x1b|\x07|\xc2\x9b|\xe2\x80\xae' "$1"; }
noesc() { if raw_controls "$TMP/out"; then not_ok "$1" "$(cat -v "$TMP/out" | head -c 2000)"; else ok "$1"; fi; }
answers "$TMP/esc.answers" f0000000-0000-0000-0000-0000000000f1 escape.example.test
run_stdin "$SECRET" "$BIN" --batch "$TMP/esc.answers" "${EP[@]}" --config "$TMP/esc.json" --secret-stdin \
	--token-only --save-unverified
expect "hostile AADSTS reply: the words are shown, escaped" 4 "AADSTS7000215" 'Invalid client secret provided\.\\x1B\]52' \
	'region WW\\x1B' 'trace ID \\x1B'
noesc "  ... no raw control character reaches the output"
run "$BIN" --check --config "$TMP/esc.json" --token-only --nagios "${EP[@]}"
expect "  ... --nagios: CRITICAL" 2 "^O365-OAUTH CRITICAL - token: AADSTS7000215"
[ "$(tr -cd '|' <"$TMP/out" | wc -c)" = 1 ] && ok "  ... --nagios: one '|', before the performance data" ||
	not_ok "  ... --nagios: one '|', before the performance data" "$(cat -v "$TMP/out")"
noesc "  ... --nagios: no raw control character"
answers "$TMP/escclaims.answers" 77777777-0000-0000-0000-000000000007
run_stdin "$SECRET" "$BIN" --batch "$TMP/escclaims.answers" "${EP[@]}" --config "$TMP/escclaims.json" --secret-stdin \
	--token-only --save-unverified
expect "hostile claims: shown escaped" 0 'Audience \(aud\) is https://evil.example\\x1B' 'Mail.Read\\x1B'
noesc "  ... no raw control character reaches the output"
run "$BIN" --list
noesc "--list: no raw control character from a saved profile's last result"
lines_start
MAIL_EP=(--imap-server "127.0.0.1:$LINES_IMAP" --smtp-server "127.0.0.1:$LINES_SMTP")
answers "$TMP/escmail.answers" "$APP" "$TENANT" true '"mailboxes": ["escape@example.test"]'
run_stdin "$SECRET" "$BIN" --batch "$TMP/escmail.answers" "${EP[@]}" "${MAIL_EP[@]}" --config "$TMP/escmail.json" \
	--secret-stdin --save-unverified --timeout 10 --transcript "$TMP/escmail.transcript"
expect "hostile IMAP and SMTP replies: shown escaped" 6 'NO AUTHENTICATE failed\. \\x1B\]52' '535 5\.7\.3 .*\\x1B\]52'
noesc "  ... no raw control character reaches the output"
raw_controls "$TMP/escmail.transcript" && not_ok "  ... nor the transcript" "$(cat -v "$TMP/escmail.transcript")" ||
	ok "  ... nor the transcript"
# An address may hold '|' (RFC 5322): the check's name carries it, but never into the perfdata.
answers "$TMP/pipe.answers" "$APP" "$TENANT" true '"mailboxes": ["authfail|x@example.test"]'
run_stdin "$SECRET" "$BIN" --batch "$TMP/pipe.answers" "${EP[@]}" "${MAIL_EP[@]}" --config "$TMP/pipe.json" \
	--secret-stdin --save-unverified --timeout 10
run "$BIN" --check --config "$TMP/pipe.json" --nagios "${EP[@]}" "${MAIL_EP[@]}" --timeout 10
expect "--nagios with '|' in a refused mailbox's address: CRITICAL" 2 "^O365-OAUTH CRITICAL - imap:authfail"
[ "$(tr -cd '|' <"$TMP/out" | wc -c)" = 1 ] && ok "  ... one '|', before the performance data" ||
	not_ok "  ... one '|', before the performance data" "$(cat -v "$TMP/out")"
MAIL_EP=()

# Secret input: never cut, never half-used, never echoed.
before=$(requests)
long=$("$PY" -c "print('Ab12Q~' + 'x' * 5000)")
run_stdin "$long" "$BIN" --batch "$TMP/good.answers" "${EP[@]}" --config "$TMP/long.json" --secret-stdin --token-only
expect "a secret longer than 4096 bytes is refused, not cut" 3 "longer than 4096 bytes"
printf 'Ab12Q~part-one\0part-two\n' >"$TMP/nul.secret"
chmod 600 "$TMP/nul.secret"
run "$BIN" --batch "$TMP/good.answers" "${EP[@]}" --config "$TMP/nul.json" --secret-file "$TMP/nul.secret" --token-only
expect "a secret with a NUL byte is refused, not cut" 3 "NUL byte"
printf 'Ab12Q~first-line-of-two-lines.abcdefghijk\nsecond\n' >"$TMP/two.secret"
chmod 600 "$TMP/two.secret"
run "$BIN" --batch "$TMP/good.answers" "${EP[@]}" --config "$TMP/two.json" --secret-file "$TMP/two.secret" --token-only
expect "a secret file with a second line is refused" 3 "more than one line"
[ "$(requests)" = "$before" ] && [ ! -e "$TMP/long.json" ] && [ ! -e "$TMP/nul.json" ] && ok "  ... nothing was sent or saved" ||
	not_ok "  ... nothing was sent or saved"
printf '{ "tenant": "%s", "client_id": "%s", "client_secret": null, "client_secret": "in-the-file" }\n' "$TENANT" "$APP" \
	>"$TMP/dup.answers"
run_stdin "$SECRET" "$BIN" --batch "$TMP/dup.answers" "${EP[@]}" --config "$TMP/dup.json" --secret-stdin --token-only
expect "a key given twice in an answers file is refused" 3 "dup.answers:1:[0-9]+: 'client_secret' is given more than once"
refute "  ... and the value is not echoed" "in-the-file"
printf '{ "tenant": "%s", "mail_server": { "username": "a@example.test", "username": "b@example.test" } }\n' \
	"$TENANT" >"$TMP/dup2.answers"
run_stdin "$SECRET" "$BIN" --batch "$TMP/dup2.answers" "${EP[@]}" --config "$TMP/dup.json" --secret-stdin --token-only
expect "  ... in a nested object too" 3 "'username' is given more than once"
run "$BIN" --rotate "$NEW_SECRET"
expect "a stray argument is refused without echoing it" 2 "never taken on the command line"
refute "  ... the argument is not shown" "$NEW_SECRET"

# PowerShell takes the typographic quotes as quotes too: each is doubled, none ends a string.
profile "$TMP/ps.json" "\"tenant\": \"$TENANT\", \"client_id\": \"$APP\", \"client_secret\": \"$SECRET\", \"app_name\": \"Kit’; Remove-Mailbox x; ‘‚‛'\",
  \"mail_server\": { \"username\": \"o’brien@example.test\", \"sender\": \"o’brien@example.test\" }"
run "$BIN" --powershell --config "$TMP/ps.json"
expect "powershell: typographic quotes are doubled" 0 "-DisplayName 'Kit’’; Remove-Mailbox x; ‘‘‚‚‛‛'''\$" \
	"-Identity 'o’’brien@example.test'"
run "$BIN" --check --config "$TMP/ps.json" "${EP[@]}"
expect "an address with a typographic quote is not valid" 3 "typographic quote" "plain apostrophe"

# Numbers from servers and files are range-checked before any conversion.
answers "$TMP/exp.answers" f0000000-0000-0000-0000-0000000000f4
run_stdin "$SECRET" "$BIN" --batch "$TMP/exp.answers" "${EP[@]}" --config "$TMP/exp.json" --secret-stdin --token-only
expect "expires_in 1e19 is not taken as a negative validity" 0 "Token issued \(valid 3599 s\)"
refute "  ... no undefined behaviour" "runtime error|valid -"
answers "$TMP/exps.answers" f0000000-0000-0000-0000-0000000000f6
run_stdin "$SECRET" "$BIN" --batch "$TMP/exps.answers" "${EP[@]}" --config "$TMP/exps.json" --secret-stdin --token-only
expect "expires_in \"99999999999999999999999\" likewise" 0 "Token issued \(valid 3599 s\)"
refute "  ... no undefined behaviour" "runtime error|valid -"
profile "$TMP/port.json" "\"tenant\": \"$TENANT\", \"mail_server\": { \"smtp_port\": 1e20 }"
run "$BIN" --check --config "$TMP/port.json"
expect "smtp_port 1e20 is refused as out of range" 3 "'smtp_port' must be a whole number from 1 to 65535"
refute "  ... no undefined behaviour" "runtime error"
answers "$TMP/ra.answers" f0000000-0000-0000-0000-0000000000f5
t0=$(date +%s%N)
run_stdin "$SECRET" "$BIN" --batch "$TMP/ra.answers" "${EP[@]}" --config "$TMP/ra.json" --secret-stdin --token-only --timeout 3
t=$((($(date +%s%N) - t0) / 1000000))
expect "Retry-After: 99999999999999999999 is capped, not multiplied into a negative wait" 7 "HTTP 429"
refute "  ... no undefined behaviour" "runtime error"
[ "$t" -lt 6000 ] && ok "  ... and the run keeps to --timeout 3 (${t} ms)" || not_ok "  ... and the run keeps to --timeout 3" "${t} ms"

# Bounded waits: a stalled or dribbling token endpoint ends near --timeout, not after three tries.
for kind in f2:stalls f3:dribbles; do
	answers "$TMP/slow.answers" "f0000000-0000-0000-0000-0000000000${kind%%:*}"
	t0=$(date +%s%N)
	run_stdin "$SECRET" "$BIN" --batch "$TMP/slow.answers" "${EP[@]}" --config "$TMP/slow.json" --secret-stdin --token-only \
		--timeout 3
	t=$((($(date +%s%N) - t0) / 1000000))
	expect "a token endpoint that ${kind#*:}: clear message and status 7" 7 "did not answer in time"
	[ "$t" -lt 5000 ] && ok "  ... the whole token phase ends within --timeout 3 (${t} ms)" ||
		not_ok "  ... the whole token phase ends within --timeout 3" "${t} ms"
done

# Throttling and outages are named for what they are, with the HTTP status, never a set-up step.
for kind in f7:429 f8:503; do
	answers "$TMP/busy.answers" "f0000000-0000-0000-0000-0000000000${kind%%:*}"
	run_stdin "$SECRET" "$BIN" --batch "$TMP/busy.answers" "${EP[@]}" --config "$TMP/busy.json" --secret-stdin --token-only \
		--timeout 10
	expect "HTTP ${kind#*:} with Microsoft's error body: transient, retried, try again later" 7 "HTTP ${kind#*:}" \
		"Tried 3 times" "try again" "Microsoft said: " "trace ID [0-9a-f-]{36}"
	refute "  ... not sent back to a set-up step" "Go back to step|FAILED at step"
done

# A token for another tenant or app ends the run at the token stage (status 4).
for c in 04:tenant 08:app; do
	answers "$TMP/claim.answers" "77777777-0000-0000-0000-0000000000${c%%:*}"
	run_stdin "$SECRET" "$BIN" --batch "$TMP/claim.answers" "${EP[@]}" --config "$TMP/claim.json" --secret-stdin \
		--save-unverified --timeout 10
	expect "a token for another ${c#*:}: FAIL at the token stage, status 4" 4 "FAIL +claims +The token is for ${c#*:}" \
		"FAILED at step 1"
done

# The mailbox that logs in is always checked, and granted in the PowerShell.
MAIL_EP=(--imap-server "127.0.0.1:$LINES_IMAP" --smtp-server "127.0.0.1:$LINES_SMTP")
answers "$TMP/user.answers" "$APP" "$TENANT" true '"mailboxes": ["box@example.test"]'
sed -i 's/"username": "box@example.test"/"username": "authfail@example.test"/' "$TMP/user.answers"
run_stdin "$SECRET" "$BIN" --batch "$TMP/user.answers" "${EP[@]}" "${MAIL_EP[@]}" --config "$TMP/user.json" --secret-stdin \
	--save-unverified --timeout 10
expect "the Username is checked although the mailbox list lacks it" 6 "OK +imap:box@example.test" \
	"FAIL +imap:authfail@example.test" "FAIL +smtp:authfail@example.test"
run "$BIN" --powershell --config "$TMP/user.json"
expect "  ... and the PowerShell grants it" 0 "Add-MailboxPermission -Identity 'authfail@example.test'" \
	"Add-MailboxPermission -Identity 'box@example.test'"
MAIL_EP=()

# Output survives a kill: each report line is written out as the check goes.
profile "$TMP/stall.json" "\"tenant\": \"$TENANT\", \"client_id\": \"f0000000-0000-0000-0000-0000000000f2\",
  \"client_secret\": \"$SECRET\", \"endpoints\": { \"authority\": \"$AUTHORITY\", \"ca_file\": \"$CA\" }"
"$BIN" --check --config "$TMP/stall.json" --token-only --timeout 60 >"$TMP/stall.log" 2>&1 </dev/null &
pid=$!
for _ in $(seq 1 100); do grep -Eq "^(OK|INFO) +expiry" "$TMP/stall.log" && break; sleep 0.1; done
kill -KILL "$pid"
wait "$pid" 2>/dev/null
grep -q "^Checking " "$TMP/stall.log" && grep -Eq "^WARN +endpoints" "$TMP/stall.log" &&
	grep -Eq "^(OK|INFO) +expiry" "$TMP/stall.log" &&
	ok "a --check killed while the token endpoint hangs leaves its lines so far in the log" ||
	not_ok "a --check killed while the token endpoint hangs leaves its lines so far in the log" "$(cat "$TMP/stall.log")"

# Files: FIFOs are refused at once (cron would hang), directories must be safe for a secret,
# a full disk or a file size limit never leaves a temporary file or a "passed" as the last word.
mkfifo "$TMP/fifo"
for how in "--check --config" "--export json --config" "--rotate --secret-file"; do
	args=($how "$TMP/fifo")
	[ "$how" = "--rotate --secret-file" ] && args+=(--config "$TMP/good.json")
	run timeout 10 "$BIN" "${args[@]}"
	expect "a FIFO as $how FILE is refused at once" 3 "not a regular file"
done
run timeout 10 "$BIN" --batch "$TMP/fifo" --config "$TMP/fifo-batch.json" --secret-stdin
expect "a FIFO nobody writes to as --batch FILE ends at once" 3 "fifo:1:1: not valid JSON"
run timeout 10 "$BIN" --check --config "$TMP/good.json" --token-only --cacert "$TMP/fifo" --authority "$AUTHORITY"
expect "a FIFO as --cacert is refused at once" 2 "not a regular file"
run timeout 20 "$BIN" --check --config "$TMP/good.json" "${EP[@]}" --imap-server "127.0.0.1:$LINES_IMAP" \
	--smtp-server "127.0.0.1:$LINES_SMTP" --transcript "$TMP/fifo"
expect "a FIFO as --transcript: a warning, no hang" 0 "WARN +transcript"
sed "s|\"ca_file\":[[:space:]]*\"[^\"]*\"|\"ca_file\": \"$TMP/fifo\"|" "$TMP/good.json" >"$TMP/fifoca.json"
chmod 600 "$TMP/fifoca.json"
run timeout 10 "$BIN" --check --config "$TMP/fifoca.json" --token-only --authority "$AUTHORITY"
expect "a FIFO as the profile's CA bundle: refused, no hang" 3 "CA bundle .*fifo is not a readable regular file"

mkdir -m 700 -p "$DIR"
cp -p "$TMP/good.json" "$DIR/default.json"
chmod 777 "$DIR"
run "$BIN" --check --token-only "${EP[@]}"
expect "a config directory open to others (0777) is refused" 3 "must be 0700" "chmod 700"
chmod 755 "$DIR"
run_stdin "$SECRET" "$BIN" --batch "$TMP/good.answers" "${EP[@]}" --secret-stdin --token-only
expect "  ... 0755 too, and nothing is saved into it" 3 "must be 0700"
chmod 700 "$DIR"
mkdir -m 777 "$TMP/open"
run_stdin "$SECRET" "$BIN" --batch "$TMP/good.answers" "${EP[@]}" --config "$TMP/open/p.json" --secret-stdin --token-only
expect "a --config directory writable by others is refused" 3 "writable by others"
[ ! -e "$TMP/open/p.json" ] && ok "  ... nothing saved there" || not_ok "  ... nothing saved there"
if [ "$(id -u)" = 0 ]; then
	chown 12345 "$DIR"
	run "$BIN" --check --token-only "${EP[@]}"
	expect "a config directory owned by another user is refused" 3 "owned by another user"
	chown 0 "$DIR"
else
	skip "a config directory owned by another user is refused" "needs root"
fi
run "$BIN" --check --token-only "${EP[@]}"
expect "  ... and the 0700 one is used" 0 "Token issued"

# A file size limit during --rotate: a clear message, no temporary file with the new secret, the
# profile unchanged, and the last line does not say the rotation happened.
cp -p "$DIR/default.json" "$TMP/before-rotate.json"
# limited CMD...: CMD alone under a 1 KiB file size limit; its output goes through a pipe
limited() { bash -c 'set -o pipefail; (ulimit -f 1; exec "$@") 2>&1 | cat' limited "$@"; }
run_stdin "$NEW_SECRET" limited "$BIN" --rotate --secret-stdin --token-only "${EP[@]}"
expect "--rotate under ulimit -f: a clear message and a failure status" 3 "File too large" \
	"Rotation not completed: .*unchanged"
[ "$(tail -n 1 "$TMP/out" | grep -c "Rotation not completed")" = 1 ] && ok "  ... the last line says so" ||
	not_ok "  ... the last line says so" "$(tail -n 3 "$TMP/out")"
ls -A "$DIR" | grep -q 'tmp' && not_ok "  ... no temporary file is left" "$(ls -la "$DIR")" || ok "  ... no temporary file is left"
cmp -s "$DIR/default.json" "$TMP/before-rotate.json" && ok "  ... the profile is unchanged" || not_ok "  ... the profile is unchanged"
run_stdin "$SECRET" limited "$BIN" --batch "$TMP/good.answers" "${EP[@]}" --secret-stdin \
	--token-only --config "$TMP/limited.json"
expect "--batch under ulimit -f: the result line says NOT SAVED" 3 "Result: NOT SAVED"
[ "$(tail -n 1 "$TMP/out" | grep -c "NOT SAVED")" = 1 ] && ok "  ... as the last line" || not_ok "  ... as the last line" "$(tail -n 3 "$TMP/out")"
ls -A "$TMP" | grep -q '^\.limited.json.tmp' && not_ok "  ... no temporary file is left" || ok "  ... no temporary file is left"

# --secret-stdin on a terminal: a prompt, no echo, done at Enter.
run "$PY" "$RIG/ttyinput.py" 20 "Client secret" "$NEW_SECRET" "$BIN" --rotate --secret-stdin --token-only "${EP[@]}"
expect "--secret-stdin on a terminal prompts with echo off and ends at Enter" 0 "Client secret Value" \
	"exit=0 echo_at_prompt=0 line_shown=0" "new secret is saved"
refute "  ... the secret never appears on the terminal" "$NEW_SECRET"

# An encrypted private key: OpenSSL never prompts; a clear error without the passphrase.
"$PY" - "$STATE/pki/client.key" "$TMP/enc.key" <<'PY'
import os, sys
from cryptography.hazmat.primitives import serialization
key = serialization.load_pem_private_key(open(sys.argv[1], "rb").read(), None)
open(sys.argv[2], "wb").write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                serialization.BestAvailableEncryption(b"kit passphrase")))
os.chmod(sys.argv[2], 0o600)
PY
answers "$TMP/enc.answers" "$APP" "$TENANT" true \
	"\"auth\": \"certificate\", \"certificate\": { \"cert\": \"$STATE/pki/client.pem\", \"key\": \"$TMP/enc.key\" }"
run "$PY" "$RIG/ttyinput.py" 20 "" "" "$BIN" --batch "$TMP/enc.answers" "${EP[@]}" --config "$TMP/enc.json" --token-only
expect "an encrypted key on a terminal: no prompt, no hang, a clear error" 0 "exit=3 " "is encrypted" \
	"--key-passphrase-file"
refute "  ... OpenSSL never asked" "PEM pass phrase"
printf 'kit passphrase\n' >"$TMP/pass.txt"
chmod 600 "$TMP/pass.txt"
run "$BIN" --batch "$TMP/enc.answers" "${EP[@]}" --config "$TMP/enc.json" --token-only --key-passphrase-file "$TMP/pass.txt"
expect "  ... --key-passphrase-file opens it" 0 "2 = certificate" "Saved"
printf 'wrong\n' >"$TMP/wrong.txt"
chmod 600 "$TMP/wrong.txt"
run "$BIN" --check --config "$TMP/enc.json" --token-only "${EP[@]}" --key-passphrase-file "$TMP/wrong.txt"
expect "  ... a wrong passphrase is named as such" 3 "passphrase does not open the private key"

# The wizard asks for an encrypted key's passphrase itself; without it, a clear error and no
# prompt from OpenSSL, even with a terminal to prompt on.
wizard_cert() { # wizard_cert NAME PASSPHRASE: steps 0-4 with the certificate credential
	cat >"$TMP/$1.script" <<KEYS
<Tab>
<Tab>
<Space>
<Enter>
type $TENANT
<Tab>
type $APP
<Tab>
type Extension Kit
<Enter>
<S-Tab>
<Right>
<Tab>
type $STATE/pki/client.pem
<Tab>
type $TMP/enc.key
<Tab>
${2:+type $2}
<Enter>
<Space>
<Tab>
<Space>
<Tab>
<Space>
<Enter>
:save $1-token
KEYS
	mkdir -p "$TMP/screens"
	rm -rf "$XDG_CONFIG_HOME"
	run env O365_SCRIPT="$TMP/$1.script" O365_SCREEN_DIR="$TMP/screens" COLUMNS=80 LINES=24 \
		"$PY" "$RIG/ttyinput.py" 30 "" "" "$BIN" --profile "$1" "${EP[@]}"
}
wizard_cert wz-pass "kit passphrase"
grep -q "Token issued" "$TMP/screens/wz-pass-token" 2>/dev/null && ok "wizard: the typed passphrase opens the encrypted key" ||
	not_ok "wizard: the typed passphrase opens the encrypted key" "$(output)" "$(cat "$TMP/screens/wz-pass-token" 2>&1)"
wizard_cert wz-nopass ""
if grep -q "exit=0 " "$TMP/out" && grep -q "is encrypted" "$TMP/screens/wz-nopass-token" 2>/dev/null; then
	ok "wizard: an encrypted key without its passphrase: a clear error, no prompt, no hang"
else
	not_ok "wizard: an encrypted key without its passphrase: a clear error, no prompt, no hang" "$(tail -c 600 "$TMP/out")" \
		"$(cat "$TMP/screens/wz-nopass-token" 2>&1)"
fi
refute "  ... OpenSSL never asked" "PEM pass phrase"

# F3 writes fresh files: symbolic links planted at their names are replaced, never followed.
wizard_f3() { # the secret credential, steps 0-5, F3 at step 5
	cat >"$TMP/f3.script" <<KEYS
<Tab>
<Tab>
<Space>
<Enter>
type $TENANT
<Tab>
type $APP
<Tab>
type Extension Kit
<Enter>
type $SECRET
<Tab>
type $EXPIRY
<Enter>
<Space>
<Tab>
<Space>
<Tab>
<Space>
<Enter>
<Enter>
<F3>
:save f3-written
KEYS
	run env O365_SCRIPT="$TMP/f3.script" O365_SCREEN_DIR="$TMP/screens" COLUMNS=80 LINES=24 "$BIN" --profile f3 \
		"${EP[@]}"
}
rm -rf "$XDG_CONFIG_HOME"
mkdir -p -m 700 "$XDG_CONFIG_HOME/o365-oauth-setup"
printf 'precious\n' >"$TMP/victim"
ln -s "$TMP/victim" "$XDG_CONFIG_HOME/o365-oauth-setup/f3-exchange.ps1"
wizard_f3
if [ "$(cat "$TMP/victim")" = precious ] && [ ! -L "$XDG_CONFIG_HOME/o365-oauth-setup/f3-exchange.ps1" ] &&
	grep -q "New-ServicePrincipal" "$XDG_CONFIG_HOME/o365-oauth-setup/f3-exchange.ps1"; then
	ok "F3: a symbolic link planted at the PowerShell file is replaced, its target untouched"
else
	not_ok "F3: a symbolic link planted at the PowerShell file is replaced, its target untouched" \
		"victim: $(cat "$TMP/victim")" "$(ls -la "$XDG_CONFIG_HOME/o365-oauth-setup")" "$(cat "$TMP/screens/f3-written" 2>&1)"
fi

done_testing
