#include <sys/time.h>

#include <ctype.h>
#include <libpsl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "compat.h"
#include "expand.h"

#define POOL_NONE	UINT32_MAX
#define MILLION		1000000ULL

/* Is the sender among the addresses its PTR name resolves to? */
int
nl_fcrdns_confirmed(const struct nl_addr *sender, const struct nl_addr *addrs,
    size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (nl_addr_eq(sender, &addrs[i]))
			return 1;
	return 0;
}

/* The name a PTR query asks for, without the trailing dot. */
int
nl_ptr_name(const struct nl_addr *a, char *buf, size_t len)
{
	static const char	 hex[] = "0123456789abcdef";
	char			*p;
	int			 i;

	if (a->af == NL_AF4) {
		if ((size_t)snprintf(buf, len, "%u.%u.%u.%u.in-addr.arpa",
		    a->a[3], a->a[2], a->a[1], a->a[0]) >= len)
			return -1;
		return 0;
	}
	if (a->af != NL_AF6 || len < NL_PTRNAME_MAX)
		return -1;
	p = buf;
	for (i = 15; i >= 0; i--) {
		*p++ = hex[a->a[i] & 0xf];
		*p++ = '.';
		*p++ = hex[a->a[i] >> 4];
		*p++ = '.';
	}
	strlcpy(p, "ip6.arpa", len - (p - buf));
	return 0;
}

/*
 * Lower case, no trailing dot, only host name characters, '_' (which
 * real PTR records carry) and '/' (RFC 2317: a classless reverse
 * delegation's CNAME points to names like 130.128/25.2.0.192.in-addr.arpa).
 * Anything else is not a name worth following.
 */
int
nl_name_normalize(const char *name, char *buf, size_t len)
{
	size_t	n, i;

	n = strlen(name);
	if (n > 0 && name[n - 1] == '.')
		n--;
	if (n == 0 || n > 253 || n >= len)
		return -1;
	for (i = 0; i < n; i++) {
		unsigned char c = name[i];

		if (c == '.') {
			if (i == 0 || name[i - 1] == '.')
				return -1;
		} else if (!isalnum(c) && c != '-' && c != '_' && c != '/')
			return -1;
		buf[i] = tolower(c);
	}
	buf[n] = '\0';
	return 0;
}

/* The registered domain by the public suffix list: example.co.uk. */
int
nl_registered_domain(const char *name, char *buf, size_t len)
{
	const psl_ctx_t	*psl;
	const char	*reg;
	char		 norm[NL_DNAME_MAX + 1];

	if ((psl = psl_builtin()) == NULL)
		return -1;
	if (nl_name_normalize(name, norm, sizeof(norm)) == -1)
		return -1;
	if ((reg = psl_registrable_domain(psl, norm)) == NULL)
		return -1;
	if (strlcpy(buf, reg, len) >= len)
		return -1;
	return 0;
}

struct pool_ent {
	char		 name[NL_DNAME_MAX + 1];
	uint32_t	 expires;
	uint32_t	 heap;		/* position in the heap */
	uint32_t	 next;		/* hash chain or free list */
};

struct nl_pool {
	struct pool_ent	*ents;
	uint32_t	*buckets;
	uint32_t	*heap;		/* min-heap on expiry */
	uint32_t	 max;
	uint32_t	 nbuckets;	/* a power of two */
	uint32_t	 count;
	uint32_t	 freelist;
};

struct nl_pool *
nl_pool_new(uint32_t max)
{
	struct nl_pool	*p;
	uint32_t	 i;

	if (max == 0 || max > (1U << 24))
		return NULL;
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	p->max = max;
	for (p->nbuckets = 1; p->nbuckets < max; p->nbuckets <<= 1)
		;
	p->ents = calloc(max, sizeof(*p->ents));
	p->buckets = calloc(p->nbuckets, sizeof(*p->buckets));
	p->heap = calloc(max, sizeof(*p->heap));
	if (p->ents == NULL || p->buckets == NULL || p->heap == NULL) {
		nl_pool_free(p);
		return NULL;
	}
	for (i = 0; i < p->nbuckets; i++)
		p->buckets[i] = POOL_NONE;
	for (i = 0; i < max; i++)
		p->ents[i].next = i + 1 < max ? i + 1 : POOL_NONE;
	p->freelist = 0;
	return p;
}

void
nl_pool_free(struct nl_pool *p)
{
	if (p == NULL)
		return;
	free(p->ents);
	free(p->buckets);
	free(p->heap);
	free(p);
}

static uint32_t
pool_hash(const struct nl_pool *p, const char *name)
{
	uint32_t	h = 2166136261U;

	for (; *name != '\0'; name++) {
		h ^= (unsigned char)tolower((unsigned char)*name);
		h *= 16777619U;
	}
	return h & (p->nbuckets - 1);
}

static uint32_t
pool_find(const struct nl_pool *p, const char *name)
{
	uint32_t	i;

	for (i = p->buckets[pool_hash(p, name)]; i != POOL_NONE;
	    i = p->ents[i].next)
		if (strcasecmp(p->ents[i].name, name) == 0)
			return i;
	return POOL_NONE;
}

static void
pool_heap_swap(struct nl_pool *p, uint32_t a, uint32_t b)
{
	uint32_t	t;

	t = p->heap[a];
	p->heap[a] = p->heap[b];
	p->heap[b] = t;
	p->ents[p->heap[a]].heap = a;
	p->ents[p->heap[b]].heap = b;
}

static uint32_t
pool_heap_key(const struct nl_pool *p, uint32_t pos)
{
	return p->ents[p->heap[pos]].expires;
}

static void
pool_heap_up(struct nl_pool *p, uint32_t pos)
{
	while (pos > 0 &&
	    pool_heap_key(p, (pos - 1) / 2) > pool_heap_key(p, pos)) {
		pool_heap_swap(p, pos, (pos - 1) / 2);
		pos = (pos - 1) / 2;
	}
}

static void
pool_heap_down(struct nl_pool *p, uint32_t pos)
{
	uint32_t	least, l, r;

	for (;;) {
		least = pos;
		l = 2 * pos + 1;
		r = l + 1;
		if (l < p->count &&
		    pool_heap_key(p, l) < pool_heap_key(p, least))
			least = l;
		if (r < p->count &&
		    pool_heap_key(p, r) < pool_heap_key(p, least))
			least = r;
		if (least == pos)
			return;
		pool_heap_swap(p, pos, least);
		pos = least;
	}
}

static void
pool_unlink(struct nl_pool *p, uint32_t e)
{
	uint32_t	*link;

	for (link = &p->buckets[pool_hash(p, p->ents[e].name)];
	    *link != e; link = &p->ents[*link].next)
		;
	*link = p->ents[e].next;
}

static void
pool_remove_top(struct nl_pool *p)
{
	uint32_t	e;

	e = p->heap[0];
	pool_unlink(p, e);
	p->count--;
	if (p->count > 0) {
		pool_heap_swap(p, 0, p->count);
		pool_heap_down(p, 0);
	}
	p->ents[e].next = p->freelist;
	p->freelist = e;
}

/*
 * Remember a domain until expires; a domain already there keeps the
 * later expiry. Returns 1 when the oldest domain made room, 0 otherwise,
 * -1 for a name too long.
 */
int
nl_pool_put(struct nl_pool *p, const char *name, uint32_t expires)
{
	uint32_t	e, b;
	int		evicted = 0;

	if (strlen(name) > NL_DNAME_MAX)
		return -1;
	if ((e = pool_find(p, name)) != POOL_NONE) {
		if (expires > p->ents[e].expires) {
			p->ents[e].expires = expires;
			pool_heap_down(p, p->ents[e].heap);
		}
		return 0;
	}
	if (p->count == p->max) {
		pool_remove_top(p);
		evicted = 1;
	}
	e = p->freelist;
	p->freelist = p->ents[e].next;
	strlcpy(p->ents[e].name, name, sizeof(p->ents[e].name));
	p->ents[e].expires = expires;
	b = pool_hash(p, name);
	p->ents[e].next = p->buckets[b];
	p->buckets[b] = e;
	p->heap[p->count] = e;
	p->ents[e].heap = p->count;
	p->count++;
	pool_heap_up(p, p->count - 1);
	return evicted;
}

int
nl_pool_has(const struct nl_pool *p, const char *name, uint32_t now)
{
	uint32_t	e;

	if ((e = pool_find(p, name)) == POOL_NONE)
		return 0;
	return p->ents[e].expires > now;
}

/* Drop what has expired by now; returns how many went. */
uint32_t
nl_pool_expire(struct nl_pool *p, uint32_t now)
{
	uint32_t	n = 0;

	while (p->count > 0 && pool_heap_key(p, 0) <= now) {
		pool_remove_top(p);
		n++;
	}
	return n;
}

uint32_t
nl_pool_count(const struct nl_pool *p)
{
	return p->count;
}

void
nl_rate_init(struct nl_rate *r, uint32_t per_sec, uint32_t burst)
{
	memset(r, 0, sizeof(*r));
	if (burst == 0)
		burst = per_sec > 0 ? per_sec : 1;
	r->per_sec = per_sec;
	r->cap = burst * MILLION;
	r->tokens = r->cap;
}

/* Tokens for the time since the last call; they pay any debt first. */
static void
rate_refill(struct nl_rate *r, const struct timeval *now)
{
	struct timeval	d;
	uint64_t	us, add;

	if (r->started && timercmp(now, &r->last, >)) {
		timersub(now, &r->last, &d);
		us = (uint64_t)d.tv_sec * MILLION + d.tv_usec;
		/* past the time to pay and fill, it is full */
		if (us >= (r->cap + r->debt) / r->per_sec)
			add = r->cap + r->debt;
		else
			add = us * r->per_sec;
		if (add >= r->debt) {
			add -= r->debt;
			r->debt = 0;
		} else {
			r->debt -= add;
			add = 0;
		}
		r->tokens = r->tokens + add > r->cap ? r->cap : r->tokens + add;
	}
	/* a clock that steps back only delays the next refill */
	r->last = *now;
	r->started = 1;
}

/* Take one token if there is one; a rate of 0 allows nothing. */
int
nl_rate_take(struct nl_rate *r, const struct timeval *now)
{
	if (r->per_sec == 0)
		return 0;
	rate_refill(r, now);
	if (r->tokens < MILLION)
		return 0;
	r->tokens -= MILLION;
	return 1;
}

/*
 * Take n tokens for what was spent already, going into debt when there
 * are not so many: later refills pay it before the bucket fills again.
 */
void
nl_rate_charge(struct nl_rate *r, uint64_t n)
{
	n *= MILLION;
	if (r->tokens >= n) {
		r->tokens -= n;
		return;
	}
	r->debt += n - r->tokens;
	r->tokens = 0;
}
