#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Scripted-keystroke screen tests: the real binary reads keys from tests/screens/NAME.script
# (O365_SCRIPT, no tty), and every ":save X" screen must equal tests/screens/expected/X after
# volatile values (paths, ports, dates, timings) are normalised. O365_UPDATE_GOLDEN=1 writes missing
# expected screens instead of failing (review them before committing).
#
# Directives at the top of a script:
#   #! args ARG...        extra options; @AUTHORITY@ @CA@ @IMAP@ @SMTP@ @LIMAP@ @LSMTP@ are filled in
#   #! seed CLIENT DELIVERY [MAILBOX [SENDER]]   create the profile first with --batch (verified)
#   #! size COLSxROWS     terminal size (default 80x24)
#   #! expect-rc N        the wizard's exit status (default 0)
#   #! then CMD...        a shell check after the run ($BIN, $CFG are set); must succeed
#   #! keep               keep the profile the previous script left
#   #! copy-profile NAME  after seeding, copy the profile to NAME.json beside it
#   #! lang LL            run in language LL (tests/lib.sh's speak: catalogue and locale generated)
#   #! before CMD...      a shell command after seeding, before the wizard ($BIN, $CFG, ${EP[@]} set)
# O365_SCREENS='GLOB...' runs only the scripts whose names match one (for a quick look while working).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
if [ "$(id -u)" != 0 ] || ! command -v dovecot >/dev/null; then
	echo "1..0 # SKIP needs root and dovecot for the mailbox steps"
	exit 0
fi
token_start
mailrig_start
lines_start
SCREENS=$top_srcdir/tests/screens
OUT=$TMP/screens
mkdir -p "$OUT"
CFG=$XDG_CONFIG_HOME/o365-oauth-setup/default.json
export TERM=xterm LANG=C.UTF-8 XDG_STATE_HOME=$TMP/state

# The expiry preset "12" is a date from today, 365 days on (the scripts type no other date
# that could fall on it).
for d in 365; do
	echo "s/$(date -u -d "+$d days" '+%-d %B %Y')/<TODAY+$d-days>/g"
	echo "s/$(date -u -d "+$d days" +%Y-%m-%d)/<TODAY+$d-days>/g"
done >"$TMP/presets.sed"
normalise() {
	sed -e "s|$TMP|<TMP>|g" -e "s|$AUTHORITY|<AUTHORITY>|g" -e "s|$EXPIRY|<EXPIRY>|g" \
		-e 's/127\.0\.0\.1:[0-9]\{2,5\}/127.0.0.1:<PORT>/g' \
		-e 's/expires in [0-9]\+ days/expires in <N> days/g' \
		-e 's/valid for -\?[0-9]\+ more minutes/valid for <N> more minutes/g' \
		-e 's/([0-9]\+[.,][0-9] s)/(<T> s)/g' \
		-e 's/[0-9]\{4\}-[0-9]\{2\}-[0-9]\{2\} [0-9]\{2\}:[0-9]\{2\} UTC/<TIME>/g' \
		-e 's/bak-[0-9]\+-start-over/bak-<N>-start-over/g' -e "s/$(date -u +%Y-%m-%d)/<TODAY>/g" \
		-e 's/, in [0-9]\+ days/, in <N> days/g' -e 's/, in [0-9]\+ Tag\(en\)\?/, in <N> Tagen/g' \
		-e 's/, za [0-9]\+ dana\?/, za <N> dana/g' -e 's/läuft in [0-9]\+ Tag\(en\)\? ab/läuft in <N> Tagen ab/g' \
		-e 's/istječe za [0-9]\+ dana\?/istječe za <N> dana/g' -f "$TMP/presets.sed" "$1"
}

fill() {
	sed -e "s|@AUTHORITY@|$AUTHORITY|g" -e "s|@CA@|$CA|g" -e "s|@IMAP@|127.0.0.1:$IMAP_PORT|g" \
		-e "s|@SMTP@|127.0.0.1:$SMTP_PORT|g" -e "s|@LIMAP@|127.0.0.1:$LINES_IMAP|g" \
		-e "s|@LSMTP@|127.0.0.1:$LINES_SMTP|g" <<<"$1"
}

for script in "$SCREENS"/*.script; do
	name=$(basename "$script" .script)
	if [ -n "${O365_SCREENS:-}" ]; then
		read -ra globs <<<"$O365_SCREENS"
		m=""
		# shellcheck disable=SC2254
		for g in "${globs[@]}"; do case $name in $g) m=1 ;; esac; done
		[ -n "$m" ] || continue
	fi
	grep -q '^#! keep' "$script" || rm -rf "$XDG_CONFIG_HOME" "$XDG_STATE_HOME"
	args=$(fill "$(sed -n 's/^#! args //p' "$script")")
	size=$(sed -n 's/^#! size //p' "$script")
	size=${size:-80x24}
	want_rc=$(sed -n 's/^#! expect-rc //p' "$script")
	seed=$(sed -n 's/^#! seed //p' "$script")
	if [ -n "$seed" ]; then
		read -r s_client s_dn s_box s_sender <<<"$seed"
		MAIL_EP=(--imap-server "127.0.0.1:$IMAP_PORT" --smtp-server "127.0.0.1:$SMTP_PORT")
		answers "$TMP/$name.answers" "$s_client" "$TENANT" "$s_dn" "\"mailboxes\": [\"${s_box:-box@example.test}\"]"
		[ -z "${s_sender:-}" ] || sed -i "s/\"sender\": \"box@example.test\"/\"sender\": \"$s_sender\"/" "$TMP/$name.answers"
		run_stdin "$SECRET" "$BIN" --batch "$TMP/$name.answers" "${EP[@]}" "${MAIL_EP[@]}" --secret-stdin
		[ "$RC" = 0 ] || { not_ok "$name: seed profile" "$(output)"; continue; }
		cp "$CFG" "$TMP/$name.seeded.json"
	fi
	while IFS= read -r before; do
		[ -n "$before" ] || continue
		(eval "$(fill "$before")") >"$TMP/before.out" 2>&1 || not_ok "$name: before: $before" "$(cat "$TMP/before.out")"
	done < <(sed -n 's/^#! before //p' "$script")
	for other in $(sed -n 's/^#! copy-profile //p' "$script"); do cp "$CFG" "${CFG%/*}/$other.json"; done
	lang=$(sed -n 's/^#! lang //p' "$script")
	(
		[ -z "$lang" ] || speak "$lang"
		# shellcheck disable=SC2086
		COLUMNS=${size%x*} LINES=${size#*x} O365_SCRIPT=$script O365_SCREEN_DIR=$OUT \
			timeout 120 "$BIN" $args </dev/null >"$TMP/$name.out" 2>&1
	)
	rc=$?
	if [ "$rc" = "${want_rc:-0}" ]; then ok "$name: wizard exits ${want_rc:-0}"; else
		not_ok "$name: wizard exits ${want_rc:-0}" "exit $rc" "$(cat "$TMP/$name.out")"; fi
	for shot in $(sed -n 's/^:save //p' "$script"); do
		exp=$SCREENS/expected/$shot
		if [ ! -f "$OUT/$shot" ]; then
			not_ok "$name: screen $shot" "the script did not reach it"
		elif [ ! -f "$exp" ] && [ -n "${O365_UPDATE_GOLDEN:-}" ]; then
			normalise "$OUT/$shot" >"$exp"
			ok "$name: screen $shot # new golden file written"
		elif diff -u "$exp" <(normalise "$OUT/$shot") >"$TMP/diff" 2>&1; then
			ok "$name: screen $shot"
		else
			not_ok "$name: screen $shot" "$(cat "$TMP/diff")"
		fi
	done
	while IFS= read -r check; do
		[ -n "$check" ] || continue
		if (eval "$check") >"$TMP/check.out" 2>&1; then ok "$name: $check"; else
			not_ok "$name: $check" "$(cat "$TMP/check.out")"; fi
	done < <(sed -n 's/^#! then //p' "$script")
done
done_testing
