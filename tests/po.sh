#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Translations: po/POTFILES.in lists every source file with messages exactly once, and every
# catalogue in po/LINGUAS translates every message of a freshly extracted template, none fuzzy;
# PowerShell cmdlets and parameters stay as Microsoft spells them; the program speaks each language
# with --help still within 79 columns, the PowerShell comments translated and its commands and the
# Extension Kit's field names as the products spell them.
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

# A fixed profile for the PowerShell and the field sheet in each language.
mkdir -p "$TMP/fixed"
cat >"$TMP/fixed/p.json" <<JSON
{ "schema": 1, "cloud": "global", "tenant": "$TENANT", "client_id": "$APP", "auth": "secret",
  "client_secret": "$SECRET", "secret_expiry": "2027-05-31",
  "mail_server": { "smtp_server": "smtp.office365.com", "smtp_port": 587, "transport_security": "TLS",
                   "username": "notify@contoso.com", "sender": "alerts@contoso.com", "delivery_notifications": true },
  "mailboxes": ["notify@contoso.com"], "service_principal_object_id": "$OID", "app_name": "Extension Kit" }
JSON
chmod 600 "$TMP/fixed/p.json"
commands() { sed -e '/^#/d' -e 's/ *# .*$//'; } # PowerShell without its comments
fields() { # the Extension Kit's own field names, as the sheet lists them
	grep -E "^(Authentication type|SMTP server|Transport security|Username|Sender's e-mail address|Delivery notifications enabled|Tenant ID|Application \(client\) ID|Client Secret|Scope) "
}
ps_en=$("$BIN" --powershell --config "$TMP/fixed/p.json")
sheet_en=$("$BIN" --export extension-kit --include-secret --config "$TMP/fixed/p.json")

for ll in $(sed 's/#.*//' po/LINGUAS); do
	po=po/$ll.po
	msgmerge -q --previous -o "$TMP/$ll.po" "$po" "$TMP/fresh.pot" 2>"$TMP/merge.err"
	stats=$(msgfmt -c --statistics -o /dev/null "$TMP/$ll.po" 2>&1)
	echo "# $ll: $stats"
	untranslated=$(msgattrib --untranslated --no-obsolete --no-wrap "$TMP/$ll.po" | grep '^msgid ' | grep -vc '^msgid ""$')
	fuzzy=$(msgattrib --only-fuzzy --no-obsolete --no-wrap "$TMP/$ll.po" | grep '^msgid ' | grep -vc '^msgid ""$')
	if [ "$untranslated" = 0 ] && [ "$fuzzy" = 0 ]; then ok "$po translates every message of the template"; else
		not_ok "$po translates every message of the template" "$untranslated untranslated, $fuzzy fuzzy:" \
			"$({ msgattrib --untranslated --no-obsolete --no-wrap "$TMP/$ll.po"
				msgattrib --only-fuzzy --no-obsolete --no-wrap "$TMP/$ll.po"; } 2>/dev/null |
				grep '^msgid ' | grep -v '^msgid ""$' | head -20)"
	fi
	if msgfmt -c -o "$TMP/$ll.mo" "$po" 2>"$TMP/fmt.err"; then ok "$po compiles with format checks"; else
		not_ok "$po compiles with format checks" "$(cat "$TMP/fmt.err")"; fi
	# Cmdlets (Verb-Noun) and their -Parameters are the product's words: never translated.
	lost=$(msgattrib --translated --no-fuzzy --no-obsolete --no-wrap "$po" | "$PY" -c '
import re, sys
text = sys.stdin.read()
pat = re.compile(r"\b(?:New|Add|Set|Get|Connect|Install|Import)-[A-Z][A-Za-z]+|(?<![\w-])-[A-Z][A-Za-z]+\b")
def unq(s): return "".join(re.findall(r"\"((?:[^\"\\]|\\.)*)\"", s))
for m in re.finditer(r"^msgid (.*?)\n(?:msgid_plural .*?\n)?(msgstr(?:\[\d\])? .*?)(?=\n\n|\Z)", text, re.S | re.M):
    src, dst = unq(m.group(1)), unq(m.group(2))
    missing = set(pat.findall(src)) - set(pat.findall(dst))
    if missing:
        print(" ".join(sorted(missing)), "<-", src[:70])
')
	if [ -z "$lost" ]; then ok "$po keeps every cmdlet and parameter"; else
		not_ok "$po keeps every cmdlet and parameter" "$lost"; fi
	(
		speak "$ll"
		wide=$("$BIN" --help | while IFS= read -r line; do [ ${#line} -le 79 ] || echo "${#line}: $line"; done)
		if [ -z "$wide" ]; then ok "$ll: --help lines fit 79 columns"; else not_ok "$ll: --help lines fit 79 columns" "$wide"; fi
		run "$BIN" --help
		[ "$(output)" != "$(speak_english; "$BIN" --help)" ] && ok "$ll: --help is translated" ||
			not_ok "$ll: --help is translated" "$(head -3 "$TMP/out")"
		ps=$("$BIN" --powershell --config "$TMP/fixed/p.json")
		if [ "$(commands <<<"$ps")" = "$(commands <<<"$ps_en")" ] && [ "$(grep -c '^#' <<<"$ps")" -gt 3 ] &&
			[ -z "$(comm -12 <(grep '^# ' <<<"$ps" | sort) <(grep '^# ' <<<"$ps_en" | sort))" ]; then
			ok "$ll: the PowerShell's comments are translated, its commands are not"
		else
			not_ok "$ll: the PowerShell's comments are translated, its commands are not" \
				"$(diff <(commands <<<"$ps_en") <(commands <<<"$ps"))" "$(grep '^#' <<<"$ps")"
		fi
		sheet=$("$BIN" --export extension-kit --include-secret --config "$TMP/fixed/p.json")
		if [ "$(fields <<<"$sheet")" = "$(fields <<<"$sheet_en")" ] && [ "$(fields <<<"$sheet" | wc -l)" = 11 ]; then
			ok "$ll: the field sheet keeps the Extension Kit's field names"
		else
			not_ok "$ll: the field sheet keeps the Extension Kit's field names" "$(diff <(fields <<<"$sheet_en") <(fields <<<"$sheet"))"
		fi
		echo "T=$T FAILED=$FAILED" >"$TMP/counts"
	)
	. "$TMP/counts"
done
done_testing
