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
 * An asynchronous stub resolver on the daemon's event loop: ldns builds
 * and parses the packets, libevent does the I/O. It asks recursive name
 * servers; it never blocks and every query ends in exactly one callback.
 */
#ifndef NL_RESOLVER_H
#define NL_RESOLVER_H

#include <stddef.h>
#include <stdint.h>

#include <event2/event.h>
#include <ldns/ldns.h>

#include "addr.h"

#define RES_MAXSERVERS	8
#define RES_MAX_TTL	3600		/* seconds an answer is kept, at most */
#define RES_CACHE_BYTES	(4U << 20)

enum res_status {
	RES_OK = 0,		/* an answer; the list holds its records */
	RES_NODATA,		/* the name has no records of that type */
	RES_NXDOMAIN,		/* no such name */
	RES_FAIL,		/* SERVFAIL, REFUSED, garbage, no room */
	RES_TIMEOUT		/* no answer after every try */
};

struct res_conf {
	struct nl_addr	 servers[RES_MAXSERVERS];
	size_t		 nservers;
	uint16_t	 port;		/* 53 but in tests */
	unsigned int	 timeout_ms;	/* for each try */
	unsigned int	 retries;	/* tries after the first */
	unsigned int	 max_outstanding; /* queries on the wire */
	unsigned int	 max_backlog;	/* queries waiting for one */
	unsigned int	 cache_size;	/* answers kept; 0: none */
	size_t		 cache_bytes;	/* what they may take, an estimate */
	uint32_t	 max_ttl;	/* seconds */
};

struct res_stats {
	uint64_t	 queries;	/* asked by callers */
	uint64_t	 sent;		/* packets sent, UDP and TCP */
	uint64_t	 tcp;		/* truncated answers asked again */
	uint64_t	 cache_hits;
	uint64_t	 joined;	/* joined a query in flight */
	uint64_t	 timeouts;	/* tries that timed out */
	uint64_t	 failures;	/* ended in FAIL or TIMEOUT */
	uint64_t	 ignored;	/* packets that matched no question */
	uint64_t	 dropped;	/* refused for want of room */
	uint64_t	 yields;	/* answers left for a later turn */
	uint64_t	 cache_bytes;	/* a gauge: held by the cache now */
};

/*
 * The answer: the CNAME chain from the name asked and at most
 * RES_MAX_RRS records of the type asked (resparse.h), or NULL but for
 * RES_OK; only valid during the call. Answers, cached ones too, come
 * from the loop; only a failure for want of room or memory comes before
 * resolver_query returns. The callback may call resolver_query again.
 */
typedef void	(*res_cb)(void *, int, const ldns_rr_list *);

struct resolver;

void		 resolver_conf_defaults(struct res_conf *);
int		 resolver_conf_resolvconf(struct res_conf *, const char *);
struct resolver	*resolver_new(struct event_base *, const struct res_conf *);
void		 resolver_free(struct resolver *);
void		 resolver_query(struct resolver *, const char *, ldns_rr_type,
		    res_cb, void *);
void		 resolver_get_stats(const struct resolver *,
		    struct res_stats *);
const char	*resolver_status_name(int);

#endif
