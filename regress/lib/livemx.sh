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

# The live MX of the tests and benchmarks that run nolistd for real:
# world.sh's two namespaces, a ruleset in the MX one, and nsd and
# nolistd started there. Sourced with $src set. livemx_init makes $tmp
# and removes it, the namespaces, and the processes in $pid, $greeter,
# $nsdpid and $livemx_more on exit, failed or not.

. "$src/regress/lib/world.sh"
. "$src/regress/lib/nsd.sh"

livemx_cleanup() {
	for p in $pid $greeter $nsdpid $livemx_more; do
		kill "$p" 2>/dev/null
	done
	# its last save would land in $tmp as rm empties it
	[ -n "$pid" ] && wait "$pid" 2>/dev/null
	world_down
	rm -rf "$tmp"
}

# skips (77) where the test cannot run: not root, no namespaces
livemx_init() {
	world_can
	tmp=$(mktemp -d /tmp/nolist-live.XXXXXX)
	pid= greeter= nsdpid= livemx_more=
	trap livemx_cleanup EXIT INT TERM
}

livemx_need_nsd() {
	NSD=$(command -v nsd || echo /usr/sbin/nsd)
	[ -x "$NSD" ] || { echo "SKIPPED: nsd is not installed"; exit 77; }
}

# the namespaces and the ruleset: the shipped one, or $1
livemx_up() {
	world_up
	ip netns exec "$W_MX" nft -f "${1:-$src/share/nftables/nolistd.nft}"
}

# something that answers SMTP at the real MX
livemx_greeter() {
	ip netns exec "$W_MX" python3 "$src/regress/captures/smtp-greeter.py" \
	    192.0.2.2 2001:db8::2 > "$tmp/greeter" 2>&1 &
	greeter=$!
}

# nsd on $tmp/nsd.conf in the MX namespace, once it answers on port 53
livemx_nsd() {
	ip netns exec "$W_MX" "$NSD" -d -c "$tmp/nsd.conf" \
	    >> "$tmp/nsd.out" 2>&1 &
	nsdpid=$!
	i=0
	until ip netns exec "$W_MX" ss -Hlnu "sport = :53" | grep -q . ||
	    [ $i -ge 100 ]; do
		sleep 0.1; i=$((i + 1))
	done
}

# nolistd with these flags on $tmp/nolistd.conf in the MX namespace:
# records to $tmp/records, the log to $tmp/log; fails if it does not
# start listening within 10 s
livemx_daemon() {
	ip netns exec "$W_MX" "$nolistd" -d "$@" -f "$tmp/nolistd.conf" \
	    > "$tmp/records" 2> "$tmp/log" &
	pid=$!
	i=0
	until grep -q "listening on" "$tmp/log" || [ $i -ge 100 ]; do
		sleep 0.1; i=$((i + 1))
	done
	grep -q "listening on" "$tmp/log"
}

syn() { ip netns exec "$W_SND" python3 "$src/regress/live/syn.py" "$@"; }

# is the address, as a whole, in the shipped ruleset's set
in_set() {
	set=mx_white4
	case $1 in *:*) set=mx_white6 ;; esac
	ip netns exec "$W_MX" nft list set inet nolistd "$set" |
	    grep -q -- "[ {]$1[ ,}]"
}

# in_set, trying every 50 ms for 2 s
wait_in_set() {
	i=0
	while ! in_set "$1" && [ $i -lt 40 ]; do sleep 0.05; i=$((i + 1)); done
	in_set "$1"
}
