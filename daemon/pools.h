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
 * Sender pools (expand pool): when a fake-MX sender's name is forward-
 * confirmed and does not look generic, the SPF record of its registered
 * domain is walked; if the sender lies in the ranges it authorises and
 * the record is not one that lets anyone in, those ranges become a live
 * pool. A blocked SYN to a real MX from inside a live pool is let in at
 * once, from memory (pools_direct). A pool lives for the whitelist time
 * from the last fake-MX attempt of any of its members. A walk starts
 * only when admit allows it, and what it sends is charged to the
 * resolver's owner (dnsexp_admit: dns-rate counts every query sent).
 */
#ifndef NL_POOLS_H
#define NL_POOLS_H

#include <stdint.h>

#include "addr.h"
#include "livepool.h"
#include "poolrules.h"
#include "resolver.h"

#define POOLS_MAX		256	/* live pools */
#define POOLS_MAXRANGES		128	/* ranges a pool holds */
#define POOLS_MAXWALKS		16	/* walks under way */

struct pools_conf {
	uint32_t		 lifetime;	/* seconds: whitelist-time */
	uint32_t		 max_pools;
	uint32_t		 max_ranges;
	uint32_t		 max_walks;
	struct nl_expfilter	 filter;
	/* may a walk send now (dns-rate)? NULL: always */
	int			(*admit)(void *);
	void			*admit_arg;
};

struct pools_stats {
	uint64_t	 walks;		/* SPF walks started */
	uint64_t	 seeded;	/* pools made or remade */
	uint64_t	 hits;		/* senders let in by a pool */
	uint64_t	 members;	/* fake-MX attempts from a pool */
	uint64_t	 refused_generic; /* generic names: the sender only */
	uint64_t	 refused_all;	/* +all or ?all */
	uint64_t	 refused_wide;	/* ranges wider than the floor */
	uint64_t	 refused_walk;	/* no record, permerror, DNS failure */
	uint64_t	 not_sender;	/* the sender is not listed */
	uint64_t	 busy;		/* not walked: too many under way */
	uint64_t	 ratelimited;	/* not walked: over dns-rate */
	uint32_t	 live;
	uint32_t	 walking;	/* walks under way */
};

struct pools;

void			 pools_conf_defaults(struct pools_conf *);
struct pools		*pools_new(struct resolver *,
			    const struct pools_conf *);
void			 pools_free(struct pools *);
void			 pools_fake_mx(struct pools *, const struct nl_addr *,
			    uint32_t);
void			 pools_confirmed(struct pools *,
			    const struct nl_addr *, const char *, uint32_t);
int			 pools_direct(struct pools *, const struct nl_addr *,
			    uint32_t);
void			 pools_stats(const struct pools *,
			    struct pools_stats *);
const struct nl_livepool *pools_live(const struct pools *);

#endif
