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

#
# The shipped nftables ruleset, loaded verbatim into a network namespace
# of its own: nft accepts it, reloading it keeps the whitelist and does
# not duplicate rules, every log statement goes to NFLOG group 25 with a
# prefix that says pass or block, and it does what nolisting needs, for
# IPv4 and IPv6: the fake MX resets, the real MX drops unknown senders
# and passes whitelisted and static ones.
#
# usage: nft-ruleset.sh [ruleset]

set -u

ruleset=${1:-${SRCDIR:-.}/share/nftables/nolistd.nft}

if [ "$(id -u)" -ne 0 ]; then
	echo "skipped: needs root for network namespaces"
	exit 77
fi
# The system's python3 starts in a tenth of the time a version
# manager's shim takes, and the test starts it a dozen times.
if [ -z "${PYTHON:-}" ]; then
	for PYTHON in /usr/bin/python3 /usr/local/bin/python3 python3; do
		command -v "$PYTHON" >/dev/null 2>&1 && break
	done
fi
for cmd in ip nft "$PYTHON"; do
	if ! command -v "$cmd" >/dev/null 2>&1; then
		echo "skipped: $cmd is not installed"
		exit 77
	fi
done

mx=nolist-share-mx-$$
snd=nolist-share-snd-$$
tmp=$(mktemp -d) || exit 1
cleanup() {
	[ -f "$tmp/listener.pid" ] && kill "$(cat "$tmp/listener.pid")" 2>/dev/null
	ip netns del "$snd" 2>/dev/null
	ip netns del "$mx" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

fail() {
	echo "FAIL: $*" >&2
	exit 1
}
inmx() {
	ip netns exec "$mx" "$@"
}

ip netns add "$mx" || fail "cannot create a network namespace"
ip netns add "$snd" || fail "cannot create a network namespace"

inmx nft -c -f "$ruleset" || fail "nft -c rejects $ruleset"
inmx nft -f "$ruleset" || fail "nft -f cannot load $ruleset"

# The sets nolistd's default table names, with the flags it needs.
for set in mx_white4 mx_white6; do
	inmx nft list set inet nolistd "$set" |
	    grep -q 'flags timeout$' ||
	    fail "set $set is missing or is not a plain set with flags timeout"
	# sized for the default max-entries: no rebuilds as it fills
	size=$(inmx nft list set inet nolistd "$set" |
	    sed -n 's/^[[:space:]]*size \([0-9]*\)$/\1/p')
	[ "${size:-0}" -ge 200000 ] ||
	    fail "set $set has size '${size:-}', not the default max-entries"
done

# nolistd takes the action from the prefix; a batching NFLOG would hold a
# record past the sender's retry to the next MX.
inmx nft list chain inet nolistd smtp > "$tmp/smtp" || fail "no chain smtp"
nlog=$(grep -c ' log ' "$tmp/smtp")
[ "$nlog" -ge 3 ] || fail "only $nlog log statements"
[ "$(grep -c ' log prefix "\(pass\|block\)[^"]*" group 25 queue-threshold 1 ' \
    "$tmp/smtp")" -eq "$nlog" ] ||
    fail "a log statement lacks a pass/block prefix, group 25 or queue-threshold 1"

# A reload keeps the whitelist and replaces the rules.
inmx nft add element inet nolistd mx_white4 '{ 203.0.113.7 timeout 1h }' ||
    fail "cannot add an element with a timeout"
inmx nft list table inet nolistd | grep -v expires > "$tmp/before"
inmx nft -f "$ruleset" || fail "nft -f cannot reload $ruleset"
inmx nft list table inet nolistd | grep -v expires > "$tmp/after"
cmp -s "$tmp/before" "$tmp/after" ||
    fail "a reload changed the table: $(diff "$tmp/before" "$tmp/after")"
inmx nft flush set inet nolistd mx_white4

# Sender 198.51.100.10 and 2001:db8:5::10; MX host with the ruleset's
# fake and real MX addresses on its loopback.
ip link add nlshare0 netns "$snd" type veth peer name nlshare1 netns "$mx" ||
    fail "cannot create a veth pair"
ip -n "$snd" link set lo up
ip -n "$snd" link set nlshare0 up
ip -n "$snd" addr add 198.51.100.10/24 dev nlshare0
ip -n "$snd" addr add 2001:db8:5::10/64 dev nlshare0 nodad
ip -n "$snd" route add 192.0.2.0/24 via 198.51.100.1
ip -n "$snd" route add 2001:db8::/64 via 2001:db8:5::1
ip -n "$mx" link set lo up
ip -n "$mx" link set nlshare1 up
ip -n "$mx" addr add 198.51.100.1/24 dev nlshare1
ip -n "$mx" addr add 2001:db8:5::1/64 dev nlshare1 nodad
for a in 192.0.2.1/32 192.0.2.2/32 2001:db8::1/128 2001:db8::2/128; do
	ip -n "$mx" addr add "$a" dev lo || fail "cannot add $a"
done

# A listener on every address, so that a refused connection to the fake
# MX can only be the ruleset's reset.
# Not through inmx: a function in the background is a subshell, and $!
# would name it rather than the listener.
ip netns exec "$mx" "$PYTHON" -c '
import socket, sys
v4 = socket.socket(socket.AF_INET)
v6 = socket.socket(socket.AF_INET6)
v6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
for s, a in ((v4, "0.0.0.0"), (v6, "::")):
	s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
	s.bind((a, 25))
	s.listen(64)
open(sys.argv[1], "w").close()
import select
while True:
	for s in select.select([v4, v6], [], [])[0]:
		s.accept()[0].close()
' "$tmp/ready" &
echo $! > "$tmp/listener.pid"
i=0
while [ ! -f "$tmp/ready" ]; do
	i=$((i + 1))
	[ "$i" -le 50 ] || fail "the listener did not start"
	sleep 0.1
done

# connect from the sender: connected, refused, or timeout (dropped)
probe() {
	ip netns exec "$snd" "$PYTHON" -c '
import socket, sys
a = sys.argv[1]
s = socket.socket(socket.AF_INET6 if ":" in a else socket.AF_INET)
s.settimeout(0.5)
try:
	s.connect((a, 25))
	print("connected")
except ConnectionRefusedError:
	print("refused")
except socket.timeout:
	print("timeout")
' "$1"
}
expect() {
	got=$(probe "$1")
	[ "$got" = "$2" ] || fail "$3: connect to $1: $got, want $2"
}

expect 192.0.2.1 refused "fake MX"
expect 2001:db8::1 refused "fake MX"
expect 192.0.2.2 timeout "real MX, unknown sender"
expect 2001:db8::2 timeout "real MX, unknown sender"

inmx nft add element inet nolistd mx_white4 '{ 198.51.100.10 timeout 1m }'
inmx nft add element inet nolistd mx_white6 '{ 2001:db8:5::10 timeout 1m }'
expect 192.0.2.2 connected "real MX, whitelisted sender"
expect 2001:db8::2 connected "real MX, whitelisted sender"
expect 192.0.2.1 refused "fake MX, whitelisted sender"

inmx nft flush set inet nolistd mx_white4
inmx nft flush set inet nolistd mx_white6
expect 192.0.2.2 timeout "real MX, sender no longer whitelisted"
inmx nft add element inet nolistd mx_static4 '{ 198.51.100.10 }'
inmx nft add element inet nolistd mx_static6 '{ 2001:db8:5::/64 }'
expect 192.0.2.2 connected "real MX, static peer"
expect 2001:db8::2 connected "real MX, static peer"

echo "ok: $ruleset"
