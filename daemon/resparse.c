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

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "resparse.h"

#define HDR_QR		0x80
#define HDR_TC		0x02
#define RRS_NONE	((size_t)-1)

static uint16_t
get16(const uint8_t *p)
{
	return (uint16_t)p[0] << 8 | p[1];
}

/* Is it a reply to our query id, with one question, the one we asked? */
static int
reply_question(const uint8_t *w, size_t len, size_t *pos, uint16_t id,
    const ldns_rdf *qname, uint16_t qtype)
{
	ldns_rr	*q;
	int	 ours;

	if (len < LDNS_HEADER_SIZE)
		return REPLY_GARBAGE;
	if (get16(w) != id || (w[2] & HDR_QR) == 0 ||
	    ((w[2] >> 3) & 0x0f) != LDNS_PACKET_QUERY || get16(w + 4) != 1)
		return REPLY_OTHER;
	*pos = LDNS_HEADER_SIZE;
	if (ldns_wire2rr(&q, w, len, pos, LDNS_SECTION_QUESTION) !=
	    LDNS_STATUS_OK)
		return REPLY_GARBAGE;
	ours = ldns_rr_get_type(q) == qtype &&
	    ldns_rr_get_class(q) == LDNS_RR_CLASS_IN &&
	    ldns_dname_compare(ldns_rr_owner(q), qname) == 0;
	ldns_rr_free(q);
	return ours ? REPLY_OURS : REPLY_OTHER;
}

/*
 * Read up to RES_MAX_PARSE of n records into list (when not NULL) or
 * skip them; -1 when they do not parse.
 */
static int
read_rrs(const uint8_t *w, size_t len, size_t *pos, size_t n,
    ldns_pkt_section sec, ldns_rr_list *list)
{
	ldns_rr	*rr;
	size_t	 i;

	for (i = 0; i < n && i < RES_MAX_PARSE; i++) {
		if (ldns_wire2rr(&rr, w, len, pos, sec) != LDNS_STATUS_OK)
			return -1;
		if (list == NULL || !ldns_rr_list_push_rr(list, rr))
			ldns_rr_free(rr);
	}
	return 0;
}

/* The SOA minimum bounds how long a negative answer lives (RFC 2308). */
static uint32_t
negative_ttl(const uint8_t *w, size_t len, size_t pos)
{
	ldns_rr_list	*auth;
	const ldns_rr	*rr;
	const ldns_rdf	*min;
	uint32_t	 ttl = RES_NEG_TTL;
	size_t		 i;

	if (get16(w + 6) > RES_MAX_PARSE || (auth = ldns_rr_list_new()) == NULL)
		return RES_NEG_TTL;
	if (read_rrs(w, len, &pos, get16(w + 6), LDNS_SECTION_ANSWER,
	    NULL) == -1 || read_rrs(w, len, &pos, get16(w + 8),
	    LDNS_SECTION_AUTHORITY, auth) == -1) {
		ldns_rr_list_deep_free(auth);
		return RES_NEG_TTL;
	}
	for (i = 0; i < ldns_rr_list_rr_count(auth); i++) {
		rr = ldns_rr_list_rr(auth, i);
		if (ldns_rr_get_type(rr) != LDNS_RR_TYPE_SOA ||
		    (min = ldns_rr_rdf(rr, 6)) == NULL)
			continue;
		ttl = ldns_rdf2native_int32(min);
		if (ldns_rr_ttl(rr) < ttl)
			ttl = ldns_rr_ttl(rr);
		break;
	}
	ldns_rr_list_deep_free(auth);
	return ttl;
}

/* The first record not yet taken of a type owned by name. */
static size_t
find_rr(const ldns_rr_list *all, const bool *taken, const ldns_rdf *name,
    uint16_t type)
{
	const ldns_rr	*rr;
	size_t		 i;

	for (i = 0; i < ldns_rr_list_rr_count(all); i++) {
		rr = ldns_rr_list_rr(all, i);
		if (!taken[i] && ldns_rr_get_type(rr) == type &&
		    ldns_rr_rd_count(rr) > 0 &&
		    ldns_dname_compare(ldns_rr_owner(rr), name) == 0)
			return i;
	}
	return RRS_NONE;
}

/* Move the chain and the records at its end to keep; free the rest. */
static void
trim(ldns_rr_list *all, ldns_rr_list *keep, const ldns_rdf *qname,
    uint16_t qtype)
{
	bool		 taken[RES_MAX_PARSE] = { false };
	const ldns_rdf	*name = qname;
	ldns_rr		*rr;
	size_t		 i, n;

	for (n = 0; qtype != LDNS_RR_TYPE_CNAME && n < RES_MAX_CHAIN; n++) {
		if ((i = find_rr(all, taken, name, LDNS_RR_TYPE_CNAME)) ==
		    RRS_NONE)
			break;
		rr = ldns_rr_list_rr(all, i);
		if (!ldns_rr_list_push_rr(keep, rr))
			break;
		taken[i] = true;
		name = ldns_rr_rdf(rr, 0);
	}
	for (n = 0; n < RES_MAX_RRS; n++) {
		if ((i = find_rr(all, taken, name, qtype)) == RRS_NONE ||
		    !ldns_rr_list_push_rr(keep, ldns_rr_list_rr(all, i)))
			break;
		taken[i] = true;
	}
	for (i = 0; i < ldns_rr_list_rr_count(all); i++)
		if (!taken[i])
			ldns_rr_free(ldns_rr_list_rr(all, i));
	ldns_rr_list_free(all);
}

/* The records of the answer section we keep, and the least TTL of all. */
static int
reply_answer(struct res_reply *rp, const uint8_t *w, size_t len, size_t pos,
    const ldns_rdf *qname, uint16_t qtype)
{
	ldns_rr_list	*all;
	size_t		 i;

	if ((all = ldns_rr_list_new()) == NULL)
		return -1;
	if (read_rrs(w, len, &pos, get16(w + 6), LDNS_SECTION_ANSWER,
	    all) == -1 || (rp->rrs = ldns_rr_list_new()) == NULL) {
		ldns_rr_list_deep_free(all);
		return -1;
	}
	rp->ttl = UINT32_MAX;
	for (i = 0; i < ldns_rr_list_rr_count(all); i++)
		if (ldns_rr_ttl(ldns_rr_list_rr(all, i)) < rp->ttl)
			rp->ttl = ldns_rr_ttl(ldns_rr_list_rr(all, i));
	trim(all, rp->rrs, qname, qtype);
	return 0;
}

/*
 * Parse w as the reply to query id for qname and qtype. For REPLY_OURS
 * the caller owns rp->rrs (NULL unless NOERROR with answers).
 */
int
res_reply_parse(struct res_reply *rp, const uint8_t *w, size_t len,
    uint16_t id, const ldns_rdf *qname, uint16_t qtype)
{
	size_t	pos = 0;
	int	kind;

	memset(rp, 0, sizeof(*rp));
	if ((kind = reply_question(w, len, &pos, id, qname, qtype)) !=
	    REPLY_OURS)
		return kind;
	rp->tc = (w[2] & HDR_TC) != 0;
	rp->rcode = w[3] & 0x0f;
	if (rp->tc)
		return REPLY_OURS;
	if (rp->rcode == LDNS_RCODE_NOERROR && get16(w + 6) > 0) {
		if (reply_answer(rp, w, len, pos, qname, qtype) == -1)
			return REPLY_GARBAGE;
	} else
		rp->ttl = negative_ttl(w, len, pos);
	return REPLY_OURS;
}
