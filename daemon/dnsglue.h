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
 * DNS expansion hooked between the tracker and the table: senders that
 * tried the fake MX (and, in pool mode, unknown senders to a real MX) go
 * to dnsexpand; the addresses it confirms come back as whitelist adds.
 */
#ifndef NL_DNSGLUE_H
#define NL_DNSGLUE_H

#include <event2/event.h>

#include "config.h"
#include "livepool.h"
#include "pipeline.h"
#include "resolver.h"
#include "staticwalk.h"

struct dnsglue;

/*
 * dnsglue_system reads the system's name servers once, before the engine
 * chroots; every dnsglue_new (at start and on each reload) uses that copy
 * where the configuration names no resolver.
 */
int		 dnsglue_system(struct res_conf *);
struct dnsglue	*dnsglue_new(struct event_base *, struct pipeline *,
		    const struct nl_config *, const struct res_conf *,
		    char *, size_t);
void		 dnsglue_stats(struct dnsglue *, struct nl_stats *);
const struct nl_livepool *dnsglue_pools(const struct dnsglue *);
int		 dnsglue_static(struct dnsglue *, struct event_base *,
		    const struct nl_config *, staticwalk_send_fn *, void *);
void		 dnsglue_free(struct dnsglue *);

#endif
