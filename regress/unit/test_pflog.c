/*
 * Copyright (c) 2026 The nolistd authors
 *
 * Permission to use, copy, modify, and distribute this software for any
 * purpose with or without fee is hereby granted, provided that the above
 * copyright notice and this permission notice appear in all copies.
 *
 * THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES
 * WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF
 * MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR
 * ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
 * WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN
 * ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF
 * OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.
 */

/*
 * pflog records built byte by byte, one for each header variant the
 * parser knows, and every prefix of each: the parser must say truncated
 * until the fields it needs are there, and agree with the whole record
 * from then on. Each prefix lives in a buffer of its own exact size, so
 * that AddressSanitizer sees any read past caplen.
 */
#include <arpa/inet.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rec.h"

#define BUFLEN	512

/* the header lengths in the wild, and where the packet starts */
static const struct {
	int	len;
	int	payload;
	int	dirat;
} variants[] = {
	{ 45, 48, 44 },		/* OpenBSD 3.4-3.7 */
	{ 61, 64, 60 },		/* OpenBSD 3.8-4.8, NetBSD, macOS, ... */
	{ 69, 72, 60 },		/* FreeBSD >= 13.1 */
	{ 100, 100, 60 }	/* OpenBSD >= 4.9 */
};
#define NVARIANTS	(sizeof(variants) / sizeof(variants[0]))

static const uint8_t src4[4] = { 192, 0, 2, 10 };
static const uint8_t dst4[4] = { 192, 0, 2, 1 };
static const uint8_t src6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 0x10 };
static const uint8_t dst6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 0x01 };

/* a host-order field in the order of the host that wrote the record */
static void
put32_order(uint8_t *p, uint32_t v, int little)
{
	if (little) {
		p[0] = (uint8_t)v;
		p[1] = (uint8_t)(v >> 8);
		p[2] = (uint8_t)(v >> 16);
		p[3] = (uint8_t)(v >> 24);
	} else
		rec_put32(p, v);
}

struct hdr {
	int		 len;		/* the length byte */
	int		 af;
	int		 action;
	int		 dir;
	uint32_t	 rulenr;
	const char	*ifname;
	int		 little;	/* the logging host's byte order */
};

/* the pflog header; returns the packet's offset */
static size_t
put_pflog(uint8_t *b, const struct hdr *h)
{
	size_t	payload = ((size_t)h->len + 3) & ~(size_t)3;

	memset(b, 0, payload);
	b[0] = (uint8_t)h->len;
	b[1] = (uint8_t)h->af;
	b[2] = (uint8_t)h->action;
	b[3] = 0;				/* reason: match */
	memcpy(b + 4, h->ifname, strnlen(h->ifname, 16));
	memcpy(b + 20, "anchor", 6);		/* ruleset */
	rec_put32(b + 36, h->rulenr);
	rec_put32(b + 40, 0xffffffffU);		/* subrulenr */
	if (h->len == 45) {
		b[44] = (uint8_t)h->dir;
		return payload;
	}
	put32_order(b + 44, 0xfffffffeU, h->little);	/* uid */
	put32_order(b + 48, 0x00012345, h->little);	/* pid */
	put32_order(b + 52, 1000, h->little);		/* rule_uid */
	put32_order(b + 56, 0x00054321, h->little);	/* rule_pid */
	b[60] = (uint8_t)h->dir;
	if (h->len == 69)
		put32_order(b + 64, 0xdeadbeef, h->little); /* ridentifier */
	if (h->len == 100) {
		b[62] = (uint8_t)h->af;			/* naf */
		memset(b + 64, 0xaa, 36);		/* rewritten: unused */
	}
	return payload;
}

static size_t
put_tcp(uint8_t *p, unsigned sport, unsigned dport, unsigned flags)
{
	memset(p, 0, 20);
	rec_put16(p, sport);
	rec_put16(p + 2, dport);
	rec_put32(p + 4, 0x11223344);
	p[12] = 5 << 4 | (flags & NL_TH_AE ? 1 : 0);
	p[13] = (uint8_t)flags;
	rec_put16(p + 14, 65535);
	return 20;
}

static size_t
put_udp(uint8_t *p, unsigned sport, unsigned dport)
{
	rec_put16(p, sport);
	rec_put16(p + 2, dport);
	rec_put16(p + 4, 8);
	rec_put16(p + 6, 0);
	return 8;
}

/* IPv4 header with ihl words and the given fragment field */
static size_t
put_ip4(uint8_t *p, int proto, int ihl, unsigned frag, size_t paylen)
{
	memset(p, 0, (size_t)ihl * 4);
	p[0] = (uint8_t)(4 << 4 | ihl);
	rec_put16(p + 2, (unsigned)(ihl * 4 + paylen));
	rec_put16(p + 6, frag);
	p[8] = 64;
	p[9] = (uint8_t)proto;
	memcpy(p + 12, src4, 4);
	memcpy(p + 16, dst4, 4);
	if (ihl > 5)
		p[20] = 1;	/* NOP options */
	return (size_t)ihl * 4;
}

static size_t
put_ip6(uint8_t *p, int next, size_t paylen)
{
	memset(p, 0, 40);
	p[0] = 6 << 4;
	rec_put16(p + 4, (unsigned)paylen);
	p[6] = (uint8_t)next;
	p[7] = 64;
	memcpy(p + 8, src6, 16);
	memcpy(p + 24, dst6, 16);
	return 40;
}

/* IPv4 TCP packet at p; returns its length */
static size_t
tcp4(uint8_t *p, unsigned sport, unsigned dport, unsigned flags)
{
	size_t	n = put_ip4(p, NL_PROTO_TCP, 5, 0x4000, 20);

	return n + put_tcp(p + n, sport, dport, flags);
}

static size_t
tcp6(uint8_t *p, unsigned sport, unsigned dport, unsigned flags)
{
	size_t	n = put_ip6(p, NL_PROTO_TCP, 20);

	return n + put_tcp(p + n, sport, dport, flags);
}

/* parse the first n bytes in a buffer of exactly n bytes */
static int
parse_prefix(const uint8_t *b, size_t n, struct nl_record *r)
{
	return rec_parse_prefix(nl_parse_pflog, b, n, r);
}

static void
check_prefixes(const uint8_t *b, size_t len, size_t need)
{
	rec_check_prefixes(nl_parse_pflog, b, len, need);
}

static void
check_addr(const struct nl_addr *a, int af, const uint8_t *want)
{
	T(a->af == af);
	T(memcmp(a->a, want, af == NL_AF4 ? 4 : 16) == 0);
}

/* each variant, each family value, both host orders: all fields */
static void
test_variants(void)
{
	static const int	 afs[] = { 2, 24, 28, 30 };
	struct nl_record	 r;
	struct hdr		 h;
	uint8_t			 b[BUFLEN];
	size_t			 v, i, off, len;
	int			 little;
	char			 flags[NL_TCPFLAGSLEN];

	for (v = 0; v < NVARIANTS; v++)
		for (i = 0; i < 4; i++)
			for (little = 0; little <= 1; little++) {
				h = (struct hdr){ variants[v].len, afs[i], 1,
				    1, 7, "em0", little };
				off = put_pflog(b, &h);
				T(off == (size_t)variants[v].payload);
				if (afs[i] == 2)
					len = off + tcp4(b + off, 40000, 25,
					    NL_TH_SYN);
				else
					len = off + tcp6(b + off, 40000, 25,
					    NL_TH_SYN);
				T(parse_prefix(b, len, &r) == NL_PARSE_OK);
				T_STR(r.ifname, "em0");
				T(r.rule == 7);
				T(r.action == NL_ACT_BLOCK);
				T(r.dir == NL_DIR_IN);
				T(r.proto == NL_PROTO_TCP);
				if (afs[i] == 2) {
					check_addr(&r.src, NL_AF4, src4);
					check_addr(&r.dst, NL_AF4, dst4);
				} else {
					check_addr(&r.src, NL_AF6, src6);
					check_addr(&r.dst, NL_AF6, dst6);
				}
				T(r.sport == 40000 && r.dport == 25);
				T_STR(nl_tcpflags_str(r.tcpflags, flags,
				    sizeof(flags)), "S");
				T(nl_record_is_syn(&r));
				check_prefixes(b, len,
				    off + (afs[i] == 2 ? 20 : 40) + 14);
			}
}

/* what each action number means under each header length */
static void
test_actions(void)
{
	static const int	 common[] = { NL_ACT_PASS, NL_ACT_BLOCK,
	    NL_ACT_SCRUB, NL_ACT_NOSCRUB, NL_ACT_NAT, NL_ACT_NONAT,
	    NL_ACT_BINAT, NL_ACT_NOBINAT, NL_ACT_RDR, NL_ACT_NORDR,
	    NL_ACT_SYNPROXY_DROP };
	/* from 11 on, as <net/pfvar.h> of each numbers them */
	static const int	 openbsd[] = { NL_ACT_DEFER, NL_ACT_MATCH,
	    NL_ACT_DIVERT, NL_ACT_RT, NL_ACT_AFRT };
	static const int	 freebsd[] = { NL_ACT_DEFER, NL_ACT_MATCH,
	    NL_ACT_AFRT, NL_ACT_RT };
	struct nl_record	 r;
	struct hdr		 h;
	uint8_t			 b[BUFLEN];
	size_t			 v, off, len;
	int			 a, want, hlen;

	for (v = 0; v < NVARIANTS; v++)
		for (a = 0; a < 256; a++) {
			hlen = variants[v].len;
			h = (struct hdr){ hlen, 2, a, 2, 0, "pflog0", 0 };
			off = put_pflog(b, &h);
			len = off + tcp4(b + off, 25, 40000, NL_TH_SYN |
			    NL_TH_ACK);
			T(parse_prefix(b, len, &r) == NL_PARSE_OK);
			if (a < 11)
				want = common[a];
			else if (hlen == 100 && a < 16)
				want = openbsd[a - 11];
			else if (hlen == 69 && a < 15)
				want = freebsd[a - 11];
			else
				want = NL_ACT_UNKNOWN;
			if (r.action != want)
				fprintf(stderr, "length %d action %d: got %s\n",
				    hlen, a, nl_action_name(r.action));
			T(r.action == want);
			T(r.dir == NL_DIR_OUT);
			T(!nl_record_is_syn(&r));
		}
	T_STR(nl_action_name(NL_ACT_SYNPROXY_DROP), "synproxy-drop");
	T_STR(nl_action_name(NL_ACT_AFRT), "afrt");
	T_STR(nl_action_name(NL_ACT_RT), "rt");
	T_STR(nl_action_name(NL_ACT_UNKNOWN), "unknown");
	T_STR(nl_action_name(NL_ACT_MAX), "unknown");
	T_STR(nl_action_name(-1), "unknown");
}

static void
test_dirs(void)
{
	static const int	 want[] = { NL_DIR_UNKNOWN, NL_DIR_IN,
	    NL_DIR_OUT, NL_DIR_UNKNOWN, NL_DIR_UNKNOWN };
	struct nl_record	 r;
	struct hdr		 h;
	uint8_t			 b[BUFLEN];
	size_t			 v, off, len;
	int			 d;

	for (v = 0; v < NVARIANTS; v++)
		for (d = 0; d < 5; d++) {
			h = (struct hdr){ variants[v].len, 24, 0, d, 1,
			    "vlan3", 1 };
			off = put_pflog(b, &h);
			len = off + tcp6(b + off, 1, 2, NL_TH_RST);
			T(parse_prefix(b, len, &r) == NL_PARSE_OK);
			T(r.dir == want[d]);
		}
	T_STR(nl_dir_name(NL_DIR_IN), "in");
	T_STR(nl_dir_name(NL_DIR_OUT), "out");
	T_STR(nl_dir_name(NL_DIR_UNKNOWN), "unknown");
	T_STR(nl_dir_name(42), "unknown");
}

static void
test_header_fields(void)
{
	struct nl_record	 r;
	struct hdr		 h;
	uint8_t			 b[BUFLEN];
	size_t			 off, len;

	/* rule numbers are big-endian; all ones is no rule */
	h = (struct hdr){ 100, 2, 0, 1, 0x01020304, "pflog0", 1 };
	off = put_pflog(b, &h);
	len = off + tcp4(b + off, 1, 25, NL_TH_SYN);
	T(parse_prefix(b, len, &r) == NL_PARSE_OK);
	T(r.rule == 16909060);
	h.rulenr = 0xffffffffU;
	put_pflog(b, &h);
	T(parse_prefix(b, len, &r) == NL_PARSE_OK);
	T(r.rule == -1);
	h.rulenr = 0x80000000U;
	put_pflog(b, &h);
	T(parse_prefix(b, len, &r) == NL_PARSE_OK);
	T(r.rule == 2147483648LL);

	/* a name that fills the field has no NUL */
	h = (struct hdr){ 61, 2, 0, 1, 0, "abcdefghijklmnop", 0 };
	off = put_pflog(b, &h);
	len = off + tcp4(b + off, 1, 25, NL_TH_SYN);
	T(parse_prefix(b, len, &r) == NL_PARSE_OK);
	T_STR(r.ifname, "abcdefghijklmnop");
	h.ifname = "";
	put_pflog(b, &h);
	T(parse_prefix(b, len, &r) == NL_PARSE_OK);
	T_STR(r.ifname, "");
}

/* lengths no system writes, and families that are not IP */
static void
test_odd_headers(void)
{
	struct nl_record	 r;
	struct hdr		 h;
	uint8_t			 b[BUFLEN];
	size_t			 off, len;
	int			 l;

	for (l = 0; l < 256; l++) {
		if (l == 45 || l >= 61)
			continue;
		memset(b, 0, sizeof(b));
		b[0] = (uint8_t)l;
		b[1] = 2;
		T(parse_prefix(b, 300, &r) == NL_PARSE_MALFORMED);
	}
	/* a later, longer header: the common layout, packet at len by 4 */
	for (l = 61; l < 256; l++) {
		h = (struct hdr){ l, 2, 1, 1, 3, "igb0", 0 };
		off = put_pflog(b, &h);
		b[60] = 1;
		T(off == ((size_t)l + 3) / 4 * 4);
		len = off + tcp4(b + off, 5, 25, NL_TH_SYN);
		T(parse_prefix(b, len, &r) == NL_PARSE_OK);
		T(r.dir == NL_DIR_IN && r.action == NL_ACT_BLOCK);
		T(r.rule == 3 && r.dport == 25 && nl_record_is_syn(&r));
	}

	h = (struct hdr){ 100, 17, 1, 1, 3, "pflog0", 0 };
	off = put_pflog(b, &h);
	len = off + tcp4(b + off, 5, 25, NL_TH_SYN);
	T(parse_prefix(b, len, &r) == NL_PARSE_NOTIP);
	T(!nl_record_is_syn(&r));
	h.af = 10;	/* Linux's AF_INET6 is no BSD's */
	put_pflog(b, &h);
	T(parse_prefix(b, len, &r) == NL_PARSE_NOTIP);

	/* the family says one version, the packet another */
	h.af = 2;
	off = put_pflog(b, &h);
	len = off + tcp6(b + off, 5, 25, NL_TH_SYN);
	T(parse_prefix(b, len, &r) == NL_PARSE_MALFORMED);
	T(!nl_record_is_syn(&r));
	h.af = 28;
	off = put_pflog(b, &h);
	len = off + tcp4(b + off, 5, 25, NL_TH_SYN);
	T(parse_prefix(b, len, &r) == NL_PARSE_MALFORMED);
	T(!nl_record_is_syn(&r));
}

/* a pflog0 header for the IP tests below; returns the packet's offset */
static size_t
ip_hdr(uint8_t *b, int af)
{
	struct hdr	h = { 100, af, 1, 1, 0, "pflog0", 0 };

	return put_pflog(b, &h);
}

static void
test_ip4(void)
{
	struct nl_record	 r;
	uint8_t			 b[BUFLEN];
	size_t			 off, len, n;

	/* options move the TCP header */
	off = ip_hdr(b, 2);
	n = put_ip4(b + off, NL_PROTO_TCP, 7, 0, 20);
	len = off + n + put_tcp(b + off + n, 4321, 25, NL_TH_SYN | NL_TH_ECE |
	    NL_TH_CWR);
	T(parse_prefix(b, len, &r) == NL_PARSE_OK);
	T(r.sport == 4321 && r.dport == 25 && nl_record_is_syn(&r));
	check_prefixes(b, len, off + 28 + 14);

	/* a header length under 20 */
	b[off] = 4 << 4 | 4;
	T(parse_prefix(b, len, &r) == NL_PARSE_MALFORMED);
	/* a total length under the header's */
	b[off] = 4 << 4 | 7;
	rec_put16(b + off + 2, 20);
	T(parse_prefix(b, len, &r) == NL_PARSE_MALFORMED);
	T(!nl_record_is_syn(&r));
	/* zero: a TSO send; the capture bounds it */
	rec_put16(b + off + 2, 0);
	T(parse_prefix(b, len, &r) == NL_PARSE_OK);
	T(nl_record_is_syn(&r));
	/* a total length that ends inside the TCP header */
	rec_put16(b + off + 2, 28 + 13);
	T(parse_prefix(b, len, &r) == NL_PARSE_TRUNCATED);
	T(!nl_record_is_syn(&r));

	/* the first fragment has ports; a later one has none */
	n = put_ip4(b + off, NL_PROTO_TCP, 5, 0x2000, 20);
	len = off + n + put_tcp(b + off + n, 4321, 25, NL_TH_SYN);
	T(parse_prefix(b, len, &r) == NL_PARSE_OK);
	T(r.dport == 25 && nl_record_is_syn(&r));
	rec_put16(b + off + 6, 0x2000 | 185);
	T(parse_prefix(b, len, &r) == NL_PARSE_OK);
	T(r.proto == NL_PROTO_TCP && r.sport == 0 && r.dport == 0);
	T(r.tcpflags == 0 && !nl_record_is_syn(&r));
	T(parse_prefix(b, off + n, &r) == NL_PARSE_OK);
	T(r.proto == NL_PROTO_TCP && !nl_record_is_syn(&r));

	/* UDP needs its ports, ICMP nothing */
	n = put_ip4(b + off, NL_PROTO_UDP, 5, 0, 8);
	len = off + n + put_udp(b + off + n, 53, 5353);
	T(parse_prefix(b, len, &r) == NL_PARSE_OK);
	T(r.proto == NL_PROTO_UDP && r.sport == 53 && r.dport == 5353);
	T(r.tcpflags == 0);
	check_prefixes(b, len, off + 20 + 4);
	n = put_ip4(b + off, 1, 5, 0, 8);
	memset(b + off + n, 0, 8);
	b[off + n] = 8;
	len = off + n + 8;
	T(parse_prefix(b, len, &r) == NL_PARSE_OK);
	T(r.proto == 1 && r.sport == 0 && r.dport == 0 && r.tcpflags == 0);
	check_prefixes(b, len, off + 20);
}

/* an IPv6 extension header of len bytes at p */
static size_t
put_ext(uint8_t *p, int type, int next, size_t len)
{
	memset(p, 0, len);
	p[0] = (uint8_t)next;
	if (type == 51)
		p[1] = (uint8_t)(len / 4 - 2);
	else if (type != 44)
		p[1] = (uint8_t)(len / 8 - 1);
	return len;
}

static void
test_ip6(void)
{
	struct nl_record	 r;
	uint8_t			 b[BUFLEN];
	size_t			 off, len, n, i;
	char			 flags[NL_TCPFLAGSLEN];

	/* hop-by-hop, routing, destination options, AH, then TCP */
	off = ip_hdr(b, 24);
	n = off + put_ip6(b + off, 0, 8 + 24 + 16 + 12 + 20);
	n += put_ext(b + n, 0, 43, 8);
	n += put_ext(b + n, 43, 60, 24);
	n += put_ext(b + n, 60, 51, 16);
	n += put_ext(b + n, 51, NL_PROTO_TCP, 12);
	len = n + put_tcp(b + n, 6000, 25, NL_TH_SYN);
	T(parse_prefix(b, len, &r) == NL_PARSE_OK);
	T(r.proto == NL_PROTO_TCP && r.sport == 6000 && r.dport == 25);
	T(nl_record_is_syn(&r));
	check_prefixes(b, len, n + 14);

	/* a first fragment has ports, a later one none */
	n = off + put_ip6(b + off, 44, 8 + 20);
	put_ext(b + n, 44, NL_PROTO_TCP, 8);
	rec_put16(b + n + 2, 0x0001);	/* offset 0, more fragments */
	n += 8;
	len = n + put_tcp(b + n, 6000, 25, NL_TH_SYN);
	T(parse_prefix(b, len, &r) == NL_PARSE_OK);
	T(r.dport == 25 && nl_record_is_syn(&r));
	check_prefixes(b, len, n + 14);
	rec_put16(b + n - 8 + 2, 0x0100);
	T(parse_prefix(b, len, &r) == NL_PARSE_OK);
	T(r.proto == NL_PROTO_TCP && r.sport == 0 && r.dport == 0);
	T(!nl_record_is_syn(&r));

	/* a chain longer than any real packet's */
	n = off + put_ip6(b + off, 60, 10 * 8 + 20);
	for (i = 0; i < 10; i++)
		n += put_ext(b + n, 60, i < 9 ? 60 : NL_PROTO_TCP, 8);
	len = n + put_tcp(b + n, 6000, 25, NL_TH_SYN);
	T(parse_prefix(b, len, &r) == NL_PARSE_MALFORMED);
	T(!nl_record_is_syn(&r));

	/* the payload length bounds the packet, zero (jumbo) does not */
	len = off + tcp6(b + off, 6000, 25, NL_TH_SYN);
	rec_put16(b + off + 4, 13);
	T(parse_prefix(b, len, &r) == NL_PARSE_TRUNCATED);
	rec_put16(b + off + 4, 0);
	T(parse_prefix(b, len, &r) == NL_PARSE_OK);
	T(nl_record_is_syn(&r));

	/* ICMPv6, UDP, no next header */
	n = off + put_ip6(b + off, 58, 8);
	memset(b + n, 0, 8);
	b[n] = 135;
	T(parse_prefix(b, n + 8, &r) == NL_PARSE_OK);
	T(r.proto == 58 && r.sport == 0 && r.dport == 0 && r.tcpflags == 0);
	n = off + put_ip6(b + off, NL_PROTO_UDP, 8);
	len = n + put_udp(b + n, 546, 547);
	T(parse_prefix(b, len, &r) == NL_PARSE_OK);
	T(r.proto == NL_PROTO_UDP && r.sport == 546 && r.dport == 547);
	check_prefixes(b, len, n + 4);
	n = off + put_ip6(b + off, 59, 0);
	T(parse_prefix(b, n, &r) == NL_PARSE_OK);
	T(r.proto == 59);

	/* flags: all of them, none, and AE alone (no letter in 4.99.3) */
	len = off + tcp6(b + off, 1, 2, 0x1ff);
	T(parse_prefix(b, len, &r) == NL_PARSE_OK);
	T(r.tcpflags == 0x1ff);
	T_STR(nl_tcpflags_str(r.tcpflags, flags, sizeof(flags)), "FSRP.UEW");
	T(!nl_record_is_syn(&r));
	len = off + tcp6(b + off, 1, 2, NL_TH_AE);
	T(parse_prefix(b, len, &r) == NL_PARSE_OK);
	T(r.tcpflags == NL_TH_AE);
	T_STR(nl_tcpflags_str(r.tcpflags, flags, sizeof(flags)), "");
	T_STR(nl_tcpflags_str(NL_TH_SYN | NL_TH_ACK | NL_TH_PUSH, flags,
	    sizeof(flags)), "SP.");
	T_STR(nl_tcpflags_str(0x0ff, flags, 4), "FSR");
	T(parse_prefix(b, len, &r) == NL_PARSE_OK);
	r.tcpflags = NL_TH_SYN | NL_TH_ECE | NL_TH_CWR | NL_TH_AE;
	T(nl_record_is_syn(&r));
	r.tcpflags = NL_TH_SYN | NL_TH_ACK;
	T(!nl_record_is_syn(&r));
	r.proto = NL_PROTO_UDP;
	r.tcpflags = NL_TH_SYN;
	T(!nl_record_is_syn(&r));
}

/* only a SYN opens: with FIN or RST beside it, it is no sender's first */
static void
test_syn_flags(void)
{
	struct nl_record	r;

	memset(&r, 0, sizeof(r));
	r.proto = NL_PROTO_TCP;
	r.tcpflags = NL_TH_SYN;
	T(nl_record_is_syn(&r));
	r.tcpflags = NL_TH_SYN | NL_TH_ECE | NL_TH_CWR | NL_TH_PUSH;
	T(nl_record_is_syn(&r));
	r.tcpflags = NL_TH_SYN | NL_TH_FIN;
	T(!nl_record_is_syn(&r));
	r.tcpflags = NL_TH_SYN | NL_TH_RST;
	T(!nl_record_is_syn(&r));
	r.tcpflags = NL_TH_SYN | NL_TH_FIN | NL_TH_RST | NL_TH_ECE;
	T(!nl_record_is_syn(&r));
	r.tcpflags = NL_TH_SYN | NL_TH_ACK;
	T(!nl_record_is_syn(&r));
	r.proto = NL_PROTO_UDP;
	r.tcpflags = NL_TH_SYN;
	T(!nl_record_is_syn(&r));
}

int
main(void)
{
	test_syn_flags();
	test_variants();
	test_actions();
	test_dirs();
	test_header_fields();
	test_odd_headers();
	test_ip4();
	test_ip6();
	T_STR(nl_parse_strerror(NL_PARSE_TRUNCATED), "truncated record");
	return t_done();
}
