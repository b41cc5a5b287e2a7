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

#include "syncstate.h"

struct nl_sync_state {
	struct nl_wl	*tombs;
	uint32_t	 rate;		/* messages a second; 0: no bound */
	uint64_t	 tokens_ms;	/* tokens, in thousandths */
	uint64_t	 last_ms;
};

struct nl_sync_state *
nl_sync_state_new(uint32_t max_tombs, uint32_t rate)
{
	struct nl_sync_state	*st;

	if ((st = calloc(1, sizeof(*st))) == NULL)
		return NULL;
	if ((st->tombs = nl_wl_new(max_tombs)) == NULL) {
		free(st);
		return NULL;
	}
	nl_sync_state_set_rate(st, rate);
	return st;
}

void
nl_sync_state_free(struct nl_sync_state *st)
{
	if (st == NULL)
		return;
	nl_wl_free(st->tombs);
	free(st);
}

void
nl_sync_state_set_rate(struct nl_sync_state *st, uint32_t rate)
{
	st->rate = rate;
	st->tokens_ms = (uint64_t)rate * 1000;
	st->last_ms = 0;
}

/* 1 when one more message fits in the bound at this millisecond */
int
nl_sync_rate_ok(struct nl_sync_state *st, uint64_t now_ms)
{
	uint64_t	cap = (uint64_t)st->rate * 1000;

	if (st->rate == 0)
		return 1;
	if (now_ms > st->last_ms) {
		st->tokens_ms += (now_ms - st->last_ms) * st->rate;
		if (st->tokens_ms > cap)
			st->tokens_ms = cap;
		st->last_ms = now_ms;
	}
	if (st->tokens_ms < 1000)
		return 0;
	st->tokens_ms -= 1000;
	return 1;
}

/* the latest delete of a prefix is kept */
void
nl_sync_tomb_put(struct nl_sync_state *st, const struct nl_addr *addr,
    int plen, uint32_t when)
{
	struct nl_wl_item	it;

	if (nl_wl_get(st->tombs, addr, plen, &it) == 0 && it.expires >= when)
		return;
	memset(&it, 0, sizeof(it));
	it.addr = *addr;
	nl_addr_mask(&it.addr, plen);
	it.plen = plen;
	it.expires = when;
	nl_wl_put(st->tombs, &it, NULL);
}

int
nl_sync_tomb_get(const struct nl_sync_state *st, const struct nl_addr *addr,
    int plen, uint32_t *when)
{
	struct nl_wl_item	it;

	if (nl_wl_get(st->tombs, addr, plen, &it) == -1)
		return -1;
	*when = it.expires;
	return 0;
}

/* a delete older than a whitelist time can no longer be contradicted */
void
nl_sync_tomb_expire(struct nl_sync_state *st, uint32_t now, uint32_t wltime)
{
	struct nl_wl_item	it;

	while (nl_wl_peek(st->tombs, &it) == 0 &&
	    (uint64_t)it.expires + wltime <= now)
		nl_wl_pop(st->tombs, NULL);
}

uint32_t
nl_sync_tomb_count(const struct nl_sync_state *st)
{
	return nl_wl_count(st->tombs);
}

/*
 * local is this host's entry for the message's prefix, NULL when there
 * is none. A local entry was decided about a whitelist time before it
 * expires: that is the time a delete is weighed against.
 */
int
nl_sync_decide(struct nl_sync_state *st, const struct nl_sync_msg *m,
    const struct nl_wl_item *local, uint32_t wltime)
{
	uint32_t	sec = m->time_ms / 1000, del;

	switch (m->op) {
	case NL_SYNC_ADD:
		if (nl_sync_tomb_get(st, &m->addr, m->plen, &del) == 0 &&
		    del >= sec)
			return NL_SYNC_IGNORE;
		if (local != NULL && local->expires >= m->expires)
			return NL_SYNC_IGNORE;
		return NL_SYNC_APPLY_ADD;
	case NL_SYNC_DELETE:
		nl_sync_tomb_put(st, &m->addr, m->plen, sec);
		if (local == NULL ||
		    (uint64_t)local->expires > (uint64_t)sec + wltime)
			return NL_SYNC_IGNORE;
		return NL_SYNC_APPLY_DELETE;
	case NL_SYNC_EXPIRE:
		if (local == NULL || local->expires > m->expires)
			return NL_SYNC_IGNORE;
		return NL_SYNC_APPLY_EXPIRE;
	}
	return NL_SYNC_IGNORE;
}
