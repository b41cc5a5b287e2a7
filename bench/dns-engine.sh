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

# Issue 16's hostile-DNS attack against the whole engine, as deployed:
# nolistd with the shipped nft ruleset and "expand fcrdns" in one
# namespace (regress/lib/world.sh), nsd beside it as its resolver, and
# syn-send in the other sending SYNs to the fake MX from distinct IPv6
# sources (2001:db8:a001::k), each of whose PTRs names a name of its own
# under a wildcard with 2,000 AAAA records (56 KB answers, over TCP):
# the first 2,000 senders' own, so that each name confirms its sender
# and offers 1,999 more addresses.
# While the attack runs, ctl-stall asks the engine's control socket for
# its stats every 5 ms (the capture, DNS and the control socket share
# the engine's event loop) and the engine's RSS is read from /proc.
# Prints the engine's largest RSS, how long the control socket was kept
# waiting (median, 99th percentile, longest) and the DNS counters.
# Not a test: it prints figures.
#
#	sh bench/dns-engine.sh [build-dir [senders [syn-rate [dns-rate]]]]
#
# (root; defaults: 3,000 senders at 100 SYNs a second, dns-rate 100,
# nolistd's default; dns-rate 100000 takes the rate limit out)
set -u
src=$(cd "$(dirname "$0")/.." && pwd)
B=${1:-$src/build}
n=${2:-3000}
synrate=${3:-100}
dnsrate=${4:-100}
for p in nolistd nolistctl syn-send ctl-stall; do
	[ -x "$B/$p" ] || { echo "no $B/$p: build first"; exit 1; }
done
[ "$n" -le 65535 ] || { echo "at most 65535 senders"; exit 1; }
nolistd=$B/nolistd
. "$src/regress/lib/livemx.sh"
livemx_init
livemx_need_nsd
livemx_up

soa='@ 3600 IN SOA ns.example.test. hostmaster.example.test. 1 3600 600 86400 30'
{
	printf '$ORIGIN example.test.\n$TTL 3600\n%s\n@ NS ns\nns A 127.0.0.1\n' \
	    "$soa"
	awk 'BEGIN { for (i = 1; i <= 2000; i++)
		printf "*.wild AAAA 2001:db8:a001::%x\n", i - 1 }'
} > "$tmp/example.test.zone"
# syn-send's source k of block 1 is 2001:db8:a001::k
rev=1.0.0.a.8.b.d.0.1.0.0.2.ip6.arpa
{
	printf '$ORIGIN %s.\n$TTL 3600\n%s\n' "$rev" "$soa"
	echo "@ NS ns.example.test."
	awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) {
		h = sprintf("%04x", i)
		printf "%s.%s.%s.%s.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0 " \
		    "PTR h%d.wild.example.test.\n", substr(h, 4, 1),
		    substr(h, 3, 1), substr(h, 2, 1), substr(h, 1, 1), i
	} }'
} > "$tmp/rev.zone"
nsd_conf "$tmp" 127.0.0.1 example.test:example.test "$rev:rev" \
    > "$tmp/nsd.conf"
livemx_nsd

sed -e '/^expand/d' "$src/regress/captures/nolisting.conf" > "$tmp/nolistd.conf"
mkdir "$tmp/empty"
cat >> "$tmp/nolistd.conf" <<EOF
expand fcrdns
dns-rate $dnsrate
resolver 127.0.0.1
table "inet nolistd mx_white"
user nobody
chroot "$tmp/empty"
grace-period 1s
state-file "$tmp/nolistd.state"
control-socket "$tmp/nolistd.sock"
pidfile "$tmp/nolistd.pid"
EOF
livemx_daemon -t nft || { echo "nolistd did not start:"; cat "$tmp/log"; exit 1; }
eng=$(ps -o pid= --ppid "$pid" | tr -d ' ' | head -1)
[ -n "$eng" ] || { echo "no engine process"; exit 1; }
sleep 1.5	# the grace period

secs=$(((n + synrate - 1) / synrate + 5))
# the engine's RSS, every 100 ms, while it lives
( while kill -0 "$eng" 2>/dev/null; do
	sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$eng/status"
	sleep 0.1
done > "$tmp/rss" ) &
rsspid=$!
"$B/ctl-stall" -s "$tmp/nolistd.sock" -i 5 -t "$secs" \
    > "$tmp/stall" 2>&1 &
stallpid=$!
livemx_more="$rsspid $stallpid"
ip netns exec "$W_SND" "$B/syn-send" -i veth-s -m "$(world_mx_mac)" \
    -d 2001:db8::1 -n "$n" -r "$synrate" -b 1 > /dev/null 2> "$tmp/send.err"
wait "$stallpid"
hwm=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$eng/status")
stats=$("$B/nolistctl" -s "$tmp/nolistd.sock" show stats 2>&1)
kill "$rsspid" 2>/dev/null
echo "senders $n at $synrate/s, dns-rate $dnsrate, $secs s"
echo "engine RSS: largest $hwm KiB, at the end $(tail -1 "$tmp/rss") KiB"
echo "control socket: $(cat "$tmp/stall")"
echo "$stats" | awk '/^(fake_mx|whitelisted|dns_|table_size|capture_drops)/ {
	printf "%s%s", sep, $0; sep = ", " } END { print "" }'
