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

# A small nolisting world in two network namespaces, for sh scripts to
# source: $W_MX holds the fake and real MX addresses of
# share/nftables/nolistd.nft, $W_SND the senders. Documentation
# addresses only; world_down removes everything.
#   MX:      192.0.2.1 (fake) 192.0.2.2 (real) 2001:db8::1 2001:db8::2
#   senders: 198.51.100.10 2001:db8:100::10 (MTA), 203.0.113.66
#            2001:db8:100::66 (bot), and more from world_add_sender

# namespaces of a run that was killed (a test timeout sends SIGKILL,
# which no trap sees): their owner's pid is gone
world_sweep() {
	for ns in $(ip netns list | awk '/^nlw-(mx|snd)-[0-9]+/ { print $1 }'); do
		owner=${ns##*-}
		kill -0 "$owner" 2>/dev/null || ip netns del "$ns" 2>/dev/null
	done
	return 0
}

world_up() {
	world_sweep
	W_MX=nlw-mx-$$
	W_SND=nlw-snd-$$
	ip netns add "$W_MX"
	ip netns add "$W_SND"
	ip link add veth-m netns "$W_MX" type veth peer name veth-s \
	    netns "$W_SND"
	ip -n "$W_MX" link set lo up
	ip -n "$W_SND" link set lo up
	ip -n "$W_MX" link set veth-m up
	ip -n "$W_SND" link set veth-s up
	for a in 192.0.2.1/24 192.0.2.2/24; do
		ip -n "$W_MX" addr add "$a" dev veth-m
	done
	for a in 2001:db8::1/64 2001:db8::2/64; do
		ip -n "$W_MX" addr add "$a" dev veth-m nodad
	done
	ip -n "$W_MX" route add 198.51.100.0/24 dev veth-m
	ip -n "$W_MX" route add 203.0.113.0/24 dev veth-m
	ip -n "$W_MX" route add 2001:db8:100::/64 dev veth-m
	ip -n "$W_SND" route add 192.0.2.0/24 dev veth-s
	ip -n "$W_SND" route add 2001:db8::/64 dev veth-s
	for a in 198.51.100.10 203.0.113.66; do
		world_add_sender "$a"
	done
	for a in 2001:db8:100::10 2001:db8:100::66; do
		world_add_sender "$a"
	done
}

world_add_sender() {
	case $1 in
	*:*)	ip -n "$W_SND" addr add "$1/64" dev veth-s nodad ;;
	198.51.100.*) ip -n "$W_SND" addr add "$1/24" dev veth-s ;;
	*)	ip -n "$W_SND" addr add "$1/24" dev veth-s ;;
	esac
}

# the MX side's MAC, for tools that send whole frames from the sender
world_mx_mac() {
	ip -n "$W_MX" link show veth-m | awk '/link\/ether/ { print $2 }'
}

world_down() {
	[ -n "${W_MX:-}" ] && ip netns del "$W_MX" 2>/dev/null
	[ -n "${W_SND:-}" ] && ip netns del "$W_SND" 2>/dev/null
	return 0
}

# world_can: exit 77 (skipped) where namespaces cannot be made
world_can() {
	if [ "$(id -u)" -ne 0 ]; then
		echo "SKIPPED: needs root for network namespaces"
		exit 77
	fi
	if ! ip netns add nlw-probe-$$ 2>/dev/null; then
		echo "SKIPPED: cannot create network namespaces here"
		exit 77
	fi
	ip netns del nlw-probe-$$
}
