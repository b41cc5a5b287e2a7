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

# One fuzz target as a test: replay every saved crash input of the
# target (each must now pass), then fuzz from its corpus for SECONDS.
# New inputs go to a scratch directory, never into the repository.
# Usage: run-fuzz.sh FUZZER FUZZDIR TARGET SECONDS [extra libFuzzer flags]
set -u
fuzzer=$1
dir=$2
target=$3
secs=$4
shift 4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

regs=$(find "$dir/regressions/$target" -type f 2>/dev/null | sort)
if [ -n "$regs" ]; then
	echo "replaying $(echo "$regs" | wc -l) saved crash inputs"
	# shellcheck disable=SC2086
	"$fuzzer" $regs > "$tmp/replay.log" 2>&1 || {
		cat "$tmp/replay.log"
		echo "FAIL: a saved crash input of $target fails again"
		exit 1
	}
fi

mkdir "$tmp/corpus" "$tmp/crash"
"$fuzzer" -max_total_time="$secs" -max_len=4096 -timeout=10 \
    -rss_limit_mb=1024 -print_final_stats=1 \
    -artifact_prefix="$tmp/crash/" "$@" \
    "$tmp/corpus" "$dir/corpus/$target" > "$tmp/fuzz.log" 2>&1
rc=$?
grep -E "^(INFO: seed corpus|#[0-9]+ +DONE|stat::number_of_executed_units|stat::average_exec_per_sec|stat::new_units_added)" \
    "$tmp/fuzz.log"
if [ $rc -ne 0 ] || ls "$tmp/crash" | grep -q .; then
	tail -60 "$tmp/fuzz.log"
	for f in "$tmp/crash"/*; do
		[ -f "$f" ] || continue
		echo "crash input (base64; save it under" \
		    "regress/fuzz/regressions/$target/):"
		base64 "$f"
	done
	echo "FAIL: $target: the fuzzer found a crash (exit $rc)"
	exit 1
fi
echo "$target: no crash in $secs s"
