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

#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "addr.h"
#include "change.h"
#include "compat.h"
#include "config.h"
#include "log.h"
#include "monotime.h"
#include "msg.h"
#include "poolrules.h"
#include "spfdns.h"
#include "spfwalk.h"
#include "staticwalk.h"

#define SW_RANGES	128		/* kept per domain */
#define SW_MINTTL	300		/* seconds */
#define SW_MAXTTL	86400
#define SW_RETRY	300		/* after a DNS failure */
#define SW_REFUSED	3600		/* after a refusal or a broken record */
#define SW_TICK		5

struct sw_domain {
	struct staticwalk	*sw;
	char			 name[NL_NAMELEN];
	struct nl_spf_range	 ranges[SW_RANGES];
	size_t			 nranges;
	uint64_t		 next;		/* monotonic seconds */
	int			 walking;
};

struct staticwalk {
	struct spfwalker	*swr;
	struct event		*tick;
	struct nl_expfilter	 filter;
	struct sw_domain	 doms[NL_MAXSPFWALK];
	size_t			 ndoms;
	struct nl_change	*sent;		/* the set last sent */
	size_t			 nsent;
	struct nl_change	*build;
	staticwalk_send_fn	*send;
	void			*arg;
};

static uint64_t
sw_now(void)
{
	return monotime_usec() / 1000000;
}

static int
sw_cmp(const void *a, const void *b)
{
	const struct nl_change	*x = a, *y = b;
	int			 c;

	if ((c = nl_addr_cmp(&x->addr, &y->addr)) != 0)
		return c;
	return (int)x->plen - (int)y->plen;
}

/* the union, sorted and without twins; sent only when it changed */
static void
sw_publish(struct staticwalk *sw)
{
	struct timeval	 now;
	size_t		 i, j, n = 0;

	gettimeofday(&now, NULL);
	for (i = 0; i < sw->ndoms; i++)
		for (j = 0; j < sw->doms[i].nranges; j++) {
			memset(&sw->build[n], 0, sizeof(sw->build[n]));
			sw->build[n].time = now;
			sw->build[n].addr = sw->doms[i].ranges[j].addr;
			sw->build[n].plen = sw->doms[i].ranges[j].plen;
			sw->build[n].op = NL_OP_ADD;
			sw->build[n].reason = NL_REASON_POOL;
			n++;
		}
	qsort(sw->build, n, sizeof(*sw->build), sw_cmp);
	for (i = j = 0; i < n; i++)
		if (j == 0 || sw_cmp(&sw->build[j - 1], &sw->build[i]) != 0)
			sw->build[j++] = sw->build[i];
	if ((n = j) > MSG_MAXSTATIC) {
		log_warnx("spf-walk: %zu ranges, only %zu kept", n,
		    (size_t)MSG_MAXSTATIC);
		n = MSG_MAXSTATIC;
	}
	for (i = 0; i < n && n == sw->nsent; i++)
		if (sw_cmp(&sw->build[i], &sw->sent[i]) != 0)
			break;
	if (n == sw->nsent && i == n)
		return;
	memcpy(sw->sent, sw->build, n * sizeof(*sw->build));
	sw->nsent = n;
	sw->send(sw->arg, sw->sent, n);
}

static void
sw_keep(struct sw_domain *d, const struct nl_spfw_info *info,
    const struct nl_spfwalk *w)
{
	const struct nl_spf_range	*r;
	size_t				 n;
	uint32_t			 ttl;
	int				 verdict;

	r = nl_spfw_ranges(w, &n);
	d->nranges = nl_pool_judge(info, r, n, &d->sw->filter, NULL,
	    d->ranges, &verdict);
	if (verdict != NL_POOLV_OK && verdict != NL_POOLV_EMPTY) {
		log_warnx("spf-walk %s: refused (%s): no ranges kept",
		    d->name, nl_pool_verdict_name(verdict));
		d->next = sw_now() + SW_REFUSED;
		return;
	}
	ttl = info->ttl < SW_MINTTL ? SW_MINTTL : info->ttl > SW_MAXTTL ?
	    SW_MAXTTL : info->ttl;
	d->next = sw_now() + ttl;
	log_info("spf-walk %s: %zu ranges, again in %us", d->name,
	    d->nranges, ttl);
}

static void
sw_walked(void *arg, const struct nl_spfwalk *w)
{
	struct sw_domain	*d = arg;
	struct nl_spfw_info	 info;

	d->walking = 0;
	nl_spfw_info(w, &info);
	if (info.skipped > 0)
		log_debug("spf-walk %s: %u terms skipped, the last: %s",
		    d->name, info.skipped, info.note);
	if (info.result == NL_SPFW_DONE)
		sw_keep(d, &info, w);
	else if (info.result == NL_SPFW_DNSFAIL) {
		log_warnx("spf-walk %s: %s; its last ranges kept", d->name,
		    info.note);
		d->next = sw_now() + SW_RETRY;
		return;
	} else {
		log_warnx("spf-walk %s: %s: %s; no ranges kept", d->name,
		    nl_spfw_result_name(info.result), info.note);
		d->nranges = 0;
		d->next = sw_now() + SW_REFUSED;
	}
	sw_publish(d->sw);
}

static void
sw_tick(int fd, short events, void *arg)
{
	struct staticwalk	*sw = arg;
	struct sw_domain	*d;
	uint64_t		 now = sw_now();
	size_t			 i;

	(void)fd;
	(void)events;
	for (i = 0; i < sw->ndoms; i++) {
		d = &sw->doms[i];
		if (d->walking || d->next > now)
			continue;
		d->walking = 1;
		if (spfwalk_start(sw->swr, d->name, SW_RANGES, sw_walked,
		    d) == -1) {
			d->walking = 0;
			d->next = now + SW_RETRY;
		}
	}
}

struct staticwalk *
staticwalk_new(struct event_base *base, struct resolver *res,
    const struct nl_config *conf, staticwalk_send_fn *send, void *arg)
{
	struct staticwalk	*sw;
	struct timeval		 tv = { SW_TICK, 0 };
	size_t			 i, max = NL_MAXSPFWALK * SW_RANGES;

	if ((sw = calloc(1, sizeof(*sw))) == NULL)
		return NULL;
	sw->send = send;
	sw->arg = arg;
	nl_expfilter_init(&sw->filter, conf);
	for (i = 0; i < conf->nspf_walk && i < NL_MAXSPFWALK; i++) {
		sw->doms[i].sw = sw;
		strlcpy(sw->doms[i].name, conf->spf_walk[i],
		    sizeof(sw->doms[i].name));
	}
	sw->ndoms = i;
	sw->sent = calloc(max, sizeof(*sw->sent));
	sw->build = calloc(max, sizeof(*sw->build));
	sw->swr = spfwalker_new(res);
	sw->tick = event_new(base, -1, EV_PERSIST, sw_tick, sw);
	if (sw->sent == NULL || sw->build == NULL || sw->swr == NULL ||
	    sw->tick == NULL || event_add(sw->tick, &tv) == -1) {
		staticwalk_free(sw);
		return NULL;
	}
	event_active(sw->tick, EV_TIMEOUT, 0);
	return sw;
}

/* after the resolver is freed: it drops the walks' questions */
void
staticwalk_free(struct staticwalk *sw)
{
	if (sw == NULL)
		return;
	if (sw->tick != NULL)
		event_free(sw->tick);
	spfwalker_free(sw->swr);
	free(sw->sent);
	free(sw->build);
	free(sw);
}
