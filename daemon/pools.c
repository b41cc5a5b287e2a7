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

#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "compat.h"
#include "expand.h"
#include "livepool.h"
#include "log.h"
#include "poolrules.h"
#include "pools.h"
#include "spfdns.h"
#include "spfwalk.h"

struct pools;

/* a walk under way: whose, and for which sender */
struct pool_walk {
	struct pools	*p;
	int		 used;
	char		 domain[NL_DNAME_MAX + 1];
	char		 name[NL_DNAME_MAX + 1];
	struct nl_addr	 sender;
	uint32_t	 now;
};

struct pools {
	struct pools_conf	 conf;
	struct nl_livepool	*lp;
	struct spfwalker	*swr;
	struct pool_walk	*walks;
	struct nl_spf_range	*out;		/* judged ranges */
	struct pools_stats	 stats;
};

void
pools_conf_defaults(struct pools_conf *c)
{
	memset(c, 0, sizeof(*c));
	c->lifetime = 36 * 86400;
	c->max_pools = POOLS_MAX;
	c->max_ranges = POOLS_MAXRANGES;
	c->max_walks = POOLS_MAXWALKS;
	c->filter.per_name = NL_EXPAND_PER_NAME;
}

struct pools *
pools_new(struct resolver *res, const struct pools_conf *conf)
{
	struct pools	*p;

	if (conf->max_walks == 0 || (p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	p->conf = *conf;
	p->lp = nl_lp_new(conf->max_pools, conf->max_ranges);
	p->swr = spfwalker_new(res);
	p->walks = calloc(conf->max_walks, sizeof(*p->walks));
	p->out = calloc(conf->max_ranges, sizeof(*p->out));
	if (p->lp == NULL || p->swr == NULL || p->walks == NULL ||
	    p->out == NULL) {
		pools_free(p);
		return NULL;
	}
	return p;
}

/* after the resolver: its questions are gone, so are the walks' */
void
pools_free(struct pools *p)
{
	if (p == NULL)
		return;
	spfwalker_free(p->swr);
	nl_lp_free(p->lp);
	free(p->walks);
	free(p->out);
	free(p);
}

/* a member's fake-MX attempt keeps its pool alive: memory only */
void
pools_fake_mx(struct pools *p, const struct nl_addr *sender, uint32_t now)
{
	int	i;

	if ((i = nl_lp_find(p->lp, sender, now)) == -1)
		return;
	p->stats.members++;
	nl_lp_member(p->lp, i, now + p->conf.lifetime);
}

static void
pools_refused(struct pools *p, const struct pool_walk *pw, int verdict)
{
	char	a[NL_ADDRSTRLEN];

	if (verdict == NL_POOLV_ALL)
		p->stats.refused_all++;
	else if (verdict == NL_POOLV_WIDE)
		p->stats.refused_wide++;
	else
		p->stats.not_sender++;
	log_info("pool %s refused (%s): %s is whitelisted alone", pw->domain,
	    nl_pool_verdict_name(verdict),
	    nl_addr_ntop(&pw->sender, a, sizeof(a)));
}

static void
pools_walked(void *arg, const struct nl_spfwalk *w)
{
	struct pool_walk		*pw = arg;
	struct pools			*p = pw->p;
	struct nl_spfw_info		 info;
	const struct nl_spf_range	*r;
	size_t				 n, k;
	int				 verdict;

	pw->used = 0;
	nl_spfw_info(w, &info);
	if (info.skipped > 0)
		log_debug("pool %s: %u terms skipped, the last: %s",
		    pw->domain, info.skipped, info.note);
	if (info.result != NL_SPFW_DONE) {
		p->stats.refused_walk++;
		log_info("pool %s: SPF walk ended in %s: %s", pw->domain,
		    nl_spfw_result_name(info.result), info.note);
		return;
	}
	r = nl_spfw_ranges(w, &n);
	k = nl_pool_judge(&info, r, n, &p->conf.filter, &pw->sender, p->out,
	    &verdict);
	if (verdict != NL_POOLV_OK) {
		pools_refused(p, pw, verdict);
		return;
	}
	nl_lp_member(p->lp, nl_lp_put(p->lp, pw->domain, p->out, k,
	    pw->now + p->conf.lifetime, pw->now), pw->now + p->conf.lifetime);
	p->stats.seeded++;
	log_info("pool %s: %zu ranges, from %s", pw->domain, k, pw->name);
}

static struct pool_walk *
pools_walk_slot(struct pools *p, const char *domain)
{
	struct pool_walk	*free_slot = NULL;
	uint32_t		 i;

	for (i = 0; i < p->conf.max_walks; i++) {
		if (!p->walks[i].used) {
			if (free_slot == NULL)
				free_slot = &p->walks[i];
		} else if (strcmp(p->walks[i].domain, domain) == 0)
			return NULL;	/* under way already */
	}
	if (free_slot == NULL)
		p->stats.busy++;
	return free_slot;
}

/*
 * A fake-MX sender and the name it was forward-confirmed by: walk the
 * SPF record of the name's registered domain, unless the sender is in a
 * live pool already or the name looks like a customer's line.
 */
void
pools_confirmed(struct pools *p, const struct nl_addr *sender,
    const char *name, uint32_t now)
{
	struct pool_walk	*pw;
	char			 dom[NL_DNAME_MAX + 1];
	char			 a[NL_ADDRSTRLEN];

	nl_lp_expire(p->lp, now);
	if (nl_lp_find(p->lp, sender, now) != -1 ||
	    nl_registered_domain(name, dom, sizeof(dom)) == -1)
		return;
	if (nl_name_generic(name, dom, sender) != NL_GENERIC_NO) {
		p->stats.refused_generic++;
		log_debug("pool: %s (%s) is a generic name: the sender alone",
		    name, nl_addr_ntop(sender, a, sizeof(a)));
		return;
	}
	if ((pw = pools_walk_slot(p, dom)) == NULL)
		return;
	if (p->conf.admit != NULL && !p->conf.admit(p->conf.admit_arg)) {
		p->stats.ratelimited++;
		return;
	}
	pw->p = p;
	pw->used = 1;
	pw->sender = *sender;
	pw->now = now;
	strlcpy(pw->domain, dom, sizeof(pw->domain));
	strlcpy(pw->name, name, sizeof(pw->name));
	p->stats.walks++;
	if (spfwalk_start(p->swr, dom, p->conf.max_ranges, pools_walked,
	    pw) == -1) {
		pw->used = 0;
		p->stats.refused_walk++;
	}
}

/* a blocked SYN to a real MX: 1 when a live pool lets the sender in */
int
pools_direct(struct pools *p, const struct nl_addr *sender, uint32_t now)
{
	int	i;

	if ((i = nl_lp_find(p->lp, sender, now)) == -1 ||
	    !nl_expfilter_addr(&p->conf.filter, sender))
		return 0;
	nl_lp_hit(p->lp, i);
	p->stats.hits++;
	return 1;
}

void
pools_stats(const struct pools *p, struct pools_stats *s)
{
	*s = p->stats;
	s->live = nl_lp_count(p->lp);
	s->walking = spfwalker_active(p->swr);
}

const struct nl_livepool *
pools_live(const struct pools *p)
{
	return p->lp;
}
