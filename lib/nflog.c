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
 * DLT_NFLOG: a 4-byte header (family, version, resource id), then
 * netlink attributes: u16 length and u16 type in the reader's byte order
 * (libpcap swaps them when the file was written on the other one), each
 * padded to 4 bytes.
 *
 * We take the prefix (the log statement's text: our ifname and the source
 * of the action), the hook (the direction) and the payload (the packet).
 * The payload attribute alone may run past the capture: a snapshot length
 * cuts it like any packet, and the IP parser then sees what was captured.
 * Any other attribute that does is truncated, and one shorter than its own
 * header is malformed: the walk never loops or reads past caplen.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "parse.h"

#define NFLOG_HDRLEN	4
#define NFLOG_VERSION	1	/* the only one there is: 0 */
#define NFLOG_TLVLEN	4

/* attribute types (linux/netfilter/nfnetlink_log.h) */
#define NFULA_PACKET_HDR	1
#define NFULA_PAYLOAD		9
#define NFULA_PREFIX		10
#define NFULA_SEQ		12	/* be32, with NFULNL_CFG_F_SEQ */
/* netlink's flag bits in the type field */
#define NLA_TYPE_MASK		0x3fff

#define NFPROTO_IPV4		2
#define NFPROTO_ARP		3
#define NFPROTO_NETDEV		5
#define NFPROTO_IPV6		10

/* the hook byte follows the be16 hw_protocol in NFULA_PACKET_HDR */
#define NFLOG_HOOK		2
#define NFLOG_PKTHDRLEN		4

struct nflog_walk {
	const uint8_t	*payload;
	size_t		 paylen;
	const uint8_t	*prefix;
	size_t		 prefixlen;
	int		 hook;		/* -1: none logged */
	const uint8_t	*seq;
};

static int
nflog_walk(const uint8_t *p, size_t caplen, struct nflog_walk *w)
{
	size_t	off, len, padded;
	int	type;

	for (off = NFLOG_HDRLEN; off < caplen; off += padded) {
		if (caplen - off < NFLOG_TLVLEN)
			return NL_PARSE_TRUNCATED;
		len = nl_get16h(p + off);
		type = nl_get16h(p + off + 2) & NLA_TYPE_MASK;
		if (len < NFLOG_TLVLEN)
			return NL_PARSE_MALFORMED;
		padded = (len + 3) & ~(size_t)3;
		if (type == NFULA_PAYLOAD) {
			w->payload = p + off + NFLOG_TLVLEN;
			w->paylen = len - NFLOG_TLVLEN;
			if (w->paylen > caplen - off - NFLOG_TLVLEN)
				w->paylen = caplen - off - NFLOG_TLVLEN;
			/* a cut payload is the last thing we can see */
			if (len > caplen - off)
				return NL_PARSE_OK;
			continue;
		}
		if (len > caplen - off)
			return NL_PARSE_TRUNCATED;
		if (type == NFULA_PREFIX) {
			w->prefix = p + off + NFLOG_TLVLEN;
			w->prefixlen = len - NFLOG_TLVLEN;
		} else if (type == NFULA_PACKET_HDR &&
		    len >= NFLOG_TLVLEN + NFLOG_PKTHDRLEN)
			w->hook = p[off + NFLOG_TLVLEN + NFLOG_HOOK];
		else if (type == NFULA_SEQ && len == NFLOG_TLVLEN + 4)
			w->seq = p + off + NFLOG_TLVLEN;
		/* the last attribute's padding may be left out */
		if (padded > caplen - off)
			padded = caplen - off;
	}
	return NL_PARSE_OK;
}

/*
 * Hook numbers: ip, ip6, inet and bridge count prerouting, input,
 * forward, output, postrouting from 0; netdev (ingress, egress) and arp
 * (in, out) have only two.
 */
static int
nflog_dir(int family, int hook)
{
	if (family == NFPROTO_NETDEV || family == NFPROTO_ARP) {
		if (hook == 0)
			return NL_DIR_IN;
		if (hook == 1)
			return NL_DIR_OUT;
		return NL_DIR_UNKNOWN;
	}
	switch (hook) {
	case 0:
	case 1:
		return NL_DIR_IN;
	case 3:
	case 4:
		return NL_DIR_OUT;
	default:
		return NL_DIR_UNKNOWN;
	}
}

static void
nflog_prefix(const uint8_t *p, size_t len, struct nl_record *r)
{
	const uint8_t	*end;

	if ((end = memchr(p, '\0', len)) != NULL)
		len = (size_t)(end - p);
	if (len > sizeof(r->ifname) - 1)
		len = sizeof(r->ifname) - 1;
	memcpy(r->ifname, p, len);
	r->ifname[len] = '\0';
	if (memcmp(r->ifname, "pass", 4) == 0)
		r->action = NL_ACT_PASS;
	else if (memcmp(r->ifname, "block", 5) == 0)
		r->action = NL_ACT_BLOCK;
}

/*
 * The family in the header, when it is ip or ip6, says what the payload
 * is; inet, bridge and netdev tables log other families' packets, and
 * then the packet's own version says it. hw_protocol is not trusted: it
 * is the link layer's idea and absent or zero in some paths.
 */
static int
nflog_af(int family, const uint8_t *payload, size_t paylen)
{
	if (family == NFPROTO_IPV4)
		return NL_AF4;
	if (family == NFPROTO_IPV6)
		return NL_AF6;
	if (paylen < 1)
		return -1;
	switch (payload[0] >> 4) {
	case 4:
		return NL_AF4;
	case 6:
		return NL_AF6;
	default:
		return 0;
	}
}

int
nl_parse_nflog(const uint8_t *p, size_t caplen, struct nl_record *r)
{
	struct nflog_walk	 w;
	int			 rv, af;

	nl_record_clear(r);

	if (caplen < NFLOG_HDRLEN)
		return NL_PARSE_TRUNCATED;
	if (p[NFLOG_VERSION] != 0)
		return NL_PARSE_MALFORMED;
	memset(&w, 0, sizeof(w));
	w.hook = -1;
	rv = nflog_walk(p, caplen, &w);
	/* counted even for a record cut short: it was not lost */
	if (w.seq != NULL) {
		r->has_seq = 1;
		r->group = nl_get16(p + 2);
		r->seq = nl_get32(w.seq);
	}
	if (rv != NL_PARSE_OK)
		return rv;
	if (w.prefix != NULL)
		nflog_prefix(w.prefix, w.prefixlen, r);
	r->dir = nflog_dir(p[0], w.hook);
	/* a record with no packet in it ended before the one thing we need */
	if (w.payload == NULL)
		return NL_PARSE_TRUNCATED;
	if ((af = nflog_af(p[0], w.payload, w.paylen)) == -1)
		return NL_PARSE_TRUNCATED;
	if (af == 0)
		return NL_PARSE_NOTIP;
	return nl_parse_ip(w.payload, w.paylen, af, r);
}
