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
 * Addresses of either family, with prefix masking.
 * Families are NL_AF4 and NL_AF6, never the host's AF_* values: AF_INET6 is
 * 10 on Linux, 24 on OpenBSD, 28 on FreeBSD and 30 on macOS, and records
 * from all of them meet here.
 */
#ifndef NL_ADDR_H
#define NL_ADDR_H

#include <stddef.h>
#include <stdint.h>

#define NL_AF4		4
#define NL_AF6		6
#define NL_ADDRSTRLEN	46	/* INET6_ADDRSTRLEN */
#define NL_PREFIXSTRLEN	(NL_ADDRSTRLEN + 4)

struct nl_addr {
	uint8_t		af;	/* NL_AF4 or NL_AF6; 0 when unset */
	uint8_t		a[16];	/* network order; IPv4 in a[0..3], rest 0 */
};

/* the secret of a hash table whose keys senders choose */
struct nl_hashkey {
	uint64_t	k0;
	uint64_t	k1;
};

int		 nl_addr_parse(const char *, struct nl_addr *);
int		 nl_prefix_parse(const char *, struct nl_addr *, int *);
void		 nl_addr_set4(struct nl_addr *, const uint8_t *);
void		 nl_addr_set6(struct nl_addr *, const uint8_t *);
void		 nl_addr_mask(struct nl_addr *, int);
int		 nl_addr_maxplen(const struct nl_addr *);
int		 nl_addr_eq(const struct nl_addr *, const struct nl_addr *);
int		 nl_addr_cmp(const struct nl_addr *, const struct nl_addr *);
int		 nl_hashkey_init(struct nl_hashkey *);
uint32_t	 nl_addr_hash(const struct nl_addr *, int,
		    const struct nl_hashkey *);
const char	*nl_addr_ntop(const struct nl_addr *, char *, size_t);
const char	*nl_prefix_ntop(const struct nl_addr *, int, char *, size_t);

#endif
