#!/bin/bash
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

done_testing
