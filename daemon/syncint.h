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
 * The sync client's parts (sync.h), with hiredis: the state they share
 * and what each file offers the others.
 *	sync.c		set up and torn down
 *	syncconn.c	the connections, backoff, the tick
 *	syncload.c	the loads from the server, the table written back
 *	syncpub.c	this host's changes published, the bounded queue
 *	syncrecv.c	the peers' changes checked and applied
 *	syncshow.c	show sync and the counters
 */
#ifndef NL_SYNCINT_H
#define NL_SYNCINT_H

#include <hiredis/hiredis.h>
#include <hiredis/async.h>

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

uint64_t	 sync_now_ms(void);

/* syncconn.c */
void		 sync_connect(struct sync *);
void		 sync_close(struct sync *);
void		 sync_fail(struct sync *, const char *, const char *);
void		 sync_down(int, short, void *);
void		 sync_retry(int, short, void *);
void		 sync_tick(int, short, void *);

/* syncload.c */
void		 sync_load(struct sync *);
void		 sync_load_blocking(struct sync *);
void		 sync_push_table(struct sync *);

/* syncpub.c */
void		 sync_cmd_reply(redisAsyncContext *, void *, void *);
void		 sync_flush_queue(struct sync *);

/* syncrecv.c */
void		 sync_refuse(struct sync *, const char *, size_t);
void		 sync_take(struct sync *, struct nl_sync_msg *);
void		 sync_on_message(redisAsyncContext *, void *, void *);

#endif
