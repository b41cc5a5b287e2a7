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

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "addr.h"
#include "compat.h"
#include "spf.h"
#include "spfwalk.h"

/*
 * A walk asks at most 1 + 10 TXT and, per mx, one MX and two address
 * questions for each of 10 exchanges: fewer than this many.
 */
#define W_MAXJOBS	256
#define W_MAXNODES	(NL_SPF_MAXQUERYTERMS + 1)
#define W_MAXGROUPS	(NL_SPF_MAXQUERYTERMS + 1)
#define W_MAXMXNAMES	10		/* RFC 7208 4.6.4 */

enum job_state {
	J_FREE = 0,
	J_QUEUED,
	J_ASKED
};

struct w_job {
	uint8_t		 state;
	uint8_t		 type;		/* enum nl_spfw_qtype */
	uint8_t		 plen4;
	uint8_t		 plen6;
	int		 node;		/* TXT: the record it fetches */
	int		 group;		/* A, AAAA, MX: the term's */
	uint32_t	 id;
	char		 name[NL_DNAME_MAX + 1];
};

/* a record fetched, and the one that led to it */
struct w_node {
	char		 name[NL_DNAME_MAX + 1];
	int		 parent;	/* -1 for the top */
	int		 top;		/* the top record, or its redirect */
};

/* the lookups of one a or mx term, for counting void lookups */
struct w_group {
	int		 pending;
	size_t		 found;
};

struct nl_spfwalk {
	struct w_job		 jobs[W_MAXJOBS];
	struct w_node		 nodes[W_MAXNODES];
	struct w_group		 groups[W_MAXGROUPS];
	int			 nnodes;
	int			 ngroups;
	int			 open;		/* jobs queued or asked */
	uint32_t		 nextid;
	struct nl_spf_range	*ranges;
	size_t			 nranges;
	size_t			 maxranges;
	struct nl_spfw_info	 info;
};

static const char *const result_names[NL_SPFW_MAX] = {
	"running", "done", "no-record", "malformed", "too-many-lookups",
	"void-lookups", "loop", "too-many-ranges", "dns-failure"
};

const char *
nl_spfw_result_name(int r)
{
	if (r < 0 || r >= NL_SPFW_MAX)
		return "unknown";
	return result_names[r];
}

static void	w_end(struct nl_spfwalk *, int, const char *, ...)
		    __attribute__((__format__(__printf__, 3, 4)));

/* the first end sticks: later answers cannot undo a permerror */
static void
w_end(struct nl_spfwalk *w, int result, const char *fmt, ...)
{
	va_list	ap;

	if (w->info.result != NL_SPFW_RUNNING)
		return;
	w->info.result = result;
	va_start(ap, fmt);
	vsnprintf(w->info.note, sizeof(w->info.note), fmt, ap);
	va_end(ap);
}

static void	w_note(struct nl_spfwalk *, const char *, ...)
		    __attribute__((__format__(__printf__, 2, 3)));

static void
w_note(struct nl_spfwalk *w, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(w->info.note, sizeof(w->info.note), fmt, ap);
	va_end(ap);
}

static struct w_job *
w_job_new(struct nl_spfwalk *w, int type, const char *name)
{
	struct w_job	*j;
	size_t		 i;

	for (i = 0; i < W_MAXJOBS; i++)
		if (w->jobs[i].state == J_FREE)
			break;
	if (i == W_MAXJOBS) {
		w_end(w, NL_SPFW_LOOKUPS, "more than %d questions", W_MAXJOBS);
		return NULL;
	}
	j = &w->jobs[i];
	memset(j, 0, sizeof(*j));
	j->state = J_QUEUED;
	j->type = type;
	j->id = ++w->nextid;
	j->node = j->group = -1;
	strlcpy(j->name, name, sizeof(j->name));
	w->open++;
	return j;
}

struct nl_spfwalk *
nl_spfw_new(const char *domain, uint32_t maxranges)
{
	struct nl_spfwalk	*w;
	struct w_job		*j;

	if (maxranges == 0 || (w = calloc(1, sizeof(*w))) == NULL)
		return NULL;
	if ((w->ranges = calloc(maxranges, sizeof(*w->ranges))) == NULL) {
		free(w);
		return NULL;
	}
	w->maxranges = maxranges;
	w->info.ttl = UINT32_MAX;
	if (nl_name_normalize(domain, w->nodes[0].name,
	    sizeof(w->nodes[0].name)) == -1) {
		w_end(w, NL_SPFW_MALFORMED, "not a domain name");
		return w;
	}
	w->nodes[0].parent = -1;
	w->nodes[0].top = 1;
	w->nnodes = 1;
	if ((j = w_job_new(w, NL_SPFQ_TXT, w->nodes[0].name)) != NULL)
		j->node = 0;
	return w;
}

void
nl_spfw_free(struct nl_spfwalk *w)
{
	if (w == NULL)
		return;
	free(w->ranges);
	free(w);
}

int
nl_spfw_next(struct nl_spfwalk *w, struct nl_spfw_query *q)
{
	size_t	i;

	if (w->info.result != NL_SPFW_RUNNING)
		return 0;
	for (i = 0; i < W_MAXJOBS; i++) {
		if (w->jobs[i].state != J_QUEUED)
			continue;
		w->jobs[i].state = J_ASKED;
		q->id = w->jobs[i].id;
		q->type = w->jobs[i].type;
		strlcpy(q->name, w->jobs[i].name, sizeof(q->name));
		return 1;
	}
	return 0;
}

static void
w_range(struct nl_spfwalk *w, const struct nl_addr *a, int plen)
{
	struct nl_spf_range	r;
	size_t			i;

	memset(&r, 0, sizeof(r));
	r.addr = *a;
	nl_addr_mask(&r.addr, plen);
	r.plen = plen;
	for (i = 0; i < w->nranges; i++)
		if (w->ranges[i].plen == r.plen &&
		    nl_addr_eq(&w->ranges[i].addr, &r.addr))
			return;
	if (w->nranges == w->maxranges) {
		w_end(w, NL_SPFW_TOOMANY, "more than %zu ranges",
		    w->maxranges);
		return;
	}
	w->ranges[w->nranges++] = r;
}

static void
w_void(struct nl_spfwalk *w, const char *name)
{
	if (++w->info.voids > NL_SPF_MAXVOID)
		w_end(w, NL_SPFW_VOID, "more than %d lookups found nothing "
		    "(the last: %s)", NL_SPF_MAXVOID, name);
}

/* include: or redirect= from node parent; a repeat on the path is a loop */
static void
w_follow(struct nl_spfwalk *w, int parent, const char *name, int top)
{
	struct w_job	*j;
	int		 n, i;

	for (n = parent; n != -1; n = w->nodes[n].parent)
		if (strcmp(w->nodes[n].name, name) == 0) {
			w_end(w, NL_SPFW_LOOP, "%s includes itself", name);
			return;
		}
	for (i = 0; i < w->nnodes; i++)
		if (strcmp(w->nodes[i].name, name) == 0)
			return;		/* walked already: its ranges are in */
	if (w->nnodes == W_MAXNODES) {
		w_end(w, NL_SPFW_LOOKUPS, "more than %d records",
		    W_MAXNODES);
		return;
	}
	n = w->nnodes++;
	strlcpy(w->nodes[n].name, name, sizeof(w->nodes[n].name));
	w->nodes[n].parent = parent;
	w->nodes[n].top = top;
	if ((j = w_job_new(w, NL_SPFQ_TXT, name)) != NULL)
		j->node = n;
}

static int
w_group_new(struct nl_spfwalk *w)
{
	if (w->ngroups == W_MAXGROUPS) {
		w_end(w, NL_SPFW_LOOKUPS, "more than %d lookups", W_MAXGROUPS);
		return -1;
	}
	memset(&w->groups[w->ngroups], 0, sizeof(w->groups[0]));
	return w->ngroups++;
}

static void
w_ask(struct nl_spfwalk *w, int type, const char *name, int group,
    const struct nl_spf_term *t)
{
	struct w_job	*j;

	if ((j = w_job_new(w, type, name)) == NULL)
		return;
	j->group = group;
	j->plen4 = t->plen4;
	j->plen6 = t->plen6;
	w->groups[group].pending++;
}

/* a or mx: the lookups of a term, counted together */
static void
w_resolve(struct nl_spfwalk *w, const struct nl_spf_term *t,
    const char *own)
{
	const char	*name = t->domain[0] != '\0' ? t->domain : own;
	int		 g;

	if ((g = w_group_new(w)) == -1)
		return;
	if (t->kind == NL_SPFT_MX)
		w_ask(w, NL_SPFQ_MX, name, g, t);
	else {
		w_ask(w, NL_SPFQ_A, name, g, t);
		w_ask(w, NL_SPFQ_AAAA, name, g, t);
	}
}

static void
w_term(struct nl_spfwalk *w, int node, const struct nl_spf_term *t)
{
	if (t->kind == NL_SPFT_ALL) {
		if (t->qual == '+')
			w->info.pass_all = 1;
		if (w->nodes[node].top)
			w->info.all = t->qual;
		return;
	}
	if (t->qual != '+')
		return;
	if (t->macro || t->kind == NL_SPFT_PTR || t->kind == NL_SPFT_EXISTS) {
		w->info.skipped++;
		w_note(w, "%s: %s%s%s not walkable", w->nodes[node].name,
		    nl_spf_kind_name(t->kind), t->domain[0] ? ":" : "",
		    t->domain);
		return;
	}
	switch (t->kind) {
	case NL_SPFT_IP4:
		w_range(w, &t->addr, t->plen4);
		break;
	case NL_SPFT_IP6:
		w_range(w, &t->addr, t->plen6);
		break;
	case NL_SPFT_INCLUDE:
		w_follow(w, node, t->domain, 0);
		break;
	case NL_SPFT_A:
	case NL_SPFT_MX:
		w_resolve(w, t, w->nodes[node].name);
		break;
	}
}

static void
w_record(struct nl_spfwalk *w, int node, const struct nl_spf_rec *r)
{
	size_t	i;

	w->info.queryterms += r->queryterms;
	if (w->info.queryterms > NL_SPF_MAXQUERYTERMS) {
		w_end(w, NL_SPFW_LOOKUPS, "more than %d terms that query DNS "
		    "(at %s)", NL_SPF_MAXQUERYTERMS, w->nodes[node].name);
		return;
	}
	for (i = 0; i < r->nterms && w->info.result == NL_SPFW_RUNNING; i++)
		w_term(w, node, &r->terms[i]);
	if (r->redirect[0] == '\0' || w->info.result != NL_SPFW_RUNNING)
		return;
	if (r->redirect_macro) {
		w->info.skipped++;
		w_note(w, "%s: redirect=%s not walkable", w->nodes[node].name,
		    r->redirect);
		return;
	}
	w_follow(w, node, r->redirect, w->nodes[node].top);
}

/* the one SPF record among the TXT records, parsed */
static void
w_txt(struct nl_spfwalk *w, struct w_job *j, const struct nl_spfw_answer *a)
{
	struct nl_spf_rec	*r;
	const char		*name = w->nodes[j->node].name;
	char			 err[128];
	size_t			 i, k = 0, found = 0;

	for (i = 0; a->status == NL_SPFA_OK && i < a->ntxt; i++)
		if (nl_spf_rec_is(a->txt[i], a->txtlen[i]) && found++ == 0)
			k = i;
	if (found == 0) {
		if (a->status == NL_SPFA_NONE)
			w_void(w, name);
		w_end(w, NL_SPFW_NORECORD, "%s has no SPF record", name);
		return;
	}
	if (found > 1) {
		w_end(w, NL_SPFW_MALFORMED, "%s has %zu SPF records", name,
		    found);
		return;
	}
	if ((r = malloc(sizeof(*r))) == NULL) {
		w_end(w, NL_SPFW_DNSFAIL, "out of memory");
		return;
	}
	if (nl_spf_rec_parse(a->txt[k], a->txtlen[k], r, err,
	    sizeof(err)) == -1)
		w_end(w, NL_SPFW_MALFORMED, "%s: %s", name, err);
	else
		w_record(w, j->node, r);
	free(r);
}

static void
w_addrs(struct nl_spfwalk *w, struct w_job *j, const struct nl_spfw_answer *a)
{
	int	want = j->type == NL_SPFQ_A ? NL_AF4 : NL_AF6;
	size_t	i;

	for (i = 0; a->status == NL_SPFA_OK && i < a->naddrs; i++) {
		if (a->addrs[i].af != want)
			continue;
		w->groups[j->group].found++;
		w_range(w, &a->addrs[i], want == NL_AF4 ? j->plen4 : j->plen6);
	}
}

static void
w_mx(struct nl_spfwalk *w, struct w_job *j, const struct nl_spfw_answer *a)
{
	struct nl_spf_term	t;
	char			name[NL_DNAME_MAX + 1];
	size_t			i;

	if (a->status != NL_SPFA_OK)
		return;
	if (a->nnames > W_MAXMXNAMES) {
		w_end(w, NL_SPFW_LOOKUPS, "%s has more than %d MX records",
		    j->name, W_MAXMXNAMES);
		return;
	}
	memset(&t, 0, sizeof(t));
	t.plen4 = j->plen4;
	t.plen6 = j->plen6;
	for (i = 0; i < a->nnames; i++) {
		if (nl_name_normalize(a->names[i], name, sizeof(name)) == -1)
			continue;
		w->groups[j->group].found++;
		w_ask(w, NL_SPFQ_A, name, j->group, &t);
		w_ask(w, NL_SPFQ_AAAA, name, j->group, &t);
	}
}

static struct w_job *
w_job_find(struct nl_spfwalk *w, uint32_t id)
{
	size_t	i;

	for (i = 0; i < W_MAXJOBS; i++)
		if (w->jobs[i].state == J_ASKED && w->jobs[i].id == id)
			return &w->jobs[i];
	return NULL;
}

static void
w_answer(struct nl_spfwalk *w, struct w_job *j, const struct nl_spfw_answer *a)
{
	if (a->status == NL_SPFA_FAIL) {
		w_end(w, NL_SPFW_DNSFAIL, "%s: lookup failed", j->name);
		return;
	}
	if (a->status == NL_SPFA_OK && a->ttl < w->info.ttl)
		w->info.ttl = a->ttl;
	if (j->type == NL_SPFQ_TXT) {
		w_txt(w, j, a);
		return;
	}
	if (j->type == NL_SPFQ_MX)
		w_mx(w, j, a);
	else
		w_addrs(w, j, a);
	if (--w->groups[j->group].pending == 0 &&
	    w->groups[j->group].found == 0)
		w_void(w, j->name);
}

void
nl_spfw_answer(struct nl_spfwalk *w, uint32_t id,
    const struct nl_spfw_answer *a)
{
	struct w_job	*j;

	if ((j = w_job_find(w, id)) == NULL)
		return;
	if (w->info.result == NL_SPFW_RUNNING)
		w_answer(w, j, a);
	j->state = J_FREE;
	if (--w->open == 0 && w->info.result == NL_SPFW_RUNNING)
		w->info.result = NL_SPFW_DONE;
}

void
nl_spfw_info(const struct nl_spfwalk *w, struct nl_spfw_info *info)
{
	*info = w->info;
	if (info->ttl == UINT32_MAX)
		info->ttl = 0;
}

const struct nl_spf_range *
nl_spfw_ranges(const struct nl_spfwalk *w, size_t *n)
{
	*n = w->nranges;
	return w->ranges;
}
