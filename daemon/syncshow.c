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
 * The sync client (syncint.h): nolistctl show sync, and its counters in
 * show stats and the stats file.
 */
#include <sys/types.h>

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "sync.h"

#ifdef NOLIST_SYNC

#include "syncint.h"

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
