#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# No trailing blanks, and the layering rules as include checks. Formatting against .clang-format
# depends on the clang-format version, so `make lint` checks it (the test command runs it).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
run grep -rnI '[[:blank:]]$' src tests/*.sh tests/rig bench configure.ac Makefile.am quickstart.sh .ci/run
expect "no trailing blanks" 1
# Layers call downwards only: core knows no curses or curl; net and check know no screen.
layer() { # layer NAME DIR PATTERN
	if grep -rnE "^#include .*($3)" "$2" >"$TMP/layer" 2>/dev/null; then
		not_ok "$1" "$(cat "$TMP/layer")"
	else ok "$1"; fi
}
layer "core includes no curses, curl or upper layer" src/core 'curses|curl/|"(net|ui|steps|check|batch)/'
layer "net includes no screen or front-end" src/net 'curses|"(ui|steps|check|batch)/'
layer "check includes no screen or front-end" src/check 'curses|"(ui|steps|batch)/'
layer "screens and front-ends never touch libcurl or OpenSSL" src/ui 'curl/|openssl/|"batch/'
layer "steps never touch libcurl or OpenSSL" src/steps 'curl/|openssl/|"batch/'
done_testing
