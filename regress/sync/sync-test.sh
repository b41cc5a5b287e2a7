#!/bin/sh
# Sharing the whitelist through a real redis-server (daemon/sync*.c):
# firewall A holds the fake MX, firewall B the real MX, each in its own
# namespace with the shipped nft ruleset and its own nolistd, and Redis
# in a fourth; all meet on a bridge in a hub namespace. A sender's SYN to
# A's fake MX must reach B's kernel set, over IPv4 and IPv6; a bot that
# goes straight to B stays out; a standby started later has the entries
# before it serves; Redis killed and restarted; wrong credentials and
# garbage from another client refused, counted, survived.
# Usage: sync-test.sh NOLISTD NOLISTCTL SRCDIR
set -u
nolistd=$1
nolistctl=$2
src=$3
. "$src/regress/lib/tally.sh"
check() { what=$1; shift; if "$@"; then ok; else bad "$what"; fi; }

if [ "$(id -u)" -ne 0 ]; then
	echo "SKIPPED: needs root for network namespaces"
	exit 77
fi
redis=$(command -v redis-server || true)
rcli=$(command -v redis-cli || true)
if [ -z "$redis" ] || [ -z "$rcli" ]; then
	echo "SKIPPED: no redis-server (apt-get install redis-server)"
	exit 77
fi
if ! "$nolistd" -V | grep -q "sync: hiredis"; then
	echo "SKIPPED: nolistd built without hiredis"
	exit 77
fi

# namespaces of a run that was killed: their owner's pid is gone
for ns in $(ip netns list | awk '/^nls-[a-z]+-[0-9]+/ { print $1 }'); do
	kill -0 "${ns##*-}" 2>/dev/null || ip netns del "$ns" 2>/dev/null
done
H=nls-hub-$$ A=nls-a-$$ B=nls-b-$$ C=nls-c-$$ R=nls-r-$$ S=nls-snd-$$
tmp=$(mktemp -d)
pids=
cleanup() {
	for p in $pids; do kill -9 "$p" 2>/dev/null; done
	sleep 0.2
	for ns in $H $A $B $C $R $S; do ip netns del "$ns" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

for ns in $H $A $B $C $R $S; do
	ip netns add "$ns"
	ip -n "$ns" link set lo up
done
ip -n "$H" link add br0 type bridge
ip -n "$H" link set br0 up
# port NS ADDR...: NS on the bridge with these addresses
port() {
	ns=$1; shift
	ip link add "p-$ns" netns "$H" type veth peer name eth0 netns "$ns"
	ip -n "$H" link set "p-$ns" master br0 up
	ip -n "$ns" link set eth0 up
	for a; do
		case $a in
		*:*) ip -n "$ns" addr add "$a/64" dev eth0 nodad ;;
		*) ip -n "$ns" addr add "$a/24" dev eth0 ;;
		esac
	done
}
port "$A" 192.0.2.1 2001:db8::1
port "$B" 192.0.2.2 2001:db8::2
port "$C" 192.0.2.3 2001:db8::3
port "$R" 192.0.2.100
port "$S" 198.51.100.10 198.51.100.11 198.51.100.12 203.0.113.66 \
    2001:db8:100::10 2001:db8:100::66
for ns in $A $B $C; do
	ip -n "$ns" route add 198.51.100.0/24 dev eth0
	ip -n "$ns" route add 203.0.113.0/24 dev eth0
	ip -n "$ns" route add 2001:db8:100::/64 dev eth0
	ip netns exec "$ns" nft -f "$src/share/nftables/nolistd.nft" ||
	    bad "ruleset load in $ns"
done
ip -n "$S" route add 192.0.2.0/24 dev eth0
ip -n "$S" route add 2001:db8::/64 dev eth0

# --- Redis, with an ACL user of its own and the default user off ---
cat > "$tmp/redis.conf" <<C
bind 192.0.2.100
port 6379
save ""
appendonly no
protected-mode no
dir $tmp
user default off
user nolist on >s3cret ~nolistd:* &nolistd:* +@all -@dangerous
user other on >other ~* &* +@all
C
rstart() {
	ip netns exec "$R" "$redis" "$tmp/redis.conf" > "$tmp/redis.log" 2>&1 &
	rpid=$!
	pids="$pids $rpid"
	i=0
	while ! rc PING 2>/dev/null | grep -q PONG && [ $i -lt 50 ]; do
		sleep 0.1; i=$((i + 1))
	done
}
rc() {
	ip netns exec "$R" "$rcli" -h 192.0.2.100 --user other --pass other \
	    --no-auth-warning "$@"
}
rstart
check "redis-server did not start: $(tail -3 "$tmp/redis.log")" \
    eval 'rc PING | grep -q PONG'

printf 'user nolist\npassword s3cret\n' > "$tmp/auth"
printf 'user nolist\npassword wrong\n' > "$tmp/badauth"
chmod 600 "$tmp/auth" "$tmp/badauth"
mkdir "$tmp/empty"

# conf NAME [AUTHFILE]
conf() {
	cat "$src/regress/captures/nolisting.conf"
	cat <<C
table "inet nolistd mx_white"
user nobody
chroot "$tmp/empty"
state-file "$tmp/$1.state"
control-socket "$tmp/$1.sock"
pidfile "$tmp/$1.pid"
stats-file "$tmp/$1.prom"
state-interval 2s
sync 192.0.2.100 auth "${2:-$tmp/auth}" name $1
C
}

# start NS NAME [AUTHFILE]: nolistd in NS, its log in $tmp/NAME.log
start() {
	conf "$2" "${3:-}" > "$tmp/$2.conf"
	: > "$tmp/$2.log"
	ip netns exec "$1" "$nolistd" -d -t nft -f "$tmp/$2.conf" \
	    2> "$tmp/$2.log" &
	eval "pid_$2=$!"
	pids="$pids $!"
	i=0
	while ! grep -q "listening on" "$tmp/$2.log" && [ $i -lt 100 ]; do
		sleep 0.1; i=$((i + 1))
	done
	grep -q "listening on" "$tmp/$2.log" ||
	    { bad "$2 did not start"; cat "$tmp/$2.log"; }
}

syn() { ip netns exec "$S" python3 "$src/regress/live/syn.py" "$@"; }
setof() { case $1 in *:*) echo mx_white6 ;; *) echo mx_white4 ;; esac; }
in_set() { # NS ADDR
	ip netns exec "$1" nft -j list set inet nolistd "$(setof "$2")" |
	    python3 "$src/regress/daemon/nft-elems.py" |
	    awk -v a="$2" '$1 == a { f = 1 } END { exit !f }'
}
wait_in_set() { # NS ADDR [TENTHS]
	i=0
	while ! in_set "$1" "$2" && [ $i -lt "${3:-30}" ]; do
		sleep 0.1; i=$((i + 1))
	done
	in_set "$1" "$2"
}
ctl() { name=$1; shift; "$nolistctl" -s "$tmp/$name.sock" "$@"; }
field() { ctl "$1" show sync | awk -v f="$2:" '$1 == f { print $2 }'; }
wait_state() { # NAME STATE SECONDS
	i=0
	while [ "$(field "$1" state)" != "$2" ] && [ $i -lt $(($3 * 10)) ]; do
		sleep 0.1; i=$((i + 1))
	done
	[ "$(field "$1" state)" = "$2" ]
}

start "$A" fwa
start "$B" fwb
check "A not connected: $(ctl fwa show sync | head -2)" \
    wait_state fwa connected 5
check "B not connected: $(ctl fwb show sync | head -2)" \
    wait_state fwb connected 5

# --- split MX: the fake MX at A lets the sender in at B ---
for pair in "198.51.100.10 192.0.2.1 192.0.2.2" \
    "2001:db8:100::10 2001:db8::1 2001:db8::2"; do
	set -- $pair
	out=$(syn "$1" "$2" 1)
	check "$1 to A's fake MX: $out" eval 'echo "$out" | grep -q refused'
	check "$1 not whitelisted at A" wait_in_set "$A" "$1"
	check "$1 not in B's set" wait_in_set "$B" "$1"
	out=$(syn "$1" "$3" 2)
	check "$1 to B's real MX: $out" eval 'echo "$out" | grep -q refused'
done
# a bot that skips the fake MX is dropped at B
for pair in "203.0.113.66 192.0.2.2" "2001:db8:100::66 2001:db8::2"; do
	set -- $pair
	out=$(syn "$1" "$2" 1)
	check "bot $1 at B: $out" eval 'echo "$out" | grep -q timeout'
	check "bot $1 in B's set" eval '! in_set "$B" "$1"'
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

for n in fwa fwb fwc; do
	eval "p=\$pid_$n"
	kill -TERM "$p"
	wait "$p"
	st=$?
	check "$n exit status $st after SIGTERM" [ $st -eq 0 ]
done
tally_end
