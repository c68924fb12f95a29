#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The manual lints clean, and it and --help agree on the options; --help fits 79 columns and
# --version names the licence.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
MAN=$top_srcdir/man/o365-oauth-setup.1
run mandoc -Tlint -W warning "$MAN"
expect "mandoc -Tlint is clean" 0
for opt in $("$BIN" --help | grep -Eo -- '--[a-z][a-z-]+' | sort -u); do
	lit="Fl $(printf '%s' "${opt#-}" | sed 's/-/\\-/g')" # the man source escapes every hyphen
	if grep -qF -- "$lit" "$MAN"; then ok "man page documents $opt"; else not_ok "man page documents $opt"; fi
done
# Both ways: the options the manual's lists describe are exactly those --help shows.
man_opts=$(grep '^\.It Fl ' "$MAN" | sed 's/\\-/-/g' | grep -Eo 'Fl -?[A-Za-z][a-z-]*' | sed 's/^Fl /-/' | sort -u)
help_opts=$("$BIN" --help | grep -Eo -- '(^|[ ,])--?[A-Za-z][a-z-]*' | grep -Eo -- '--?[A-Za-z][a-z-]*' | sort -u)
if [ -n "$man_opts" ] && [ "$man_opts" = "$help_opts" ]; then ok "the manual and --help list the same options"; else
	not_ok "the manual and --help list the same options" "$(diff <(echo "$man_opts") <(echo "$help_opts"))"; fi
wide=$("$BIN" --help | awk 'length($0) > 79')
if [ -z "$wide" ]; then ok "--help lines fit 79 columns"; else not_ok "--help lines fit 79 columns" "$wide"; fi
run "$BIN" --version
expect "--version names the copyright and the licence" 0 "^o365-oauth-setup [0-9]" "^Copyright \(C\) [0-9]{4}" "GPLv3\+"
run "$BIN" --help
expect "--help says where to report bugs" 0 "^Report bugs to: <[^ @>]+@[^ >]+>"
for code in 0 2 3 4 5 6 7 8; do
	grep -q "^\.It $code\$" "$MAN" && ok "exit status $code documented" || not_ok "exit status $code documented"
done
# The KEYS section is the action table, line for line.
manual_keys=$(awk '/^\.Sh WIZARD KEYS/{on=1; next} on && /^\.El/{exit} on && /^\.It /{k=substr($0, 5); next} on && k!=""{print k "\t" $0; k=""}' "$MAN")
if [ "$manual_keys" = "$("$BIN" --keys)" ]; then ok "man page key list equals the action table"; else
	not_ok "man page key list equals the action table" "$(diff <(echo "$manual_keys") <("$BIN" --keys))"; fi
done_testing
