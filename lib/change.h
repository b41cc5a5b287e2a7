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
 * A table change: what the tracker decides and a backend carries out.
 */
#ifndef NL_CHANGE_H
#define NL_CHANGE_H

#include <sys/time.h>
#include <stdint.h>

#include "addr.h"

enum nl_op {
	NL_OP_ADD = 0,
	NL_OP_DELETE
};

enum nl_reason {
	NL_REASON_FAKEMX = 0,
	NL_REASON_FCRDNS,
	NL_REASON_POOL,
	NL_REASON_RENEW,
	NL_REASON_EXPIRE,
	NL_REASON_EVICT,
	NL_REASON_RESTORE,
	NL_REASON_MANUAL,
	NL_REASON_SYNC,		/* a peer's, through Redis (syncmsg.h) */
	NL_REASON_MAX
};

struct nl_change {
	struct timeval	 time;		/* the clock when it was decided */
	struct nl_addr	 addr;		/* masked to plen */
	uint32_t	 expires;	/* epoch seconds; for a delete, the old one */
	uint8_t		 plen;
	uint8_t		 op;		/* enum nl_op */
	uint8_t		 reason;	/* enum nl_reason */
};

void		 nl_change_restore(struct nl_change *, const struct nl_addr *,
		    int, uint32_t, const struct timeval *);
const char	*nl_op_name(int);
const char	*nl_reason_name(int);

#endif
