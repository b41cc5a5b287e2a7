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
 * The tracker against SPEC's "Behaviour", one rule at a time, with
 * records built by hand.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "tracker.h"

#define T0	1732260000
#define WLTIME	3600

struct log {
	struct nl_change	changes[64];
	int			nchanges;
	struct nl_addr		fake[16];
	int			nfake;
	struct nl_addr		direct[16];
	int			ndirect;
	struct timeval		last_cb_time;
};

static struct log	lg;

/*
 * A table built from nothing but the changes: it must always hold what
 * the whitelist holds, with the same expiry.
 */
#define MIRROR_MAX	256

struct mirror {
	struct nl_change	e[MIRROR_MAX];
	int			n;
	int			errors;
};

static struct mirror	mir;

static int
mirror_find(const struct nl_addr *a, int plen)
{
	int	i;

	for (i = 0; i < mir.n; i++)
		if (mir.e[i].plen == plen && nl_addr_eq(&mir.e[i].addr, a))
			return i;
	return -1;
}

static void
mirror_apply(const struct nl_change *c)
{
	int	i = mirror_find(&c->addr, c->plen);

	if (c->op == NL_OP_DELETE) {
		if (i == -1)
			mir.errors++;
		else
			mir.e[i] = mir.e[--mir.n];
	} else if (i != -1) {
		/* renewed, or moved up a class: never shortened */
		if (c->expires < mir.e[i].expires)
			mir.errors++;
		else
			mir.e[i].expires = c->expires;
	} else if (mir.n == MIRROR_MAX)
		mir.errors++;
	else
		mir.e[mir.n++] = *c;
}

static void
mirror_check(void *arg, const struct nl_wl_item *it)
{
	int	i = mirror_find(&it->addr, it->plen);

	(void)arg;
	if (i == -1 || mir.e[i].expires != it->expires)
		mir.errors++;
}

static void
on_change(void *arg, const struct nl_change *c)
{
	struct log	*l = arg;

	mirror_apply(c);

	if (l->nchanges < 64)
		l->changes[l->nchanges] = *c;
	l->nchanges++;
}

static void
on_fake(void *arg, const struct nl_addr *a, const struct timeval *tv)
{
	struct log	*l = arg;

	if (l->nfake < 16)
		l->fake[l->nfake] = *a;
	l->nfake++;
	l->last_cb_time = *tv;
}

static void
on_direct(void *arg, const struct nl_addr *a, const struct timeval *tv)
{
	struct log	*l = arg;

	if (l->ndirect < 16)
		l->direct[l->ndirect] = *a;
	l->ndirect++;
	l->last_cb_time = *tv;
}

static struct nl_addr
A(const char *s)
{
	struct nl_addr	a;

	if (nl_addr_parse(s, &a) == -1) {
		fprintf(stderr, "bad address %s\n", s);
		exit(2);
	}
	return a;
}

/* an address to point at; a few stay valid at once */
static const struct nl_addr *
AP(const char *s)
{
	static struct nl_addr	ring[8];
	static int		next;

	next = (next + 1) % 8;
	ring[next] = A(s);
	return &ring[next];
}

static int
tr_class(const struct nl_tracker *t, const char *s, int plen)
{
	struct nl_wl_item	it;

	if (nl_wl_get(nl_tracker_whitelist(t), AP(s), plen, &it) == -1)
		return -1;
	return it.class;
}

static void
config(struct nl_config *c, uint32_t max)
{
	memset(c, 0, sizeof(*c));
	c->fake_mx[0] = A("192.0.2.1");
	c->fake_mx[1] = A("2001:db8::1");
	c->nfake_mx = 2;
	c->real_mx[0] = A("192.0.2.2");
	c->real_mx[1] = A("2001:db8::2");
	c->nreal_mx = 2;
	c->ports[0] = 25;
	c->ports[1] = 587;
	c->nports = 2;
	c->prefix4 = 32;
	c->prefix6 = 64;
	c->whitelist_time = WLTIME;
	c->max_entries = max;
}

static struct nl_tracker *
tracker(uint32_t max)
{
	struct nl_config	c;
	struct nl_tracker_cb	cb;

	config(&c, max);
	memset(&cb, 0, sizeof(cb));
	cb.change = on_change;
	cb.fake_mx = on_fake;
	cb.direct = on_direct;
	cb.arg = &lg;
	memset(&lg, 0, sizeof(lg));
	return nl_tracker_new(&c, &cb);
}

static struct nl_record
rec(const char *src, const char *dst, uint16_t dport, uint16_t flags,
    int action, time_t sec)
{
	struct nl_record	r;

	memset(&r, 0, sizeof(r));
	r.time.tv_sec = sec;
	r.time.tv_usec = 123456;
	r.rule = 3;
	r.src = A(src);
	r.dst = A(dst);
	r.sport = 34510;
	r.dport = dport;
	r.tcpflags = flags;
	r.proto = NL_PROTO_TCP;
	r.action = action;
	r.dir = NL_DIR_IN;
	return r;
}

static void
feed(struct nl_tracker *t, const char *src, const char *dst, uint16_t dport,
    uint16_t flags, int action, time_t sec)
{
	struct nl_record	r;

	r = rec(src, dst, dport, flags, action, sec);
	nl_tracker_record(t, &r);
}

static int
change_is(int i, int op, int reason, const char *addr, int plen,
    uint32_t expires)
{
	const struct nl_change	*c;

	if (i >= lg.nchanges || i >= 64)
		return 0;
	c = &lg.changes[i];
	return c->op == op && c->reason == reason && c->plen == plen &&
	    nl_addr_eq(&c->addr, AP(addr)) && c->expires == expires;
}

static int
listed(const struct nl_tracker *t, const char *addr, int plen,
    uint32_t *expires)
{
	struct nl_wl_item	it;
	struct nl_addr		a = A(addr);

	if (nl_wl_get(nl_tracker_whitelist(t), &a, plen, &it) == -1)
		return 0;
	if (expires != NULL)
		*expires = it.expires;
	return 1;
}

static void
test_fake_mx(void)
{
	struct nl_tracker	*t;
	struct nl_stats		*st;

	t = tracker(100);
	st = nl_tracker_stats(t);
	feed(t, "198.51.100.10", "192.0.2.1", 25, NL_TH_SYN, NL_ACT_BLOCK, T0);
	T(st->records == 1 && st->fake_mx == 1 && st->whitelisted == 1);
	T(lg.nchanges == 1);
	T(change_is(0, NL_OP_ADD, NL_REASON_FAKEMX, "198.51.100.10", 32,
	    T0 + WLTIME));
	T(lg.changes[0].time.tv_sec == T0);
	T(lg.changes[0].time.tv_usec == 123456);
	T(listed(t, "198.51.100.10", 32, NULL));
	T(nl_wl_count(nl_tracker_whitelist(t)) == 1);
	/* the expansion hook sees the sender after its entry is made */
	T(lg.nfake == 1 && nl_addr_eq(&lg.fake[0], AP("198.51.100.10")));
	T(lg.last_cb_time.tv_sec == T0 && lg.last_cb_time.tv_usec == 123456);

	/* the pf action of the fake MX's rule does not matter */
	feed(t, "198.51.100.11", "192.0.2.1", 25, NL_TH_SYN, NL_ACT_PASS, T0);
	T(st->fake_mx == 2 && st->whitelisted == 2 && lg.nchanges == 2);

	/* again within the granularity: counted, hooked, no table write */
	feed(t, "198.51.100.10", "192.0.2.1", 25, NL_TH_SYN, NL_ACT_BLOCK,
	    T0 + 10);
	T(st->fake_mx == 3 && st->whitelisted == 2 && lg.nchanges == 2);
	T(lg.nfake == 3);
	/* later: its expiry moves, but it is no renewal: still on probation */
	feed(t, "198.51.100.10", "192.0.2.1", 25, NL_TH_SYN, NL_ACT_BLOCK,
	    T0 + 600);
	T(lg.nchanges == 3);
	T(change_is(2, NL_OP_ADD, NL_REASON_FAKEMX, "198.51.100.10", 32,
	    T0 + 600 + WLTIME));
	T(tr_class(t, "198.51.100.10", 32) == NL_WL_PROBATION);
	T(st->whitelisted == 2 && st->renewed == 0);
	nl_tracker_free(t);
}

static void
test_syn_only(void)
{
	struct nl_tracker	*t;
	struct nl_stats		*st;
	struct nl_record	 r;

	t = tracker(100);
	st = nl_tracker_stats(t);
	feed(t, "198.51.100.20", "192.0.2.1", 25, NL_TH_SYN | NL_TH_ACK,
	    NL_ACT_BLOCK, T0);
	feed(t, "198.51.100.21", "192.0.2.1", 25, NL_TH_ACK, NL_ACT_BLOCK, T0);
	feed(t, "198.51.100.22", "192.0.2.1", 25, NL_TH_RST, NL_ACT_BLOCK, T0);
	feed(t, "198.51.100.23", "192.0.2.1", 25, NL_TH_SYN | NL_TH_ACK |
	    NL_TH_ECE, NL_ACT_BLOCK, T0);
	r = rec("198.51.100.24", "192.0.2.1", 25, NL_TH_SYN, NL_ACT_BLOCK, T0);
	r.proto = NL_PROTO_UDP;
	nl_tracker_record(t, &r);
	T(st->records == 5 && st->fake_mx == 0 && lg.nchanges == 0);

	/* an ECN setup SYN is a SYN */
	feed(t, "198.51.100.30", "192.0.2.1", 25, NL_TH_SYN | NL_TH_ECE |
	    NL_TH_CWR, NL_ACT_BLOCK, T0);
	feed(t, "198.51.100.31", "192.0.2.1", 25, NL_TH_SYN | NL_TH_ECE |
	    NL_TH_CWR | NL_TH_AE, NL_ACT_BLOCK, T0);
	T(st->records == 7 && st->fake_mx == 2 && lg.nchanges == 2);
	T(listed(t, "198.51.100.30", 32, NULL));
	T(listed(t, "198.51.100.31", 32, NULL));
	T(!listed(t, "198.51.100.20", 32, NULL));
	T(!listed(t, "198.51.100.23", 32, NULL));
	nl_tracker_free(t);
}

static void
test_ports(void)
{
	struct nl_tracker	*t;
	struct nl_stats		*st;

	t = tracker(100);
	st = nl_tracker_stats(t);
	feed(t, "198.51.100.40", "192.0.2.1", 80, NL_TH_SYN, NL_ACT_BLOCK, T0);
	feed(t, "198.51.100.41", "192.0.2.1", 465, NL_TH_SYN, NL_ACT_BLOCK, T0);
	feed(t, "198.51.100.42", "192.0.2.2", 80, NL_TH_SYN, NL_ACT_BLOCK, T0);
	T(st->records == 3 && st->fake_mx == 0 && st->direct == 0);
	T(lg.nchanges == 0 && lg.ndirect == 0);
	feed(t, "198.51.100.43", "192.0.2.1", 587, NL_TH_SYN, NL_ACT_BLOCK, T0);
	T(st->fake_mx == 1 && listed(t, "198.51.100.43", 32, NULL));
	/* neither MX: ignored */
	feed(t, "198.51.100.44", "192.0.2.3", 25, NL_TH_SYN, NL_ACT_BLOCK, T0);
	T(st->fake_mx == 1 && st->direct == 0 && lg.nchanges == 1);
	nl_tracker_free(t);
}

static void
test_ipv6_prefix(void)
{
	struct nl_tracker	*t;
	struct nl_stats		*st;

	t = tracker(100);
	st = nl_tracker_stats(t);
	feed(t, "2001:db8:5:6::a", "2001:db8::1", 25, NL_TH_SYN, NL_ACT_BLOCK,
	    T0);
	T(lg.nchanges == 1);
	T(change_is(0, NL_OP_ADD, NL_REASON_FAKEMX, "2001:db8:5:6::", 64,
	    T0 + WLTIME));
	T(lg.nfake == 1 && nl_addr_eq(&lg.fake[0], AP("2001:db8:5:6::a")));
	/* a neighbour in the same /64 shares the entry */
	feed(t, "2001:db8:5:6:ffff::b", "2001:db8::1", 25, NL_TH_SYN,
	    NL_ACT_BLOCK, T0 + 1);
	T(st->fake_mx == 2 && st->whitelisted == 1 && lg.nchanges == 1);
	T(nl_wl_count(nl_tracker_whitelist(t)) == 1);
	/* and passes to the real MX renew it */
	feed(t, "2001:db8:5:6::c", "2001:db8::2", 25, NL_TH_SYN, NL_ACT_PASS,
	    T0 + 300);
	T(st->renewed == 1 && lg.nchanges == 2);
	T(change_is(1, NL_OP_ADD, NL_REASON_RENEW, "2001:db8:5:6::", 64,
	    T0 + 300 + WLTIME));
	/* the next /64 is another sender */
	feed(t, "2001:db8:5:7::c", "2001:db8::2", 25, NL_TH_SYN, NL_ACT_BLOCK,
	    T0 + 300);
	T(st->direct == 1 && lg.ndirect == 1);
	T(nl_addr_eq(&lg.direct[0], AP("2001:db8:5:7::c")));
	/* the same leading bytes in the other family are another address */
	feed(t, "198.51.100.50", "32.1.13.184", 25, NL_TH_SYN, NL_ACT_BLOCK,
	    T0 + 300);
	T(st->fake_mx == 2);
	nl_tracker_free(t);
}

static void
test_renew(void)
{
	struct nl_tracker	*t;
	struct nl_stats		*st;
	uint32_t		 exp = 0;

	t = tracker(100);
	st = nl_tracker_stats(t);
	feed(t, "203.0.113.5", "192.0.2.1", 25, NL_TH_SYN, NL_ACT_BLOCK, T0);
	T(lg.nchanges == 1);

	/* the first pass moves it to the protected class: told at once */
	feed(t, "203.0.113.5", "192.0.2.2", 25, NL_TH_SYN, NL_ACT_PASS, T0 + 30);
	T(st->renewed == 1 && lg.nchanges == 2);
	T(change_is(1, NL_OP_ADD, NL_REASON_RENEW, "203.0.113.5", 32,
	    T0 + 30 + WLTIME));
	T(tr_class(t, "203.0.113.5", 32) == NL_WL_PROTECTED);
	feed(t, "203.0.113.5", "192.0.2.2", 25, NL_TH_SYN, NL_ACT_PASS, T0 + 60);
	feed(t, "203.0.113.5", "192.0.2.2", 25, NL_TH_SYN, NL_ACT_PASS, T0 + 89);
	T(st->renewed == 3 && lg.nchanges == 2);
	T(listed(t, "203.0.113.5", 32, &exp) && exp == T0 + 30 + WLTIME);
	feed(t, "203.0.113.5", "192.0.2.2", 25, NL_TH_SYN, NL_ACT_PASS, T0 + 90);
	T(st->renewed == 4 && lg.nchanges == 3);
	T(change_is(2, NL_OP_ADD, NL_REASON_RENEW, "203.0.113.5", 32,
	    T0 + 90 + WLTIME));
	T(lg.changes[2].time.tv_sec == T0 + 90);
	T(listed(t, "203.0.113.5", 32, &exp) && exp == T0 + 90 + WLTIME);

	/* a sender seen every 30 s still moves its entry every minute */
	feed(t, "203.0.113.5", "192.0.2.2", 25, NL_TH_SYN, NL_ACT_PASS,
	    T0 + 120);
	T(lg.nchanges == 3);
	feed(t, "203.0.113.5", "192.0.2.2", 25, NL_TH_SYN, NL_ACT_PASS,
	    T0 + 150);
	T(lg.nchanges == 4);
	T(change_is(3, NL_OP_ADD, NL_REASON_RENEW, "203.0.113.5", 32,
	    T0 + 150 + WLTIME));

	/* passed, but not a SYN, or from a stranger, or blocked: no renewal */
	feed(t, "203.0.113.5", "192.0.2.2", 25, NL_TH_SYN | NL_TH_ACK,
	    NL_ACT_PASS, T0 + 1000);
	feed(t, "203.0.113.6", "192.0.2.2", 25, NL_TH_SYN, NL_ACT_PASS,
	    T0 + 1000);
	feed(t, "203.0.113.5", "192.0.2.2", 25, NL_TH_SYN, NL_ACT_BLOCK,
	    T0 + 1000);
	T(st->renewed == 6 && st->direct == 0 && lg.nchanges == 4);
	T(!listed(t, "203.0.113.6", 32, NULL));
	nl_tracker_free(t);
}

static void
test_direct(void)
{
	struct nl_tracker	*t;
	struct nl_stats		*st;

	t = tracker(100);
	st = nl_tracker_stats(t);
	feed(t, "198.51.100.60", "192.0.2.2", 25, NL_TH_SYN, NL_ACT_BLOCK, T0);
	T(st->direct == 1 && lg.ndirect == 1 && lg.nchanges == 0);
	T(nl_addr_eq(&lg.direct[0], AP("198.51.100.60")));
	T(lg.last_cb_time.tv_sec == T0);
	/* retransmits count each time; nothing is whitelisted */
	feed(t, "198.51.100.60", "192.0.2.2", 25, NL_TH_SYN, NL_ACT_BLOCK,
	    T0 + 3);
	T(st->direct == 2 && !listed(t, "198.51.100.60", 32, NULL));
	/* a known sender blocked (the table was late) is not direct */
	feed(t, "198.51.100.61", "192.0.2.1", 25, NL_TH_SYN, NL_ACT_BLOCK, T0);
	feed(t, "198.51.100.61", "192.0.2.2", 25, NL_TH_SYN, NL_ACT_BLOCK, T0);
	T(st->direct == 2 && lg.ndirect == 2);
	/* but it did try the real MX: protected at once, its expiry kept */
	T(tr_class(t, "198.51.100.61", 32) == NL_WL_PROTECTED);
	T(lg.nchanges == 2 && change_is(1, NL_OP_ADD, NL_REASON_RENEW,
	    "198.51.100.61", 32, T0 + WLTIME));
	feed(t, "198.51.100.61", "192.0.2.2", 25, NL_TH_SYN, NL_ACT_BLOCK,
	    T0 + 1);
	T(lg.nchanges == 2 && st->renewed == 0);
	/* only blocks count: other actions from strangers are ignored */
	feed(t, "198.51.100.62", "192.0.2.2", 25, NL_TH_SYN, NL_ACT_MATCH, T0);
	T(st->direct == 2 && st->renewed == 0);
	T(st->records == 6);
	nl_tracker_free(t);
}

static void
test_evict(void)
{
	struct nl_tracker	*t;
	struct nl_stats		*st;

	t = tracker(2);
	st = nl_tracker_stats(t);
	feed(t, "198.51.100.70", "192.0.2.1", 25, NL_TH_SYN, NL_ACT_BLOCK, T0);
	feed(t, "198.51.100.71", "192.0.2.1", 25, NL_TH_SYN, NL_ACT_BLOCK,
	    T0 + 1);
	T(lg.nchanges == 2 && st->evicted == 0);
	feed(t, "198.51.100.72", "192.0.2.1", 25, NL_TH_SYN, NL_ACT_BLOCK,
	    T0 + 2);
	T(lg.nchanges == 4);
	T(change_is(2, NL_OP_DELETE, NL_REASON_EVICT, "198.51.100.70", 32,
	    T0 + WLTIME));
	T(change_is(3, NL_OP_ADD, NL_REASON_FAKEMX, "198.51.100.72", 32,
	    T0 + 2 + WLTIME));
	T(lg.changes[2].time.tv_sec == T0 + 2);
	T(st->evicted == 1 && st->whitelisted == 3);
	T(!listed(t, "198.51.100.70", 32, NULL));
	T(nl_wl_count(nl_tracker_whitelist(t)) == 2);

	/* a renewal makes the other one the oldest */
	feed(t, "198.51.100.71", "192.0.2.2", 25, NL_TH_SYN, NL_ACT_PASS,
	    T0 + 500);
	T(lg.nchanges == 5);
	feed(t, "2001:db8:9::1", "2001:db8::1", 25, NL_TH_SYN, NL_ACT_BLOCK,
	    T0 + 501);
	T(lg.nchanges == 7);
	T(change_is(5, NL_OP_DELETE, NL_REASON_EVICT, "198.51.100.72", 32,
	    T0 + 2 + WLTIME));
	T(change_is(6, NL_OP_ADD, NL_REASON_FAKEMX, "2001:db8:9::", 64,
	    T0 + 501 + WLTIME));
	T(st->evicted == 2);
	nl_tracker_free(t);
}

static void
test_expire(void)
{
	struct nl_tracker	*t;
	struct nl_stats		*st;
	struct timeval		 now;

	t = tracker(100);
	st = nl_tracker_stats(t);
	feed(t, "198.51.100.80", "192.0.2.1", 25, NL_TH_SYN, NL_ACT_BLOCK, T0);
	feed(t, "198.51.100.81", "192.0.2.1", 25, NL_TH_SYN, NL_ACT_BLOCK,
	    T0 + 100);
	now.tv_sec = T0 + WLTIME - 1;
	now.tv_usec = 5;
	nl_tracker_expire(t, &now);
	T(lg.nchanges == 2 && st->expired == 0);
	now.tv_sec = T0 + WLTIME;
	nl_tracker_expire(t, &now);
	T(lg.nchanges == 3 && st->expired == 1);
	T(change_is(2, NL_OP_DELETE, NL_REASON_EXPIRE, "198.51.100.80", 32,
	    T0 + WLTIME));
	T(lg.changes[2].time.tv_sec == T0 + WLTIME);
	T(lg.changes[2].time.tv_usec == 5);
	T(!listed(t, "198.51.100.80", 32, NULL));
	T(listed(t, "198.51.100.81", 32, NULL));
	/* once gone, a blocked SYN to the real MX is direct again */
	feed(t, "198.51.100.80", "192.0.2.2", 25, NL_TH_SYN, NL_ACT_BLOCK,
	    T0 + WLTIME);
	T(st->direct == 1);
	/* far later: everything goes, in expiry order */
	nl_tracker_add(t, AP("192.0.2.99"), 32, NL_REASON_MANUAL, T0 + 50,
	    &now);
	now.tv_sec = T0 + 10 * WLTIME;
	nl_tracker_expire(t, &now);
	T(lg.nchanges == 6 && st->expired == 3);
	T(change_is(4, NL_OP_DELETE, NL_REASON_EXPIRE, "192.0.2.99", 32,
	    T0 + 50));
	T(change_is(5, NL_OP_DELETE, NL_REASON_EXPIRE, "198.51.100.81", 32,
	    T0 + 100 + WLTIME));
	T(nl_wl_count(nl_tracker_whitelist(t)) == 0);
	nl_tracker_free(t);
}

static void
test_add_delete(void)
{
	struct nl_tracker	*t;
	struct nl_stats		*st;
	struct nl_wl_item	 it;
	struct timeval		 now = { T0, 7 };
	uint32_t		 exp;

	t = tracker(100);
	st = nl_tracker_stats(t);
	T(nl_tracker_add(t, AP("198.51.100.90"), 32, NL_REASON_FCRDNS, 0,
	    &now) == NL_WL_NEW);
	T(change_is(0, NL_OP_ADD, NL_REASON_FCRDNS, "198.51.100.90", 32,
	    T0 + WLTIME));
	T(lg.changes[0].time.tv_usec == 7);
	T(nl_tracker_add(t, AP("198.51.100.91"), 32, NL_REASON_POOL, 0,
	    &now) == NL_WL_NEW);
	T(nl_tracker_add(t, AP("2001:db8:7::9"), 48, NL_REASON_RESTORE,
	    T0 + 99, &now) == NL_WL_NEW);
	T(change_is(2, NL_OP_ADD, NL_REASON_RESTORE, "2001:db8:7::", 48,
	    T0 + 99));
	T(st->whitelisted == 3 && lg.nchanges == 3);
	/* bad input */
	T(nl_tracker_add(t, AP("198.51.100.90"), 33, NL_REASON_MANUAL, 0,
	    &now) == -1);
	T(lg.nchanges == 3);

	/*
	 * an add of what is there renews it, never shortens it; a manual
	 * one makes it manual, which the table hears at once
	 */
	T(nl_tracker_add(t, AP("198.51.100.90"), 32, NL_REASON_MANUAL, T0 + 5,
	    &now) == NL_WL_UPDATED);
	T(lg.nchanges == 4);
	T(change_is(3, NL_OP_ADD, NL_REASON_MANUAL, "198.51.100.90", 32,
	    T0 + WLTIME));
	T(tr_class(t, "198.51.100.90", 32) == NL_WL_MANUAL);
	T(listed(t, "198.51.100.90", 32, &exp) && exp == T0 + WLTIME);
	T(nl_tracker_add(t, AP("198.51.100.90"), 32, NL_REASON_MANUAL,
	    T0 + 2 * WLTIME, &now) == NL_WL_UPDATED);
	T(change_is(4, NL_OP_ADD, NL_REASON_MANUAL, "198.51.100.90", 32,
	    T0 + 2 * WLTIME));
	T(st->whitelisted == 3);

	/* a manual /24 covers its senders: passes renew it, blocks are not direct */
	T(nl_tracker_add(t, AP("203.0.113.0"), 24, NL_REASON_MANUAL, 0,
	    &now) == NL_WL_NEW);
	T(nl_tracker_find(t, AP("203.0.113.77"), &it) == 0 && it.plen == 24);
	T(nl_tracker_find(t, AP("203.0.114.77"), &it) == -1);
	T(nl_tracker_find(t, AP("2001:db8:7:1::5"), &it) == 0 && it.plen == 48);
	feed(t, "203.0.113.77", "192.0.2.2", 25, NL_TH_SYN, NL_ACT_PASS,
	    T0 + 200);
	T(st->renewed == 1 && lg.nchanges == 7);
	T(change_is(6, NL_OP_ADD, NL_REASON_RENEW, "203.0.113.0", 24,
	    T0 + 200 + WLTIME));
	T(tr_class(t, "203.0.113.0", 24) == NL_WL_MANUAL);
	feed(t, "203.0.113.78", "192.0.2.2", 25, NL_TH_SYN, NL_ACT_BLOCK,
	    T0 + 200);
	T(st->direct == 0);
	/* a fake-MX SYN from inside it still makes the sender's own entry */
	feed(t, "203.0.113.79", "192.0.2.1", 25, NL_TH_SYN, NL_ACT_BLOCK,
	    T0 + 200);
	T(listed(t, "203.0.113.79", 32, NULL) && st->whitelisted == 5);

	/* deletes carry the old expiry */
	T(nl_tracker_delete(t, AP("203.0.113.5"), 24, NL_REASON_MANUAL,
	    &now) == 0);
	T(change_is(lg.nchanges - 1, NL_OP_DELETE, NL_REASON_MANUAL,
	    "203.0.113.0", 24, T0 + 200 + WLTIME));
	T(nl_tracker_find(t, AP("203.0.113.78"), &it) == -1);
	T(nl_tracker_delete(t, AP("203.0.113.5"), 24, NL_REASON_MANUAL,
	    &now) == -1);
	T(nl_tracker_delete(t, AP("198.51.100.91"), 31, NL_REASON_MANUAL,
	    &now) == -1);
	T(nl_wl_count(nl_tracker_whitelist(t)) == 4);
	T(st->expired == 0 && st->evicted == 0);

	T(nl_tracker_flush(t, NL_REASON_MANUAL, &now) == 4);
	T(nl_wl_count(nl_tracker_whitelist(t)) == 0);
	T(lg.changes[lg.nchanges - 1].op == NL_OP_DELETE);
	T(nl_tracker_find(t, AP("2001:db8:7:1::5"), &it) == -1);
	nl_tracker_free(t);
}

static void
test_set_config(void)
{
	struct nl_tracker	*t;
	struct nl_stats		*st;
	struct nl_config	 c;
	const struct nl_wl	*wl;
	int			 i;
	char			 buf[64];

	t = tracker(4);
	st = nl_tracker_stats(t);
	for (i = 0; i < 4; i++) {
		snprintf(buf, sizeof(buf), "198.51.100.%d", 100 + i);
		/* the first is the newest */
		feed(t, buf, "192.0.2.1", 25, NL_TH_SYN, NL_ACT_BLOCK,
		    T0 + 100 - i);
	}
	T(lg.nchanges == 4);
	wl = nl_tracker_whitelist(t);

	/* same size: the whitelist stays, the rest follows */
	config(&c, 4);
	c.prefix4 = 24;
	c.ports[0] = 2525;
	c.nports = 1;
	T(nl_tracker_set_config(t, &c) == 0);
	T(nl_tracker_whitelist(t) == wl && lg.nchanges == 4);
	feed(t, "198.51.100.200", "192.0.2.1", 25, NL_TH_SYN, NL_ACT_BLOCK,
	    T0 + 200);
	T(lg.nchanges == 4);
	/* the caller's struct is copied, not kept */
	c.nports = 0;
	c.fake_mx[0] = A("192.0.2.77");
	feed(t, "192.0.2.200", "192.0.2.1", 2525, NL_TH_SYN, NL_ACT_BLOCK,
	    T0 + 200);
	T(lg.nchanges == 6);
	T(change_is(4, NL_OP_DELETE, NL_REASON_EVICT, "198.51.100.103", 32,
	    T0 + 97 + WLTIME));
	T(change_is(5, NL_OP_ADD, NL_REASON_FAKEMX, "192.0.2.0", 24,
	    T0 + 200 + WLTIME));
	/* entries at the old length are still found */
	feed(t, "198.51.100.100", "192.0.2.2", 2525, NL_TH_SYN, NL_ACT_PASS,
	    T0 + 300);
	T(st->renewed == 1 && lg.nchanges == 7);

	/* shrinking evicts the oldest first, then keeps the rest */
	config(&c, 2);
	T(nl_tracker_set_config(t, &c) == 0);
	T(nl_wl_max(nl_tracker_whitelist(t)) == 2);
	T(nl_wl_count(nl_tracker_whitelist(t)) == 2);
	T(lg.nchanges == 9 && st->evicted == 3);
	T(change_is(7, NL_OP_DELETE, NL_REASON_EVICT, "198.51.100.102", 32,
	    T0 + 98 + WLTIME));
	T(change_is(8, NL_OP_DELETE, NL_REASON_EVICT, "198.51.100.101", 32,
	    T0 + 99 + WLTIME));
	T(lg.changes[8].time.tv_sec == T0 + 300);
	T(listed(t, "198.51.100.100", 32, NULL));
	T(listed(t, "192.0.2.0", 24, NULL));
	T(nl_tracker_find(t, AP("192.0.2.9"), NULL) == 0);

	/* growing keeps all */
	config(&c, 1000);
	T(nl_tracker_set_config(t, &c) == 0);
	T(nl_wl_max(nl_tracker_whitelist(t)) == 1000);
	T(nl_wl_count(nl_tracker_whitelist(t)) == 2 && lg.nchanges == 9);
	T(listed(t, "198.51.100.100", 32, NULL));

	/* a size of 0 is refused and changes nothing */
	config(&c, 0);
	T(nl_tracker_set_config(t, &c) == -1);
	T(nl_wl_max(nl_tracker_whitelist(t)) == 1000);
	nl_tracker_free(t);
}

static void
test_defaults(void)
{
	struct nl_config	 c;
	struct nl_tracker	*t;

	/* no ports: SMTP; prefix 0: the full length, not the world */
	config(&c, 0);
	T(nl_tracker_new(&c, NULL) == NULL);
	config(&c, 10);
	c.nports = 0;
	c.prefix4 = 0;
	c.prefix6 = 0;
	T((t = nl_tracker_new(&c, NULL)) != NULL);
	feed(t, "198.51.100.110", "192.0.2.1", 25, NL_TH_SYN, NL_ACT_BLOCK, T0);
	feed(t, "2001:db8:1::5", "2001:db8::1", 25, NL_TH_SYN, NL_ACT_BLOCK,
	    T0);
	T(listed(t, "198.51.100.110", 32, NULL));
	T(listed(t, "2001:db8:1::5", 128, NULL));
	T(nl_tracker_find(t, AP("198.51.100.111"), NULL) == -1);
	T(nl_tracker_stats(t)->whitelisted == 2);
	nl_tracker_free(t);
}

/* random traffic: the changes alone must rebuild the whitelist */
static void
test_mirror(void)
{
	struct nl_tracker	*t;
	struct nl_config	 c;
	struct nl_stats		*st;
	struct timeval		 now = { T0, 0 };
	char			 src[64];
	const char		*dst;
	uint64_t		 x = 88172645463325252ULL;
	uint32_t		 count;
	uint64_t		 deleted = 0;
	int			 i, k, r;

	t = tracker(50);
	st = nl_tracker_stats(t);
	memset(&mir, 0, sizeof(mir));
	for (i = 0; i < 100000 && mir.errors == 0; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		r = (x >> 8) % 16;
		k = (x >> 16) % 200;
		now.tv_sec += (x >> 32) % 40;
		if (k % 4 == 0)
			snprintf(src, sizeof(src), "2001:db8:%x::%x", k,
			    (unsigned)(x >> 40) & 0xff);
		else
			snprintf(src, sizeof(src), "198.51.100.%d", k);
		if (r < 4)
			dst = k % 4 == 0 ? "2001:db8::1" : "192.0.2.1";
		else
			dst = k % 4 == 0 ? "2001:db8::2" : "192.0.2.2";
		if (r < 12) {
			nl_tracker_expire(t, &now);
			feed(t, src, dst, 25, NL_TH_SYN, r % 2 ? NL_ACT_PASS :
			    NL_ACT_BLOCK, now.tv_sec);
		} else if (r == 12)
			nl_tracker_add(t, AP(src), k % 4 == 0 ? 48 : 24,
			    NL_REASON_MANUAL, 0, &now);
		else if (r == 13)
			deleted += nl_tracker_delete(t, AP(src),
			    k % 4 == 0 ? 48 : 24, NL_REASON_MANUAL, &now) == 0;
		else if (r == 14 && i % 1000 == 14) {
			config(&c, 20 + (x >> 24) % 60);
			nl_tracker_set_config(t, &c);
		}
		if (i % 97 == 0)
			nl_wl_walk(nl_tracker_whitelist(t), mirror_check,
			    NULL);
	}
	count = nl_wl_count(nl_tracker_whitelist(t));
	nl_wl_walk(nl_tracker_whitelist(t), mirror_check, NULL);
	T(mir.errors == 0);
	T(mir.n == (int)count);
	T(st->evicted > 100 && st->expired > 100 && st->renewed > 100);
	T(st->direct > 100 && st->fake_mx > 100);
	T(st->whitelisted == st->evicted + st->expired + deleted + count);
	nl_tracker_free(t);
}

/*
 * A million spoofed sources at the fake MX, at max-entries 150 (400
 * evicted a manual entry before the classes): the manual entry and the
 * renewed sender stay, and a new sender still gets in and through.
 */
static void
test_flood(void)
{
	struct nl_tracker	*t;
	struct nl_record	 r;
	struct timeval		 now = { T0, 0 };
	uint32_t		 i;

	t = tracker(150);
	T(nl_tracker_add(t, AP("203.0.113.0"), 24, NL_REASON_MANUAL, 0,
	    &now) == NL_WL_NEW);
	feed(t, "198.51.100.1", "192.0.2.1", 25, NL_TH_SYN, NL_ACT_BLOCK, T0);
	feed(t, "198.51.100.1", "192.0.2.2", 25, NL_TH_SYN, NL_ACT_PASS, T0);
	T(tr_class(t, "198.51.100.1", 32) == NL_WL_PROTECTED);
	r = rec("10.0.0.0", "192.0.2.1", 25, NL_TH_SYN, NL_ACT_BLOCK, T0 + 1);
	for (i = 0; i < 1000000; i++) {
		r.src.a[1] = i >> 16;
		r.src.a[2] = i >> 8;
		r.src.a[3] = i;
		r.time.tv_sec = T0 + 1 + i / 25000;
		nl_tracker_record(t, &r);
		if (i == 500000) {
			feed(t, "198.51.100.2", "192.0.2.1", 25, NL_TH_SYN,
			    NL_ACT_BLOCK, r.time.tv_sec);
			feed(t, "198.51.100.2", "192.0.2.2", 25, NL_TH_SYN,
			    NL_ACT_PASS, r.time.tv_sec);
		}
	}
	T(nl_tracker_stats(t)->evicted > 999000);
	T(tr_class(t, "203.0.113.0", 24) == NL_WL_MANUAL);
	T(tr_class(t, "198.51.100.1", 32) == NL_WL_PROTECTED);
	T(tr_class(t, "198.51.100.2", 32) == NL_WL_PROTECTED);
	T(nl_wl_count(nl_tracker_whitelist(t)) == 150);
	T(mir.errors == 0);
	nl_tracker_free(t);
}

/* the manual budget is a tenth: past it an add is refused, nothing moves */
static void
test_manual_budget(void)
{
	struct nl_tracker	*t;
	struct timeval		 now = { T0, 0 };
	char			 buf[64];
	int			 i, n;

	t = tracker(150);
	feed(t, "198.51.100.9", "192.0.2.1", 25, NL_TH_SYN, NL_ACT_BLOCK, T0);
	for (i = 0; i < 15; i++) {
		snprintf(buf, sizeof(buf), "203.0.113.%d", i);
		T(nl_tracker_add(t, AP(buf), 32, NL_REASON_MANUAL, 0,
		    &now) == NL_WL_NEW);
	}
	n = lg.nchanges;
	T(nl_tracker_add(t, AP("203.0.113.99"), 32, NL_REASON_MANUAL, 0,
	    &now) == NL_WL_FULL);
	T(nl_tracker_add(t, AP("198.51.100.9"), 32, NL_REASON_MANUAL, 0,
	    &now) == NL_WL_FULL);
	T(lg.nchanges == n && !listed(t, "203.0.113.99", 32, NULL));
	T(tr_class(t, "198.51.100.9", 32) == NL_WL_PROBATION);
	/* one that is manual already is only renewed */
	T(nl_tracker_add(t, AP("203.0.113.3"), 32, NL_REASON_MANUAL, 0,
	    &now) == NL_WL_UPDATED);
	/* a delete makes room */
	T(nl_tracker_delete(t, AP("203.0.113.3"), 32, NL_REASON_MANUAL,
	    &now) == 0);
	T(nl_tracker_add(t, AP("198.51.100.9"), 32, NL_REASON_MANUAL, 0,
	    &now) == NL_WL_UPDATED);
	T(tr_class(t, "198.51.100.9", 32) == NL_WL_MANUAL);
	nl_tracker_free(t);
}

/* restored entries keep the class of their saved reason, told as restore */
static void
test_restore(void)
{
	struct nl_tracker	*t;
	struct nl_wl_item	 it;
	struct timeval		 now = { T0, 0 };

	t = tracker(150);
	T(nl_tracker_restore(t, AP("198.51.100.1"), 32, NL_REASON_RENEW,
	    T0 + 50, &now) == NL_WL_NEW);
	T(nl_tracker_restore(t, AP("198.51.100.2"), 32, NL_REASON_MANUAL,
	    T0 + 50, &now) == NL_WL_NEW);
	T(nl_tracker_restore(t, AP("198.51.100.3"), 32, NL_REASON_FAKEMX,
	    T0 + 50, &now) == NL_WL_NEW);
	T(nl_tracker_restore(t, AP("198.51.100.4"), 32, 200, T0 + 50,
	    &now) == NL_WL_NEW);
	T(lg.nchanges == 4);
	T(change_is(0, NL_OP_ADD, NL_REASON_RESTORE, "198.51.100.1", 32,
	    T0 + 50));
	T(change_is(1, NL_OP_ADD, NL_REASON_RESTORE, "198.51.100.2", 32,
	    T0 + 50));
	T(tr_class(t, "198.51.100.1", 32) == NL_WL_PROTECTED);
	T(tr_class(t, "198.51.100.2", 32) == NL_WL_MANUAL);
	T(tr_class(t, "198.51.100.3", 32) == NL_WL_PROBATION);
	T(nl_wl_get(nl_tracker_whitelist(t), AP("198.51.100.4"), 32,
	    &it) == 0 && it.reason == NL_REASON_RESTORE &&
	    it.class == NL_WL_PROBATION);
	nl_tracker_free(t);
}

int
main(void)
{
	test_fake_mx();
	test_syn_only();
	test_ports();
	test_ipv6_prefix();
	test_renew();
	test_direct();
	test_evict();
	test_expire();
	test_add_delete();
	test_set_config();
	test_defaults();
	test_mirror();
	test_flood();
	test_manual_budget();
	test_restore();
	return t_done();
}
