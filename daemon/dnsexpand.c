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

#include <sys/queue.h>
#include <sys/time.h>

#include <stdlib.h>
#include <string.h>

#include <event2/event.h>
#include <ldns/ldns.h>

#include "addr.h"
#include "change.h"
#include "compat.h"
#include "dnsexpand.h"
#include "expand.h"
#include "rdf.h"
#include "resolver.h"
#include "resparse.h"

#define JOB_MAXNAMES	3	/* PTR names tried per sender */
#define JOB_MAXADDRS	RES_MAX_RRS	/* addresses kept per name */
#define JOB_MAXHOPS	8	/* CNAMEs followed per job */

enum job_mode {
	JOB_FAKEMX = 0,
	JOB_NAME	/* only the name: a turned-away sender's */
};

enum job_step {
	STEP_PTR = 0,
	STEP_A,
	STEP_AAAA,
	STEP_MAX
};

struct job;

/* What a resolver callback needs to know: whose answer, to what. */
struct job_query {
	struct job	*job;
	int		 step;
	char		 name[NL_DNAME_MAX + 1];
};

struct job {
	TAILQ_ENTRY(job)	 entry;
	struct job		*hnext;
	struct dnsexp		*dx;
	enum job_mode		 mode;
	struct nl_addr		 sender;
	uint32_t		 now;		/* caller's clock */
	struct event		*start;
	struct job_query	 q[STEP_MAX];
	char			 names[JOB_MAXNAMES][NL_DNAME_MAX + 1];
	int			 nnames;
	int			 cur;		/* the name on trial */
	int			 pending;	/* A, AAAA open */
	int			 hops;
	int			 failed;
	int			 confirmed;	/* names[cur] is the name */
	struct nl_addr		 addrs[JOB_MAXADDRS];
	size_t			 naddrs;
};

TAILQ_HEAD(jobs, job);

struct dnsexp {
	struct event_base	*base;
	struct dnsexp_conf	 conf;
	struct resolver		*res;
	struct nl_rate		 rate;
	dnsexp_cb		 cb;
	void			*arg;
	dnsexp_name_cb		 name_cb;	/* NULL: none */
	void			*name_arg;
	struct jobs		 jobs;
	struct job		**jhash;
	struct nl_hashkey	 key;
	uint32_t		 nbuckets;
	uint32_t		 njobs;
	uint64_t		 sent_seen;	/* queries charged to rate */
	uint64_t		 prepaid;	/* taken at admission */
	struct dnsexp_stats	 stats;
};

static void	job_names(struct job *);

void
dnsexp_conf_defaults(struct dnsexp_conf *c)
{
	memset(c, 0, sizeof(*c));
	resolver_conf_defaults(&c->res);
	c->rate = 50;
	c->max_jobs = 4096;
	c->filter.per_name = NL_EXPAND_PER_NAME;
}

struct dnsexp *
dnsexp_new(struct event_base *base, const struct dnsexp_conf *conf,
    dnsexp_cb cb, void *arg)
{
	struct dnsexp	*dx;

	if (conf->max_jobs == 0)
		return NULL;
	if ((dx = calloc(1, sizeof(*dx))) == NULL)
		return NULL;
	dx->base = base;
	dx->conf = *conf;
	dx->cb = cb;
	dx->arg = arg;
	TAILQ_INIT(&dx->jobs);
	/* no name server given: resolv.conf's, or the local one as libc does */
	if (dx->conf.res.nservers == 0 &&
	    resolver_conf_resolvconf(&dx->conf.res, "/etc/resolv.conf") == -1) {
		nl_addr_parse("127.0.0.1", &dx->conf.res.servers[0]);
		dx->conf.res.nservers = 1;
	}
	for (dx->nbuckets = 16; dx->nbuckets < conf->max_jobs &&
	    dx->nbuckets < (1U << 20); dx->nbuckets <<= 1)
		;
	nl_rate_init(&dx->rate, conf->rate, conf->burst);
	dx->jhash = calloc(dx->nbuckets, sizeof(*dx->jhash));
	dx->res = resolver_new(base, &dx->conf.res);
	if (dx->jhash == NULL || dx->res == NULL ||
	    nl_hashkey_init(&dx->key) == -1) {
		dnsexp_free(dx);
		return NULL;
	}
	return dx;
}

static uint32_t
job_hash(const struct dnsexp *dx, const struct nl_addr *a, enum job_mode m)
{
	return (nl_addr_hash(a, nl_addr_maxplen(a), &dx->key) + (uint32_t)m) &
	    (dx->nbuckets - 1);
}

static struct job *
job_find(const struct dnsexp *dx, const struct nl_addr *a, enum job_mode m)
{
	struct job	*j;

	for (j = dx->jhash[job_hash(dx, a, m)]; j != NULL; j = j->hnext)
		if (j->mode == m && nl_addr_eq(&j->sender, a))
			return j;
	return NULL;
}

static void
job_free(struct job *j)
{
	if (j->start != NULL)
		event_free(j->start);
	free(j);
}

static void
job_done(struct job *j)
{
	struct dnsexp	*dx = j->dx;
	struct job	**link;

	for (link = &dx->jhash[job_hash(dx, &j->sender, j->mode)];
	    *link != j; link = &(*link)->hnext)
		;
	*link = j->hnext;
	TAILQ_REMOVE(&dx->jobs, j, entry);
	dx->njobs--;
	job_free(j);
}

/*
 * Follow the CNAMEs in an answer from name; name becomes the end of the
 * chain. Each link counts against the job's hops.
 */
static void
chain_end(struct job *j, const ldns_rr_list *rrs, char *name, size_t len)
{
	const ldns_rr	*rr;
	char		 owner[NL_DNAME_MAX + 1];
	size_t		 i;
	int		 moved;

	do {
		moved = 0;
		for (i = 0; i < ldns_rr_list_rr_count(rrs); i++) {
			rr = ldns_rr_list_rr(rrs, i);
			if (ldns_rr_get_type(rr) != LDNS_RR_TYPE_CNAME ||
			    rdf_name(ldns_rr_owner(rr), owner,
			    sizeof(owner)) == -1 || strcmp(owner, name) != 0)
				continue;
			if (rdf_name(ldns_rr_rdf(rr, 0), name, len) == -1)
				return;
			moved = 1;
			j->hops++;
			break;
		}
	} while (moved && j->hops <= JOB_MAXHOPS);
}

/*
 * Take the records of a type owned by the end of the chain: 1 when there
 * were some, 0 when none, -1 when none and the chain leads out of the
 * answer (the server did not follow it), so it is worth asking again.
 */
static int
answer_records(struct job *j, struct job_query *jq, const ldns_rr_list *rrs,
    ldns_rr_type type, void (*take)(struct job *, const ldns_rr *))
{
	const ldns_rr	*rr;
	char		 owner[NL_DNAME_MAX + 1];
	size_t		 i;
	int		 found = 0, hops = j->hops;

	chain_end(j, rrs, jq->name, sizeof(jq->name));
	for (i = 0; i < ldns_rr_list_rr_count(rrs); i++) {
		rr = ldns_rr_list_rr(rrs, i);
		if (ldns_rr_get_type(rr) != type ||
		    rdf_name(ldns_rr_owner(rr), owner, sizeof(owner)) == -1 ||
		    strcmp(owner, jq->name) != 0)
			continue;
		take(j, rr);
		found = 1;
	}
	if (found)
		return 1;
	return j->hops > hops && j->hops <= JOB_MAXHOPS ? -1 : 0;
}

static void
take_ptr(struct job *j, const ldns_rr *rr)
{
	if (j->nnames < JOB_MAXNAMES &&
	    rdf_name(ldns_rr_rdf(rr, 0), j->names[j->nnames],
	    sizeof(j->names[0])) == 0)
		j->nnames++;
}

static void
take_addr(struct job *j, const ldns_rr *rr)
{
	struct nl_addr	 a;

	if (rdf_addr(ldns_rr_rdf(rr, 0), &a) == -1)
		return;
	if (j->naddrs < JOB_MAXADDRS &&
	    !nl_fcrdns_confirmed(&a, j->addrs, j->naddrs))
		j->addrs[j->naddrs++] = a;
}

static void
job_add(struct job *j, const struct nl_addr *a, int reason)
{
	j->dx->stats.added++;
	j->dx->cb(j->dx->arg, a, reason);
}

/*
 * The sender is among the addresses of names[cur]: its other addresses
 * that pass the filter are whitelisted; the name goes on to the name
 * callback when the job ends.
 */
static void
job_confirmed(struct job *j)
{
	struct dnsexp	*dx = j->dx;
	size_t		 i, taken = 0;

	dx->stats.confirmed++;
	for (i = 0; i < j->naddrs; i++) {
		if (nl_addr_eq(&j->addrs[i], &j->sender))
			continue;
		if (taken >= dx->conf.filter.per_name ||
		    !nl_expfilter_addr(&dx->conf.filter, &j->addrs[i])) {
			dx->stats.filtered++;
			continue;
		}
		taken++;
		job_add(j, &j->addrs[i], NL_REASON_FCRDNS);
	}
}

/* the names of fake-MX senders serve the pools and turned-away list */
static void
job_end(struct job *j, int failed)
{
	struct dnsexp	*dx = j->dx;

	if (failed)
		dx->stats.failures++;
	if (dx->name_cb != NULL)
		dx->name_cb(dx->name_arg, &j->sender, j->confirmed ?
		    j->names[j->cur] : NULL, j->confirmed ? 1 : failed ? -1 : 0,
		    j->mode == JOB_NAME, j->now);
	job_done(j);
}

static void	addr_answer(void *, int, const ldns_rr_list *);

static void
addr_query(struct job *j, int step)
{
	resolver_query(j->dx->res, j->q[step].name,
	    step == STEP_A ? LDNS_RR_TYPE_A : LDNS_RR_TYPE_AAAA,
	    addr_answer, &j->q[step]);
}

/* Both address lookups of names[cur] are in: decide, or try the next. */
static void
job_decide(struct job *j)
{
	if (nl_fcrdns_confirmed(&j->sender, j->addrs, j->naddrs)) {
		j->confirmed = 1;
		if (j->mode != JOB_NAME)
			job_confirmed(j);
		job_end(j, 0);
		return;
	}
	if (j->cur + 1 < j->nnames) {
		j->cur++;
		job_names(j);
		return;
	}
	if (!j->failed)
		j->dx->stats.unconfirmed++;
	job_end(j, j->failed);
}

static void
addr_answer(void *arg, int status, const ldns_rr_list *rrs)
{
	struct job_query	*jq = arg;
	struct job		*j = jq->job;
	ldns_rr_type		 type;

	type = jq->step == STEP_A ? LDNS_RR_TYPE_A : LDNS_RR_TYPE_AAAA;
	if (status == RES_FAIL || status == RES_TIMEOUT)
		j->failed = 1;
	else if (status == RES_OK &&
	    answer_records(j, jq, rrs, type, take_addr) == -1) {
		/* the chain leaves the answer: ask for where it ends */
		addr_query(j, jq->step);
		return;
	}
	if (--j->pending == 0)
		job_decide(j);
}

/* Ask for A and AAAA of names[cur]. */
static void
job_names(struct job *j)
{
	j->naddrs = 0;
	j->pending = 2;
	strlcpy(j->q[STEP_A].name, j->names[j->cur], sizeof(j->q[0].name));
	strlcpy(j->q[STEP_AAAA].name, j->names[j->cur], sizeof(j->q[0].name));
	/* the job may end inside the second call; touch nothing after it */
	addr_query(j, STEP_A);
	addr_query(j, STEP_AAAA);
}

static void
ptr_answer(void *arg, int status, const ldns_rr_list *rrs)
{
	struct job_query	*jq = arg;
	struct job		*j = jq->job;

	if (status == RES_FAIL || status == RES_TIMEOUT) {
		job_end(j, 1);
		return;
	}
	if (status != RES_OK) {
		j->dx->stats.unconfirmed++;
		job_end(j, 0);
		return;
	}
	switch (answer_records(j, jq, rrs, LDNS_RR_TYPE_PTR, take_ptr)) {
	case -1:
		/* RFC 2317 delegations: a CNAME the server did not follow */
		resolver_query(j->dx->res, jq->name, LDNS_RR_TYPE_PTR,
		    ptr_answer, jq);
		return;
	}
	if (j->nnames == 0) {
		/* no PTR, or none that names a host */
		j->dx->stats.unconfirmed++;
		job_end(j, 0);
		return;
	}
	j->cur = 0;
	job_names(j);
}

static void
job_start(int fd, short what, void *arg)
{
	struct job	*j = arg;

	(void)fd;
	(void)what;
	resolver_query(j->dx->res, j->q[STEP_PTR].name, LDNS_RR_TYPE_PTR,
	    ptr_answer, &j->q[STEP_PTR]);
}

/*
 * dns-rate counts queries sent, retries and TCP included: each admitted
 * expansion pays for its first query at once, and every query sent
 * beyond those is charged here, before the next admission.
 */
static void
rate_charge_sent(struct dnsexp *dx)
{
	struct res_stats	rs;
	uint64_t		sent;

	resolver_get_stats(dx->res, &rs);
	sent = rs.sent - dx->sent_seen;
	dx->sent_seen = rs.sent;
	if (sent <= dx->prepaid) {
		dx->prepaid -= sent;
		return;
	}
	nl_rate_charge(&dx->rate, sent - dx->prepaid);
	dx->prepaid = 0;
}

/* may one more query go out now? It is paid for when it may */
static int
rate_admit(struct dnsexp *dx, const struct timeval *now)
{
	rate_charge_sent(dx);
	if (!nl_rate_take(&dx->rate, now)) {
		dx->stats.ratelimited++;
		return 0;
	}
	dx->prepaid++;
	return 1;
}

static void
job_new(struct dnsexp *dx, const struct nl_addr *sender,
    const struct timeval *now, enum job_mode mode)
{
	struct job	*j;
	uint32_t	 h;
	int		 step;

	if (sender->af != NL_AF4 && sender->af != NL_AF6)
		return;
	if (job_find(dx, sender, mode) != NULL ||
	    dx->njobs >= dx->conf.max_jobs) {
		dx->stats.busy++;
		return;
	}
	if (!rate_admit(dx, now))
		return;
	if ((j = calloc(1, sizeof(*j))) == NULL ||
	    (j->start = evtimer_new(dx->base, job_start, j)) == NULL) {
		free(j);
		dx->stats.failures++;
		return;
	}
	j->dx = dx;
	j->mode = mode;
	j->sender = *sender;
	j->now = now->tv_sec;
	for (step = 0; step < STEP_MAX; step++) {
		j->q[step].job = j;
		j->q[step].step = step;
	}
	nl_ptr_name(sender, j->q[STEP_PTR].name, sizeof(j->q[0].name));
	h = job_hash(dx, sender, mode);
	j->hnext = dx->jhash[h];
	dx->jhash[h] = j;
	TAILQ_INSERT_TAIL(&dx->jobs, j, entry);
	dx->njobs++;
	dx->stats.expansions++;
	/* callbacks come from the loop, never from inside the caller */
	event_active(j->start, EV_TIMEOUT, 0);
}

void
dnsexp_fake_mx(struct dnsexp *dx, const struct nl_addr *sender,
    const struct timeval *now)
{
	job_new(dx, sender, now, JOB_FAKEMX);
}

void
dnsexp_name(struct dnsexp *dx, const struct nl_addr *sender,
    const struct timeval *now)
{
	job_new(dx, sender, now, JOB_NAME);
}

void
dnsexp_set_name_cb(struct dnsexp *dx, dnsexp_name_cb cb, void *arg)
{
	dx->name_cb = cb;
	dx->name_arg = arg;
}

/*
 * Another user of the resolver (an SPF walk for the pools) asks to send
 * within dns-rate: the first query is paid now, what it sends after is
 * charged like an expansion's. The bucket's own last time is the clock:
 * a walk follows an expansion, which set it, and an older time would
 * give tokens twice.
 */
int
dnsexp_admit(struct dnsexp *dx)
{
	struct timeval	last = dx->rate.last;

	return rate_admit(dx, &last);
}

struct resolver *
dnsexp_resolver(struct dnsexp *dx)
{
	return dx->res;
}

void
dnsexp_stats(const struct dnsexp *dx, struct dnsexp_stats *s)
{
	*s = dx->stats;
	resolver_get_stats(dx->res, &s->res);
	s->queries = s->res.sent;
	s->active = dx->njobs;
}

/* Expansions under way end without their callbacks. */
void
dnsexp_free(struct dnsexp *dx)
{
	struct job	*j;

	if (dx == NULL)
		return;
	resolver_free(dx->res);
	while ((j = TAILQ_FIRST(&dx->jobs)) != NULL) {
		TAILQ_REMOVE(&dx->jobs, j, entry);
		job_free(j);
	}
	free(dx->jhash);
	free(dx);
}
