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

#include <sys/time.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dnsexpand.h"
#include "dnsglue.h"
#include "log.h"
#include "monotime.h"
#include "policy.h"
#include "pools.h"
#include "staticwalk.h"

#define RESOLV_CONF	"/etc/resolv.conf"

struct dnsglue {
	struct dnsexp	*dx;
	struct pools	*pools;		/* expand pool */
	struct staticwalk *statics;	/* spf-walk */
	int		 expand;	/* not expand none */
	struct pipeline	*pl;
	uint8_t		 prefix4;
	uint8_t		 prefix6;
	uint64_t	 told_queries;	/* what the stats have of ours */
	uint64_t	 told_failures;
	struct pools_stats told_pools;
};

static void	glue_add(struct dnsglue *, const struct nl_addr *, int,
		    const struct timeval *);

/*
 * A blocked SYN to a real MX from inside a live pool is let in here,
 * from memory and inside the tracker's callback, so that the change is
 * in the batch the current frames commit: in time for the retransmit.
 */
static void
glue_sender(void *arg, const struct nl_addr *src, const struct timeval *now,
    int direct)
{
	struct dnsglue	*g = arg;

	if (!g->expand)
		return;
	if (!direct) {
		if (g->pools != NULL)
			pools_fake_mx(g->pools, src, now->tv_sec);
		dnsexp_fake_mx(g->dx, src, now);
	} else if (g->pools != NULL && pools_direct(g->pools, src,
	    now->tv_sec))
		glue_add(g, src, NL_REASON_POOL, now);
}

static void
glue_add(struct dnsglue *g, const struct nl_addr *addr, int reason,
    const struct timeval *now)
{
	struct nl_addr	a = *addr;
	char		buf[NL_ADDRSTRLEN];
	int		plen;

	plen = a.af == NL_AF4 ? g->prefix4 : g->prefix6;
	/* the parent would refuse it: one rule for every way in */
	if (!nl_policy_prefix(&a, plen))
		return;
	nl_addr_mask(&a, plen);
	if (nl_tracker_add(g->pl->tracker, &a, plen, reason, 0, now) == -1)
		return;
	log_debug("%s whitelisted (%s)", nl_addr_ntop(&a, buf, sizeof(buf)),
	    nl_reason_name(reason));
}

/* an address DNS vouched for: whitelisted like a fake-MX sender */
static void
glue_confirmed(void *arg, const struct nl_addr *addr, int reason)
{
	struct dnsglue	*g = arg;
	struct timeval	 now;

	dclock_now(&now);
	glue_add(g, addr, reason, &now);
	pipeline_commit(g->pl);
}

/* a turned-away sender whose name nobody looked up yet */
static void
glue_ask(void *arg, const struct nl_addr *src, const struct timeval *now)
{
	struct dnsglue	*g = arg;

	dnsexp_name(g->dx, src, now);
}

/*
 * A fake-MX sender's forward-confirmed name may seed a sender pool. A
 * fake-MX job's failure leaves the name to a later lookup of its own,
 * when the sender is turned away, if it is.
 */
static void
glue_name(void *arg, const struct nl_addr *src, const char *name,
    int status, int lazy, uint32_t now)
{
	struct dnsglue	*g = arg;

	if (status == 1 && !lazy && g->pools != NULL)
		pools_confirmed(g->pools, src, name, now);
	if (status == -1 && !lazy)
		return;
	turned_name(g->pl->turned, src, name, status);
}

/* an SPF walk for the pools sends within dns-rate like an expansion */
static int
glue_admit(void *arg)
{
	struct dnsglue	*g = arg;

	return dnsexp_admit(g->dx);
}

int
dnsglue_system(struct res_conf *sys)
{
	resolver_conf_defaults(sys);
	sys->nservers = 0;
	return resolver_conf_resolvconf(sys, RESOLV_CONF);
}

static int
glue_conf(struct dnsexp_conf *dc, const struct nl_config *conf,
    const struct res_conf *sys, char *errbuf, size_t len)
{
	size_t	i;

	dnsexp_conf_defaults(dc);
	dc->rate = conf->dns_rate;
	nl_expfilter_init(&dc->filter, conf);
	dc->res.cache_bytes = conf->dns_cache_size;
	if (conf->nresolvers == 0) {
		if (sys == NULL || sys->nservers == 0) {
			snprintf(errbuf, len, "%s: no name servers for DNS "
			    "expansion: add a resolver statement, or expand "
			    "none", RESOLV_CONF);
			return -1;
		}
		for (i = 0; i < sys->nservers && i < RES_MAXSERVERS; i++)
			dc->res.servers[i] = sys->servers[i];
		dc->res.nservers = i;
		return 0;
	}
	for (i = 0; i < conf->nresolvers && i < RES_MAXSERVERS; i++)
		dc->res.servers[i] = conf->resolvers[i];
	dc->res.nservers = i;
	return 0;
}

static int
glue_pools(struct dnsglue *g, const struct nl_config *conf)
{
	struct pools_conf	pc;

	if (conf->expand != NL_EXPAND_POOL)
		return 0;
	pools_conf_defaults(&pc);
	pc.lifetime = conf->whitelist_time;
	nl_expfilter_init(&pc.filter, conf);
	pc.admit = glue_admit;
	pc.admit_arg = g;
	if ((g->pools = pools_new(dnsexp_resolver(g->dx), &pc)) == NULL)
		return -1;
	return 0;
}

struct dnsglue *
dnsglue_new(struct event_base *base, struct pipeline *pl,
    const struct nl_config *conf, const struct res_conf *sys, char *errbuf,
    size_t len)
{
	struct dnsexp_conf	 dc;
	struct dnsglue		*g;

	/* spf-walk needs the resolver whatever expand says */
	if ((conf->expand == NL_EXPAND_NONE || conf->dns_rate == 0) &&
	    conf->nspf_walk == 0)
		return NULL;
	if (glue_conf(&dc, conf, sys, errbuf, len) == -1)
		return NULL;
	if ((g = calloc(1, sizeof(*g))) == NULL) {
		snprintf(errbuf, len, "DNS expansion: out of memory");
		return NULL;
	}
	g->pl = pl;
	g->expand = conf->expand != NL_EXPAND_NONE && conf->dns_rate > 0;
	g->prefix4 = conf->prefix4;
	g->prefix6 = conf->prefix6;
	if ((g->dx = dnsexp_new(base, &dc, glue_confirmed, g)) == NULL ||
	    glue_pools(g, conf) == -1) {
		snprintf(errbuf, len, "DNS expansion cannot start");
		dnsexp_free(g->dx);
		free(g);
		return NULL;
	}
	dnsexp_set_name_cb(g->dx, glue_name, g);
	pl->expand = glue_sender;
	pl->expand_arg = g;
	/* spf-walk alone keeps the resolver, not the lazy lookups */
	if (g->expand) {
		pl->turned->ask = glue_ask;
		pl->turned->ask_arg = g;
	}
	return g;
}

/*
 * The resolver counts; the stats that nolistctl and SIGUSR1 show carry
 * them. Each reload starts a new resolver from zero, so the stats get
 * what it counted since they were last told, never its totals: counters
 * do not go backwards.
 */
void
dnsglue_stats(struct dnsglue *g, struct nl_stats *st)
{
	struct dnsexp_stats	ds;
	struct pools_stats	ps;

	if (g == NULL)
		return;
	dnsexp_stats(g->dx, &ds);
	st->dns_queries += ds.queries - g->told_queries;
	st->dns_failures += ds.failures - g->told_failures;
	g->told_queries = ds.queries;
	g->told_failures = ds.failures;
	if (g->pools == NULL) {
		st->pools_live = 0;
		return;
	}
	pools_stats(g->pools, &ps);
	st->pools_seeded += ps.seeded - g->told_pools.seeded;
	st->pool_hits += ps.hits - g->told_pools.hits;
	st->pools_refused_generic += ps.refused_generic -
	    g->told_pools.refused_generic;
	st->pools_refused_all += ps.refused_all - g->told_pools.refused_all;
	st->pools_refused_wide += ps.refused_wide - g->told_pools.refused_wide;
	st->pools_live = ps.live;
	g->told_pools = ps;
}

/* spf-walk's ranges, whenever they change, to send */
int
dnsglue_static(struct dnsglue *g, struct event_base *base,
    const struct nl_config *conf, staticwalk_send_fn *send, void *arg)
{
	if (g == NULL || conf->nspf_walk == 0)
		return 0;
	g->statics = staticwalk_new(base, dnsexp_resolver(g->dx), conf, send,
	    arg);
	return g->statics == NULL ? -1 : 0;
}

const struct nl_livepool *
dnsglue_pools(const struct dnsglue *g)
{
	return g == NULL || g->pools == NULL ? NULL : pools_live(g->pools);
}

void
dnsglue_free(struct dnsglue *g)
{
	if (g == NULL)
		return;
	g->pl->expand = NULL;
	g->pl->expand_arg = NULL;
	g->pl->turned->ask = NULL;
	g->pl->turned->ask_arg = NULL;
	/* the resolver first: it drops the walks' questions */
	dnsexp_free(g->dx);
	pools_free(g->pools);
	staticwalk_free(g->statics);
	free(g);
}
