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
 * How a nolistd applies what its peers publish (syncmsg.h), so that all
 * of them converge whatever order messages arrive in, and how many it
 * takes a second:
 *
 * - an entry's expiry is the latest any peer gave it: an add that would
 *   not lengthen the local entry is a duplicate and changes nothing;
 * - a manual delete wins over adds decided before it: the delete is
 *   remembered (a tombstone) for a whitelist time, after which any add
 *   decided before it has expired anyway, and an add it predates is
 *   ignored; an entry added after the delete stays;
 * - an expiry removes the local entry only if no peer lengthened it.
 *
 * Tombstones live in a whitelist of their own (lib/whitelist.c) keyed by
 * prefix, whose expiry field holds the second of the delete: the oldest
 * is evicted when it is full, and they are forgotten in that order.
 * The rate bound is a token bucket of rate messages a second, as many
 * in a burst.
 */
#ifndef NL_SYNCSTATE_H
#define NL_SYNCSTATE_H

#include <stdint.h>

#include "syncmsg.h"
#include "whitelist.h"

enum nl_sync_verdict {
	NL_SYNC_IGNORE = 0,	/* nothing to do: duplicate, superseded */
	NL_SYNC_APPLY_ADD,	/* add or lengthen the local entry */
	NL_SYNC_APPLY_DELETE,	/* remove the local entry */
	NL_SYNC_APPLY_EXPIRE	/* remove it as expired */
};

struct nl_sync_state;

struct nl_sync_state	*nl_sync_state_new(uint32_t, uint32_t);
void			 nl_sync_state_free(struct nl_sync_state *);
void			 nl_sync_state_set_rate(struct nl_sync_state *,
			    uint32_t);
int			 nl_sync_rate_ok(struct nl_sync_state *, uint64_t);
void			 nl_sync_tomb_put(struct nl_sync_state *,
			    const struct nl_addr *, int, uint32_t);
int			 nl_sync_tomb_get(const struct nl_sync_state *,
			    const struct nl_addr *, int, uint32_t *);
void			 nl_sync_tomb_expire(struct nl_sync_state *, uint32_t,
			    uint32_t);
uint32_t		 nl_sync_tomb_count(const struct nl_sync_state *);
int			 nl_sync_decide(struct nl_sync_state *,
			    const struct nl_sync_msg *,
			    const struct nl_wl_item *, uint32_t);

#endif
