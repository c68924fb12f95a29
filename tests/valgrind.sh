#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every command-line mode and a scripted wizard walk under valgrind: no memory errors, no leaks
# (definite, indirect or possible). Skipped in the sanitizer build, which valgrind cannot run.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
if ! command -v valgrind >/dev/null; then
	skip "valgrind" "valgrind is not installed"
	done_testing
fi
if grep -q __asan_init "$BIN"; then
	skip "valgrind" "the sanitizer build runs its own checks"
	done_testing
fi
case $top_builddir in */_build/sub)
	skip "valgrind" "run once, by the normal build, not again inside make distcheck"
	done_testing
	;;
esac
token_start
lines_start
VG=(valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible
	--errors-for-leak-kinds=definite,indirect,possible --suppressions="$top_srcdir/tests/valgrind.supp"
	--log-file="$TMP/vg.%p")
MAIL_EP=(--imap-server "127.0.0.1:$LINES_IMAP" --smtp-server "127.0.0.1:$LINES_SMTP")
# vg NAME WANT-RC CMD-ARGS...: the program under valgrind with no stdin
vg() {
	local name=$1 want=$2; shift 2
	rm -f "$TMP"/vg.*
	"${VG[@]}" "$BIN" "$@" </dev/null >"$TMP/out" 2>&1
	RC=$?
	if [ "$RC" = "$want" ] && ! [ -s "$(ls "$TMP"/vg.* 2>/dev/null | head -1)" ]; then ok "valgrind: $name"; else
		not_ok "valgrind: $name" "exit $RC (want $want)" "$(cat "$TMP"/vg.* 2>/dev/null | head -40)" "$(head -c 1500 "$TMP/out")"
	fi
}
answers "$TMP/a.json" "$APP" "$TENANT" true '"mailboxes": ["box@example.test", "authfail@example.test"]'
printf '%s\n' "$SECRET" >"$TMP/secret"
printf '%s\n' "$NEW_SECRET" >"$TMP/new-secret"
printf '%s\n' 'Ab12Q~ThisIsAWrongNewSecretValue.0123456' >"$TMP/wrong-secret"
chmod 600 "$TMP/secret" "$TMP/new-secret" "$TMP/wrong-secret"
vg "--version" 0 --version
vg "--help" 0 --help
vg "--keys" 0 --keys
vg "a bad command line" 2 --check stray-argument
vg "--batch" 6 --batch "$TMP/a.json" "${EP[@]}" "${MAIL_EP[@]}" --secret-file "$TMP/secret" --save-unverified \
	--timeout 10 --transcript "$TMP/t.txt"
vg "--check" 6 --check --timeout 10
vg "--check --token-only" 0 --check --token-only "${EP[@]}"
vg "--check --nagios" 2 --check --nagios --timeout 10
vg "--rotate" 0 --rotate --secret-file "$TMP/new-secret" --token-only --secret-expiry "$(date -u -d '+300 days' +%F)"
vg "--rotate refused" 4 --rotate --secret-file "$TMP/wrong-secret" --token-only
for f in extension-kit json env; do vg "--export $f" 0 --export "$f" --include-secret; done
vg "--powershell" 0 --powershell
vg "--list" 0 --list
vg "--check --all" 6 --check --all --timeout 10
vg "--list --check" 6 --list --check --timeout 10
vg "--practice" 0 --practice clean --practice-reset --check
vg "a missing profile" 3 --check --profile nosuch
# The wizard, scripted: the start screen, help, the first steps, quit with a draft.
cat >"$TMP/walk.script" <<'KEYS'
<F1>
<Esc>
<Enter>
type 72f988bf-86f1-41af-91ab-2d7cd011db47
<Tab>
type 11111111-2222-3333-4444-555555555555
<Enter>
<F10>
<Enter>
KEYS
rm -f "$TMP"/vg.*
O365_SCRIPT=$TMP/walk.script O365_SCREEN_DIR=$TMP COLUMNS=80 LINES=24 "${VG[@]}" "$BIN" --profile walk "${EP[@]}" \
	</dev/null >"$TMP/out" 2>&1
RC=$?
if [ "$RC" != 99 ] && ! [ -s "$(ls "$TMP"/vg.* 2>/dev/null | head -1)" ]; then ok "valgrind: a scripted wizard walk (exit $RC)"; else
	not_ok "valgrind: a scripted wizard walk" "exit $RC" "$(cat "$TMP"/vg.* 2>/dev/null | head -40)"
fi
done_testing
