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

#include "backend.h"
#include "change.h"
#include "compat.h"
#include "config.h"
#include "log.h"
#include "msg.h"
#include "policy.h"
#include "poolrules.h"
#include "privstatic.h"
#include "tablename.h"

struct privstatic {
	struct nl_backend	 backend;
	struct nl_expfilter	 filter;
	struct nl_change	*set;		/* what we put in the table */
	size_t			 nset;
	struct nl_change	*next;		/* the engine's new set */
	struct nl_change	*diff;		/* from one to the other */
	struct nl_config	*sconf;		/* the backend's view */
	const struct nl_backend_ops *ops;
	const struct nl_backend_log *blog;
	char			 table[NL_NAMELEN];
};

/*
 * The backend sees a table of prefixes no wider than the pools' floor
 * and never expiring; NULL with errbuf set when it cannot be opened.
 */
struct privstatic *
privstatic_open(const struct nl_config *conf,
    const struct nl_backend_ops *ops, const struct nl_backend_log *blog,
    char *errbuf, size_t len)
{
	struct privstatic	*ps;
	struct nl_config	*sc = NULL;
	int			 kind;

	errbuf[0] = '\0';
	if ((ps = calloc(1, sizeof(*ps))) == NULL ||
	    (sc = malloc(sizeof(*sc))) == NULL ||
	    (ps->set = calloc(PRIVSTATIC_MAX, sizeof(*ps->set))) == NULL ||
	    (ps->next = calloc(PRIVSTATIC_MAX, sizeof(*ps->next))) == NULL ||
	    (ps->diff = calloc(2 * PRIVSTATIC_MAX, sizeof(*ps->diff))) ==
	    NULL) {
		snprintf(errbuf, len, "spf-walk: out of memory");
		free(sc);
		privstatic_close(ps);
		return NULL;
	}
	/* the backend in use, which -t may have chosen */
	if ((kind = nl_backend_parse(ops->name)) == -1)
		kind = conf->backend;
	*sc = *conf;
	sc->prefix4 = NL_POOL_FLOOR4;
	sc->prefix6 = NL_POOL_FLOOR6;
	sc->max_entries = PRIVSTATIC_MAX;
	if (nl_table_static(nl_config_table(conf, kind), kind, sc->table,
	    sizeof(sc->table)) == -1 ||
	    nl_backend_open(&ps->backend, ops, blog, sc, errbuf, len) == -1) {
		if (errbuf[0] == '\0')
			snprintf(errbuf, len, "spf-walk: no static table "
			    "beside %s", nl_config_table(conf, kind));
		free(sc);
		privstatic_close(ps);
		return NULL;
	}
	strlcpy(ps->table, sc->table, sizeof(ps->table));
	nl_expfilter_init(&ps->filter, conf);
	ps->sconf = sc;
	ps->ops = ops;
	ps->blog = blog;
	return ps;
}

/* the engine is not trusted: every range is checked as it was made */
static int
privstatic_ok(const struct privstatic *ps, struct nl_change *c)
{
	int	floor;

	if (c->addr.af != NL_AF4 && c->addr.af != NL_AF6)
		return 0;
	floor = c->addr.af == NL_AF4 ? NL_POOL_FLOOR4 : NL_POOL_FLOOR6;
	if (c->plen < floor || c->plen > nl_addr_maxplen(&c->addr) ||
	    !nl_policy_prefix(&c->addr, c->plen))
		return 0;
	nl_addr_mask(&c->addr, c->plen);
	if (c->addr.af == NL_AF4)
		memset(c->addr.a + 4, 0, sizeof(c->addr.a) - 4);
	c->op = NL_OP_ADD;
	c->reason = NL_REASON_POOL;
	c->expires = 0;
	return nl_expfilter_range(&ps->filter, &c->addr, c->plen);
}

/*
 * Opened again, the backend knows the table as it is now (a recreated
 * nft set has a new handle); adding to it keeps what others put there.
 */
static int
privstatic_reopen(struct privstatic *ps)
{
	char	errbuf[512];

	nl_backend_close(&ps->backend);
	if (nl_backend_open(&ps->backend, ps->ops, ps->blog, ps->sconf,
	    errbuf, sizeof(errbuf)) == -1) {
		log_warnx("%s", errbuf);
		return -1;
	}
	return 0;
}

static int
privstatic_cmp(const void *a, const void *b)
{
	const struct nl_change	*x = a, *y = b;
	int			 c;

	if ((c = nl_addr_cmp(&x->addr, &y->addr)) != 0)
		return c;
	return (int)x->plen - (int)y->plen;
}

/*
 * What leaves and what comes, both lists sorted: the table may hold the
 * administrator's own static peers, which a replace would wipe out.
 */
static size_t
privstatic_diff(struct privstatic *ps, size_t n)
{
	size_t	i = 0, j = 0, k = 0;
	int	c;

	while (i < ps->nset || j < n) {
		c = i == ps->nset ? 1 : j == n ? -1 :
		    privstatic_cmp(&ps->set[i], &ps->next[j]);
		if (c < 0) {
			ps->diff[k] = ps->set[i++];
			ps->diff[k++].op = NL_OP_DELETE;
		} else if (c > 0)
			ps->diff[k++] = ps->next[j++];
		else {
			i++;
			j++;
		}
	}
	return k;
}

/* MSG_STATIC: the whole set; -1 for a message no engine sends */
int
privstatic_set(struct privstatic *ps, const struct msg *m)
{
	struct nl_change	*c;
	size_t			 i, n, k;

	if (m->len % sizeof(*c) != 0 ||
	    m->len / sizeof(*c) > PRIVSTATIC_MAX)
		return -1;
	if ((n = m->len / sizeof(*c)) > 0)
		memcpy(ps->next, m->data, m->len);
	for (i = 0; i < n; i++)
		if (!privstatic_ok(ps, &ps->next[i]))
			return -1;
	qsort(ps->next, n, sizeof(*ps->next), privstatic_cmp);
	if (ps->backend.ctx == NULL && privstatic_reopen(ps) == -1)
		return 0;
	if ((k = privstatic_diff(ps, n)) > 0 &&
	    ps->backend.ops->apply(ps->backend.ctx, ps->diff, k, NULL) == -1) {
		log_warnx("%s backend: %s: %zu spf-walk changes failed",
		    ps->backend.ops->name, ps->table, k);
		return 0;
	}
	if (n > 0)
		memcpy(ps->set, ps->next, n * sizeof(*ps->set));
	ps->nset = n;
	if (k > 0)
		log_info("%s: %zu spf-walk ranges, %zu changes", ps->table,
		    n, k);
	fflush(stdout);
	return 0;
}

void
privstatic_clear(struct privstatic *ps)
{
	struct msg	m;

	memset(&m, 0, sizeof(m));
	privstatic_set(ps, &m);
}

/* a ruleset reload emptied the static table: put the ranges back */
void
privstatic_heal(struct privstatic *ps)
{
	int	rc;

	if (ps == NULL || ps->nset == 0)
		return;
	if (ps->backend.ctx == NULL && privstatic_reopen(ps) == -1)
		return;
	if ((rc = ps->backend.ops->check(ps->backend.ctx, ps->nset)) == 1 &&
	    privstatic_reopen(ps) == 0 &&
	    ps->backend.ops->apply(ps->backend.ctx, ps->set, ps->nset,
	    NULL) == 0)
		log_info("%s was emptied or recreated: %zu ranges restored",
		    ps->table, ps->nset);
	else if (rc == -1)
		log_warnx("%s backend: cannot check %s",
		    ps->backend.ops->name, ps->table);
}

void
privstatic_close(struct privstatic *ps)
{
	if (ps == NULL)
		return;
	if (ps->backend.ops != NULL)
		nl_backend_close(&ps->backend);
	free(ps->sconf);
	free(ps->set);
	free(ps->next);
	free(ps->diff);
	free(ps);
}
