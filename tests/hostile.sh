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

done_testing
