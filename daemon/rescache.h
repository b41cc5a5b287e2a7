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
 * The resolver's answers and their cache. An answer holds only what its
 * users read (resparse.c trims it) and is shared, counted by reference,
 * between the cache and the callbacks waiting for it: a cache hit costs
 * no copy, and an answer evicted while a callback reads it lives until
 * that callback returns. The cache is bounded twice, by entries and by
 * an estimate of the bytes it holds, and keeps nothing past max_ttl.
 */
#ifndef NL_RESCACHE_H
#define NL_RESCACHE_H

#include <stddef.h>
#include <stdint.h>

#include <ldns/ldns.h>

struct res_answer {
	int		 status;	/* enum res_status */
	ldns_rr_list	*rrs;		/* NULL but for RES_OK */
	size_t		 bytes;		/* what it costs, an estimate */
	unsigned int	 refs;
};

struct res_answer *res_answer_new(int, ldns_rr_list *);
struct res_answer *res_answer_ref(struct res_answer *);
void		 res_answer_unref(struct res_answer *);

struct rescache;

struct rescache	*rescache_new(size_t, size_t, uint32_t);
void		 rescache_free(struct rescache *);
struct res_answer *rescache_get(struct rescache *, const char *, uint16_t);
void		 rescache_put(struct rescache *, const char *, uint16_t,
		    struct res_answer *, uint32_t);
size_t		 rescache_bytes(const struct rescache *);

#endif
