#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# bash completion: every option --help shows, the --export formats, profile names from the config
# directory, files where a file is asked.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
# shellcheck source=../completion/o365-oauth-setup
. "$top_srcdir/completion/o365-oauth-setup"

# complete WORD...: completes the last word of "o365-oauth-setup WORD..."; the candidates, one a line
complete_words() {
	COMP_WORDS=("$BIN" "$@")
	COMP_CWORD=$#
	_o365_oauth_setup
	printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort
}
# check NAME WANT WORD...
check() {
	local name=$1 want=$2 got; shift 2
	got=$(complete_words "$@")
	if [ "$got" = "$want" ]; then ok "$name"; else not_ok "$name" "want: $want" "got: $got"; fi
}

[ "$(complete -p o365-oauth-setup 2>/dev/null)" = "complete -F _o365_oauth_setup o365-oauth-setup" ] &&
	ok "the completion is registered for the command" || not_ok "the completion is registered for the command"
all=$("$BIN" --help | grep -Eo -- '(^|[ ,])--?[A-Za-z][a-z-]*' | grep -Eo -- '--?[A-Za-z][a-z-]*' | LC_ALL=C sort -u)
[ "$(wc -l <<<"$all")" -gt 20 ] && ok "--help lists the options" || not_ok "--help lists the options" "$all"
check "every option of --help is offered after -" "$all" -
check "long options complete by prefix" "$(printf '%s\n' --export)" --exp
check "--secret- offers the three secret options" "$(printf '%s\n' --secret-expiry --secret-file --secret-stdin)" --secret-
check "--export offers the three formats" "$(printf '%s\n' env extension-kit json)" --export ""
check "--export j completes to json" json --export j
# The translated help must not change the options offered.
(
	speak hr
	check "options are the same in another language" "$all" -
	echo "T=$T FAILED=$FAILED" >"$TMP/counts"
)
. "$TMP/counts"

cfg=$XDG_CONFIG_HOME/o365-oauth-setup
mkdir -p "$cfg"
touch "$cfg/default.json" "$cfg/contoso-prod.json" "$cfg/fabrikam.json" "$cfg/.hidden.json" \
	"$cfg/default.json.bak-20261201" "$cfg/notes.txt"
check "--profile offers the saved profiles" "$(printf '%s\n' contoso-prod default fabrikam)" --profile ""
check "-p completes a profile by prefix" "contoso-prod" -p co
check "profiles come from XDG_CONFIG_HOME" "$(printf '%s\n' contoso-prod default fabrikam)" --check --profile ""
(
	unset XDG_CONFIG_HOME
	mkdir -p "$HOME/.config/o365-oauth-setup" && touch "$HOME/.config/o365-oauth-setup/home-only.json"
	check "without XDG_CONFIG_HOME profiles come from ~/.config" "home-only" --profile ""
	echo "T=$T FAILED=$FAILED" >"$TMP/counts"
)
. "$TMP/counts"
mkdir -p "$TMP/files" && touch "$TMP/files/answers.json" "$TMP/files/ca.pem"
check "--batch completes file names" "$TMP/files/answers.json" --batch "$TMP/files/ans"
check "--cacert completes file names" "$TMP/files/ca.pem" --cacert "$TMP/files/c"
check "--warn-days offers nothing" "" --warn-days ""
check "a word that is not an option offers nothing" "" --check fo
done_testing
