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

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "addr.h"
#include "compat.h"
#include "livepool.h"

#define LP_NONE		UINT32_MAX

struct lp_range {
	struct nl_addr	 addr;
	uint8_t		 plen;
	uint32_t	 pool;
	uint32_t	 next;		/* hash chain, or the free list */
	uint32_t	 pnext;		/* the pool's ranges */
};

struct lp_pool {
	struct nl_lp_info info;
	uint32_t	 first;		/* its ranges */
	int		 used;
};

struct nl_livepool {
	struct lp_pool	*pools;
	struct lp_range	*ranges;
	uint32_t	*buckets;
	uint32_t	 npools;
	uint32_t	 perpool;
	uint32_t	 nbuckets;	/* a power of two */
	uint32_t	 freelist;
	uint32_t	 count;		/* pools in use */
	/* ranges per family and length: the lengths a lookup probes */
	uint32_t	 nplen[2][129];
	struct nl_hashkey key;
};

struct nl_livepool *
nl_lp_new(uint32_t npools, uint32_t perpool)
{
	struct nl_livepool	*lp;
	uint32_t		 i, n;

	if (npools == 0 || perpool == 0 || npools > 65536 || perpool > 65536)
		return NULL;
	if ((lp = calloc(1, sizeof(*lp))) == NULL)
		return NULL;
	n = npools * perpool;
	lp->npools = npools;
	lp->perpool = perpool;
	for (lp->nbuckets = 16; lp->nbuckets < n; lp->nbuckets <<= 1)
		;
	lp->pools = calloc(npools, sizeof(*lp->pools));
	lp->ranges = calloc(n, sizeof(*lp->ranges));
	lp->buckets = calloc(lp->nbuckets, sizeof(*lp->buckets));
	if (lp->pools == NULL || lp->ranges == NULL || lp->buckets == NULL ||
	    nl_hashkey_init(&lp->key) == -1) {
		nl_lp_free(lp);
		return NULL;
	}
	for (i = 0; i < lp->nbuckets; i++)
		lp->buckets[i] = LP_NONE;
	for (i = 0; i < n; i++)
		lp->ranges[i].next = i + 1 < n ? i + 1 : LP_NONE;
	lp->freelist = 0;
	return lp;
}

void
nl_lp_free(struct nl_livepool *lp)
{
	if (lp == NULL)
		return;
	free(lp->pools);
	free(lp->ranges);
	free(lp->buckets);
	free(lp);
}

static int
lp_afi(const struct nl_addr *a)
{
	return a->af == NL_AF4 ? 0 : 1;
}

static uint32_t
lp_hash(const struct nl_livepool *lp, const struct nl_addr *a, int plen)
{
	return (nl_addr_hash(a, plen, &lp->key) + (uint32_t)plen) &
	    (lp->nbuckets - 1);
}

static void
lp_unlink(struct nl_livepool *lp, uint32_t r)
{
	uint32_t	*link;

	for (link = &lp->buckets[lp_hash(lp, &lp->ranges[r].addr,
	    lp->ranges[r].plen)]; *link != r; link = &lp->ranges[*link].next)
		;
	*link = lp->ranges[r].next;
}

/* the pool's ranges go back to the free list */
static void
lp_clear(struct nl_livepool *lp, uint32_t p)
{
	uint32_t	r, next;

	for (r = lp->pools[p].first; r != LP_NONE; r = next) {
		next = lp->ranges[r].pnext;
		lp_unlink(lp, r);
		lp->nplen[lp_afi(&lp->ranges[r].addr)][lp->ranges[r].plen]--;
		lp->ranges[r].next = lp->freelist;
		lp->freelist = r;
	}
	lp->pools[p].first = LP_NONE;
	lp->pools[p].info.nranges = 0;
}

static void
lp_drop(struct nl_livepool *lp, uint32_t p)
{
	lp_clear(lp, p);
	memset(&lp->pools[p], 0, sizeof(lp->pools[p]));
	lp->count--;
}

static void
lp_add_range(struct nl_livepool *lp, uint32_t p, const struct nl_spf_range *s)
{
	struct lp_range	*r;
	uint32_t	 i, b;

	if ((s->addr.af != NL_AF4 && s->addr.af != NL_AF6) ||
	    s->plen > nl_addr_maxplen(&s->addr) || lp->freelist == LP_NONE)
		return;
	i = lp->freelist;
	r = &lp->ranges[i];
	lp->freelist = r->next;
	memset(&r->addr, 0, sizeof(r->addr));
	r->addr = s->addr;
	nl_addr_mask(&r->addr, s->plen);
	r->plen = s->plen;
	r->pool = p;
	b = lp_hash(lp, &r->addr, r->plen);
	r->next = lp->buckets[b];
	lp->buckets[b] = i;
	r->pnext = lp->pools[p].first;
	lp->pools[p].first = i;
	lp->pools[p].info.nranges++;
	lp->nplen[lp_afi(&r->addr)][r->plen]++;
}

int
nl_lp_lookup(const struct nl_livepool *lp, const char *domain)
{
	uint32_t	p;

	for (p = 0; p < lp->npools; p++)
		if (lp->pools[p].used &&
		    strcasecmp(lp->pools[p].info.domain, domain) == 0)
			return p;
	return -1;
}

/* a free slot, or the one that expires first */
static uint32_t
lp_slot(struct nl_livepool *lp)
{
	uint32_t	p, best = 0;

	for (p = 0; p < lp->npools; p++) {
		if (!lp->pools[p].used)
			return p;
		if (lp->pools[p].info.expires <
		    lp->pools[best].info.expires)
			best = p;
	}
	lp_drop(lp, best);
	return best;
}

/*
 * A domain's ranges (at most perpool of them), live until expires; a
 * pool already there gets the new ranges and keeps the later expiry.
 * Returns the pool's number, or -1 for a name too long.
 */
int
nl_lp_put(struct nl_livepool *lp, const char *domain,
    const struct nl_spf_range *r, size_t n, uint32_t expires, uint32_t now)
{
	struct lp_pool	*pl;
	int		 p;
	size_t		 i;

	if (strlen(domain) > NL_DNAME_MAX)
		return -1;
	if ((p = nl_lp_lookup(lp, domain)) != -1)
		lp_clear(lp, p);
	else {
		p = lp_slot(lp);
		pl = &lp->pools[p];
		memset(pl, 0, sizeof(*pl));
		pl->used = 1;
		pl->first = LP_NONE;
		strlcpy(pl->info.domain, domain, sizeof(pl->info.domain));
		lp->count++;
	}
	pl = &lp->pools[p];
	if (expires > pl->info.expires)
		pl->info.expires = expires;
	pl->info.seeded = now;
	for (i = 0; i < n && i < lp->perpool; i++)
		lp_add_range(lp, p, &r[i]);
	return p;
}

/* the live pool with the longest range holding a, or -1 */
int
nl_lp_find(const struct nl_livepool *lp, const struct nl_addr *a,
    uint32_t now)
{
	const struct lp_range	*r;
	struct nl_addr		 m;
	uint32_t		 i;
	int			 afi, plen;

	if (a->af != NL_AF4 && a->af != NL_AF6)
		return -1;
	afi = lp_afi(a);
	for (plen = nl_addr_maxplen(a); plen >= 0; plen--) {
		if (lp->nplen[afi][plen] == 0)
			continue;
		m = *a;
		nl_addr_mask(&m, plen);
		for (i = lp->buckets[lp_hash(lp, &m, plen)]; i != LP_NONE;
		    i = r->next) {
			r = &lp->ranges[i];
			if (r->plen == plen && nl_addr_eq(&r->addr, &m) &&
			    lp->pools[r->pool].info.expires > now)
				return r->pool;
		}
	}
	return -1;
}

/* a member tried the fake MX: the pool lives on from now */
void
nl_lp_member(struct nl_livepool *lp, int p, uint32_t expires)
{
	if (p < 0 || (uint32_t)p >= lp->npools || !lp->pools[p].used)
		return;
	lp->pools[p].info.members++;
	if (expires > lp->pools[p].info.expires)
		lp->pools[p].info.expires = expires;
}

void
nl_lp_hit(struct nl_livepool *lp, int p)
{
	if (p >= 0 && (uint32_t)p < lp->npools && lp->pools[p].used)
		lp->pools[p].info.hits++;
}

/* drop the pools expired by now; returns how many went */
uint32_t
nl_lp_expire(struct nl_livepool *lp, uint32_t now)
{
	uint32_t	p, n = 0;

	for (p = 0; p < lp->npools; p++)
		if (lp->pools[p].used && lp->pools[p].info.expires <= now) {
			lp_drop(lp, p);
			n++;
		}
	return n;
}

uint32_t
nl_lp_count(const struct nl_livepool *lp)
{
	return lp->count;
}

uint32_t
nl_lp_slots(const struct nl_livepool *lp)
{
	return lp->npools;
}

/* the pool in slot p: 0, or -1 for an empty slot */
int
nl_lp_get(const struct nl_livepool *lp, uint32_t p, struct nl_lp_info *info)
{
	if (p >= lp->npools || !lp->pools[p].used)
		return -1;
	*info = lp->pools[p].info;
	return 0;
}
