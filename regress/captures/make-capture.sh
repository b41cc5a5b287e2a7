#!/bin/sh
# Records real NFLOG traffic of nolisting in network namespaces: the
# shipped nftables ruleset, senders that walk the MX list, a bot that
# goes straight to the real MX, over IPv4 and IPv6. The whitelisting is
# done by the naive pipeline (tcpdump into nft add element) so that the
# capture holds passed SYNs too; nolistd then replays it.
# Usage: make-capture.sh OUTPUT.pcap
set -eu
out=$1
here=$(cd "$(dirname "$0")" && pwd)
ruleset=$here/../../share/nftables/nolistd.nft
. "$here/../lib/world.sh"
tmp=$(mktemp -d)

cleanup() {
	for pid in $(cat "$tmp"/pids 2>/dev/null); do
		kill "$pid" 2>/dev/null || true
	done
	world_down
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

world_up
mx=$W_MX
snd=$W_SND
ip netns exec "$mx" nft -f "$ruleset"
ip netns exec "$mx" python3 "$here/smtp-greeter.py" 192.0.2.2 2001:db8::2 \
    > "$tmp/greeter.out" 2>&1 &
echo $! >> "$tmp/pids"

# One reader of the group: the raw records go to the file and, through
# a second tcpdump, to the naive whitelister.
ip netns exec "$mx" sh -c "
	tcpdump -q -U -i nflog:25 -w - 2>/dev/null | tee '$tmp/cap.pcap' |
	tcpdump -l -n -r - 2>/dev/null | while read -r t ip src gt dst rest; do
		case \$dst in
		192.0.2.1.25:) nft add element inet nolistd mx_white4 \
		    \"{ \${src%.*} timeout 1h }\" ;;
		2001:db8::1.25:) nft add element inet nolistd mx_white6 \
		    \"{ \${src%.*} timeout 1h }\" ;;
		esac
	done" &
echo $! >> "$tmp/pids"
sleep 2

walk() {
	ip netns exec "$snd" python3 "$here/smtp-walk.py" "$@" || true
}
# MTAs: the fake MX first, then the real one
walk 198.51.100.10 192.0.2.1 192.0.2.2
walk 2001:db8:100::10 2001:db8::1 2001:db8::2
# a second delivery later: passes at once and renews
sleep 1
walk 198.51.100.10 192.0.2.1 192.0.2.2
# the bot: straight to the real MX, four SYNs dropped, then gives up
ip netns exec "$snd" timeout 3 python3 "$here/smtp-walk.py" \
    203.0.113.66 192.0.2.2 || true
ip netns exec "$snd" timeout 3 python3 "$here/smtp-walk.py" \
    2001:db8:100::66 2001:db8::2 || true
sleep 1
ip netns exec "$mx" nft list set inet nolistd mx_white4 >&2
ip netns exec "$mx" nft list set inet nolistd mx_white6 >&2
kill "$(sed -n 2p "$tmp/pids")" 2>/dev/null || true
ip netns exec "$mx" pkill -f "tcpdump -q -U -i nflog:25" || true
sleep 1
cp "$tmp/cap.pcap" "$out"
tcpdump -n -tt -r "$out" 2>/dev/null
