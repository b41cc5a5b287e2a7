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
 * The sync client (issue 19, nolistd.8 "Multi-site and CARP"): the
 * engine publishes every whitelist change it makes to a Redis or Valkey
 * server and applies its peers' through its own parent, as if its own
 * log had shown them.
 *
 * Pub/sub, not streams: a change must reach the peers at once, and what
 * a peer missed while it was away is in the shared sorted set, which it
 * loads whenever it (re)connects; a stream would need trimming and a
 * read position per peer to give the same. In Redis, for a group G:
 *	G:wl	sorted set, member ADDR/LEN, score its expiry (epoch s)
 *	G:del	sorted set of manual deletes, score their time (epoch s)
 *	G:ch	the channel the messages of lib/syncmsg.h go on
 * Adds and deletes go through a short script, so that the set, the
 * deletes and the channel change together, and an add decided before a
 * delete of its prefix is refused by the server too.
 *
 * Without hiredis at build time (no NOLIST_SYNC) the same functions
 * exist and do nothing but say so.
 */
#ifndef NL_SYNC_H
#define NL_SYNC_H

#include <stddef.h>
#include <stdint.h>

#include "change.h"
#include "config.h"
#include "tracker.h"

struct event_base;
struct pipeline;

/* what the engine cannot read itself: the parent fills it in as root */
struct sync_setup {
	char		 addr[64];	/* numeric; "": no sync */
	uint16_t	 port;
	char		 user[64];	/* "": AUTH with a password only */
	char		 password[256];	/* "": no AUTH */
	char		 node[64];	/* the host name, or sync's name */
};

struct sync;

/* the parent, before it drops privileges: 0, or -1 with why in err */
int		 sync_setup_read(const struct nl_config *, struct sync_setup *,
		    char *, size_t);
/* "hiredis 0.14.1", or NULL when built without it */
const char	*sync_library(void);

struct sync	*sync_new(struct event_base *, struct pipeline *,
		    const struct nl_config *, struct sync_setup *);
void		 sync_change(struct sync *, const struct nl_change *);
void		 sync_stats(const struct sync *, struct nl_stats *);
size_t		 sync_show(const struct sync *, char *, size_t, int);
void		 sync_free(struct sync *);

#endif
