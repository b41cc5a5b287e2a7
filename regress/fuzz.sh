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

# Every fuzz target for longer than CI does: SECONDS each (default 300),
# or, with -n RUNS, until each has executed RUNS inputs (the round's
# bar is 10^8: sh regress/fuzz.sh -n 100000000). Builds its own clang
# ASan+UBSan tree (build-fuzz), keeps what the fuzzers learn in
# build-fuzz/corpus/TARGET between runs, and stops at the first crash,
# whose input it names: save that file under
# regress/fuzz/regressions/TARGET/ so that CI replays it from then on.
# Each finished target appends a line to regress/fuzz/RESULTS: date,
# commit, target, executions, coverage (libFuzzer's cov and ft), seconds,
# crashes, and the sanitizers of the build.
# With -u the build (build-fuzz-ubsan) has UBSan without ASan: several
# times faster, for a target ASan makes too slow to run long here; it
# misses the heap errors only ASan sees, so run the target under ASan too.
# To fold what was learnt into the repository's small seed corpus:
#	build-fuzz/fuzz_TARGET -merge=1 regress/fuzz/corpus/TARGET \
#	    build-fuzz/corpus/TARGET
# (the control protocol's target, fuzz_ctlproto, keeps its seeds and
# saved crashes in regress/control/).
# Usage: sh regress/fuzz.sh [-u] [-n RUNS] [SECONDS] [TARGET ...]
set -eu
runs=0
build=build-fuzz
asan=ON
sanitizers=address,undefined
if [ "${1:-}" = -u ]; then
	build=build-fuzz-ubsan
	asan=OFF
	sanitizers=undefined
	shift
fi
if [ "${1:-}" = -n ]; then
	runs=$2
	shift 2
fi
secs=${1:-300}
[ $# -gt 0 ] && shift
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
CC=clang cmake -S . -B "$build" -DNOLIST_WERROR=ON -DNOLIST_SANITIZE=ON \
    -DNOLIST_SANITIZE_ADDRESS=$asan -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
# every fuzz target the build defines, unless named
targets=${*:-$(sed -n 's/.*add_executable(fuzz_\([a-z_0-9]*\) .*/\1/p;
    s/.*set(NOLIST_FUZZ_TARGETS \(.*\))/\1/p' regress/*.cmake |
    tr ' ' '\n' | sort -u)}
seeds() {
	for d in "regress/fuzz/corpus/$1" "regress/control/corpus/$1"; do
		[ -d "$d" ] && { echo "$d"; return; }
	done
	echo "$build/seeds-$1"
}
for t in $targets; do
	cmake --build "$build" --target "fuzz_$t" -j "$(nproc)" >/dev/null
done
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
for t in $targets; do
	rm -rf "$build/crash/$t"
	mkdir -p "$build/corpus/$t" "$build/crash/$t" "$build/seeds-$t"
	if [ "$runs" -gt 0 ]; then
		limit="-runs=$runs"
		echo "== fuzz_$t for $runs executions"
	else
		limit="-max_total_time=$secs"
		echo "== fuzz_$t for $secs s"
	fi
	start=$(date +%s)
	if ! "$build/fuzz_$t" $limit -max_len=4096 \
	    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix="$build/crash/$t/" \
	    "$build/corpus/$t" "$(seeds "$t")" \
	    > "$build/fuzz-$t.log" 2>&1 ||
	    ls "$build/crash/$t" | grep -q .; then
		tail -40 "$build/fuzz-$t.log"
		echo "fuzz_$t: crash; inputs in $build/crash/$t/:"
		ls "$build/crash/$t"
		exit 1
	fi
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' \
	    "$build/fuzz-$t.log")
	cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$build/fuzz-$t.log" | tail -1 |
	    awk '{ print "cov=" $2 " ft=" $4 }')
	line="$(date -u +%Y-%m-%d) $commit fuzz_$t execs=$execs $cov"
	line="$line seconds=$(($(date +%s) - start)) crashes=0"
	line="$line sanitizers=$sanitizers"
	echo "$line" | tee -a regress/fuzz/RESULTS
done
echo "no crash"
