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

# The sync tests' world, for their scripts to source after setting
# $nolistd, $nolistctl and $src: firewalls A (the fake MX, 192.0.2.1 and
# 2001:db8::1, and a real MX of site A, 192.0.2.12 and 2001:db8::12),
# B (the real MX of site B, 192.0.2.2 and 2001:db8::2) and C (a
# standby), each in its own namespace with the shipped nft ruleset (its
# real MX list naming both sites' real MX) and its own nolistd; Redis in
# a fourth at 192.0.2.100; the senders in a fifth; all on a bridge in a
# hub namespace.
#	sync_world_up		or exits 77 when something is missing
#	start NS NAME [AUTHFILE]	nolistd NAME in NS, $SYNC_OPTS on its
#				sync statement and $SYNC_EXTRA
#				added to its configuration
#	start_ab		fwa in A, fwb in B, connected
#	syn_ends, tried_fake	SYNs from the senders, checked
#	stop_all NAME...	SIGTERM, exit status 0
. "$src/regress/lib/tally.sh"
. "$src/regress/lib/redis.sh"
check() { what=$1; shift; if "$@"; then ok; else bad "$what"; fi; }

sync_world_can() {
	if [ "$(id -u)" -ne 0 ]; then
		echo "SKIPPED: needs root for network namespaces"
		exit 77
	fi
	if [ -z "$REDIS_SERVER" ] || [ -z "$REDIS_CLI" ]; then
		echo "SKIPPED: no redis-server (apt-get install redis-server)"
		exit 77
	fi
	if ! "$nolistd" -V | grep -q "sync: hiredis"; then
		echo "SKIPPED: nolistd built without hiredis"
		exit 77
	fi
}

# namespaces of a run that was killed: their owner's pid is gone
for ns in $(ip netns list | awk '/^nls-[a-z]+-[0-9]+/ { print $1 }'); do
	kill -0 "${ns##*-}" 2>/dev/null || ip netns del "$ns" 2>/dev/null
done
H=nls-hub-$$ A=nls-a-$$ B=nls-b-$$ C=nls-c-$$ R=nls-r-$$ S=nls-snd-$$
SYNC_EXTRA=
pids=
cleanup() {
	for p in $pids; do kill -9 "$p" 2>/dev/null; done
	sleep 0.2
	for ns in $H $A $B $C $R $S; do ip netns del "$ns" 2>/dev/null; done
	rm -rf "$tmp"
}

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

# the shipped ruleset, its real MX those of both sites; SED edits more
sync_ruleset() {
	sed -e 's/^\(define real_mx4 = { 192.0.2.2\) }/\1, 192.0.2.12 }/' \
	    -e 's/^\(define real_mx6 = { 2001:db8::2\) }/\1, 2001:db8::12 }/' \
	    ${SYNC_RULES_SED:+-e "$SYNC_RULES_SED"} \
	    "$src/share/nftables/nolistd.nft" > "$tmp/ruleset.nft"
	[ "$(grep -c '^define real_mx[46] = { [0-9a-f:.]*, ' \
	    "$tmp/ruleset.nft")" -eq 2 ]
}

sync_world_up() {
	sync_world_can
	tmp=$(mktemp -d)
	trap cleanup EXIT INT TERM
	for ns in $H $A $B $C $R $S; do
		ip netns add "$ns"
		ip -n "$ns" link set lo up
	done
	ip -n "$H" link add br0 type bridge
	ip -n "$H" link set br0 up
	port "$A" 192.0.2.1 192.0.2.12 2001:db8::1 2001:db8::12
	port "$B" 192.0.2.2 2001:db8::2
	port "$C" 192.0.2.3 2001:db8::3
	port "$R" 192.0.2.100
	port "$S" 198.51.100.10 198.51.100.11 198.51.100.12 198.51.100.13 \
	    203.0.113.66 2001:db8:100::10 2001:db8:100::13 2001:db8:100::66
	sync_ruleset || bad "the ruleset's real MX not edited"
	for ns in $A $B $C; do
		ip -n "$ns" route add 198.51.100.0/24 dev eth0
		ip -n "$ns" route add 203.0.113.0/24 dev eth0
		ip -n "$ns" route add 2001:db8:100::/64 dev eth0
		ip netns exec "$ns" nft -f "$tmp/ruleset.nft" ||
		    bad "ruleset load in $ns"
	done
	ip -n "$S" route add 192.0.2.0/24 dev eth0
	ip -n "$S" route add 2001:db8::/64 dev eth0
	redis_conf "$tmp" 192.0.2.100 > "$tmp/redis.conf"
	rstart
	check "redis-server did not start: $(tail -3 "$tmp/redis.log")" \
	    eval 'rc PING | grep -q PONG'
	redis_auth "$tmp/auth"
	redis_auth "$tmp/badauth" wrong
	mkdir "$tmp/empty"
}

rstart() {
	ip netns exec "$R" "$REDIS_SERVER" "$tmp/redis.conf" \
	    > "$tmp/redis.log" 2>&1 &
	rpid=$!
	pids="$pids $rpid"
	redis_wait "$R" 192.0.2.100
}
rc() { redis_cli "$R" 192.0.2.100 "$@"; }

# conf NAME [AUTHFILE]: nolisting.conf, less what is said again here
conf() {
	printf 'real-mx 192.0.2.2, 192.0.2.12, 2001:db8::2, 2001:db8::12\n%s\n' \
	    "$SYNC_EXTRA" > "$tmp/$1.extra"
	awk 'NR == FNR { if (NF) said[$1] = 1; next } !($1 in said)' \
	    "$tmp/$1.extra" "$src/regress/captures/nolisting.conf"
	cat "$tmp/$1.extra"
	cat <<C
table "inet nolistd mx_white"
user nobody
chroot "$tmp/empty"
state-file "$tmp/$1.state"
control-socket "$tmp/$1.sock"
pidfile "$tmp/$1.pid"
stats-file "$tmp/$1.prom"
state-interval 2s
sync 192.0.2.100 auth "${2:-$tmp/auth}" name $1 ${SYNC_OPTS:-}
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

# start_ab: fwa in A and fwb in B, both connected to Redis
start_ab() {
	start "$A" fwa
	start "$B" fwb
	check "A not connected: $(ctl fwa show sync | head -2)" \
	    wait_state fwa connected 5
	check "B not connected: $(ctl fwb show sync | head -2)" \
	    wait_state fwb connected 5
}

syn() { ip netns exec "$S" python3 "$src/regress/live/syn.py" "$@"; }
# syn_ends OUTCOME SRC DST [TIMEOUT]: one SYN ends as OUTCOME: refused
# (it passed the firewall and met a closed port), or timeout (dropped)
syn_ends() {
	se_want=$1
	out=$(syn "$2" "$3" "${4:-2}")
	check "$2 to $3: $out, want $1" \
	    eval 'echo "$out" | grep -q " $se_want "'
}
# tried_fake SENDER FAKE NS...: SENDER tries the fake MX FAKE and is then
# in the set of each NS
tried_fake() {
	tf_snd=$1 tf_fake=$2
	shift 2
	syn_ends refused "$tf_snd" "$tf_fake" 1
	for tf_ns; do
		check "$tf_snd not in the set of $tf_ns" \
		    wait_in_set "$tf_ns" "$tf_snd"
	done
}
setof() { case $1 in *:*) echo mx_white6 ;; *) echo mx_white4 ;; esac; }
elems() { # NS SET: its elements, one a line
	ip netns exec "$1" nft -j list set inet nolistd "$2" |
	    python3 "$src/regress/daemon/nft-elems.py" | awk '{ print $1 }'
}
in_set() { # NS ADDR
	elems "$1" "$(setof "$2")" | awk -v a="$2" '$1 == a { f = 1 }
	    END { exit !f }'
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
# stop_all NAME...: SIGTERM each nolistd, which must exit 0
stop_all() {
	for sa_name; do
		eval "sa_pid=\$pid_$sa_name"
		kill -TERM "$sa_pid"
		wait "$sa_pid"
		sa_st=$?
		check "$sa_name exit status $sa_st after SIGTERM" [ $sa_st -eq 0 ]
	done
}
