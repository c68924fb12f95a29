#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Mailbox verification over IMAP and SMTP against real Dovecot and Postfix, and Exchange's exact
# texts from the scripted line server. Needs root (Dovecot and Postfix drop privileges).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
if [ "$(id -u)" != 0 ] || ! command -v dovecot >/dev/null || ! command -v postfix >/dev/null; then
	echo "1..0 # SKIP needs root, dovecot and postfix (./quickstart.sh test installs them)"
	exit 0
fi
token_start
mailrig_start
lines_start

# mcheck NAME CLIENT_ID DELIVERY MAILBOXES_JSON WANT_RC [--opt ...] -- PATTERN...
# Creates the profile with --batch (saved even when unverified), then checks it with --check.
mcheck() {
	local name=$1 cid=$2 dn=$3 boxes=$4 want=$5 opts=() pats=(); shift 5
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do opts+=("$1"); shift; done
	[ "${1:-}" = "--" ] && shift
	pats=("$@")
	answers "$TMP/$name.answers" "$cid" "$TENANT" "$dn" "\"mailboxes\": $boxes"
	run_stdin "$SECRET" "$BIN" --batch "$TMP/$name.answers" "${EP[@]}" "${MAIL_EP[@]}" --config "$TMP/$name.json" --secret-stdin \
		--save-unverified --timeout 10 ${opts[@]+"${opts[@]}"}
	expect "$name: --batch" "$want" ${pats[@]+"${pats[@]}"}
	run "$BIN" --check --config "$TMP/$name.json" --timeout 10 ${opts[@]+"${opts[@]}"}
	expect "$name: --check" "$want" ${pats[@]+"${pats[@]}"}
	refute "$name: no secret or token in the output" "$SECRET|eyJ0eXAi|eyJhbGci"
}

MAIL_EP=(--imap-server "127.0.0.1:$IMAP_PORT" --smtp-server "127.0.0.1:$SMTP_PORT")
mcheck good "$APP" true '["box@example.test"]' 0 -- "OK +imap:box@example.test +Logged in with XOAUTH2" \
	"OK +smtp:box@example.test +Logged in with XOAUTH2"
grep -q '"overall"' "$TMP/good.json" && grep -q '"status":[[:space:]]*"ok"' "$TMP/good.json" &&
	ok "good: last verification recorded with a timestamp" || not_ok "good: last verification recorded"
mcheck bad-signature 77777777-0000-0000-0000-000000000001 true '["box@example.test"]' 6 -- \
	"FAIL +imap:box@example.test +Server said \"XOAUTH2 refused: \{\"status\":\"401\"" \
	"FAIL +smtp:box@example.test +Server said \"XOAUTH2 refused" "step 5"
mcheck expired-token 77777777-0000-0000-0000-000000000002 true '["box@example.test"]' 6 -- \
	"already expired" "FAILED at step 4"
mcheck wrong-audience 77777777-0000-0000-0000-000000000003 true '["box@example.test"]' 6 -- \
	"not Exchange Online" "FAILED at step 0"
mcheck wrong-tenant 77777777-0000-0000-0000-000000000004 true '["box@example.test"]' 4 -- \
	"token is for tenant" "FAILED at step 1"
mcheck imap-role-missing 44444444-5555-6666-7777-888888888888 true '["box@example.test"]' 5 -- \
	"OK +smtp:box@example.test" "FAIL +imap:box@example.test .*no IMAP.AccessAsApp role" "FAILED at step 3"
mcheck smtp-role-missing 55555555-6666-7777-8888-999999999999 true '["box@example.test"]' 5 -- \
	"OK +imap:box@example.test" "FAIL +smtp:box@example.test .*no SMTP.SendAsApp role" "FAILED at step 3"
mcheck unknown-mailbox "$APP" true '["nobody@example.test"]' 6 -- "FAIL +imap:nobody@example.test" \
	"Enterprise Application" "FAILED at step 5"
BOXES=$(printf '"mbx%02d@example.test",' $(seq 1 20))
mcheck twenty-mailboxes "$APP" true "[${BOXES%,}]" 0 -- "OK +imap:mbx20@example.test" "OK +smtp:mbx01@example.test"
[ "$(grep -c '^OK  *\(imap\|smtp\):mbx' "$TMP/out")" = 40 ] && ok "twenty-mailboxes: 40 logins OK" ||
	not_ok "twenty-mailboxes: 40 logins OK" "$(output)"

# TLS verification is never switched off: without the test CA the mail servers are refused.
sed 's|"ca_file":[[:space:]]*"[^"]*"|"ca_file": "/etc/ssl/certs/ca-certificates.crt"|' "$TMP/good.json" >"$TMP/noca.json"
chmod 600 "$TMP/noca.json"
run "$BIN" --check --config "$TMP/noca.json" --timeout 10
expect "mail servers with an unknown CA are refused" 7 "could not be verified|TLS"

# A real message, and SendAs refused by Postfix (the sender is not the login).
mcheck send-test "$APP" false '["box@example.test"]' 0 --send-test box@example.test -- \
	"OK +send-test +Test message from box@example.test to box@example.test accepted"
ls "$STATE"/run/mail/box/Maildir/new/* >/dev/null 2>&1 && ok "send-test: the message reached the mailbox" ||
	not_ok "send-test: the message reached the mailbox"
answers "$TMP/sendas.answers" "$APP" "$TENANT" false '"mailboxes": ["box@example.test"]'
sed -i 's/"sender": "box@example.test"/"sender": "other@example.test"/' "$TMP/sendas.answers"
run_stdin "$SECRET" "$BIN" --batch "$TMP/sendas.answers" "${EP[@]}" "${MAIL_EP[@]}" --config "$TMP/sendas.json" --secret-stdin --send-test box@example.test
expect "send-test as another sender: SendAs refused (Postfix)" 6 "Add-RecipientPermission" "FAILED at step 5"

# Transcript: the server's words, no token.
run "$BIN" --check --config "$TMP/bad-signature.json" --transcript "$TMP/transcript.txt"
if [ "$(stat -c %a "$TMP/transcript.txt" 2>/dev/null)" = 600 ] && grep -q "^< + " "$TMP/transcript.txt" && grep -q "XOAUTH2 refused" "$TMP/transcript.txt" &&
	grep -q "<redacted>" "$TMP/transcript.txt" && ! grep -Eq "eyJ0eXAi|eyJhbGci" "$TMP/transcript.txt"; then
	ok "transcript: 0600, server lines kept, token redacted"
else
	not_ok "transcript: 0600, server lines kept, token redacted" "$(ls -l "$TMP/transcript.txt")" "$(head -40 "$TMP/transcript.txt")"
fi

# Least privilege.
run "$BIN" --check --config "$TMP/good.json" --probe-denied nobody@example.test
expect "probe-denied: an ungranted mailbox is refused" 0 "OK +denied:nobody@example.test +IMAP refused"
run "$BIN" --check --config "$TMP/good.json" --probe-denied other@example.test
expect "probe-denied: access to an ungranted mailbox is a finding" 0 "WARN +denied:other@example.test +Finding"

# Exchange's own words, from the line server.
MAIL_EP=(--imap-server "127.0.0.1:$LINES_IMAP" --smtp-server "127.0.0.1:$LINES_SMTP")
mcheck not-connected "$APP" true '["notconnected@example.test"]' 6 -- \
	"BAD User is authenticated but not connected" "FullAccess" "FAILED at step 5"
mcheck exchange-auth-failed "$APP" true '["authfail@example.test"]' 6 -- "NO AUTHENTICATE failed\." \
	"535 5.7.3 Authentication unsuccessful" "Enterprise Application's" "not propagated|propagate" "FAILED at step 5"
mcheck smtp-auth-disabled "$APP" false '["smtpoff@example.test"]' 6 -- \
	"SmtpClientAuthentication is disabled" "Set-CASMailbox .*-SmtpClientAuthenticationDisabled \\\$false" "FAILED at step 5"
mcheck basic-auth-disabled "$APP" false '["basicoff@example.test"]' 6 -- "basic authentication is disabled" \
	"Office365OAuth"
answers "$TMP/xsendas.answers" "$APP" "$TENANT" false '"mailboxes": ["box@example.test"]'
sed -i 's/"sender": "box@example.test"/"sender": "alerts@example.test"/' "$TMP/xsendas.answers"
run_stdin "$SECRET" "$BIN" --batch "$TMP/xsendas.answers" "${EP[@]}" "${MAIL_EP[@]}" --config "$TMP/xsendas.json" --secret-stdin --send-test box@example.test
expect "Exchange SendAsDenied on --send-test" 6 "554 5.2.252 SendAsDenied" "Add-RecipientPermission" "FAILED at step 5"
answers "$TMP/storedrv.answers" "$APP" "$TENANT" false '"mailboxes": ["storedrv@example.test"]'
sed -i 's/box@example.test/storedrv@example.test/g' "$TMP/storedrv.answers"
run_stdin "$SECRET" "$BIN" --batch "$TMP/storedrv.answers" "${EP[@]}" "${MAIL_EP[@]}" --config "$TMP/storedrv.json" --secret-stdin --send-test box@example.test
expect "STOREDRV mailbox logon failure on --send-test" 6 "430 4.2.0 STOREDRV" "FullAccess" "FAILED at step 5"
MAIL_EP=(--imap-server "127.0.0.1:$LINES_IMAP" --smtp-server "127.0.0.1:$LINES_NOTLS")
mcheck no-starttls "$APP" false '["box@example.test"]' 7 -- "did not start TLS" "FAILED at step 6"
MAIL_EP=(--imap-server "127.0.0.1:$LINES_NOXOAUTH2" --smtp-server "127.0.0.1:$LINES_SMTP")
mcheck no-xoauth2 "$APP" true '["box@example.test"]' 6 -- "does not offer XOAUTH2" "outlook.office365.com:993" \
	"FAILED at step 6"

# Propagation: refused twice, then Exchange catches up while we wait.
MAIL_EP=(--imap-server "127.0.0.1:$LINES_IMAP" --smtp-server "127.0.0.1:$LINES_SMTP")
answers "$TMP/prop.answers" "$APP" "$TENANT" true '"mailboxes": ["propagating@example.test"]'
run_stdin "$SECRET" env O365_WAIT_INTERVAL=1 "$BIN" --batch "$TMP/prop.answers" "${EP[@]}" "${MAIL_EP[@]}" --config "$TMP/prop.json" \
	--secret-stdin --wait 5
expect "--wait re-checks until Exchange has propagated" 0 "Exchange can take 30-60 minutes" \
	"OK +imap:propagating@example.test"
run "$BIN" --check --config "$TMP/not-connected.json" --wait 0
expect "--wait 0 does not wait" 6 "30-60 minutes"
# A server that says "come back later" is busy, not refusing: no step to go back to, exit 7.
MAIL_EP=(--imap-server "127.0.0.1:$LINES_IMAP_BUSY" --smtp-server "127.0.0.1:$LINES_SMTP_BUSY")
mcheck busy "$APP" true '["box@example.test"]' 7 -- "\* BYE Connection queue full" "421 4.3.2" "busy" \
	"Result: FAILED\.$"

# Classification does not depend on wording: every server reply above again, under a pseudo-locale
# generated here in which every message is altered (reversed between its printf directives). The
# exit status, the step and the failing check must be those of the English run.
PSEUDO=$TMP/locale
mkdir -p "$PSEUDO/qps/LC_MESSAGES"
# shellcheck disable=SC2046
if (cd "$top_srcdir" && xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=P_:1,2 \
	-o "$TMP/pseudo.pot" $(ls src/*.c src/*/*.c)) && "$PY" "$RIG/pseudo_po.py" "$TMP/pseudo.pot" >"$TMP/pseudo.po" 2>/dev/null &&
	msgfmt -c -o "$PSEUDO/qps/LC_MESSAGES/o365-oauth-setup.mo" "$TMP/pseudo.po" 2>"$TMP/msgfmt.err"; then
	ok "pseudo-locale catalogue built ($(grep -c '^msgid "..*"$' "$TMP/pseudo.po") messages)"
else
	not_ok "pseudo-locale catalogue built" "$(cat "$TMP/msgfmt.err" 2>/dev/null)"
fi
# The profiles a failing --batch left unsaved, saved now (the token is enough to save them).
for n in sendas xsendas storedrv; do
	if [ "$n" = sendas ]; then
		MAIL_EP=(--imap-server "127.0.0.1:$IMAP_PORT" --smtp-server "127.0.0.1:$SMTP_PORT")
	else
		MAIL_EP=(--imap-server "127.0.0.1:$LINES_IMAP" --smtp-server "127.0.0.1:$LINES_SMTP")
	fi
	run_stdin "$SECRET" "$BIN" --batch "$TMP/$n.answers" "${EP[@]}" "${MAIL_EP[@]}" --config "$TMP/$n.json" --secret-stdin \
		--save-unverified --token-only
done
# last_outcome DIR: "EXIT STEP CHECK" from the state file a --check left there
last_outcome() {
	"$PY" -c 'import json, sys; d = json.load(open(sys.argv[1])); print(d["exit_status"], d["step"], d["check"])' \
		"$(ls "$1"/o365-oauth-setup/*.json 2>/dev/null | head -1)" 2>/dev/null
}
# same_in_pseudo NAME CONFIG [--check options]
same_in_pseudo() {
	local name=$1 cfg=$2 en ps rc_en; shift 2
	rm -rf "$TMP/st-en" "$TMP/st-ps"
	XDG_STATE_HOME=$TMP/st-en run "$BIN" --check --config "$cfg" --timeout 10 "$@"
	rc_en=$RC en=$(last_outcome "$TMP/st-en")
	cp "$TMP/out" "$TMP/out.en"
	XDG_STATE_HOME=$TMP/st-ps LANGUAGE=qps O365_LOCALEDIR=$PSEUDO run "$BIN" --check --config "$cfg" --timeout 10 "$@"
	ps=$(last_outcome "$TMP/st-ps")
	if [ -n "$en" ] && [ "$rc_en" = "$RC" ] && [ "$en" = "$ps" ] && ! grep -q "Result:" "$TMP/out" &&
		grep -q "Result:" "$TMP/out.en"; then
		ok "pseudo-locale: $name: exit $RC, step and check as in English ($en)"
	else
		not_ok "pseudo-locale: $name: exit $RC, step and check as in English" "English: exit $rc_en, $en" \
			"pseudo: exit $RC, $ps" "$(head -c 1500 "$TMP/out")"
	fi
}
same_in_pseudo good "$TMP/good.json"
same_in_pseudo "Dovecot+Postfix: XOAUTH2 error challenge" "$TMP/bad-signature.json"
same_in_pseudo "Dovecot: IMAP role missing" "$TMP/imap-role-missing.json"
same_in_pseudo "Postfix: SMTP role missing" "$TMP/smtp-role-missing.json"
same_in_pseudo "Dovecot: unknown mailbox" "$TMP/unknown-mailbox.json"
same_in_pseudo "Postfix: SendAs refused" "$TMP/sendas.json" --send-test box@example.test
same_in_pseudo "Postfix: a real message" "$TMP/send-test.json" --send-test box@example.test
same_in_pseudo "Dovecot: an ungranted mailbox refused" "$TMP/good.json" --probe-denied nobody@example.test
same_in_pseudo "unknown CA" "$TMP/noca.json"
same_in_pseudo "Exchange: not connected" "$TMP/not-connected.json"
same_in_pseudo "Exchange: AUTHENTICATE failed / 535 5.7.3" "$TMP/exchange-auth-failed.json"
same_in_pseudo "Exchange: SMTP AUTH disabled" "$TMP/smtp-auth-disabled.json"
same_in_pseudo "Exchange: basic authentication disabled" "$TMP/basic-auth-disabled.json"
same_in_pseudo "Exchange: SendAsDenied" "$TMP/xsendas.json" --send-test box@example.test
same_in_pseudo "Exchange: STOREDRV" "$TMP/storedrv.json" --send-test box@example.test
same_in_pseudo "no STARTTLS" "$TMP/no-starttls.json"
same_in_pseudo "no XOAUTH2" "$TMP/no-xoauth2.json"
same_in_pseudo "busy" "$TMP/busy.json"
same_in_pseudo "token expired on arrival" "$TMP/expired-token.json"
done_testing
