#!/bin/sh
# The sync client with the prefix and expand settings, in the world of
# regress/sync/world.sh with interval sets and nsd beside Redis: a
# sender whitelisted at A as its /24 and /64, and the other addresses of
# its forward-confirmed name (expand fcrdns) as theirs, show at B as the
# same prefixes, and a neighbour never seen passes at B's real MX.
# Usage: expand-test.sh NOLISTD NOLISTCTL SRCDIR
set -u
nolistd=$1
nolistctl=$2
src=$3
NSD=$(command -v nsd || echo /usr/sbin/nsd)
. "$src/regress/sync/world.sh"
[ -x "$NSD" ] || { echo "SKIPPED: nsd is not installed"; exit 77; }
SYNC_RULES_SED='s/^\([[:space:]]*flags\) timeout$/\1 interval, timeout/'
sync_world_up
grep -q "flags interval, timeout" "$tmp/ruleset.nft" ||
    bad "the ruleset's sets are not interval sets"

soa='@ 3600 IN SOA ns.sender.test. hostmaster.sender.test. 1 3600 600 86400 30
@ NS ns.sender.test.'
cat > "$tmp/sender.test.zone" <<Z
\$ORIGIN sender.test.
$soa
ns	A	192.0.2.100
mail	A	198.51.100.10
mail	A	203.0.113.20
mail	AAAA	2001:db8:100::10
Z
cat > "$tmp/r4.zone" <<Z
\$ORIGIN 100.51.198.in-addr.arpa.
$soa
10	PTR	mail.sender.test.
Z
. "$src/regress/lib/nsd.sh"
nsd_conf "$tmp" 192.0.2.100 sender.test:sender.test \
    100.51.198.in-addr.arpa:r4 > "$tmp/nsd.conf"
ip netns exec "$R" "$NSD" -d -c "$tmp/nsd.conf" > "$tmp/nsd.out" 2>&1 &
pids="$pids $!"

# an element of an interval set takes two of the kernel's: max-entries
# half the shipped size
SYNC_EXTRA='expand fcrdns
resolver 192.0.2.100
prefix 24 64
grace-period 1s
max-entries 100000'
start "$A" fwa
start "$B" fwb
check "A not connected: $(ctl fwa show sync | head -2)" \
    wait_state fwa connected 5
check "B not connected: $(ctl fwb show sync | head -2)" \
    wait_state fwb connected 5

out=$(syn 198.51.100.10 192.0.2.1 1)
check "198.51.100.10 to A's fake MX: $out" eval 'echo "$out" | grep -q refused'
for p in 198.51.100.0/24 203.0.113.0/24 2001:db8:100::/64; do
	check "$p not whitelisted at A: $(ctl fwa show whitelist)" \
	    wait_in_set "$A" "$p" 50
	check "$p not in B's set: $(ctl fwb show whitelist)" \
	    wait_in_set "$B" "$p" 30
	check "$p not in Redis" \
	    eval 'rc ZSCORE nolistd:wl "$p" | grep -q "^[0-9]"'
done
check "A did not expand by fcrdns: $(ctl fwa show whitelist)" \
    eval 'ctl fwa show whitelist | grep "203.0.113.0/24" | grep -q fcrdns'
# never seen anywhere, in the /24 of an address fcrdns vouched for
out=$(syn 203.0.113.66 192.0.2.2 2)
check "203.0.113.66 at B's real MX: $out" eval 'echo "$out" | grep -q refused'
out=$(syn 2001:db8:100::66 2001:db8::2 2)
check "2001:db8:100::66 at B's real MX: $out" \
    eval 'echo "$out" | grep -q refused'
check "B keeps no /32 of its own: $(elems "$B" mx_white4 | tr '\n' ' ')" \
    eval '! elems "$B" mx_white4 | grep -q "^[0-9.]*$"'

for n in fwa fwb; do
	eval "p=\$pid_$n"
	kill -TERM "$p"
	wait "$p"
	st=$?
	check "$n exit status $st after SIGTERM" [ $st -eq 0 ]
done
tally_end
