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
 * What the record parsers' tests share: writers of big-endian fields,
 * and the check that every prefix of a record parses as it must. Each
 * prefix is parsed from a buffer of its own exact size, so that
 * AddressSanitizer sees any read past caplen.
 */
#ifndef NL_REC_H
#define NL_REC_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "t.h"

typedef int	rec_parser(const uint8_t *, size_t, struct nl_record *);

static inline void
rec_put16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void
rec_put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* parse the first n bytes in a buffer of exactly n bytes */
static inline int
rec_parse_prefix(rec_parser *parse, const uint8_t *b, size_t n,
    struct nl_record *r)
{
	uint8_t	*copy;
	int	 rv;

	if ((copy = malloc(n > 0 ? n : 1)) == NULL)
		abort();
	memcpy(copy, b, n);
	memset(r, 0x5a, sizeof(*r));
	rv = parse(copy, n, r);
	free(copy);
	return rv;
}

static inline int
rec_same(const struct nl_record *a, const struct nl_record *b)
{
	return a->rule == b->rule && nl_addr_eq(&a->src, &b->src) &&
	    nl_addr_eq(&a->dst, &b->dst) && a->sport == b->sport &&
	    a->dport == b->dport && a->tcpflags == b->tcpflags &&
	    a->proto == b->proto && a->action == b->action &&
	    a->dir == b->dir && strcmp(a->ifname, b->ifname) == 0;
}

/*
 * Every prefix shorter than need is refused and never a SYN; every
 * longer one (cut as a snapshot length cuts a record) parses to the same
 * record as the whole.
 */
static inline void
rec_check_prefixes(rec_parser *parse, const uint8_t *b, size_t len,
    size_t need)
{
	struct nl_record	whole, r;
	size_t			n;
	int			rv, bad = 0;

	if (rec_parse_prefix(parse, b, len, &whole) != NL_PARSE_OK) {
		T(!"whole record parses");
		return;
	}
	for (n = 0; n < len; n++) {
		rv = rec_parse_prefix(parse, b, n, &r);
		if (n < need) {
			if (rv == NL_PARSE_OK || nl_record_is_syn(&r))
				bad++;
		} else if (rv != NL_PARSE_OK || !rec_same(&r, &whole))
			bad++;
	}
	if (bad != 0)
		fprintf(stderr, "prefixes of a %zu-byte record (need %zu): "
		    "%d wrong\n", len, need, bad);
	T(bad == 0);
}

#endif
