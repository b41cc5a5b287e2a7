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

. "$src/regress/lib/nsd.sh"
nsd_zone sender.test. ns.sender.test. > "$tmp/sender.test.zone" <<Z
ns	A	192.0.2.100
mail	A	198.51.100.10
mail	A	203.0.113.20
mail	AAAA	2001:db8:100::10
Z
nsd_zone 100.51.198.in-addr.arpa. ns.sender.test. > "$tmp/r4.zone" <<Z
10	PTR	mail.sender.test.
Z
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
start_ab

syn_ends refused 198.51.100.10 192.0.2.1
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
syn_ends refused 203.0.113.66 192.0.2.2
syn_ends refused 2001:db8:100::66 2001:db8::2
check "B keeps no /32 of its own: $(elems "$B" mx_white4 | tr '\n' ' ')" \
    eval '! elems "$B" mx_white4 | grep -q "^[0-9.]*$"'

stop_all fwa fwb
tally_end
