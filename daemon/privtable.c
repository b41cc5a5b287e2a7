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
 * The parent's table and its mirror: reconciled with the state file and
 * the table at start, and healed when the table was lost or a change
 * to it failed.
 */
#include <sys/types.h>

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "compat.h"
#include "log.h"
#include "monotime.h"
#include "policy.h"
#include "priv.h"
#include "privint.h"
#include "privstatic.h"
#include "state.h"

#define ADOPT_LOGGED	10	/* adopted entries named one by one */

struct reconcile {
	struct priv	*pv;
	struct nl_wl	*expired;	/* in the state file, expired */
	uint32_t	 now;		/* the daemon clock's */
	int64_t		 wall_offset;	/* the state file's clock from it */
	uint32_t	 restored;
	uint32_t	 nexpired;
	uint32_t	 adopted;
	uint32_t	 refused;
};

static void
rec_state_entry(void *arg, const struct nl_wl_item *it)
{
	struct reconcile	*rc = arg;
	struct nl_wl_item	 item = *it;

	item.expires = dclock_unwall(it->expires, rc->wall_offset);
	if (item.expires <= rc->now) {
		if (rc->expired != NULL &&
		    nl_wl_put(rc->expired, &item, NULL) == 0)
			rc->nexpired++;
		return;
	}
	if (nl_wl_put(rc->pv->mirror, &item, NULL) != -1)
		rc->restored++;
}

static void
rec_state_error(void *arg, const char *msg)
{
	(void)arg;
	log_warnx("%s", msg);
}

static void
rec_table_entry(void *arg, const struct nl_addr *addr, int plen)
{
	struct reconcile	*rc = arg;
	struct nl_wl_item	 it;
	char			 buf[NL_PREFIXSTRLEN];

	if (nl_wl_get(rc->pv->mirror, addr, plen, NULL) == 0)
		return;
	if (rc->expired != NULL && nl_wl_get(rc->expired, addr, plen,
	    NULL) == 0)
		return;
	/* not adopted, so the replace below takes it out of the table */
	if (!nl_policy_prefix(addr, plen)) {
		if (rc->refused++ < ADOPT_LOGGED)
			log_warnx("%s: in the table but too short a prefix to "
			    "whitelist: removed",
			    nl_prefix_ntop(addr, plen, buf, sizeof(buf)));
		return;
	}
	memset(&it, 0, sizeof(it));
	it.addr = *addr;
	it.plen = plen;
	it.reason = NL_REASON_RESTORE;
	it.expires = rc->now + rc->pv->conf.whitelist_time;
	if (nl_wl_put(rc->pv->mirror, &it, NULL) == -1)
		return;
	if (rc->adopted++ < ADOPT_LOGGED)
		log_info("%s: in the table but not in the state file: kept "
		    "for the whole whitelist-time",
		    nl_prefix_ntop(addr, plen, buf, sizeof(buf)));
}

struct collect {
	struct nl_change	*all;
	size_t			 n;
	struct timeval		 now;
};

/*
 * What a backend is given is in the wall clock: nft's timeouts are the
 * difference of two times, which this leaves as it was, and the print
 * backend's lines are output.
 */
void
priv_to_wall(struct nl_change *out, const struct nl_change *c, size_t n)
{
	int64_t	off = dclock_offset();
	size_t	i;

	for (i = 0; i < n; i++) {
		out[i] = c[i];
		out[i].time.tv_sec += off;
		out[i].expires = dclock_wall(c[i].expires, off);
	}
}

static void
collect_entry(void *arg, const struct nl_wl_item *it)
{
	struct collect	*co = arg;

	nl_change_restore(&co->all[co->n++], &it->addr, it->plen, it->expires,
	    &co->now);
}

/*
 * Make the table hold exactly the mirror, or, where the table could not
 * be listed (and what else it holds is unknown), add the mirror to it.
 * Rare, so it may allocate.
 */
int
priv_restore(struct priv *pv, int exact)
{
	struct collect	co;
	uint32_t	count = nl_wl_count(pv->mirror);
	int		rc;

	memset(&co, 0, sizeof(co));
	dclock_now(&co.now);
	if ((co.all = calloc(count ? count : 1, sizeof(*co.all))) == NULL) {
		log_warn("restoring the table");
		return -1;
	}
	nl_wl_walk(pv->mirror, collect_entry, &co);
	priv_to_wall(co.all, co.all, co.n);
	if (exact)
		rc = pv->backend.ops->replace(pv->backend.ctx, co.all, co.n);
	else
		rc = pv->backend.ops->apply(pv->backend.ctx, co.all, co.n,
		    NULL);
	if (rc == -1)
		log_warnx("%s backend: restoring %zu entries failed",
		    pv->backend.ops->name, co.n);
	free(co.all);
	return rc;
}

/*
 * On start: live entries of the state file are restored, expired ones
 * leave the table, and entries in the table the state file does not
 * know (added by hand, or by a run that died before its first save) are
 * adopted with a whole whitelist-time.
 */
void
priv_reconcile(struct priv *pv)
{
	struct reconcile	rc;
	int			listed;

	memset(&rc, 0, sizeof(rc));
	rc.pv = pv;
	rc.now = dclock_sec();
	rc.wall_offset = dclock_offset();
	rc.expired = nl_wl_new(pv->conf.max_entries);
	if (state_read(pv->conf.state_file, nl_policy_expires(UINT32_MAX,
	    dclock_wall(rc.now, rc.wall_offset), pv->conf.whitelist_time),
	    rec_state_entry, &rc, rec_state_error, NULL) == -1) {
		if (errno == ENOENT)
			log_info("%s: no state file yet",
			    pv->conf.state_file);
		else
			log_warn("%s", pv->conf.state_file);
	}
	listed = pv->backend.ops->list(pv->backend.ctx, rec_table_entry,
	    &rc) == 0;
	if (!listed)
		log_warnx("%s backend: cannot list the table; entries not in "
		    "the state file are left alone", pv->backend.ops->name);
	nl_wl_free(rc.expired);
	if (priv_restore(pv, listed) == 0)
		log_info("state: %u entries restored, %u expired, %u adopted "
		    "from the table, %u refused", rc.restored, rc.nexpired,
		    rc.adopted, rc.refused);
}

struct compare {
	const struct nl_wl	*mirror;
	uint32_t		 found;		/* table entries in the mirror */
	uint32_t		 extra;		/* and not */
};

static void
compare_entry(void *arg, const struct nl_addr *addr, int plen)
{
	struct compare	*cmp = arg;

	if (nl_wl_get(cmp->mirror, addr, plen, NULL) == 0)
		cmp->found++;
	else
		cmp->extra++;
}

/*
 * After a failed change neither a count nor a ruleset generation tells
 * whether the table holds what the mirror does (one entry added by hand
 * hides one missing): the contents are compared, and where they differ,
 * or the table cannot be listed, it is replaced.
 */
static int
priv_table_differs(struct priv *pv)
{
	struct compare	cmp;

	memset(&cmp, 0, sizeof(cmp));
	cmp.mirror = pv->mirror;
	if (pv->backend.ops->list(pv->backend.ctx, compare_entry, &cmp) == -1)
		return 1;
	if (cmp.extra == 0 && cmp.found == nl_wl_count(pv->mirror))
		return 0;
	log_info("%s backend: after a failed change the table holds %u "
	    "entries not whitelisted and lacks %u", pv->backend.ops->name,
	    cmp.extra, nl_wl_count(pv->mirror) - cmp.found);
	return 1;
}

void
priv_heal(int fd, short events, void *arg)
{
	struct priv	*pv = arg;
	int		 rc;

	(void)fd;
	(void)events;
	if (pv->table_unsure) {
		if (!priv_table_differs(pv) || priv_restore(pv, 1) == 0)
			pv->table_unsure = 0;
		return;
	}
	rc = pv->backend.ops->check(pv->backend.ctx,
	    nl_wl_count(pv->mirror));
	if (rc == 1) {
		if (priv_restore(pv, 1) == 0)
			log_info("table was emptied or recreated: %u entries "
			    "restored", nl_wl_count(pv->mirror));
	} else if (rc == -1)
		log_warnx("%s backend: cannot check the table",
		    pv->backend.ops->name);
	privstatic_heal(pv->statics);
}
