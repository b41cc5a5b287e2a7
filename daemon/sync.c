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

#include "syncint.h"

const char *
sync_library(void)
{
	static char	name[32];

	snprintf(name, sizeof(name), "hiredis %d.%d.%d", HIREDIS_MAJOR,
	    HIREDIS_MINOR, HIREDIS_PATCH);
	return name;
}

uint64_t
sync_now_ms(void)
{
	struct timeval	tv;

	gettimeofday(&tv, NULL);
	return (uint64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
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
sync_free(struct sync *s)
{
	if (s == NULL)
		return;
	sync_close(s);
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

#endif	/* NOLIST_SYNC */
