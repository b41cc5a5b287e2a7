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
 * Framed messages between the privileged parent and the engine, in the
 * manner of OpenBSD's imsg: a fixed header (type, payload length) and
 * the payload, over a non-blocking stream socketpair. A length is never
 * trusted: one larger than MSG_MAXPAYLOAD is an error, and each reader
 * checks the payload size its type must have.
 */
#ifndef NL_MSG_H
#define NL_MSG_H

#include <stddef.h>
#include <stdint.h>

#include "tracker.h"

#define MSG_HDRLEN	8
#define MSG_MAXPAYLOAD	(64 * 1024)
/* what may wait to be written: a restore of a large table, in chunks */
#define MSG_MAXQUEUE	(64 * 1024 * 1024)
/* spf-walk ranges in all: they go in one MSG_STATIC */
#define MSG_MAXSTATIC	(MSG_MAXPAYLOAD / sizeof(struct nl_change))

enum msg_type {
	MSG_CHANGES = 1,	/* engine -> parent: struct nl_change[] */
	MSG_RESTORE,		/* parent -> engine: struct nl_change[]; an
				   empty one ends the restore */
	MSG_CONFIG,		/* parent -> engine: struct nl_config */
	MSG_STATS,		/* parent -> engine: log the stats */
	MSG_SHUTDOWN,		/* parent -> engine: flush and exit */
	MSG_STATSFILE,		/* engine -> parent: struct msg_stats */
	MSG_SETUP,		/* parent -> engine: struct engine_msg_setup */
	MSG_DROPPED,		/* parent -> engine: struct nl_change[] the
				   table does not hold: forget them */
	MSG_STATIC,		/* engine -> parent: struct nl_change[], the
				   spf-walk ranges, all of them */
	MSG_TYPE_MAX
};

/* the counters for stats-file, which the chrooted engine cannot write */
struct msg_stats {
	struct nl_stats	 st;
	uint32_t	 table_size;
};

struct msg {
	uint32_t	 type;
	uint32_t	 len;
	const uint8_t	*data;	/* valid until the next msg_read */
};

struct msgbuf {
	int	 fd;
	uint8_t	*rbuf;		/* MSG_HDRLEN + MSG_MAXPAYLOAD bytes */
	size_t	 rlen;		/* bytes in rbuf */
	size_t	 roff;		/* start of the first unread message */
	uint8_t	*wbuf;
	size_t	 wlen;
	size_t	 wcap;
};

int	msgbuf_init(struct msgbuf *, int);
void	msgbuf_clear(struct msgbuf *);
int	msg_compose(struct msgbuf *, uint32_t, const void *, size_t);
int	msg_flush(struct msgbuf *);
int	msg_flush_all(struct msgbuf *);
int	msg_read(struct msgbuf *);
int	msg_get(struct msgbuf *, struct msg *);

#endif
