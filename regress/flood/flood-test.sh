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

# Hostile load: a flood of SYNs to the fake MX from a million spoofed
# sources, against nolistd -d -t nft with max-entries 50000 in a
# network namespace with the shipped ruleset and DNS expansion against
# nsd. Checks that the daemon's memory stays bounded, the kernel sets
# never hold more than max-entries (counted from nf_tables' own
# notifications after every commit), DNS stays within dns-rate, the
# control socket keeps answering, legitimate senders are still
# whitelisted in time during the flood, a sender renewed and an entry
# added with nolistctl before it are still there after it, and SIGTERM
# still ends the daemon cleanly.
# Usage: flood-test.sh NOLISTD SYNFLOOD SET-COUNT NOLISTCTL SRCDIR
# Environment: FLOOD_COUNT (1000000), FLOOD_SECONDS (40), FLOOD_PPS
# (50000): the flood stops at whichever of count and time comes first;
# FLOOD_RSS_KB (65536) bounds the daemon's RSS;
# FLOOD_RECORDS=FILE keeps the daemon's -e output there; FLOOD_PREFIX
# ("24 64") whitelists networks, in interval sets, whose every update
# costs the kernel a walk of the set; FLOOD_BUSY=N runs N CPU-bound
# loops beside it all along (0: none; "cpus": one a CPU), so that the
# test holds on a machine that is not quiet.
set -u
nolistd=$1
synflood=$2
setcount=$3
nolistctl=$4
src=$5
count=${FLOOD_COUNT:-1000000}
secs=${FLOOD_SECONDS:-40}
pps=${FLOOD_PPS:-50000}
max=50000
dnsrate=20
rss_limit_kb=${FLOOD_RSS_KB:-65536}
. "$src/regress/lib/world.sh"
world_can
NSD=$(command -v nsd || echo /usr/sbin/nsd)
[ -x "$NSD" ] || { echo "SKIPPED: nsd is not installed"; exit 77; }
tmp=$(mktemp -d)
pid=
greeter=
flood=
counter=
nsdpid=
busy=
cleanup() {
	for p in $flood $counter $pid $greeter $nsdpid $busy; do
		kill "$p" 2>/dev/null
	done
	world_down
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
. "$src/regress/lib/tally.sh"

world_up
# the renewed sender and the manual entry, each a /24 of its own so that
# "prefix 24" keeps them apart from the legitimate senders
ip -n "$W_MX" route add 198.18.0.0/16 dev veth-m
renewed=198.18.1.40
manual=198.18.2.50
# The fake MX answers each spoofed SYN with a reset: send them to a
# next hop in the sender namespace, which does not forward, so that they
# die there and need one neighbour entry, not a million.
ip -n "$W_SND" addr add 2001:db8::ff/64 dev veth-s nodad
ip -n "$W_MX" route add 2001:db8:f000::/36 via 2001:db8::ff dev veth-m
# nsd answers for the flood's reverse zones, empty: every PTR lookup is
# one query answered NXDOMAIN, so the queries count the expansions.
zones=
for z in f.8.b.d.0.1.0.0.2.ip6.arpa 113.0.203.in-addr.arpa \
    100.51.198.in-addr.arpa; do
	printf '@ 3600 IN SOA ns.flood.test. hostmaster.flood.test. 1 3600 600 86400 30\n@ NS ns.flood.test.\n' > "$tmp/$z.zone"
	zones="$zones $z:$z"
done
. "$src/regress/lib/nsd.sh"
nsd_conf "$tmp" 127.0.0.1 $zones > "$tmp/nsd.conf"
ip netns exec "$W_MX" "$NSD" -d -c "$tmp/nsd.conf" > "$tmp/nsd.out" 2>&1 &
nsdpid=$!
# what leaves for the name server, counted by the kernel
ip netns exec "$W_MX" nft -f - <<'N' || bad "cannot load the DNS counter"
table inet flooddns {
	counter queries { }
	chain out {
		type filter hook output priority 0; policy accept;
		udp dport 53 counter name queries
		tcp dport 53 tcp flags & (syn | ack) == syn counter name queries
	}
}
N
dns_queries() {
	ip netns exec "$W_MX" nft list counter inet flooddns queries |
	    awk '/packets/ { print $2 }'
}

cp "$src/regress/captures/nolisting.conf" "$tmp/nolistd.conf"
sed -i 's/^expand none$//' "$tmp/nolistd.conf"
mkdir -p "$tmp/empty"
cat >> "$tmp/nolistd.conf" <<EOC
table "inet nolistd mx_white"
max-entries $max
expand fcrdns
resolver 127.0.0.1
dns-rate $dnsrate
user nobody
chroot "$tmp/empty"
grace-period 1s
state-file "$tmp/nolistd.state"
control-socket "$tmp/nolistd.sock"
pidfile "$tmp/nolistd.pid"
EOC
cp "$src/share/nftables/nolistd.nft" "$tmp/ruleset.nft"
if [ -n "${FLOOD_PREFIX:-}" ]; then
	echo "prefix $FLOOD_PREFIX" >> "$tmp/nolistd.conf"
	sed -i 's/^\([[:space:]]*flags\) timeout$/\1 interval, timeout/' \
	    "$tmp/ruleset.nft"
	grep -q "flags interval, timeout" "$tmp/ruleset.nft" ||
	    bad "no interval sets in the ruleset"
fi
ip netns exec "$W_MX" nft -f "$tmp/ruleset.nft" || bad "ruleset load"
ip netns exec "$W_MX" python3 "$src/regress/captures/smtp-greeter.py" \
    192.0.2.2 2001:db8::2 > "$tmp/greeter" 2>&1 &
greeter=$!

# every element in and out of the sets, from the daemon's first commit
ip netns exec "$W_MX" "$setcount" -p mx_white > "$tmp/count" \
    2> "$tmp/count.err" &
counter=$!
i=0
while ! grep -q ready "$tmp/count.err" && [ $i -lt 50 ]; do
	sleep 0.1; i=$((i + 1))
done
grep -q ready "$tmp/count.err" || bad "set-count did not start"
start=$(date +%s)
ip netns exec "$W_MX" "$nolistd" -d -t nft -f "$tmp/nolistd.conf" \
    ${FLOOD_RECORDS:+-e} > "${FLOOD_RECORDS:-/dev/null}" 2> "$tmp/log" &
pid=$!
i=0
while ! grep -q "listening on" "$tmp/log" && [ $i -lt 100 ]; do
	sleep 0.1; i=$((i + 1))
done
grep -q "listening on" "$tmp/log" || { bad "daemon did not start"; cat "$tmp/log"; exit 1; }

# the parent's and the engine's (its child, which holds the whitelist)
rss() {
	t=0
	for p in $pid $(pgrep -P "$pid"); do
		r=$(awk '/^VmRSS:/ { print $2 }' "/proc/$p/status" 2>/dev/null)
		t=$((t + ${r:-0}))
	done
	echo "$t"
}
setsize() {
	ip netns exec "$W_MX" nft -j list table inet nolistd 2>/dev/null |
	    python3 -c '
import json, sys
n = 0
for o in json.load(sys.stdin)["nftables"]:
    s = o.get("set")
    if s and s["name"] in ("mx_white4", "mx_white6"):
        n += len(s.get("elem", []))
print(n)'
}
syn() { ip netns exec "$W_SND" python3 "$src/regress/live/syn.py" "$@"; }

# a legitimate MTA: fake MX (reset), then the real MX, which must let it
# in within 3 s: its first SYN, or the retransmit a second later
legit() {
	sender=$1
	world_add_sender "$sender"
	out=$(syn "$sender" 192.0.2.1 2)
	case $out in *refused*) ok ;; *) bad "$sender: fake MX: $out" ;; esac
	out=$(syn "$sender" 192.0.2.2 3)
	set -- $out
	case $2 in
	connected) ok; echo "legitimate sender $sender: real MX took $3 s" ;;
	*)	bad "legitimate sender $sender not let in during the flood: $out"
		# late, or never: was its record lost?
		i=0
		while ! in_set "$sender" && [ $i -lt 10 ]; do
			sleep 0.5; i=$((i + 1))
		done
		in_set "$sender" && echo "  $sender: whitelisted $((i / 2)) s later" ||
		    echo "  $sender: still not whitelisted 5 s later" ;;
	esac
}
in_set() {
	ip netns exec "$W_MX" nft get element inet nolistd mx_white4 \
	    "{ $1 }" > /dev/null 2>&1
}

# before the flood: one sender passes a real MX (renewed, protected),
# one is added by hand (never evicted)
legit "$renewed"
"$nolistctl" -s "$tmp/nolistd.sock" add "$manual" > "$tmp/ctl" 2>&1 &&
    ok || bad "nolistctl add $manual: $(cat "$tmp/ctl")"
world_add_sender "$manual"
i=0
while ! { in_set "$renewed" && in_set "$manual"; } && [ $i -lt 20 ]; do
	sleep 0.1; i=$((i + 1))
done
# the pass that renews it is a record too: give it time to arrive
sleep 1
# CPU-bound neighbours, from here to the end
nbusy=${FLOOD_BUSY:-0}
[ "$nbusy" = cpus ] && nbusy=$(getconf _NPROCESSORS_ONLN)
j=0
while [ "$j" -lt "$nbusy" ]; do
	sh -c 'while :; do :; done' &
	busy="$busy $!"
	j=$((j + 1))
done
[ -n "$busy" ] && echo "$nbusy CPU-bound loops beside the test"

rss0=$(rss)
mac=$(world_mx_mac)
ip netns exec "$W_SND" "$synflood" veth-s "$mac" "$count" "$secs" "$pps" \
    > "$tmp/flood" 2>&1 &
flood=$!
# the control socket must keep answering during the flood
ctl_slow=0
ctl_asked=0
# the socket must answer during the flood; how fast is bench/'s question,
# and a loaded machine (a sanitizer build, other jobs) may take seconds
ask_ctl() {
	ctl_asked=$((ctl_asked + 1))
	t1=$(date +%s%N)
	if timeout 10 "$nolistctl" -s "$tmp/nolistd.sock" show stats \
	    > "$tmp/ctl" 2>&1 && grep -q "fake_mx" "$tmp/ctl"; then
		echo "  nolistctl show stats answered in" \
		    "$((($(date +%s%N) - t1) / 1000000)) ms"
	else
		ctl_slow=$((ctl_slow + 1))
		echo "  nolistctl show stats: no answer in 10 s: $(cat "$tmp/ctl")"
	fi
}
t0=$(date +%s)
maxrss=$rss0
legit_n=0
next_legit=3
while kill -0 "$flood" 2>/dev/null; do
	sleep 0.5
	t=$(($(date +%s) - t0))
	kill -0 "$pid" 2>/dev/null || { bad "daemon died during the flood"; break; }
	r=$(rss)
	[ "$r" -gt "$maxrss" ] && maxrss=$r
	if [ "$t" -ge "$next_legit" ] && kill -0 "$flood" 2>/dev/null; then
		legit_n=$((legit_n + 1))
		next_legit=$((t + 6))
		echo "t=${t}s: daemon RSS $r kB"
		legit "198.51.100.$((20 + legit_n))"
		ask_ctl
	fi
	[ "$t" -gt $((secs + 30)) ] && { bad "the flood did not stop"; break; }
done
wait "$flood"
flood=
cat "$tmp/flood"
[ $legit_n -gt 0 ] && ok || bad "the flood ended before any legitimate sender was tried"
[ "$ctl_asked" -gt 0 ] && [ "$ctl_slow" -eq 0 ] && ok ||
    bad "the control socket did not answer $ctl_slow of $ctl_asked times"
# what the daemon still had queued
sleep 3
n=$(setsize)
echo "after the flood: sets hold $n"
[ "${n:-0}" -le "$max" ] && ok || bad "the sets hold $n, more than $max"
# most of a million SYNs must have reached the sets' bound
[ "${n:-0}" -ge $((max / 2)) ] && ok ||
    bad "only $n entries after the flood: the flood did not reach the daemon"
kill "$counter"
wait "$counter"
counter=
read -r _ cmax _ cfinal _ clost < "$tmp/count"
echo "set-count: at most $cmax elements after any commit, $cfinal at the end, $clost overruns"
[ "${clost:-1}" -eq 0 ] && ok ||
    bad "set-count missed notifications: cannot tell the sets' largest size"
# the count follows the kernel: it agrees with a dump of the sets
[ "${cfinal:--1}" -eq "${n:-0}" ] && ok ||
    bad "set-count says $cfinal, a dump of the sets $n"
[ "${cmax:-0}" -le "$max" ] && [ "${cmax:-0}" -ge "$n" ] && ok ||
    bad "the sets held $cmax entries after a commit (max-entries $max)"
elapsed=$(($(date +%s) - start + 1))
q=$(dns_queries)
echo "DNS: $q queries in $elapsed s (dns-rate $dnsrate)"
[ "${q:-0}" -le $((dnsrate * (elapsed + 1))) ] && ok ||
    bad "$q DNS queries in $elapsed s is more than dns-rate $dnsrate allows"
# and the cap was reached, or this proves nothing
flood_secs=$((count / pps < secs ? count / pps : secs))
[ "${q:-0}" -ge $((dnsrate * flood_secs / 2)) ] && ok ||
    bad "only $q DNS queries: expansion did not run during the flood"
legit 198.51.100.30
# what was there before the flood is there after it
for a in "$renewed" "$manual"; do
	[ "$a" = "$renewed" ] && what="renewed sender" || what="manual entry"
	if in_set "$a"; then
		ok
		out=$(syn "$a" 192.0.2.2 1)
		case $out in
		*connected*) ok ;;
		*) bad "$what $a: real MX: $out" ;;
		esac
	else
		bad "$what $a evicted by the flood"
	fi
done
r=$(rss)
[ "$r" -gt "$maxrss" ] && maxrss=$r
echo "daemon RSS: $rss0 kB before, $r kB after, $maxrss kB at most"
[ "$maxrss" -lt "$rss_limit_kb" ] && ok ||
    bad "daemon RSS reached $maxrss kB (limit $rss_limit_kb kB for $max entries)"

kill -USR1 "$pid"
sleep 0.5
grep "stats:" "$tmp/log" | tail -1
# how busy the daemon was: user and system CPU seconds
for p in $pid $(pgrep -P "$pid"); do
	# the name, in parentheses, holds spaces: count fields after it
	sed 's/.*) //' "/proc/$p/stat" | awk -v hz="$(getconf CLK_TCK)" \
	    -v p="$(cat "/proc/$p/comm")" '{ printf "%s CPU: %.1f s user, %.1f s system\n", p, $12 / hz, $13 / hz }'
done
kill -TERM "$pid"
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 "$pid" 2>/dev/null; then
	bad "daemon still running 10 s after SIGTERM"
else
	wait "$pid"
	rc=$?
	pid=
	[ $rc -eq 0 ] && ok || bad "daemon exited $rc on SIGTERM"
fi
if grep -q "ERROR: AddressSanitizer\|ERROR: LeakSanitizer\|runtime error:" "$tmp/log"; then
	bad "sanitizer report"
	grep -A30 "ERROR\|runtime error" "$tmp/log" | head -60
else
	ok
fi

tally_end
