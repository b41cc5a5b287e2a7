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

#include <sys/mman.h>

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "change.h"
#include "whitelist.h"

/* keeps every index, and twice the bucket count, inside 32 bits */
#define WL_MAXENTRIES	(1U << 28)
#define WL_HUGE		((uintptr_t)2 * 1024 * 1024)	/* x86, arm64 */
#define WL_TOUCH_STRIDE	4096		/* the smallest page size */
#define WL_NONE		UINT32_MAX	/* no entry */
#define WL_MANUAL_SHARE	10		/* a tenth for manual entries */
#define WL_PROTECT_PCT	80		/* at most 80% protected */

/*
 * Hash links hold an entry's index plus one, so that calloc's zeroes
 * mean "empty": the bucket array need not be written at start, and its
 * pages stay unresident until senders arrive.
 */
struct wl_entry {
	uint8_t		a[16];
	uint32_t	next;		/* next in the hash chain, index + 1 */
	uint32_t	slot;		/* where this entry sits in its heap */
	uint32_t	expires;	/* the heap's copy, read by lookups */
	uint8_t		af;
	uint8_t		plen;
	uint8_t		reason;
	uint8_t		class;		/* enum nl_wl_class: which heap */
};

/*
 * The expiry is in the heap, where the comparisons need it, and in the
 * entry, so that a lookup touches one cache line (entries are 32 bytes
 * and never straddle two) instead of a second one in the heap.
 */
struct wl_slot {
	uint32_t	expires;
	uint32_t	entry;
};

/*
 * One min-heap on expiry per class. Probation and protected share one
 * array of max slots, probation growing up from its start and protected
 * down from its end: together they never hold more than max. Manual
 * entries have their own tenth beyond it.
 */
struct wl_heap {
	struct wl_slot	*base;		/* position 0 */
	int32_t		 step;		/* 1, or -1 for the heap growing down */
	uint32_t	 n;
	uint32_t	 max;
};

struct nl_wl {
	struct wl_entry	*entries;	/* dense, [0, count) */
	struct wl_slot	*slots;		/* the heaps' storage */
	struct wl_heap	 heap[NL_WL_NCLASS];
	uint32_t	*buckets;	/* chain heads, index + 1 */
	uint32_t	 nbuckets;	/* a power of two */
	uint32_t	 count;
	uint32_t	 max;
	struct nl_hashkey key;
	struct wl_memo	*memo;
};

/*
 * The last keys hashed and their hashes: a new sender is looked up,
 * then stored, and a record's key must outlive the prefetches of the
 * next three (and an eviction); the keyed hash was a tenth of a replay's
 * time.
 * A cache, so lookups through a const whitelist may update it.
 */
#define WL_MEMO	6

struct wl_memo {
	struct nl_addr	key[WL_MEMO];
	int		plen[WL_MEMO];
	uint32_t	hash[WL_MEMO];
	unsigned int	next;		/* the slot to fill next */
};

static int
wl_key(const struct nl_addr *addr, int plen, struct nl_addr *key)
{
	if (addr->af != NL_AF4 && addr->af != NL_AF6)
		return -1;
	if (plen < 0 || plen > nl_addr_maxplen(addr))
		return -1;
	*key = *addr;
	nl_addr_mask(key, plen);
	if (key->af == NL_AF4)
		memset(key->a + 4, 0, sizeof(key->a) - 4);
	return 0;
}

static uint32_t *
wl_bucket(const struct nl_wl *wl, const struct nl_addr *key, int plen)
{
	struct wl_memo	*m = wl->memo;
	unsigned int	 i;

	for (i = 0; i < WL_MEMO; i++)
		if (plen == m->plen[i] && key->af == m->key[i].af &&
		    memcmp(key->a, m->key[i].a, sizeof(key->a)) == 0)
			break;
	if (i == WL_MEMO) {
		i = m->next;
		m->next = (m->next + 1) % WL_MEMO;
		m->hash[i] = nl_addr_hash(key, plen, &wl->key);
		m->key[i] = *key;
		m->plen[i] = plen;
	}
	return &wl->buckets[m->hash[i] & (wl->nbuckets - 1)];
}

static void
wl_entry_key(const struct wl_entry *e, struct nl_addr *key)
{
	key->af = e->af;
	memcpy(key->a, e->a, sizeof(key->a));
}

static uint32_t *
wl_entry_bucket(const struct nl_wl *wl, const struct wl_entry *e)
{
	struct nl_addr	key;

	wl_entry_key(e, &key);
	return wl_bucket(wl, &key, e->plen);
}

/* the link that points at entry i: a bucket or a predecessor's next */
static uint32_t *
wl_link_to(const struct nl_wl *wl, uint32_t i)
{
	uint32_t	*link;

	link = wl_entry_bucket(wl, &wl->entries[i]);
	while (*link != i + 1)
		link = &wl->entries[*link - 1].next;
	return link;
}

/* returns the entry's index + 1, or 0 */
static uint32_t
wl_find(const struct nl_wl *wl, const struct nl_addr *key, int plen)
{
	const struct wl_entry	*e;
	uint32_t		 i;

	for (i = *wl_bucket(wl, key, plen); i != 0; i = e->next) {
		e = &wl->entries[i - 1];
		if (e->af == key->af && e->plen == plen &&
		    memcmp(e->a, key->a, sizeof(e->a)) == 0)
			return i;
	}
	return 0;
}

static void
wl_item(const struct nl_wl *wl, uint32_t i, struct nl_wl_item *it)
{
	const struct wl_entry	*e = &wl->entries[i];

	if (it == NULL)
		return;
	memset(it, 0, sizeof(*it));
	wl_entry_key(e, &it->addr);
	it->expires = e->expires;
	it->plen = e->plen;
	it->reason = e->reason;
	it->class = e->class;
}

static struct wl_slot *
wl_at(const struct wl_heap *h, uint32_t pos)
{
	return h->base + (ptrdiff_t)h->step * pos;
}

static void
wl_heap_set(struct nl_wl *wl, struct wl_heap *h, uint32_t pos,
    struct wl_slot s)
{
	*wl_at(h, pos) = s;
	wl->entries[s.entry].slot = pos;
}

static void
wl_heap_up(struct nl_wl *wl, struct wl_heap *h, uint32_t pos)
{
	struct wl_slot	s = *wl_at(h, pos);
	uint32_t	parent;

	while (pos > 0) {
		parent = (pos - 1) / 2;
		if (wl_at(h, parent)->expires <= s.expires)
			break;
		wl_heap_set(wl, h, pos, *wl_at(h, parent));
		pos = parent;
	}
	wl_heap_set(wl, h, pos, s);
}

static void
wl_heap_down(struct nl_wl *wl, struct wl_heap *h, uint32_t pos)
{
	struct wl_slot	s = *wl_at(h, pos);
	uint32_t	child;

	for (;;) {
		child = 2 * pos + 1;
		if (child >= h->n)
			break;
		if (child + 1 < h->n &&
		    wl_at(h, child + 1)->expires < wl_at(h, child)->expires)
			child++;
		if (wl_at(h, child)->expires >= s.expires)
			break;
		wl_heap_set(wl, h, pos, *wl_at(h, child));
		pos = child;
	}
	wl_heap_set(wl, h, pos, s);
}

/* restores the heap after the expiry at pos changed either way */
static void
wl_heap_fix(struct nl_wl *wl, struct wl_heap *h, uint32_t pos)
{
	if (pos > 0 &&
	    wl_at(h, pos)->expires < wl_at(h, (pos - 1) / 2)->expires)
		wl_heap_up(wl, h, pos);
	else
		wl_heap_down(wl, h, pos);
}

/* files entry i under its class */
static void
wl_heap_add(struct nl_wl *wl, uint32_t i)
{
	struct wl_heap	*h = &wl->heap[wl->entries[i].class];
	struct wl_slot	 s;

	s.expires = wl->entries[i].expires;
	s.entry = i;
	wl_heap_set(wl, h, h->n++, s);
	wl_heap_up(wl, h, h->n - 1);
}

static void
wl_heap_take(struct nl_wl *wl, uint32_t i)
{
	struct wl_heap	*h = &wl->heap[wl->entries[i].class];
	uint32_t	 pos = wl->entries[i].slot, last = --h->n;

	if (pos != last) {
		wl_heap_set(wl, h, pos, *wl_at(h, last));
		wl_heap_fix(wl, h, pos);
	}
}

/*
 * Takes entry i out of its chain and its heap, then moves the last entry
 * into the hole so that the array stays dense.
 */
static void
wl_remove(struct nl_wl *wl, uint32_t i)
{
	uint32_t	last;
	uint32_t	*link;

	link = wl_link_to(wl, i);
	*link = wl->entries[i].next;
	wl_heap_take(wl, i);
	last = --wl->count;
	if (i != last) {
		link = wl_link_to(wl, last);
		*link = i + 1;
		wl->entries[i] = wl->entries[last];
		wl_at(&wl->heap[wl->entries[i].class],
		    wl->entries[i].slot)->entry = i;
	}
	memset(&wl->entries[last], 0, sizeof(wl->entries[last]));
}

static void
wl_move(struct nl_wl *wl, uint32_t i, int class)
{
	wl_heap_take(wl, i);
	wl->entries[i].class = class;
	wl_heap_add(wl, i);
}

/* the protected entry renewed least recently goes back on probation */
static void
wl_make_room(struct nl_wl *wl, int class)
{
	struct wl_heap	*h = &wl->heap[class];

	if (class == NL_WL_PROTECTED && h->n == h->max && h->n > 0)
		wl_move(wl, wl_at(h, 0)->entry, NL_WL_PROBATION);
}

/* the entry expiring first, of all, or WL_NONE */
static uint32_t
wl_first(const struct nl_wl *wl)
{
	const struct wl_heap	*h, *best = NULL;
	int			 c;

	for (c = 0; c < NL_WL_NCLASS; c++) {
		h = &wl->heap[c];
		if (h->n > 0 && (best == NULL ||
		    wl_at(h, 0)->expires < wl_at(best, 0)->expires))
			best = h;
	}
	return best == NULL ? WL_NONE : wl_at(best, 0)->entry;
}

/* the entry to evict: probation's oldest, or WL_NONE if only manual */
static uint32_t
wl_victim(const struct nl_wl *wl)
{
	int	c;

	for (c = NL_WL_PROBATION; c < NL_WL_MANUAL; c++)
		if (wl->heap[c].n > 0)
			return wl_at(&wl->heap[c], 0)->entry;
	return WL_NONE;
}

/* the class a put asks for: manual beyond its budget is on probation */
static int
wl_class(const struct nl_wl *wl, int reason)
{
	if (reason == NL_REASON_MANUAL &&
	    wl->heap[NL_WL_MANUAL].n < wl->heap[NL_WL_MANUAL].max)
		return NL_WL_MANUAL;
	if (reason == NL_REASON_RENEW && wl->heap[NL_WL_PROTECTED].max > 0)
		return NL_WL_PROTECTED;
	return NL_WL_PROBATION;
}

/*
 * Lookups land anywhere in these arrays: with 4 KB pages nearly each one
 * missed the TLB as well as the cache. Huge pages where the system gives
 * them on request (Linux's "madvise" setting); only the whole pages
 * inside the array, and the memory is still touched only as used.
 */
static void
wl_huge(void *mem, size_t len)
{
#ifdef MADV_HUGEPAGE
	uintptr_t	start = ((uintptr_t)mem + WL_HUGE - 1) & ~(WL_HUGE - 1);
	uintptr_t	end = ((uintptr_t)mem + len) & ~(WL_HUGE - 1);

	if (end > start)
		(void)madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
	(void)mem;
	(void)len;
#endif
}

/* a tenth of max, and room for one in a small table */
static uint32_t
wl_manual_max(uint32_t max)
{
	if (max > 0 && max < WL_MANUAL_SHARE)
		return 1;
	return max / WL_MANUAL_SHARE;
}

/* the manual tenth and the protected share of max; probation has the rest */
static void
wl_heaps(struct nl_wl *wl)
{
	uint32_t	max = wl->max;

	wl->heap[NL_WL_PROBATION].base = wl->slots;
	wl->heap[NL_WL_PROBATION].step = 1;
	wl->heap[NL_WL_PROBATION].max = max;
	wl->heap[NL_WL_PROTECTED].base = wl->slots + max - 1;
	wl->heap[NL_WL_PROTECTED].step = -1;
	wl->heap[NL_WL_PROTECTED].max =
	    (uint32_t)((uint64_t)max * WL_PROTECT_PCT / 100);
	wl->heap[NL_WL_MANUAL].base = wl->slots + max;
	wl->heap[NL_WL_MANUAL].step = 1;
	wl->heap[NL_WL_MANUAL].max = wl_manual_max(max);
}

static size_t
wl_nslots(uint32_t max)
{
	return (size_t)max + wl_manual_max(max);
}

struct nl_wl *
nl_wl_new(uint32_t max)
{
	struct nl_wl	*wl;
	void		*mem;
	unsigned int	 i;

	if (max == 0 || max > WL_MAXENTRIES) {
		errno = EINVAL;
		return NULL;
	}
	if ((wl = calloc(1, sizeof(*wl))) == NULL)
		return NULL;
	wl->max = max;
	wl->nbuckets = 1;
	while (wl->nbuckets < max)
		wl->nbuckets *= 2;
	/* on cache lines; entries are written before they are read */
	if (posix_memalign(&mem, 64, (size_t)max * sizeof(*wl->entries)) == 0)
		wl->entries = mem;
	wl->slots = calloc(wl_nslots(max), sizeof(*wl->slots));
	wl->buckets = calloc(wl->nbuckets, sizeof(*wl->buckets));
	wl->memo = calloc(1, sizeof(*wl->memo));
	if (wl->entries == NULL || wl->slots == NULL || wl->buckets == NULL ||
	    wl->memo == NULL || nl_hashkey_init(&wl->key) == -1) {
		nl_wl_free(wl);
		return NULL;
	}
	for (i = 0; i < WL_MEMO; i++)
		wl->memo->plen[i] = -1;	/* matches no key */
	wl_heaps(wl);
	wl_huge(wl->entries, (size_t)max * sizeof(*wl->entries));
	wl_huge(wl->slots, wl_nslots(max) * sizeof(*wl->slots));
	wl_huge(wl->buckets, (size_t)wl->nbuckets * sizeof(*wl->buckets));
	return wl;
}

void
nl_wl_free(struct nl_wl *wl)
{
	if (wl == NULL)
		return;
	free(wl->entries);
	free(wl->slots);
	free(wl->buckets);
	free(wl->memo);
	free(wl);
}

uint32_t
nl_wl_count(const struct nl_wl *wl)
{
	return wl->count;
}

uint32_t
nl_wl_max(const struct nl_wl *wl)
{
	return wl->max;
}

/* the entry's index plus one, or 0 */
static uint32_t
wl_lookup(const struct nl_wl *wl, const struct nl_addr *addr, int plen)
{
	struct nl_addr	key;

	if (wl_key(addr, plen, &key) == -1)
		return 0;
	return wl_find(wl, &key, plen);
}

int
nl_wl_get(const struct nl_wl *wl, const struct nl_addr *addr, int plen,
    struct nl_wl_item *out)
{
	uint32_t	i;

	if ((i = wl_lookup(wl, addr, plen)) == 0)
		return -1;
	wl_item(wl, i - 1, out);
	return 0;
}

/*
 * Asks the CPU for a key's bucket (deep 0), or reads the bucket and asks
 * for the entry it leads to (deep 1), ahead of the lookup: a replay knows
 * its next records, and these two cache misses were most of its time.
 * Used three records and one record ahead, neither waits for memory.
 */
void
nl_wl_prefetch(const struct nl_wl *wl, const struct nl_addr *addr, int plen,
    int deep)
{
	struct nl_addr	 key;
	const uint32_t	*bucket;

	if (wl_key(addr, plen, &key) == -1)
		return;
	bucket = wl_bucket(wl, &key, plen);
	if (!deep)
		__builtin_prefetch(bucket);
	else if (*bucket != 0)
		__builtin_prefetch(&wl->entries[*bucket - 1]);
}

/*
 * An entry that was there takes the new expiry, and moves up a class
 * (probation, protected, manual) when the put asks for a higher one,
 * taking its reason; it never moves down.
 */
static void
wl_update(struct nl_wl *wl, uint32_t i, const struct nl_wl_item *it)
{
	struct wl_entry	*e = &wl->entries[i];
	int		 class = wl_class(wl, it->reason);

	e->expires = it->expires;
	if (class <= e->class) {
		wl_at(&wl->heap[e->class], e->slot)->expires = e->expires;
		wl_heap_fix(wl, &wl->heap[e->class], e->slot);
		return;
	}
	wl_heap_take(wl, i);
	wl_make_room(wl, class);
	e->class = class;
	e->reason = it->reason;
	wl_heap_add(wl, i);
}

int
nl_wl_put(struct nl_wl *wl, const struct nl_wl_item *it,
    struct nl_wl_item *evicted)
{
	struct nl_addr	 key;
	struct wl_entry	*e;
	uint32_t	*bucket, i, victim;
	int		 result = NL_WL_NEW;

	if (wl_key(&it->addr, it->plen, &key) == -1)
		return -1;
	if ((i = wl_find(wl, &key, it->plen)) != 0) {
		wl_update(wl, i - 1, it);
		return NL_WL_UPDATED;
	}
	if (wl->count == wl->max) {
		if ((victim = wl_victim(wl)) == WL_NONE)
			return NL_WL_FULL;
		wl_item(wl, victim, evicted);
		wl_remove(wl, victim);
		result = NL_WL_NEW_EVICTED;
	}
	i = wl->count++;
	e = &wl->entries[i];
	memcpy(e->a, key.a, sizeof(e->a));
	e->af = key.af;
	e->plen = it->plen;
	e->reason = it->reason;
	e->class = wl_class(wl, it->reason);
	e->expires = it->expires;
	bucket = wl_bucket(wl, &key, it->plen);
	e->next = *bucket;
	*bucket = i + 1;
	wl_make_room(wl, e->class);
	wl_heap_add(wl, i);
	return result;
}

int
nl_wl_del(struct nl_wl *wl, const struct nl_addr *addr, int plen,
    struct nl_wl_item *out)
{
	uint32_t	i;

	if ((i = wl_lookup(wl, addr, plen)) == 0)
		return -1;
	wl_item(wl, i - 1, out);
	wl_remove(wl, i - 1);
	return 0;
}

int
nl_wl_peek(const struct nl_wl *wl, struct nl_wl_item *out)
{
	uint32_t	i;

	if ((i = wl_first(wl)) == WL_NONE)
		return -1;
	wl_item(wl, i, out);
	return 0;
}

int
nl_wl_pop(struct nl_wl *wl, struct nl_wl_item *out)
{
	uint32_t	i;

	if ((i = wl_first(wl)) == WL_NONE)
		return -1;
	wl_item(wl, i, out);
	wl_remove(wl, i);
	return 0;
}

uint32_t
nl_wl_class_count(const struct nl_wl *wl, int class)
{
	if (class < 0 || class >= NL_WL_NCLASS)
		return 0;
	return wl->heap[class].n;
}

uint32_t
nl_wl_class_max(const struct nl_wl *wl, int class)
{
	if (class < 0 || class >= NL_WL_NCLASS)
		return 0;
	return wl->heap[class].max;
}

void
nl_wl_walk(const struct nl_wl *wl,
    void (*fn)(void *, const struct nl_wl_item *), void *arg)
{
	struct nl_wl_item	it;
	uint32_t		i;

	for (i = 0; i < wl->count; i++) {
		wl_item(wl, i, &it);
		fn(arg, &it);
	}
}

/*
 * An entry, its heap slot, the manual heap's tenth of one, and at most
 * two buckets (fewer than 2 * max), rounded up.
 */
size_t
nl_wl_entry_size(void)
{
	return sizeof(struct wl_entry) + sizeof(struct wl_slot) +
	    (sizeof(struct wl_slot) + WL_MANUAL_SHARE - 1) / WL_MANUAL_SHARE +
	    2 * sizeof(uint32_t);
}

/*
 * A page's first write costs a fault, and a huge page's up to
 * milliseconds (zeroing, compaction): the daemon pays them all at start
 * rather than in the packet path. Each page is rewritten with its own
 * byte, so live entries are kept (a resize touches the new tables).
 */
static void
wl_touch_range(void *mem, size_t len)
{
	volatile unsigned char	*p = mem;
	size_t			 off;

	for (off = 0; off < len; off += WL_TOUCH_STRIDE)
		p[off] = p[off];
	if (len > 0)
		p[len - 1] = p[len - 1];
}

void
nl_wl_touch(struct nl_wl *wl)
{
	wl_touch_range(wl->entries, (size_t)wl->max * sizeof(*wl->entries));
	wl_touch_range(wl->slots, wl_nslots(wl->max) * sizeof(*wl->slots));
	wl_touch_range(wl->buckets,
	    (size_t)wl->nbuckets * sizeof(*wl->buckets));
}

size_t
nl_wl_mem(const struct nl_wl *wl)
{
	return sizeof(*wl) + sizeof(*wl->memo) +
	    (size_t)wl->max * sizeof(*wl->entries) +
	    wl_nslots(wl->max) * sizeof(*wl->slots) +
	    (size_t)wl->nbuckets * sizeof(*wl->buckets);
}
