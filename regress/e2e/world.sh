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

# The end-to-end world, for e2e-test.sh to source. Network namespaces, one
# per host, joined by a bridge in a hub namespace; documentation addresses
# only. Every address is a /32 or /128 with on-link routes to the three
# IPv4 ranges and 2001:db8::/32, so any host reaches any other.
#   dns:  192.0.2.53 ::53 unbound for the senders, 192.0.2.54 ::54 nsd,
#         192.0.2.55 ::55 unbound for the MX host (nolistd's resolver)
#   mx:   192.0.2.1 ::1 fake MX, 192.0.2.2 ::2 real MX (the sink),
#         192.0.2.3 ::3 last MX (nothing listens: the kernel resets),
#         192.0.2.4 ::4 the sink again, as plain.test's only MX (no
#         nolisting: the baseline)
#   with E2E_SPLIT set, the MX host is two sites: mx (firewall A) keeps
#         the fake and last MX, mxb (firewall B) the real MX and the
#         sink; redis at 192.0.2.100 serves both
#   senders and the bot: see mkzones.py
# Needs: $E2E_TMP (a directory), $E2E_SRC (the source tree).

E2E_NS=
E2E_PIDS=

# ns_name ROLE: the namespace of a role
ns_name() {
	echo "nle$$-$1"
}

in_ns() {
	r=$1
	shift
	ip netns exec "$(ns_name "$r")" "$@"
}

# bg NAME ROLE CMD...: start CMD in ROLE's namespace, remember its pid in
# $E2E_TMP/NAME.pid
bg() {
	bg_name=$1 bg_role=$2
	shift 2
	ip netns exec "$(ns_name "$bg_role")" "$@" \
	    > "$E2E_TMP/$bg_name.out" 2> "$E2E_TMP/$bg_name.err" &
	echo $! > "$E2E_TMP/$bg_name.pid"
	E2E_PIDS="$E2E_PIDS $!"
}

stop() {
	[ -f "$E2E_TMP/$1.pid" ] || return 0
	p=$(cat "$E2E_TMP/$1.pid")
	kill "$p" 2>/dev/null
	i=0
	while kill -0 "$p" 2>/dev/null && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -9 "$p" 2>/dev/null
	rm -f "$E2E_TMP/$1.pid"
}

host_add() {
	role=$1
	shift
	ns=$(ns_name "$role")
	ip netns add "$ns"
	E2E_NS="$E2E_NS $ns"
	if [ "$role" = "$(wan_role)" ] && [ "${E2E_DELAY_MS:-0}" -gt 0 ]; then
		wan_link "$ns" "$role"
	else
		ip link add "v-$role" netns "$(ns_name hub)" type veth \
		    peer name eth0 netns "$ns"
	fi
	ip -n "$(ns_name hub)" link set "v-$role" master br0 up
	ip -n "$ns" link set lo up
	ip -n "$ns" link set eth0 up
	if [ "${E2E_DELAY_MS:-0}" -gt 0 ]; then
		# frames cross the relay as they are: their checksums must
		# be complete, and no larger than the MTU
		ip netns exec "$ns" ethtool -K eth0 tx off tso off gso off \
		    >/dev/null 2>&1
	fi
	for a in "$@"; do
		case $a in
		*:*) ip -n "$ns" addr add "$a/128" dev eth0 nodad ;;
		*) ip -n "$ns" addr add "$a/32" dev eth0 ;;
		esac
	done
	for net in 192.0.2.0/24 198.51.100.0/24 203.0.113.0/24; do
		ip -n "$ns" route add "$net" dev eth0
	done
	ip -n "$ns" -6 route add 2001:db8::/32 dev eth0
	# ip netns exec bind-mounts this over /etc/resolv.conf
	mkdir -p "/etc/netns/$ns"
	echo "nameserver 192.0.2.53" > "/etc/netns/$ns/resolv.conf"
}

# the host behind the WAN: the MX host, or with E2E_SPLIT the far site
wan_role() {
	if [ -n "${E2E_SPLIT:-}" ]; then echo mxb; else echo mx; fi
}

# wan_link NS ROLE: the host's link goes through a relay that delays every
# frame by $E2E_DELAY_MS each way (no netem here)
wan_link() {
	wan=$(ns_name wan)
	ip netns add "$wan"
	E2E_NS="$E2E_NS $wan"
	ip netns exec "$wan" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
	ip netns exec "$wan" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
	ip link add "v-$2" netns "$(ns_name hub)" type veth \
	    peer name w0 netns "$wan"
	ip link add w1 netns "$wan" type veth peer name eth0 netns "$1"
	for i in w0 w1; do
		ip -n "$wan" link set "$i" promisc on up
	done
	bg wan wan python3 "$E2E_SRC/regress/e2e/wan-relay.py" w0 w1 \
	    "$E2E_DELAY_MS"
}

world_up() {
	ip netns add "$(ns_name hub)"
	E2E_NS="$(ns_name hub)"
	ip -n "$(ns_name hub)" link add br0 type bridge
	ip -n "$(ns_name hub)" link set br0 up
	host_add dns 192.0.2.53 192.0.2.54 192.0.2.55 \
	    2001:db8::53 2001:db8::54 2001:db8::55
	if [ -n "${E2E_SPLIT:-}" ]; then
		host_add mx 192.0.2.1 192.0.2.3 2001:db8::1 2001:db8::3
		host_add mxb 192.0.2.2 192.0.2.4 2001:db8::2 2001:db8::4
		echo "nameserver 192.0.2.55" > \
		    "/etc/netns/$(ns_name mxb)/resolv.conf"
		host_add redis 192.0.2.100
	else
		host_add mx 192.0.2.1 192.0.2.2 192.0.2.3 192.0.2.4 \
		    2001:db8::1 2001:db8::2 2001:db8::3 2001:db8::4
	fi
	echo "nameserver 192.0.2.55" > "/etc/netns/$(ns_name mx)/resolv.conf"
	host_add postfix 198.51.100.10 2001:db8:100::10 \
	    198.51.100.11 198.51.100.12 198.51.100.13
	host_add exim 198.51.100.20 2001:db8:100::20
	host_add opensmtpd 198.51.100.30 2001:db8:100::30
	host_add pool 198.51.100.40 198.51.100.41 198.51.100.42 \
	    198.51.100.43 198.51.100.44 198.51.100.45 198.51.100.46
	host_add bot 203.0.113.66 2001:db8:113::66
}

# pool_snat FIRST SECOND: the pool host is a sending farm behind a NAT:
# each new SMTP connection leaves from the next of the two addresses,
# FIRST first (the rule made anew starts its count at 0)
pool_snat() {
	in_ns pool nft delete table ip e2e_pool 2>/dev/null
	in_ns pool nft -f - <<EOT
table ip e2e_pool {
	chain post {
		type nat hook postrouting priority srcnat;
		tcp dport 25 snat to numgen inc mod 2 map {
		    0 : $1, 1 : $2 }
	}
}
EOT
}

# world_down: every process started in the world, then the world
world_down() {
	for ns in $E2E_NS; do
		for p in $(ip netns pids "$ns" 2>/dev/null); do
			kill "$p" 2>/dev/null
		done
	done
	sleep 0.3
	for ns in $E2E_NS; do
		for p in $(ip netns pids "$ns" 2>/dev/null); do
			kill -9 "$p" 2>/dev/null
		done
		ip netns del "$ns" 2>/dev/null
		rm -rf "/etc/netns/$ns"
	done
	for p in $E2E_PIDS; do
		kill "$p" 2>/dev/null
	done
	return 0
}

# wait_for SECONDS CMD...: poll CMD every 0.1 s until it succeeds
wait_for() {
	wf_n=$(($1 * 10))
	shift
	wf_i=0
	while ! "$@" 2>/dev/null; do
		wf_i=$((wf_i + 1))
		[ $wf_i -ge $wf_n ] && return 1
		sleep 0.1
	done
	return 0
}

udp_listening() {
	in_ns "$1" ss -Hlnu "src $2" | grep -q .
}

tcp_listening() {
	in_ns "$1" ss -Hlnt "src $2" | grep -q .
}

unbound_conf() {
	cat <<EOT
server:
	interface: $2
	interface: $3
	access-control: 0.0.0.0/0 allow
	access-control: ::/0 allow
	do-daemonize: no
	username: ""
	chroot: ""
	directory: "$E2E_TMP"
	pidfile: "$E2E_TMP/$1.pidfile"
	use-syslog: no
	logfile: ""
	module-config: "iterator"
	do-not-query-localhost: no
	# the world's zones are built-in empty zones otherwise
	local-zone: "test." nodefault
	local-zone: "2.0.192.in-addr.arpa." nodefault
	local-zone: "100.51.198.in-addr.arpa." nodefault
	local-zone: "113.0.203.in-addr.arpa." nodefault
	local-zone: "8.b.d.0.1.0.0.2.ip6.arpa." nodefault
remote-control:
	control-enable: no
EOT
	for z in test. 2.0.192.in-addr.arpa. 100.51.198.in-addr.arpa. \
	    113.0.203.in-addr.arpa. 8.b.d.0.1.0.0.2.ip6.arpa.; do
		printf 'stub-zone:\n\tname: "%s"\n\tstub-addr: 192.0.2.54\n' "$z"
	done
}

dns_up() {
	mkdir -p "$E2E_TMP/dns"
	python3 "$E2E_SRC/regress/e2e/mkzones.py" "$E2E_TMP/dns"
	cat > "$E2E_TMP/nsd.conf" <<EOT
server:
	ip-address: 192.0.2.54
	ip-address: 2001:db8::54
	server-count: 1
	username: ""
	chroot: ""
	zonesdir: "$E2E_TMP/dns"
	database: ""
	zonelistfile: "$E2E_TMP/zone.list"
	xfrdfile: "$E2E_TMP/xfrd.state"
	xfrdir: "$E2E_TMP"
	pidfile: "$E2E_TMP/nsd.pidfile"
	logfile: "$E2E_TMP/nsd.log"
	verbosity: 1
	rrl-ratelimit: 0
remote-control:
	control-enable: no
EOT
	cat "$E2E_TMP/dns/zones.conf" >> "$E2E_TMP/nsd.conf"
	bg nsd dns nsd -d -c "$E2E_TMP/nsd.conf"
	unbound_conf unbound-snd 192.0.2.53 2001:db8::53 \
	    > "$E2E_TMP/unbound-snd.conf"
	unbound_conf unbound-mx 192.0.2.55 2001:db8::55 \
	    > "$E2E_TMP/unbound-mx.conf"
	bg unbound-snd dns unbound -d -c "$E2E_TMP/unbound-snd.conf"
	bg unbound-mx dns unbound -d -c "$E2E_TMP/unbound-mx.conf"
	wait_for 10 udp_listening dns 192.0.2.54:53 &&
	    wait_for 10 udp_listening dns 192.0.2.53:53 &&
	    wait_for 10 udp_listening dns 192.0.2.55:53
}

# resolves NAME TYPE PATTERN: the senders' resolver answers as it should
resolves() {
	in_ns postfix drill "$1" "$2" @192.0.2.53 2>/dev/null |
	    grep -v '^;' | grep -q "$3"
}
