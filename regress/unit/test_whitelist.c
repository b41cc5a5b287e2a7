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
 * The whitelist against its contract, and against a brute-force model
 * over many random operations.
 */
#include <sys/resource.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "t.h"
#include "whitelist.h"

static uint64_t	rng_state = 0x9e3779b97f4a7c15ULL;

static uint32_t
rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 16);
}

static struct nl_wl_item
item(const char *s, int plen, uint32_t expires)
{
	struct nl_wl_item	it;

	memset(&it, 0, sizeof(it));
	if (nl_addr_parse(s, &it.addr) == -1) {
		fprintf(stderr, "bad address %s\n", s);
		exit(2);
	}
	it.plen = plen;
	it.expires = expires;
	return it;
}

static int
has(const struct nl_wl *wl, const char *s, int plen, uint32_t *expires)
{
	struct nl_addr		a;
	struct nl_wl_item	out;

	if (nl_addr_parse(s, &a) == -1)
		return -1;
	if (nl_wl_get(wl, &a, plen, &out) == -1)
		return 0;
	if (expires != NULL)
		*expires = out.expires;
	return 1;
}

static int
is_addr(const struct nl_wl_item *it, const char *s)
{
	struct nl_addr	a;

	return nl_addr_parse(s, &a) == 0 && nl_addr_eq(&it->addr, &a);
}

static void
test_basic(void)
{
	struct nl_wl		*wl;
	struct nl_wl_item	 it, out;
	uint32_t		 exp;

	T(nl_wl_new(0) == NULL);
	T((wl = nl_wl_new(16)) != NULL);
	T(nl_wl_max(wl) == 16);
	T(nl_wl_count(wl) == 0);
	T(nl_wl_peek(wl, &out) == -1);
	T(nl_wl_pop(wl, &out) == -1);

	it = item("192.0.2.10", 32, 1000);
	it.reason = 3;
	T(nl_wl_put(wl, &it, NULL) == NL_WL_NEW);
	T(nl_wl_count(wl) == 1);
	T(has(wl, "192.0.2.10", 32, &exp) == 1 && exp == 1000);
	T(has(wl, "192.0.2.11", 32, NULL) == 0);
	T(has(wl, "192.0.2.10", 31, NULL) == 0);

	/* an update keeps the first reason and takes the new expiry */
	it.expires = 500;
	it.reason = 5;
	T(nl_wl_put(wl, &it, NULL) == NL_WL_UPDATED);
	T(nl_wl_count(wl) == 1);
	T(nl_wl_get(wl, &it.addr, 32, &out) == 0);
	T(out.expires == 500 && out.reason == 3 && out.plen == 32);

	T(nl_wl_del(wl, &it.addr, 32, &out) == 0);
	T(out.expires == 500 && is_addr(&out, "192.0.2.10"));
	T(nl_wl_count(wl) == 0);
	T(nl_wl_del(wl, &it.addr, 32, &out) == -1);
	T(has(wl, "192.0.2.10", 32, NULL) == 0);

	/* bad keys */
	it = item("192.0.2.10", 33, 1);
	T(nl_wl_put(wl, &it, NULL) == -1);
	it = item("2001:db8::1", 129, 1);
	T(nl_wl_put(wl, &it, NULL) == -1);
	it.plen = 128;
	it.addr.af = 0;
	T(nl_wl_put(wl, &it, NULL) == -1);
	T(nl_wl_get(wl, &it.addr, 0, NULL) == -1);
	T(nl_wl_count(wl) == 0);

	T(nl_wl_entry_size() <= 64);
	T(nl_wl_mem(wl) >= 16 * (nl_wl_entry_size() - 8));
	nl_wl_free(wl);
}

static void
test_prefix(void)
{
	struct nl_wl		*wl;
	struct nl_wl_item	 it, out;

	wl = nl_wl_new(16);
	it = item("192.0.2.77", 24, 100);
	T(nl_wl_put(wl, &it, NULL) == NL_WL_NEW);
	T(has(wl, "192.0.2.1", 24, NULL) == 1);
	T(has(wl, "192.0.2.0", 24, NULL) == 1);
	T(has(wl, "192.0.3.1", 24, NULL) == 0);
	T(has(wl, "192.0.2.77", 32, NULL) == 0);
	T(nl_wl_peek(wl, &out) == 0 && is_addr(&out, "192.0.2.0"));
	T(out.plen == 24);

	/* same address, another length: another entry */
	it = item("192.0.2.77", 32, 200);
	T(nl_wl_put(wl, &it, NULL) == NL_WL_NEW);
	it = item("192.0.2.200", 24, 300);
	T(nl_wl_put(wl, &it, NULL) == NL_WL_UPDATED);
	T(nl_wl_count(wl) == 2);

	/* bytes beyond an IPv4 address do not make another key */
	it = item("198.51.100.7", 32, 400);
	it.addr.a[9] = 0xaa;
	T(nl_wl_put(wl, &it, NULL) == NL_WL_NEW);
	T(has(wl, "198.51.100.7", 32, NULL) == 1);

	/* IPv6 /64 and an odd length */
	it = item("2001:db8:1:2:aaaa::1", 64, 500);
	T(nl_wl_put(wl, &it, NULL) == NL_WL_NEW);
	T(has(wl, "2001:db8:1:2:ffff::9", 64, NULL) == 1);
	T(has(wl, "2001:db8:1:3::1", 64, NULL) == 0);
	T(has(wl, "2001:db8:1:2::", 64, NULL) == 1);
	T(has(wl, "2001:db8:1:2:aaaa::1", 128, NULL) == 0);
	it = item("2001:db8:ff::", 45, 600);
	T(nl_wl_put(wl, &it, NULL) == NL_WL_NEW);
	T(has(wl, "2001:db8:f8::1", 45, NULL) == 1);
	T(has(wl, "2001:db8:100::", 45, NULL) == 0);
	/* an IPv4 key never meets an IPv6 one with the same bytes */
	T(has(wl, "::", 0, NULL) == 0);
	it = item("0.0.0.0", 0, 700);
	T(nl_wl_put(wl, &it, NULL) == NL_WL_NEW);
	T(has(wl, "203.0.113.9", 0, NULL) == 1);
	T(has(wl, "::", 0, NULL) == 0);
	T(nl_wl_count(wl) == 6);
	nl_wl_free(wl);
}

static void
test_max_one(void)
{
	struct nl_wl		*wl;
	struct nl_wl_item	 it, ev;

	wl = nl_wl_new(1);
	it = item("192.0.2.1", 32, 100);
	T(nl_wl_put(wl, &it, &ev) == NL_WL_NEW);
	it.expires = 50;
	T(nl_wl_put(wl, &it, &ev) == NL_WL_UPDATED);
	it = item("192.0.2.2", 32, 10);
	memset(&ev, 0, sizeof(ev));
	T(nl_wl_put(wl, &it, &ev) == NL_WL_NEW_EVICTED);
	T(is_addr(&ev, "192.0.2.1") && ev.expires == 50 && ev.plen == 32);
	T(nl_wl_count(wl) == 1);
	T(has(wl, "192.0.2.1", 32, NULL) == 0);
	T(has(wl, "192.0.2.2", 32, NULL) == 1);
	/* the evicted copy is optional */
	it = item("2001:db8::3", 128, 5);
	T(nl_wl_put(wl, &it, NULL) == NL_WL_NEW_EVICTED);
	T(has(wl, "2001:db8::3", 128, NULL) == 1);
	T(nl_wl_pop(wl, &ev) == 0 && is_addr(&ev, "2001:db8::3"));
	T(nl_wl_count(wl) == 0);
	nl_wl_free(wl);
}

static void
test_evict_order(void)
{
	struct nl_wl		*wl;
	struct nl_wl_item	 it, ev;
	char			 buf[64];
	uint32_t		 exp[8] = { 50, 20, 80, 10, 70, 30, 60, 40 };
	int			 i;

	wl = nl_wl_new(8);
	for (i = 0; i < 8; i++) {
		snprintf(buf, sizeof(buf), "198.51.100.%d", exp[i]);
		it = item(buf, 32, exp[i]);
		T(nl_wl_put(wl, &it, &ev) == NL_WL_NEW);
	}
	/* renewing the oldest saves it from eviction */
	it = item("198.51.100.10", 32, 1000);
	T(nl_wl_put(wl, &it, &ev) == NL_WL_UPDATED);
	for (i = 0; i < 7; i++) {
		snprintf(buf, sizeof(buf), "203.0.113.%d", i);
		it = item(buf, 32, 500 + i);
		T(nl_wl_put(wl, &it, &ev) == NL_WL_NEW_EVICTED);
		T(ev.expires == (uint32_t)(20 + 10 * i));
		snprintf(buf, sizeof(buf), "198.51.100.%d", 20 + 10 * i);
		T(is_addr(&ev, buf));
		T(nl_wl_count(wl) == 8);
	}
	T(has(wl, "198.51.100.10", 32, NULL) == 1);
	/* now the oldest is the first of the new ones */
	it = item("203.0.113.99", 32, 2000);
	T(nl_wl_put(wl, &it, &ev) == NL_WL_NEW_EVICTED);
	T(is_addr(&ev, "203.0.113.0") && ev.expires == 500);
	nl_wl_free(wl);
}

static void
test_full_then_expire(void)
{
	struct nl_wl		*wl;
	struct nl_wl_item	 it, out;
	char			 buf[64];
	uint32_t		 last = 0;
	int			 i, n = 0;

	wl = nl_wl_new(100);
	for (i = 0; i < 100; i++) {
		snprintf(buf, sizeof(buf), "2001:db8::%x", i);
		it = item(buf, 128, 1000 + (i * 37) % 100);
		T(nl_wl_put(wl, &it, NULL) == NL_WL_NEW);
	}
	T(nl_wl_count(wl) == 100);
	while (nl_wl_peek(wl, &it) == 0 && it.expires <= 1049) {
		T(nl_wl_pop(wl, &out) == 0);
		T(nl_addr_eq(&out.addr, &it.addr) && out.expires == it.expires);
		T(out.expires >= last);
		last = out.expires;
		n++;
	}
	T(n == 50);
	T(nl_wl_count(wl) == 50);
	for (i = 0; i < 50; i++) {
		snprintf(buf, sizeof(buf), "192.0.2.%d", i);
		it = item(buf, 32, 2000);
		T(nl_wl_put(wl, &it, NULL) == NL_WL_NEW);
	}
	it = item("192.0.2.200", 32, 2000);
	T(nl_wl_put(wl, &it, &out) == NL_WL_NEW_EVICTED);
	T(out.expires == 1050);
	nl_wl_free(wl);
}

struct walk_log {
	struct nl_wl_item	items[16];
	int			n;
};

static void
walk_cb(void *arg, const struct nl_wl_item *it)
{
	struct walk_log	*w = arg;

	if (w->n < 16)
		w->items[w->n] = *it;
	w->n++;
}

/* a delete moves the last entry into the hole; chains and heap follow */
static void
test_dense(void)
{
	struct nl_wl		*wl;
	struct nl_wl_item	 it, out;
	struct walk_log		 w;
	const char		*a[5] = { "192.0.2.1", "192.0.2.2", "192.0.2.3",
				    "192.0.2.4", "192.0.2.5" };
	uint32_t		 exp[5] = { 30, 10, 50, 20, 40 };
	int			 i;

	wl = nl_wl_new(8);
	for (i = 0; i < 5; i++) {
		it = item(a[i], 32, exp[i]);
		nl_wl_put(wl, &it, NULL);
	}
	memset(&w, 0, sizeof(w));
	nl_wl_walk(wl, walk_cb, &w);
	T(w.n == 5);
	for (i = 0; i < 5 && i < w.n; i++)
		T(is_addr(&w.items[i], a[i]) && w.items[i].expires == exp[i]);

	it = item(a[1], 32, 0);
	T(nl_wl_del(wl, &it.addr, 32, &out) == 0 && out.expires == 10);
	memset(&w, 0, sizeof(w));
	nl_wl_walk(wl, walk_cb, &w);
	T(w.n == 4);
	T(is_addr(&w.items[0], a[0]) && is_addr(&w.items[1], a[4]));
	T(is_addr(&w.items[2], a[2]) && is_addr(&w.items[3], a[3]));
	for (i = 0; i < 5; i++)
		T(has(wl, a[i], 32, NULL) == (i != 1));

	/* deleting the last one moves nothing */
	it = item(a[3], 32, 0);
	T(nl_wl_del(wl, &it.addr, 32, NULL) == 0);
	memset(&w, 0, sizeof(w));
	nl_wl_walk(wl, walk_cb, &w);
	T(w.n == 3 && is_addr(&w.items[2], a[2]));

	/* the heap still knows where the moved entry went */
	it = item(a[4], 32, 5);
	T(nl_wl_put(wl, &it, NULL) == NL_WL_UPDATED);
	T(nl_wl_pop(wl, &out) == 0 && is_addr(&out, a[4]) && out.expires == 5);
	T(nl_wl_pop(wl, &out) == 0 && is_addr(&out, a[0]) && out.expires == 30);
	T(nl_wl_pop(wl, &out) == 0 && is_addr(&out, a[2]) && out.expires == 50);
	T(nl_wl_pop(wl, &out) == -1);
	nl_wl_free(wl);
}

/* --- the model: a plain array, searched and scanned --- */

#define MODEL_MAX	97
#define MODEL_POOL	400
#define MODEL_OPS	200000

struct model {
	struct nl_wl_item	items[MODEL_MAX];
	int			n;
};

static struct nl_wl_item
pool_item(int k)
{
	struct nl_wl_item	it;

	memset(&it, 0, sizeof(it));
	if (k % 3 == 0) {
		it.addr.af = NL_AF6;
		it.addr.a[0] = 0x20;
		it.addr.a[1] = 0x01;
		it.addr.a[2] = 0x0d;
		it.addr.a[3] = 0xb8;
		it.addr.a[7] = k & 0xff;
		it.addr.a[6] = k >> 8;
		it.addr.a[15] = rng() & 0xff;	/* masked away at /64 */
		it.plen = 64;
	} else {
		it.addr.af = NL_AF4;
		it.addr.a[0] = 198;
		it.addr.a[1] = 51;
		it.addr.a[2] = k >> 8;
		it.addr.a[3] = k & 0xff;
		it.plen = 32;
	}
	return it;
}

static int
model_find(const struct model *m, const struct nl_wl_item *it)
{
	struct nl_addr	key = it->addr;
	int		i;

	nl_addr_mask(&key, it->plen);
	for (i = 0; i < m->n; i++)
		if (m->items[i].plen == it->plen &&
		    nl_addr_eq(&m->items[i].addr, &key))
			return i;
	return -1;
}

static uint32_t
model_min(const struct model *m)
{
	uint32_t	min = UINT32_MAX;
	int		i;

	for (i = 0; i < m->n; i++)
		if (m->items[i].expires < min)
			min = m->items[i].expires;
	return min;
}

/* takes out the entry the whitelist named, after checking it was oldest */
static int
model_take_min(struct model *m, const struct nl_wl_item *got)
{
	int	i;

	if (m->n == 0 || got->expires != model_min(m))
		return -1;
	if ((i = model_find(m, got)) == -1 ||
	    m->items[i].expires != got->expires)
		return -1;
	m->items[i] = m->items[--m->n];
	return 0;
}

static int
model_walk_cmp(const void *a, const void *b)
{
	const struct nl_wl_item	*x = a, *y = b;
	int			 c;

	if ((c = nl_addr_cmp(&x->addr, &y->addr)) != 0)
		return c;
	return (int)x->plen - (int)y->plen;
}

struct walk_all {
	struct nl_wl_item	items[MODEL_MAX];
	int			n;
};

static void
walk_all_cb(void *arg, const struct nl_wl_item *it)
{
	struct walk_all	*w = arg;

	if (w->n < MODEL_MAX)
		w->items[w->n] = *it;
	w->n++;
}

static int
model_same(const struct model *m, const struct nl_wl *wl)
{
	static struct walk_all	w;
	static struct model	s;
	int			i;

	memset(&w, 0, sizeof(w));
	nl_wl_walk(wl, walk_all_cb, &w);
	if (w.n != m->n || (int)nl_wl_count(wl) != m->n)
		return 0;
	s = *m;
	qsort(s.items, s.n, sizeof(s.items[0]), model_walk_cmp);
	qsort(w.items, w.n, sizeof(w.items[0]), model_walk_cmp);
	for (i = 0; i < m->n; i++)
		if (model_walk_cmp(&s.items[i], &w.items[i]) != 0 ||
		    s.items[i].expires != w.items[i].expires)
			return 0;
	return 1;
}

static void
test_model(void)
{
	static struct model	 m;
	struct nl_wl		*wl;
	struct nl_wl_item	 it, got, key;
	uint32_t		 clock = 1000;
	int			 op, i, r, bad = 0, walks = 0, evictions = 0;
	int			 expiries = 0;

	wl = nl_wl_new(MODEL_MAX);
	for (op = 0; op < MODEL_OPS && bad == 0; op++) {
		it = pool_item(rng() % MODEL_POOL);
		key = it;
		nl_addr_mask(&key.addr, key.plen);
		i = model_find(&m, &it);
		switch (rng() % 8) {
		case 0: case 1: case 2: case 3:
			/* mostly later, now and then earlier: renewals */
			clock += rng() % 16;
			it.expires = clock + (rng() % 4 == 0 ?
			    rng() % 50 : rng() % 3000);
			memset(&got, 0, sizeof(got));
			r = nl_wl_put(wl, &it, &got);
			if (i != -1) {
				bad |= r != NL_WL_UPDATED;
				m.items[i].expires = it.expires;
				break;
			}
			if (m.n == MODEL_MAX) {
				bad |= r != NL_WL_NEW_EVICTED;
				bad |= model_take_min(&m, &got) == -1;
				evictions++;
			} else
				bad |= r != NL_WL_NEW;
			key.expires = it.expires;
			m.items[m.n++] = key;
			break;
		case 4:
			r = nl_wl_del(wl, &it.addr, it.plen, &got);
			bad |= (r == 0) != (i != -1);
			if (i != -1) {
				bad |= got.expires != m.items[i].expires;
				m.items[i] = m.items[--m.n];
			}
			break;
		case 5:
			r = nl_wl_get(wl, &it.addr, it.plen, &got);
			bad |= (r == 0) != (i != -1);
			if (i != -1)
				bad |= got.expires != m.items[i].expires ||
				    !nl_addr_eq(&got.addr, &key.addr);
			break;
		case 6:
			/* expire what is due, as the tracker does */
			while (nl_wl_peek(wl, &it) == 0 &&
			    it.expires <= clock) {
				bad |= nl_wl_pop(wl, &got) != 0;
				bad |= model_take_min(&m, &got) == -1;
				expiries++;
			}
			bad |= m.n > 0 && model_min(&m) <= clock;
			break;
		default:
			if (op % 64 == 7) {
				bad |= !model_same(&m, wl);
				walks++;
			}
			break;
		}
		if (bad)
			fprintf(stderr, "model: diverged at op %d\n", op);
	}
	T(bad == 0);
	T(model_same(&m, wl));
	T(walks > 100 && evictions > 1000 && expiries > 1000);
	while (nl_wl_pop(wl, &got) == 0)
		T(model_take_min(&m, &got) == 0);
	T(m.n == 0 && nl_wl_count(wl) == 0);
	nl_wl_free(wl);
}

/* the walk order depends on the operations, not on the hash seed */
static void
test_walk_determinism(void)
{
	struct nl_wl		*a, *b;
	struct nl_wl_item	 it;
	static struct walk_all	 wa, wb;
	uint64_t		 saved = rng_state;
	int			 pass, op, i, same = 1;

	a = nl_wl_new(MODEL_MAX);
	b = nl_wl_new(MODEL_MAX);
	for (pass = 0; pass < 2; pass++) {
		rng_state = saved;
		for (op = 0; op < 5000; op++) {
			it = pool_item(rng() % MODEL_POOL);
			it.expires = rng() % 1000;
			if (rng() % 4 == 0)
				nl_wl_del(pass ? b : a, &it.addr, it.plen,
				    NULL);
			else
				nl_wl_put(pass ? b : a, &it, NULL);
		}
	}
	memset(&wa, 0, sizeof(wa));
	memset(&wb, 0, sizeof(wb));
	nl_wl_walk(a, walk_all_cb, &wa);
	nl_wl_walk(b, walk_all_cb, &wb);
	T(wa.n == wb.n && wa.n > 0);
	for (i = 0; i < wa.n && i < MODEL_MAX; i++)
		if (!nl_addr_eq(&wa.items[i].addr, &wb.items[i].addr) ||
		    wa.items[i].expires != wb.items[i].expires)
			same = 0;
	T(same);
	nl_wl_free(a);
	nl_wl_free(b);
}

/* many entries in few buckets' worth of addresses still hold together */
static void
test_large(void)
{
	struct nl_wl		*wl;
	struct nl_wl_item	 it, out;
	uint32_t		 i, n = 50000, last = 0, found = 0, order = 1;

	wl = nl_wl_new(n);
	memset(&it, 0, sizeof(it));
	it.addr.af = NL_AF4;
	it.plen = 32;
	for (i = 0; i < n; i++) {
		it.addr.a[0] = 10;
		it.addr.a[1] = i >> 16;
		it.addr.a[2] = i >> 8;
		it.addr.a[3] = i;
		it.expires = (i * 7919) % n;
		if (nl_wl_put(wl, &it, NULL) != NL_WL_NEW)
			break;
	}
	T(i == n && nl_wl_count(wl) == n);
	for (i = 0; i < n; i++) {
		it.addr.a[1] = i >> 16;
		it.addr.a[2] = i >> 8;
		it.addr.a[3] = i;
		if (nl_wl_get(wl, &it.addr, 32, &out) == 0 &&
		    out.expires == (i * 7919) % n)
			found++;
	}
	T(found == n);
	for (i = 0; nl_wl_pop(wl, &out) == 0; i++) {
		if (out.expires < last)
			order = 0;
		last = out.expires;
	}
	T(i == n && order);
	nl_wl_free(wl);
}

static long
peak_rss_kb(void)
{
	struct rusage	ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;	/* kilobytes on Linux and the BSDs */
}

/* touching faults the tables in and keeps what they hold */
static void
test_touch(void)
{
	struct nl_wl		*wl;
	struct nl_wl_item	 it, out;
	uint32_t		 i, n = 1000000, kept = 0;
	long			 before;

	wl = nl_wl_new(n);
	memset(&it, 0, sizeof(it));
	it.addr.af = NL_AF6;
	it.plen = 128;
	for (i = 0; i < 1000; i++) {
		it.addr.a[15] = i;
		it.addr.a[14] = i >> 8;
		it.expires = i;
		nl_wl_put(wl, &it, NULL);
	}
	before = peak_rss_kb();
	nl_wl_touch(wl);
	T((size_t)(peak_rss_kb() - before) * 1024 >= nl_wl_mem(wl) / 10 * 9);
	for (i = 0; i < 1000; i++) {
		it.addr.a[15] = i;
		it.addr.a[14] = i >> 8;
		if (nl_wl_get(wl, &it.addr, 128, &out) == 0 &&
		    out.expires == i)
			kept++;
	}
	T(kept == 1000 && nl_wl_count(wl) == 1000);
	for (i = 0; nl_wl_pop(wl, &out) == 0; i++)
		if (out.expires != i)
			break;
	T(i == 1000);
	nl_wl_free(wl);
}

static int
class_of(const struct nl_wl *wl, const char *s, int plen)
{
	struct nl_addr		a;
	struct nl_wl_item	out;

	if (nl_addr_parse(s, &a) == -1 || nl_wl_get(wl, &a, plen, &out) == -1)
		return -1;
	return out.class;
}

/*
 * The classes: eviction takes probation's oldest even when manual and
 * protected entries expire sooner; protected overflows onto probation,
 * manual past its tenth is taken on probation; expiry is across all.
 */
static void
test_classes(void)
{
	struct nl_wl		*wl;
	struct nl_wl_item	 it, ev;
	char			 buf[64];
	int			 i, evicted_early = 0;

	wl = nl_wl_new(20);
	T(nl_wl_class_max(wl, NL_WL_MANUAL) == 2);
	T(nl_wl_class_max(wl, NL_WL_PROTECTED) == 16);
	T(nl_wl_class_max(wl, NL_WL_NCLASS) == 0);
	for (i = 0; i < 3; i++) {
		snprintf(buf, sizeof(buf), "203.0.113.%d", i);
		it = item(buf, 32, 5 + i);
		it.reason = NL_REASON_MANUAL;
		T(nl_wl_put(wl, &it, NULL) == NL_WL_NEW);
	}
	/* the third is past the budget */
	T(class_of(wl, "203.0.113.0", 32) == NL_WL_MANUAL);
	T(class_of(wl, "203.0.113.2", 32) == NL_WL_PROBATION);
	it = item("198.51.100.1", 32, 9);
	it.reason = NL_REASON_RENEW;
	T(nl_wl_put(wl, &it, NULL) == NL_WL_NEW);
	T(class_of(wl, "198.51.100.1", 32) == NL_WL_PROTECTED);
	/* a fake-MX sender moves up on its renewal, and never back down */
	it = item("198.51.100.2", 32, 10);
	T(nl_wl_put(wl, &it, NULL) == NL_WL_NEW);
	it.reason = NL_REASON_RENEW;
	T(nl_wl_put(wl, &it, NULL) == NL_WL_UPDATED);
	it.reason = NL_REASON_FAKEMX;
	it.expires = 11;
	T(nl_wl_put(wl, &it, NULL) == NL_WL_UPDATED);
	T(nl_wl_get(wl, &it.addr, 32, &ev) == 0 && ev.reason ==
	    NL_REASON_RENEW && ev.class == NL_WL_PROTECTED && ev.expires == 11);
	/* a flood, expiring later than all of them, churns probation only */
	for (i = 0; i < 1000; i++) {
		snprintf(buf, sizeof(buf), "10.0.%d.%d", i / 256, i % 256);
		it = item(buf, 32, 100 + i);
		if (nl_wl_put(wl, &it, &ev) == NL_WL_NEW_EVICTED &&
		    ev.expires < 100)
			evicted_early++;
	}
	T(evicted_early == 1);	/* the manual entry past the budget */
	T(class_of(wl, "203.0.113.0", 32) == NL_WL_MANUAL);
	T(class_of(wl, "203.0.113.1", 32) == NL_WL_MANUAL);
	T(class_of(wl, "198.51.100.1", 32) == NL_WL_PROTECTED);
	T(class_of(wl, "198.51.100.2", 32) == NL_WL_PROTECTED);
	T(class_of(wl, "203.0.113.2", 32) == -1);
	T(nl_wl_count(wl) == 20);
	T(nl_wl_class_count(wl, NL_WL_PROBATION) == 16);
	/* expiry still takes the first to expire, whatever its class */
	T(nl_wl_pop(wl, &ev) == 0 && is_addr(&ev, "203.0.113.0"));
	T(nl_wl_pop(wl, &ev) == 0 && is_addr(&ev, "203.0.113.1"));
	T(nl_wl_pop(wl, &ev) == 0 && is_addr(&ev, "198.51.100.1"));
	T(nl_wl_class_count(wl, NL_WL_MANUAL) == 0);
	nl_wl_free(wl);
}

/* past 80%, the protected entry renewed least recently is on probation */
static void
test_protected_full(void)
{
	struct nl_wl		*wl;
	struct nl_wl_item	 it, ev;
	char			 buf[64];
	int			 i;

	wl = nl_wl_new(10);
	for (i = 0; i < 9; i++) {
		snprintf(buf, sizeof(buf), "198.51.100.%d", i);
		it = item(buf, 32, 100 + i);
		it.reason = NL_REASON_RENEW;
		T(nl_wl_put(wl, &it, NULL) == NL_WL_NEW);
	}
	T(nl_wl_class_count(wl, NL_WL_PROTECTED) == 8);
	T(class_of(wl, "198.51.100.0", 32) == NL_WL_PROBATION);
	it = item("10.0.0.1", 32, 50);
	T(nl_wl_put(wl, &it, NULL) == NL_WL_NEW);
	/* full: the demoted one goes before the newer fake-MX sender */
	it = item("10.0.0.2", 32, 500);
	T(nl_wl_put(wl, &it, &ev) == NL_WL_NEW_EVICTED);
	T(is_addr(&ev, "10.0.0.1"));
	it = item("10.0.0.3", 32, 501);
	T(nl_wl_put(wl, &it, &ev) == NL_WL_NEW_EVICTED);
	T(is_addr(&ev, "198.51.100.0") && ev.reason == NL_REASON_RENEW);
	T(nl_wl_class_count(wl, NL_WL_PROTECTED) == 8);
	/* max 1: room for one manual entry, which nothing evicts */
	nl_wl_free(wl);
	wl = nl_wl_new(1);
	it = item("10.0.0.1", 32, 50);
	it.reason = NL_REASON_MANUAL;
	T(nl_wl_put(wl, &it, NULL) == NL_WL_NEW);
	T(class_of(wl, "10.0.0.1", 32) == NL_WL_MANUAL);
	it = item("10.0.0.2", 32, 50);
	it.reason = NL_REASON_RENEW;
	T(nl_wl_put(wl, &it, &ev) == NL_WL_FULL);
	T(class_of(wl, "10.0.0.1", 32) == NL_WL_MANUAL);
	/* no protected room: a renewed sender stays on probation */
	nl_wl_free(wl);
	wl = nl_wl_new(1);
	it = item("10.0.0.2", 32, 50);
	it.reason = NL_REASON_RENEW;
	T(nl_wl_put(wl, &it, &ev) == NL_WL_NEW);
	T(class_of(wl, "10.0.0.2", 32) == NL_WL_PROBATION);
	nl_wl_free(wl);
}

struct class_walk {
	const struct nl_wl	*wl;
	uint32_t		 n[NL_WL_NCLASS];
	int			 bad;
};

static void
class_walk_cb(void *arg, const struct nl_wl_item *it)
{
	struct class_walk	*w = arg;
	struct nl_wl_item	 got;

	if (it->class >= NL_WL_NCLASS ||
	    nl_wl_get(w->wl, &it->addr, it->plen, &got) == -1 ||
	    got.class != it->class || got.expires != it->expires)
		w->bad = 1;
	else
		w->n[it->class]++;
}

/* the classes' counts add up, within their bounds */
static int
classes_hold(const struct nl_wl *wl)
{
	struct class_walk	w;
	int			c;

	memset(&w, 0, sizeof(w));
	w.wl = wl;
	nl_wl_walk(wl, class_walk_cb, &w);
	for (c = 0; c < NL_WL_NCLASS; c++)
		if (w.n[c] != nl_wl_class_count(wl, c) ||
		    w.n[c] > nl_wl_class_max(wl, c))
			w.bad = 1;
	return !w.bad && nl_wl_count(wl) <= nl_wl_max(wl);
}

/*
 * Random puts of every reason, deletes and expiry: eviction only ever
 * takes probation, the heaps sharing one array stay whole, and what is
 * left pops in expiry order.
 */
static void
test_classes_random(void)
{
	static const int	 reasons[] = { NL_REASON_FAKEMX,
				    NL_REASON_FAKEMX, NL_REASON_FCRDNS,
				    NL_REASON_RENEW, NL_REASON_MANUAL };
	struct nl_wl		*wl;
	struct nl_wl_item	 it, ev;
	uint32_t		 clock = 1000, last = 0;
	int			 op, r, bad = 0, evictions = 0;

	wl = nl_wl_new(MODEL_MAX);
	for (op = 0; op < MODEL_OPS && !bad; op++) {
		it = pool_item(rng() % MODEL_POOL);
		it.reason = reasons[rng() % 5];
		clock += rng() % 4;
		it.expires = clock + rng() % 3000;
		switch (rng() % 8) {
		case 0:
			nl_wl_del(wl, &it.addr, it.plen, NULL);
			break;
		case 1:
			while (nl_wl_peek(wl, &ev) == 0 && ev.expires <= clock)
				bad |= nl_wl_pop(wl, NULL) != 0;
			break;
		default:
			memset(&ev, 0, sizeof(ev));
			r = nl_wl_put(wl, &it, &ev);
			if (r == NL_WL_NEW_EVICTED) {
				evictions++;
				bad |= ev.class != NL_WL_PROBATION;
			}
			bad |= r == -1 || r == NL_WL_FULL;
			break;
		}
		if (op % 101 == 0)
			bad |= !classes_hold(wl);
	}
	T(bad == 0 && evictions > 1000);
	T(classes_hold(wl));
	T(nl_wl_class_count(wl, NL_WL_MANUAL) > 0 &&
	    nl_wl_class_count(wl, NL_WL_PROTECTED) > 0);
	while (nl_wl_pop(wl, &ev) == 0) {
		bad |= ev.expires < last;
		last = ev.expires;
	}
	T(bad == 0 && nl_wl_count(wl) == 0);
	nl_wl_free(wl);
}

int
main(void)
{
	test_basic();
	test_prefix();
	test_max_one();
	test_evict_order();
	test_full_then_expire();
	test_dense();
	test_model();
	test_walk_determinism();
	test_large();
	test_touch();
	test_classes();
	test_protected_full();
	test_classes_random();
	printf("entry: %zu bytes all-in\n", nl_wl_entry_size());
	return t_done();
}
