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

# Expiry runs on the daemon's own clock, not the wall clock: nolistd on
# the nft backend in network namespaces under libfaketime, whose clock
# the test steps while the daemon runs. A forward step longer than
# whitelist-time must expire nothing; after a backward step a sender's
# entry must still be renewed; the state file and show whitelist give
# expiries in the (stepped) wall clock.
# Usage: clockstep-test.sh NOLISTD SRCDIR NOLISTCTL
set -u
nolistd=$1
src=$2
nolistctl=$3
. "$src/regress/lib/world.sh"
world_can
libft=
for d in /usr/lib/*-linux-gnu/faketime /usr/lib/faketime \
    /usr/local/lib/faketime; do
	[ -f "$d/libfaketime.so.1" ] && libft=$d/libfaketime.so.1 && break
done
if [ -z "$libft" ]; then
	echo "SKIPPED: libfaketime not installed (apt-get install faketime)"
	exit 77
fi
tmp=$(mktemp -d)
pid=
cleanup() {
	[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
	sleep 0.2
	world_down
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
. "$src/regress/lib/tally.sh"
check() { what=$1; shift; if "$@"; then ok; else bad "$what"; fi; }

world_up
for a in 203.0.113.77 203.0.113.88; do
	world_add_sender "$a"
done
ip netns exec "$W_MX" nft -f "$src/share/nftables/nolistd.nft" ||
    bad "ruleset load"
mkdir "$tmp/empty"

# a minute: renewals move in steps of 6 s (a tenth of it)
wltime=60
{
	grep -v '^whitelist-time' "$src/regress/captures/nolisting.conf"
	cat <<C
whitelist-time ${wltime}s
table "inet nolistd mx_white"
user nobody
chroot "$tmp/empty"
state-file "$tmp/nolistd.state"
control-socket "$tmp/nolistd.sock"
pidfile "$tmp/nolistd.pid"
state-interval 1s
grace-period 1s
C
} > "$tmp/nolistd.conf"

# The faked wall clock follows a file's modification time (FAKETIME
# "%"): libfaketime then stat(2)s it on every read of the clock, which
# the engine's seccomp filter allows (newfstatat), where a timestamp
# file would be open(2)ed and get the engine killed. The chrooted
# engine finds the file under its root at the same path. Each process
# runs its faked clock from the file's time onwards (DONT_RESET), from
# its own start: the engine's lags the parent's by its exec, well
# within the slack below. The monotonic clock is left alone.
clock=$tmp/empty/clock
mkdir -p "$tmp/empty$tmp/empty"
launched=0
# step SECONDS: the wall clock is SECONDS from the real one
step() {
	touch -d "@$((launched + $1))" "$clock" "$tmp/empty$clock"
}
fakenow() { echo $(($(date +%s) + $1)); }

log=$tmp/log
start() {
	: > "$log"
	launched=$(date +%s)
	step 0
	ip netns exec "$W_MX" env LD_PRELOAD="$libft" FAKETIME=% \
	    FAKETIME_FOLLOW_FILE="$clock" FAKETIME_DONT_RESET=1 \
	    FAKETIME_NO_CACHE=1 FAKETIME_DONT_FAKE_MONOTONIC=1 \
	    "$nolistd" -d -t nft -f "$tmp/nolistd.conf" 2> "$log" &
	pid=$!
	i=0
	while ! grep -q "listening on" "$log" && [ $i -lt 50 ]; do
		sleep 0.1; i=$((i + 1))
	done
	grep -q "listening on" "$log" ||
	    { bad "daemon did not start"; cat "$log"; }
}

syn() { ip netns exec "$W_SND" python3 "$src/regress/live/syn.py" "$@"; }
elems() {
	ip netns exec "$W_MX" nft -j list set inet nolistd mx_white4 |
	    python3 "$src/regress/daemon/nft-elems.py"
}
in_set() { elems | awk -v a="$1" '$1 == a { f = 1 } END { exit !f }'; }
elem_exp() { elems | awk -v a="$1" '$1 == a { print $2 }'; }
wait_in_set() {
	i=0
	while ! in_set "$1" && [ $i -lt 40 ]; do sleep 0.05; i=$((i + 1)); done
	in_set "$1"
}
state_exp() {
	awk -v a="$1" '$1 ~ "^" a "/" { print $2 }' "$tmp/nolistd.state"
}
show_exp() {
	"$nolistctl" -s "$tmp/nolistd.sock" show whitelist |
	    awk -v a="$1" '$1 ~ "^" a "/" { print $3 }'
}
# near A B SLACK: A within SLACK of B
near() { [ "${1:-0}" -ge $(($2 - $3)) ] && [ "${1:-0}" -le $(($2 + $3)) ]; }
alive() {
	kill -0 "$pid" 2>/dev/null && ! grep -q "engine exited\|SIGSYS" "$log"
}

start
syn 203.0.113.77 192.0.2.1 1 > /dev/null
check "fake-mx sender not whitelisted" wait_in_set 203.0.113.77
t0=$(date +%s)

# --- forward: two hours, far past whitelist-time ---
step 7200
sleep 3
check "daemon died after a forward step" alive
check "forward step expired the entry" in_set 203.0.113.77
e=$(elem_exp 203.0.113.77)
left=$((wltime - ($(date +%s) - t0)))
check "table timeout $e s after the forward step, want about $left" \
    near "$e" "$left" 3
# out of the daemon, expiries are wall-clock times: the stepped clock's
e=$(show_exp 203.0.113.77)
check "show whitelist: expires $e, want $(fakenow $((7200 + left)))" \
    near "$e" "$(fakenow $((7200 + left)))" 3
e=$(state_exp 203.0.113.77)
check "state file: expires $e, want $(fakenow $((7200 + left)))" \
    near "$e" "$(fakenow $((7200 + left)))" 3

# --- backward: a renewal must still move the expiry on ---
# added while the clock is ahead, as by a sender that came then
"$nolistctl" -s "$tmp/nolistd.sock" add 203.0.113.88 > /dev/null ||
    bad "nolistctl add failed"
check "added entry not in the set" wait_in_set 203.0.113.88
step 0
# past the renewal step (a tenth of whitelist-time)
sleep 8
e=$(elem_exp 203.0.113.88)
check "table timeout $e s before the renewal, want about $((wltime - 8))" \
    near "$e" $((wltime - 8)) 3
# a pass through the real MX renews it
syn 203.0.113.88 192.0.2.2 1 > /dev/null
sleep 0.5
e=$(elem_exp 203.0.113.88)
check "backward step: no renewal, table timeout $e s, want about $wltime" \
    near "$e" "$wltime" 2
check "daemon died after a backward step" alive

kill -TERM "$pid"
wait "$pid"
rc=$?
pid=
check "exit status $rc after SIGTERM" [ "$rc" -eq 0 ]
grep -q "SIGSYS" "$log" && cat "$log"
tally_end
