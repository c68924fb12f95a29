#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Practice mode: every scenario makes its mistake, the check names it, the portal or the PowerShell
# prompt fixes it, and the check ends verified. Nothing opens a socket.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
FAST=(--practice-speed 1000000) # Exchange's 30 minutes pass in under 2 ms
PDIR=$XDG_CONFIG_HOME/o365-oauth-setup/practice

run "$BIN" --practice list
expect "--practice list: one line per scenario, and random" 0 "^  clean " "^  secret-id " "^  propagation " "^  random "
[ "$(grep -c '^  [a-z]' "$TMP/out")" = 19 ] && ok "--practice list: 18 scenarios and random" ||
	not_ok "--practice list: 18 scenarios and random" "$(output)"

# diagnose SCENARIO RC PATTERN... [-- extra options]: the trainee's values, checked as they are.
diagnose() {
	local sc=$1 want=$2 pats=() opts=(); shift 2
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do pats+=("$1"); shift; done
	[ "${1:-}" = "--" ] && { shift; opts=("$@"); }
	run "$BIN" --practice "$sc" --check ${opts[@]+"${opts[@]}"}
	expect "$sc: the check names the mistake" "$want" "PRACTICE" "${pats[@]}"
}
diagnose clean 0 "OK +imap:notify@contoso.com +Logged in" "OK +smtp:notify@contoso.com" "Outcome: verified"
diagnose fresh 3 "FAIL +secret" "FAILED at step 2"
diagnose secret-id 3 "FAIL +secret" "Secret ID" "FAILED at step 2"
diagnose secret-expired 4 "AADSTS7000222" "FAILED at step 2"
diagnose secret-other-app 4 "AADSTS7000215" "Microsoft said: AADSTS7000215: Invalid client secret provided" "FAILED at step 2"
diagnose object-id 4 "AADSTS700016" "FAILED at step 1"
diagnose tenant-typo 4 "FAIL +tenant +AADSTS90002" "FAILED at step 1"
diagnose delegated 5 "lacks the SMTP.SendAsApp role \(roles: none\)" "FAILED at step 3"
diagnose graph 5 "lacks the SMTP.SendAsApp role \(roles: none\)" "FAILED at step 3"
diagnose no-consent 5 "lacks the IMAP.AccessAsApp role" "FAILED at step 3"
diagnose no-smtp-permission 5 "lacks the SMTP.SendAsApp role \(roles: IMAP.AccessAsApp\)" "FAILED at step 3"
diagnose no-imap-permission 5 "lacks the IMAP.AccessAsApp role \(roles: SMTP.SendAsApp\)" "FAILED at step 3"
diagnose wrong-object-id 6 'imap:notify@contoso.com Server said "A002 NO AUTHENTICATE failed."' \
	'535 5.7.3 Authentication unsuccessful' "FAILED at step 5"
diagnose no-service-principal 6 'NO AUTHENTICATE failed.' "FAILED at step 5"
diagnose no-fullaccess 6 'BAD User is authenticated but not connected.' "FAILED at step 5"
diagnose smtp-auth-disabled 6 '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant' \
	"OK +imap:notify@contoso.com" "FAILED at step 5"
diagnose no-sendas 0 "OK +smtp:notify@contoso.com"
diagnose no-sendas 6 '554 5.2.252 SendAsDenied; notify@contoso.com not allowed to send as alerts@contoso.com' \
	"Add-RecipientPermission" "FAILED at step 5" -- --send-test alerts@contoso.com
diagnose propagation 6 'BAD User is authenticated but not connected.' "wait 30-60 minutes"
refute "no token or secret value in the output" "eyJ0eXAi|eyJhbGci|Q~[A-Za-z0-9_.~-]{30}"

# The values a trainee copies, read from the practice portal as the screen shows them.
portal() { # portal SCENARIO: sets TENANT_ID CLIENT_ID APP_OID SP_OID VALUE
	"$BIN" --practice "$1" --portal >"$TMP/portal" 2>&1
	TENANT_ID=$(awk '/Directory \(tenant\) ID/ {print $NF}' "$TMP/portal")
	CLIENT_ID=$(awk '/Application \(client\) ID/ {print $NF}' "$TMP/portal")
	APP_OID=$(awk '/App registrations/ {s=1} /Enterprise applications/ {s=2} /Object ID/ && s==1 {print $NF}' "$TMP/portal")
	SP_OID=$(awk '/Enterprise applications/ {s=1} /Object ID/ && s==1 {print $NF}' "$TMP/portal")
	VALUE=$(grep -Eo '[A-Za-z0-9_.~-]{3}[0-9]Q~[A-Za-z0-9_.~-]{34}' "$TMP/portal" | head -1)
}
pshell() { # pshell SCENARIO LINE...: the practice PowerShell prompt
	local sc=$1; shift
	printf '%s\n' "$@" | "$BIN" --practice "$sc" --shell >"$TMP/out" 2>&1; RC=$?
}
new_secret() { # new_secret SCENARIO: sets VALUE from the portal's one showing
	pshell "$1" "portal new-secret 180 Training"
	VALUE=$(awk '/Value:/ {print $2}' "$TMP/out")
}
verified() { # verified SCENARIO [options]
	local sc=$1; shift
	run "$BIN" --practice "$sc" --check "${FAST[@]}" "$@"
	expect "$sc: fixed, the check ends verified" 0 "Result: [0-9]+ passed" "Outcome: verified"
}
answers_for() { # answers_for FILE TENANT CLIENT
	cat >"$1" <<JSON
{ "tenant": "$2", "client_id": "$3", "secret_expiry": "$(date -u -d '+180 days' +%F)",
  "mail_server": { "username": "notify@contoso.com", "sender": "notify@contoso.com",
                   "delivery_notifications": true }, "mailboxes": ["notify@contoso.com"] }
JSON
}

# Doubled quotes ('' is one quote inside '...') never run past a word's room, however many come.
pshell clean "Get-Mailbox -Identity '$(printf "''%.0s" $(seq 3000))'"
[ "$RC" -lt 128 ] && grep -q "^PS> Get-Mailbox" "$TMP/out" && ! grep -q "runtime error\|AddressSanitizer" "$TMP/out" &&
	ok "shell: a word of 3000 doubled quotes is read without a crash" ||
	not_ok "shell: a word of 3000 doubled quotes is read without a crash" "exit $RC" "$(tail -c 600 "$TMP/out")"

# PowerShell's quotes: ‚ and ‛ quote like ', and a doubled quote of any kind inside '...' is one.
pshell clean "Connect-ExchangeOnline -Organization ‚contoso.onmicrosoft.com‛" "Connect-ExchangeOnline -Organization 'O’’Brien'"
expect "shell: ‚ ‛ are quotes; ’’ inside '...' is one ’" 3 "Connected to Exchange Online for contoso" "Tenant 'O’Brien' not found"

portal clean
[ ${#TENANT_ID} = 36 ] && [ ${#CLIENT_ID} = 36 ] && [ ${#APP_OID} = 36 ] && [ ${#SP_OID} = 36 ] &&
	[ "$APP_OID" != "$SP_OID" ] && [ ${#VALUE} = 40 ] && ok "portal: tenant, client, both Object IDs and a new secret's Value" ||
	not_ok "portal: tenant, client, both Object IDs and a new secret's Value" "$(cat "$TMP/portal")"
"$BIN" --practice clean --portal >"$TMP/portal2"
grep -q "$VALUE" "$TMP/portal2" && not_ok "portal: the Value is shown only once" "$(cat "$TMP/portal2")" ||
	ok "portal: the Value is shown only once"

# Secrets: a new one from the portal, swapped in with --rotate.
for sc in secret-id secret-expired secret-other-app; do
	new_secret "$sc"
	[ ${#VALUE} = 40 ] && ok "$sc: portal new-secret shows the Value once" || not_ok "$sc: new secret" "$(output)"
	run_stdin "$VALUE" "$BIN" --practice "$sc" --rotate --secret-stdin --secret-expiry "$(date -u -d '+180 days' +%F)"
	expect "$sc: --rotate with the new Value" 0
	verified "$sc"
done

# IDs typed again from the portal's Overview, with --batch.
for sc in object-id tenant-typo; do
	portal "$sc"
	answers_for "$TMP/$sc.answers" "$TENANT_ID" "$CLIENT_ID"
	run_stdin "$VALUE" "$BIN" --practice "$sc" --batch "$TMP/$sc.answers" --secret-stdin
	expect "$sc: --batch with the values from the portal" 0 "Saved .*/practice/$sc.json"
	verified "$sc"
done

# API permissions in the portal.
pshell delegated "portal remove-permission IMAP.AccessAsUser.All" "portal remove-permission SMTP.Send" \
	"portal add-permission exchange application IMAP.AccessAsApp" \
	"portal add-permission exchange application SMTP.SendAsApp" "portal grant-consent"
expect "delegated: Delegated removed, Application added, consent granted" 0 "Granted admin consent"
verified delegated
pshell graph "portal add-permission exchange application IMAP.AccessAsApp" \
	"portal add-permission exchange application SMTP.SendAsApp"
run "$BIN" --practice graph --check
expect "graph: added but not granted: still no roles" 5 "roles: none"
pshell graph "portal grant-consent"
verified graph
pshell no-consent "portal grant-consent"
verified no-consent
pshell no-smtp-permission "portal add-permission exchange delegated SMTP.SendAsApp"
expect "portal: a permission under the wrong type is refused" 3 "has no Delegated permission named SMTP.SendAsApp"
pshell no-smtp-permission "portal add-permission exchange application SMTP.SendAsApp" "portal grant-consent"
verified no-smtp-permission
pshell no-imap-permission "portal add-permission exchange application IMAP.AccessAsApp" "portal grant-consent"
verified no-imap-permission

# Exchange in the PowerShell prompt.
portal wrong-object-id
pshell wrong-object-id "Get-ServicePrincipal"
expect "PowerShell: Exchange cmdlets need Connect-ExchangeOnline first" 3 "is not recognized as a name of a cmdlet"
pshell wrong-object-id "Connect-ExchangeOnline -Organization $TENANT_ID" "Get-ServicePrincipal | Format-List" \
	"New-ServicePrincipal -AppId $CLIENT_ID -ObjectId <OBJECT_ID>" \
	"New-ServicePrincipal -AppId $CLIENT_ID" \
	"Add-MailboxPermission -Identity notify@contoso.com -User $SP_OID -AccessRights FullAcess" \
	"Set-CASMailbox -Identity notify@contoso.com -SmtpClientAuthenticationDisabled false" \
	"Add-MailboxPermission -Identity nobody@contoso.com -User $SP_OID -AccessRights FullAccess"
expect "PowerShell: its own errors for wrong arguments" 3 "ObjectId    : $APP_OID" \
	"The '<' operator is reserved for future use" "missing mandatory parameters: ObjectId" \
	"Unable to match the identifier name FullAcess" "Boolean parameters accept only Boolean values" \
	"couldn't be found on"
pshell wrong-object-id "Connect-ExchangeOnline" "New-ServicePrincipal -AppId $CLIENT_ID -ObjectId $SP_OID -DisplayName 'Extension Kit EXO'" \
	"Add-MailboxPermission -Identity “notify@contoso.com” -User $SP_OID -AccessRights FullAccess -AutoMapping:\$false"
expect "wrong-object-id: registered with the Enterprise app's Object ID" 0 "Extension Kit EXO +$SP_OID" "\{FullAccess\}"
run "$BIN" --practice wrong-object-id --check
expect "wrong-object-id: refused while Exchange propagates" 6 "NO AUTHENTICATE failed"
verified wrong-object-id
# Pasted again where the service principal exists, New-ServicePrincipal says so; the rest runs.
for sc in no-service-principal:0 no-fullaccess:3 smtp-auth-disabled:3; do
	want=${sc#*:} sc=${sc%:*}
	"$BIN" --practice "$sc" --powershell >"$TMP/$sc.ps1"
	sed -i "s/<ENTERPRISE-APP-OBJECT-ID>/$SP_OID/" "$TMP/$sc.ps1"
	printf '%s\n' "$(cat "$TMP/$sc.ps1")" | "$BIN" --practice "$sc" --shell >"$TMP/out" 2>&1; RC=$?
	expect "$sc: the generated PowerShell, pasted whole, runs" "$want" "Connected to Exchange Online" \
		"Add-MailboxPermission -Identity 'notify@contoso.com'" "SmtpClientAuthenticationDisabled : False"
	verified "$sc"
done
pshell no-sendas "Connect-ExchangeOnline" \
	"Add-RecipientPermission -Identity alerts@contoso.com -Trustee $SP_OID -AccessRights SendAs -Confirm:\$false"
expect "no-sendas: Add-RecipientPermission" 0 "\{SendAs\}"
verified no-sendas --send-test alerts@contoso.com

# Propagation: refused, then Exchange catches up while --wait re-checks.
run env O365_WAIT_INTERVAL=1 "$BIN" --practice propagation --practice-reset --check --wait 5 --practice-speed 1000
expect "propagation: refusal, waiting, then success" 0 "refused although the token is right" "Outcome: verified"

# fresh: every step done by hand, from the portal and the prompt.
new_secret fresh
pshell fresh "portal add-permission exchange application IMAP.AccessAsApp" \
	"portal add-permission exchange application SMTP.SendAsApp" "portal grant-consent" \
	"Connect-ExchangeOnline" "New-ServicePrincipal -AppId $CLIENT_ID -ObjectId $SP_OID" \
	"Add-MailboxPermission -Identity notify@contoso.com -User $SP_OID -AccessRights FullAccess" \
	"Set-CASMailbox -Identity notify@contoso.com -SmtpClientAuthenticationDisabled \$false"
expect "fresh: portal and PowerShell steps" 0
answers_for "$TMP/fresh.answers" "$TENANT_ID" "$CLIENT_ID"
run_stdin "$VALUE" "$BIN" --practice fresh --batch "$TMP/fresh.answers" --secret-stdin "${FAST[@]}"
expect "fresh: --batch verifies and saves" 0 "Saved .*/practice/fresh.json"
run "$BIN" --practice fresh --check --summary "$TMP/summary.txt"
expect "fresh: the trainer's summary" 0 "Scenario: fresh" "Changes made:" "New client secret" \
	"Added permission SMTP.SendAsApp" "New-ServicePrincipal" "Trainer's summary saved in $TMP/summary.txt"
grep -q "check 1 FAILED at step 2" "$TMP/summary.txt" && grep -q "Outcome: verified" "$TMP/summary.txt" &&
	ok "summary file: failed checks and the outcome" || not_ok "summary file" "$(cat "$TMP/summary.txt")"

# random names nothing until verified; the trainer's file does.
run "$BIN" --practice random --check
if [ "$RC" != 0 ] && grep -q "not verified yet" "$TMP/out" && ! grep -q "^Scenario:" "$TMP/out"; then
	ok "random: the scenario stays hidden from the trainee"
else
	not_ok "random: the scenario stays hidden from the trainee" "$(output)"
fi

# Practice profiles never meet real servers, and never mix with real ones unmarked.
run "$BIN" --check --config "$PDIR/clean.json"
expect "a practice profile is refused without --practice" 2 "PRACTICE profile"
run "$BIN" --config "$PDIR/clean.json"
expect "... by the wizard too" 2 "PRACTICE profile"
answers_for "$TMP/real.answers" "$TENANT_ID" "$CLIENT_ID"
run_stdin "$VALUE" "$BIN" --batch "$TMP/real.answers" "${EP[@]}" "${MAIL_EP[@]}" --config "$PDIR/clean.json" --secret-stdin
expect "... by --batch" 2 "PRACTICE profile"
run_stdin "$VALUE" "$BIN" --rotate --config "$PDIR/clean.json" --secret-stdin
expect "... and by --rotate" 2 "PRACTICE profile"
run "$BIN" --list
expect "--list marks practice profiles" 0 "clean +PRACTICE" "secret-id +PRACTICE"
refute "--list: no tenant state listed as a profile" "\.tenant"
run "$BIN" --practice nonsense --check
expect "an unknown scenario" 2 "No practice scenario is called 'nonsense'" "--practice list"
run "$BIN" --shell
expect "--shell needs --practice" 2 "go with --practice"
run "$BIN" --practice clean --check --all
expect "--all is for real profiles" 2 "--practice checks one scenario"
run "$BIN" --practice clean --config "$TMP/x.json" --check
expect "--practice takes no --config" 2 "practice profiles"
run "$BIN" --practice clean --check --practice-reset
expect "--practice-reset starts the scenario again" 0 "check 1 passed"
printf '{"practice": "clean", "secrets": [' >"$PDIR/clean.tenant.json"
run "$BIN" --practice clean --check
expect "a damaged practice tenant is named, with the way out" 3 "damaged; start again with --practice-reset"
printf '{"practice": "nonsense", "tenant": "x", "client_id": "y"}' >"$PDIR/clean.tenant.json"
run "$BIN" --practice clean --check
expect "... also when it names no scenario" 3 "damaged"

# No sockets: not one socket() or connect() in the whole practice run.
if command -v strace >/dev/null; then
	strace -f -qq -e trace=socket,connect -o "$TMP/strace" "$BIN" --practice no-sendas --check \
		--send-test alerts@contoso.com >/dev/null 2>&1
	if [ -s "$TMP/strace" ] && grep -Eq 'socket\(|connect\(' "$TMP/strace"; then
		not_ok "practice opens no sockets" "$(cat "$TMP/strace")"
	else ok "practice opens no sockets"; fi
	# The wizard too, walked through a whole fix by its practice screens.
	TERM=xterm O365_WAIT_INTERVAL=1 O365_SCRIPT=$top_srcdir/tests/practice-screens/no-fullaccess.script O365_SCREEN_DIR=$TMP \
		strace -f -qq -e trace=socket,connect -o "$TMP/strace" "$BIN" --practice no-fullaccess --practice-reset \
		--practice-speed 1000 >/dev/null 2>&1
	if grep -Eq 'socket\(|connect\(' "$TMP/strace" || ! grep -q "Logged in" "$TMP/no-fullaccess-7-verified"; then
		not_ok "the practice wizard opens no sockets" "$(cat "$TMP/strace")"
	else ok "the practice wizard opens no sockets"; fi
else
	skip "practice opens no sockets" "strace is not installed"
	skip "the practice wizard opens no sockets" "strace is not installed"
fi
done_testing
