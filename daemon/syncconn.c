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
 * The sync client (syncint.h): its two connections, one subscribed to
 * the group's channel and one for the scripts, loads and pings; a
 * failure drops both and retries with backoff, and a tick pings, says
 * hello to the peers and purges what expired from the server.
 */
#include <sys/types.h>
#include <sys/time.h>

#include <stdio.h>
#include <time.h>

#include <event2/event.h>

#include "log.h"
#include "sync.h"

#ifdef NOLIST_SYNC

#include <hiredis/adapters/libevent.h>

#include "syncint.h"

/* from a callback: the contexts are freed outside hiredis' own calls */
void
sync_fail(struct sync *s, const char *what, const char *detail)
{
	if (s->state == SYNC_DOWN)
		return;
	snprintf(s->why, sizeof(s->why), "%s%s%s", what,
	    detail != NULL ? ": " : "", detail != NULL ? detail : "");
	if (s->state == SYNC_UP)
		log_warnx("sync: %s:%u lost (%s); going on alone",
		    s->ss.addr, s->ss.port, s->why);
	else if (s->reconnects == 0 || s->backoff >= SYNC_BACKOFF_MAX)
		log_warnx("sync: cannot use %s:%u (%s); going on alone, "
		    "retrying", s->ss.addr, s->ss.port, s->why);
	s->state = SYNC_DOWN;
	s->since = time(NULL);
	event_active(s->ev_down, EV_TIMEOUT, 0);
}

/* the contexts' pointers cleared first: freeing calls the disconnect hook */
void
sync_close(struct sync *s)
{
	redisAsyncContext	*ac;

	if ((ac = s->cmd) != NULL) {
		s->cmd = NULL;
		redisAsyncFree(ac);
	}
	if ((ac = s->sub) != NULL) {
		s->sub = NULL;
		redisAsyncFree(ac);
	}
}

void
sync_down(int fd, short events, void *arg)
{
	struct sync		*s = arg;
	struct timeval		 tv = { 0, 0 };

	(void)fd;
	(void)events;
	sync_close(s);
	s->pending = 0;
	s->ping_sent = 0;
	s->backoff = s->backoff == 0 ? 1 : s->backoff * 2;
	if (s->backoff > SYNC_BACKOFF_MAX)
		s->backoff = SYNC_BACKOFF_MAX;
	tv.tv_sec = s->backoff;
	evtimer_add(s->ev_retry, &tv);
}

void
sync_retry(int fd, short events, void *arg)
{
	(void)fd;
	(void)events;
	sync_connect(arg);
}

static void
sync_on_connect(const redisAsyncContext *ac, int status)
{
	struct sync	*s = ac->data;

	if (status == REDIS_OK)
		return;
	/* hiredis frees it after this call */
	if (s->cmd == ac)
		s->cmd = NULL;
	if (s->sub == ac)
		s->sub = NULL;
	sync_fail(s, "cannot connect", ac->errstr);
}

static void
sync_on_disconnect(const redisAsyncContext *ac, int status)
{
	struct sync	*s = ac->data;

	(void)status;
	if (s->cmd != ac && s->sub != ac)
		return;		/* ours, freed by sync_down */
	if (s->cmd == ac)
		s->cmd = NULL;
	if (s->sub == ac)
		s->sub = NULL;
	sync_fail(s, "connection closed", ac->errstr[0] ? ac->errstr : NULL);
}

static void
sync_on_auth(redisAsyncContext *ac, void *reply, void *arg)
{
	struct sync	*s = ac->data;
	redisReply	*r = reply;

	(void)arg;
	if (r != NULL && r->type == REDIS_REPLY_ERROR)
		sync_fail(s, "authentication refused", r->str);
}

static redisAsyncContext *
sync_open(struct sync *s)
{
	redisAsyncContext	*ac;

	if ((ac = redisAsyncConnect(s->ss.addr, s->ss.port)) == NULL)
		return NULL;
	if (ac->err) {
		snprintf(s->why, sizeof(s->why), "%s", ac->errstr);
		redisAsyncFree(ac);
		return NULL;
	}
	ac->data = s;
	redisLibeventAttach(ac, s->base);
	redisAsyncSetConnectCallback(ac, sync_on_connect);
	redisAsyncSetDisconnectCallback(ac, sync_on_disconnect);
	if (s->ss.password[0] != '\0' && s->ss.user[0] != '\0')
		redisAsyncCommand(ac, sync_on_auth, NULL, "AUTH %s %s",
		    s->ss.user, s->ss.password);
	else if (s->ss.password[0] != '\0')
		redisAsyncCommand(ac, sync_on_auth, NULL, "AUTH %s",
		    s->ss.password);
	return ac;
}

void
sync_connect(struct sync *s)
{
	struct timeval	tv = { 1, 0 };

	if (s->cmd != NULL || s->sub != NULL) {
		evtimer_add(s->ev_retry, &tv);
		return;
	}
	s->reconnects++;
	s->state = SYNC_CONNECTING;
	s->since = time(NULL);
	if ((s->cmd = sync_open(s)) == NULL ||
	    (s->sub = sync_open(s)) == NULL) {
		sync_fail(s, "cannot connect", s->why);
		return;
	}
	redisAsyncCommand(s->sub, sync_on_message, NULL, "SUBSCRIBE %s",
	    s->chan);
}

/* --- housekeeping --- */

static void
sync_pong(redisAsyncContext *ac, void *reply, void *arg)
{
	struct sync	*s = ac->data;

	(void)arg;
	if (reply != NULL)
		s->ping_sent = 0;
}

static void
sync_hello(struct sync *s)
{
	char	msg[NL_SYNC_MSGMAX];

	if (nl_sync_encode_hello(msg, sizeof(msg), s->ss.node, sync_now_ms()) > 0)
		redisAsyncCommand(s->cmd, NULL, NULL, "PUBLISH %s %s",
		    s->chan, msg);
}

/* every peer does it; the set and the deletes forget the old ones */
static void
sync_purge(struct sync *s, time_t now)
{
	char	to[24], del[24];

	snprintf(to, sizeof(to), "%lld", (long long)now);
	snprintf(del, sizeof(del), "(%lld",
	    (long long)now - s->conf->whitelist_time);
	redisAsyncCommand(s->cmd, NULL, NULL, "ZREMRANGEBYSCORE %s -inf %s",
	    s->k_wl, to);
	redisAsyncCommand(s->cmd, NULL, NULL, "ZREMRANGEBYSCORE %s -inf %s",
	    s->k_del, del);
}

static void
sync_up_tick(struct sync *s, time_t now)
{
	if (s->ping_sent != 0 && now - s->ping_sent >= SYNC_PING_TIMEOUT) {
		sync_fail(s, "no answer to a ping", NULL);
		return;
	}
	if (s->ping_sent == 0 && s->ticks % SYNC_PING_EVERY == 0) {
		s->ping_sent = now;
		redisAsyncCommand(s->cmd, sync_pong, NULL, "PING");
	}
	if (s->ticks % SYNC_HELLO_EVERY == 1)
		sync_hello(s);
	if (s->ticks % SYNC_PURGE_EVERY == 2)
		sync_purge(s, now);
}

void
sync_tick(int fd, short events, void *arg)
{
	struct sync	*s = arg;
	time_t		 now = time(NULL);

	(void)fd;
	(void)events;
	s->ticks++;
	nl_sync_tomb_expire(s->st, now, s->conf->whitelist_time);
	if (s->state == SYNC_CONNECTING &&
	    now - s->since >= SYNC_CONNECT_TIMEOUT)
		sync_fail(s, "timed out", NULL);
	else if (s->state == SYNC_UP)
		sync_up_tick(s, now);
}

#endif	/* NOLIST_SYNC */
