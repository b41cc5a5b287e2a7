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
 * The IP packet inside a log record: addresses, transport protocol, ports
 * and TCP flags. The log says who knocked; this says on which port and
 * whether it was the opening SYN.
 */
#include <stddef.h>
#include <stdint.h>

#include "parse.h"

#define IP4_HDRLEN	20
#define IP6_HDRLEN	40
#define TCP_MINLEN	14	/* ports, sequence, ack, offset and flags */
#define UDP_MINLEN	4	/* ports */

#define IP4_OFFMASK	0x1fff
#define IP6_OFFMASK	0xfff8

/* IPv6 extension headers we step over to reach the transport header */
#define IP6_HOPOPTS	0
#define IP6_ROUTING	43
#define IP6_FRAGMENT	44
#define IP6_AH		51
#define IP6_DSTOPTS	60
#define IP6_FRAGLEN	8
/* more than any real packet carries; bounds the walk over hostile chains */
#define IP6_MAXEXT	8

/*
 * The transport header at p, len bytes of it captured. A fragment that is
 * not the first carries no transport header: its ports and flags stay 0.
 */
static int
parse_transport(const uint8_t *p, size_t len, int first, struct nl_record *r)
{
	if (!first)
		return NL_PARSE_OK;
	switch (r->proto) {
	case NL_PROTO_TCP:
		if (len < TCP_MINLEN)
			return NL_PARSE_TRUNCATED;
		r->sport = nl_get16(p);
		r->dport = nl_get16(p + 2);
		r->tcpflags = p[13] | (p[12] & 0x01 ? NL_TH_AE : 0);
		break;
	case NL_PROTO_UDP:
		if (len < UDP_MINLEN)
			return NL_PARSE_TRUNCATED;
		r->sport = nl_get16(p);
		r->dport = nl_get16(p + 2);
		break;
	}
	return NL_PARSE_OK;
}

static int
parse_ip4(const uint8_t *p, size_t caplen, struct nl_record *r)
{
	size_t	hlen, totlen;
	int	first;

	if (caplen < IP4_HDRLEN)
		return NL_PARSE_TRUNCATED;
	if (p[0] >> 4 != 4)
		return NL_PARSE_MALFORMED;
	hlen = (size_t)(p[0] & 0x0f) * 4;
	if (hlen < IP4_HDRLEN)
		return NL_PARSE_MALFORMED;
	/* a zero length is what a TSO send looks like before segmentation */
	totlen = nl_get16(p + 2);
	if (totlen == 0)
		totlen = caplen;
	if (totlen < hlen)
		return NL_PARSE_MALFORMED;
	if (caplen < hlen)
		return NL_PARSE_TRUNCATED;
	if (caplen > totlen)
		caplen = totlen;
	r->proto = p[9];
	nl_addr_set4(&r->src, p + 12);
	nl_addr_set4(&r->dst, p + 16);
	first = (nl_get16(p + 6) & IP4_OFFMASK) == 0;
	return parse_transport(p + hlen, caplen - hlen, first, r);
}

static int
parse_ip6(const uint8_t *p, size_t caplen, struct nl_record *r)
{
	size_t	off, extlen, plen;
	int	next, n, first = 1;

	if (caplen < IP6_HDRLEN)
		return NL_PARSE_TRUNCATED;
	if (p[0] >> 4 != 6)
		return NL_PARSE_MALFORMED;
	/* zero is a jumbogram's length: then only the capture bounds it */
	plen = nl_get16(p + 4);
	if (plen != 0 && caplen > IP6_HDRLEN + plen)
		caplen = IP6_HDRLEN + plen;
	nl_addr_set6(&r->src, p + 8);
	nl_addr_set6(&r->dst, p + 24);
	next = p[6];
	off = IP6_HDRLEN;
	for (n = 0; first; n++) {
		if (next != IP6_HOPOPTS && next != IP6_ROUTING &&
		    next != IP6_FRAGMENT && next != IP6_AH &&
		    next != IP6_DSTOPTS)
			break;
		if (n == IP6_MAXEXT)
			return NL_PARSE_MALFORMED;
		if (caplen - off < 2)
			return NL_PARSE_TRUNCATED;
		if (next == IP6_FRAGMENT) {
			extlen = IP6_FRAGLEN;
			if (caplen - off < 4)
				return NL_PARSE_TRUNCATED;
			first = (nl_get16(p + off + 2) & IP6_OFFMASK) == 0;
		} else if (next == IP6_AH)
			extlen = ((size_t)p[off + 1] + 2) * 4;
		else
			extlen = ((size_t)p[off + 1] + 1) * 8;
		next = p[off];
		if (caplen - off < extlen) {
			/* a later fragment needs no more than its next header */
			if (!first)
				break;
			return NL_PARSE_TRUNCATED;
		}
		off += extlen;
	}
	r->proto = (uint8_t)next;
	return parse_transport(p + off, caplen - off, first, r);
}

/*
 * af is the family the log header announced, NL_AF4 or NL_AF6; a packet
 * of the other version is malformed, not reinterpreted.
 */
int
nl_parse_ip(const uint8_t *p, size_t caplen, int af, struct nl_record *r)
{
	int	rv;

	r->proto = 0;
	r->sport = r->dport = 0;
	r->tcpflags = 0;
	switch (af) {
	case NL_AF4:
		rv = parse_ip4(p, caplen, r);
		break;
	case NL_AF6:
		rv = parse_ip6(p, caplen, r);
		break;
	default:
		return NL_PARSE_NOTIP;
	}
	/* whatever a caller does with a failed record, it is no SYN */
	if (rv != NL_PARSE_OK) {
		r->proto = 0;
		r->sport = r->dport = 0;
		r->tcpflags = 0;
	}
	return rv;
}
