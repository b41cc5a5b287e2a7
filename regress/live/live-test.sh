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

# Live capture on nflog:25 in a network namespace with the nft backend.
# Usage: live-test.sh NOLISTD SRCDIR [SYNFLOOD]
set -u
nolistd=$1
src=$2
synflood=${3:-}
. "$src/regress/lib/livemx.sh"
livemx_init
. "$src/regress/lib/tally.sh"

cp "$src/regress/captures/nolisting.conf" "$tmp/nolistd.conf"
echo "table \"inet nolistd mx_white\"" >> "$tmp/nolistd.conf"
# the privilege-separated daemon's files stay in $tmp; no start-up grace,
# so that the bots below count as direct-to-second-MX at once
mkdir "$tmp/empty"
cat >> "$tmp/nolistd.conf" <<C
user nobody
chroot "$tmp/empty"
state-file "$tmp/nolistd.state"
control-socket "$tmp/nolistd.sock"
grace-period 1s
C
# Without the ruleset's queue-threshold the kernel would hold a lone
# record for a second: the daemon must configure the group itself.
sed 's/ queue-threshold 1//' "$src/share/nftables/nolistd.nft" \
    > "$tmp/ruleset.nft"
grep -q queue-threshold "$tmp/ruleset.nft" && bad "sed left queue-threshold"
livemx_up "$tmp/ruleset.nft" || bad "ruleset load"
# the real MX answers; a SYN that passes the firewall connects
livemx_greeter

start_daemon() {
	livemx_daemon -e -t nft ||
	    { bad "daemon did not start"; cat "$tmp/log"; }
}

# the record's own time minus the time the SYN left: NFLOG's latency
record_delay() {
	sender=$1 t0=$2
	line=$(grep "\"src\":\"$sender\"" "$tmp/records" |
	    grep '"block-fake-mx"' | head -1)
	[ -n "$line" ] || { echo none; return; }
	t1=$(echo "$line" | sed 's/.*"time":\([0-9.]*\),.*/\1/')
	echo "$t0 $t1" | awk '{ printf "%.6f\n", $2 - $1 }'
}

start_daemon
for pair in "198.51.100.10 192.0.2.1 192.0.2.2" \
    "2001:db8:100::10 2001:db8::1 2001:db8::2"; do
	set -- $pair
	sender=$1 fake=$2 real=$3
	out=$(syn "$sender" "$fake" 2)
	case $out in *refused*) ok ;; *) bad "fake MX did not reset: $out" ;; esac
	t0=${out%% *}
	wait_in_set "$sender" && ok || bad "$sender not in the set"
	delay=$(record_delay "$sender" "$t0")
	echo "$sender: record read $delay s after the SYN"
	if [ "$delay" = none ]; then
		bad "no record for $sender"
	# a bound a loaded machine meets; bench/ measures the latency
	elif awk -v d="$delay" 'BEGIN { exit !(d < 0.5) }'; then
		ok
	else
		bad "lone SYN took $delay s to reach the daemon (want < 0.5)"
	fi
	# the first SYN to the real MX passes: no retransmit needed
	out=$(syn "$sender" "$real" 0.9)
	case $out in *connected*) ok ;; *) bad "real MX: $out" ;; esac
	grep "\"src\":\"$sender\"" "$tmp/records" | grep -q '"pass-real-mx"' &&
	    ok || bad "no pass-real-mx record for $sender"
done

# the bot goes straight to the real MX: dropped, not whitelisted
for pair in "203.0.113.66 192.0.2.2" "2001:db8:100::66 2001:db8::2"; do
	set -- $pair
	out=$(syn "$1" "$2" 1.5)
	case $out in *timeout*) ok ;; *) bad "bot $1 got through: $out" ;; esac
	in_set "$1" && bad "bot $1 is in the set" || ok
done

# the set flushed, then the whole ruleset reloaded: the daemon notices
# within a few seconds and puts its entries back
ip netns exec "$W_MX" nft flush set inet nolistd mx_white4
in_set 198.51.100.10 && bad "flush did not empty the set"
wait_healed() {
	i=0
	while ! in_set "$1" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	in_set "$1"
}
wait_healed 198.51.100.10 && ok || bad "flushed set not restored"
ip netns exec "$W_MX" nft flush ruleset
ip netns exec "$W_MX" nft -f "$tmp/ruleset.nft"
wait_healed 198.51.100.10 && ok || bad "reloaded ruleset: v4 not restored"
wait_healed 2001:db8:100::10 && ok || bad "reloaded ruleset: v6 not restored"
[ "$(grep -c 'entries restored' "$tmp/log")" -ge 2 ] && ok ||
    { bad "restores not logged"; cat "$tmp/log"; }

kill -USR1 "$pid"; sleep 0.3
grep -q "2 direct-to-second-mx\|[2-9] direct-to-second-mx" "$tmp/log" &&
    ok || { bad "stats: direct-to-second-mx not counted"; cat "$tmp/log"; }

# Records lost are counted one by one, not once per overflow: with the
# engine stopped, a burst of SYNs fills the socket and the kernel drops
# the rest; afterwards every SYN that reached the firewall's rules (an
# nft counter ahead of them) is a record read or a capture drop counted
# (NFLOG's sequence numbers, NFULNL_CFG_F_SEQ). A gap shows when the
# next record comes: a few more SYNs follow the burst.
stat_of() {
	grep "stats:" "$tmp/log" | tail -1 |
	    sed -n "s/.* \([0-9][0-9]*\) $1.*/\1/p"
}
# a fresh stats line: on a loaded machine the engine may take a while
stats_now() {
	n=$(grep -c "stats:" "$tmp/log")
	kill -USR1 "$pid"
	i=0
	while [ "$(grep -c "stats:" "$tmp/log")" -le "$n" ] && [ $i -lt 100 ]; do
		sleep 0.1; i=$((i + 1))
	done
	sleep 0.3
	echo "$(stat_of records) $(stat_of 'capture drops')"
}
syns_seen() {
	ip netns exec "$W_MX" nft list counter inet synseen syns |
	    awk '/packets/ { print $2 }'
}
if [ -n "$synflood" ]; then
	ip netns exec "$W_MX" nft -f - <<'N' || bad "cannot load the SYN counter"
table inet synseen {
	counter syns { }
	chain in {
		type filter hook input priority filter - 10; policy accept;
		tcp dport 25 tcp flags & (syn | ack) == syn counter name syns
	}
}
N
	engine=$(pgrep -P "$pid" | head -1)
	set -- $(stats_now)
	rec0=$1 drop0=$2 syn0=$(syns_seen)
	mac=$(world_mx_mac)
	kill -STOP "$engine"
	ip netns exec "$W_SND" "$synflood" veth-s "$mac" 30000 10 30000 \
	    > "$tmp/burst" 2>&1
	kill -CONT "$engine"
	sleep 0.5
	ip netns exec "$W_SND" "$synflood" veth-s "$mac" 20 10 1000 \
	    >> "$tmp/burst" 2>&1
	# until the engine has read what the socket held
	last=-1
	set -- $(stats_now)
	while [ "$1" != "$last" ]; do
		last=$1
		set -- $(stats_now)
	done
	read_=$(($1 - rec0)) lost=$(($2 - drop0)) seen=$(($(syns_seen) - syn0))
	echo "burst: $seen SYNs at the rules, $read_ records read," \
	    "$lost counted lost"
	[ "$lost" -gt 0 ] && [ $((read_ + lost)) -eq "$seen" ] && ok ||
	    bad "records read + lost != SYNs logged: $(cat "$tmp/burst")"
fi

# a reload may not raise max-entries above what the sets hold (the
# shipped ruleset sizes them for 200000): the old value stays
grep -q "^max-entries" "$tmp/nolistd.conf" && bad "the config sets max-entries"
echo "max-entries 300000" >> "$tmp/nolistd.conf"
kill -HUP "$pid"
i=0
while ! grep -q "configuration reloaded" "$tmp/log" && [ $i -lt 30 ]; do
	sleep 0.1; i=$((i + 1))
done
grep -q "max-entries 300000: the nft table holds at most 200000; keeping 200000" \
    "$tmp/log" && ok || { bad "reload above the sets' size not refused"; cat "$tmp/log"; }
kill -0 "$pid" 2>/dev/null && ok || bad "daemon gone after the reload"

# a live source that does not exist: one clear error, exit 1
sed 's/^interface.*/interface pflog9/' "$tmp/nolistd.conf" > "$tmp/bad.conf"
ip netns exec "$W_MX" "$nolistd" -d -t print -f "$tmp/bad.conf" \
    2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && grep -q "interface pflog9: no such device" "$tmp/err" &&
    ok || { bad "missing interface: exit $rc"; cat "$tmp/err"; }

tally_end
