#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# One entry point for a fresh Debian 12 machine (root, or sudo for apt):
#   ./quickstart.sh run    install what is missing, build, start the wizard
#   ./quickstart.sh test   install what is missing, build, run the whole test suite
# Builds in ./build (and ./build-asan for the sanitizer run); never touches /etc.
set -eu
cd "$(dirname "$0")"
mode=${1:-run}
[ $# -gt 0 ] && shift

BUILD_PKGS="build-essential autoconf automake autopoint libtool gettext pkg-config
  libncurses-dev libcurl4-openssl-dev libcjson-dev libssl-dev"
TEST_PKGS="libcmocka-dev clang libclang-rt-14-dev clang-format mandoc python3 python3-cryptography valgrind locales python3-pyte
  debhelper lintian bash-completion python3-pil fonts-dejavu-core ca-certificates curl dialog time
  dovecot-core dovecot-imapd dovecot-lmtpd dovecot-auth-lua postfix strace"

need_pkgs() {
	missing=
	for p in "$@"; do
		dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null | grep -q '^ii' || missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	echo "Installing:$missing"
	sudo=
	[ "$(id -u)" = 0 ] || sudo=sudo
	# Postfix asks a question on install; no system mail configuration is wanted.
	echo "postfix postfix/main_mailer_type select No configuration" | $sudo debconf-set-selections
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
	# shellcheck disable=SC2086
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
}

build() { # build DIR CONFIGURE-ARGS...
	dir=$1; shift
	[ -x configure ] || autoreconf -fi
	mkdir -p "$dir"
	(cd "$dir" && { [ -f Makefile ] || ../configure "$@"; } && make -j"$(nproc)")
}

case $mode in
run)
	# shellcheck disable=SC2086
	need_pkgs $BUILD_PKGS
	build build --enable-werror
	exec ./build/o365-oauth-setup "$@"
	;;
test)
	# shellcheck disable=SC2086
	need_pkgs $BUILD_PKGS $TEST_PKGS
	status=0
	build build --enable-werror && (cd build && make -j"$(nproc)" check) || status=1
	(cd build && make lint) || status=1
	build build-asan --enable-werror --enable-sanitizers CC=clang && (cd build-asan && make -j"$(nproc)" check) || status=1
	(cd build && make -j"$(nproc)" distcheck DISTCHECK_CONFIGURE_FLAGS=--enable-werror) || status=1
	exit $status
	;;
*)
	echo "usage: $0 run|test [wizard options]" >&2
	exit 2
	;;
esac
