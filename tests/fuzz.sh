#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The fuzz harnesses with a short budget (FUZZ_SECONDS each, default 7): built with clang, ASan and
# UBSan in the build directory, run from the seed corpora in tests/fuzz/corpus. Runs in the clang
# build only (the gcc build skips it); `make fuzz` runs them longer.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cc=$(sed -n 's/^CC = //p' "$top_builddir/Makefile" 2>/dev/null)
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }\n' >"$TMP/probe.c"
case $top_builddir in */_build/sub)
	skip "fuzz harnesses" "run once, by the clang build, not inside make distcheck"
	done_testing
	;;
esac
if [[ "$cc" != *clang* ]] || ! clang -fsanitize=fuzzer "$TMP/probe.c" -o "$TMP/probe" 2>/dev/null; then
	skip "fuzz harnesses" "needs the clang build with libFuzzer"
	done_testing
fi
secs=${FUZZ_SECONDS:-7}
for n in profile claims validate token mail base64; do
	if FUZZ_CC=clang "$top_srcdir/tests/fuzz/fuzz.sh" "$top_builddir" "$secs" "$n" >"$TMP/out" 2>&1; then
		ok "fuzz $n: $(tail -n 1 "$TMP/out")"
	else
		not_ok "fuzz $n" "$(tail -n 30 "$TMP/out")"
	fi
done
done_testing
