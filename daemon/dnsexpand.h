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
 * DNS expansion of whitelisted senders, on the daemon's event loop.
 *
 * dnsexp_fake_mx: after the tracker whitelisted a sender that tried the
 * fake MX, look up PTR, then A and AAAA of that name; if the sender is
 * among them, every other address of the name that passes the filter
 * (lib/poolrules.h: global unicast, none of our MX addresses, at most
 * per_name of them) is passed to the callback with NL_REASON_FCRDNS,
 * and the forward-confirmed name to the name callback, if one is set
 * (sender pools, daemon/pools.c).
 *
 * dnsexp_name: only the forward-confirmed name of a sender, whitelisting
 * nothing. When a name callback is set, it is told how every fake-MX and
 * name job ended, with the callback's arg: the name (status 1), none
 * (0), or a DNS failure (-1); its last int is 1 for a dnsexp_name job.
 *
 * The rate cap counts queries sent: an expansion starts only when the
 * rate allows one more, and all it sends is charged against the rate.
 * Past the rate cap nothing is expanded; a DNS failure expands nothing
 * and is counted. The callbacks never come before dnsexp_* returns.
 */
#ifndef NL_DNSEXPAND_H
#define NL_DNSEXPAND_H

#include <sys/time.h>
#include <stddef.h>
#include <stdint.h>

#include <event2/event.h>

#include "addr.h"
#include "poolrules.h"
#include "resolver.h"

struct dnsexp_conf {
	struct res_conf	 res;		/* no servers: resolv.conf's */
	uint32_t	 rate;		/* queries a second; 0: none */
	uint32_t	 burst;		/* saved up; 0: rate */
	uint32_t	 max_jobs;	/* expansions under way at once */
	struct nl_expfilter filter;	/* what may be whitelisted */
};

struct dnsexp_stats {
	uint64_t	 expansions;	/* started */
	uint64_t	 confirmed;	/* forward-confirmed names */
	uint64_t	 unconfirmed;	/* PTR but no matching address */
	uint64_t	 ratelimited;	/* not started: over the rate */
	uint64_t	 busy;		/* not started: full, or a twin */
	uint64_t	 failures;	/* ended by a DNS failure */
	uint64_t	 added;		/* callbacks made */
	uint64_t	 filtered;	/* addresses the filter kept out */
	uint64_t	 queries;	/* packets sent */
	uint32_t	 active;	/* expansions under way */
	struct res_stats res;
};

typedef void	(*dnsexp_cb)(void *, const struct nl_addr *, int);
/* how a job ended (see dnsexp_name); the last is the caller's clock */
typedef void	(*dnsexp_name_cb)(void *, const struct nl_addr *,
		    const char *, int, int, uint32_t);

struct dnsexp;

void		 dnsexp_conf_defaults(struct dnsexp_conf *);
struct dnsexp	*dnsexp_new(struct event_base *,
		    const struct dnsexp_conf *, dnsexp_cb, void *);
void		 dnsexp_fake_mx(struct dnsexp *, const struct nl_addr *,
		    const struct timeval *);
void		 dnsexp_name(struct dnsexp *, const struct nl_addr *,
		    const struct timeval *);
void		 dnsexp_set_name_cb(struct dnsexp *, dnsexp_name_cb, void *);
int		 dnsexp_admit(struct dnsexp *);
struct resolver	*dnsexp_resolver(struct dnsexp *);
void		 dnsexp_stats(const struct dnsexp *, struct dnsexp_stats *);
void		 dnsexp_free(struct dnsexp *);

#endif
