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
 * NFLOG records built attribute by attribute, as the kernel lays them
 * out (packet header, prefix, interface, mark, ..., payload last), and
 * every prefix of each in a buffer of its own exact size.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rec.h"
#include "seqgap.h"

#define BUFLEN	1024

#define NFPROTO_INET	1
#define NFPROTO_IPV4	2
#define NFPROTO_ARP	3
#define NFPROTO_NETDEV	5
#define NFPROTO_BRIDGE	7
#define NFPROTO_IPV6	10

#define NFULA_PACKET_HDR	1
#define NFULA_MARK		2
#define NFULA_TIMESTAMP		3
#define NFULA_IFINDEX_INDEV	4
#define NFULA_PAYLOAD		9
#define NFULA_PREFIX		10
#define NFULA_UID		11
#define NFULA_SEQ		12

#define NOHOOK	-1

static const uint8_t src4[4] = { 198, 51, 100, 7 };
static const uint8_t dst4[4] = { 203, 0, 113, 25 };
static const uint8_t src6[16] = { 0x20, 0x01, 0x0d, 0xb8, 1, [15] = 7 };
static const uint8_t dst6[16] = { 0x20, 0x01, 0x0d, 0xb8, 2, [15] = 25 };

/* the attribute header is in the reader's (our) byte order */
static size_t
put_tlv(uint8_t *p, int type, const void *data, size_t len)
{
	uint16_t	h[2];
	size_t		padded = (4 + len + 3) & ~(size_t)3;

	h[0] = (uint16_t)(4 + len);
	h[1] = (uint16_t)type;
	memset(p, 0, padded);
	memcpy(p, h, sizeof(h));
	memcpy(p + 4, data, len);
	return padded;
}

static size_t
tcp4(uint8_t *p, unsigned sport, unsigned dport, unsigned flags)
{
	memset(p, 0, 40);
	p[0] = 0x45;
	rec_put16(p + 2, 40);
	p[8] = 64;
	p[9] = NL_PROTO_TCP;
	memcpy(p + 12, src4, 4);
	memcpy(p + 16, dst4, 4);
	rec_put16(p + 20, sport);
	rec_put16(p + 22, dport);
	p[32] = 5 << 4;
	p[33] = (uint8_t)flags;
	return 40;
}

static size_t
tcp6(uint8_t *p, unsigned sport, unsigned dport, unsigned flags)
{
	memset(p, 0, 60);
	p[0] = 0x60;
	rec_put16(p + 4, 20);
	p[6] = NL_PROTO_TCP;
	p[7] = 64;
	memcpy(p + 8, src6, 16);
	memcpy(p + 24, dst6, 16);
	rec_put16(p + 40, sport);
	rec_put16(p + 42, dport);
	p[52] = 5 << 4;
	p[53] = (uint8_t)flags;
	return 60;
}

struct rec {
	int		 family;
	int		 hook;		/* NOHOOK: no packet header */
	const char	*prefix;	/* NULL: no prefix attribute */
	int		 version;	/* 4, 6, or 0 for an ARP payload */
};

/*
 * The record; *need is where the fields we need end (the payload's
 * first 14 TCP bytes).
 */
static size_t
build(uint8_t *b, const struct rec *rc, size_t *need)
{
	uint8_t		 pkt[64], ph[4];
	uint32_t	 v32 = 3;
	uint8_t		 ts[16] = { 0 };
	size_t		 n, plen;

	b[0] = (uint8_t)rc->family;
	b[1] = 0;
	rec_put16(b + 2, 42);
	n = 4;
	if (rc->hook != NOHOOK) {
		rec_put16(ph, rc->version == 6 ? 0x86dd : 0x0800);
		ph[2] = (uint8_t)rc->hook;
		ph[3] = 0;
		n += put_tlv(b + n, NFULA_PACKET_HDR, ph, sizeof(ph));
	}
	if (rc->prefix != NULL)
		n += put_tlv(b + n, NFULA_PREFIX, rc->prefix,
		    strlen(rc->prefix) + 1);
	n += put_tlv(b + n, NFULA_IFINDEX_INDEV, &v32, 4);
	n += put_tlv(b + n, NFULA_MARK, &v32, 4);
	n += put_tlv(b + n, NFULA_TIMESTAMP, ts, sizeof(ts));
	n += put_tlv(b + n, NFULA_UID, &v32, 4);
	if (rc->version == 4)
		plen = tcp4(pkt, 34567, 25, NL_TH_SYN);
	else if (rc->version == 6)
		plen = tcp6(pkt, 34567, 25, NL_TH_SYN);
	else {
		memset(pkt, 0, 28);
		rec_put16(pkt, 1);		/* ARP over Ethernet */
		rec_put16(pkt + 2, 0x0800);
		plen = 28;
	}
	*need = n + 4 + (rc->version == 6 ? 40 : 20) + 14;
	return n + put_tlv(b + n, NFULA_PAYLOAD, pkt, plen);
}

static int
parse_prefix(const uint8_t *b, size_t n, struct nl_record *r)
{
	return rec_parse_prefix(nl_parse_nflog, b, n, r);
}

static void
check_prefixes(const uint8_t *b, size_t len, size_t need)
{
	rec_check_prefixes(nl_parse_nflog, b, len, need);
}

/* families, hooks and prefixes: every field of the record */
static void
test_records(void)
{
	static const int	 families[] = { NFPROTO_IPV4, NFPROTO_IPV6,
	    NFPROTO_INET, NFPROTO_BRIDGE, NFPROTO_NETDEV };
	static const struct {
		const char	*prefix;
		int		 action;
	} prefixes[] = {
		{ NULL, NL_ACT_UNKNOWN },
		{ "", NL_ACT_UNKNOWN },
		{ "pass smtp: ", NL_ACT_PASS },
		{ "block fake-mx ", NL_ACT_BLOCK },
		{ "blocked", NL_ACT_BLOCK },
		{ "nolistd", NL_ACT_UNKNOWN },
		{ "Pass", NL_ACT_UNKNOWN },
		{ "pas", NL_ACT_UNKNOWN }
	};
	struct nl_record	 r;
	struct rec		 rc;
	uint8_t			 b[BUFLEN];
	size_t			 f, p, len, need;
	int			 v, hook, want;
	char			 flags[NL_TCPFLAGSLEN];

	for (f = 0; f < sizeof(families) / sizeof(families[0]); f++)
		for (v = 4; v <= 6; v += 2)
			for (p = 0; p < sizeof(prefixes) / sizeof(prefixes[0]);
			    p++)
				for (hook = NOHOOK; hook <= 5; hook++) {
					if ((families[f] == NFPROTO_IPV4 &&
					    v == 6) ||
					    (families[f] == NFPROTO_IPV6 &&
					    v == 4))
						continue;
					rc = (struct rec){ families[f], hook,
					    prefixes[p].prefix, v };
					len = build(b, &rc, &need);
					T(parse_prefix(b, len, &r) ==
					    NL_PARSE_OK);
					T_STR(r.ifname, prefixes[p].prefix ?
					    prefixes[p].prefix : "");
					T(r.action == prefixes[p].action);
					T(r.rule == -1);
					if (families[f] == NFPROTO_NETDEV)
						want = hook == 0 ? NL_DIR_IN :
						    hook == 1 ? NL_DIR_OUT :
						    NL_DIR_UNKNOWN;
					else
						want = hook == 0 || hook == 1 ?
						    NL_DIR_IN : hook == 3 ||
						    hook == 4 ? NL_DIR_OUT :
						    NL_DIR_UNKNOWN;
					T(r.dir == want);
					T(r.src.af == (v == 4 ? NL_AF4 :
					    NL_AF6));
					T(memcmp(r.src.a, v == 4 ? src4 : src6,
					    v == 4 ? 4 : 16) == 0);
					T(memcmp(r.dst.a, v == 4 ? dst4 : dst6,
					    v == 4 ? 4 : 16) == 0);
					T(r.sport == 34567 && r.dport == 25);
					T_STR(nl_tcpflags_str(r.tcpflags, flags,
					    sizeof(flags)), "S");
					T(nl_record_is_syn(&r));
					check_prefixes(b, len, need);
				}
}

static void
test_families(void)
{
	struct nl_record	 r;
	struct rec		 rc;
	uint8_t			 b[BUFLEN];
	size_t			 len, need;

	/* the header's family and the packet's version disagree */
	rc = (struct rec){ NFPROTO_IPV4, 0, "block", 6 };
	len = build(b, &rc, &need);
	T(parse_prefix(b, len, &r) == NL_PARSE_MALFORMED);
	T(!nl_record_is_syn(&r));
	rc = (struct rec){ NFPROTO_IPV6, 0, "block", 4 };
	len = build(b, &rc, &need);
	T(parse_prefix(b, len, &r) == NL_PARSE_MALFORMED);
	T(!nl_record_is_syn(&r));

	/* not IP at all: ARP, logged by arp or bridge tables */
	rc = (struct rec){ NFPROTO_ARP, 0, "arp", 0 };
	len = build(b, &rc, &need);
	T(parse_prefix(b, len, &r) == NL_PARSE_NOTIP);
	T(r.dir == NL_DIR_IN);
	rc = (struct rec){ NFPROTO_BRIDGE, 0, "arp", 0 };
	len = build(b, &rc, &need);
	T(parse_prefix(b, len, &r) == NL_PARSE_NOTIP);
	T(!nl_record_is_syn(&r));

	/* a version of the header we do not know */
	rc = (struct rec){ NFPROTO_IPV4, 0, "pass", 4 };
	len = build(b, &rc, &need);
	b[1] = 1;
	T(parse_prefix(b, len, &r) == NL_PARSE_MALFORMED);
}

static void
test_attributes(void)
{
	struct nl_record	 r;
	struct rec		 rc = { NFPROTO_IPV4, 1, "pass in", 4 };
	uint8_t			 b[BUFLEN], pkt[64], name[200];
	uint16_t		 h;
	size_t			 len, need, n, i;

	/* lengths under the attribute's own header */
	len = build(b, &rc, &need);
	for (i = 0; i < 4; i++) {
		h = (uint16_t)i;
		memcpy(b + 4, &h, 2);
		T(parse_prefix(b, len, &r) == NL_PARSE_MALFORMED);
		T(!nl_record_is_syn(&r));
	}
	/* an attribute (not the payload) running past the capture */
	len = build(b, &rc, &need);
	h = 0x7ff0;
	memcpy(b + 4, &h, 2);
	T(parse_prefix(b, len, &r) == NL_PARSE_TRUNCATED);
	T(!nl_record_is_syn(&r));

	/* netlink's flag bits in the type do not change the type */
	len = build(b, &rc, &need);
	h = NFULA_PACKET_HDR | 0x4000;
	memcpy(b + 6, &h, 2);
	T(parse_prefix(b, len, &r) == NL_PARSE_OK);
	T(r.dir == NL_DIR_IN);

	/* no payload: the record ended before the packet */
	n = 4;
	b[0] = NFPROTO_IPV4;
	b[1] = 0;
	n += put_tlv(b + n, NFULA_PREFIX, "pass", 5);
	T(parse_prefix(b, n, &r) == NL_PARSE_TRUNCATED);
	T(parse_prefix(b, 4, &r) == NL_PARSE_TRUNCATED);

	/* the payload need not be last; the last padding may be missing */
	n = 4;
	n += put_tlv(b + n, NFULA_PAYLOAD, pkt, tcp4(pkt, 1, 25, NL_TH_SYN));
	n += put_tlv(b + n, NFULA_PREFIX, "block x", 7);
	T(parse_prefix(b, n - 1, &r) == NL_PARSE_OK);
	T_STR(r.ifname, "block x");
	T(r.action == NL_ACT_BLOCK && nl_record_is_syn(&r));
	/* cut inside the prefix: truncated; cut before it: no prefix */
	T(parse_prefix(b, n - 2, &r) == NL_PARSE_TRUNCATED);
	T(parse_prefix(b, n - 12, &r) == NL_PARSE_OK);
	T_STR(r.ifname, "");

	/* a prefix longer than ours, and one without its NUL */
	memset(name, 'p', sizeof(name));
	n = 4;
	n += put_tlv(b + n, NFULA_PREFIX, name, sizeof(name));
	n += put_tlv(b + n, NFULA_PAYLOAD, pkt, tcp4(pkt, 1, 25, NL_TH_SYN));
	T(parse_prefix(b, n, &r) == NL_PARSE_OK);
	T(strlen(r.ifname) == NL_IFNAMELEN - 1);
	n = 4;
	n += put_tlv(b + n, NFULA_PREFIX, "passive", 3);
	n += put_tlv(b + n, NFULA_PAYLOAD, pkt, tcp4(pkt, 1, 25, NL_TH_SYN));
	T(parse_prefix(b, n, &r) == NL_PARSE_OK);
	T_STR(r.ifname, "pas");
	T(r.action == NL_ACT_UNKNOWN);

	/* a packet header too short to hold the hook */
	n = 4;
	n += put_tlv(b + n, NFULA_PACKET_HDR, "\x08", 1);
	n += put_tlv(b + n, NFULA_PAYLOAD, pkt, tcp4(pkt, 1, 25, NL_TH_SYN));
	T(parse_prefix(b, n, &r) == NL_PARSE_OK);
	T(r.dir == NL_DIR_UNKNOWN);

	/* a family-less header and an empty payload */
	b[0] = NFPROTO_BRIDGE;
	n = 4;
	n += put_tlv(b + n, NFULA_PAYLOAD, pkt, 0);
	T(parse_prefix(b, n, &r) == NL_PARSE_TRUNCATED);
}

/* zeek's nflog-bad-tlv-len.pcap: one attribute of length 1 */
static void
test_zeek_bad_tlv(void)
{
	struct nl_record	 r;
	uint8_t			 b[12] = { 2, 0, 0, 0 };
	uint16_t		 h[2] = { 1, 1 };

	memcpy(b + 4, h, sizeof(h));
	T(parse_prefix(b, sizeof(b), &r) == NL_PARSE_MALFORMED);
	T(!nl_record_is_syn(&r));
}

/* NFULA_SEQ (with NFULNL_CFG_F_SEQ): the group's record number */
static void
test_seq(void)
{
	struct nl_record	 r;
	uint8_t			 b[BUFLEN], pkt[64];
	const uint8_t		 seq[4] = { 0x01, 0x02, 0x03, 0x04 };
	size_t			 n;

	n = 4;
	b[0] = NFPROTO_IPV4;
	b[1] = 0;
	rec_put16(b + 2, 25);
	n += put_tlv(b + n, NFULA_PREFIX, "block", 6);
	n += put_tlv(b + n, NFULA_SEQ, seq, 4);
	n += put_tlv(b + n, NFULA_PAYLOAD, pkt, tcp4(pkt, 1, 25, NL_TH_SYN));
	T(parse_prefix(b, n, &r) == NL_PARSE_OK);
	T(r.has_seq && r.group == 25 && r.seq == 0x01020304);
	/* a record cut in its payload still says its number */
	T(parse_prefix(b, n - 30, &r) == NL_PARSE_TRUNCATED);
	T(r.has_seq && r.seq == 0x01020304);
	/* cut inside the number: none */
	T(parse_prefix(b, 4 + 12 + 6, &r) == NL_PARSE_TRUNCATED);
	T(!r.has_seq);
	/* a number of the wrong size is not one */
	n = 4;
	n += put_tlv(b + n, NFULA_SEQ, seq, 2);
	n += put_tlv(b + n, NFULA_PAYLOAD, pkt, tcp4(pkt, 1, 25, NL_TH_SYN));
	T(parse_prefix(b, n, &r) == NL_PARSE_OK);
	T(!r.has_seq);
	n = 4;
	n += put_tlv(b + n, NFULA_PAYLOAD, pkt, tcp4(pkt, 1, 25, NL_TH_SYN));
	T(parse_prefix(b, n, &r) == NL_PARSE_OK);
	T(!r.has_seq);
}

static void
test_seqgap(void)
{
	struct nl_seqgap	sg;
	unsigned int		i;
	uint32_t		lost = 0;

	nl_seqgap_init(&sg);
	T(nl_seqgap_check(&sg, 25, 100) == 0);	/* where it stands */
	T(nl_seqgap_check(&sg, 25, 101) == 0);
	T(nl_seqgap_check(&sg, 25, 105) == 3);
	T(nl_seqgap_check(&sg, 26, 7) == 0);	/* groups apart */
	T(nl_seqgap_check(&sg, 25, 106) == 0);
	T(nl_seqgap_check(&sg, 26, 9) == 1);
	/* the group made again counts from 0: no loss */
	T(nl_seqgap_check(&sg, 25, 0) == 0);
	T(nl_seqgap_check(&sg, 25, 1) == 0);
	/* across the wrap */
	T(nl_seqgap_check(&sg, 27, UINT32_MAX - 1) == 0);
	T(nl_seqgap_check(&sg, 27, 1) == 2);
	/* more groups than it follows: the others are not counted */
	for (i = 0; i < NL_SEQGAP_GROUPS + 4; i++) {
		nl_seqgap_check(&sg, (uint16_t)(1000 + i), 0);
		lost += nl_seqgap_check(&sg, (uint16_t)(1000 + i), 10);
	}
	T(lost == 9 * (NL_SEQGAP_GROUPS - 3));
}

int
main(void)
{
	test_records();
	test_families();
	test_attributes();
	test_zeek_bad_tlv();
	test_seq();
	test_seqgap();
	return t_done();
}
