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

# Sharing the whitelist through a real redis-server (daemon/sync*.c), in
# the world of regress/sync/world.sh. A sender's SYN to A's fake MX must
# reach B's kernel set, over IPv4 and IPv6; a bot that goes straight to
# B stays out; with a real MX at each site the sender passes at both; a
# standby running all along holds every entry, one started later has
# them before it serves; Redis killed and restarted; wrong credentials
# and garbage from another client refused, counted, survived.
# Usage: sync-test.sh NOLISTD NOLISTCTL SRCDIR
set -u
nolistd=$1
nolistctl=$2
src=$3
. "$src/regress/sync/world.sh"
sync_world_up

start_ab

# --- split MX: the fake MX at A lets the sender in at B ---
tried_fake 198.51.100.10 192.0.2.1 "$A" "$B"
syn_ends refused 198.51.100.10 192.0.2.2
tried_fake 2001:db8:100::10 2001:db8::1 "$A" "$B"
syn_ends refused 2001:db8:100::10 2001:db8::2
# a bot that skips the fake MX is dropped at B
for bot in 203.0.113.66 2001:db8:100::66; do
	case $bot in *:*) mx=2001:db8::2 ;; *) mx=192.0.2.2 ;; esac
	syn_ends timeout "$bot" "$mx" 1
	check "bot $bot in B's set" eval '! in_set "$B" "$bot"'
done
check "B's show sync: no peer fwa: $(ctl fwb show sync)" \
    eval 'ctl fwb show sync | grep -q "^peer fwa\."'
rec=$(field fwb received)
check "B received $rec changes, want 2 or more" [ "${rec:-0}" -ge 2 ]
sent=$(field fwa sent)
check "A sent $sent changes, want 2 or more" [ "${sent:-0}" -ge 2 ]
check "A's stats file has no sync_sent" \
    eval 'sleep 2.5; grep -q "^nolistd_sync_sent_total [1-9]" "$tmp/fwa.prom"'
check "show stats: no sync_received" \
    eval 'ctl fwb show stats | grep -q "^sync_received: [1-9]"'

# --- a standby started afterwards has the entries before it serves ---
start "$C" fwc
for a in 198.51.100.10 2001:db8:100::10; do
	check "standby lacks $a when it serves" in_set "$C" "$a"
done

# --- two real MX at two sites: the fake MX at A lets the sender in at
# A's real MX and at B's, and the standby has it too; a bot stays out ---
tried_fake 198.51.100.13 192.0.2.1 "$B" "$C"
syn_ends refused 198.51.100.13 192.0.2.12
syn_ends refused 198.51.100.13 192.0.2.2
tried_fake 2001:db8:100::13 2001:db8::1 "$B" "$C"
syn_ends refused 2001:db8:100::13 2001:db8::12
syn_ends refused 2001:db8:100::13 2001:db8::2
syn_ends timeout 203.0.113.66 192.0.2.12 1
syn_ends timeout 2001:db8:100::66 2001:db8::12 1

# --- Redis killed: each goes on alone, and they converge once it is back ---
kill -9 "$rpid"
wait "$rpid" 2>/dev/null
check "A still connected with Redis gone" \
    eval '! wait_state fwa connected 0'
out=$(syn 198.51.100.11 192.0.2.1 1)
check "198.51.100.11 not whitelisted at A without Redis" \
    wait_in_set "$A" 198.51.100.11
check "A's engine died without Redis" kill -0 "$pid_fwa"
rstart
check "A did not reconnect" wait_state fwa connected 10
check "B did not reconnect" wait_state fwb connected 10
check "198.51.100.11 did not reach B after Redis came back" \
    wait_in_set "$B" 198.51.100.11 50
check "198.51.100.11 did not reach the standby after Redis came back" \
    wait_in_set "$C" 198.51.100.11 50
check "198.51.100.11 not in Redis after it came back" \
    eval 'rc ZSCORE nolistd:wl 198.51.100.11/32 | grep -q "^[0-9]"'
check "the entries of before not pushed back to Redis" \
    eval 'sleep 1; rc ZSCORE nolistd:wl 198.51.100.10/32 | grep -q "^[0-9]"'

# --- a manual delete wins, at every peer ---
ctl fwa delete 198.51.100.10 > /dev/null
check "manual delete at A not applied at B" \
    eval 'i=0; while in_set "$B" 198.51.100.10 && [ $i -lt 30 ]; do
	sleep 0.1; i=$((i + 1)); done; ! in_set "$B" 198.51.100.10'
# a late add, decided before the delete, changes nothing
now=$(date +%s)
rc PUBLISH nolistd:ch "1 late.1 add 198.51.100.10/32 $((now + 600)) $(((now - 5) * 1000)) fake-mx" > /dev/null
sleep 0.5
check "a late add undid the delete at B" eval '! in_set "$B" 198.51.100.10'

# --- garbage from another client: refused, counted, survived ---
before=$(field fwb refused)
for g in "garbage" "1 x add 10.0.0.0/4 $((now + 60)) $((now * 1000)) fake-mx" \
    "1 x add 198.51.100.12/32 $((now + 60)) $(((now + 3600) * 1000)) fake-mx" \
    "1 x add 198.51.100.12/32 99999999999 $((now * 1000)) fake-mx" \
    "1 x;rm add 198.51.100.12/32 $((now + 60)) $((now * 1000)) fake-mx"; do
	rc PUBLISH nolistd:ch "$g" > /dev/null
done
sleep 0.5
after=$(field fwb refused)
check "B refused $before then $after, want 4 more" \
    [ "${after:-0}" -ge $((${before:-0} + 4)) ]
check "B did not log the refusal" grep -q "refused a message" "$tmp/fwb.log"
check "a refused message got 198.51.100.12 in" \
    eval '! in_set "$B" 198.51.100.12'
# an expiry far away is clamped to B's whitelist time, not refused
rc PUBLISH nolistd:ch "1 x add 2001:db8:100::77/128 4000000000 $((now * 1000)) fake-mx" > /dev/null
check "a far expiry was not taken (clamped)" \
    wait_in_set "$B" 2001:db8:100::77
# the standby that ran all along holds what A and B hold, no more
same_sets() {
	for s in mx_white4 mx_white6; do
		elems "$A" $s | sort > "$tmp/a.$s"
		for ns in $B $C; do
			elems "$ns" $s | sort | cmp -s - "$tmp/a.$s" || return 1
		done
	done
}
check "the firewalls' sets differ: $(for ns in $A $B $C; do
    elems "$ns" mx_white4 | tr '\n' ' '; echo; done)" \
    eval 'wait_in_set "$C" 2001:db8:100::77 && same_sets'
rc ZADD nolistd:wl 99999999999 not-an-address 4000000000 "1.2.3.4" \
    > /dev/null
kill -TERM "$pid_fwc"
wait "$pid_fwc"
start "$C" fwc
check "C did not count the garbage keys" \
    eval '[ "$(field fwc refused)" -ge 2 ]'
for p in $pid_fwa $pid_fwb $pid_fwc; do
	check "nolistd $p died" kill -0 "$p"
done

# --- wrong credentials: refused, and the daemon goes on alone ---
kill -TERM "$pid_fwc"
wait "$pid_fwc"
start "$C" fwc "$tmp/badauth"
check "wrong credentials connected" eval '! wait_state fwc connected 2'
check "wrong credentials not logged: $(grep sync "$tmp/fwc.log")" \
    grep -q "authentication refused\|WRONGPASS" "$tmp/fwc.log"
check "nolistd with wrong credentials died" kill -0 "$pid_fwc"
# a credentials file others may read is refused at start
chmod 644 "$tmp/badauth"
conf fwd "$tmp/badauth" > "$tmp/fwd.conf"
check "a world-readable credentials file was taken" \
    eval '! ip netns exec "$C" "$nolistd" -d -t nft -f "$tmp/fwd.conf" \
    2> "$tmp/fwd.log"'
check "the refusal does not say why: $(cat "$tmp/fwd.log")" \
    grep -q "no one else may read" "$tmp/fwd.log"

stop_all fwa fwb fwc
tally_end
