#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the libFuzzer harnesses (clang, ASan + UBSan) and runs each for a bounded time.
#
#   tests/fuzz/fuzz.sh BUILDDIR SECONDS [HARNESS...]
#
# Objects and binaries go to BUILDDIR/fuzz; each harness starts from a copy of its seed corpus in
# tests/fuzz/corpus/NAME and from what earlier runs there found. A crash stops the run: the input
# is kept as BUILDDIR/fuzz/NAME/crash-* (make it a regression test), and the exit status is 1.
# Prints one line per harness: "NAME: N executions in S s, corpus C, no crash".
set -u
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$1" && pwd)
secs=$2
shift 2
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(profile claims validate token mail base64)
out=$build/fuzz
mkdir -p "$out/obj"
CLANG=${FUZZ_CC:-clang}
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
CFLAGS="-g -O1 -std=c11 -D_GNU_SOURCE $SAN -I$build -I$src/src -I$src/src/core -DLOCALEDIR=\"/usr/share/locale\""
CFLAGS="$CFLAGS $(pkg-config --cflags libcjson libcurl openssl 2>/dev/null | tr '\n' ' ')"
export CLANG CFLAGS
LIBS="$(pkg-config --libs libcjson libcurl openssl 2>/dev/null || echo -lcjson -lcurl -lssl -lcrypto)"
sources=$(ls "$src"/src/core/*.c)
sources="$sources $src/src/net/token.c $src/src/net/http.c $src/src/net/mail.c"

# Objects once for all harnesses, instrumented for coverage; rebuilt when the source is newer.
objs=()
for f in $sources; do objs+=("$out/obj/$(basename "$(dirname "$f")")_$(basename "$f" .c).o"); done
for f in $sources; do
	o=$out/obj/$(basename "$(dirname "$f")")_$(basename "$f" .c).o
	if [ ! -f "$o" ] || [ "$f" -nt "$o" ]; then echo "$f $o"; fi
done | xargs -r -n 2 -P 2 sh -c '$CLANG $CFLAGS -fsanitize=fuzzer-no-link -c "$0" -o "$1"' || {
	echo "fuzz: building the objects failed" >&2
	exit 2
}
status=0
for n in "${names[@]}"; do
	h=$src/tests/fuzz/fuzz_$n.c bin=$out/fuzz_$n dir=$out/$n
	if [ ! -x "$bin" ] || [ "$h" -nt "$bin" ] || [ -n "$(find "$out/obj" -newer "$bin" -name '*.o' | head -1)" ]; then
		# shellcheck disable=SC2086
		$CLANG $CFLAGS -fsanitize=fuzzer "$h" "${objs[@]}" $LIBS -o "$bin" || { echo "fuzz: building $n failed" >&2; exit 2; }
	fi
	mkdir -p "$dir/corpus"
	cp -n "$src/tests/fuzz/corpus/$n"/* "$dir/corpus/" 2>/dev/null
	(cd "$dir" && ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
		"$bin" -max_total_time="$secs" -max_len=8192 -timeout=10 -rss_limit_mb=1024 -print_final_stats=1 \
		corpus >"$dir/log" 2>&1)
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -1)
	if [ "$rc" = 0 ]; then
		echo "$n: ${execs:-?} executions in $secs s, corpus $(ls "$dir/corpus" | wc -l), no crash"
	else
		status=1
		echo "$n: CRASH after ${execs:-?} executions; input kept: $(ls "$dir"/crash-* "$dir"/leak-* "$dir"/timeout-* 2>/dev/null | head -1)"
		grep -m 5 -E "ERROR|runtime error|SUMMARY" "$dir/log"
	fi
done
exit $status
