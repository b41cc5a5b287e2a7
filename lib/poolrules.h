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
 * What DNS expansion may let in, without any I/O: the filter every
 * expanded address passes (fcrdns and pools alike), the names that look
 * like a customer's line rather than a provider's server, and the
 * judgement of an SPF walk's ranges as a sender pool.
 */
#ifndef NL_POOLRULES_H
#define NL_POOLRULES_H

#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "config.h"
#include "spfwalk.h"

/*
 * The widest range a pool may hold: a record that authorises more is
 * not a list of mail servers. The big senders publish nothing wider
 * (Microsoft's widest IPv4 ranges are /15s, Google's IPv6 ones /36s).
 */
#define NL_POOL_FLOOR4		15
#define NL_POOL_FLOOR6		32
#define NL_EXPAND_PER_NAME	16	/* addresses taken per name */

struct nl_expfilter {
	struct nl_addr	 mx[2 * NL_MAXMX];
	size_t		 nmx;
	uint32_t	 per_name;
};

void		 nl_expfilter_init(struct nl_expfilter *,
		    const struct nl_config *);
int		 nl_expfilter_addr(const struct nl_expfilter *,
		    const struct nl_addr *);
int		 nl_expfilter_range(const struct nl_expfilter *,
		    const struct nl_addr *, int);

enum nl_generic {
	NL_GENERIC_NO = 0,
	NL_GENERIC_ADDR,	/* a label embeds the sender's address */
	NL_GENERIC_DYNAMIC	/* dyn, dhcp, dsl, cable, pool, ... */
};

int		 nl_name_generic(const char *, const char *,
		    const struct nl_addr *);

/* what becomes of a walk's ranges */
enum nl_pool_verdict {
	NL_POOLV_OK = 0,
	NL_POOLV_ALL,		/* +all or ?all: anyone passes */
	NL_POOLV_WIDE,		/* a range wider than the floor */
	NL_POOLV_EMPTY,		/* nothing left after the filter */
	NL_POOLV_NOTSENDER,	/* the sender is not in the ranges */
	NL_POOLV_MAX
};

size_t		 nl_pool_judge(const struct nl_spfw_info *,
		    const struct nl_spf_range *, size_t,
		    const struct nl_expfilter *, const struct nl_addr *,
		    struct nl_spf_range *, int *);
int		 nl_range_has(const struct nl_spf_range *,
		    const struct nl_addr *);
const char	*nl_pool_verdict_name(int);

#endif
