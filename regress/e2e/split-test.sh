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

# End to end, split MX across two sites that share the whitelist through
# Redis (daemon/sync*.c): firewall A holds the fake MX, firewall B the
# real MX and the sink, each in its own namespace with the shipped
# ruleset and its own nolistd, both clients of redis-server; B's site is
# behind the WAN relay, E2E_DELAY_MS (10) each way: a 20 ms round trip
# between the sites. Postfix, Exim and OpenSMTPD deliver over IPv4 and
# IPv6 with no SYN dropped at the real MX; a bot that goes straight to B
# is dropped. The world, the MTAs and the verdicts are e2e-test.sh's.
# Usage: split-test.sh NOLISTD NOLISTCTL SRCDIR
set -u
PATH=$PATH:/usr/sbin:/sbin
E2E_NOLISTD=$1
E2E_NOLISTCTL=$2
E2E_SRC=$3
E2E_SPLIT=1
E2E_DELAY_MS=${E2E_DELAY_MS:-10}
# no SYN dropped at the real MX; set empty, drops are counted, not failed
E2E_NODROPS=${E2E_NODROPS-1}
E2E_NEED="redis-server redis-cli"
. "$E2E_SRC/regress/e2e/harness.sh"
. "$E2E_SRC/regress/lib/redis.sh"
if ! "$E2E_NOLISTD" -V | grep -q "sync: hiredis"; then
	echo "SKIPPED: nolistd built without hiredis"
	exit 77
fi
E2E_RULESET=$E2E_SRC/share/nftables/nolistd.nft

sync_connected() {
	"$E2E_NOLISTCTL" -s "$E2E_TMP/$1.sock" show sync |
	    grep -q "^state: connected"
}

# firewall NAME ROLE: its configuration with sync, and its nolistd
firewall() {
	E2E_NOLISTD_EXTRA="sync 192.0.2.100 auth \"$E2E_TMP/auth\" name $1"
	nolistd_conf "$1"
	daemon_up "$2" "$1" ||
	    { echo "$1 did not start"; cat "$E2E_TMP/$1.log"; return 1; }
	wait_for 10 sync_connected "$1" ||
	    { echo "$1 not connected to Redis"; return 1; }
}

setup_split() {
	world_dns_up || return 1
	ruleset_load mx && ruleset_load mxb || return 1
	sink_up || { echo "sink did not start"; return 1; }
	redis_conf "$E2E_TMP" 192.0.2.100 > "$E2E_TMP/redis.conf"
	bg redis redis "$REDIS_SERVER" "$E2E_TMP/redis.conf"
	redis_wait "$(ns_name redis)" 192.0.2.100 ||
	    { echo "redis did not start"; return 1; }
	redis_auth "$E2E_TMP/auth"
	firewall fwa mx && firewall fwb mxb
}

# the round trip between the sites: a connect from A to B's plain MX,
# the least of five
s_rtt() {
	rtt=$(for i in 1 2 3 4 5; do
		in_ns mx python3 "$E2E_SRC/regress/live/syn.py" 192.0.2.1 \
		    192.0.2.4 2
	done | awk '$2 == "connected" { ms = $3 * 1000
	    if (min == "" || ms < min) min = ms }
	    END { if (min != "") printf "%.1f", min }')
	case $rtt in
	"") FAIL "rtt: no answer from site B" ;;
	*) PASS "rtt: site A to site B ${rtt} ms (want about" \
	    "$((2 * E2E_DELAY_MS)))" ;;
	esac
}

. "$E2E_SRC/regress/e2e/scenarios.sh"

if ! setup_split; then
	FAIL "world: could not be built"
	exit 1
fi
s_rtt
s_postfix
s_exim
s_opensmtpd
s_bot
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
