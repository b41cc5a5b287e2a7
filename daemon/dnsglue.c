#include <sys/time.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dnsexpand.h"
#include "dnsglue.h"
#include "log.h"

#define RESOLV_CONF	"/etc/resolv.conf"

struct dnsglue {
	struct dnsexp	*dx;
	struct pipeline	*pl;
	int		 pool;
	uint8_t		 prefix4;
	uint8_t		 prefix6;
	uint64_t	 told_queries;	/* what the stats have of ours */
	uint64_t	 told_failures;
};

static void
glue_sender(void *arg, const struct nl_addr *src, const struct timeval *now,
    int direct)
{
	struct dnsglue	*g = arg;

	if (!direct)
		dnsexp_fake_mx(g->dx, src, now);
	else if (g->pool)
		dnsexp_direct(g->dx, src, now);
}

/* an address DNS vouched for: whitelisted like a fake-MX sender */
static void
glue_confirmed(void *arg, const struct nl_addr *addr, int reason)
{
	struct dnsglue	*g = arg;
	struct nl_addr	 a = *addr;
	struct timeval	 now;
	char		 buf[NL_ADDRSTRLEN];
	int		 plen;

	plen = a.af == NL_AF4 ? g->prefix4 : g->prefix6;
	nl_addr_mask(&a, plen);
	gettimeofday(&now, NULL);
	if (nl_tracker_add(g->pl->tracker, &a, plen, reason, 0, &now) == -1)
		return;
	log_debug("%s whitelisted (%s)", nl_addr_ntop(&a, buf, sizeof(buf)),
	    nl_reason_name(reason));
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
 * A fake-MX job's failure leaves the name to a later lookup of its
 * own, when the sender is turned away, if it is.
 */
static void
glue_name(void *arg, const struct nl_addr *src, const char *name,
    int status, int lazy)
{
	struct dnsglue	*g = arg;

	if (status == -1 && !lazy)
		return;
	turned_name(g->pl->turned, src, name, status);
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
	dc->res.cache_bytes = conf->dns_cache_size;
	dc->pool = conf->expand == NL_EXPAND_POOL;
	dc->pool_lifetime = conf->whitelist_time;
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

struct dnsglue *
dnsglue_new(struct event_base *base, struct pipeline *pl,
    const struct nl_config *conf, const struct res_conf *sys, char *errbuf,
    size_t len)
{
	struct dnsexp_conf	 dc;
	struct dnsglue		*g;

	if (conf->expand == NL_EXPAND_NONE || conf->dns_rate == 0)
		return NULL;
	if (glue_conf(&dc, conf, sys, errbuf, len) == -1)
		return NULL;
	if ((g = calloc(1, sizeof(*g))) == NULL) {
		snprintf(errbuf, len, "DNS expansion: out of memory");
		return NULL;
	}
	g->pl = pl;
	g->pool = dc.pool;
	g->prefix4 = conf->prefix4;
	g->prefix6 = conf->prefix6;
	if ((g->dx = dnsexp_new(base, &dc, glue_confirmed, g)) == NULL) {
		snprintf(errbuf, len, "DNS expansion cannot start");
		free(g);
		return NULL;
	}
	dnsexp_set_name_cb(g->dx, glue_name);
	pl->expand = glue_sender;
	pl->expand_arg = g;
	pl->turned->ask = glue_ask;
	pl->turned->ask_arg = g;
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

	if (g == NULL)
		return;
	dnsexp_stats(g->dx, &ds);
	st->dns_queries += ds.queries - g->told_queries;
	st->dns_failures += ds.failures - g->told_failures;
	g->told_queries = ds.queries;
	g->told_failures = ds.failures;
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
	dnsexp_free(g->dx);
	free(g);
}
