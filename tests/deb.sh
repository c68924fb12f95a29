#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The Debian package: dpkg-buildpackage builds it from a clean copy of the source, lintian finds
# no errors, and the package unpacked into a throw-away root puts the program, manual, translations
# and completion in their places; the installed program then checks a profile against the stand-ins.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
# The package build runs tests of its own; this one must never run inside it.
if [ -n "${O365_IN_PACKAGE_BUILD:-}" ]; then
	echo "1..0 # SKIP inside the package build"
	exit 0
fi
if ! command -v dpkg-buildpackage >/dev/null; then
	echo "1..0 # SKIP not a Debian system (dpkg-buildpackage is missing)"
	exit 0
fi
# One package build per run of the test command: the plain build makes it; the sanitizer build
# and distcheck (which makes the source read-only) do not build it again.
if grep -q '^SAN_CFLAGS = -fsanitize' "$top_builddir/Makefile" 2>/dev/null; then
	echo "1..0 # SKIP the package is built and tested once, by the build without sanitizers"
	exit 0
fi
case $top_builddir in */_build/sub)
	echo "1..0 # SKIP inside make distcheck; the package is built and tested by the normal build"
	exit 0
	;;
esac
version=$("$BIN" --version | sed -n '1s/^o365-oauth-setup //p')
SRC=$TMP/pkg/o365-oauth-setup-$version
mkdir -p "$SRC"
# A clean copy: what git tracks (plus new files not ignored), or the tree without build output.
if [ -e "$top_srcdir/.git" ]; then
	(cd "$top_srcdir" && git ls-files -co --exclude-standard -z | tar --null -T - -cf -) | tar -xf - -C "$SRC"
else
	(cd "$top_srcdir" && tar --exclude=./build --exclude=./build-asan --exclude=./autom4te.cache -cf - .) |
		tar -xf - -C "$SRC"
fi
[ "$(dpkg-parsechangelog -l "$SRC/debian/changelog" -S Version)" = "$version" ] &&
	ok "debian/changelog has the program's version ($version)" ||
	not_ok "debian/changelog has the program's version ($version)" \
		"changelog: $(dpkg-parsechangelog -l "$SRC/debian/changelog" -S Version)"

start=$(date +%s)
# A clean environment for make: nothing of this `make check` (MAKEFLAGS, TESTS) leaks into it.
(cd "$SRC" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u TESTS O365_IN_PACKAGE_BUILD=1 \
	DEB_BUILD_OPTIONS="noddebs parallel=$(nproc)" dpkg-buildpackage -us -uc -b) >"$TMP/build.log" 2>&1
RC=$?
DEB=$(ls "$TMP"/pkg/o365-oauth-setup_"$version"_*.deb 2>/dev/null | head -1)
if [ "$RC" = 0 ] && [ -f "$DEB" ]; then ok "dpkg-buildpackage -us -uc -b builds the .deb ($(($(date +%s) - start)) s)"; else
	not_ok "dpkg-buildpackage -us -uc -b builds the .deb" "exit $RC" "$(tail -40 "$TMP/build.log")"
	done_testing
fi

if command -v lintian >/dev/null; then
	lintian --fail-on error "$DEB" >"$TMP/lintian" 2>&1
	RC=$?
	sed 's/^/# lintian: /' "$TMP/lintian" | grep -v 'root privileges'
	[ "$RC" = 0 ] && ok "lintian finds no errors" || not_ok "lintian finds no errors" "$(cat "$TMP/lintian")"
else
	not_ok "lintian finds no errors" "lintian is not installed (./quickstart.sh test installs it)"
fi

ROOT=$TMP/root
dpkg -x "$DEB" "$ROOT"
for f in usr/bin/o365-oauth-setup usr/share/man/man1/o365-oauth-setup.1.gz \
	usr/share/locale/de/LC_MESSAGES/o365-oauth-setup.mo usr/share/locale/hr/LC_MESSAGES/o365-oauth-setup.mo \
	usr/share/bash-completion/completions/o365-oauth-setup usr/share/doc/o365-oauth-setup/copyright; do
	[ -f "$ROOT/$f" ] && ok "the package installs /$f" || not_ok "the package installs /$f" "$(dpkg -c "$DEB")"
done
PKGBIN=$ROOT/usr/bin/o365-oauth-setup
run "$PKGBIN" --version
expect "installed --version" 0 "^o365-oauth-setup $version\$" "GPLv3\+"
run "$PKGBIN" --help
expect "installed --help" 0 "^Usage: o365-oauth-setup" "--check" "Report bugs to"
if command -v mandoc >/dev/null; then
	run mandoc -Tlint -W warning "$ROOT/usr/share/man/man1/o365-oauth-setup.1.gz"
	expect "the installed manual lints clean" 0
fi
# The packaged catalogues, as the installed program would find them under /usr/share/locale.
for ll in de hr; do
	word=$(case $ll in de) echo Aufruf ;; hr) echo Upotreba ;; esac)
	LANGUAGE=$ll O365_LOCALEDIR=$ROOT/usr/share/locale run "$PKGBIN" --help
	expect "installed --help speaks $ll" 0 "^$word: o365-oauth-setup"
done

token_start
if [ "$(id -u)" = 0 ] && command -v dovecot >/dev/null && command -v postfix >/dev/null; then
	mailrig_start
	MAIL_EP=(--imap-server "127.0.0.1:$IMAP_PORT" --smtp-server "127.0.0.1:$SMTP_PORT")
	mail_want=("OK +imap:box@example.test" "OK +smtp:box@example.test")
	only=()
else
	echo "# no root or mail servers here: the installed --check stops after the token"
	mail_want=()
	only=(--token-only)
fi
answers "$TMP/deb.answers" "$APP" "$TENANT" true '"mailboxes": ["box@example.test"]'
run_stdin "$SECRET" "$PKGBIN" --batch "$TMP/deb.answers" "${EP[@]}" "${MAIL_EP[@]}" --config "$TMP/deb.json" --secret-stdin --timeout 10 \
	${only[@]+"${only[@]}"}
expect "installed --batch saves a verified profile" 0
run "$PKGBIN" --check --config "$TMP/deb.json" --timeout 10 ${only[@]+"${only[@]}"}
expect "installed --check passes against the stand-ins" 0 "Token issued" "oid" ${mail_want[@]+"${mail_want[@]}"}
refute "installed --check shows no secret" "$SECRET"
done_testing
