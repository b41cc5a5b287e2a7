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

# The hostile-DNS attack of issue 16, against DNS expansion as the engine
# runs it (daemon/resolver.c, rescache.c, resparse.c, dnsexpand.c on one
# event loop, driven by regress/dns/dns-driver): N senders whose PTRs
# each name a name of their own under a wildcard with 2,000 AAAA records
# (56 KB answers, over TCP), served by nsd in a network namespace of its
# own. Prints the largest RSS of the process and the longest the event
# loop was kept from a 5 ms timer. Not a test: it prints figures.
#
#	sh bench/dns-hostile.sh [build-dir [senders [dns-rate]]]	(root)
set -u
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build}
n=${2:-2000}
rate=${3:-100000}
driver=$build/dns-driver
[ -x "$driver" ] || { echo "no $driver: build first"; exit 1; }
NSD=$(command -v nsd || echo /usr/sbin/nsd)
[ -x "$NSD" ] || { echo "nsd is not installed"; exit 1; }
[ "$(id -u)" = 0 ] || { echo "run as root (unshare -n)"; exit 1; }
if [ -z "${DNSB_INNER:-}" ]; then
	DNSB_INNER=1 exec unshare -n sh "$0" "$build" "$n" "$rate"
fi
ip link set lo up
tmp=$(mktemp -d /tmp/nolist-dnsb.XXXXXX)
nsdpid=
trap 'kill $nsdpid 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM

soa='@ 3600 IN SOA ns.example.test. hostmaster.example.test. 1 3600 600 86400 30'
{
	printf '$ORIGIN example.test.\n$TTL 3600\n%s\n@ NS ns\nns A 127.0.0.1\n' \
	    "$soa"
	awk 'BEGIN { for (i = 1; i <= 2000; i++)
		printf "*.wild AAAA 2001:db8:3::%x\n", i }'
} > "$tmp/example.test.zone"
{
	printf '$ORIGIN 3.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.\n$TTL 3600\n%s\n' \
	    "$soa"
	echo "@ NS ns.example.test."
	awk -v n="$n" 'BEGIN { for (i = 1; i <= n; i++) {
		h = sprintf("%04x", i)
		printf "%s.%s.%s.%s.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0 " \
		    "PTR h%d.wild.example.test.\n", substr(h, 4, 1),
		    substr(h, 3, 1), substr(h, 2, 1), substr(h, 1, 1), i
	} }'
} > "$tmp/rev.zone"
. "$src/regress/lib/nsd.sh"
nsd_conf "$tmp" 127.0.0.1@5353 example.test:example.test \
    3.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa:rev > "$tmp/nsd.conf"
"$NSD" -d -c "$tmp/nsd.conf" > "$tmp/nsd.out" 2>&1 &
nsdpid=$!
i=0
while ! ss -Hlnu "sport = :5353" | grep -q . && [ $i -lt 100 ]; do
	sleep 0.1; i=$((i + 1))
done

# 64 on the wire; the rate high enough not to pace the attack
/usr/bin/time -f 'maxrss_kib %M' -o "$tmp/time" "$driver" -P 5353 \
    -s 127.0.0.1 -R "$rate" stall bulk 2001:db8:3::1 "$n" wait stats stall \
    > "$tmp/out" 2>&1
stall=$(sed -n 's/^stall_ms //p' "$tmp/out" | tail -1)
q=$(sed -n 's/.* queries=\([0-9]*\).*/\1/p' "$tmp/out" | tail -1)
tcp=$(sed -n 's/.* tcp=\([0-9]*\).*/\1/p' "$tmp/out" | tail -1)
cb=$(sed -n 's/.* cache_bytes=\([0-9]*\).*/\1/p' "$tmp/out" | tail -1)
echo "senders $n, queries $q, over TCP $tcp"
echo "largest RSS $(sed -n 's/^maxrss_kib //p' "$tmp/time") KiB," \
    "longest loop stall ${stall} ms, cache ${cb:-?} bytes"
