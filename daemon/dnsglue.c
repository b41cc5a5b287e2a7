#include <sys/time.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dnsexpand.h"
#include "dnsglue.h"
#include "log.h"
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
glue_named(void *arg, const struct nl_addr *sender, const char *name,
    uint32_t now)
{
	struct dnsglue	*g = arg;

	pools_confirmed(g->pools, sender, name, now);
}

static void
glue_add(struct dnsglue *g, const struct nl_addr *addr, int reason,
    const struct timeval *now)
{
	struct nl_addr	a = *addr;
	char		buf[NL_ADDRSTRLEN];
	int		plen;

	plen = a.af == NL_AF4 ? g->prefix4 : g->prefix6;
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

	gettimeofday(&now, NULL);
	glue_add(g, addr, reason, &now);
	pipeline_commit(g->pl);
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
	if ((g->pools = pools_new(dnsexp_resolver(g->dx), &pc)) == NULL)
		return -1;
	dnsexp_set_named(g->dx, glue_named, g);
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
	pl->expand = glue_sender;
	pl->expand_arg = g;
	return g;
}

/* the resolver counts; the stats that nolistctl and SIGUSR1 show carry them */
void
dnsglue_stats(const struct dnsglue *g, struct nl_stats *st)
{
	struct dnsexp_stats	ds;
	struct pools_stats	ps;

	if (g == NULL)
		return;
	dnsexp_stats(g->dx, &ds);
	st->dns_queries = ds.queries;
	st->dns_failures = ds.failures;
	if (g->pools == NULL)
		return;
	pools_stats(g->pools, &ps);
	st->pools_seeded = ps.seeded;
	st->pool_hits = ps.hits;
	st->pools_refused_generic = ps.refused_generic;
	st->pools_refused_all = ps.refused_all;
	st->pools_refused_wide = ps.refused_wide;
	st->pools_live = ps.live;
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
	/* the resolver first: it drops the walks' questions */
	dnsexp_free(g->dx);
	pools_free(g->pools);
	staticwalk_free(g->statics);
	free(g);
}
