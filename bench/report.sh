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

# The results of bench/run as JSON and as a markdown table; sourced.
# Live runs are collected in $tmp/live.jsonl and $tmp/live.tsv as they
# end; the other figures are in the REPLAY_*, MEM_*, SUST_* variables.

SUST_nolistd=null
SUST_baseline=null

report_live_row() {
	printf '{"who":"%s","kind":"%s","rate":%s,"senders":%s,"seen":%s,' \
	    "$1" "$2" "$3" "$4" "$LIVE_SEEN" >> "$tmp/live.jsonl"
	printf '"p50_us":%s,"p99_us":%s,"max_us":%s,' "$LIVE_P50" \
	    "$LIVE_P99" "$LIVE_MAX" >> "$tmp/live.jsonl"
	printf '"first_tenth_p50_us":%s,"last_tenth_p50_us":%s,' \
	    "$LIVE_HEAD" "$LIVE_TAIL" >> "$tmp/live.jsonl"
	printf '"other_work_ms":%s,"host_stall_ms":%s,' \
	    "${LIVE_OTHER_MS:-null}" "${LIVE_STALL_MS:-null}" \
	    >> "$tmp/live.jsonl"
	printf '"senders_held":%s,"p99_others_us":%s,' \
	    "${LIVE_FLAGGED:-null}" "${LIVE_CLEAR_P99:-null}" \
	    >> "$tmp/live.jsonl"
	printf '"capture_drops":%s,"watch_overruns":%s,"ok":%s}\n' \
	    "$LIVE_DROPS" "${LIVE_OVERRUNS:-null}" "$LIVE_OK" \
	    >> "$tmp/live.jsonl"
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" \
	    "$3" "$LIVE_SEEN/$4" "$LIVE_P50" "$LIVE_P99" "$LIVE_MAX" \
	    "$LIVE_OK" "${LIVE_FLAGGED:--}" "${LIVE_CLEAR_P99:--}" \
	    >> "$tmp/live.tsv"
}

report_sustained() {
	eval "SUST_$1=$2"
}

report_json() {
	# other work on the host slows every figure: say how much there was
	printf '{"date":"%s","host":{"kernel":"%s","cpus":%s,' \
	    "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(uname -r)" "$(nproc)"
	printf '"loadavg_start":%s,"loadavg_end":%s},\n' "$LOAD_START" \
	    "$(cut -d ' ' -f 1 /proc/loadavg)"
	printf '"replay_records_per_s":{"nflog":%s,"nflog_e":%s,' \
	    "$REPLAY_NFLOG" "$REPLAY_NFLOG_E"
	printf '"pflog":%s,"pflog_e":%s},\n' "$REPLAY_PFLOG" "$REPLAY_PFLOG_E"
	printf '"memory_bytes_per_entry":{"100000":%s,"1000000":%s},\n' \
	    "$MEM_100K" "$MEM_1M"
	printf '"sustained_senders_per_s":{"nolistd":%s,"baseline":%s},\n' \
	    "$SUST_nolistd" "$SUST_baseline"
	printf '"mta_delay":%s,\n"live":[' "$MTA_DELAY"
	[ -f "$tmp/live.jsonl" ] && sed '$!s/$/,/' "$tmp/live.jsonl"
	printf ']}\n'
}

# the latency figure F (5: p50, 6: p99, 7: max) of WHO at RATE
report_lat() {
	awk -F '\t' -v w="$1" -v r="$2" -v f="$3" \
	    '$1 == w && $2 == "latency" && $3 == r { print $f }' \
	    "$tmp/live.tsv" 2>/dev/null | grep . || echo null
}

# a microsecond figure for people: "null" arrived later than the limit
report_us() {
	awk -v v="$1" 'BEGIN {
		if (v == "null" || v == "") print "not within 30 s"
		else if (v >= 1000000) printf "%.2f s\n", v / 1000000
		else if (v >= 1000) printf "%.1f ms\n", v / 1000
		else printf "%.0f us\n", v
	}'
}

# baseline / nolistd: how many times better nolistd is
report_ratio() {
	awk -v n="$1" -v b="$2" -v inv="${3:-0}" 'BEGIN {
		if (n == "null" || n == "" || n == 0) { print "-"; exit }
		if (b == "null" || b == "") { print (inv ? "-" : "> " \
		    int(30000000 / n)) "x"; exit }
		if (inv) { if (b == 0) print "-"; else printf "%.0fx\n", n / b }
		else printf "%.0fx\n", b / n
	}'
}

report_met() {
	awk -v v="$1" -v goal="$2" -v le="$3" 'BEGIN {
		if (v == "null" || v == "") print "no"
		else if (le) print (v + 0 <= goal + 0 ? "yes" : "no")
		else print (v + 0 >= goal + 0 ? "yes" : "no")
	}'
}

report_latency_rows() {
	for rate in 1000 10000; do
		for f in 5:p50 6:p99 7:max; do
			n=$(report_lat nolistd "$rate" "${f%%:*}")
			b=$(report_lat baseline "$rate" "${f%%:*}")
			goal="-" met="-"
			if [ "$rate" = 10000 ] && [ "${f#*:}" = p99 ]; then
				goal="< 500 us"
				met=$(report_met "$n" 500 1)
			fi
			printf '| latency %s at %s/s, 10,000 senders | %s | %s | %s | %s | %s |\n' \
			    "${f#*:}" "$rate" "$goal" "$(report_us "$n")" \
			    "$(report_us "$b")" "$(report_ratio "$n" "$b")" "$met"
		done
	done
}

# the p99 of the runs of a kind at 10,000/s: "min / median / max (n
# runs)"; column 10: that of the senders no other work or host stall held
report_repeat() {
	awk -F '\t' -v k="$1" -v c="${2:-6}" \
	    '$1 == "nolistd" && $2 == k { print $c }' \
	    "$tmp/live.tsv" 2>/dev/null | sort -n | awk '
	    $1 == "null" { bad++; next }
	    { v[++n] = $1 }
	    END {
		if (n == 0) { print "-"; exit }
		f = "%.0f us"
		printf f " / " f " / " f " (%d runs%s)\n", v[1],
		    v[int((n + 1) / 2)], v[n], n + bad,
		    bad ? ", " bad " incomplete" : ""
	    }'
}

report_table() {
	echo "| figure | goal | nolistd | baseline | baseline/nolistd | goal met |"
	echo "|---|---|---|---|---|---|"
	if [ -f "$tmp/live.tsv" ]; then
		report_latency_rows
		printf '| latency p99 at 10000/s, more runs: min / median / max | < 500 us | %s | | | |\n' \
		    "$(report_repeat repeat)"
		printf '| traced runs: p99 | - | %s | | | |\n' \
		    "$(report_repeat traced)"
		printf '| traced runs: p99 of the senders that no other work on the host or host stall held (bench/interference.awk) | - | %s | | | |\n' \
		    "$(report_repeat traced 10)"
		printf '| sustained distinct senders/s, no loss, no backlog | >= 50,000/s | %s | %s | %s | %s |\n' \
		    "$SUST_nolistd" "$SUST_baseline" \
		    "$(report_ratio "$SUST_nolistd" "$SUST_baseline" 1)" \
		    "$(report_met "$SUST_nolistd" 50000 0)"
	fi
	# the goal is for replay to /dev/null; -e (a JSON line per record)
	# is shown for what it costs
	for v in NFLOG:"$REPLAY_NFLOG" "NFLOG -e":"$REPLAY_NFLOG_E" \
	    PFLOG:"$REPLAY_PFLOG" "PFLOG -e":"$REPLAY_PFLOG_E"; do
		goal=">= 3,000,000" met=$(report_met "${v#*:}" 3000000 0)
		case $v in *-e:*) goal="-" met="-" ;; esac
		printf '| replay %s, records/s (one core) | %s | %s | n/a | - | %s |\n' \
		    "${v%%:*}" "$goal" "${v#*:}" "$met"
	done
	printf '| memory, bytes per entry at 100,000 | <= 64 | %s | n/a | - | %s |\n' \
	    "$MEM_100K" "$(report_met "$MEM_100K" 64 1)"
	printf '| memory, bytes per entry at 1,000,000 | <= 64 | %s | n/a | - | %s |\n' \
	    "$MEM_1M" "$(report_met "$MEM_1M" 64 1)"
	if [ "$MTA_DELAY" = null ]; then
		echo "| delay added to real mail (item 5) | no SYN dropped at RTT >= 5 ms | not measured: needs the end-to-end world (bench/mta-delay.sh) | | | |"
	else
		echo "| delay added to real mail (item 5) | no SYN dropped at RTT >= 5 ms | see mta_delay in latest.json | | | |"
	fi
	if [ -f "$tmp/live.tsv" ]; then
		echo
		echo "| whitelister | run | rate/s | in set | p50 us | p99 us | max us | ok | held by other work | p99 of the rest, us |"
		echo "|---|---|---|---|---|---|---|---|---|---|"
		awk -F '\t' -v OFS=' | ' '{ $1 = $1; print "| " $0 " |" }' \
		    "$tmp/live.tsv"
	fi
}
