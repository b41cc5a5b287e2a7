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

# End to end: real MTAs deliver through nolisting, in network namespaces.
# nsd and unbound serve the world's DNS, the MX host loads the shipped
# share/nftables/nolistd.nft and runs nolistd live on nflog:25 with the nft
# backend; Postfix, Exim and OpenSMTPD send by MX lookup; a pool sender
# leaves from two addresses; a bot goes straight to the real MX.
# One line per scenario: PASS, FAIL or SKIP, with what nolisting cost
# (SYNs to the real MX dropped, time from the first fake-MX SYN to the
# message's arrival).
# Usage: e2e-test.sh NOLISTD NOLISTCTL SRCDIR
# E2E_RECORD=FILE: also record the NFLOG traffic (group 26) into FILE.
# E2E_KEEP=1: keep the work directory (logs, records) for a post-mortem.
# E2E_DELAY_MS=N: the MX host's link delays every frame by N ms each way
#   (wan-relay.py); by default the link is direct, the harder race.
set -u
PATH=$PATH:/usr/sbin:/sbin
E2E_NOLISTD=$1
E2E_NOLISTCTL=$2
E2E_SRC=$3
. "$E2E_SRC/regress/e2e/harness.sh"

setup_world() {
	world_dns_up || return 1
	ruleset_load || return 1
	sink_up || { echo "sink did not start"; return 1; }
	nolistd_conf
	if [ -n "${E2E_RECORD:-}" ]; then
		bg tcpdump mx tcpdump -i nflog:26 -U -w "$E2E_TMP/record.pcap"
		sleep 1
	fi
	daemon_up || { echo "nolistd did not start"; cat "$E2E_TMP/nolistd.log"; return 1; }
}

. "$E2E_SRC/regress/e2e/scenarios.sh"

if ! setup_world; then
	FAIL "world: could not be built"
	exit 1
fi
run_scenarios
echo "$pass passed, $fail failed, $skip skipped"
if [ -n "${E2E_RECORD:-}" ]; then
	stop tcpdump
	cp "$E2E_TMP/record.pcap" "$E2E_RECORD"
fi
[ "$fail" -eq 0 ]
