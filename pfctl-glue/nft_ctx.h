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

/* The nftables backend's state, shared by nft.c and nft_list.c. */
#ifndef NL_NFT_CTX_H
#define NL_NFT_CTX_H

#include <stddef.h>
#include <stdint.h>

#include "backend.h"
#include "nft_nl.h"

struct nft_ctx {
	const struct nl_backend_log	*log;
	struct nft_sock	*sock;
	int		 family;
	char		 familyname[16];
	char		 table[NFT_NAMEMAX];
	struct nft_set	 set[2];	/* IPv4, IPv6 */
	uint8_t		 prefix4;
	uint8_t		 prefix6;
	uint32_t	 max_entries;
	uint32_t	 gen;
	int		 gen_known;
	uint8_t		*fail;		/* per change of the current call */
	size_t		 failcap;
	int		 replacing;
};

/* nft.c */
uint32_t	 nft_elems_per_entry(const struct nft_set *);

/* nft_list.c */
int		 nft_list(void *, nl_backend_list_fn *, void *);
int		 nft_check(void *, size_t);
uint32_t	 nft_capacity(void *);

#endif
