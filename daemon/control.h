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
 * The control socket: nolistctl's requests, served on the daemon's event
 * loop without ever blocking it. The privileged parent creates the socket
 * with control_listen before it drops privileges; the process that owns
 * the whitelist serves it with control_new.
 *
 * The wire protocol is described in lib/ctlproto.h. At most
 * CONTROL_MAXCONN connections are served at once; a request must arrive
 * within CONTROL_REQ_TIMEOUT seconds and a response must make progress
 * every CONTROL_WRITE_TIMEOUT seconds, or the connection is closed.
 * Responses are produced as the client reads them, so a long whitelist
 * costs its snapshot (count * sizeof(struct nl_wl_item)) and a bounded
 * output queue, whatever the client does. The process must ignore
 * SIGPIPE.
 */
#ifndef NL_CONTROL_H
#define NL_CONTROL_H

#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "livepool.h"
#include "tracker.h"
#include "turnaway.h"
#include "whitelist.h"

#define CONTROL_MAXCONN		16
#define CONTROL_REQ_TIMEOUT	5	/* seconds to send the request */
#define CONTROL_WRITE_TIMEOUT	10	/* seconds without reading */
#define CONTROL_LIFETIME	120	/* seconds a connection may last */

struct event_base;

/*
 * The socket serves a tracker's whitelist and changes it with reason
 * manual. What its owner adds, each called with its arg when not NULL:
 * stats fills the figures shown instead of the tracker's own, changed
 * runs after every add, delete or flush, to send the changes on;
 * show_sync writes show sync's body (text, or JSON when the int is 1)
 * and returns its length, CONTROL_SYNCMAX bytes at most with the NUL;
 * turned returns the table show turned-away lists (a snapshot of at
 * most NL_TA_SIZE entries, sent as the client reads); pools gives the
 * live sender pools for show pools.
 */
struct control_hooks {
	void		(*stats)(void *, struct nl_stats *);
	void		(*changed)(void *);
	size_t		(*show_sync)(void *, char *, size_t, int);
	/* the turned-away senders, for show turned-away */
	const struct nl_ta *(*turned)(void *);
	/* the live sender pools, NULL when there are none */
	const struct nl_livepool *(*pools)(void *);
};

#define CONTROL_SYNCMAX		4096

struct control;

int		 control_listen(const char *, char *, size_t);
struct control	*control_new(struct event_base *, int, struct nl_tracker *,
		    const struct control_hooks *, void *);
void		 control_free(struct control *);

#endif
