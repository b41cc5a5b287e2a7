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

# A capture in, the exact JSON lines out.
# Usage: replay-test.sh NOLISTD SRCDIR
set -u
nolistd=$1
src=$2
dir=$src/regress/replay
cap=$src/regress/captures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$src/regress/lib/tally.sh"

# the first N bytes of a file (OpenBSD's head has no -c)
first_bytes() {
	dd if="$2" bs="$1" count=1 2>/dev/null
}

# name, config, capture: output must equal $dir/name.expected
# (sh has no local variables: these names are the functions' own)
check_output() {
	name=$1 c_conf=$2 c_capture=$3
	if "$nolistd" -f "$c_conf" -r "$c_capture" -e -t print \
	    > "$tmp/$name.out" 2> "$tmp/$name.err"; then
		if cmp -s "$tmp/$name.out" "$dir/$name.expected"; then
			ok
		else
			bad "$name: output differs"
			diff "$dir/$name.expected" "$tmp/$name.out" | head -20
		fi
	else
		bad "$name: exit status $?"; cat "$tmp/$name.err"
	fi
}

# name, expected exit, stderr pattern, nolistd arguments...
check_error() {
	name=$1 want=$2 pattern=$3
	shift 3
	"$nolistd" "$@" > "$tmp/$name.out" 2> "$tmp/$name.err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		bad "$name: exit $got, want $want"; cat "$tmp/$name.err"
	elif ! grep -q -- "$pattern" "$tmp/$name.err"; then
		bad "$name: stderr lacks '$pattern'"; cat "$tmp/$name.err"
	else
		ok
	fi
}

conf=$cap/nolisting.conf
check_output nolisting "$conf" "$cap/nolisting-nflog.pcap"
# real MTAs (regress/e2e), the README's main job
check_output e2e-mta "$conf" "$cap/e2e-mta-nflog.pcap"

# the same records in pcapng give the same lines
sh "$dir/mkpcap.sh" pcapng "$tmp/n.pcapng" "$cap/nolisting-nflog.pcap"
cp "$dir/nolisting.expected" "$tmp/ng.expected"
"$nolistd" -f "$conf" -r "$tmp/n.pcapng" -e -t print > "$tmp/ng.out" &&
    cmp -s "$tmp/ng.out" "$dir/nolisting.expected" && ok ||
    bad "pcapng: output differs from pcap"

# a short whitelist time: entries expire by the capture's clock
check_output expire "$dir/expire.conf" "$cap/nolisting-nflog.pcap"
# room for one entry: the oldest is evicted
check_output evict "$dir/evict.conf" "$cap/nolisting-nflog.pcap"
# IPv6 whitelisted as /64, IPv4 as /24
check_output prefix "$dir/prefix.conf" "$cap/nolisting-nflog.pcap"

# issue 18: a mailer that tries only the fake MX (three times over ten
# minutes, and over IPv6), a bot's single SYN, a real MTA that is not
# turned away; the list and the counts at the end, mailers first
"$nolistd" -v -f "$conf" -r "$cap/turned-away.pcap" -t print \
    > "$tmp/turned.out" 2> "$tmp/turned.err"
sed 's/^nolistd: [^:]*: //' "$tmp/turned.err" > "$tmp/turned.lines"
if cmp -s "$tmp/turned.lines" "$dir/turned.expected"; then
	ok
else
	bad "turned-away: the list differs"
	diff "$dir/turned.expected" "$tmp/turned.lines"
fi

# without -e only the decisions
"$nolistd" -f "$conf" -r "$cap/nolisting-nflog.pcap" -t print \
    > "$tmp/dec.out" && grep '"op"' "$dir/nolisting.expected" |
    cmp -s - "$tmp/dec.out" && ok || bad "decisions only: output differs"

# classic pcap files are read in place (daemon/pcapfile.c); from
# standard input libpcap reads them: both must give the same lines, the
# same counts and the same damage, on every capture we have, and cut
sh "$dir/mkpcap.sh" nsec "$tmp/nsec.pcap"
for k in hugecap hugesnap oversnap; do
	sh "$dir/mkpcap.sh" $k "$tmp/$k.pcap"
done
first_bytes 1000 "$cap/e2e-mta-nflog.pcap" > "$tmp/cut-data.pcap"
first_bytes 1008 "$cap/e2e-mta-nflog.pcap" > "$tmp/cut-hdr.pcap"
n=0
for f in "$cap"/*.pcap "$src"/../shared/captures/*/*.pcap "$tmp/nsec.pcap" \
    "$tmp/hugecap.pcap" "$tmp/hugesnap.pcap" "$tmp/oversnap.pcap" \
    "$tmp/cut-data.pcap" "$tmp/cut-hdr.pcap"; do
	[ -f "$f" ] || continue
	"$nolistd" -v -f "$conf" -r "$f" -e -t print > "$tmp/file.out" \
	    2> "$tmp/file.err"
	a=$?
	"$nolistd" -v -f "$conf" -r - -e -t print < "$f" > "$tmp/stdin.out" \
	    2> "$tmp/stdin.err"
	b=$?
	sed "s|$f|-|" "$tmp/file.err" > "$tmp/file.err2"
	if [ $a -eq $b ] && cmp -s "$tmp/file.out" "$tmp/stdin.out" &&
	    cmp -s "$tmp/file.err2" "$tmp/stdin.err"; then
		n=$((n + 1))
	else
		bad "$f: read in place and by libpcap differ (exit $a, $b)"
		diff "$tmp/file.out" "$tmp/stdin.out" | head -5
		diff "$tmp/file.err2" "$tmp/stdin.err" | head -5
	fi
done
[ $n -ge 10 ] && ok || bad "only $n captures compared between the readers"
echo "readers agree on $n captures"

sh "$dir/mkpcap.sh" ethernet "$tmp/eth.pcap"
sh "$dir/mkpcap.sh" garbage "$tmp/garbage.pcap"
check_error linktype 1 "link type EN10MB (1) is not a firewall log" \
    -f "$conf" -r "$tmp/eth.pcap" -t print
check_error garbage 1 "garbage.pcap" -f "$conf" -r "$tmp/garbage.pcap" \
    -t print
check_error missing 1 "No such file" -f "$conf" -r "$tmp/none.pcap" \
    -t print
# a capture file cut short: what came before is kept, the damage said
first_bytes 1000 "$cap/nolisting-nflog.pcap" > "$tmp/cut.pcap"
check_error truncated 1 "cut.pcap: truncated dump file" -f "$conf" \
    -r "$tmp/cut.pcap" -e -t print
[ "$(grep -c '"ifname"' "$tmp/truncated.out")" -ge 1 ] && ok ||
    bad "truncated: the records before the damage were not printed"
check_error badbackend 1 "unknown backend" -f "$conf" -r "$tmp/cut.pcap" \
    -t ipfw
check_error noconf 1 "nonexistent.conf" -f "$tmp/nonexistent.conf" -n

tally_end
