#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The manual lints clean and documents every long option the program accepts.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
MAN=$top_srcdir/man/o365-oauth-setup.1
run mandoc -Tlint -W warning "$MAN"
expect "mandoc -Tlint is clean" 0
for opt in $("$BIN" --help | grep -Eo -- '--[a-z][a-z-]+' | sort -u); do
	lit="Fl $(printf '%s' "${opt#-}" | sed 's/-/\\-/g')" # the man source escapes every hyphen
	if grep -qF -- "$lit" "$MAN"; then ok "man page documents $opt"; else not_ok "man page documents $opt"; fi
done
for code in 0 2 3 4 5 6 7 8; do
	grep -q "^\.It $code\$" "$MAN" && ok "exit status $code documented" || not_ok "exit status $code documented"
done
# The KEYS section is the action table, line for line.
manual_keys=$(awk '/^\.Sh WIZARD KEYS/{on=1; next} on && /^\.El/{exit} on && /^\.It /{k=substr($0, 5); next} on && k!=""{print k "\t" $0; k=""}' "$MAN")
if [ "$manual_keys" = "$("$BIN" --keys)" ]; then ok "man page key list equals the action table"; else
	not_ok "man page key list equals the action table" "$(diff <(echo "$manual_keys") <("$BIN" --keys))"; fi
done_testing
