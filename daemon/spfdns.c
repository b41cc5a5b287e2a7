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

#include <sys/queue.h>

#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "addr.h"
#include "compat.h"
#include "rdf.h"
#include "resolver.h"
#include "spf.h"
#include "spfwalk.h"
#include "spfdns.h"

#define SW_MAXRR	64		/* records read from one answer */
#define SW_MAXNAMES	16		/* MX: more than 10 is an error */
#define SW_MAXSPF	2		/* TXT: more than 1 is an error */

struct swalk;

struct swq {
	TAILQ_ENTRY(swq)	 entry;
	struct swalk		*sw;
	uint32_t		 id;
	int			 type;
};

struct swalk {
	TAILQ_ENTRY(swalk)	 entry;
	TAILQ_HEAD(, swq)	 queries;	/* asked, not answered */
	struct spfwalker	*swr;
	struct nl_spfwalk	*w;
	spfwalk_cb		 cb;
	void			*arg;
	int			 stepping;
	int			 again;
	int			 reported;
};

struct spfwalker {
	struct resolver		*res;
	TAILQ_HEAD(, swalk)	 walks;
	uint32_t		 nwalks;
};

/* the records' text, addresses or names, read into one answer */
struct sw_records {
	char			 txt[SW_MAXSPF][NL_SPF_MAXLEN + 1];
	const char		*ptrs[SW_MAXNAMES];
	size_t			 lens[SW_MAXSPF];
	char			 names[SW_MAXNAMES][NL_DNAME_MAX + 1];
	struct nl_addr		 addrs[SW_MAXRR];
};

static const ldns_rr_type sw_types[] = {
	[NL_SPFQ_TXT] = LDNS_RR_TYPE_TXT,
	[NL_SPFQ_A] = LDNS_RR_TYPE_A,
	[NL_SPFQ_AAAA] = LDNS_RR_TYPE_AAAA,
	[NL_SPFQ_MX] = LDNS_RR_TYPE_MX
};

static void	sw_step(struct swalk *);

struct spfwalker *
spfwalker_new(struct resolver *res)
{
	struct spfwalker	*swr;

	if ((swr = calloc(1, sizeof(*swr))) == NULL)
		return NULL;
	swr->res = res;
	TAILQ_INIT(&swr->walks);
	return swr;
}

static void
sw_free(struct swalk *sw)
{
	struct swq	*q;

	while ((q = TAILQ_FIRST(&sw->queries)) != NULL) {
		TAILQ_REMOVE(&sw->queries, q, entry);
		free(q);
	}
	TAILQ_REMOVE(&sw->swr->walks, sw, entry);
	sw->swr->nwalks--;
	nl_spfw_free(sw->w);
	free(sw);
}

void
spfwalker_free(struct spfwalker *swr)
{
	if (swr == NULL)
		return;
	while (!TAILQ_EMPTY(&swr->walks))
		sw_free(TAILQ_FIRST(&swr->walks));
	free(swr);
}

uint32_t
spfwalker_active(const struct spfwalker *swr)
{
	return swr->nwalks;
}

/*
 * TXT: the character-strings of one record, joined (RFC 7208 3.3); len
 * when it is too long to be taken.
 */
static size_t
sw_txt(const ldns_rr *rr, char *buf, size_t len)
{
	const ldns_rdf	*rdf;
	const uint8_t	*d;
	size_t		 i, n = 0, k;

	for (i = 0; i < ldns_rr_rd_count(rr); i++) {
		rdf = ldns_rr_rdf(rr, i);
		if (ldns_rdf_size(rdf) < 1)
			continue;
		d = ldns_rdf_data(rdf);
		k = d[0];
		if (k > ldns_rdf_size(rdf) - 1 || n + k >= len)
			return len;	/* too long: not taken */
		memcpy(buf + n, d + 1, k);
		n += k;
	}
	buf[n] = '\0';
	return n;
}

static void
sw_take(struct swq *q, const ldns_rr *rr, struct sw_records *r,
    struct nl_spfw_answer *a)
{
	size_t	n = a->ntxt;

	switch (q->type) {
	case NL_SPFQ_TXT:
		/* only SPF records matter, and whether there are two */
		if (n == SW_MAXSPF || (r->lens[n] = sw_txt(rr, r->txt[n],
		    sizeof(r->txt[n]))) == sizeof(r->txt[n]) ||
		    !nl_spf_rec_is(r->txt[n], r->lens[n]))
			return;
		r->ptrs[n] = r->txt[n];
		break;
	case NL_SPFQ_MX:
		if (n == SW_MAXNAMES || rdf_name(ldns_rr_rdf(rr, 1),
		    r->names[n], sizeof(r->names[n])) == -1)
			return;
		r->ptrs[n] = r->names[n];
		break;
	default:
		if (rdf_addr(ldns_rr_rdf(rr, 0), &r->addrs[n]) == -1)
			return;
		break;
	}
	if (ldns_rr_ttl(rr) < a->ttl)
		a->ttl = ldns_rr_ttl(rr);
	a->ntxt++;
}

/* a recursive server answers with the CNAMEs followed: take the type */
static void
sw_read(struct swq *q, int status, const ldns_rr_list *rrs,
    struct sw_records *r, struct nl_spfw_answer *a)
{
	const ldns_rr	*rr;
	size_t		 i;

	memset(a, 0, sizeof(*a));
	a->ttl = UINT32_MAX;
	a->status = status == RES_OK ? NL_SPFA_OK : status == RES_NODATA ||
	    status == RES_NXDOMAIN ? NL_SPFA_NONE : NL_SPFA_FAIL;
	for (i = 0; status == RES_OK && i < ldns_rr_list_rr_count(rrs) &&
	    a->ntxt < SW_MAXRR; i++) {
		rr = ldns_rr_list_rr(rrs, i);
		if (ldns_rr_get_type(rr) == sw_types[q->type])
			sw_take(q, rr, r, a);
	}
	if (a->status == NL_SPFA_OK && a->ntxt == 0)
		a->status = NL_SPFA_NONE;
	a->txt = r->ptrs;
	a->txtlen = r->lens;
	a->names = r->ptrs;
	a->nnames = a->naddrs = a->ntxt;
	a->addrs = r->addrs;
}

static void
sw_answer(void *arg, int status, const ldns_rr_list *rrs)
{
	struct swq		*q = arg;
	struct swalk		*sw = q->sw;
	struct nl_spfw_answer	 a;
	struct sw_records	*r;

	TAILQ_REMOVE(&sw->queries, q, entry);
	if ((r = malloc(sizeof(*r))) == NULL)
		status = RES_FAIL;
	sw_read(q, status, r == NULL ? NULL : rrs, r, &a);
	nl_spfw_answer(sw->w, q->id, &a);
	free(r);
	free(q);
	sw_step(sw);
}

static void
sw_ask(struct swalk *sw, const struct nl_spfw_query *nq)
{
	struct swq		*q;
	struct nl_spfw_answer	 a;

	if ((q = calloc(1, sizeof(*q))) == NULL) {
		memset(&a, 0, sizeof(a));
		a.status = NL_SPFA_FAIL;
		nl_spfw_answer(sw->w, nq->id, &a);
		return;
	}
	q->sw = sw;
	q->id = nq->id;
	q->type = nq->type;
	TAILQ_INSERT_TAIL(&sw->queries, q, entry);
	resolver_query(sw->swr->res, nq->name, sw_types[nq->type], sw_answer,
	    q);
}

/*
 * Ask what the walker wants; answers from the cache come back inside
 * resolver_query, so the outermost call does the asking and reporting.
 */
static void
sw_step(struct swalk *sw)
{
	struct nl_spfw_query	q;
	struct nl_spfw_info	info;

	if (sw->stepping) {
		sw->again = 1;
		return;
	}
	sw->stepping = 1;
	do {
		sw->again = 0;
		while (nl_spfw_next(sw->w, &q))
			sw_ask(sw, &q);
	} while (sw->again);
	sw->stepping = 0;
	nl_spfw_info(sw->w, &info);
	if (info.result != NL_SPFW_RUNNING && !sw->reported) {
		sw->reported = 1;
		sw->cb(sw->arg, sw->w);
	}
	if (sw->reported && TAILQ_EMPTY(&sw->queries))
		sw_free(sw);
}

/* 0 and one callback to come, or -1 and none */
int
spfwalk_start(struct spfwalker *swr, const char *domain, uint32_t maxranges,
    spfwalk_cb cb, void *arg)
{
	struct swalk	*sw;

	if ((sw = calloc(1, sizeof(*sw))) == NULL)
		return -1;
	if ((sw->w = nl_spfw_new(domain, maxranges)) == NULL) {
		free(sw);
		return -1;
	}
	TAILQ_INIT(&sw->queries);
	sw->swr = swr;
	sw->cb = cb;
	sw->arg = arg;
	TAILQ_INSERT_TAIL(&swr->walks, sw, entry);
	swr->nwalks++;
	sw_step(sw);
	return 0;
}
