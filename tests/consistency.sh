#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The simulation must not drift from the real checks: each catalogue mistake is made once against
# the practice tenant and once against the loopback stand-ins (token endpoint, and Exchange's exact
# texts from the scripted line server), and both must end with the same exit status, the same first
# diagnosis line and the same result line (mailbox names, IMAP tags and IDs aside); then, with root,
# against Dovecot and Postfix too.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
if ! "$PY" -c 'import cryptography' 2>/dev/null; then
	echo "1..0 # SKIP needs python3-cryptography (./quickstart.sh test installs it)"
	exit 0
fi
token_start
lines_start
MAIL_EP=(--imap-server "127.0.0.1:$LINES_IMAP" --smtp-server "127.0.0.1:$LINES_SMTP")
OTHER_SECRET='Zq83Q~SecretOfAnotherAppRegistration.xyzA'

# The diagnosis as a trainee reads it: the first FAIL line and the result line.
diagnosis() {
	{ grep -m1 '^FAIL' "$1" || echo "(no failure)"; grep -m1 '^Result:' "$1"; } |
		sed -E 's/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+/MBX/g; s/\b[A-Z][0-9]{3} (OK|NO|BAD)/TAG \1/g;
			s/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/GUID/g;
			s/Result: [0-9]+ passed, [0-9]+ warning\(s\)/Result: passed/'
}

# same SCENARIO CLIENT_ID TENANT USER SENDER [--secret S] [-- check options]
same() {
	local sc=$1 cid=$2 ten=$3 user=$4 sender=$5 sec="" opts=() prc rrc; shift 5
	[ "${1:-}" = --secret ] && { sec=$2; shift 2; }
	[ "${1:-}" = -- ] && { shift; opts=("$@"); }
	"$BIN" --practice "$sc" --practice-reset --check ${opts[@]+"${opts[@]}"} >"$TMP/p.out" 2>&1 </dev/null
	prc=$?
	answers "$TMP/$sc.answers" "$cid" "$ten" true
	sed -i "s/\"username\": \"box@example.test\", \"sender\": \"box@example.test\"/\"username\": \"$user\", \"sender\": \"$sender\"/" \
		"$TMP/$sc.answers"
	printf '%s\n' "$SECRET" | "$BIN" --batch "$TMP/$sc.answers" "${EP[@]}" "${MAIL_EP[@]}" --config "$TMP/$sc.json" --secret-stdin \
		--save-unverified --timeout 10 >/dev/null 2>&1
	[ -n "$sec" ] && sed -i -E "s/\"client_secret\":[[:space:]]*\"[^\"]*\"/\"client_secret\": \"$sec\"/" "$TMP/$sc.json"
	"$BIN" --check --config "$TMP/$sc.json" "${EP[@]}" "${MAIL_EP[@]}" --timeout 10 ${opts[@]+"${opts[@]}"} \
		>"$TMP/r.out" 2>&1 </dev/null
	rrc=$?
	if [ "$prc" = "$rrc" ] && [ "$(diagnosis "$TMP/p.out")" = "$(diagnosis "$TMP/r.out")" ]; then
		ok "$sc: same exit status ($prc) and diagnosis as the stand-ins"
	else
		not_ok "$sc: same exit status and diagnosis as the stand-ins" "practice exit $prc:" \
			"$(diagnosis "$TMP/p.out")" "stand-ins exit $rrc:" "$(diagnosis "$TMP/r.out")"
	fi
}

B=box@example.test
same clean "$APP" "$TENANT" $B $B
same secret-id "$APP" "$TENANT" $B $B --secret "$SECRET_ID"
same secret-expired 33333333-4444-5555-6666-777777777777 "$TENANT" $B $B
same secret-other-app "$APP" "$TENANT" $B $B --secret "$OTHER_SECRET"
same object-id 0b1c2d3e-0000-4000-8000-0000000000a1 "$TENANT" $B $B
same tenant-typo "$APP" 72f988bf-86f1-41af-91ab-2d7cd011db74 $B $B
for sc in delegated graph no-consent; do
	same $sc 22222222-3333-4444-5555-666666666666 "$TENANT" $B $B
done
same no-smtp-permission 55555555-6666-7777-8888-999999999999 "$TENANT" $B $B
same no-imap-permission 44444444-5555-6666-7777-888888888888 "$TENANT" $B $B
same wrong-object-id "$APP" "$TENANT" authfail1@example.test authfail1@example.test
same no-service-principal "$APP" "$TENANT" authfail2@example.test authfail2@example.test
same no-fullaccess "$APP" "$TENANT" notconnected@example.test notconnected@example.test
same smtp-auth-disabled "$APP" "$TENANT" smtpoff@example.test smtpoff@example.test
same propagation "$APP" "$TENANT" propagating1@example.test propagating1@example.test
# SendAs: the real side sends as other@example.test; the practice side as alerts@contoso.com.
"$BIN" --practice no-sendas --practice-reset --check --send-test alerts@contoso.com >"$TMP/p.out" 2>&1 </dev/null
prc=$?
answers "$TMP/sendas.answers" "$APP" "$TENANT" true
sed -i 's/"sender": "box@example.test"/"sender": "other@example.test"/' "$TMP/sendas.answers"
printf '%s\n' "$SECRET" | "$BIN" --batch "$TMP/sendas.answers" "${EP[@]}" "${MAIL_EP[@]}" --config "$TMP/sendas.json" --secret-stdin \
	--save-unverified --timeout 10 >/dev/null 2>&1
"$BIN" --check --config "$TMP/sendas.json" --send-test other@example.test --timeout 10 >"$TMP/r.out" 2>&1 </dev/null
rrc=$?
if [ "$prc" = "$rrc" ] && [ "$(diagnosis "$TMP/p.out")" = "$(diagnosis "$TMP/r.out")" ]; then
	ok "no-sendas: same exit status ($prc) and diagnosis as the stand-ins"
else
	not_ok "no-sendas: same exit status and diagnosis as the stand-ins" "practice exit $prc:" \
		"$(diagnosis "$TMP/p.out")" "stand-ins exit $rrc:" "$(diagnosis "$TMP/r.out")"
fi
# Every scenario but the fresh start is covered above.
n=$("$BIN" --practice list | grep -c '^  [a-z]')
[ "$T" = $((n - 2)) ] && ok "every scenario but fresh and random is compared" ||
	not_ok "every scenario but fresh and random is compared" "$T compared, $n listed"

# The same against real Dovecot and Postfix, where their words are their own: the exit status, the
# result line and the diagnosis (the catalogue's cause after the server's words) must agree.
if [ "$(id -u)" != 0 ] || ! command -v dovecot >/dev/null || ! command -v postfix >/dev/null; then
	skip "Dovecot and Postfix agree with the practice tenant" "needs root, dovecot and postfix"
	done_testing
fi
mailrig_start
MAIL_EP=(--imap-server "127.0.0.1:$IMAP_PORT" --smtp-server "127.0.0.1:$SMTP_PORT")
cause() { # the first FAIL line without the server's own words, and the result line
	diagnosis "$1" | sed -E 's/Server said ".*": /Server said "...": /'
}
loose() { # loose NAME PRACTICE_OPTS... -- REAL_OPTS...
	local name=$1 popts=() ropts=() prc rrc; shift
	while [ $# -gt 0 ] && [ "$1" != -- ]; do popts+=("$1"); shift; done
	shift
	ropts=("$@")
	"$BIN" --practice-reset "${popts[@]}" >"$TMP/p.out" 2>&1 </dev/null
	prc=$?
	"$BIN" "${ropts[@]}" >"$TMP/r.out" 2>&1 </dev/null
	rrc=$?
	if [ "$prc" = "$rrc" ] && [ "$(cause "$TMP/p.out")" = "$(cause "$TMP/r.out")" ]; then
		ok "$name: same exit status ($prc) and diagnosis with Dovecot and Postfix"
	else
		not_ok "$name: same exit status and diagnosis with Dovecot and Postfix" "practice exit $prc:" \
			"$(cause "$TMP/p.out")" "Dovecot/Postfix exit $rrc:" "$(cause "$TMP/r.out")"
	fi
}
real_profile() { # real_profile NAME CLIENT_ID [SENDER]
	answers "$TMP/$1.answers" "$2" "$TENANT" true
	[ -z "${3:-}" ] || sed -i "s/\"sender\": \"box@example.test\"/\"sender\": \"$3\"/" "$TMP/$1.answers"
	printf '%s\n' "$SECRET" | "$BIN" --batch "$TMP/$1.answers" "${EP[@]}" "${MAIL_EP[@]}" --config "$TMP/$1.json" --secret-stdin \
		--save-unverified --timeout 10 >/dev/null 2>&1
}
real_profile d-clean "$APP"
loose clean --practice clean --check -- --check --config "$TMP/d-clean.json" "${EP[@]}" "${MAIL_EP[@]}" --timeout 10
real_profile d-noroles 22222222-3333-4444-5555-666666666666
loose no-consent --practice no-consent --check -- --check --config "$TMP/d-noroles.json" --timeout 10
real_profile d-smtponly 44444444-5555-6666-7777-888888888888
loose no-imap-permission --practice no-imap-permission --check -- --check --config "$TMP/d-smtponly.json" --timeout 10
real_profile d-imaponly 55555555-6666-7777-8888-999999999999
loose no-smtp-permission --practice no-smtp-permission --check -- --check --config "$TMP/d-imaponly.json" --timeout 10
real_profile d-sendas "$APP" other@example.test
loose no-sendas --practice no-sendas --check --send-test alerts@contoso.com -- \
	--check --config "$TMP/d-sendas.json" --send-test other@example.test --timeout 10
done_testing
