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

#include <sys/time.h>

#include <stdlib.h>
#include <string.h>

#include "tracker.h"

#define TR_DEFAULT_PORT	25

struct nl_tracker {
	struct nl_wl		*wl;
	struct nl_tracker_cb	 cb;
	struct nl_stats		 stats;
	struct nl_config	 conf;		/* the caller's, copied */
	uint8_t			 prefix[2];	/* IPv4, IPv6 */
	/*
	 * Entries per family and prefix length, so that a lookup tries
	 * other lengths only when manual or restored entries have them.
	 */
	uint32_t		 nplen[2][129];
	uint32_t		 naf[2];
	struct timeval		 now;		/* the last clock seen */
	int64_t			 grace_until;	/* epoch seconds; 0: none */
};

static int
tr_afi(const struct nl_addr *a)
{
	return a->af == NL_AF4 ? 0 : 1;
}

/* a prefix of 0 would whitelist everyone: take it as unset */
static uint8_t
tr_prefix(uint8_t plen, uint8_t max)
{
	return plen == 0 || plen > max ? max : plen;
}

/*
 * The port map is derived again from the port list, so that a
 * configuration built by hand (not parsed) is looked up the same way.
 */
static void
tr_copy_config(struct nl_tracker *t, const struct nl_config *conf)
{
	size_t	i, nports;

	t->conf = *conf;
	if (t->conf.nfake_mx > NL_MAXMX)
		t->conf.nfake_mx = NL_MAXMX;
	if (t->conf.nreal_mx > NL_MAXMX)
		t->conf.nreal_mx = NL_MAXMX;
	nports = conf->nports < NL_MAXPORTS ? conf->nports : NL_MAXPORTS;
	t->conf.nports = 0;
	memset(t->conf.port_map, 0, sizeof(t->conf.port_map));
	for (i = 0; i < nports; i++)
		nl_config_add_port(&t->conf, conf->ports[i]);
	if (nports == 0)
		nl_config_add_port(&t->conf, TR_DEFAULT_PORT);
	t->prefix[0] = tr_prefix(conf->prefix4, 32);
	t->prefix[1] = tr_prefix(conf->prefix6, 128);
}

static uint32_t
tr_expires(const struct nl_tracker *t, const struct timeval *now)
{
	int64_t	v = (int64_t)now->tv_sec + t->conf.whitelist_time;

	if (v < 0)
		return 0;
	return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

static void
tr_emit(struct nl_tracker *t, int op, int reason,
    const struct nl_wl_item *it, const struct timeval *now)
{
	struct nl_change	c;

	if (t->cb.change == NULL)
		return;
	memset(&c, 0, sizeof(c));
	c.time = *now;
	c.addr = it->addr;
	c.expires = it->expires;
	c.plen = it->plen;
	c.op = op;
	c.reason = reason;
	t->cb.change(t->cb.arg, &c);
}

static void
tr_count_add(struct nl_tracker *t, const struct nl_wl_item *it)
{
	int	afi = tr_afi(&it->addr);

	t->nplen[afi][it->plen]++;
	t->naf[afi]++;
}

static void
tr_count_del(struct nl_tracker *t, const struct nl_wl_item *it)
{
	int	afi = tr_afi(&it->addr);

	t->nplen[afi][it->plen]--;
	t->naf[afi]--;
}

/* an entry left the whitelist */
static void
tr_removed(struct nl_tracker *t, const struct nl_wl_item *it, int reason,
    const struct timeval *now)
{
	tr_count_del(t, it);
	if (reason == NL_REASON_EXPIRE)
		t->stats.expired++;
	else if (reason == NL_REASON_EVICT)
		t->stats.evicted++;
	tr_emit(t, NL_OP_DELETE, reason, it, now);
}

/*
 * The stored expiry is the one last handed to the table: it moves only
 * in steps of the granularity, so the table and the whitelist agree and
 * a sender seen every few seconds still gets its entry renewed. It never
 * moves back. A short whitelist time gets a finer step, or no renewal
 * would ever reach the table.
 */
static uint32_t
tr_granularity(const struct nl_tracker *t)
{
	uint32_t	step = t->conf.whitelist_time / 10;

	if (step > NL_RENEW_GRANULARITY)
		step = NL_RENEW_GRANULARITY;
	return step > 0 ? step : 1;
}

/*
 * A sender's first pass through a real MX, or a manual add of an entry
 * that was not, moves the entry up a class whatever the granularity:
 * the table is told too, so that the parent saves the new reason.
 */
static int
tr_promotes(const struct nl_tracker *t, const struct nl_wl_item *it,
    int reason)
{
	if (reason == NL_REASON_RENEW)
		return it->class == NL_WL_PROBATION &&
		    nl_wl_class_max(t->wl, NL_WL_PROTECTED) > 0;
	if (reason == NL_REASON_MANUAL)
		return it->class != NL_WL_MANUAL;
	return 0;
}

static void
tr_renew(struct nl_tracker *t, struct nl_wl_item *it, uint32_t expires,
    int reason, const struct timeval *now)
{
	if (expires <= it->expires ||
	    expires - it->expires < tr_granularity(t)) {
		if (!tr_promotes(t, it, reason))
			return;
		if (expires < it->expires)
			expires = it->expires;
	}
	it->expires = expires;
	it->reason = reason;
	nl_wl_put(t->wl, it, NULL);
	tr_emit(t, NL_OP_ADD, reason, it, now);
}

/* a manual add that would take a new place in a full manual budget */
static int
tr_manual_full(const struct nl_tracker *t, int reason,
    const struct nl_wl_item *old)
{
	if (reason != NL_REASON_MANUAL ||
	    (old != NULL && old->class == NL_WL_MANUAL))
		return 0;
	return nl_wl_class_count(t->wl, NL_WL_MANUAL) >=
	    nl_wl_class_max(t->wl, NL_WL_MANUAL);
}

static int
tr_item(const struct nl_addr *addr, int plen, int reason, uint32_t expires,
    struct nl_wl_item *it)
{
	memset(it, 0, sizeof(*it));
	it->addr = *addr;
	if (plen < 0 || plen > nl_addr_maxplen(addr) ||
	    (addr->af != NL_AF4 && addr->af != NL_AF6))
		return -1;
	nl_addr_mask(&it->addr, plen);
	if (it->addr.af == NL_AF4)
		memset(it->addr.a + 4, 0, sizeof(it->addr.a) - 4);
	it->plen = plen;
	it->reason = reason;
	it->expires = expires;
	return 0;
}

/*
 * Stores it, telling the table with reason emit: its own, or restore
 * for what the table holds already. Only a manual add of its own is
 * refused when the manual budget is full; a restored manual entry past
 * it is taken on probation by the whitelist.
 */
static int
tr_store(struct nl_tracker *t, struct nl_wl_item *it, int emit,
    const struct timeval *now)
{
	struct nl_wl_item	old;
	int			rc, exists;

	exists = nl_wl_get(t->wl, &it->addr, it->plen, &old) == 0;
	if (emit == NL_REASON_MANUAL &&
	    tr_manual_full(t, it->reason, exists ? &old : NULL))
		return NL_WL_FULL;
	if (exists) {
		tr_renew(t, &old, it->expires, emit, now);
		return NL_WL_UPDATED;
	}
	if ((rc = nl_wl_put(t->wl, it, &old)) == -1 || rc == NL_WL_FULL)
		return rc;
	if (rc == NL_WL_NEW_EVICTED)
		tr_removed(t, &old, NL_REASON_EVICT, now);
	tr_count_add(t, it);
	t->stats.whitelisted++;
	tr_emit(t, NL_OP_ADD, emit, it, now);
	return rc;
}

static int
tr_add(struct nl_tracker *t, const struct nl_addr *addr, int plen,
    int reason, uint32_t expires, const struct timeval *now)
{
	struct nl_wl_item	it;

	if (tr_item(addr, plen, reason, expires, &it) == -1)
		return -1;
	return tr_store(t, &it, reason, now);
}

int
nl_tracker_find(const struct nl_tracker *t, const struct nl_addr *addr,
    struct nl_wl_item *out)
{
	int	afi, plen, max;

	if (addr->af != NL_AF4 && addr->af != NL_AF6)
		return -1;
	afi = tr_afi(addr);
	if (nl_wl_get(t->wl, addr, t->prefix[afi], out) == 0)
		return 0;
	if (t->naf[afi] == t->nplen[afi][t->prefix[afi]])
		return -1;
	max = nl_addr_maxplen(addr);
	for (plen = max; plen >= 0; plen--) {
		if (plen == t->prefix[afi] || t->nplen[afi][plen] == 0)
			continue;
		if (nl_wl_get(t->wl, addr, plen, out) == 0)
			return 0;
	}
	return -1;
}

static void
tr_fake_mx(struct nl_tracker *t, const struct nl_record *r)
{
	t->stats.fake_mx++;
	tr_add(t, &r->src, t->prefix[tr_afi(&r->src)], NL_REASON_FAKEMX,
	    tr_expires(t, &r->time), &r->time);
	if (t->cb.fake_mx != NULL)
		t->cb.fake_mx(t->cb.arg, &r->src, &r->time);
}

static void
tr_real_mx(struct nl_tracker *t, const struct nl_record *r)
{
	struct nl_wl_item	it;
	int			known;

	if (t->cb.real_mx != NULL)
		t->cb.real_mx(t->cb.arg, &r->src, &r->time);
	known = nl_tracker_find(t, &r->src, &it) == 0;
	if (r->action == NL_ACT_PASS && known) {
		t->stats.renewed++;
		tr_renew(t, &it, tr_expires(t, &r->time), NL_REASON_RENEW,
		    &r->time);
	} else if (r->action == NL_ACT_BLOCK && known) {
		/*
		 * The table was late: an MTA comes to the real MX milliseconds
		 * after the fake one, and its retransmit a second later. Under
		 * a flood, probation may not last that second, so the try
		 * protects it already (its expiry moves on the pass).
		 */
		tr_renew(t, &it, it.expires, NL_REASON_RENEW, &r->time);
	} else if (r->action == NL_ACT_BLOCK && !known) {
		/* grace is about counting: a pooled sender still gets in */
		if (r->time.tv_sec >= t->grace_until)
			t->stats.direct++;
		if (t->cb.direct != NULL)
			t->cb.direct(t->cb.arg, &r->src, &r->time);
	}
}

struct nl_tracker *
nl_tracker_new(const struct nl_config *conf, const struct nl_tracker_cb *cb)
{
	struct nl_tracker	*t;

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return NULL;
	tr_copy_config(t, conf);
	if ((t->wl = nl_wl_new(t->conf.max_entries)) == NULL) {
		free(t);
		return NULL;
	}
	if (cb != NULL)
		t->cb = *cb;
	return t;
}

/* faults the whitelist in now, not in the packet path */
void
nl_tracker_touch(struct nl_tracker *t)
{
	nl_wl_touch(t->wl);
}

void
nl_tracker_free(struct nl_tracker *t)
{
	if (t == NULL)
		return;
	nl_wl_free(t->wl);
	free(t);
}

/* a SYN from an address to a watched port: the only records tracked */
static int
tr_watched(const struct nl_tracker *t, const struct nl_record *r)
{
	return nl_record_is_syn(r) &&
	    nl_config_port_watched(&t->conf, r->dport) &&
	    (r->src.af == NL_AF4 || r->src.af == NL_AF6);
}

void
nl_tracker_record(struct nl_tracker *t, const struct nl_record *r)
{
	t->stats.records++;
	t->now = r->time;
	if (!tr_watched(t, r))
		return;
	if (nl_config_is_fake_mx(&t->conf, &r->dst))
		tr_fake_mx(t, r);
	else if (nl_config_is_real_mx(&t->conf, &r->dst))
		tr_real_mx(t, r);
}

/* the record's entry, on its way to the cache: see nl_wl_prefetch */
void
nl_tracker_prefetch(const struct nl_tracker *t, const struct nl_record *r,
    int deep)
{
	if (tr_watched(t, r))
		nl_wl_prefetch(t->wl, &r->src, t->prefix[tr_afi(&r->src)],
		    deep);
}

void
nl_tracker_expire(struct nl_tracker *t, const struct timeval *now)
{
	struct nl_wl_item	it;

	t->now = *now;
	while (nl_wl_peek(t->wl, &it) == 0 && it.expires <= now->tv_sec) {
		nl_wl_pop(t->wl, NULL);
		tr_removed(t, &it, NL_REASON_EXPIRE, now);
	}
}

int
nl_tracker_add(struct nl_tracker *t, const struct nl_addr *addr, int plen,
    int reason, uint32_t expires, const struct timeval *now)
{
	t->now = *now;
	if (expires == 0)
		expires = tr_expires(t, now);
	return tr_add(t, addr, plen, reason, expires, now);
}

int
nl_tracker_restore(struct nl_tracker *t, const struct nl_addr *addr,
    int plen, int reason, uint32_t expires, const struct timeval *now)
{
	struct nl_wl_item	it;

	t->now = *now;
	if (reason < 0 || reason >= NL_REASON_MAX)
		reason = NL_REASON_RESTORE;
	if (tr_item(addr, plen, reason, expires, &it) == -1)
		return -1;
	return tr_store(t, &it, NL_REASON_RESTORE, now);
}

int
nl_tracker_delete(struct nl_tracker *t, const struct nl_addr *addr,
    int plen, int reason, const struct timeval *now)
{
	struct nl_wl_item	it;

	t->now = *now;
	if (nl_wl_del(t->wl, addr, plen, &it) == -1)
		return -1;
	tr_removed(t, &it, reason, now);
	return 0;
}

uint32_t
nl_tracker_flush(struct nl_tracker *t, int reason, const struct timeval *now)
{
	struct nl_wl_item	it;
	uint32_t		n = 0;

	t->now = *now;
	while (nl_wl_pop(t->wl, &it) == 0) {
		tr_removed(t, &it, reason, now);
		n++;
	}
	return n;
}

/*
 * Moving the entries in expiry order into a whitelist of the new size
 * lets it evict the oldest ones itself when it shrank.
 */
int
nl_tracker_set_config(struct nl_tracker *t, const struct nl_config *conf)
{
	struct nl_wl		*wl;
	struct nl_wl_item	 it, old;

	if (conf->max_entries != t->conf.max_entries) {
		if ((wl = nl_wl_new(conf->max_entries)) == NULL)
			return -1;
		if (t->now.tv_sec == 0 && t->now.tv_usec == 0)
			gettimeofday(&t->now, NULL);
		while (nl_wl_pop(t->wl, &it) == 0)
			if (nl_wl_put(wl, &it, &old) == NL_WL_NEW_EVICTED)
				tr_removed(t, &old, NL_REASON_EVICT, &t->now);
		nl_wl_free(t->wl);
		t->wl = wl;
	}
	tr_copy_config(t, conf);
	return 0;
}

void
nl_tracker_set_grace(struct nl_tracker *t, int64_t until)
{
	t->grace_until = until;
}

struct nl_stats *
nl_tracker_stats(struct nl_tracker *t)
{
	return &t->stats;
}

const struct nl_wl *
nl_tracker_whitelist(const struct nl_tracker *t)
{
	return t->wl;
}
