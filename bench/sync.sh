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

# Sync latency (issue 19): from a fake-MX SYN at firewall A to the
# element in firewall B's kernel set, through redis-server, with the
# local latency (the same SYN to the element in A's own set) beside it,
# from one run:
#
#	sh bench/sync.sh BUILD-DIR [COUNT]	(root)
#
# The world is the sync tests' (regress/sync/world.sh): A, B and Redis
# each in a namespace of its own on one bridge, the shipped ruleset,
# nolistd as deployed but for "rate 0" on its sync statement, so that
# the peers' rate bound (2,000/s by default) does not set the ceiling.
# syn-send sends COUNT (10,000) SYNs from distinct IPv6 sources to the
# fake MX at 1,000/s, then at higher rates until one is not sustained;
# set-watch (bench/live.sh's stopwatch) runs in A and in B. A rate is
# sustained as bench/live.sh says, in A and in B, and with nothing
# refused or dropped by the sync clients. Prints a table and, last, one
# JSON line.
set -u
build=$(cd "${1:?usage: sync.sh BUILD-DIR [COUNT]}" && pwd)
count=${2:-10000}
src=$(cd "$(dirname "$0")/.." && pwd)
nolistd=$build/nolistd
nolistctl=$build/nolistctl
for f in nolistd nolistctl syn-send set-watch; do
	[ -x "$build/$f" ] || { echo "no $build/$f" >&2; exit 1; }
done
. "$src/regress/sync/world.sh"
. "$src/bench/live.sh"
SYNC_OPTS="rate 0"
sync_world_up
start_ab
mac=$(ip -n "$A" link show eth0 | awk '/link\/ether/ { print $2 }')

# watch NS NAME LIMIT: set-watch on NS's IPv6 set, into $tmp/watch.NAME
watch() {
	ip netns exec "$1" $live_rt "$build/set-watch" -s mx_white6 \
	    -n "$count" -w 3000 -T "$3" > "$tmp/watch.$2" \
	    2> "$tmp/watch.$2.err" &
	echo $! > "$tmp/watch.$2.pid"
	live_wait_for "ready" "$tmp/watch.$2.err"
}

# figures NAME: "p50 p99 max ok" in microseconds, from $tmp/watch.NAME
figures() {
	LIVE_DROPS=null
	LIVE_OVERRUNS=$(sed -n 's/.* \([0-9]*\) overruns/\1/p' \
	    "$tmp/watch.$1.err")
	live_stats "$count" "$tmp/watch.$1"
	echo "$LIVE_P50 $LIVE_P99 $LIVE_MAX $LIVE_OK $LIVE_SEEN"
}

lost() { # the sync clients' refused and dropped, summed
	echo $(($(field fwb refused) + $(field fwb dropped) +
	    $(field fwa dropped)))
}

# CPU time: the processes on the path, each's ticks since it started
hz=$(getconf CLK_TCK)
procs() {
	echo "redis $rpid"
	for n in fwa fwb; do
		eval "pp=\$pid_$n"
		echo "$n.parent $pp"
		echo "$n.engine $(pgrep -P "$pp" | head -1)"
	done
}
ticks() {
	procs | while read -r name pid; do
		awk -v n="$name" '{ sub(/^.*\) /, ""); print n, $12 + $13 }' \
		    "/proc/$pid/stat"
	done
}
# cpu_per FILE: each process' CPU microseconds per sender since FILE
cpu_per() {
	ticks | awk -v hz="$hz" -v c="$count" 'NR == FNR { t[$1] = $2; next }
	    { printf "%s%s %.1f", sep, $1, ($2 - t[$1]) * 1e6 / hz / c
	    sep = ", " }' "$1" -
}

block=0
# run RATE: one run; prints its row, sets OK
run() {
	block=$((block + 1))
	limit=$((count / $1 + 15))
	before=$(lost)
	ticks > "$tmp/ticks"
	watch "$A" a "$limit"
	watch "$B" b "$limit"
	ip netns exec "$S" "$build/syn-send" -i eth0 -m "$mac" \
	    -d 2001:db8::1 -n "$count" -r "$1" -b "$block" \
	    > "$tmp/sent" 2> "$tmp/send.err"
	wait "$(cat "$tmp/watch.a.pid")" "$(cat "$tmp/watch.b.pid")"
	set -- "$1" $(figures a) $(figures b) $(($(lost) - before))
	OK=false
	[ "$5" = true ] && [ "${10}" = true ] && [ "${12}" -eq 0 ] && OK=true
	printf '%7s/s  A: %6s %6s %7s  B: %6s %6s %7s  seen %s lost %s %s\n' \
	    "$1" "$2" "$3" "$4" "$7" "$8" "$9" "${11}" "${12}" "$OK"
	echo "          CPU us a sender: $(cpu_per "$tmp/ticks")"
	ROW="{\"rate\":$1,\"a_p50_us\":$2,\"a_p99_us\":$3,\"a_max_us\":$4,"
	ROW="$ROW\"b_p50_us\":$7,\"b_p99_us\":$8,\"b_max_us\":$9,"
	ROW="$ROW\"b_seen\":${11},\"lost\":${12},\"sustained\":$OK}"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
# the link's and Redis' own share: PING round trips from B for a second
echo "redis PING from B, ms (min max avg samples):" \
    "$(redis_cli "$B" 192.0.2.100 --latency --raw)"
echo "$count senders a run; latency from the SYN, microseconds:"
echo "   rate      A (local): p50    p99     max  B (peer): p50    p99     max"
rows=
best=0
for rate in 1000 2000 5000 10000 20000 50000; do
	run "$rate"
	rows="$rows${rows:+,}$ROW"
	[ "$OK" = true ] || break
	best=$rate
	sleep 1
done
echo "highest rate sustained: $best/s"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "{\"count\":$count,\"sustained\":$best,\"runs\":[$rows]}"
stop_all fwa fwb > /dev/null
