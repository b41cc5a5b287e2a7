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
 * Records lost between the kernel and nolistd, counted exactly from the
 * sequence number NFLOG puts in every record of a group when asked to
 * (NFULNL_CFG_F_SEQ): libpcap counts only how often the socket overflowed,
 * and one overflow can lose thousands.
 */
#ifndef NL_SEQGAP_H
#define NL_SEQGAP_H

#include <stdint.h>

#define NL_SEQGAP_GROUPS	16

struct nl_seqgap {
	uint32_t	next[NL_SEQGAP_GROUPS];
	uint16_t	group[NL_SEQGAP_GROUPS];
	unsigned int	ngroups;
};

void		nl_seqgap_init(struct nl_seqgap *);
uint32_t	nl_seqgap_check(struct nl_seqgap *, uint16_t, uint32_t);

#endif
