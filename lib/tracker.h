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
 * The sender tracker: turns log records into whitelist changes, per
 * SPEC's "Behaviour". It owns the whitelist and the counters; what to do
 * with a change (a firewall table, JSON on stdout) is the caller's.
 */
#ifndef NL_TRACKER_H
#define NL_TRACKER_H

#include <sys/time.h>
#include <stdint.h>

#include "change.h"
#include "config.h"
#include "record.h"
#include "whitelist.h"

/*
 * A renewal is only passed on to the table when it moves the expiry by
 * at least this much (or a tenth of the whitelist time, if less), so a
 * busy sender does not cause a table write per connection.
 */
#define NL_RENEW_GRANULARITY	60

struct nl_stats {
	uint64_t	records;	/* records read */
	uint64_t	skipped;	/* truncated, malformed or not IP */
	uint64_t	fake_mx;	/* SYNs to a fake MX */
	uint64_t	whitelisted;	/* entries added (any reason) */
	uint64_t	renewed;	/* passed SYNs to a real MX that renewed */
	uint64_t	direct;		/* blocked SYNs to a real MX, unknown sender */
	uint64_t	expired;
	uint64_t	evicted;
	uint64_t	dns_queries;	/* kept here, counted by the resolver */
	uint64_t	dns_failures;
	uint64_t	pools_seeded;	/* kept here, counted by the pools */
	uint64_t	pool_hits;
	uint64_t	pools_refused_generic;
	uint64_t	pools_refused_all;
	uint64_t	pools_refused_wide;
	uint64_t	pools_live;
	uint64_t	capture_drops;	/* kept here, counted by the capture */
	/* kept here, counted by the sync client (daemon/sync.c) */
	uint64_t	sync_sent;
	uint64_t	sync_received;
	uint64_t	sync_refused;
	uint64_t	sync_dropped;
	/* kept here, counted by the turned-away table (lib/turnaway.c) */
	uint64_t	turned_away;
	uint64_t	turned_legit;	/* of which likely legitimate */
};

struct nl_tracker_cb {
	/* every table change, in order */
	void	(*change)(void *, const struct nl_change *);
	/* optional: a sender tried a fake MX (after it was whitelisted) */
	void	(*fake_mx)(void *, const struct nl_addr *, const struct timeval *);
	/* optional: a blocked SYN to a real MX from an unknown sender */
	void	(*direct)(void *, const struct nl_addr *, const struct timeval *);
	/* optional: a SYN to a real MX, passed or blocked */
	void	(*real_mx)(void *, const struct nl_addr *, const struct timeval *);
	void	*arg;
};

/*
 * The tracker keeps a copy of what it needs from the configuration. The
 * caller drives expiry: nl_tracker_expire before each record in a replay,
 * from a timer when live.
 *
 * nl_tracker_add(t, addr, plen, reason, expires, now) whitelists a prefix
 * (expires 0: now plus the whitelist time) and returns an
 * nl_wl_put_result, or -1 for a bad address or length; an entry already
 * there is renewed, never shortened, and moves up to the class of the
 * reason (see whitelist.h). A manual add that needs a place when the
 * manual budget is full is refused: NL_WL_FULL, nothing changed.
 * nl_tracker_restore is the same for an entry the table holds already,
 * with the reason it was saved with, so that it keeps its class; its
 * change has reason restore. nl_tracker_delete(t, addr, plen,
 * reason, now) returns 0, or -1 when there is no such entry.
 * nl_tracker_find looks a sender up: the configured prefix first, then
 * any other length present (manual or restored entries), longest first.
 * nl_tracker_set_config takes a reloaded configuration; a new max-entries
 * rebuilds the whitelist, evicting the oldest entries if it shrank, with
 * the last clock the tracker saw as the changes' time.
 * nl_tracker_flush deletes every entry with the given reason and returns
 * how many.
 * nl_tracker_set_grace starts a grace period that ends at the given
 * epoch second: until then a blocked SYN to a real MX from an unknown
 * sender is not counted as direct-to-second-MX, since that sender may
 * have tried the fake MX while nothing was watching (spamd's grey-listing
 * grace, for the same reason). It still goes to the direct callback: a
 * sender in a live pool is let in from the first second.
 */
struct nl_tracker;

struct nl_tracker	*nl_tracker_new(const struct nl_config *,
			    const struct nl_tracker_cb *);
void			 nl_tracker_free(struct nl_tracker *);
void			 nl_tracker_touch(struct nl_tracker *);
void			 nl_tracker_record(struct nl_tracker *,
			    const struct nl_record *);
void			 nl_tracker_prefetch(const struct nl_tracker *,
			    const struct nl_record *, int);
void			 nl_tracker_expire(struct nl_tracker *,
			    const struct timeval *);
int			 nl_tracker_add(struct nl_tracker *,
			    const struct nl_addr *, int, int, uint32_t,
			    const struct timeval *);
int			 nl_tracker_restore(struct nl_tracker *,
			    const struct nl_addr *, int, int, uint32_t,
			    const struct timeval *);
int			 nl_tracker_delete(struct nl_tracker *,
			    const struct nl_addr *, int, int,
			    const struct timeval *);
int			 nl_tracker_find(const struct nl_tracker *,
			    const struct nl_addr *, struct nl_wl_item *);
int			 nl_tracker_set_config(struct nl_tracker *,
			    const struct nl_config *);
uint32_t		 nl_tracker_flush(struct nl_tracker *, int,
			    const struct timeval *);
void			 nl_tracker_set_grace(struct nl_tracker *, int64_t);
struct nl_stats		*nl_tracker_stats(struct nl_tracker *);
const struct nl_wl	*nl_tracker_whitelist(const struct nl_tracker *);

#endif
