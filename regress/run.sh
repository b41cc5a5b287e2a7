#!/bin/sh
# Every test: a gcc build and a clang build with ASan and UBSan, each
# built warning-free and run through ctest.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
sh regress/deps.sh

jobs=$(nproc 2>/dev/null || echo 2)
run_build() {
	dir=$1
	shift
	cmake -S . -B "$dir" -DNOLIST_WERROR=ON "$@" >/dev/null
	cmake --build "$dir" -j "$jobs"
	(cd "$dir" && ctest --output-on-failure --timeout 600)
}

echo "== gcc build"
CC=gcc run_build build
echo "== clang build with ASan and UBSan"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
CC=clang run_build build-asan -DNOLIST_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
echo "all tests passed"
