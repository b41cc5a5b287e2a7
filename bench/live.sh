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

# Live whitelisting runs for bench/run, to be sourced after
# regress/lib/world.sh: a sender namespace sends SYNs from distinct IPv6
# sources (2001:db8:a0BB::/48, block BB per run) to the fake MX at a
# steady rate; in the MX namespace a whitelister (nolistd, or the shell
# pipeline an administrator would write) fills the nft set, and
# set-watch notes when each source entered the set. Both stamps are
# CLOCK_REALTIME on one machine. The SYN is stamped as it is handed to
# the packet socket: the veth crossing to netfilter's input hook is
# part of the figure (a few microseconds).
#
# Needs: $B (build dir), $src (source dir), $tmp; sets LIVE_* results.

live_block=0
# set-watch, the stopwatch, runs SCHED_FIFO: it stamps an element when
# the kernel's commit wakes it, not once the committing process and
# whatever else the CPU has queued have run (p50 -10 us at 10,000/s)
live_rt=
command -v chrt > /dev/null 2>&1 && live_rt="chrt -f 50"

live_world() {
	world_up
	sed -e '/^expand/d' "$src/regress/captures/nolisting.conf" \
	    > "$tmp/live.conf"
	mkdir -p "$tmp/empty"
	cat >> "$tmp/live.conf" <<-EOF
	expand none
	table "inet nolistd mx_white"
	max-entries 400000
	user nobody
	chroot "$tmp/empty"
	grace-period 1s
	state-file "$tmp/nolistd.state"
	control-socket "$tmp/nolistd.sock"
	pidfile "$tmp/nolistd.pid"
	EOF
	# the shipped ruleset, its sets sized for the runs' 300,000 senders
	sed 's/^\([[:space:]]*size\) 200000$/\1 400000/' \
	    "$src/share/nftables/nolistd.nft" > "$tmp/live.nft"
	ip netns exec "$W_MX" nft -f "$tmp/live.nft"
	live_mac=$(world_mx_mac)
}

# the whitelister, in its own process group so that all of it stops
live_start() {
	case $1 in
	nolistd)
		ip netns exec "$W_MX" setsid "$B/nolistd" -d -t nft \
		    -f "$tmp/live.conf" 2> "$tmp/daemon.log" &
		live_pid=$!
		live_wait_for "listening on" "$tmp/daemon.log"
		;;
	baseline)
		# the pipeline of regress/captures/make-capture.sh, read
		# straight from the NFLOG group
		ip netns exec "$W_MX" setsid sh -c '
		    tcpdump -l -n -i nflog:25 2>"$1" |
		    while read -r t ip src gt dst rest; do
			case $dst in
			192.0.2.1.25:) nft add element inet nolistd \
			    mx_white4 "{ ${src%.*} timeout 1h }" ;;
			2001:db8::1.25:) nft add element inet nolistd \
			    mx_white6 "{ ${src%.*} timeout 1h }" ;;
			esac
		    done' sh "$tmp/daemon.log" &
		live_pid=$!
		live_wait_for "listening on" "$tmp/daemon.log"
		;;
	esac
}

live_stop() {
	[ -n "${live_pid:-}" ] || return 0
	kill -TERM "-$live_pid" 2>/dev/null || kill "$live_pid" 2>/dev/null
	wait "$live_pid" 2>/dev/null
	live_pid=
}

live_wait_for() {
	i=0
	while ! grep -q "$1" "$2" 2>/dev/null && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

# the daemon's own count of capture drops (SIGUSR1 logs its stats)
live_drops() {
	[ "$1" = nolistd ] || { echo null; return; }
	kill -USR1 "$live_pid" 2>/dev/null
	sleep 0.3
	sed -n 's/.* \([0-9][0-9]*\) capture drops.*/\1/p' \
	    "$tmp/daemon.log" | tail -1 | grep . || echo null
}

# live_run WHO RATE COUNT LIMIT_S: one run from a fresh set and a fresh
# whitelister; sets LIVE_SEEN LIVE_P50 LIVE_P99 LIVE_MAX LIVE_HEAD
# LIVE_TAIL (microseconds) LIVE_DROPS LIVE_OVERRUNS LIVE_OK
live_run() {
	who=$1 rate=$2 count=$3 limit=$4
	live_block=$((live_block + 1))
	# a fresh table, as after boot: a flushed set keeps the size its
	# hash table grew to, or shrinks it as the elements go
	ip netns exec "$W_MX" nft delete table inet nolistd
	ip netns exec "$W_MX" nft -f "$tmp/live.nft"
	live_start "$who"
	ip netns exec "$W_MX" $live_rt "$B/set-watch" -s mx_white6 -n "$count" \
	    -w 3000 -T "$limit" > "$tmp/watch" 2> "$tmp/watch.err" &
	watch_pid=$!
	live_wait_for "ready" "$tmp/watch.err"
	live_trace_on
	ip netns exec "$W_SND" "$B/syn-send" -i veth-s -m "$live_mac" \
	    -d 2001:db8::1 -n "$count" -r "$rate" -b "$live_block" \
	    > "$tmp/sent" 2> "$tmp/send.err"
	wait "$watch_pid"
	watch_pid=
	live_trace_off
	LIVE_DROPS=$(live_drops "$who")
	live_stop
	LIVE_OVERRUNS=$(sed -n 's/.* \([0-9]*\) overruns/\1/p' \
	    "$tmp/watch.err")
	live_stats "$count"
	live_interference
}

# With LIVE_TRACE=1 and a writable tracefs, the kernel's scheduler
# events are recorded while the SYNs are sent (trace_clock mono), so
# that live_interference can tell what else held the CPUs.
live_tracefs=/sys/kernel/tracing

live_trace_on() {
	LIVE_TRACED=0
	[ "${LIVE_TRACE:-0}" = 1 ] && [ -w "$live_tracefs/trace" ] || return 0
	live_trace_clock=$(sed 's/.*\[\(.*\)\].*/\1/' \
	    "$live_tracefs/trace_clock")
	live_trace_kb=$(sed 's/ .*//' "$live_tracefs/buffer_size_kb")
	echo 0 > "$live_tracefs/tracing_on"
	echo mono > "$live_tracefs/trace_clock"
	echo 65536 > "$live_tracefs/buffer_size_kb"
	printf '%s\n' sched:sched_switch sched:sched_waking \
	    timer:hrtimer_expire_entry irq:softirq_entry \
	    > "$live_tracefs/set_event"
	echo > "$live_tracefs/trace"
	echo 1 > "$live_tracefs/tracing_on"
	LIVE_TRACED=1
}

live_trace_off() {
	[ "${LIVE_TRACED:-0}" = 1 ] || return 0
	echo 0 > "$live_tracefs/tracing_on"
	cat "$live_tracefs/trace" > "$tmp/trace"
	live_trace_reset
}

live_trace_reset() {
	[ "${LIVE_TRACED:-0}" = 1 ] || return 0
	echo 0 > "$live_tracefs/tracing_on"
	echo > "$live_tracefs/set_event"
	echo > "$live_tracefs/trace"
	echo "$live_trace_kb" > "$live_tracefs/buffer_size_kb"
	echo "$live_trace_clock" > "$live_tracefs/trace_clock"
	LIVE_TRACED=0
}

# sets LIVE_OTHER_MS LIVE_STALL_MS LIVE_FLAGGED LIVE_CLEAR_P99 from the
# trace (bench/interference.awk); null when the run was not traced
live_interference() {
	LIVE_OTHER_MS=null LIVE_STALL_MS=null LIVE_FLAGGED=null
	LIVE_CLEAR_P99=null
	[ -s "$tmp/trace" ] || return 0
	off=$(sed -n 's/^syn-send: clock offset \(-*[0-9]*\) ns$/\1/p' \
	    "$tmp/send.err")
	[ -n "$off" ] || return 0
	set -- $(awk -v off="$off" -f "$src/bench/interference.awk" \
	    "$tmp/trace" "$tmp/sent" "$tmp/pairs")
	LIVE_OTHER_MS=$4 LIVE_STALL_MS=$8 LIVE_FLAGGED=${10}
	LIVE_CLEAR_P99=${12}
	rm -f "$tmp/trace"
}

# live_stats COUNT [WATCH]: joins the sends and the arrivals in WATCH
# (set-watch's output, by default $tmp/watch) by address; stamps are ns
# since the epoch, cut to their last 13 digits so that awk's doubles
# keep every ns
live_stats() {
	awk 'NR == FNR { t[$1] = substr($2, 7); k[$1] = FNR; next }
	    ($1 in t) && !($1 in done) {
		done[$1] = 1
		d = substr($2, 7) - t[$1]
		if (d < 0)
			d += 1e13
		printf "%d %.1f\n", k[$1], d / 1000
	    }' "$tmp/sent" "${2:-$tmp/watch}" > "$tmp/pairs"
	LIVE_SEEN=$(wc -l < "$tmp/pairs")
	sort -n -k2 "$tmp/pairs" | awk '{ print $2 }' > "$tmp/lat"
	LIVE_P50=$(live_pct "$tmp/lat" 50 "$1")
	LIVE_P99=$(live_pct "$tmp/lat" 99 "$1")
	LIVE_MAX=$(live_pct "$tmp/lat" 100 "$1")
	# the first and the last tenth of the senders: a backlog grows
	tenth=$(($1 / 10))
	awk -v n="$tenth" '$1 <= n { print $2 }' "$tmp/pairs" |
	    sort -n > "$tmp/head"
	awk -v n="$(($1 - tenth))" '$1 > n { print $2 }' "$tmp/pairs" |
	    sort -n > "$tmp/tail"
	LIVE_HEAD=$(live_pct "$tmp/head" 50 "$tenth")
	LIVE_TAIL=$(live_pct "$tmp/tail" 50 "$tenth")
	LIVE_OK=true
	[ "$LIVE_SEEN" -eq "$1" ] || LIVE_OK=false
	case $LIVE_DROPS in null|0) ;; *) LIVE_OK=false ;; esac
	[ "${LIVE_OVERRUNS:-0}" = 0 ] || LIVE_OK=false
	awk -v h="$LIVE_HEAD" -v t="$LIVE_TAIL" \
	    'BEGIN { exit !(h == "null" || t == "null" || t > 2 * h + 1000) }' &&
	    LIVE_OK=false
	return 0
}

# live_pct FILE P TOTAL: the P-th percentile of TOTAL figures of which
# FILE holds the sorted ones that arrived; null when it did not arrive
live_pct() {
	awk -v p="$2" -v n="$3" '{ v[NR] = $1 }
	    END {
		i = int((n * p + 99) / 100)
		if (i < 1) i = 1
		print i <= NR ? v[i] : "null"
	    }' "$1"
}
