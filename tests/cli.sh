#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Command line, exit statuses, and the profile store's refusals as a user meets them.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

run "$BIN" --version
expect "--version" 0 "^o365-oauth-setup [0-9]+\.[0-9]+"
run "$BIN" --help
expect "--help lists modes and exit statuses" 0 "--check" "--batch FILE" "--secret-stdin" "Exit status"
run "$BIN" --bogus
expect "unknown option: exit 2" 2 "Try 'o365-oauth-setup --help'"
run "$BIN" --check "s3cret-on-the-command-line"
expect "stray argument (a secret on argv) is refused" 2 "never taken on the command line"
run "$BIN" --check --batch x
expect "two modes at once" 2 "choose one of"
run "$BIN" --check --warn-days lots
expect "--warn-days needs a number" 2 "--warn-days"
run "$BIN" --check --secret-stdin
expect "--secret-stdin only with --batch/--rotate" 2 "go with --batch or --rotate"
run "$BIN" --check --config a --profile b
expect "--config and --profile together" 2 "either --config or --profile"
run "$BIN" --check --profile ../etc
expect "bad profile name" 2 "not a profile name"
run "$BIN" --check
expect "--check without a profile says how to create it" 3 "no such profile" "Run o365-oauth-setup"

mkdir -p -m 700 "$XDG_CONFIG_HOME/o365-oauth-setup"
P=$XDG_CONFIG_HOME/o365-oauth-setup/default.json
printf '{\n  "schema": 1,\n  "tenant": "example.test"\n  "client_id": "x"\n}\n' >"$P"
chmod 600 "$P"
run "$BIN" --check
expect "malformed profile: FILE:LINE:COL" 3 "default.json:4:[0-9]+: not valid JSON" "never overwritten without a"
printf '{ "schema": 1, "mail_server": { "smtp_port": "587" } }\n' >"$P"
run "$BIN" --check
expect "wrong type names the key" 3 "default.json:1:[0-9]+: 'smtp_port' must be a whole number"
printf '{ "schema": 1 }\n' >"$P"
chmod 644 "$P"
run "$BIN" --check
expect "group/world-readable profile is refused with the fix" 3 "too open" "chmod 600"
chmod 600 "$P"
if [ "$(id -u)" = 0 ]; then
	chown 12345 "$P"
	run "$BIN" --check
	expect "profile owned by another user is refused" 3 "owned by another user" "chown"
	chown 0 "$P"
else
	skip "profile owned by another user is refused" "needs root"
fi
ln -sf "$P" "$TMP/link.json"
run "$BIN" --check --config "$TMP/link.json"
expect "symbolic link is refused" 3 "symbolic link"
run "$BIN" --list
expect "--list shows the profile" 0 "default"
printf '{ "tenant": "example.test", "client_secret": "in-the-file" }\n' >"$TMP/answers.json"
run "$BIN" --batch "$TMP/answers.json" --config "$TMP/from-answers.json"
expect "an answers file never holds the secret" 3 "never holds the client secret" "--secret-stdin or --secret-file"
refute "the refused secret is not echoed" "in-the-file"
[ ! -e "$TMP/from-answers.json" ] && ok "nothing saved from a refused answers file" || not_ok "nothing saved from a refused answers file"
printf '{ "tenant": "example.test",\n  "client_id": [1, 2] }\n' >"$TMP/answers.json"
run "$BIN" --batch "$TMP/answers.json" --config "$TMP/from-answers.json"
expect "a wrong type in the answers file points into it" 3 "answers.json:2:[0-9]+: 'client_id' must be a string"
done_testing
