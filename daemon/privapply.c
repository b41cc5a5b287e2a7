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
 * The engine's changes into the table: each checked, applied in batches
 * paced by their cost, and mirrored once the table holds them; what the
 * table refused goes back to the engine.
 */
#include <sys/types.h>

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "compat.h"
#include "log.h"
#include "monotime.h"
#include "policy.h"
#include "priv.h"
#include "privint.h"

#define PRIV_MAXBATCH	(MSG_MAXPAYLOAD / sizeof(struct nl_change))
/*
 * Batches waiting on the socket go to the kernel as one transaction: a
 * table commit costs far more than a change, so when the engine sends
 * faster than the kernel takes them, batches grow instead of a backlog.
 */
#define PRIV_PENDING	(8 * PRIV_MAXBATCH)
/*
 * Some tables cost the kernel a walk of the whole table per commit (an
 * nftables interval set is rebuilt as an array: 1 ms at 50,000 entries).
 * After an apply that cost more CPU than this, the next one waits as
 * long, so that under a flood batches grow with the cost instead of
 * commits taking all of the parent's time. Cheaper applies are never
 * held: a timer could not wait less than a millisecond anyway. CPU time,
 * not elapsed: a parent preempted during a cheap apply must not then
 * hold the next one as long (on a busy host that doubled the stall).
 */
#define PACE_USEC	500
#define SLOW_APPLY_USEC	1000	/* logged with -v */

static struct nl_change	priv_pending[PRIV_PENDING];
static size_t		priv_npending;
static uint8_t		priv_failed[PRIV_PENDING];	/* per pending change */
/* what the table does not hold although the engine thinks it does */
static struct nl_change	priv_dropped[PRIV_PENDING];
/* what the mirror evicted: deleted from the table in turn */
static struct nl_change	priv_evicted[PRIV_PENDING];
/* a batch as the backend sees it: in the wall clock */
static struct nl_change	priv_wall[PRIV_PENDING];

/*
 * An add must pass the policy that a control request and the state file
 * pass, and expires at most a whitelist-time from now: an engine that
 * asks for more is not one to trust.
 */
static int
priv_change_ok(const struct priv *pv, struct nl_change *c)
{
	if (c->addr.af != NL_AF4 && c->addr.af != NL_AF6)
		return 0;
	if (c->plen > nl_addr_maxplen(&c->addr) || c->op > NL_OP_DELETE ||
	    c->reason >= NL_REASON_MAX)
		return 0;
	if (c->op == NL_OP_ADD && !nl_policy_prefix(&c->addr, c->plen))
		return 0;
	nl_addr_mask(&c->addr, c->plen);
	if (c->addr.af == NL_AF4)
		memset(c->addr.a + 4, 0, sizeof(c->addr.a) - 4);
	if (c->op == NL_OP_ADD)
		c->expires = nl_policy_expires(c->expires, dclock_sec(),
		    pv->conf.whitelist_time);
	return 1;
}

/* the engine forgets these: the table does not hold them */
static void
priv_send_dropped(struct priv *pv, const struct nl_change *c, size_t n)
{
	size_t	m;

	/* an engine on its way out does not need them */
	if (pv->stopping)
		return;
	for (; n > 0; c += m, n -= m) {
		m = n < PRIV_MAXBATCH ? n : PRIV_MAXBATCH;
		priv_send(pv, MSG_DROPPED, c, m * sizeof(*c));
	}
}

/*
 * The mirror takes a change only once the table has: it is what the
 * state file saves and the heal restores. A failed add leaves the
 * mirror, as the table may still hold the entry's older add, and the
 * heal then compares the table with the mirror. An entry the mirror
 * evicts to make room (more adds than max-entries) leaves the table.
 */
static void
priv_mirror(struct priv *pv, const struct nl_change *c, int failed,
    size_t *ndropped, size_t *nevicted)
{
	struct nl_wl_item	it, old;

	if (c->op == NL_OP_DELETE || failed) {
		nl_wl_del(pv->mirror, &c->addr, c->plen, NULL);
		if (failed)
			pv->table_unsure = 1;
		if (failed && c->op == NL_OP_ADD)
			priv_dropped[(*ndropped)++] = *c;
		return;
	}
	memset(&it, 0, sizeof(it));
	it.addr = c->addr;
	it.plen = c->plen;
	it.expires = c->expires;
	it.reason = c->reason;
	if (nl_wl_put(pv->mirror, &it, &old) != NL_WL_NEW_EVICTED)
		return;
	nl_change_restore(&priv_evicted[*nevicted], &old.addr, old.plen,
	    old.expires, &c->time);
	priv_evicted[*nevicted].op = NL_OP_DELETE;
	priv_evicted[*nevicted].reason = NL_REASON_EVICT;
	priv_dropped[(*ndropped)++] = priv_evicted[(*nevicted)++];
}

static void
priv_evict(struct priv *pv, size_t n)
{
	if (n == 0)
		return;
	log_warnx("the engine whitelisted more than max-entries: %zu "
	    "entries evicted", n);
	priv_to_wall(priv_wall, priv_evicted, n);
	if (pv->backend.ops->apply(pv->backend.ctx, priv_wall, n,
	    NULL) == -1)
		pv->table_unsure = 1;
}

void
priv_apply(struct priv *pv)
{
	size_t		i, n = priv_npending, nfailed = 0, ndropped = 0;
	size_t		nevicted = 0;
	uint64_t	start, start_cpu;

	if (n == 0)
		return;
	if (pv->ev_apply != NULL)
		evtimer_del(pv->ev_apply);
	start = monotime_usec();
	start_cpu = cputime_usec();
	memset(priv_failed, 0, n);
	priv_to_wall(priv_wall, priv_pending, n);
	if (pv->backend.ops->apply(pv->backend.ctx, priv_wall, n,
	    priv_failed) == -1) {
		for (i = 0; i < n; i++)
			nfailed += priv_failed[i] != 0;
		log_warnx("%s backend: %zu of %zu table changes failed",
		    pv->backend.ops->name, nfailed, n);
	}
	pv->applied_at = monotime_usec();
	/* paced by CPU: a preemption during an update is not its cost */
	pv->apply_usec = cputime_usec() - start_cpu;
	if (pv->applied_at - start >= SLOW_APPLY_USEC)
		log_debug("%s backend: %zu changes took %llu us (%llu us "
		    "of CPU)", pv->backend.ops->name, n,
		    (unsigned long long)(pv->applied_at - start),
		    (unsigned long long)pv->apply_usec);
	/* the print backend leaves its lines buffered for the turn's end */
	fflush(stdout);
	for (i = 0; i < n; i++)
		priv_mirror(pv, &priv_pending[i], priv_failed[i], &ndropped,
		    &nevicted);
	priv_npending = 0;
	priv_evict(pv, nevicted);
	priv_send_dropped(pv, priv_dropped, ndropped);
}

void
priv_apply_timer(int fd, short events, void *arg)
{
	(void)fd;
	(void)events;
	priv_apply(arg);
}

/* applies now, or once the last apply's cost has passed again */
void
priv_apply_paced(struct priv *pv)
{
	struct timeval	tv;
	uint64_t	since;

	if (priv_npending == 0)
		return;
	since = monotime_usec() - pv->applied_at;
	if (pv->apply_usec < PACE_USEC || since >= pv->apply_usec) {
		priv_apply(pv);
		return;
	}
	if (evtimer_pending(pv->ev_apply, NULL))
		return;
	tv.tv_sec = 0;
	tv.tv_usec = pv->apply_usec - since;
	evtimer_add(pv->ev_apply, &tv);
}

void
priv_changes(struct priv *pv, const struct msg *m)
{
	struct nl_change	*batch;
	size_t			 i, n;

	if (m->len == 0 || m->len % sizeof(*batch) != 0 ||
	    m->len / sizeof(*batch) > PRIV_MAXBATCH) {
		log_warnx("engine sent a batch of %u bytes; stopping",
		    m->len);
		priv_stop(pv, 1);
		return;
	}
	n = m->len / sizeof(*batch);
	if (priv_npending + n > PRIV_PENDING)
		priv_apply(pv);
	batch = &priv_pending[priv_npending];
	memcpy(batch, m->data, m->len);
	for (i = 0; i < n; i++)
		if (!priv_change_ok(pv, &batch[i])) {
			log_warnx("engine sent a bad change; stopping");
			priv_stop(pv, 1);
			return;
		}
	priv_npending += n;
}
