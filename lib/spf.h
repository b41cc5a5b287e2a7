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
 * SPF records (RFC 7208) parsed into terms, for walking a domain's
 * published sending ranges and for judging a record in "nolistctl
 * check" (lib/checkrules.c); no I/O.
 */
#ifndef NL_SPF_H
#define NL_SPF_H

#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "expand.h"

#define NL_SPF_MAXLEN		4096	/* bytes of a record, strings joined */
#define NL_SPF_MAXTERMS		64	/* terms of one record */
#define NL_SPF_MAXQUERYTERMS	10	/* RFC 7208 4.6.4 */
#define NL_SPF_MAXVOID		2	/* RFC 7208 4.6.4 */

enum nl_spf_kind {
	NL_SPFT_ALL = 0,
	NL_SPFT_INCLUDE,
	NL_SPFT_A,
	NL_SPFT_MX,
	NL_SPFT_PTR,
	NL_SPFT_IP4,
	NL_SPFT_IP6,
	NL_SPFT_EXISTS
};

struct nl_spf_term {
	uint8_t		 kind;		/* enum nl_spf_kind */
	char		 qual;		/* '+', '-', '~' or '?' */
	uint8_t		 plen4;		/* ip4, a, mx: the IPv4 cidr */
	uint8_t		 plen6;		/* ip6, a, mx: the IPv6 cidr */
	uint8_t		 macro;		/* macros in the domain: not walkable */
	struct nl_addr	 addr;		/* ip4, ip6: masked to the cidr */
	char		 domain[NL_DNAME_MAX + 1]; /* "": the record's own */
};

struct nl_spf_rec {
	struct nl_spf_term terms[NL_SPF_MAXTERMS];
	size_t		 nterms;
	char		 all;		/* qualifier of "all", or 0 */
	char		 redirect[NL_DNAME_MAX + 1]; /* "": none */
	uint8_t		 redirect_macro;
	unsigned int	 queryterms;	/* include a mx ptr exists redirect */
};

int		 nl_spf_rec_is(const char *, size_t);
int		 nl_spf_rec_parse(const char *, size_t, struct nl_spf_rec *,
		    char *, size_t);
const char	*nl_spf_kind_name(int);
int		 nl_spf_mech_is(const char *, size_t, const char *,
		    const char **, size_t *);
int		 nl_spf_term_queries(const struct nl_spf_term *);

#endif
