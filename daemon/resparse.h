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
 * Reading a name server's reply, with work bounded whatever its size:
 * the header is checked before anything is parsed, at most
 * RES_MAX_PARSE records are read, and the answer kept is only what its
 * users read: the CNAME chain from the question's name and at most
 * RES_MAX_RRS records of the type asked owned by the chain's end.
 */
#ifndef NL_RESPARSE_H
#define NL_RESPARSE_H

#include <stddef.h>
#include <stdint.h>

#include <ldns/ldns.h>

#define RES_MAX_RRS	64	/* records of the type asked, kept */
#define RES_MAX_CHAIN	8	/* CNAMEs kept in front of them */
#define RES_MAX_PARSE	96	/* records read from one section */
#define RES_NEG_TTL	60	/* no SOA to say how long */

enum reply_kind {
	REPLY_GARBAGE = -1,	/* not a DNS message */
	REPLY_OTHER = 0,	/* a message, not the answer to our question */
	REPLY_OURS = 1
};

struct res_reply {
	int		 rcode;
	int		 tc;
	ldns_rr_list	*rrs;	/* NOERROR with answers: the records kept */
	uint32_t	 ttl;	/* how long it may be cached */
};

int	res_reply_parse(struct res_reply *, const uint8_t *, size_t,
	    uint16_t, const ldns_rdf *, uint16_t);

#endif
