#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Practice mode through the wizard, by scripted keystrokes: each scenario makes its mistake, reads
# the diagnosis, fixes it in the practice portal (F11) or PowerShell prompt (F12), and ends
# verified and saved. Every ":save X" must equal tests/practice-screens/expected/X after dates and
# timings are normalised; O365_UPDATE_GOLDEN=1 writes missing ones (read them before committing).
# No network, no root: the tenant is simulated.
#
# Directives: "#! scenario NAME", "#! args ARG..." (more options), "#! expect-rc N",
# "#! then CMD" (a shell check after the run; $BIN is set).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
SCREENS=$top_srcdir/tests/practice-screens
OUT=$TMP/screens
mkdir -p "$OUT"
# Exchange's 30 minutes pass in 1.8 ms; F7 re-checks every second.
export TERM=xterm LANG=C.UTF-8 O365_WAIT_INTERVAL=1

normalise() {
	sed -e 's/[0-9]\{4\}-[0-9]\{2\}-[0-9]\{2\}/<DATE>/g' -e 's/[0-9]\{2\}:[0-9]\{2\}:[0-9]\{2\}Z/<TIME>Z/g' \
		-e 's/expires in [0-9]\+ days/expires in <N> days/g' \
		-e 's/valid for -\?[0-9]\+ more minutes/valid for <N> more minutes/g' \
		-e 's/([0-9]\+\.[0-9] s)/(<T> s)/g' -e "s|$TMP|<TMP>|g" "$1"
}

for script in "$SCREENS"/*.script; do
	name=$(basename "$script" .script)
	scenario=$(sed -n 's/^#! scenario //p' "$script")
	args=$(sed -n 's/^#! args //p' "$script")
	want_rc=$(sed -n 's/^#! expect-rc //p' "$script")
	rm -rf "$XDG_CONFIG_HOME"
	# shellcheck disable=SC2086
	COLUMNS=80 LINES=24 O365_SCRIPT=$script O365_SCREEN_DIR=$OUT \
		timeout 120 "$BIN" --practice "$scenario" --practice-speed 1000000 $args </dev/null >"$TMP/$name.out" 2>&1
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
