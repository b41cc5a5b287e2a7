#!/bin/sh
# Hostile load: a flood of SYNs to the fake MX from a million spoofed
# sources, against nolistd -d -t nft with max-entries 50000 in a
# network namespace with the shipped ruleset. Checks that the daemon's
# memory stays bounded, the kernel sets never hold more than
# max-entries, legitimate senders are still whitelisted in time during
# the flood, and SIGTERM still ends the daemon cleanly.
# Usage: flood-test.sh NOLISTD SYNFLOOD SRCDIR
# Environment: FLOOD_COUNT (1000000), FLOOD_SECONDS (60), FLOOD_PPS
# (25000): the flood stops at whichever of count and time comes first;
# FLOOD_RECORDS=FILE keeps the daemon's -e output there.
set -u
nolistd=$1
synflood=$2
src=$3
count=${FLOOD_COUNT:-1000000}
secs=${FLOOD_SECONDS:-60}
pps=${FLOOD_PPS:-25000}
max=50000
rss_limit_kb=65536
. "$src/regress/lib/world.sh"
world_can
# Known to fail: under a flood of 25,000 spoofed SYNs/s the daemon's table
# updates cannot keep up, the kernel drops log records, and some
# legitimate senders are not whitelisted. Run it on purpose until fixed.
if [ "${NOLIST_FLOOD:-0}" != 1 ]; then
	echo "SKIPPED: flood test is opt-in (NOLIST_FLOOD=1): it fails until" \
	    "the daemon keeps up with a 25,000 SYN/s flood"
	exit 77
fi
tmp=$(mktemp -d)
pid=
greeter=
flood=
sampler_pid=
cleanup() {
	[ -n "$flood" ] && kill "$flood" 2>/dev/null
	[ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	[ -n "$greeter" ] && kill "$greeter" 2>/dev/null
	world_down
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

world_up
# The fake MX answers each spoofed SYN with a reset: send them to a
# next hop in the sender namespace, which does not forward, so that they
# die there and need one neighbour entry, not a million.
ip -n "$W_SND" addr add 2001:db8::ff/64 dev veth-s nodad
ip -n "$W_MX" route add 2001:db8:f000::/36 via 2001:db8::ff dev veth-m
cp "$src/regress/captures/nolisting.conf" "$tmp/nolistd.conf"
cat >> "$tmp/nolistd.conf" <<EOC
table "inet nolistd mx_white"
max-entries $max
user nobody
grace-period 1s
state-file "$tmp/nolistd.state"
control-socket "$tmp/nolistd.sock"
pidfile "$tmp/nolistd.pid"
EOC
ip netns exec "$W_MX" nft -f "$src/share/nftables/nolistd.nft" ||
    bad "ruleset load"
ip netns exec "$W_MX" python3 "$src/regress/captures/smtp-greeter.py" \
    192.0.2.2 2001:db8::2 > "$tmp/greeter" 2>&1 &
greeter=$!

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

rss0=$(rss)
mac=$(ip -n "$W_MX" link show veth-m | awk '/link\/ether/ { print $2 }')
ip netns exec "$W_SND" "$synflood" veth-s "$mac" "$count" "$secs" "$pps" \
    > "$tmp/flood" 2>&1 &
flood=$!
# the sets' size, sampled apart from the rest, since a dump of 50000
# elements takes seconds while the flood keeps the CPUs busy
# element dumps of sets that change all the time are restarted by the
# kernel, so a sample may take most of the flood; it is the end of each
# that is logged.
sampler() {
	while kill -0 "$flood" 2>/dev/null; do
		n=$(setsize)
		echo "$(($(date +%s) - t0)) $n" >> "$tmp/sizes"
		sleep 2
	done
}
t0=$(date +%s)
: > "$tmp/sizes"
sampler > /dev/null &
sampler_pid=$!
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
		next_legit=$((t + 8))
		echo "t=${t}s: daemon RSS $r kB"
		legit "198.51.100.$((20 + legit_n))"
	fi
	[ "$t" -gt $((secs + 30)) ] && { bad "the flood did not stop"; break; }
done
wait "$flood"
flood=
wait "$sampler_pid"
cat "$tmp/flood"
maxset=0
while read -r t n; do
	echo "t=${t}s: sets hold $n"
	[ "${n:-0}" -gt "$maxset" ] && maxset=$n
	[ "${n:-0}" -gt "$max" ] &&
	    bad "the sets held $n entries, more than max-entries $max"
done < "$tmp/sizes"
[ -s "$tmp/sizes" ] && ok || bad "no sample of the sets during the flood"
[ $legit_n -gt 0 ] && ok || bad "the flood ended before any legitimate sender was tried"
# what the daemon still had queued
sleep 3
n=$(setsize)
echo "after the flood: sets hold $n"
[ "${n:-0}" -gt "$maxset" ] && maxset=$n
[ "${n:-0}" -le "$max" ] && ok || bad "the sets hold $n, more than $max"
# most of a million SYNs must have reached the sets' bound
[ "${n:-0}" -ge $((max / 2)) ] && ok ||
    bad "only $n entries after the flood: the flood did not reach the daemon"
legit 198.51.100.30
r=$(rss)
[ "$r" -gt "$maxrss" ] && maxrss=$r
echo "daemon RSS: $rss0 kB before, $r kB after, $maxrss kB at most; sets at most $maxset"
[ "$maxrss" -lt "$rss_limit_kb" ] && ok ||
    bad "daemon RSS reached $maxrss kB (limit $rss_limit_kb kB for $max entries)"

kill -USR1 "$pid"
sleep 0.5
grep "stats:" "$tmp/log" | tail -1
# how busy the daemon was: user and system CPU seconds
for p in $pid $(pgrep -P "$pid"); do
	awk -v hz="$(getconf CLK_TCK)" '{ printf "daemon %s CPU: %.1f s user, %.1f s system\n", $2, $14 / hz, $15 / hz }' "/proc/$p/stat"
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

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
