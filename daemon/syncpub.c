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
 * The sync client (syncint.h): this host's changes published to the
 * group, or queued while the server is away; the queue and the replies
 * outstanding are both bounded, and what overflows is counted.
 */
#include <sys/types.h>
#include <sys/time.h>

#include <stdio.h>
#include <string.h>

#include "monotime.h"
#include "pipeline.h"
#include "sync.h"

#ifdef NOLIST_SYNC

#include "syncint.h"

static const char script_add[] =
    "local d = redis.call('ZSCORE', KEYS[2], ARGV[1]) "
    "if d and tonumber(d) >= tonumber(ARGV[3]) then return 0 end "
    "redis.call('ZADD', KEYS[1], 'GT', ARGV[2], ARGV[1]) "
    "redis.call('PUBLISH', ARGV[4], ARGV[5]) return 1";
static const char script_del[] =
    "redis.call('ZREM', KEYS[1], ARGV[1]) "
    "redis.call('ZADD', KEYS[2], 'GT', ARGV[3], ARGV[1]) "
    "redis.call('PUBLISH', ARGV[4], ARGV[5]) return 1";

void
sync_cmd_reply(redisAsyncContext *ac, void *reply, void *arg)
{
	struct sync	*s = ac->data;
	redisReply	*r = reply;

	(void)arg;
	if (s->pending > 0)
		s->pending--;
	if (r != NULL && r->type == REDIS_REPLY_ERROR)
		sync_fail(s, "the server refused a change", r->str);
}

/* argv: the script, its keys, member, expiry, time, channel, message */
static int
sync_send(struct sync *s, const struct nl_change *c, int op)
{
	char		 msg[NL_SYNC_MSGMAX], pfx[NL_PREFIXSTRLEN];
	char		 exp[16], sec[24];
	const char	*argv[10];
	size_t		 n;

	if ((n = nl_sync_encode(msg, sizeof(msg), s->ss.node, c)) == 0 ||
	    nl_prefix_ntop(&c->addr, c->plen, pfx, sizeof(pfx)) == NULL)
		return 0;
	snprintf(exp, sizeof(exp), "%u", (unsigned int)c->expires);
	snprintf(sec, sizeof(sec), "%lld", (long long)c->time.tv_sec);
	argv[0] = "EVAL";
	argv[1] = op == NL_SYNC_DELETE ? script_del : script_add;
	argv[2] = "2";
	argv[3] = s->k_wl;
	argv[4] = s->k_del;
	argv[5] = pfx;
	argv[6] = exp;
	argv[7] = sec;
	argv[8] = s->chan;
	argv[9] = msg;
	if (op == NL_SYNC_EXPIRE) {
		/* the set forgets it by its score: only the peers are told */
		argv[0] = "PUBLISH";
		argv[1] = s->chan;
		argv[2] = msg;
		n = 3;
	} else
		n = 10;
	if (redisAsyncCommandArgv(s->cmd, sync_cmd_reply, NULL, n, argv,
	    NULL) != REDIS_OK)
		return -1;
	s->pending++;
	s->sent++;
	return 0;
}

static void
sync_enqueue(struct sync *s, const struct nl_change *c)
{
	size_t	max = s->conf->sync.queue;

	if (s->qlen == max) {
		/* the oldest goes; the table goes whole on reconnect */
		s->qhead = (s->qhead + 1) % max;
		s->qlen--;
		s->dropped++;
		s->overflowed = 1;
	}
	s->queue[(s->qhead + s->qlen) % max] = *c;
	s->qlen++;
}

void
sync_change(struct sync *s, const struct nl_change *dc)
{
	struct nl_change	 wall = *dc, *c = &wall;
	int64_t			 off;
	int			 op;

	if (s == NULL || s->applying || (op = nl_sync_op_of(c)) == -1)
		return;
	/* the group's times are the wall clock's, the tracker's are not */
	off = dclock_offset();
	wall.time.tv_sec += off;
	wall.expires = dclock_wall(wall.expires, off);
	/* this host's own deletes weigh against late adds too */
	if (op == NL_SYNC_DELETE)
		nl_sync_tomb_put(s->st, &c->addr, c->plen, c->time.tv_sec);
	if (s->state != SYNC_UP) {
		sync_enqueue(s, c);
		return;
	}
	if (s->pending >= s->conf->sync.queue) {
		s->dropped++;
		return;
	}
	if (sync_send(s, c, op) == -1)
		sync_fail(s, "cannot send", s->cmd->errstr);
}

struct sync_walk {
	struct sync	*s;
	struct timeval	 now;
};

static void
sync_walk_entry(void *arg, const struct nl_wl_item *it)
{
	struct sync_walk	*w = arg;
	struct nl_change	 c;

	memset(&c, 0, sizeof(c));
	c.time = w->now;
	c.addr = it->addr;
	c.plen = it->plen;
	c.expires = dclock_wall(it->expires, dclock_offset());
	c.op = NL_OP_ADD;
	c.reason = NL_REASON_RENEW;
	sync_send(w->s, &c, NL_SYNC_ADD);
}

void
sync_flush_queue(struct sync *s)
{
	struct sync_walk	w;
	size_t			max = s->conf->sync.queue;
	int			op;

	for (; s->qlen > 0; s->qlen--, s->qhead = (s->qhead + 1) % max)
		if ((op = nl_sync_op_of(&s->queue[s->qhead])) != -1)
			sync_send(s, &s->queue[s->qhead], op);
	s->qhead = 0;
	if (s->reconnects > 1)
		sync_push_table(s);
	if (!s->overflowed)
		return;
	w.s = s;
	gettimeofday(&w.now, NULL);
	nl_wl_walk(nl_tracker_whitelist(s->pl->tracker), sync_walk_entry, &w);
	s->overflowed = 0;
}

#endif	/* NOLIST_SYNC */
