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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "turned.h"

struct turned *
turned_new(const struct nl_config *conf, struct nl_stats *st)
{
	struct turned	*tu;

	if ((tu = calloc(1, sizeof(*tu))) == NULL)
		return NULL;
	if ((tu->ta = nl_ta_new(NL_TA_SIZE, conf->turned_away_time)) == NULL) {
		free(tu);
		return NULL;
	}
	tu->st = st;
	return tu;
}

void
turned_free(struct turned *tu)
{
	if (tu == NULL)
		return;
	nl_ta_free(tu->ta);
	free(tu);
}

void
turned_set_config(struct turned *tu, const struct nl_config *conf)
{
	nl_ta_set_window(tu->ta, conf->turned_away_time);
}

static void
turned_count(struct turned *tu)
{
	struct nl_ta_stats	s;

	nl_ta_stats(tu->ta, &s);
	tu->st->turned_away = s.turned;
	tu->st->turned_legit = s.likely;
}

/* a minute's worth of notices by the records' clock, then a summary */
static int
turned_may_tell(struct turned *tu)
{
	int64_t	now = tu->now.tv_sec;

	if (now - tu->window_start >= TURNED_NOTICE_WINDOW) {
		if (tu->suppressed > 0)
			log_notice("turned away: %u more likely legitimate "
			    "senders not logged; see nolistctl show "
			    "turned-away", tu->suppressed);
		tu->window_start = now;
		tu->notices = 0;
		tu->suppressed = 0;
	}
	if (tu->notices < TURNED_NOTICES) {
		tu->notices++;
		return 1;
	}
	tu->suppressed++;
	return 0;
}

static void
turned_tell(struct turned *tu, const struct nl_ta_item *it)
{
	char	addr[NL_ADDRSTRLEN];

	turned_count(tu);
	if (!turned_may_tell(tu))
		return;
	nl_addr_ntop(&it->addr, addr, sizeof(addr));
	log_notice("turned away: %s%s%s%s tried only the fake MX, %u times "
	    "over %llds: a legitimate mailer, %d%% sure; to let it in: "
	    "nolistctl add %s", addr, it->name[0] != '\0' ? " (" : "",
	    it->name, it->name[0] != '\0' ? ")" : "", it->visits,
	    (long long)(it->last - it->first), nl_ta_sure(it), addr);
}

void
turned_fake_mx(struct turned *tu, const struct nl_addr *src,
    const struct timeval *now)
{
	struct nl_ta_item	it;

	tu->now = *now;
	if (nl_ta_fake_mx(tu->ta, src, now->tv_sec) == 1 &&
	    nl_ta_get(tu->ta, src, &it) == 0)
		turned_tell(tu, &it);
}

void
turned_reached(struct turned *tu, const struct nl_addr *src)
{
	nl_ta_reached(tu->ta, src);
}

static void
turned_one(void *arg, const struct nl_ta_item *it, int likely)
{
	struct turned	*tu = arg;

	if (likely)
		turned_tell(tu, it);
	if (!it->asked && tu->ask != NULL)
		tu->ask(tu->ask_arg, &it->addr, &tu->now);
}

void
turned_expire(struct turned *tu, const struct timeval *now)
{
	tu->now = *now;
	nl_ta_expire(tu->ta, now->tv_sec, turned_one, tu);
	turned_count(tu);
}

/*
 * What DNS found: status 1, the forward-confirmed name; 0, none; -1, a
 * failure, after which the sender stays unknown.
 */
void
turned_name(struct turned *tu, const struct nl_addr *src, const char *name,
    int status)
{
	struct nl_ta_item	it;
	int			state = NL_TA_NAME_UNKNOWN;

	if (status == 1)
		state = nl_ta_generic_name(name, src) ? NL_TA_NAME_GENERIC :
		    NL_TA_NAME_OK;
	else if (status == 0)
		state = NL_TA_NAME_NONE;
	if (nl_ta_set_name(tu->ta, src, state, status == 1 ? name : NULL) ==
	    1 && nl_ta_get(tu->ta, src, &it) == 0)
		turned_tell(tu, &it);
}
