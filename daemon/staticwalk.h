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
 * spf-walk in the engine: each domain's SPF record walked at start and
 * again at its TTL (at least every 5 minutes' worth, at most a day
 * apart), its ranges judged as a pool is (no +all or ?all, nothing
 * wider than the floor, only global ranges, none holding our MX), and
 * the union of all domains' ranges handed to the send function whenever
 * it changes: the parent keeps it in the static table. A walk that fails
 * on DNS keeps the domain's last ranges; a record that is refused, gone
 * or broken drops them.
 */
#ifndef NL_STATICWALK_H
#define NL_STATICWALK_H

#include <stddef.h>

#include <event2/event.h>

#include "change.h"
#include "config.h"
#include "resolver.h"

typedef void	staticwalk_send_fn(void *, const struct nl_change *, size_t);

struct staticwalk;

struct staticwalk	*staticwalk_new(struct event_base *, struct resolver *,
			    const struct nl_config *, staticwalk_send_fn *,
			    void *);
void			 staticwalk_free(struct staticwalk *);

#endif
