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
 * SPF walks on the event loop: lib/spfwalk.c asks, the resolver answers.
 * Every walk started ends in exactly one callback, which may come before
 * spfwalk_start returns (answers from the cache); spfwalker_free ends the
 * walks under way without their callbacks, and must come after the
 * resolver is freed, which drops their questions.
 */
#ifndef NL_SPFDNS_H
#define NL_SPFDNS_H

#include <stdint.h>

#include "resolver.h"
#include "spfwalk.h"

/* the walk, valid only during the call */
typedef void	(*spfwalk_cb)(void *, const struct nl_spfwalk *);

struct spfwalker;

struct spfwalker	*spfwalker_new(struct resolver *);
int			 spfwalk_start(struct spfwalker *, const char *,
			    uint32_t, spfwalk_cb, void *);
uint32_t		 spfwalker_active(const struct spfwalker *);
void			 spfwalker_free(struct spfwalker *);

#endif
