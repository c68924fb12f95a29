#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The terminal is restored on every exit, signals included: the wizard runs on a real
# pseudo-terminal, is ended by SIGTERM, SIGHUP, SIGINT or by quitting, and the tty must be back in
# its cooked mode (echo, line editing) with the alternate screen left.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
for how in TERM HUP INT keys; do
	run "$PY" "$RIG/ptyrun.py" "$BIN" "$how"
	case $how in
	keys) want="exit=1 " ;; # quit without saving
	*) want="exit=-[0-9]+ " ;;
	esac
	expect "ended by $how: terminal restored" 0 "$want" "echo=1 icanon=1 rmcup=1"
done
# Keys as real terminals send them, as raw bytes on the pty; the screen is read by a terminal
# emulator and compared with golden screens.
if "$PY" -c 'import pyte' 2>/dev/null; then
	token_start
	for keys in "$top_srcdir"/tests/keys/*.keys; do
		name=$(basename "$keys" .keys)
		mkdir -p "$TMP/pty"
		args=$(sed -n 's/^#! args //p' "$keys" | sed -e "s|@AUTHORITY@|$AUTHORITY|g" -e "s|@CA@|$CA|g")
		# shellcheck disable=SC2086
		O365_SCREEN_DIR=$TMP/pty run "$PY" "$RIG/ptyrun.py" "$BIN" script "$keys" $args
		expect "$name: played on a pty" 0 "exit=1 paste-mode-restored=1"
		for shot in $(sed -n 's/^save //p' "$keys"); do
			sed -i -e "s|$TMP|<TMP>|g" -e 's/([0-9]\+ s; Esc cancels)/(<N> s; Esc cancels)/' \
				-e 's/\((try [0-9] of [0-9]\), [0-9]\+ s; Esc cancels)/\1, <N> s; Esc cancels)/' "$TMP/pty/$shot"
			if diff -u "$top_srcdir/tests/screens/expected/$shot" "$TMP/pty/$shot" >"$TMP/diff" 2>&1; then
				ok "$name: screen $shot"
			else not_ok "$name: screen $shot" "$(cat "$TMP/diff")"; fi
		done
	done
else
	skip "keys on a pty" "python3-pyte is not installed"
fi
done_testing
