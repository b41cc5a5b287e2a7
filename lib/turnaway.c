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

#include "compat.h"
#include "turnaway.h"

#define TA_NIL		UINT32_MAX

enum ta_which {
	TA_FREE = 0,
	TA_PENDING,	/* by first attempt: the window ends at the tail */
	TA_LOW,		/* turned away, bot-like, by last attempt */
	TA_HIGH,	/* turned away, likely legitimate, by last attempt */
	TA_NLISTS
};

struct ta_ent {
	struct nl_ta_item	it;
	uint32_t		hnext;
	uint32_t		prev;	/* towards the head: newer */
	uint32_t		next;	/* towards the tail: older */
	uint8_t			list;
};

struct ta_list {
	uint32_t	head;
	uint32_t	tail;
	uint32_t	n;
};

struct nl_ta {
	struct ta_ent		*e;
	uint32_t		 size;
	uint32_t		*bucket;
	uint32_t		 mask;
	struct ta_list		 l[TA_NLISTS];
	struct nl_hashkey	 key;
	uint32_t		 window;
	struct nl_ta_stats	 stats;
};

static void
ta_unlink(struct nl_ta *ta, uint32_t i)
{
	struct ta_ent	*e = &ta->e[i];
	struct ta_list	*l = &ta->l[e->list];

	if (e->prev != TA_NIL)
		ta->e[e->prev].next = e->next;
	else
		l->head = e->next;
	if (e->next != TA_NIL)
		ta->e[e->next].prev = e->prev;
	else
		l->tail = e->prev;
	l->n--;
}

static void
ta_push(struct nl_ta *ta, uint32_t i, int list)
{
	struct ta_ent	*e = &ta->e[i];
	struct ta_list	*l = &ta->l[list];

	e->list = list;
	e->prev = TA_NIL;
	e->next = l->head;
	if (l->head != TA_NIL)
		ta->e[l->head].prev = i;
	else
		l->tail = i;
	l->head = i;
	l->n++;
}

static void
ta_move(struct nl_ta *ta, uint32_t i, int list)
{
	ta_unlink(ta, i);
	ta_push(ta, i, list);
}

struct nl_ta *
nl_ta_new(uint32_t size, uint32_t window)
{
	struct nl_ta	*ta;
	uint32_t	 i, nb;

	if (size == 0 || size > (1U << 24))
		return NULL;
	if ((ta = calloc(1, sizeof(*ta))) == NULL)
		return NULL;
	for (nb = 16; nb < 2 * size; nb <<= 1)
		;
	ta->e = calloc(size, sizeof(*ta->e));
	ta->bucket = calloc(nb, sizeof(*ta->bucket));
	if (ta->e == NULL || ta->bucket == NULL ||
	    nl_hashkey_init(&ta->key) == -1) {
		nl_ta_free(ta);
		return NULL;
	}
	ta->size = size;
	ta->mask = nb - 1;
	ta->window = window;
	for (i = 0; i < nb; i++)
		ta->bucket[i] = TA_NIL;
	for (i = 0; i < TA_NLISTS; i++)
		ta->l[i].head = ta->l[i].tail = TA_NIL;
	for (i = 0; i < size; i++)
		ta_push(ta, i, TA_FREE);
	return ta;
}

void
nl_ta_free(struct nl_ta *ta)
{
	if (ta == NULL)
		return;
	free(ta->e);
	free(ta->bucket);
	free(ta);
}

void
nl_ta_set_window(struct nl_ta *ta, uint32_t window)
{
	ta->window = window;
}

static uint32_t *
ta_bucket(const struct nl_ta *ta, const struct nl_addr *a)
{
	return &ta->bucket[nl_addr_hash(a, nl_addr_maxplen(a), &ta->key) &
	    ta->mask];
}

static uint32_t
ta_find(const struct nl_ta *ta, const struct nl_addr *a)
{
	uint32_t	i;

	for (i = *ta_bucket(ta, a); i != TA_NIL; i = ta->e[i].hnext)
		if (nl_addr_eq(&ta->e[i].it.addr, a))
			return i;
	return TA_NIL;
}

/* out of the hash and its list, onto the free list */
static void
ta_drop(struct nl_ta *ta, uint32_t i)
{
	uint32_t	*link;

	for (link = ta_bucket(ta, &ta->e[i].it.addr); *link != i;
	    link = &ta->e[*link].hnext)
		;
	*link = ta->e[i].hnext;
	ta_move(ta, i, TA_FREE);
}

/* a free entry, or the place of the least useful one */
static uint32_t
ta_take(struct nl_ta *ta)
{
	static const int	 order[] = { TA_FREE, TA_LOW, TA_PENDING,
				    TA_HIGH };
	size_t			 k;
	uint32_t		 i;

	for (k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		if ((i = ta->l[order[k]].tail) == TA_NIL)
			continue;
		if (order[k] != TA_FREE) {
			ta->stats.evicted++;
			ta_drop(ta, i);
		}
		return i;
	}
	return TA_NIL;
}

/* where a turned-away entry belongs, counted once when it turns likely */
static int
ta_judge(struct nl_ta *ta, uint32_t i)
{
	struct nl_ta_item	*it = &ta->e[i].it;
	int			 likely = nl_ta_likely(it);

	if (ta->e[i].list != (likely ? TA_HIGH : TA_LOW))
		ta_move(ta, i, likely ? TA_HIGH : TA_LOW);
	if (!likely || it->told)
		return 0;
	it->told = 1;
	ta->stats.likely++;
	return 1;
}

static void
ta_insert(struct nl_ta *ta, const struct nl_addr *a, int64_t now)
{
	struct nl_ta_item	*it;
	uint32_t		 i, *b;

	if ((i = ta_take(ta)) == TA_NIL)
		return;
	it = &ta->e[i].it;
	memset(it, 0, sizeof(*it));
	it->addr = *a;
	it->first = it->last = now;
	it->attempts = it->visits = 1;
	b = ta_bucket(ta, a);
	ta->e[i].hnext = *b;
	*b = i;
	ta_move(ta, i, TA_PENDING);
}

int
nl_ta_fake_mx(struct nl_ta *ta, const struct nl_addr *a, int64_t now)
{
	struct nl_ta_item	*it;
	uint32_t		 i;

	if (a->af != NL_AF4 && a->af != NL_AF6)
		return 0;
	if ((i = ta_find(ta, a)) == TA_NIL) {
		ta_insert(ta, a, now);
		return 0;
	}
	it = &ta->e[i].it;
	if (it->attempts < UINT32_MAX)
		it->attempts++;
	if (now - it->last >= NL_TA_VISIT_GAP && it->visits < UINT32_MAX)
		it->visits++;
	if (now > it->last)
		it->last = now;
	if (!it->turned)
		return 0;
	ta_move(ta, i, ta->e[i].list);
	return ta_judge(ta, i);
}

void
nl_ta_reached(struct nl_ta *ta, const struct nl_addr *a)
{
	uint32_t	i;

	if ((i = ta_find(ta, a)) != TA_NIL)
		ta_drop(ta, i);
}

static void
ta_forget_old(struct nl_ta *ta, int list, int64_t now)
{
	uint32_t	i;

	while ((i = ta->l[list].tail) != TA_NIL &&
	    ta->e[i].it.last + NL_TA_KEEP <= now)
		ta_drop(ta, i);
}

void
nl_ta_expire(struct nl_ta *ta, int64_t now, nl_ta_fn *fn, void *arg)
{
	struct nl_ta_item	*it;
	uint32_t		 i;
	int			 likely;

	while ((i = ta->l[TA_PENDING].tail) != TA_NIL &&
	    ta->e[i].it.first + ta->window <= now) {
		it = &ta->e[i].it;
		it->turned = 1;
		ta->stats.turned++;
		ta_move(ta, i, TA_LOW);
		likely = ta_judge(ta, i);
		if (fn != NULL)
			fn(arg, it, likely);
	}
	ta_forget_old(ta, TA_LOW, now);
	ta_forget_old(ta, TA_HIGH, now);
}

int
nl_ta_set_name(struct nl_ta *ta, const struct nl_addr *a, int state,
    const char *name)
{
	struct nl_ta_item	*it;
	uint32_t		 i;

	if ((i = ta_find(ta, a)) == TA_NIL)
		return 0;
	it = &ta->e[i].it;
	it->asked = 1;
	it->name_state = state;
	strlcpy(it->name, name != NULL ? name : "", sizeof(it->name));
	if (!it->turned)
		return 0;
	return ta_judge(ta, i);
}

int
nl_ta_get(const struct nl_ta *ta, const struct nl_addr *a,
    struct nl_ta_item *out)
{
	uint32_t	i;

	if ((i = ta_find(ta, a)) == TA_NIL)
		return -1;
	*out = ta->e[i].it;
	return 0;
}

static int
ta_cmp(const void *pa, const void *pb)
{
	const struct nl_ta_item	*a = pa, *b = pb;
	int			 sa = nl_ta_score(a), sb = nl_ta_score(b);

	if (sa != sb)
		return sa > sb ? -1 : 1;
	if (a->visits != b->visits)
		return a->visits > b->visits ? -1 : 1;
	if (a->last != b->last)
		return a->last > b->last ? -1 : 1;
	return nl_addr_cmp(&a->addr, &b->addr);
}

uint32_t
nl_ta_list(const struct nl_ta *ta, struct nl_ta_item *out, uint32_t max)
{
	static const int	 lists[] = { TA_HIGH, TA_LOW };
	uint32_t		 n = 0, i;
	size_t			 k;

	for (k = 0; k < 2; k++)
		for (i = ta->l[lists[k]].head; i != TA_NIL && n < max;
		    i = ta->e[i].next)
			out[n++] = ta->e[i].it;
	qsort(out, n, sizeof(*out), ta_cmp);
	return n;
}

void
nl_ta_stats(const struct nl_ta *ta, struct nl_ta_stats *st)
{
	*st = ta->stats;
	st->count = ta->l[TA_LOW].n + ta->l[TA_HIGH].n;
	st->pending = ta->l[TA_PENDING].n;
}
