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

# Writes the small captures the replay tests need and no real capture
# holds, with a base system's tools only (od, awk, printf, dd), so that
# the BSD regress needs no python:
#
#	mkpcap.sh KIND OUT
#	mkpcap.sh pcapng OUT IN
#
# KIND is ethernet (a link type nolistd refuses), garbage (not a capture
# at all), nsec (nolisting-nflog.pcap with nanosecond timestamps), hugecap
# and hugesnap (a record longer than libpcap takes, under a snaplen below
# and above it) or oversnap (a record longer than the file's snaplen,
# which libpcap cuts). pcapng rewrites IN, a little-endian microsecond
# pcap file, as pcapng: a section header, one interface, an enhanced
# packet block per record.
#
# awk does the arithmetic and prints each byte as a number; emit turns
# the numbers into bytes through printf's octal escapes, since awk's
# printf cannot write a NUL everywhere.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
nolisting=$here/../captures/nolisting-nflog.pcap

usage() {
	echo "usage: mkpcap.sh KIND OUT | mkpcap.sh pcapng OUT IN" >&2
	exit 2
}

# numbers on standard input, any number a line, as bytes on stdout
emit() {
	awk '{
		for (i = 1; i <= NF; i++) {
			printf "\\%03o", $i
			if (++n % 32 == 0)
				printf "\n"
		}
	}
	END { if (n % 32) printf "\n" }' | while IFS= read -r l; do
		printf "$l"
	done
}

# a file's bytes as numbers, one a line
bytes() {
	od -An -v -tu1 "$1" | awk '{ for (i = 1; i <= NF; i++) print $i }'
}

# the awk functions every rewrite of a capture uses: the file's bytes
# in b[0..n-1], little-endian fields in and out
AWKLIB='
{ b[n++] = $1 }
function get32(o) {
	return b[o] + b[o + 1] * 256 + b[o + 2] * 65536 + b[o + 3] * 16777216
}
function put(v, len,   i) {
	for (i = 0; i < len; i++) {
		print v % 256
		v = int(v / 256)
	}
}
function copy(from, len,   i) {
	for (i = from; i < from + len && i < n; i++)
		print b[i]
}
'

# pcap file header: MAGIC SNAPLEN LINKTYPE, version 2.4, little-endian
pcap_hdr() {
	awk -v m="$1" -v s="$2" -v l="$3" "$AWKLIB"'
	BEGIN { put(m, 4); put(2, 2); put(4, 2); put(0, 4); put(0, 4)
		put(s, 4); put(l, 4) }' </dev/null
}

# the first record of nolisting-nflog.pcap, header and data
first_record() {
	bytes "$nolisting" | awk "$AWKLIB"'
	END { copy(24, 16 + get32(32)) }'
}

# microseconds made nanoseconds, the last three digits 999
nsec() {
	bytes "$nolisting" | awk "$AWKLIB"'
	END {
		put(2712812621, 4)		# 0xa1b23c4d
		copy(4, 20)
		for (o = 24; o + 16 <= n; o += 16 + caplen) {
			caplen = get32(o + 8)
			copy(o, 4)
			put(get32(o + 4) * 1000 + 999, 4)
			copy(o + 8, 8 + caplen)
		}
	}'
}

# KIND SNAPLEN SIZE: a record of SIZE zero bytes between two real ones
huge() {
	{
		pcap_hdr 2712847316 "$2" 239	# 0xa1b2c3d4, DLT_NFLOG
		first_record
		awk -v s="$3" "$AWKLIB"'
		BEGIN { put(1, 4); put(0, 4); put(s, 4); put(s, 4) }' </dev/null
	} | emit
	dd if=/dev/zero bs="$3" count=1 2>/dev/null
	first_record | emit
}

pcapng() {
	bytes "$1" | awk "$AWKLIB"'
	function block(type, bodylen) {
		put(type, 4)
		put(12 + bodylen + pad(bodylen), 4)
	}
	function pad(len) { return (4 - len % 4) % 4 }
	function tail(type, bodylen) {
		put(0, pad(bodylen))
		put(12 + bodylen + pad(bodylen), 4)
	}
	END {
		if (get32(0) != 2712847316) {
			print "only little-endian microsecond pcap is handled" \
			    > "/dev/stderr"
			exit 1
		}
		block(168627466, 16)		# SHB, 0x0a0d0d0a
		put(439041101, 4); put(1, 2); put(0, 2)	# 0x1a2b3c4d, 1.0
		put(4294967295, 4); put(4294967295, 4)	# section length -1
		tail(168627466, 16)
		block(1, 8)			# IDB
		put(get32(20), 2); put(0, 2); put(get32(16), 4)
		tail(1, 8)
		for (o = 24; o + 16 <= n; o += 16 + caplen) {
			caplen = get32(o + 8)
			got = n - (o + 16) < caplen ? n - (o + 16) : caplen
			ts = get32(o) * 1000000 + get32(o + 4)
			hi = int(ts / 4294967296)
			block(6, 20 + got)	# EPB
			put(0, 4); put(hi, 4); put(ts - hi * 4294967296, 4)
			put(caplen, 4); put(get32(o + 12), 4)
			copy(o + 16, got)
			tail(6, 20 + got)
		}
	}'
}

[ $# -ge 2 ] || usage
kind=$1 out=$2
case $kind in
ethernet)
	{
		pcap_hdr 2712847316 65535 1
		echo 0 0 0 0 0 0 0 0 14 0 0 0 14 0 0 0
		echo 0 0 0 0 0 0 0 0 0 0 0 0 0 0
	} | emit > "$out"
	;;
garbage)
	for i in 1 2 3 4; do
		echo "this is not a capture file"
	done > "$out"
	;;
nsec)
	nsec | emit > "$out"
	;;
hugecap)
	huge "$kind" 65535 300000 > "$out"
	;;
hugesnap)
	huge "$kind" 400000 300000 > "$out"
	;;
oversnap)
	huge "$kind" 64 100 > "$out"
	;;
pcapng)
	[ $# -eq 3 ] || usage
	if ! pcapng "$3" > "$out.tmp"; then
		rm -f "$out.tmp"
		exit 1
	fi
	emit < "$out.tmp" > "$out"
	rm -f "$out.tmp"
	;;
*)
	usage
	;;
esac
