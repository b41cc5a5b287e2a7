/*
 * The sync client (sync.h), on the engine's event loop. Two connections
 * to the server: one subscribed to the group's channel, one for the
 * scripts, loads and pings. Nothing in the packet path waits on them: a
 * change is handed to hiredis' output buffer, or queued while the
 * server is away, and both are bounded.
 *
 * Everything read from the server is checked as hostile
 * (lib/syncmsg.c) and weighed against this host's own entry
 * (lib/syncstate.c) before it goes to the tracker with reason sync; the
 * changes that come of it reach the parent like any other, and are
 * not published again.
 */
#include <sys/types.h>
#include <sys/time.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>

#include "compat.h"
#include "log.h"
#include "monotime.h"
#include "pipeline.h"
#include "sync.h"

#ifndef NOLIST_SYNC

const char *
sync_library(void)
{
	return NULL;
}

struct sync *
sync_new(struct event_base *base, struct pipeline *pl,
    const struct nl_config *conf, struct sync_setup *ss)
{
	(void)base;
	(void)pl;
	(void)conf;
	explicit_bzero(ss, sizeof(*ss));
	return NULL;
}

void
sync_change(struct sync *s, const struct nl_change *c)
{
	(void)s;
	(void)c;
}

void
sync_stats(const struct sync *s, struct nl_stats *st)
{
	(void)s;
	(void)st;
}

size_t
sync_show(const struct sync *s, char *buf, size_t len, int json)
{
	int	n;

	(void)s;
	n = snprintf(buf, len, json ? "{\"configured\":false,\"built\":false}\n"
	    : "sync: not built in (no hiredis)\n");
	return n < 0 ? 0 : ((size_t)n >= len ? len - 1 : (size_t)n);
}

void
sync_free(struct sync *s)
{
	(void)s;
}

#else	/* NOLIST_SYNC */

#include <hiredis/hiredis.h>
#include <hiredis/async.h>
#include <hiredis/adapters/libevent.h>

#include "syncmsg.h"
#include "syncstate.h"

#define SYNC_TICK_SEC		1
#define SYNC_CONNECT_TIMEOUT	5	/* seconds to connect and load */
#define SYNC_LOAD_TIMEOUT	2	/* seconds, for the load at start */
#define SYNC_PING_EVERY		5
#define SYNC_PING_TIMEOUT	10
#define SYNC_HELLO_EVERY	10
#define SYNC_PURGE_EVERY	60
#define SYNC_BACKOFF_MAX	30
#define SYNC_MAXPEERS		32
#define SYNC_PEER_FRESH		60	/* seconds a peer counts as seen */
#define SYNC_MAXTOMBS		65536
#define SYNC_KEYMAX		(NL_SYNC_GROUPLEN + 8)

enum sync_state {
	SYNC_DOWN = 0,
	SYNC_CONNECTING,
	SYNC_UP
};

struct sync_peer {
	char		 id[NL_SYNC_IDMAX];
	time_t		 seen;
	int64_t		 lag_ms;
};

struct sync {
	struct event_base	*base;
	struct pipeline		*pl;
	const struct nl_config	*conf;		/* the engine's, reloaded */
	struct sync_setup	 ss;
	char			 k_wl[SYNC_KEYMAX];
	char			 k_del[SYNC_KEYMAX];
	char			 chan[SYNC_KEYMAX];
	redisAsyncContext	*cmd;
	redisAsyncContext	*sub;
	int			 state;
	int			 applying;	/* changes are the peers' */
	struct event		*ev_tick;
	struct event		*ev_down;
	struct event		*ev_retry;
	int			 backoff;
	time_t			 since;		/* state's start */
	time_t			 ping_sent;	/* 0: none outstanding */
	unsigned int		 ticks;
	uint32_t		 pending;	/* replies outstanding on cmd */
	struct nl_change	*queue;		/* while the server is away */
	size_t			 qhead, qlen;
	int			 overflowed;	/* push the whole table back */
	struct nl_sync_state	*st;
	struct sync_peer	 peers[SYNC_MAXPEERS];
	uint64_t		 sent, received, refused, dropped, ignored;
	uint64_t		 reconnects;
	time_t			 refusal_logged;
	char			 why[128];	/* the last failure */
};

/* --- scripts: the set, the deletes and the channel change together --- */

const char *
sync_library(void)
{
	static char	name[32];

	snprintf(name, sizeof(name), "hiredis %d.%d.%d", HIREDIS_MAJOR,
	    HIREDIS_MINOR, HIREDIS_PATCH);
	return name;
}

static const char script_add[] =
    "local d = redis.call('ZSCORE', KEYS[2], ARGV[1]) "
    "if d and tonumber(d) >= tonumber(ARGV[3]) then return 0 end "
    "redis.call('ZADD', KEYS[1], 'GT', ARGV[2], ARGV[1]) "
    "redis.call('PUBLISH', ARGV[4], ARGV[5]) return 1";
static const char script_del[] =
    "redis.call('ZREM', KEYS[1], ARGV[1]) "
    "redis.call('ZADD', KEYS[2], 'GT', ARGV[3], ARGV[1]) "
    "redis.call('PUBLISH', ARGV[4], ARGV[5]) return 1";

static void	sync_connect(struct sync *);
static void	sync_fail(struct sync *, const char *, const char *);

static uint64_t
now_ms(void)
{
	struct timeval	tv;

	gettimeofday(&tv, NULL);
	return (uint64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

/* --- what comes from the server --- */

static void
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
static void
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
	uint64_t		 ms = now_ms();
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

/* one member and score of a load: an add, or a delete with its time */
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
	uint64_t	ms = now_ms();
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

/* --- what goes to the server --- */

static void
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
static void
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

/* what was learnt while the server was away */
static void
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

/* --- the connections --- */

/* from a callback: the contexts are freed outside hiredis' own calls */
static void
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

static void
sync_down(int fd, short events, void *arg)
{
	struct sync		*s = arg;
	redisAsyncContext	*ac;
	struct timeval		 tv = { 0, 0 };

	(void)fd;
	(void)events;
	if ((ac = s->cmd) != NULL) {
		s->cmd = NULL;
		redisAsyncFree(ac);
	}
	if ((ac = s->sub) != NULL) {
		s->sub = NULL;
		redisAsyncFree(ac);
	}
	s->pending = 0;
	s->ping_sent = 0;
	s->backoff = s->backoff == 0 ? 1 : s->backoff * 2;
	if (s->backoff > SYNC_BACKOFF_MAX)
		s->backoff = SYNC_BACKOFF_MAX;
	tv.tv_sec = s->backoff;
	evtimer_add(s->ev_retry, &tv);
}

static void
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
static void
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

static void
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

static void
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

	if (nl_sync_encode_hello(msg, sizeof(msg), s->ss.node, now_ms()) > 0)
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

static void
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

/* --- the load at start, before the engine serves --- */

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
static void
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

/* --- the engine's side --- */

static int
sync_alloc(struct sync *s, struct event_base *base)
{
	const struct nl_sync_conf	*sc = &s->conf->sync;

	s->base = base;
	snprintf(s->k_wl, sizeof(s->k_wl), "%s:wl", sc->group);
	snprintf(s->k_del, sizeof(s->k_del), "%s:del", sc->group);
	snprintf(s->chan, sizeof(s->chan), "%s:ch", sc->group);
	s->queue = calloc(sc->queue, sizeof(*s->queue));
	s->st = nl_sync_state_new(SYNC_MAXTOMBS, sc->rate);
	s->ev_tick = event_new(base, -1, EV_PERSIST, sync_tick, s);
	s->ev_down = evtimer_new(base, sync_down, s);
	s->ev_retry = evtimer_new(base, sync_retry, s);
	if (s->queue == NULL || s->st == NULL || s->ev_tick == NULL ||
	    s->ev_down == NULL || s->ev_retry == NULL)
		return -1;
	return 0;
}

/* NULL when there is no sync statement, or it cannot be set up */
struct sync *
sync_new(struct event_base *base, struct pipeline *pl,
    const struct nl_config *conf, struct sync_setup *ss)
{
	struct timeval	 tick = { SYNC_TICK_SEC, 0 };
	struct sync	*s;

	if (ss->addr[0] == '\0')
		return NULL;
	if ((s = calloc(1, sizeof(*s))) == NULL) {
		log_warn("sync");
		return NULL;
	}
	s->pl = pl;
	s->conf = conf;
	s->ss = *ss;
	explicit_bzero(ss, sizeof(*ss));
	if (sync_alloc(s, base) == -1) {
		log_warnx("sync: cannot set up; the whitelist is not shared");
		sync_free(s);
		return NULL;
	}
	sync_load_blocking(s);
	event_add(s->ev_tick, &tick);
	sync_connect(s);
	return s;
}

void
sync_stats(const struct sync *s, struct nl_stats *st)
{
	if (s == NULL)
		return;
	st->sync_sent = s->sent;
	st->sync_received = s->received;
	st->sync_refused = s->refused;
	st->sync_dropped = s->dropped;
}

void
sync_free(struct sync *s)
{
	redisAsyncContext	*ac;

	if (s == NULL)
		return;
	if ((ac = s->cmd) != NULL) {
		s->cmd = NULL;
		redisAsyncFree(ac);
	}
	if ((ac = s->sub) != NULL) {
		s->sub = NULL;
		redisAsyncFree(ac);
	}
	if (s->ev_tick != NULL)
		event_free(s->ev_tick);
	if (s->ev_down != NULL)
		event_free(s->ev_down);
	if (s->ev_retry != NULL)
		event_free(s->ev_retry);
	nl_sync_state_free(s->st);
	free(s->queue);
	explicit_bzero(&s->ss, sizeof(s->ss));
	free(s);
}

/* --- show sync --- */

static const char *const state_names[] = {
	[SYNC_DOWN] = "down",
	[SYNC_CONNECTING] = "connecting",
	[SYNC_UP] = "connected",
};

struct sync_out {
	char	*buf;
	size_t	 size;
	size_t	 len;
};

static void
out_add(struct sync_out *o, const char *fmt, ...)
	__attribute__((__format__(__printf__, 2, 3)));

static void
out_add(struct sync_out *o, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	if (o->len + 1 >= o->size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->len, o->size - o->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	o->len += (size_t)n;
	if (o->len >= o->size)
		o->len = o->size - 1;
}

static void
sync_show_peers(const struct sync *s, struct sync_out *o, int json,
    time_t now)
{
	const struct sync_peer	*p;
	size_t			 i;
	int			 first = 1;

	for (i = 0; i < SYNC_MAXPEERS; i++) {
		p = &s->peers[i];
		if (p->id[0] == '\0' || now - p->seen > SYNC_PEER_FRESH)
			continue;
		if (json)
			out_add(o, "%s{\"id\":\"%s\",\"seen\":%lld,"
			    "\"lag_ms\":%lld}", first ? "" : ",", p->id,
			    (long long)(now - p->seen), (long long)p->lag_ms);
		else
			out_add(o, "peer %s: seen %llds ago, lag %lld ms\n",
			    p->id, (long long)(now - p->seen),
			    (long long)p->lag_ms);
		first = 0;
	}
}

static size_t
sync_peer_count(const struct sync *s, time_t now)
{
	size_t	i, n = 0;

	for (i = 0; i < SYNC_MAXPEERS; i++)
		if (s->peers[i].id[0] != '\0' &&
		    now - s->peers[i].seen <= SYNC_PEER_FRESH)
			n++;
	return n;
}

static void
sync_show_json(const struct sync *s, struct sync_out *o, time_t now)
{
	out_add(o, "{\"configured\":true,\"state\":\"%s\",\"server\":"
	    "\"%s:%u\",\"group\":\"%s\",\"id\":\"%s\",\"for\":%lld,"
	    "\"peers\":[", state_names[s->state], s->ss.addr, s->ss.port,
	    s->conf->sync.group, s->ss.node, (long long)(now - s->since));
	sync_show_peers(s, o, 1, now);
	out_add(o, "],\"sent\":%llu,\"received\":%llu,\"refused\":%llu,"
	    "\"ignored\":%llu,\"dropped\":%llu,\"queued\":%zu,"
	    "\"connects\":%llu,\"tombstones\":%u}\n",
	    (unsigned long long)s->sent, (unsigned long long)s->received,
	    (unsigned long long)s->refused, (unsigned long long)s->ignored,
	    (unsigned long long)s->dropped, s->qlen,
	    (unsigned long long)s->reconnects, nl_sync_tomb_count(s->st));
}

static void
sync_show_text(const struct sync *s, struct sync_out *o, time_t now)
{
	out_add(o, "state: %s (for %llds)\nserver: %s:%u\ngroup: %s\n"
	    "id: %s\n", state_names[s->state], (long long)(now - s->since),
	    s->ss.addr, s->ss.port, s->conf->sync.group, s->ss.node);
	if (s->state != SYNC_UP && s->why[0] != '\0')
		out_add(o, "last error: %s\n", s->why);
	out_add(o, "peers: %zu\n", sync_peer_count(s, now));
	sync_show_peers(s, o, 0, now);
	out_add(o, "sent: %llu\nreceived: %llu\nrefused: %llu\nignored: %llu\n"
	    "dropped: %llu\nqueued: %zu\nconnects: %llu\ntombstones: %u\n",
	    (unsigned long long)s->sent, (unsigned long long)s->received,
	    (unsigned long long)s->refused, (unsigned long long)s->ignored,
	    (unsigned long long)s->dropped, s->qlen,
	    (unsigned long long)s->reconnects, nl_sync_tomb_count(s->st));
}

size_t
sync_show(const struct sync *s, char *buf, size_t size, int json)
{
	struct sync_out	o = { buf, size, 0 };

	buf[0] = '\0';
	if (s == NULL)
		out_add(&o, json ? "{\"configured\":false}\n" :
		    "state: off (no sync statement)\n");
	else if (json)
		sync_show_json(s, &o, time(NULL));
	else
		sync_show_text(s, &o, time(NULL));
	return o.len;
}

#endif	/* NOLIST_SYNC */
