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
 * Live sender pools: the SPF ranges of domains whose senders tried the
 * fake MX, each with an expiry. nl_lp_find answers "which live pool holds
 * this address" with one hash probe per prefix length in use, whatever
 * the number of ranges, so the packet path can ask it. All memory is
 * allocated by nl_lp_new.
 */
#ifndef NL_LIVEPOOL_H
#define NL_LIVEPOOL_H

#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "expand.h"
#include "spfwalk.h"

struct nl_lp_info {
	char		 domain[NL_DNAME_MAX + 1];
	uint32_t	 nranges;
	uint32_t	 members;	/* fake-MX senders seen in it */
	uint64_t	 hits;		/* senders it let in */
	uint32_t	 expires;
	uint32_t	 seeded;	/* when its ranges were walked */
};

struct nl_livepool;

struct nl_livepool	*nl_lp_new(uint32_t, uint32_t);
void			 nl_lp_free(struct nl_livepool *);
int			 nl_lp_put(struct nl_livepool *, const char *,
			    const struct nl_spf_range *, size_t, uint32_t,
			    uint32_t);
int			 nl_lp_find(const struct nl_livepool *,
			    const struct nl_addr *, uint32_t);
int			 nl_lp_lookup(const struct nl_livepool *, const char *);
void			 nl_lp_member(struct nl_livepool *, int, uint32_t);
void			 nl_lp_hit(struct nl_livepool *, int);
uint32_t		 nl_lp_expire(struct nl_livepool *, uint32_t);
uint32_t		 nl_lp_count(const struct nl_livepool *);
uint32_t		 nl_lp_slots(const struct nl_livepool *);
int			 nl_lp_get(const struct nl_livepool *, uint32_t,
			    struct nl_lp_info *);

#endif
