#!/bin/sh
# Copyright (c) 2026 The nolistd authors
#
# Permission to use, copy, modify, and distribute this software for any
# purpose with or without fee is hereby granted, provided that the above
# copyright notice and this permission notice appear in all copies.
#
# THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES
# WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF
# MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR
# ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
# WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN
# ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF
# OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.

# Every test: a gcc build and a clang build with ASan and UBSan, each
# built warning-free and run through ctest. The second runs only if the
# first passed. Some tests report SKIPPED on a machine without
# ../shared or BSD sysroots (README).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
sh regress/deps.sh

jobs=$(nproc 2>/dev/null || echo 2)
# run_build DIR CMAKE-ARG...: configure, build and test; says which step
# failed (set -e does not hold in a function called with ||)
run_build() {
	dir=$1
	shift
	cmake -S . -B "$dir" -DNOLIST_WERROR=ON "$@" >/dev/null ||
	    { step=cmake; return 1; }
	cmake --build "$dir" -j "$jobs" || { step="the build"; return 1; }
	(cd "$dir" && ctest --output-on-failure --timeout 600) ||
	    { step="a test, see ctest above"; return 1; }
}

echo "== gcc build"
CC=gcc run_build build || {
	echo "run.sh: FAILED in the gcc build ($step);" \
	    "the clang ASan and UBSan build did not run" >&2
	exit 1
}
echo "== clang build with ASan and UBSan"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
CC=clang run_build build-asan -DNOLIST_SANITIZE=ON \
    -DCMAKE_BUILD_TYPE=Debug || {
	echo "run.sh: FAILED in the clang ASan and UBSan build ($step);" \
	    "the gcc build passed" >&2
	exit 1
}
echo "run.sh: both builds passed (gcc; clang with ASan and UBSan);" \
    "ctest lists the tests it skipped"
