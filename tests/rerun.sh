#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Coming back months later: rotation as a transaction, exports, monitoring, several profiles.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
GOLDEN=$top_srcdir/tests/golden
token_start
DIR=$XDG_CONFIG_HOME/o365-oauth-setup
CFG=$DIR/default.json

# A verified profile to start from (token-only: the mailbox side has its own tests).
answers "$TMP/a.json" "$APP" "$TENANT" true '"mailboxes": ["box@example.test"]'
run_stdin "$SECRET" "$BIN" --batch "$TMP/a.json" "${EP[@]}" "${MAIL_EP[@]}" --secret-stdin --token-only
expect "set-up profile saved" 0 "Saved"

# Rotation succeeds: new secret verified, swapped in, backup kept, old one named for deletion.
cp "$CFG" "$TMP/before.json"
backups_before=$(ls "$CFG".bak-* 2>/dev/null | wc -l)
run_stdin "$NEW_SECRET" "$BIN" --rotate --secret-stdin --secret-expiry "$(date -u -d '+300 days' +%F)" --token-only
expect "rotate: success" 0 "new secret is saved" "delete the old secret \(expires $EXPIRY\)"
grep -qF "$NEW_SECRET" "$CFG" && ! grep -qF "$SECRET" "$CFG" && ok "rotate: the profile holds only the new secret" ||
	not_ok "rotate: the profile holds only the new secret"
[ "$(ls "$CFG".bak-* | wc -l)" -gt "$backups_before" ] && ok "rotate: the previous file is kept as a backup" ||
	not_ok "rotate: the previous file is kept as a backup"
refute "rotate: secrets never printed" "$NEW_SECRET|$SECRET"

# Rotation with a wrong new secret: nothing changes, byte for byte.
cp "$CFG" "$TMP/rotated.json"
run_stdin 'Ab12Q~ThisIsAWrongNewSecretValue.0123456' "$BIN" --rotate --secret-stdin --secret-expiry "$(date -u -d '+300 days' +%F)" --token-only
expect "rotate: a wrong new secret is refused" 4 "AADSTS7000215" "Rotation abandoned: nothing was changed"
cmp -s "$CFG" "$TMP/rotated.json" && ok "rotate: file unchanged byte for byte after a failure" ||
	not_ok "rotate: file unchanged byte for byte after a failure"
run_stdin "$NEW_SECRET" "$BIN" --rotate --secret-stdin --token-only
expect "rotate: the secret already in use is refused" 3 "already in use"
run "$BIN" --rotate --token-only
expect "rotate: needs the new secret on stdin or in a file" 2 "--secret-stdin or --secret-file"
printf '%s\n' "$SECRET" >"$TMP/secret.txt"
chmod 644 "$TMP/secret.txt"
run "$BIN" --rotate --secret-file "$TMP/secret.txt" --token-only
expect "rotate: a secret file readable by others is refused" 3 "chmod 600"

# Rotation killed at random moments: the profile is always the old or the new one, never lost.
for i in $(seq 1 25); do
	cp "$TMP/rotated.json" "$CFG"
	chmod 600 "$CFG"
	printf '%s\n' "$SECRET" | "$BIN" --rotate --secret-stdin --token-only >/dev/null 2>&1 &
	pid=$!
	"$PY" -c "import random,time; time.sleep(random.uniform(0, 0.25))"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	if cmp -s "$CFG" "$TMP/rotated.json" || { grep -qF "$SECRET" "$CFG" && "$BIN" --check --token-only >/dev/null 2>&1; }; then
		:
	else
		not_ok "rotate: killed at random moment $i leaves the old or the new profile" "$(cat "$CFG")"
		break
	fi
	[ "$i" = 25 ] && ok "rotate: killed at 25 random moments, the profile is always whole"
done
cp "$TMP/rotated.json" "$CFG"

# Exports from a fixed profile, compared with golden files.
mkdir -p "$TMP/fixed"
cat >"$TMP/fixed/p.json" <<JSON
{ "schema": 1, "cloud": "global", "tenant": "$TENANT", "client_id": "$APP", "auth": "secret",
  "client_secret": "$SECRET", "secret_expiry": "2027-05-31",
  "mail_server": { "smtp_server": "smtp.office365.com", "smtp_port": 587, "transport_security": "TLS",
                   "username": "notify@contoso.com", "sender": "alerts@contoso.com", "delivery_notifications": true },
  "mailboxes": ["notify@contoso.com", "o'brien@contoso.com"],
  "service_principal_object_id": "$OID", "app_name": "Extension Kit" }
JSON
chmod 600 "$TMP/fixed/p.json"
for fmt in extension-kit json env; do
	run "$BIN" --export "$fmt" --config "$TMP/fixed/p.json"
	if [ "$RC" = 0 ] && diff -u "$GOLDEN/export.$fmt" "$TMP/out" >"$TMP/diff"; then ok "export $fmt matches the golden file"; else
		not_ok "export $fmt matches the golden file" "$(cat "$TMP/diff")"; fi
	refute "export $fmt leaves the secret out" "$SECRET"
	run "$BIN" --export "$fmt" --config "$TMP/fixed/p.json" --include-secret
	expect "export $fmt --include-secret includes it" 0 "$SECRET"
done
( set -a; eval "$("$BIN" --export env --config "$TMP/fixed/p.json")"; [ "$O365_SENDER" = alerts@contoso.com ] ) &&
	ok "export env is shell-safe to eval" || not_ok "export env is shell-safe to eval"
run "$BIN" --export yaml --config "$TMP/fixed/p.json"
expect "export: unknown format" 2 "extension-kit, json or env"
run "$BIN" --powershell --config "$TMP/fixed/p.json"
if [ "$RC" = 0 ] && diff -u <(sed 's/on [0-9-]*,/on <DATE>,/' "$GOLDEN/powershell.ps1") <(sed 's/on [0-9-]*,/on <DATE>,/' "$TMP/out") >"$TMP/diff"; then
	ok "powershell matches the golden file"; else not_ok "powershell matches the golden file" "$(cat "$TMP/diff")"; fi

# Monitoring.
run "$BIN" --check --nagios --token-only "${EP[@]}"
expect "nagios: OK" 0 "^O365-OAUTH OK - all checks passed; secret expires in [0-9]+ days .*\| days_left=[0-9]+;30;7 check_time="
run "$BIN" --check --nagios --token-only "${EP[@]}" --warn-days 400
expect "nagios: WARNING when the secret expires within --warn-days" 1 "^O365-OAUTH WARNING"
cp "$CFG" "$TMP/keep.json"
sed -i "s/\"secret_expiry\":[^,]*/\"secret_expiry\": \"$(date -u -d '+3 days' +%F)\"/" "$CFG"
run "$BIN" --check --nagios --token-only "${EP[@]}"
expect "nagios: CRITICAL within 7 days of expiry" 2 "^O365-OAUTH CRITICAL"
cp "$TMP/keep.json" "$CFG"
sed -i "s/$NEW_SECRET/Cd34Q~SomebodyDeletedThisSecretValue.0123/" "$CFG"
run "$BIN" --check --nagios --token-only "${EP[@]}"
expect "nagios: CRITICAL when the token is refused" 2 "^O365-OAUTH CRITICAL - token: AADSTS7000215"
cp "$TMP/keep.json" "$CFG"
run "$BIN" --check --nagios --profile nosuch
expect "nagios: UNKNOWN without a usable profile" 3 "^O365-OAUTH UNKNOWN"

# Several profiles.
answers "$TMP/b.json" "$APP" example.test false
run_stdin "$SECRET" "$BIN" --batch "$TMP/b.json" "${EP[@]}" "${MAIL_EP[@]}" --secret-stdin --profile acme-sales --token-only
expect "a second profile with --profile" 0 "acme-sales.json"
printf '{ "schema": 1, "draft": true, "resume_step": 2, "tenant": "contoso.onmicrosoft.com" }\n' >"$DIR/half.json"
chmod 600 "$DIR/half.json"
run "$BIN" --list
expect "--list shows every profile with cloud, tenant, expiry, last check and last saved verification" 0 \
	"^PROFILE +CLOUD +TENANT" "^acme-sales +global +example.test +[0-9-]+ \([0-9]+d\) +last check: never checked" \
	"^ +last saved verification: [0-9-]+ [0-9:]+ passed" "^default +global +$TENANT" "^ +last saved verification: draft"

# A --check records its outcome and time beside the profile, never in it: after a failing
# check, --list says so, and the profile is the same file, byte for byte, mtime included.
STATE_DIR=$TMP/xdg-state/o365-oauth-setup
ACME=$DIR/acme-sales.json
cp -p "$ACME" "$TMP/acme.before"
mtime_before=$(stat -c %y "$ACME")
files_before=$(ls -a "$DIR")
XDG_STATE_HOME=$TMP/xdg-state run "$BIN" --check --profile acme-sales --token-only "${EP[@]}"
expect "--check passes" 0
state=$(ls "$STATE_DIR"/acme-sales-*.json 2>/dev/null)
[ -n "$state" ] && [ "$(stat -c %a "$state")" = 600 ] && grep -q '"status":[[:space:]]*"ok"' "$state" &&
	grep -q '"at":[[:space:]]*"20[0-9-]*T' "$state" && ok "--check records its outcome in \$XDG_STATE_HOME (0600)" ||
	not_ok "--check records its outcome in \$XDG_STATE_HOME (0600)" "$(ls -la "$STATE_DIR" 2>&1)" "$(cat "$state" 2>&1)"
XDG_STATE_HOME=$TMP/xdg-state run "$BIN" --check --profile acme-sales --token-only --authority https://127.0.0.1:9
expect "--check against an unreachable authority fails" 7
grep -q '"status":[[:space:]]*"fail"' "$state" && grep -q '"exit_status":[[:space:]]*7' "$state" &&
	ok "the failing --check is recorded" || not_ok "the failing --check is recorded" "$(cat "$state")"
cmp -s "$ACME" "$TMP/acme.before" && [ "$(stat -c %y "$ACME")" = "$mtime_before" ] &&
	[ "$(ls -a "$DIR")" = "$files_before" ] && ok "--check never writes the profile (bytes, mtime, no backup)" ||
	not_ok "--check never writes the profile (bytes, mtime, no backup)"
XDG_STATE_HOME=$TMP/xdg-state run "$BIN" --list
expect "--list: the last check failed, the saved verification still passed" 0 \
	"^acme-sales .*last check: [0-9-]+ [0-9:]+ failed at tenant$" \
	"^ +last saved verification: [0-9-]+ [0-9:]+ passed"
# Without XDG_STATE_HOME the state lives under ~/.local/state.
run "$BIN" --check --profile acme-sales --token-only
ls "$HOME"/.local/state/o365-oauth-setup/acme-sales-*.json >/dev/null 2>&1 && ok "state defaults to ~/.local/state" ||
	not_ok "state defaults to ~/.local/state"
run "$BIN" --check --profile half
expect "a draft is never taken for a verified profile" 3 "is a draft"
done_testing
