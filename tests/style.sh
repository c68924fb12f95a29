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
layer "practice is model code: no curses, no curl, no screen" src/practice 'curses|curl/|openssl/|"(ui|steps|check|batch)/'
layer "steps never touch libcurl or OpenSSL" src/steps 'curl/|openssl/|"batch/'
# The screen toolkit sits below the steps; only the driver (ui/wizard.c) sits above them.
toolkit=$(ls src/ui/*.c src/ui/*.h | grep -v '^src/ui/wizard\.c$')
# shellcheck disable=SC2086
if grep -nE '^#include .*"(\.\./)?steps/' $toolkit >"$TMP/layer"; then
	not_ok "the toolkit (ui/ but the driver) includes no step" "$(cat "$TMP/layer")"
else ok "the toolkit (ui/ but the driver) includes no step"; fi
layer "steps never include the driver" src/steps '"(\.\./)?ui/wizard|"frontends\.h"'
# HACKING.md's table names every source file, and names no file that is gone.
table=$(grep -o '^| `[^|]*' HACKING.md | grep -o '`[^`]*`' | tr -d '`' | sed -E 's/^(.*)\[ch\]$/\1c\n\1h/')
missing="" gone=""
for f in $(cd src && find . -name '*.[ch]' | sed 's|^\./||' | sort); do
	hit=""
	for t in $table; do
		# shellcheck disable=SC2053
		[[ $f == $t ]] && hit=1 && break
	done
	[ -n "$hit" ] || missing="$missing $f"
done
for t in $table; do
	case $t in *'*'*) continue ;; esac
	[ -e "src/$t" ] || gone="$gone $t"
done
if [ -z "$missing$gone" ]; then ok "HACKING.md's table matches the source files"; else
	not_ok "HACKING.md's table matches the source files" "not in the table:$missing" "in the table, not in src/:$gone"; fi
# Every source, test, script and build file names its licence in its first lines.
nospdx=""
for f in $(find src tests bench completion docs -type f \( -name '*.[ch]' -o -name '*.sh' -o -name '*.py' \
	-o -name '*.lua' \) | sort) bench/run completion/o365-oauth-setup quickstart.sh .ci/run configure.ac \
	Makefile.am po/Makevars po/POTFILES.in debian/rules man/o365-oauth-setup.1; do
	[ -f "$f" ] || continue
	head -3 "$f" | grep -q 'SPDX-License-Identifier: GPL-3.0-or-later' || nospdx="$nospdx $f"
done
if [ -z "$nospdx" ]; then ok "every source file carries the SPDX licence line"; else
	not_ok "every source file carries the SPDX licence line" "missing in:$nospdx"; fi
done_testing
