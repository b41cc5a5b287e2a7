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
 * The decisions behind DNS expansion, without any I/O: forward
 * confirmation, reverse names, registered domains and the rate cap.
 */
#ifndef NL_EXPAND_H
#define NL_EXPAND_H

#include <sys/time.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"

#define NL_DNAME_MAX	255	/* presentation form, no trailing dot */
#define NL_PTRNAME_MAX	74	/* 32 nibbles, dots, "ip6.arpa" */

int		 nl_fcrdns_confirmed(const struct nl_addr *,
		    const struct nl_addr *, size_t);
int		 nl_ptr_name(const struct nl_addr *, char *, size_t);
int		 nl_name_normalize(const char *, char *, size_t);
int		 nl_registered_domain(const char *, char *, size_t);

/*
 * A token bucket: rate tokens a second, at most burst saved up. The
 * caller's clock drives it, so replayed captures keep their own time.
 * Tokens are counted in millionths so that refills need no floats.
 * A charge may take more than there is: the debt delays later takes.
 */
struct nl_rate {
	uint64_t	 tokens;	/* millionths of a token */
	uint64_t	 cap;		/* burst, in millionths */
	uint64_t	 debt;		/* charged past empty, in millionths */
	uint32_t	 per_sec;
	struct timeval	 last;
	int		 started;
};

void		 nl_rate_init(struct nl_rate *, uint32_t, uint32_t);
int		 nl_rate_take(struct nl_rate *, const struct timeval *);
void		 nl_rate_charge(struct nl_rate *, uint64_t);

#endif
