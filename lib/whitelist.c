#include <sys/mman.h>

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "whitelist.h"

/* keeps every index, and twice the bucket count, inside 32 bits */
#define WL_MAXENTRIES	(1U << 28)
#define WL_HUGE		((uintptr_t)2 * 1024 * 1024)	/* x86, arm64 */
#define WL_TOUCH_STRIDE	4096		/* the smallest page size */

/*
 * Hash links hold an entry's index plus one, so that calloc's zeroes
 * mean "empty": the bucket array need not be written at start, and its
 * pages stay unresident until senders arrive.
 */
struct wl_entry {
	uint8_t		a[16];
	uint32_t	next;		/* next in the hash chain, index + 1 */
	uint32_t	slot;		/* where this entry sits in the heap */
	uint32_t	expires;	/* the heap's copy, read by lookups */
	uint8_t		af;
	uint8_t		plen;
	uint8_t		reason;
	uint8_t		pad;
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

struct nl_wl {
	struct wl_entry	*entries;	/* dense, [0, count) */
	struct wl_slot	*heap;		/* [0, count), min-heap on expires */
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
}

static void
wl_heap_set(struct nl_wl *wl, uint32_t pos, struct wl_slot s)
{
	wl->heap[pos] = s;
	wl->entries[s.entry].slot = pos;
}

static void
wl_heap_up(struct nl_wl *wl, uint32_t pos)
{
	struct wl_slot	s = wl->heap[pos];
	uint32_t	parent;

	while (pos > 0) {
		parent = (pos - 1) / 2;
		if (wl->heap[parent].expires <= s.expires)
			break;
		wl_heap_set(wl, pos, wl->heap[parent]);
		pos = parent;
	}
	wl_heap_set(wl, pos, s);
}

static void
wl_heap_down(struct nl_wl *wl, uint32_t pos)
{
	struct wl_slot	s = wl->heap[pos];
	uint32_t	child;

	for (;;) {
		child = 2 * pos + 1;
		if (child >= wl->count)
			break;
		if (child + 1 < wl->count &&
		    wl->heap[child + 1].expires < wl->heap[child].expires)
			child++;
		if (wl->heap[child].expires >= s.expires)
			break;
		wl_heap_set(wl, pos, wl->heap[child]);
		pos = child;
	}
	wl_heap_set(wl, pos, s);
}

/* restores the heap after the expiry at pos changed either way */
static void
wl_heap_fix(struct nl_wl *wl, uint32_t pos)
{
	if (pos > 0 && wl->heap[pos].expires < wl->heap[(pos - 1) / 2].expires)
		wl_heap_up(wl, pos);
	else
		wl_heap_down(wl, pos);
}

/*
 * Takes entry i out of its chain and the heap, then moves the last entry
 * into the hole so that the arrays stay dense.
 */
static void
wl_remove(struct nl_wl *wl, uint32_t i)
{
	uint32_t	pos = wl->entries[i].slot, last;
	uint32_t	*link;

	link = wl_link_to(wl, i);
	*link = wl->entries[i].next;

	last = --wl->count;
	if (pos != last) {
		wl_heap_set(wl, pos, wl->heap[last]);
		wl_heap_fix(wl, pos);
	}
	if (i != last) {
		link = wl_link_to(wl, last);
		*link = i + 1;
		wl->entries[i] = wl->entries[last];
		wl->heap[wl->entries[i].slot].entry = i;
	}
	memset(&wl->entries[last], 0, sizeof(wl->entries[last]));
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
	wl->heap = calloc(max, sizeof(*wl->heap));
	wl->buckets = calloc(wl->nbuckets, sizeof(*wl->buckets));
	wl->memo = calloc(1, sizeof(*wl->memo));
	if (wl->entries == NULL || wl->heap == NULL || wl->buckets == NULL ||
	    wl->memo == NULL || nl_hashkey_init(&wl->key) == -1) {
		nl_wl_free(wl);
		return NULL;
	}
	for (i = 0; i < WL_MEMO; i++)
		wl->memo->plen[i] = -1;	/* matches no key */
	wl_huge(wl->entries, (size_t)max * sizeof(*wl->entries));
	wl_huge(wl->heap, (size_t)max * sizeof(*wl->heap));
	wl_huge(wl->buckets, (size_t)wl->nbuckets * sizeof(*wl->buckets));
	return wl;
}

void
nl_wl_free(struct nl_wl *wl)
{
	if (wl == NULL)
		return;
	free(wl->entries);
	free(wl->heap);
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

int
nl_wl_get(const struct nl_wl *wl, const struct nl_addr *addr, int plen,
    struct nl_wl_item *out)
{
	struct nl_addr	key;
	uint32_t	i;

	if (wl_key(addr, plen, &key) == -1)
		return -1;
	if ((i = wl_find(wl, &key, plen)) == 0)
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

int
nl_wl_put(struct nl_wl *wl, const struct nl_wl_item *it,
    struct nl_wl_item *evicted)
{
	struct nl_addr	 key;
	struct wl_entry	*e;
	uint32_t	*bucket, i;
	int		 result = NL_WL_NEW;

	if (wl_key(&it->addr, it->plen, &key) == -1)
		return -1;
	if ((i = wl_find(wl, &key, it->plen)) != 0) {
		e = &wl->entries[i - 1];
		wl->heap[e->slot].expires = it->expires;
		e->expires = it->expires;
		wl_heap_fix(wl, e->slot);
		return NL_WL_UPDATED;
	}
	if (wl->count == wl->max) {
		nl_wl_pop(wl, evicted);
		result = NL_WL_NEW_EVICTED;
	}
	i = wl->count++;
	e = &wl->entries[i];
	memcpy(e->a, key.a, sizeof(e->a));
	e->af = key.af;
	e->plen = it->plen;
	e->reason = it->reason;
	e->pad = 0;
	bucket = wl_bucket(wl, &key, it->plen);
	e->next = *bucket;
	*bucket = i + 1;
	wl->heap[i].expires = it->expires;
	e->expires = it->expires;
	wl->heap[i].entry = i;
	e->slot = i;
	wl_heap_up(wl, i);
	return result;
}

int
nl_wl_del(struct nl_wl *wl, const struct nl_addr *addr, int plen,
    struct nl_wl_item *out)
{
	struct nl_addr	key;
	uint32_t	i;

	if (wl_key(addr, plen, &key) == -1)
		return -1;
	if ((i = wl_find(wl, &key, plen)) == 0)
		return -1;
	wl_item(wl, i - 1, out);
	wl_remove(wl, i - 1);
	return 0;
}

int
nl_wl_peek(const struct nl_wl *wl, struct nl_wl_item *out)
{
	if (wl->count == 0)
		return -1;
	wl_item(wl, wl->heap[0].entry, out);
	return 0;
}

int
nl_wl_pop(struct nl_wl *wl, struct nl_wl_item *out)
{
	uint32_t	i;

	if (wl->count == 0)
		return -1;
	i = wl->heap[0].entry;
	wl_item(wl, i, out);
	wl_remove(wl, i);
	return 0;
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

/* an entry, its heap slot, and at most two buckets (fewer than 2 * max) */
size_t
nl_wl_entry_size(void)
{
	return sizeof(struct wl_entry) + sizeof(struct wl_slot) +
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
	wl_touch_range(wl->heap, (size_t)wl->max * sizeof(*wl->heap));
	wl_touch_range(wl->buckets,
	    (size_t)wl->nbuckets * sizeof(*wl->buckets));
}

size_t
nl_wl_mem(const struct nl_wl *wl)
{
	return sizeof(*wl) + sizeof(*wl->memo) + (size_t)wl->max *
	    (sizeof(*wl->entries) + sizeof(*wl->heap)) +
	    (size_t)wl->nbuckets * sizeof(*wl->buckets);
}
