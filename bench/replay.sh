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

# Replay throughput and memory per entry for bench/run, to be sourced.
# Needs: $B (build dir), $tmp; captures go to $tmp, never to the tree.

replay_conf() {
	cat > "$1" <<-EOF
	interface nflog:25
	fake-mx 192.0.2.1, 2001:db8::1
	real-mx 192.0.2.2, 2001:db8::2
	whitelist-time 36d
	expand none
	max-entries $2
	EOF
}

# replay_rate CAPTURE RECORDS [-e]: records per second of CPU time (the
# mean task-clock of 3 runs by perf stat, or user+sys by time(1) where
# perf is missing), through parse, track and the print backend
replay_rate() {
	cap=$1 n=$2
	shift 2
	if command -v perf > /dev/null 2>&1 &&
	    perf stat -r 3 -x, -e task-clock -o "$tmp/perf" "$B/nolistd" \
	    -f "$tmp/replay.conf" -r "$cap" -t print "$@" > /dev/null &&
	    ms=$(awk -F, '$3 == "task-clock" { print $1 }' "$tmp/perf") &&
	    [ -n "$ms" ]; then
		:
	else
		/usr/bin/time -f "%U %S" -o "$tmp/time" "$B/nolistd" \
		    -f "$tmp/replay.conf" -r "$cap" -t print "$@" > /dev/null
		ms=$(awk '{ print ($1 + $2) * 1000 }' "$tmp/time")
	fi
	awk -v n="$n" -v ms="$ms" 'BEGIN { printf "%.0f\n", n / (ms / 1000) }'
}

replay_all() {
	replay_conf "$tmp/replay.conf" 1000000
	"$B/capgen" -n 1000000 "$tmp/mixed-nflog.pcap"
	"$B/capgen" -p -n 1000000 "$tmp/mixed-pflog.pcap"
	REPLAY_NFLOG=$(replay_rate "$tmp/mixed-nflog.pcap" 1000000)
	REPLAY_NFLOG_E=$(replay_rate "$tmp/mixed-nflog.pcap" 1000000 -e)
	REPLAY_PFLOG=$(replay_rate "$tmp/mixed-pflog.pcap" 1000000)
	REPLAY_PFLOG_E=$(replay_rate "$tmp/mixed-pflog.pcap" 1000000 -e)
	rm -f "$tmp/mixed-nflog.pcap" "$tmp/mixed-pflog.pcap"
}

# peak resident kilobytes of nolistd replaying N distinct senders with
# max-entries MAX
mem_rss() {
	"$B/capgen" -d -n "$1" "$tmp/distinct.pcap"
	replay_conf "$tmp/mem.conf" "$2"
	/usr/bin/time -f "%M" -o "$tmp/rss" "$B/nolistd" -f "$tmp/mem.conf" \
	    -r "$tmp/distinct.pcap" -t print > /dev/null
	rm -f "$tmp/distinct.pcap"
	cat "$tmp/rss"
}

# bytes per entry: the growth of the peak RSS from 1 sender to N, both
# with max-entries N so that fixed costs cancel
mem_per_entry() {
	base=$(mem_rss 1 "$1")
	full=$(mem_rss "$1" "$1")
	awk -v b="$base" -v f="$full" -v n="$1" \
	    'BEGIN { printf "%.1f\n", (f - b) * 1024 / n }'
}

mem_all() {
	MEM_100K=$(mem_per_entry 100000)
	MEM_1M=$(mem_per_entry 1000000)
}
