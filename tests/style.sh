#!/bin/bash
# Formatting is part of the build's honesty: sources match .clang-format, no trailing blanks.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
if command -v clang-format >/dev/null; then
	run clang-format --dry-run --Werror src/*.c src/*.h src/*/*.c src/*/*.h tests/unit/*.c tests/unit/*.h
	expect "C sources match .clang-format" 0
else
	skip "C sources match .clang-format" "clang-format is not installed"
fi
run grep -rnI '[[:blank:]]$' src tests/*.sh tests/rig bench configure.ac Makefile.am quickstart.sh .ci/run
expect "no trailing blanks" 1
done_testing
