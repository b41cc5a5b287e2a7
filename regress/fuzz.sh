#!/bin/sh
# Every fuzz target for longer than CI does: SECONDS each (default 300).
# Builds its own clang ASan+UBSan tree (build-fuzz), keeps what the
# fuzzers learn in build-fuzz/corpus/TARGET between runs, and stops at
# the first crash, whose input it names: save that file under
# regress/fuzz/regressions/TARGET/ so that CI replays it from then on.
# To fold what was learnt into the repository's small seed corpus:
#	build-fuzz/fuzz_TARGET -merge=1 regress/fuzz/corpus/TARGET \
#	    build-fuzz/corpus/TARGET
# (the control protocol's target, fuzz_ctlproto, keeps its seeds and
# saved crashes in regress/control/).
# Usage: sh regress/fuzz.sh [SECONDS]
set -eu
secs=${1:-300}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
build=build-fuzz
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
CC=clang cmake -S . -B "$build" -DNOLIST_WERROR=ON -DNOLIST_SANITIZE=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
targets="pflog nflog config tracker dns"
# the control protocol's target lives with the control tests
[ -d regress/control/corpus/ctlproto ] && targets="$targets ctlproto"
seeds() {
	case $1 in
	ctlproto) echo regress/control/corpus/ctlproto ;;
	*) echo "regress/fuzz/corpus/$1" ;;
	esac
}
for t in $targets; do
	cmake --build "$build" --target "fuzz_$t" -j "$(nproc)" >/dev/null
done
for t in $targets; do
	rm -rf "$build/crash/$t"
	mkdir -p "$build/corpus/$t" "$build/crash/$t"
	echo "== fuzz_$t for $secs s"
	if ! "$build/fuzz_$t" -max_total_time="$secs" -max_len=4096 \
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
	grep "stat::number_of_executed_units\|stat::average_exec_per_sec" \
	    "$build/fuzz-$t.log" || true
done
echo "no crash"
