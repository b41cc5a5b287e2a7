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
#include "poolrules.h"
#include "privstatic.h"
#include "tablename.h"

struct privstatic {
	struct nl_backend	 backend;
	struct nl_expfilter	 filter;
	struct nl_change	*set;		/* what the table holds */
	size_t			 nset;
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
	    (ps->set = calloc(PRIVSTATIC_MAX, sizeof(*ps->set))) == NULL) {
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
	free(sc);
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
	if (c->plen < floor || c->plen > nl_addr_maxplen(&c->addr))
		return 0;
	nl_addr_mask(&c->addr, c->plen);
	if (c->addr.af == NL_AF4)
		memset(c->addr.a + 4, 0, sizeof(c->addr.a) - 4);
	c->op = NL_OP_ADD;
	c->reason = NL_REASON_POOL;
	c->expires = 0;
	return nl_expfilter_range(&ps->filter, &c->addr, c->plen);
}

/* MSG_STATIC: the whole set; -1 for a message no engine sends */
int
privstatic_set(struct privstatic *ps, const struct msg *m)
{
	struct nl_change	*c;
	size_t			 i, n;

	if (m->len % sizeof(*c) != 0 ||
	    m->len / sizeof(*c) > PRIVSTATIC_MAX)
		return -1;
	if ((n = m->len / sizeof(*c)) > 0)
		memcpy(ps->set, m->data, m->len);
	for (i = 0; i < n; i++)
		if (!privstatic_ok(ps, &ps->set[i]))
			return -1;
	ps->nset = n;
	if (ps->backend.ops->replace(ps->backend.ctx, ps->set, n) == -1)
		log_warnx("%s backend: %s: %zu spf-walk ranges failed",
		    ps->backend.ops->name, ps->table, n);
	else
		log_info("%s: %zu spf-walk ranges", ps->table, n);
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
	if ((rc = ps->backend.ops->check(ps->backend.ctx, ps->nset)) == 1 &&
	    ps->backend.ops->replace(ps->backend.ctx, ps->set,
	    ps->nset) == 0)
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
	free(ps->set);
	free(ps);
}
