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
#include <time.h>

#include <ldns/ldns.h>

#include "compat.h"
#include "expand.h"
#include "rescache.h"

/* what malloc adds to each block, roughly: the estimate counts it */
#define BLOCK_OVERHEAD	16

struct cent {
	TAILQ_ENTRY(cent)	 lru;
	struct cent		*hnext;
	struct res_answer	*ans;
	time_t			 expires;	/* monotonic seconds */
	size_t			 bytes;		/* this and the answer */
	uint16_t		 type;
	char			 name[];
};

TAILQ_HEAD(cents, cent);

struct rescache {
	struct cent	**hash;
	size_t		 nbuckets;	/* a power of 2 */
	struct cents	 lru;
	size_t		 count;
	size_t		 bytes;
	size_t		 max_count;
	size_t		 max_bytes;
	uint32_t	 max_ttl;
};

static size_t
rdf_bytes(const ldns_rdf *rd)
{
	if (rd == NULL)
		return 0;
	return sizeof(ldns_rdf) + ldns_rdf_size(rd) + 2 * BLOCK_OVERHEAD;
}

static size_t
rr_bytes(const ldns_rr *rr)
{
	size_t	n, i;

	n = sizeof(ldns_rr) + BLOCK_OVERHEAD + rdf_bytes(ldns_rr_owner(rr)) +
	    ldns_rr_rd_count(rr) * sizeof(ldns_rdf *) + BLOCK_OVERHEAD;
	for (i = 0; i < ldns_rr_rd_count(rr); i++)
		n += rdf_bytes(ldns_rr_rdf(rr, i));
	return n;
}

/* A new answer with one reference; it owns rrs, even when it fails. */
struct res_answer *
res_answer_new(int status, ldns_rr_list *rrs)
{
	struct res_answer	*a;
	size_t			 i;

	if ((a = calloc(1, sizeof(*a))) == NULL) {
		ldns_rr_list_deep_free(rrs);
		return NULL;
	}
	a->status = status;
	a->rrs = rrs;
	a->refs = 1;
	a->bytes = sizeof(*a) + BLOCK_OVERHEAD;
	if (rrs == NULL)
		return a;
	a->bytes += sizeof(ldns_rr_list) + BLOCK_OVERHEAD +
	    ldns_rr_list_rr_count(rrs) * sizeof(ldns_rr *) + BLOCK_OVERHEAD;
	for (i = 0; i < ldns_rr_list_rr_count(rrs); i++)
		a->bytes += rr_bytes(ldns_rr_list_rr(rrs, i));
	return a;
}

struct res_answer *
res_answer_ref(struct res_answer *a)
{
	a->refs++;
	return a;
}

void
res_answer_unref(struct res_answer *a)
{
	if (a == NULL || --a->refs > 0)
		return;
	ldns_rr_list_deep_free(a->rrs);
	free(a);
}

static time_t
mono_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

static size_t
cache_hash(const struct rescache *c, const char *name, uint16_t type)
{
	uint32_t	h = 2166136261U ^ type;

	for (; *name != '\0'; name++) {
		h ^= (unsigned char)*name;
		h *= 16777619U;
	}
	return h & (c->nbuckets - 1);
}

/* max_count 0 or max_bytes 0: a cache that keeps nothing */
struct rescache *
rescache_new(size_t max_count, size_t max_bytes, uint32_t max_ttl)
{
	struct rescache	*c;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	for (c->nbuckets = 16; c->nbuckets < max_count &&
	    c->nbuckets < (1U << 20); c->nbuckets <<= 1)
		;
	if ((c->hash = calloc(c->nbuckets, sizeof(*c->hash))) == NULL) {
		free(c);
		return NULL;
	}
	TAILQ_INIT(&c->lru);
	c->max_count = max_count;
	c->max_bytes = max_bytes;
	c->max_ttl = max_ttl;
	return c;
}

static void
cache_remove(struct rescache *c, struct cent *e)
{
	struct cent	**link;

	for (link = &c->hash[cache_hash(c, e->name, e->type)]; *link != e;
	    link = &(*link)->hnext)
		;
	*link = e->hnext;
	TAILQ_REMOVE(&c->lru, e, lru);
	c->count--;
	c->bytes -= e->bytes;
	res_answer_unref(e->ans);
	free(e);
}

void
rescache_free(struct rescache *c)
{
	if (c == NULL)
		return;
	while (!TAILQ_EMPTY(&c->lru))
		cache_remove(c, TAILQ_FIRST(&c->lru));
	free(c->hash);
	free(c);
}

/* The live answer for name and type, no reference taken; or NULL. */
struct res_answer *
rescache_get(struct rescache *c, const char *name, uint16_t type)
{
	struct cent	*e;

	for (e = c->hash[cache_hash(c, name, type)]; e != NULL; e = e->hnext)
		if (e->type == type && strcmp(e->name, name) == 0)
			break;
	if (e == NULL)
		return NULL;
	if (e->expires <= mono_now()) {
		cache_remove(c, e);
		return NULL;
	}
	TAILQ_REMOVE(&c->lru, e, lru);
	TAILQ_INSERT_HEAD(&c->lru, e, lru);
	return e->ans;
}

/* Keep an answer for ttl seconds, at most max_ttl; it takes a reference. */
void
rescache_put(struct rescache *c, const char *name, uint16_t type,
    struct res_answer *a, uint32_t ttl)
{
	struct cent	*e;
	size_t		 h, len, bytes;

	len = strlen(name) + 1;
	bytes = sizeof(*e) + len + BLOCK_OVERHEAD + a->bytes;
	if (ttl == 0 || c->max_count == 0 || bytes > c->max_bytes)
		return;
	if (rescache_get(c, name, type) != NULL)
		cache_remove(c, TAILQ_FIRST(&c->lru));
	while (c->count > 0 && (c->count >= c->max_count ||
	    c->bytes + bytes > c->max_bytes))
		cache_remove(c, TAILQ_LAST(&c->lru, cents));
	if ((e = calloc(1, sizeof(*e) + len)) == NULL)
		return;
	memcpy(e->name, name, len);
	e->type = type;
	e->ans = res_answer_ref(a);
	e->bytes = bytes;
	e->expires = mono_now() + (ttl > c->max_ttl ? c->max_ttl : ttl);
	h = cache_hash(c, e->name, e->type);
	e->hnext = c->hash[h];
	c->hash[h] = e;
	TAILQ_INSERT_HEAD(&c->lru, e, lru);
	c->count++;
	c->bytes += bytes;
}

size_t
rescache_bytes(const struct rescache *c)
{
	return c->bytes;
}
