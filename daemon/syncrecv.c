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
 * The sync client (syncint.h): a peer's message from the channel,
 * checked as hostile (lib/syncmsg.c), weighed against this host's own
 * entry (lib/syncstate.c) and handed to the tracker with reason sync.
 */
#include <sys/types.h>
#include <sys/time.h>

#include <string.h>
#include <time.h>

#include "compat.h"
#include "log.h"
#include "monotime.h"
#include "pipeline.h"
#include "sync.h"

#ifdef NOLIST_SYNC

#include "syncint.h"

void
sync_refuse(struct sync *s, const char *why, size_t len)
{
	time_t	now = time(NULL);

	s->refused++;
	/* one line a second at most: the sender chooses how many */
	if (now == s->refusal_logged)
		return;
	s->refusal_logged = now;
	log_warnx("sync: refused a message of %zu bytes from the server: %s "
	    "(%llu refused so far)", len, why, (unsigned long long)s->refused);
}

static void
sync_peer_seen(struct sync *s, const struct nl_sync_msg *m, uint64_t ms)
{
	struct sync_peer	*p, *oldest = &s->peers[0];
	size_t			 i;

	for (i = 0; i < SYNC_MAXPEERS; i++) {
		p = &s->peers[i];
		if (strcmp(p->id, m->id) == 0)
			break;
		if (p->seen < oldest->seen)
			oldest = p;
	}
	if (i == SYNC_MAXPEERS) {
		p = oldest;
		strlcpy(p->id, m->id, sizeof(p->id));
	}
	p->seen = ms / 1000;
	p->lag_ms = (int64_t)(ms - m->time_ms);
}

/* the tracker's change, and the parent's, with reason sync */
static void
sync_apply(struct sync *s, const struct nl_sync_msg *m, int verdict)
{
	struct nl_tracker	*t = s->pl->tracker;
	struct timeval		 now;

	dclock_now(&now);
	s->applying = 1;
	if (verdict == NL_SYNC_APPLY_ADD)
		nl_tracker_add(t, &m->addr, m->plen, NL_REASON_SYNC,
		    dclock_unwall(m->expires, dclock_offset()), &now);
	else
		nl_tracker_delete(t, &m->addr, m->plen,
		    verdict == NL_SYNC_APPLY_EXPIRE ? NL_REASON_EXPIRE :
		    NL_REASON_SYNC, &now);
	s->applying = 0;
	s->received++;
}

/* a checked message, from the channel or a load */
void
sync_take(struct sync *s, struct nl_sync_msg *m)
{
	struct nl_wl_item	 local;
	int			 verdict, have;

	have = nl_wl_get(nl_tracker_whitelist(s->pl->tracker), &m->addr,
	    m->plen, &local) == 0;
	/* the group's times are the wall clock's, the tracker's are not */
	if (have)
		local.expires = dclock_wall(local.expires, dclock_offset());
	verdict = nl_sync_decide(s->st, m, have ? &local : NULL,
	    s->conf->whitelist_time);
	if (verdict == NL_SYNC_IGNORE)
		s->ignored++;
	else
		sync_apply(s, m, verdict);
}

static void
sync_message(struct sync *s, const char *data, size_t len)
{
	struct nl_sync_msg	 m;
	const char		*why;
	uint64_t		 ms = sync_now_ms();
	int			 rc;

	if (!nl_sync_rate_ok(s->st, ms)) {
		sync_refuse(s, "over the rate bound", len);
		return;
	}
	if (nl_sync_decode(data, len, &m, &why) == -1) {
		sync_refuse(s, why, len);
		return;
	}
	if (strcmp(m.id, s->ss.node) == 0)
		return;
	if ((rc = nl_sync_check(&m, ms, s->conf->whitelist_time, &why)) ==
	    NL_SYNC_BAD) {
		sync_refuse(s, why, len);
		return;
	}
	sync_peer_seen(s, &m, ms);
	if (rc == NL_SYNC_STALE)
		s->ignored++;
	else if (m.op != NL_SYNC_HELLO)
		sync_take(s, &m);
	pipeline_commit(s->pl);
}


void
sync_on_message(redisAsyncContext *ac, void *reply, void *arg)
{
	struct sync	*s = ac->data;
	redisReply	*r = reply, *kind;

	(void)arg;
	if (r == NULL)
		return;
	if (r->type == REDIS_REPLY_ERROR) {
		sync_fail(s, "subscription refused", r->str);
		return;
	}
	if (r->type != REDIS_REPLY_ARRAY || r->elements != 3 ||
	    (kind = r->element[0])->type != REDIS_REPLY_STRING)
		return;
	if (strcmp(kind->str, "subscribe") == 0) {
		if (s->state == SYNC_CONNECTING && s->cmd != NULL)
			sync_load(s);
	} else if (strcmp(kind->str, "message") == 0) {
		if (r->element[2]->type != REDIS_REPLY_STRING)
			sync_refuse(s, "not a string", 0);
		else
			sync_message(s, r->element[2]->str,
			    r->element[2]->len);
	}
}

#endif	/* NOLIST_SYNC */
