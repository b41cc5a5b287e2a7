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
 * The sync client (syncint.h): the group's whitelist loaded from the
 * server, blocking at start and on the loop at each connect, and this
 * host's table written back after a reconnect.
 */
#include <sys/types.h>
#include <sys/time.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "compat.h"
#include "log.h"
#include "monotime.h"
#include "pipeline.h"
#include "sync.h"

#ifdef NOLIST_SYNC

#include "syncint.h"

static void
sync_load_one(struct sync *s, const redisReply *mem, const redisReply *sc,
    int tombs, uint64_t ms)
{
	struct nl_sync_msg	 m;
	const char		*why = "bad member";
	char			 num[32];
	long long		 v;

	memset(&m, 0, sizeof(m));
	if (mem->type != REDIS_REPLY_STRING || sc->type != REDIS_REPLY_STRING ||
	    nl_sync_member(mem->str, mem->len, &m.addr, &m.plen) == -1 ||
	    sc->len == 0 || sc->len >= sizeof(num)) {
		sync_refuse(s, why, mem->len);
		return;
	}
	memcpy(num, sc->str, sc->len);
	num[sc->len] = '\0';
	v = strtonum(num, 1, UINT32_MAX, &why);
	if (why != NULL) {
		sync_refuse(s, "bad score", sc->len);
		return;
	}
	m.op = tombs ? NL_SYNC_DELETE : NL_SYNC_ADD;
	m.time_ms = tombs ? (uint64_t)v * 1000 : ms;
	m.expires = tombs ? 0 : (uint32_t)v;
	strlcpy(m.id, "load", sizeof(m.id));
	if (nl_sync_check(&m, ms, s->conf->whitelist_time, &why) ==
	    NL_SYNC_BAD)
		sync_refuse(s, why, mem->len);
	else if (tombs || m.expires > ms / 1000)
		sync_take(s, &m);
}

/* ZRANGEBYSCORE ... WITHSCORES: member, score, member, score... */
static size_t
sync_load_reply(struct sync *s, const redisReply *r, int tombs)
{
	uint64_t	ms = sync_now_ms();
	size_t		i, max = s->conf->max_entries;

	if (r == NULL || r->type != REDIS_REPLY_ARRAY || r->elements % 2) {
		sync_refuse(s, "a load that is not a list of pairs", 0);
		return 0;
	}
	for (i = 0; i + 1 < r->elements && i / 2 < max; i += 2)
		sync_load_one(s, r->element[i], r->element[i + 1], tombs, ms);
	pipeline_commit(s->pl);
	return r->elements / 2;
}

static void
sync_loaded(redisAsyncContext *ac, void *reply, void *arg)
{
	struct sync	*s = ac->data;
	redisReply	*r = reply;
	size_t		 n;

	if (r == NULL || s->state != SYNC_CONNECTING)
		return;
	if (r->type == REDIS_REPLY_ERROR) {
		sync_fail(s, "load refused", r->str);
		return;
	}
	n = sync_load_reply(s, r, arg != NULL);
	if (arg != NULL)
		return;
	s->state = SYNC_UP;
	s->since = time(NULL);
	s->backoff = 0;
	log_info("sync: connected to %s:%u, group %s, as %s: %zu entries "
	    "loaded", s->ss.addr, s->ss.port, s->conf->sync.group, s->ss.node,
	    n);
	sync_flush_queue(s);
}

/* after the subscription, so that nothing falls between load and channel */
void
sync_load(struct sync *s)
{
	char	from[24], del[24];
	time_t	now = time(NULL);

	snprintf(from, sizeof(from), "(%lld", (long long)now);
	snprintf(del, sizeof(del), "(%lld",
	    (long long)now - s->conf->whitelist_time);
	redisAsyncCommand(s->cmd, sync_loaded, s, "ZRANGEBYSCORE %s %s +inf "
	    "WITHSCORES", s->k_del, del);
	redisAsyncCommand(s->cmd, sync_loaded, NULL, "ZRANGEBYSCORE %s %s +inf "
	    "WITHSCORES LIMIT 0 %u", s->k_wl, from,
	    (unsigned int)s->conf->max_entries);
}

static redisReply *
sync_block_cmd(struct sync *s, redisContext *c, const char *what,
    const char *fmt, ...)
{
	redisReply	*r;
	va_list		 ap;

	va_start(ap, fmt);
	r = redisvCommand(c, fmt, ap);
	va_end(ap);
	if (r == NULL || r->type == REDIS_REPLY_ERROR) {
		snprintf(s->why, sizeof(s->why), "%s: %.80s", what,
		    r != NULL ? r->str : c->errstr);
		if (r != NULL)
			freeReplyObject(r);
		return NULL;
	}
	return r;
}

static int
sync_block_auth(struct sync *s, redisContext *c)
{
	redisReply	*r;

	if (s->ss.password[0] == '\0')
		return 0;
	if (s->ss.user[0] != '\0')
		r = sync_block_cmd(s, c, "authentication refused",
		    "AUTH %s %s", s->ss.user, s->ss.password);
	else
		r = sync_block_cmd(s, c, "authentication refused",
		    "AUTH %s", s->ss.password);
	if (r == NULL)
		return -1;
	freeReplyObject(r);
	return 0;
}

/*
 * Blocks, for SYNC_LOAD_TIMEOUT at most a step: a standby that starts
 * must have the group's whitelist before it serves. The asynchronous
 * connection loads again once subscribed, which covers what was
 * published in between.
 */
void
sync_load_blocking(struct sync *s)
{
	struct timeval	 tv = { SYNC_LOAD_TIMEOUT, 0 };
	redisContext	*c;
	redisReply	*r;
	size_t		 n = 0;
	time_t		 now = time(NULL);

	c = redisConnectWithTimeout(s->ss.addr, s->ss.port, tv);
	if (c == NULL || c->err) {
		snprintf(s->why, sizeof(s->why), "cannot connect: %.100s",
		    c != NULL ? c->errstr : "out of memory");
		goto done;
	}
	redisSetTimeout(c, tv);
	if (sync_block_auth(s, c) == -1)
		goto done;
	if ((r = sync_block_cmd(s, c, "load refused", "ZRANGEBYSCORE %s "
	    "(%lld +inf WITHSCORES", s->k_del,
	    (long long)now - s->conf->whitelist_time)) == NULL)
		goto done;
	sync_load_reply(s, r, 1);
	freeReplyObject(r);
	if ((r = sync_block_cmd(s, c, "load refused", "ZRANGEBYSCORE %s "
	    "(%lld +inf WITHSCORES LIMIT 0 %u", s->k_wl, (long long)now,
	    (unsigned int)s->conf->max_entries)) == NULL)
		goto done;
	n = sync_load_reply(s, r, 0);
	freeReplyObject(r);
	log_info("sync: %zu entries loaded from %s:%u", n, s->ss.addr,
	    s->ss.port);
	s->why[0] = '\0';
done:
	if (s->why[0] != '\0')
		log_warnx("sync: %s:%u: %s; starting alone", s->ss.addr,
		    s->ss.port, s->why);
	if (c != NULL)
		redisFree(c);
}

#define SYNC_PUSH_BATCH	512	/* members in one ZADD */

struct sync_push {
	struct sync	*s;
	const char	*argv[2 + 2 * SYNC_PUSH_BATCH];
	char		 mem[SYNC_PUSH_BATCH][NL_PREFIXSTRLEN];
	char		 score[SYNC_PUSH_BATCH][12];
	size_t		 n;
};

static void
sync_push_flush(struct sync_push *p)
{
	if (p->n == 0)
		return;
	p->argv[0] = "ZADD";
	p->argv[1] = p->s->k_wl;
	p->argv[2] = "GT";
	/* GT: a member is added, or its score only ever raised */
	if (redisAsyncCommandArgv(p->s->cmd, sync_cmd_reply, NULL,
	    3 + 2 * p->n, p->argv, NULL) == REDIS_OK)
		p->s->pending++;
	p->n = 0;
}

static void
sync_push_entry(void *arg, const struct nl_wl_item *it)
{
	struct sync_push	*p = arg;

	if (nl_prefix_ntop(&it->addr, it->plen, p->mem[p->n],
	    sizeof(p->mem[0])) == NULL)
		return;
	snprintf(p->score[p->n], sizeof(p->score[0]), "%u",
	    (unsigned int)dclock_wall(it->expires, dclock_offset()));
	p->argv[3 + 2 * p->n] = p->score[p->n];
	p->argv[4 + 2 * p->n] = p->mem[p->n];
	if (++p->n == SYNC_PUSH_BATCH)
		sync_push_flush(p);
}

/*
 * After a reconnect the server may have lost its data (a restart
 * without persistence): the table goes back into the set, not on the
 * channel, since the peers hold it already.
 */
void
sync_push_table(struct sync *s)
{
	struct sync_push	*p;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return;
	p->s = s;
	nl_wl_walk(nl_tracker_whitelist(s->pl->tracker), sync_push_entry, p);
	sync_push_flush(p);
	free(p);
}

#endif	/* NOLIST_SYNC */
