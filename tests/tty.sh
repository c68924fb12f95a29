#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The terminal is restored on every exit, signals included: the wizard runs on a real
# pseudo-terminal, is ended by SIGTERM, SIGHUP, SIGINT or by quitting, and the tty must be back in
# its cooked mode (echo, line editing) with the alternate screen left.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
for how in TERM HUP INT keys; do
	run "$PY" "$RIG/ptyrun.py" "$BIN" "$how"
	case $how in
	keys) want="exit=0 " ;;
	*) want="exit=-[0-9]+ " ;;
	esac
	expect "ended by $how: terminal restored" 0 "$want" "echo=1 icanon=1 rmcup=1"
done
done_testing
