#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Token check and diagnosis end to end, through --batch and --check, against the stand-in.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
token_start

# scenario NAME CLIENT_ID TENANT DELIVERY WANT_RC PATTERN... (secret from $SCN_SECRET, default good)
scenario() {
	local name=$1 cid=$2 ten=$3 dn=$4 want=$5 cfg; shift 5
	cfg=$TMP/$name.json
	answers "$TMP/$name.answers" "$cid" "$ten" "$dn"
	run_stdin "${SCN_SECRET:-$SECRET}" "$BIN" --batch "$TMP/$name.answers" "${EP[@]}" "${MAIL_EP[@]}" --config "$cfg" --secret-stdin \
		--token-only --save-unverified --timeout "${SCN_TIMEOUT:-10}"
	expect "$name: --batch" "$want" "$@"
	refute "$name: --batch never shows the secret" "${SCN_SECRET:-$SECRET}"
	if [ -f "$cfg" ]; then
		run "$BIN" --check --config "$cfg" --token-only --timeout "${SCN_TIMEOUT:-10}"
		expect "$name: --check" "$want" "$@"
		refute "$name: --check never shows the secret" "${SCN_SECRET:-$SECRET}"
	else
		not_ok "$name: --check" "no profile was saved"
	fi
}

scenario good "$APP" "$TENANT" true 0 "OK +token" "Roles: IMAP.AccessAsApp, SMTP.SendAsApp" "$OID" "New-ServicePrincipal" \
	"trace|Result: [0-9]+ passed"
grep -Eq "\"service_principal_object_id\":[[:space:]]*\"$OID\"" "$TMP/good.json" && ok "good: oid stored in the profile" ||
	not_ok "good: oid stored in the profile" "$(cat "$TMP/good.json")"
# An older-style secret with + / = & % must arrive intact: the form is URL-encoded.
SCN_SECRET='old+Style/Secret=Base64&Chars%20ok' scenario old-style-secret "$APP" "$TENANT" true 0 \
	"WARN .*does not look like a current client secret" "Token issued"
scenario domain-tenant "$APP" example.test true 0 "Tenant example.test found"
run "$BIN" --check --config "$TMP/good.json" --token-only --authority "$AUTHORITY/"
expect "an authority with a trailing slash works" 0 "Token issued"
SCN_SECRET='not-the-right-secret-value' scenario wrong-secret "$APP" "$TENANT" true 4 "AADSTS7000215" \
	"step 2 \(Client secret\)" "Value \(not the Secret ID\)" "trace ID [0-9a-f-]{36}"
SCN_SECRET=$SECRET_ID
run_stdin "$SECRET_ID" "$BIN" --batch "$TMP/good.answers" "${EP[@]}" "${MAIL_EP[@]}" --config "$TMP/sid.json" --secret-stdin --token-only
expect "secret ID pasted: refused before any request" 3 "Secret ID, not the secret" "Client secret is not valid" \
	"step 2"
[ ! -e "$TMP/sid.json" ] && ok "secret ID pasted: nothing saved" || not_ok "secret ID pasted: nothing saved"
unset SCN_SECRET
sed "s/$SECRET/$SECRET_ID/" "$TMP/good.json" >"$TMP/sid-saved.json"
chmod 600 "$TMP/sid-saved.json"
run "$BIN" --check --config "$TMP/sid-saved.json" --token-only
expect "secret ID in a saved profile: --check names step 2" 3 "Secret ID, not the secret" "step 2"
scenario expired-secret 33333333-4444-5555-6666-777777777777 "$TENANT" true 4 "AADSTS7000222" "expired" "step 2"
scenario unknown-app 12345678-1234-1234-1234-123456789abc "$TENANT" true 4 "AADSTS700016" "step 1 \(App registration\)"
scenario unknown-tenant "$APP" nosuch.example.test true 4 "AADSTS90002" "step 1" "Tenant .*not found|tenant was not found"
run_stdin "$SECRET" "$BIN" --batch <(answers /dev/stdout "$APP" common true) "${EP[@]}" "${MAIL_EP[@]}" --config "$TMP/common.json" --secret-stdin --token-only
expect "malformed tenant (common): refused locally" 3 "not a tenant" "step 1"
run_stdin "$SECRET" "$BIN" --batch <(answers /dev/stdout "$APP" "{tenant}" true) "${EP[@]}" "${MAIL_EP[@]}" --config "$TMP/ph.json" --secret-stdin --token-only
expect "placeholder tenant: refused locally" 3 "placeholder"
scenario no-roles 22222222-3333-4444-5555-666666666666 "$TENANT" true 5 "lacks the SMTP.SendAsApp role" \
	"lacks the IMAP.AccessAsApp role" "step 3 \(API permissions\)" "Office 365 Exchange Online" \
	"Application permissions" "not Microsoft Graph, not Delegated" "Grant admin consent" "fetch a new token"
scenario imap-role-missing 44444444-5555-6666-7777-888888888888 "$TENANT" true 5 "lacks the IMAP.AccessAsApp role" \
	"step 3"
scenario imap-role-not-needed 44444444-5555-6666-7777-888888888888 "$TENANT" false 0 "Roles: SMTP.SendAsApp"
scenario smtp-role-missing 55555555-6666-7777-8888-999999999999 "$TENANT" false 5 "lacks the SMTP.SendAsApp role"
scenario public-client 77777777-0000-0000-0000-000000000005 "$TENANT" true 4 "AADSTS700025" "public client"
scenario disabled-app 77777777-0000-0000-0000-000000000006 "$TENANT" true 4 "AADSTS7000112" "disabled"
scenario wrong-audience 77777777-0000-0000-0000-000000000003 "$TENANT" true 0 "WARN .*not Exchange Online"
scenario wrong-tenant-claim 77777777-0000-0000-0000-000000000004 "$TENANT" true 4 "FAIL +claims +The token is for tenant" \
	"FAILED at step 1"
scenario wrong-app-claim 77777777-0000-0000-0000-000000000008 "$TENANT" true 4 "FAIL +claims +The token is for app" \
	"FAILED at step 1"
scenario usgov-tenant "$APP" usgov.example.test true 4 "another cloud" "AADSTS90002"
scenario 429-then-ok f0000000-0000-0000-0000-000000000009 "$TENANT" true 0 "Token issued .*after retries"
scenario 503-then-ok f0000000-0000-0000-0000-00000000000a "$TENANT" true 0 "after retries"
scenario always-429 f0000000-0000-0000-0000-00000000000d "$TENANT" true 7 "slow down \(HTTP 429\)" "Tried 3 times"
scenario http-500 f0000000-0000-0000-0000-000000000001 "$TENANT" true 7 "HTTP 500" "Tried 3 times"
scenario http-503 f0000000-0000-0000-0000-000000000002 "$TENANT" true 7 "HTTP 503" "Tried 3 times"
scenario malformed-json f0000000-0000-0000-0000-000000000003 "$TENANT" true 7 "not the JSON a token endpoint sends"
scenario html-page f0000000-0000-0000-0000-000000000004 "$TENANT" true 7 "web page"
scenario oversized f0000000-0000-0000-0000-000000000005 "$TENANT" true 7 "far too large"
SCN_TIMEOUT=2 scenario hanging f0000000-0000-0000-0000-000000000006 "$TENANT" true 7 "did not answer in time"
scenario closed f0000000-0000-0000-0000-000000000007 "$TENANT" true 7 "closed the connection"
scenario no-access-token f0000000-0000-0000-0000-00000000000b "$TENANT" true 7 "no access token"
scenario redirect f0000000-0000-0000-0000-00000000000c "$TENANT" true 7 "redirect"
scenario unknown-code f0000000-0000-0000-0000-00000000000e "$TENANT" true 4 "AADSTS9999999" \
	"A brand-new failure nobody has catalogued yet" "trace ID"
scenario non-jwt f0000000-0000-0000-0000-000000000008 "$TENANT" true 0 "WARN .*could not be read"

# Certificate credential: a registered certificate works, an unknown one gets AADSTS700027.
cert_answers() {
	answers "$1" "$2" "$TENANT" true "\"auth\": \"certificate\", \"certificate\": { \"cert\": \"$3\", \"key\": \"$4\" }"
}
cert_answers "$TMP/cert.answers" "$APP" "$STATE/pki/client.pem" "$STATE/pki/client.key"
run "$BIN" --batch "$TMP/cert.answers" "${EP[@]}" "${MAIL_EP[@]}" --config "$TMP/cert.json" --token-only
expect "certificate: registered certificate accepted" 0 "2 = certificate" "Roles:"
cert_answers "$TMP/cert2.answers" 66666666-7777-8888-9999-aaaaaaaaaaaa "$STATE/pki/client.pem" "$STATE/pki/client.key"
run "$BIN" --batch "$TMP/cert2.answers" "${EP[@]}" "${MAIL_EP[@]}" --config "$TMP/cert2.json" --token-only --save-unverified
expect "certificate not registered: --batch" 4 "AADSTS700027" "step 2" "Upload the .cer"
run "$BIN" --check --config "$TMP/cert2.json" --token-only
expect "certificate not registered: --check" 4 "AADSTS700027"

# TLS verification is never switched off: without the test CA the stand-in is refused.
answers "$TMP/noca.answers" "$APP"
run_stdin "$SECRET" "$BIN" --batch "$TMP/noca.answers" --authority "$AUTHORITY" --cacert /etc/ssl/certs/ca-certificates.crt \
	--config "$TMP/noca.json" --secret-stdin --token-only
expect "unknown CA is refused" 7 "could not be verified" "--cacert"

# The secret never reaches the token server's log, argv or the saved report lines.
grep -q "$SECRET" "$STATE/run/token.log" && not_ok "token log holds no secret" || ok "token log holds no secret"
run "$BIN" --check --config "$TMP/good.json" --token-only --warn-days 365
expect "expiry within --warn-days gives exit 8" 8 "expires in (199|200) days"
done_testing
