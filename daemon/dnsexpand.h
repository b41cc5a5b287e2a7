/*
 * DNS expansion of whitelisted senders, on the daemon's event loop.
 *
 * dnsexp_fake_mx: after the tracker whitelisted a sender that tried the
 * fake MX, look up PTR, then A and AAAA of that name; if the sender is
 * among them, every other address of the name is passed to the callback
 * with NL_REASON_FCRDNS, and in pool mode the name's registered domain
 * joins the pool for pool_lifetime seconds.
 *
 * dnsexp_direct (pool mode only): a blocked SYN to a real MX from an
 * unknown sender; if its forward-confirmed name is in a registered
 * domain of the pool, the sender goes to the callback with
 * NL_REASON_POOL.
 *
 * dnsexp_name: only the forward-confirmed name of a sender, whitelisting
 * nothing. When a name callback is set, it is told how every fake-MX and
 * name job ended, with the callback's arg: the name (status 1), none
 * (0), or a DNS failure (-1); its last int is 1 for a dnsexp_name job.
 *
 * The rate cap counts queries sent: an expansion starts only when the
 * rate allows one more, and all it sends is charged against the rate.
 * Past the rate cap nothing is expanded; a DNS failure expands nothing
 * and is counted. The callback never comes before dnsexp_* returns.
 */
#ifndef NL_DNSEXPAND_H
#define NL_DNSEXPAND_H

#include <sys/time.h>
#include <stddef.h>
#include <stdint.h>

#include <event2/event.h>

#include "addr.h"
#include "resolver.h"

struct dnsexp_conf {
	struct res_conf	 res;		/* no servers: resolv.conf's */
	uint32_t	 rate;		/* queries a second; 0: none */
	uint32_t	 burst;		/* saved up; 0: rate */
	uint32_t	 max_jobs;	/* expansions under way at once */
	int		 pool;		/* expand pool */
	uint32_t	 pool_lifetime;	/* seconds: the whitelist time */
	uint32_t	 pool_size;	/* registered domains remembered */
};

struct dnsexp_stats {
	uint64_t	 expansions;	/* started */
	uint64_t	 confirmed;	/* forward-confirmed names */
	uint64_t	 unconfirmed;	/* PTR but no matching address */
	uint64_t	 ratelimited;	/* not started: over the rate */
	uint64_t	 busy;		/* not started: full, or a twin */
	uint64_t	 failures;	/* ended by a DNS failure */
	uint64_t	 added;		/* callbacks made */
	uint64_t	 pool_hits;	/* senders added by the pool */
	uint64_t	 queries;	/* packets sent */
	uint32_t	 active;	/* expansions under way */
	struct res_stats res;
};

typedef void	(*dnsexp_cb)(void *, const struct nl_addr *, int);
typedef void	(*dnsexp_name_cb)(void *, const struct nl_addr *,
		    const char *, int, int);

struct dnsexp;

void		 dnsexp_conf_defaults(struct dnsexp_conf *);
struct dnsexp	*dnsexp_new(struct event_base *,
		    const struct dnsexp_conf *, dnsexp_cb, void *);
void		 dnsexp_fake_mx(struct dnsexp *, const struct nl_addr *,
		    const struct timeval *);
void		 dnsexp_direct(struct dnsexp *, const struct nl_addr *,
		    const struct timeval *);
void		 dnsexp_name(struct dnsexp *, const struct nl_addr *,
		    const struct timeval *);
void		 dnsexp_set_name_cb(struct dnsexp *, dnsexp_name_cb);
void		 dnsexp_stats(const struct dnsexp *, struct dnsexp_stats *);
void		 dnsexp_free(struct dnsexp *);

#endif
