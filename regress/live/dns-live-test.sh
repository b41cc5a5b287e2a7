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

# The live daemon with DNS expansion: nsd serves the senders' forward and
# reverse zones inside the MX namespace, nolistd (expand pool) asks it.
# The daemon keeps its default grace period (60 s): everything here
# happens in it, seconds after the start, as after a reboot.
# Usage: dns-live-test.sh NOLISTD SRCDIR NOLISTCTL
set -u
nolistd=$1
src=$2
nolistctl=$3
. "$src/regress/lib/livemx.sh"
livemx_init
livemx_need_nsd
. "$src/regress/lib/tally.sh"

livemx_up
for a in 203.0.113.21 203.0.113.22 203.0.113.40 203.0.113.41 \
    198.51.100.12 198.51.100.50 2001:db8:300::5; do
	world_add_sender "$a"
done
livemx_greeter

soa='@ 3600 IN SOA ns.sender.test. hostmaster.sender.test. 1 3600 600 86400 30
@ NS ns.sender.test.'
cat > "$tmp/sender.test.zone" <<Z
\$ORIGIN sender.test.
$soa
ns	A	127.0.0.1
mail	A	198.51.100.10
mail	A	198.51.100.11
mail	AAAA	2001:db8:100::10
mail	AAAA	2001:db8:100::11
Z
# the pool is the SPF record's ranges: mail1 and mail2, not the
# customers' forward-confirmed generic names of the same domain
cat > "$tmp/example.co.uk.zone" <<Z
\$ORIGIN example.co.uk.
$soa
@	TXT	"v=spf1 ip4:203.0.113.16/28 -all"
mail1.smtp	A	203.0.113.21
mail2.smtp	A	203.0.113.22
host-203-0-113-40.dyn	A	203.0.113.40
host-203-0-113-41.dyn	A	203.0.113.41
Z
# a big sender's published ranges, kept by spf-walk in the static sets;
# its /8 sibling is refused
cat > "$tmp/bigsender.test.zone" <<Z
\$ORIGIN bigsender.test.
$soa
@	TXT	"v=spf1 include:_spf.bigsender.test ~all"
_spf	TXT	"v=spf1 ip4:198.51.100.48/29 ip6:2001:db8:300::/48 ~all"
wide	TXT	"v=spf1 ip4:198.0.0.0/8 -all"
Z
cat > "$tmp/r4a.zone" <<Z
\$ORIGIN 100.51.198.in-addr.arpa.
$soa
10	PTR	mail.sender.test.
Z
cat > "$tmp/r4b.zone" <<Z
\$ORIGIN 113.0.203.in-addr.arpa.
$soa
21	PTR	mail1.smtp.example.co.uk.
22	PTR	mail2.smtp.example.co.uk.
40	PTR	host-203-0-113-40.dyn.example.co.uk.
41	PTR	host-203-0-113-41.dyn.example.co.uk.
Z
cat > "$tmp/r6.zone" <<Z
\$ORIGIN 0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1.0.8.b.d.0.1.0.0.2.ip6.arpa.
$soa
0.1.0.0	PTR	mail.sender.test.
Z
nsd_conf "$tmp" 127.0.0.1 sender.test:sender.test \
    bigsender.test:bigsender.test \
    example.co.uk:example.co.uk 100.51.198.in-addr.arpa:r4a \
    113.0.203.in-addr.arpa:r4b \
    0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1.0.8.b.d.0.1.0.0.2.ip6.arpa:r6 \
    > "$tmp/nsd.conf"
livemx_nsd

cat "$src/regress/captures/nolisting.conf" > "$tmp/nolistd.conf"
mkdir "$tmp/empty"
cat >> "$tmp/nolistd.conf" <<C
table "inet nolistd mx_white"
expand pool
resolver 127.0.0.1
spf-walk bigsender.test wide.bigsender.test
user nobody
chroot "$tmp/empty"
state-file "$tmp/nolistd.state"
control-socket "$tmp/nolistd.sock"
C
sed -i 's/^expand none$//' "$tmp/nolistd.conf"
livemx_daemon -v -t nft || { bad "daemon did not start"; cat "$tmp/log"; }

# forward-confirmed: every address of the name comes in
syn 198.51.100.10 192.0.2.1 2 > /dev/null
for a in 198.51.100.10 198.51.100.11 2001:db8:100::10 2001:db8:100::11; do
	wait_in_set "$a" && ok || bad "fcrdns: $a not whitelisted"
done

# the pool: mail1 tried the fake MX, its domain's SPF record (under the
# public suffix co.uk) lists both, so mail2 gets in on its retransmit
syn 203.0.113.21 192.0.2.1 2 > /dev/null
wait_in_set 203.0.113.21 && ok || bad "pool: mail1 not whitelisted"
i=0
while ! grep -q "pool example.co.uk: 1 ranges" "$tmp/log" && [ $i -lt 40 ]; do
	sleep 0.05; i=$((i + 1))
done
grep -q "pool example.co.uk: 1 ranges" "$tmp/log" && ok || bad "no pool made"
out=$(syn 203.0.113.22 192.0.2.2 3.5)
echo "pool sender mail2 straight to the real MX, in the grace period: $out"
case $out in *connected*) ok ;; *) bad "pool: mail2 did not get in: $out" ;; esac
if [ -n "$nolistctl" ]; then
	out=$("$nolistctl" -s "$tmp/nolistd.sock" show pools)
	echo "show pools: $out"
	case $out in "example.co.uk ranges 1 members 1 hits 1 "*) ok ;;
	*) bad "show pools: $out" ;; esac
fi

# a customer of the same domain, generic name: itself only; its
# neighbour is not let in through any pool
syn 203.0.113.40 192.0.2.1 2 > /dev/null
wait_in_set 203.0.113.40 && ok || bad "generic: the sender itself not in"
sleep 0.5
out=$(syn 203.0.113.41 192.0.2.2 2.5)
case $out in *timeout*) ok ;; *) bad "generic neighbour got in: $out" ;; esac
in_set 203.0.113.41 && bad "generic neighbour whitelisted" || ok

# no PTR: a bot stays out
out=$(syn 203.0.113.66 192.0.2.2 2.5)
case $out in *timeout*) ok ;; *) bad "bot got in: $out" ;; esac
in_set 203.0.113.66 && bad "bot whitelisted" || ok

# spf-walk: the big sender's ranges are in the static sets, the /8 is
# not; its hosts pass on their first SYN, never seen before
static_has() {
	ip netns exec "$W_MX" nft list set inet nolistd "$1" | grep -q -- "$2"
}
i=0
while ! static_has mx_static4 198.51.100.48/29 && [ $i -lt 40 ]; do
	sleep 0.1; i=$((i + 1))
done
static_has mx_static4 198.51.100.48/29 && ok || bad "spf-walk: IPv4 range missing"
static_has mx_static6 2001:db8:300::/48 && ok || bad "spf-walk: IPv6 range missing"
static_has mx_static4 198.0.0.0/8 && bad "spf-walk: the /8 is in" || ok
grep -q "spf-walk wide.bigsender.test: refused (too-wide)" "$tmp/log" && ok ||
    bad "spf-walk: the /8 refusal not logged"
out=$(syn 198.51.100.50 192.0.2.2 1.5)
echo "spf-walk sender straight to the real MX: $out"
case $out in *connected*) ok ;; *) bad "spf-walk: first SYN did not pass: $out" ;; esac
in_set 198.51.100.50 && bad "spf-walk sender in the whitelist" || ok
# a ruleset reload empties the sets: the parent puts the ranges back
ip netns exec "$W_MX" nft flush set inet nolistd mx_static4
i=0
while ! static_has mx_static4 198.51.100.48/29 && [ $i -lt 60 ]; do
	sleep 0.1; i=$((i + 1))
done
static_has mx_static4 198.51.100.48/29 && ok || bad "spf-walk: not restored"
# and when the whole ruleset is loaded anew, its sets recreated
ip netns exec "$W_MX" sh -c "nft flush ruleset &&
    nft -f '$src/share/nftables/nolistd.nft'"
i=0
while ! static_has mx_static6 2001:db8:300::/48 && [ $i -lt 60 ]; do
	sleep 0.1; i=$((i + 1))
done
static_has mx_static6 2001:db8:300::/48 && ok ||
    bad "spf-walk: not restored in recreated sets"
# a reload keeps every counter: none may go backwards (Prometheus
# counters), though DNS expansion restarts with a new resolver; the
# live pools are a gauge, and go with the old configuration
stats() { "$nolistctl" -s "$tmp/nolistd.sock" show stats; }
stats > "$tmp/stats.before" || bad "show stats failed"
grep -q 'dns_queries[^0-9]*[1-9]' "$tmp/stats.before" ||
    bad "no DNS queries counted before the reload"
# the big sender moves its IPv4 range: the reload walks it again, and
# the range it no longer publishes leaves the static set
sed -i 's|ip4:198.51.100.48/29|ip4:198.51.100.56/29|' "$tmp/bigsender.test.zone"
kill "$nsdpid"; wait "$nsdpid" 2>/dev/null
livemx_nsd
kill -HUP "$pid"
i=0
while ! grep -q "configuration reloaded" "$tmp/log" && [ $i -lt 40 ]; do
	sleep 0.05; i=$((i + 1))
done
stats > "$tmp/stats.after" || bad "show stats failed after the reload"
back=$(awk 'NR == FNR { v[$1] = $2; next }
    ($1 in v) && $1 != "pools_live:" && $2 + 0 < v[$1] + 0 { print $1 ": " v[$1] " -> " $2 }' \
    "$tmp/stats.before" "$tmp/stats.after")
n=$(wc -l < "$tmp/stats.after")
[ "$n" -ge 10 ] && [ -z "$back" ] && ok ||
    bad "counters went backwards on SIGHUP ($n lines): $back"
i=0
while { ! static_has mx_static4 198.51.100.56/29 ||
    static_has mx_static4 198.51.100.48/29; } && [ $i -lt 60 ]; do
	sleep 0.1; i=$((i + 1))
done
static_has mx_static4 198.51.100.56/29 && ok ||
    bad "spf-walk: the new range not in after the reload"
static_has mx_static4 198.51.100.48/29 &&
    bad "spf-walk: the stale range still in after the reload" || ok
static_has mx_static6 2001:db8:300::/48 && ok ||
    bad "spf-walk: a range still published was removed"

# DNS gone: senders are still whitelisted by address, failures counted
kill "$nsdpid"; wait "$nsdpid" 2>/dev/null; nsdpid=
syn 198.51.100.12 192.0.2.1 2 > /dev/null
wait_in_set 198.51.100.12 && ok || bad "IP-only whitelisting without DNS"
# each try waits 2 s, three tries: poll the stats for the failure
i=0
while [ $i -lt 12 ]; do
	kill -USR1 "$pid"; sleep 1
	stats=$(grep "stats:" "$tmp/log" | tail -1)
	echo "$stats" | grep -q " 0 DNS failures" || break
	i=$((i + 1))
done
echo "$stats"
echo "$stats" | grep -q " 0 DNS queries" && bad "no DNS queries counted" || ok
echo "$stats" | grep -q " 0 DNS failures" && bad "DNS failure not counted" ||
    ok

tally_end
