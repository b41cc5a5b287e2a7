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

# What else held the CPUs during a live run, from a kernel trace of it
# (ftrace text, trace_clock mono, events sched_switch and any others):
#
#	awk -v off=NS -f interference.awk TRACE SENT PAIRS
#
# TRACE the trace; SENT syn-send's "address ns" lines (CLOCK_REALTIME);
# PAIRS live_stats' "k latency-us" lines; off is CLOCK_REALTIME minus
# CLOCK_MONOTONIC in ns, as syn-send printed it. Two kinds of time are
# counted, within the time the senders were sent:
#
#  - other work: a task that is neither part of the run (nolistd,
#    syn-send, set-watch) nor kernel work that may be done on its
#    behalf (kworker, ksoftirqd, rcu, migration) held a CPU for RUN us
#    or more at a stretch;
#  - stalls: no CPU of the machine logged any event for GAP us or more,
#    although syn-send's timer was due every 1/rate s: the machine
#    itself was not running (a virtual machine whose host ran something
#    else); or an idle CPU that another woke a task onto logged nothing
#    for WAKE us or more (a virtual CPU that its host did not resume).
#
# A sender is held when its interval from SYN to set overlaps one, or
# the time after it as long again: what queued during it (syn-send's
# own SYNs among them) is worked off after it.
#
# Prints the totals, how many senders were held, and the p99 of the
# senders that were not; with
# -v show=US, first each sender held by neither that took US or more
# ("k sent-mono-s latency-us"), to look for in the trace.

BEGIN {
	RUN = 200
	GAP = 500
	WAKE = 300
}

function foreign(comm) {
	return comm !~ /^(nolistd|syn-send|set-watch|swapper|kworker|ksoftirqd|rcu|migration|cpuhp|idle_inject)/
}

function when(    i) {
	for (i = 1; i <= NF; i++)
		if ($i ~ /^\[[0-9]+\]$/) {
			cpu = substr($i, 2, length($i) - 2) + 0
			continue
		}
		else if ($i ~ /^[0-9]+\.[0-9]+:$/)
			return substr($i, 1, length($i) - 1) * 1e6
	return -1
}

FILENAME == ARGV[1] {
	if ((t = when()) < 0)
		next
	if (seen && t - last >= GAP) {
		ia[++n] = last; ib[n] = t; stall[n] = 1
	}
	last = t
	seen = 1
	if ((cpu in woken) && t - woken[cpu] >= WAKE) {
		ia[++n] = woken[cpu]; ib[n] = t; stall[n] = 1
	}
	delete woken[cpu]
	if ($0 ~ / sched_waking: / && match($0, /target_cpu=[0-9]+/)) {
		x = substr($0, RSTART + 11, RLENGTH - 11) + 0
		if (x != cpu && (x in cur) && cur[x] ~ /^swapper/ &&
		    !(x in woken))
			woken[x] = t
	}
	if ($0 !~ / sched_switch: /)
		next
	if ((cpu in cur) && foreign(cur[cpu]) && t - since[cpu] >= RUN) {
		ia[++n] = since[cpu]; ib[n] = t; stall[n] = 0
	}
	match($0, /next_comm=.* next_pid=/)
	cur[cpu] = substr($0, RSTART + 10, RLENGTH - 20)
	since[cpu] = t
	next
}

FILENAME == ARGV[2] {
	sent[FNR] = ($2 - off) / 1000
	if (FNR == 1 || sent[FNR] < lo)
		lo = sent[FNR]
	if (sent[FNR] > hi)
		hi = sent[FNR]
	next
}

{
	a = sent[$1]
	b = a + $2
	hit = 0
	for (j = 1; j <= n && !hit; j++) {
		# only while SYNs were due: before, a quiet CPU was idle
		x = ia[j] < lo ? lo : ia[j]
		y = ib[j] > hi ? hi : ib[j]
		if (x < y && x < b && y + (y - x) > a)
			hit = 1
	}
	if (hit)
		flagged++
	else
		clear[++nclear] = $2
	if (!hit && show != "" && $2 >= show + 0)
		printf "unheld %d %.6f %.1f\n", $1, a / 1e6, $2
}

END {
	for (j = 1; j <= n; j++) {
		if (ib[j] <= lo || ia[j] >= hi)
			continue
		if (stall[j]) {
			stalls++
			stall_us += ib[j] - ia[j]
		} else {
			others++
			other_us += ib[j] - ia[j]
		}
	}
	shellsort(clear, nclear)
	printf "other_runs %d other_ms %.1f stalls %d stall_ms %.1f " \
	    "flagged %d clear_p99_us %s\n", others, other_us / 1000, stalls,
	    stall_us / 1000, flagged,
	    nclear ? sprintf("%.1f", clear[int((nclear * 99 + 99) / 100)]) : \
	    "null"
}

function shellsort(v, k,    gap, i, j, x) {
	for (gap = int(k / 2); gap > 0; gap = int(gap / 2))
		for (i = gap + 1; i <= k; i++) {
			x = v[i]
			for (j = i; j > gap && v[j - gap] > x; j -= gap)
				v[j] = v[j - gap]
			v[j] = x
		}
}
