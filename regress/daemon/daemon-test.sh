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

# The privilege-separated daemon on the nft backend in network namespaces:
# reconciliation with the state file, who runs with what privileges,
# restart and kill -9 keeping the whitelist and its expiries, SIGHUP
# with a broken and a good configuration, the start-up grace period,
# and the daemonized mode's pidfile.
# With NOLISTCTL, nolistctl's add, delete and flush through the engine.
# Usage: daemon-test.sh NOLISTD SRCDIR [NOLISTCTL]
set -u
nolistd=$1
src=$2
nolistctl=${3:-}
. "$src/regress/lib/world.sh"
world_can
tmp=$(mktemp -d)
pid=
cleanup() {
	[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
	[ -f "$tmp/nolistd.pid" ] && kill -9 "$(cat "$tmp/nolistd.pid")" 2>/dev/null
	sleep 0.2
	world_down
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
. "$src/regress/lib/tally.sh"
check() { what=$1; shift; if "$@"; then ok; else bad "$what"; fi; }

world_up
for a in 203.0.113.77 203.0.113.88 203.0.113.89 198.51.100.11; do
	world_add_sender "$a"
done
ip netns exec "$W_MX" nft -f "$src/share/nftables/nolistd.nft" ||
    bad "ruleset load"
mkdir "$tmp/empty"

# conf [grace-period]: the base configuration
conf() {
	cat "$src/regress/captures/nolisting.conf"
	cat <<C
table "inet nolistd mx_white"
user nobody
chroot "$tmp/empty"
state-file "$tmp/nolistd.state"
control-socket "$tmp/nolistd.sock"
pidfile "$tmp/nolistd.pid"
state-interval 2s
stats-file "$tmp/nolistd.prom"
grace-period ${1:-1s}
C
}
conf > "$tmp/nolistd.conf"

run=0
start() {
	run=$((run + 1))
	log=$tmp/log.$run
	: > "$log"
	ip netns exec "$W_MX" ${wrap:-} "$nolistd" -d -t nft \
	    -f "$tmp/nolistd.conf" 2> "$log" &
	pid=$!
	i=0
	while ! grep -q "listening on" "$log" && [ $i -lt 50 ]; do
		sleep 0.1; i=$((i + 1))
	done
	grep -q "listening on" "$log" ||
	    { bad "run $run: daemon did not start"; cat "$log"; }
}

stop() {
	kill -TERM "$pid"
	wait "$pid"
	rc=$?
	pid=
	check "run $run: exit status $rc after SIGTERM" [ "$rc" -eq 0 ]
}

syn() { ip netns exec "$W_SND" python3 "$src/regress/live/syn.py" "$@"; }
setof() { case $1 in *:*) echo mx_white6 ;; *) echo mx_white4 ;; esac; }
elems() {
	ip netns exec "$W_MX" nft -j list set inet nolistd "$(setof "$1")" |
	    python3 "$src/regress/daemon/nft-elems.py"
}
in_set() { elems "$1" | awk -v a="$1" '$1 == a { f = 1 } END { exit !f }'; }
elem_exp() { elems "$1" | awk -v a="$1" '$1 == a { print $2 }'; }
wait_in_set() {
	i=0
	while ! in_set "$1" && [ $i -lt 40 ]; do sleep 0.05; i=$((i + 1)); done
	in_set "$1"
}
# the expiry the state file holds for an address
state_exp() { awk -v a="$1" '$1 ~ "^" a "/" { print $2 }' "$tmp/nolistd.state"; }
wait_state() {
	i=0
	while [ -z "$(state_exp "$1")" ] && [ $i -lt 40 ]; do
		sleep 0.1; i=$((i + 1))
	done
	[ -n "$(state_exp "$1")" ]
}
wait_state_in() {
	i=0
	while [ ! -s "$1/nolistd.state" ] && [ $i -lt 50 ]; do
		sleep 0.1; i=$((i + 1))
	done
	[ -s "$1/nolistd.state" ]
}
engine_of() { ps -o pid= --ppid "$1" | tr -d ' ' | head -1; }
status_field() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }

# --- reconciliation: restored, expired, adopted, a corrupt line ---
now=$(date +%s)
ip netns exec "$W_MX" nft add element inet nolistd mx_white4 \
    "{ 203.0.113.5 timeout 1h, 203.0.113.6 timeout 1h }"
cat > "$tmp/nolistd.state" <<S
# nolistd state 1
203.0.113.6/32 $((now - 10)) fake-mx
this line is damaged
203.0.113.7/32 $((now + 1000)) fake-mx
S
start
check "restored entry not in the table" in_set 203.0.113.7
check "expired entry left in the table" eval '! in_set 203.0.113.6'
check "table entry unknown to the state dropped" in_set 203.0.113.5
check "adoption not logged" grep -q "203.0.113.5/32: in the table but not" "$log"
check "corrupt state line not reported" \
    grep -q "nolistd.state:3: bad entry; skipped" "$log"
exp=$(elem_exp 203.0.113.7)
check "restored expiry: $exp s left, want about 1000" \
    [ "${exp:-0}" -ge 995 -a "${exp:-0}" -le 1000 ]

# --- who runs with what ---
eng=$(engine_of "$pid")
check "no engine process" [ -n "$eng" ]
check "parent comm: $(cat /proc/$pid/comm)" \
    [ "$(cat /proc/$pid/comm)" = "nolistd: parent" ]
check "engine comm: $(cat /proc/$eng/comm)" \
    [ "$(cat /proc/$eng/comm)" = "nolistd: engine" ]
nobody=$(id -u nobody)
check "engine uid: $(grep ^Uid: /proc/$eng/status)" \
    [ "$(grep ^Uid: /proc/$eng/status | awk '{ print $2 $3 $4 $5 }')" = \
    "$nobody$nobody$nobody$nobody" ]
check "engine has supplementary groups: $(grep ^Groups: /proc/$eng/status)" \
    [ "$(grep ^Groups: /proc/$eng/status | wc -w)" -le 2 ]
for f in CapInh CapPrm CapEff CapBnd CapAmb; do
	v=$(status_field "$eng" $f)
	check "engine $f $v" [ "$v" = 0000000000000000 ]
done
check "engine NoNewPrivs" [ "$(status_field "$eng" NoNewPrivs)" = 1 ]
# fork and exec: a program of its own, laid out afresh (ASLR)
check "engine not exec'd: $(tr '\0' ' ' < /proc/$eng/cmdline)" \
    grep -q -- '-E' "/proc/$eng/cmdline"
# (the stack: ASan's shadow and a non-PIE binary sit at fixed addresses)
stack() { awk '$6 == "[stack]" { print $1 }' "/proc/$1/maps"; }
if [ "$(cat /proc/sys/kernel/randomize_va_space)" != 0 ]; then
	check "engine shares the parent's stack: $(stack "$eng")" \
	    [ "$(stack "$pid")" != "$(stack "$eng")" ]
fi
check "engine root $(readlink /proc/$eng/root)" \
    [ "$(readlink /proc/$eng/root)" = "$tmp/empty" ]
# CAP_NET_ADMIN is capability 12
for f in CapPrm CapEff CapBnd; do
	v=$(status_field "$pid" $f)
	check "parent $f $v, want CAP_NET_ADMIN only" [ "$v" = 0000000000001000 ]
done
check "parent CapAmb" [ "$(status_field "$pid" CapAmb)" = 0000000000000000 ]
check "parent uid" [ "$(status_field "$pid" Uid)" = 0 ]

# the control socket: made by root, 0660, served by the engine, whose
# changes reach the table through the parent
check "control socket mode $(stat -c %a "$tmp/nolistd.sock")" \
    [ "$(stat -c %a:%U "$tmp/nolistd.sock")" = 660:root ]
ctl() { "$nolistctl" -s "$tmp/nolistd.sock" "$@" > /dev/null; }
if [ -n "$nolistctl" ]; then
	check "nolistctl add failed" ctl add 203.0.113.9
	check "manual entry not in the set" wait_in_set 203.0.113.9
	check "nolistctl delete failed" ctl delete 203.0.113.9
	i=0
	while in_set 203.0.113.9 && [ $i -lt 40 ]; do sleep 0.05; i=$((i + 1)); done
	check "deleted entry still in the set" eval '! in_set 203.0.113.9'
	check "delete of a missing entry did not fail" \
	    eval '! ctl delete 203.0.113.9 2>/dev/null'
fi

# the chrooted engine's counters, written by the parent
prom_size() { grep -q "^nolistd_table_size $1$" "$tmp/nolistd.prom" 2>/dev/null; }
i=0
while ! prom_size 2 && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
check "stats-file: no table size of 2" prom_size 2

# --- restart keeps the whitelist and the expiries ---
syn 198.51.100.10 192.0.2.1 2 > /dev/null
check "fake-mx sender not whitelisted" wait_in_set 198.51.100.10
check "sender not saved within the state interval" wait_state 198.51.100.10
e1=$(state_exp 198.51.100.10)
stop
check "engine still running after SIGTERM" [ ! -d "/proc/$eng" ]
check "control socket left behind" [ ! -e "$tmp/nolistd.sock" ]
check "expiry changed at exit: $(state_exp 198.51.100.10) != $e1" \
    [ "$(state_exp 198.51.100.10)" = "$e1" ]
start
check "restart lost 198.51.100.10" in_set 198.51.100.10
left=$(elem_exp 198.51.100.10)
d=$(( ${e1:-0} - $(date +%s) - ${left:-0} ))
check "restart moved the expiry by $d s" [ "$d" -ge -1 -a "$d" -le 1 ]
sleep 2.5
check "state expiry after restart: $(state_exp 198.51.100.10) != $e1" \
    [ "$(state_exp 198.51.100.10)" = "$e1" ]

# --- kill -9 loses at most the last interval ---
syn 2001:db8:100::10 2001:db8::1 2 > /dev/null
check "v6 sender not whitelisted" wait_in_set 2001:db8:100::10
check "v6 sender not saved" wait_state 2001:db8:100::10
eng=$(engine_of "$pid")
kill -9 "$pid"
wait "$pid" 2>/dev/null
pid=
i=0
while [ -d "/proc/$eng" ] && [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
check "engine outlived its parent" [ ! -d "/proc/$eng" ]
ip netns exec "$W_MX" nft flush set inet nolistd mx_white6
# a table the parent sends the exec'd engine in several batches
awk -v now="$(date +%s)" 'BEGIN { for (i = 1; i <= 3000; i++)
	printf "2001:db8:7::%x/128 %d fake-mx\n", i, now + 3600 }' \
    >> "$tmp/nolistd.state"
nstate=$(grep -c '^[0-9a-f:.]*/' "$tmp/nolistd.state")
start
check "kill -9: v6 sender not restored" in_set 2001:db8:100::10
check "kill -9: v4 sender not restored" in_set 198.51.100.10
i=0
while ! prom_size "$nstate" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
check "engine's table after a restore of $nstate: $(grep \
    "^nolistd_table_size" "$tmp/nolistd.prom")" prom_size "$nstate"

# --- SIGHUP: a broken configuration changes nothing ---
{ conf; echo "bogus-keyword 1"; echo "fake-mx 192.0.2.300"; } \
    > "$tmp/nolistd.conf"
kill -HUP "$pid"
sleep 0.5
n=$(conf | wc -l)
check "unknown keyword not logged with file:line" \
    grep -q "nolistd.conf:$((n + 1)): " "$log"
check "bad address not logged with file:line" \
    grep -q "nolistd.conf:$((n + 2)): " "$log"
check "broken reload not refused" grep -q "not reloaded" "$log"
syn 198.51.100.11 192.0.2.1 2 > /dev/null
check "old configuration not in force" wait_in_set 198.51.100.11

# --- SIGHUP: a good one applies at once (the MX roles swapped) ---
syn 203.0.113.77 192.0.2.2 0.5 > /dev/null
check "blocked SYN to the real MX whitelisted" eval '! in_set 203.0.113.77'
conf | sed -e 's/^fake-mx.*/fake-mx 192.0.2.2, 2001:db8::2/' \
    -e 's/^real-mx.*/real-mx 192.0.2.1, 2001:db8::1/' > "$tmp/nolistd.conf"
kill -HUP "$pid"
i=0
while ! grep -q "configuration reloaded" "$log" && [ $i -lt 30 ]; do
	sleep 0.1; i=$((i + 1))
done
check "good reload not applied" grep -q "configuration reloaded" "$log"
syn 203.0.113.77 192.0.2.2 0.5 > /dev/null
check "new fake-mx address not in force" wait_in_set 203.0.113.77
stop

# --- grace period: blocked SYNs from unknown senders not counted ---
conf 3s > "$tmp/nolistd.conf"
start
t0=$(date +%s)
syn 203.0.113.88 192.0.2.2 0.5 > /dev/null
kill -USR1 "$pid"
sleep 0.3
check "direct SYN counted during the grace period" \
    grep -q " 0 direct-to-second-mx" "$log"
while [ "$(date +%s)" -le $((t0 + 4)) ]; do sleep 0.2; done
syn 203.0.113.89 192.0.2.2 0.5 > /dev/null
kill -USR1 "$pid"
sleep 0.3
check "direct SYN not counted after the grace period" \
    grep -q " 1 direct-to-second-mx" "$log"
if [ -n "$nolistctl" ]; then
	check "nolistctl flush failed" ctl flush
	sleep 0.3
	check "flush left entries in the set" \
	    [ -z "$(elems 198.51.100.10)" ]
fi
stop

# --- one policy: no /0 from the state file, the table or nolistctl; an
# expiry past whitelist-time is shortened; a full set is not mirrored ---
if [ -n "$nolistctl" ]; then
ip netns exec "$W_MX" nft -f - <<'N' || bad "cannot load the small sets"
table inet nlfull {
	set w4 { type ipv4_addr; flags interval, timeout; size 64; }
	set w6 { type ipv6_addr; flags timeout; size 4; }
}
N
ip netns exec "$W_MX" nft add element inet nlfull w4 "{ 0.0.0.0/0 timeout 1h }"
full() { ip netns exec "$W_MX" nft -j list set inet nlfull w${2:-4} |
    python3 "$src/regress/daemon/nft-elems.py"; }
in_full() { case $1 in *:*) f=6 ;; *) f=4 ;; esac; full "" $f | awk -v a="$1" '$1 == a { f = 1 } END { exit !f }'; }
full_exp() { full | awk -v a="$1" '$1 == a { print $2 }'; }
shown() { "$nolistctl" -s "$tmp/nolistd.sock" show whitelist | grep -q "$1"; }
now=$(date +%s)
cat > "$tmp/nolistd.state" <<S
# nolistd state 1
0.0.0.0/0 $((now + 1000)) fake-mx
203.0.113.20/32 4294967295 fake-mx
S
{ conf | grep -v '^table'; echo 'table "inet nlfull w"';
    echo "max-entries 4"; } > "$tmp/nolistd.conf"
start
check "a /0 in the state file not refused" \
    grep -q "nolistd.state:2: bad entry; skipped" "$log"
check "a /0 in the table adopted: $(full | tr '\n' ' ')" \
    eval '! in_full 0.0.0.0/0'
check "refused table entry not logged" \
    grep -q "0.0.0.0/0: in the table but too short a prefix" "$log"
x=$(full_exp 203.0.113.20)
check "expiry 4294967295 not shortened: $x s left" \
    [ -n "$x" -a "${x:-0}" -le 3110400 ]
check "nolistctl add 0.0.0.0/0 accepted" eval '! ctl add 0.0.0.0/0 2>/dev/null'
check "nolistctl add 10.0.0.0/7 accepted" eval '! ctl add 10.0.0.0/7 2>/dev/null'
check "nolistctl add 10.0.0.0/8 refused" ctl add 10.0.0.0/8
sleep 0.3
check "a /0 reached the set" eval '! in_full 0.0.0.0/0'
check "a /0 shown in the whitelist" eval '! shown 0.0.0.0/0'
# entries added by hand fill the IPv6 set (size 4) behind nolistd's back
ip netns exec "$W_MX" nft add element inet nlfull w6 "{ 2001:db8:ff::1 \
    timeout 1h, 2001:db8:ff::2 timeout 1h, 2001:db8:ff::3 timeout 1h, \
    2001:db8:ff::4 timeout 1h }"
syn 2001:db8:100::10 2001:db8::1 0.5 > /dev/null
sleep 0.5
check "full set: failure not logged" grep -q "set w6 is full" "$log"
check "full set: failed add shown in the whitelist" \
    eval '! shown 2001:db8:100::10'
sleep 2.5
check "full set: failed add saved in the state file" \
    [ -z "$(state_exp 2001:db8:100::10)" ]
# the heal compared the contents and made the set what nolistd holds
check "heal after the failure did not restore the set: $(full "" 6 | tr '\n' ' ')" \
    eval '! in_full 2001:db8:ff::1 && in_full 203.0.113.20 && in_full 10.0.0.0/8'
# the engine forgot the sender, so its next try whitelists it
syn 2001:db8:100::10 2001:db8::1 0.5 > /dev/null
i=0
while ! in_full 2001:db8:100::10 && [ $i -lt 40 ]; do sleep 0.05; i=$((i + 1)); done
check "sender not whitelisted once there was room" in_full 2001:db8:100::10
stop
rm -f "$tmp/nolistd.state"
ip netns exec "$W_MX" nft delete table inet nlfull
fi

# --- daemonized: pidfile with the parent's pid, removed at exit ---
conf > "$tmp/nolistd.conf"
ip netns exec "$W_MX" "$nolistd" -f "$tmp/nolistd.conf" 2> "$tmp/log.d"
check "daemon did not return 0" [ $? -eq 0 ]
i=0
while [ ! -s "$tmp/nolistd.pid" ] && [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
dpid=$(cat "$tmp/nolistd.pid" 2>/dev/null)
check "no pidfile" [ -n "$dpid" ]
check "daemon wrote to stderr: $(cat "$tmp/log.d")" [ ! -s "$tmp/log.d" ]
syn 203.0.113.66 192.0.2.1 2 > /dev/null
check "daemonized: sender not whitelisted" wait_in_set 203.0.113.66
check "pidfile does not name the parent" \
    [ "$(cat /proc/$dpid/comm 2>/dev/null)" = "nolistd: parent" ]
kill -TERM "$dpid"
i=0
while [ -d "/proc/$dpid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
check "daemon still running after SIGTERM" [ ! -d "/proc/$dpid" ]
check "pidfile not removed" [ ! -e "$tmp/nolistd.pid" ]
check "state not saved at exit" wait_state 203.0.113.66

# --- a pidfile that is a symbolic link is not followed ---
echo keep > "$tmp/victim"
ln -s "$tmp/victim" "$tmp/nolistd.pid"
ip netns exec "$W_MX" "$nolistd" -f "$tmp/nolistd.conf" 2> "$tmp/log.l"
sleep 1
check "pidfile link followed: victim holds $(cat "$tmp/victim")" \
    [ "$(cat "$tmp/victim")" = keep ]
# without the fix the victim names the daemon: stop it
v=$(cat "$tmp/victim")
[ "$v" != keep ] && kill -TERM "$v" 2>/dev/null && sleep 1
rm -f "$tmp/nolistd.pid"

# --- the systemd unit's bounding set: the engine still empties its own ---
unitcaps=$(sed -n 's/^CapabilityBoundingSet=//p' \
    "$src/share/systemd/nolistd.service" | tr 'A-Z ' 'a-z\n' |
    sed -n 's/^cap_/+/p' | paste -sd, -)
wrap="setpriv --bounding-set=-all,$unitcaps --"
start
eng=$(engine_of "$pid")
check "unit's bounding set: no engine" [ -n "$eng" ]
check "unit's bounding set: engine CapBnd $(status_field "$eng" CapBnd)" \
    [ "$(status_field "$eng" CapBnd)" = 0000000000000000 ]
stop
# without CAP_SETPCAP the set cannot be emptied: the engine says so, and
# the daemon does not run with a half-confined engine
wrap="setpriv --bounding-set=-all,$(echo "$unitcaps" |
    sed 's/,*+setpcap//; s/^,//') --"
log=$tmp/log.nopcap
ip netns exec "$W_MX" $wrap "$nolistd" -d -t nft -f "$tmp/nolistd.conf" \
    2> "$log" &
pid=$!
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
check "daemon runs without CAP_SETPCAP" eval '! kill -0 "$pid" 2>/dev/null'
check "bounding set left: not said" grep -q "bounding set not empty" "$log"
kill -TERM "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
pid= wrap=

# --- an engine killed by SIGSYS (as its seccomp filter does): said ---
start
kill -SYS "$(engine_of "$pid")"
wait "$pid"
pid=
check "engine's SIGSYS not logged" grep -q "engine killed by SIGSYS" "$log"

# --- a missing chroot stops the start; "chroot none" must be said ---
conf | sed "s|^chroot .*|chroot \"$tmp/missing\"|" > "$tmp/nolistd.conf"
timeout 10 ip netns exec "$W_MX" "$nolistd" -d -t nft \
    -f "$tmp/nolistd.conf" 2> "$tmp/log.nochroot"
rc=$?
check "missing chroot: exit status $rc" [ $rc -ne 0 -a $rc -ne 124 ]
check "missing chroot: not said" \
    grep -q "chroot $tmp/missing.*chroot none" "$tmp/log.nochroot"
conf | sed 's|^chroot .*|chroot none|' > "$tmp/nolistd.conf"
start
eng=$(engine_of "$pid")
check "chroot none: engine root $(readlink /proc/$eng/root)" \
    [ "$(readlink /proc/$eng/root)" = / ]
stop

# --- a final save that fails is an error: the exit status says so ---
mkdir "$tmp/sdir"
conf | sed "s|^state-file .*|state-file \"$tmp/sdir/nolistd.state\"|" \
    > "$tmp/nolistd.conf"
start
check "no state in the state directory" wait_state_in "$tmp/sdir"
rm -rf "$tmp/sdir"
: > "$tmp/sdir"
kill -TERM "$pid"
wait "$pid"
rc=$?
pid=
check "exit status 0 after a failed final save" [ "$rc" -ne 0 ]
check "failed final save not logged" grep -q "state not saved" "$log"

# under ASan and UBSan: no report from either process (LeakSanitizer
# cannot work in the chrooted engine, which has no /proc: not an error)
if grep -l "runtime error\|ERROR: AddressSanitizer\|ERROR: LeakSanitizer: detected" \
    "$tmp"/log.*; then
	bad "sanitizer reports"
	grep -h -A5 "runtime error\|ERROR: .*Sanitizer" "$tmp"/log.*
else
	ok
fi

tally_end
