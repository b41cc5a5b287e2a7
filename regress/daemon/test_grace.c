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
 * The start-up grace period of lib/tracker.c: until it ends, a blocked
 * SYN to a real MX from an unknown sender is not counted, but it is
 * handed to the direct callback (live pools let senders in from the
 * first second); from its last second on it is counted too. Fake-MX
 * SYNs and renewals are not affected.
 */
#include <string.h>

#include "config.h"
#include "record.h"
#include "t.h"
#include "tracker.h"

static int	ndirect;

static void
on_direct(void *arg, const struct nl_addr *a, const struct timeval *now)
{
	(void)arg;
	(void)a;
	(void)now;
	ndirect++;
}

static void
syn(struct nl_tracker *t, const char *src, const char *dst, int action,
    time_t when)
{
	struct nl_record	r;

	memset(&r, 0, sizeof(r));
	r.time.tv_sec = when;
	r.rule = -1;
	nl_addr_parse(src, &r.src);
	nl_addr_parse(dst, &r.dst);
	r.sport = 40000;
	r.dport = 25;
	r.tcpflags = NL_TH_SYN;
	r.proto = NL_PROTO_TCP;
	r.action = action;
	nl_tracker_record(t, &r);
}

int
main(void)
{
	static struct nl_config	 conf;
	struct nl_tracker_cb	 cb;
	struct nl_tracker	*t;
	struct nl_stats		*st;
	const time_t		 start = 1800000000;

	nl_config_defaults(&conf);
	nl_addr_parse("192.0.2.1", &conf.fake_mx[0]);
	conf.nfake_mx = 1;
	nl_addr_parse("192.0.2.2", &conf.real_mx[0]);
	conf.nreal_mx = 1;
	conf.max_entries = 16;
	memset(&cb, 0, sizeof(cb));
	cb.direct = on_direct;
	T((t = nl_tracker_new(&conf, &cb)) != NULL);
	st = nl_tracker_stats(t);

	nl_tracker_set_grace(t, start + 60);
	syn(t, "203.0.113.66", "192.0.2.2", NL_ACT_BLOCK, start);
	syn(t, "203.0.113.66", "192.0.2.2", NL_ACT_BLOCK, start + 59);
	T(st->direct == 0 && ndirect == 2);
	/* a fake-MX sender is whitelisted during the grace period */
	syn(t, "198.51.100.10", "192.0.2.1", NL_ACT_BLOCK, start + 1);
	T(st->fake_mx == 1 && st->whitelisted == 1);
	syn(t, "203.0.113.66", "192.0.2.2", NL_ACT_BLOCK, start + 60);
	T(st->direct == 1 && ndirect == 3);
	/* no grace period: counted at once, as the replay needs */
	nl_tracker_set_grace(t, 0);
	syn(t, "203.0.113.67", "192.0.2.2", NL_ACT_BLOCK, start + 61);
	T(st->direct == 2 && ndirect == 4);
	nl_tracker_free(t);
	return t_done();
}
