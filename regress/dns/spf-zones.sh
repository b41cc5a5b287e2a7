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

# Zones modelled on the shapes real senders publish, for the sender-pool
# tests; documentation addresses only. To be sourced:
#
#	spf_zones DIR	writes DIR/*.zone and prints NAME:FILE for nsd_conf
#
# example.com	a webmail provider: MTAs named under its domain, an SPF
#		record that redirects to a chain of includes with IPv4 and
#		IPv6 ranges
# example.net	an outbound.protection-style provider: PTRs under
#		outbound.protection.example.net, ranges in an include
#		under another domain (spf.protection.example.org)
# example.org	an ISP: forward-confirmed generic PTRs for its customers,
#		an SPF record that lists only its two mail servers
# plusall.test, neutral.test, wide.test, loop.test, many.test: +all, ?all,
#		a /8, an include loop, more than 10 lookups; their senders
#		are mx.NAME.test
# 113.0.203.in-addr.arpa, 100.51.198.in-addr.arpa (spf part): the PTRs
spf_zones() {
	local dir=$1 soa
	soa='@ 3600 IN SOA ns.example.test. hostmaster.example.test. 1 3600 600 86400 30'
	cat > "$dir/spf.example.com.zone" <<EOF2
\$ORIGIN example.com.
\$TTL 3600
$soa
@		NS	ns.example.test.
@		TXT	"google-site-verification=abcdef"
@		TXT	"v=spf1 redirect=_spf.example.com"
_spf		TXT	"v=spf1 include:_netblocks.example.com " "include:_netblocks2.example.com ~all"
_netblocks	TXT	"v=spf1 ip4:198.51.100.0/26 ip4:203.0.113.0/27 ~all"
_netblocks2	TXT	"v=spf1 ip6:2001:db8:100::/48 ~all"
out1		A	198.51.100.10
out2		A	198.51.100.11
out6		AAAA	2001:db8:100::25
EOF2
	cat > "$dir/spf.example.net.zone" <<EOF2
\$ORIGIN example.net.
\$TTL 3600
$soa
@		NS	ns.example.test.
@		TXT	"v=spf1 include:spf.protection.example.org -all"
mail-ab1nam02on2130.outbound.protection	A	203.0.113.130
EOF2
	cat > "$dir/spf.example.org.zone" <<EOF2
\$ORIGIN example.org.
\$TTL 3600
$soa
@		NS	ns.example.test.
@		TXT	"v=spf1 a:mx1.example.org a:mx2.example.org -all"
spf.protection	TXT	"v=spf1 ip4:203.0.113.128/26 ip6:2001:db8:200::/48 -all"
mx1		A	198.51.100.201
mx2		A	198.51.100.202
c-198-51-100-77.hsd1.ca	A	198.51.100.77
c-198-51-100-78.hsd1.ca	A	198.51.100.78
p5b0a1234.dip0	A	198.51.100.79
EOF2
	# one zone each: nsd serves each name from its own zone
	spf_test_zone "$dir" plusall '"v=spf1 ip4:203.0.113.144/28 +all"' 150
	spf_test_zone "$dir" neutral '"v=spf1 ip4:203.0.113.144/28 ?all"' 152
	spf_test_zone "$dir" wide '"v=spf1 ip4:203.0.0.0/8 -all"' 153
	spf_test_zone "$dir" loop '"v=spf1 include:a.loop.test ip4:203.0.113.144/28 -all"' 155
	echo 'a TXT "v=spf1 include:loop.test -all"' >> "$dir/loop.test.zone"
	spf_test_zone "$dir" many '"v=spf1 a:1.many.test a:2.many.test a:3.many.test " "a:4.many.test a:5.many.test a:6.many.test a:7.many.test " "a:8.many.test a:9.many.test a:10.many.test a:mx.many.test -all"' 156
	cat > "$dir/spf.203.0.113.zone" <<EOF2
\$ORIGIN 113.0.203.in-addr.arpa.
\$TTL 3600
$soa
@		NS	ns.example.test.
130		PTR	mail-ab1nam02on2130.outbound.protection.example.net.
150		PTR	mx.plusall.test.
152		PTR	mx.neutral.test.
153		PTR	mx.wide.test.
155		PTR	mx.loop.test.
156		PTR	mx.many.test.
EOF2
	echo example.com:spf.example.com example.net:spf.example.net \
	    example.org:spf.example.org plusall.test:plusall.test \
	    neutral.test:neutral.test wide.test:wide.test loop.test:loop.test \
	    many.test:many.test 113.0.203.in-addr.arpa:spf.203.0.113
}

# spf_test_zone DIR NAME TXT LASTOCTET: NAME.test with that SPF record,
# and mx.NAME.test at 203.0.113.LASTOCTET
spf_test_zone() {
	cat > "$1/$2.test.zone" <<EOF2
\$ORIGIN $2.test.
\$TTL 3600
@ 3600 IN SOA ns.example.test. hostmaster.example.test. 1 3600 600 86400 30
@		NS	ns.example.test.
@		TXT	$3
mx		A	203.0.113.$4
EOF2
}

# PTRs for 198.51.100.0/24, to be appended to that reverse zone
spf_ptrs_198() {
	cat <<EOF2
10		PTR	out1.example.com.
11		PTR	out2.example.com.
77		PTR	c-198-51-100-77.hsd1.ca.example.org.
78		PTR	c-198-51-100-78.hsd1.ca.example.org.
79		PTR	p5b0a1234.dip0.example.org.
201		PTR	mx1.example.org.
202		PTR	mx2.example.org.
EOF2
}

# and for 2001:db8::/32
spf_ptrs_2001db8() {
	echo "5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1.0 PTR out6.example.com."
}
