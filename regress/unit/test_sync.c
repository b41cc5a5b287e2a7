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
 * The sync messages (lib/syncmsg.c), the convergence rules and rate
 * bound (lib/syncstate.c) and the sync statement (lib/syncconf.c).
 */
#include <string.h>

#include "config.h"
#include "syncconf.h"
#include "syncmsg.h"
#include "syncstate.h"
#include "t.h"


static struct nl_change
change(const char *pfx, int op, int reason, uint32_t expires, long sec)
{
	struct nl_change	c;
	int			plen;

	memset(&c, 0, sizeof(c));
	nl_prefix_parse(pfx, &c.addr, &plen);
	c.plen = plen;
	c.op = op;
	c.reason = reason;
	c.expires = expires;
	c.time.tv_sec = sec;
	c.time.tv_usec = 250000;
	return c;
}

static int
decodes(const char *s, struct nl_sync_msg *m)
{
	const char	*why;

	return nl_sync_decode(s, strlen(s), m, &why) == 0;
}

static void
test_encode(void)
{
	struct nl_change	c;
	char			buf[NL_SYNC_MSGMAX];
	struct nl_sync_msg	m;

	c = change("198.51.100.10/32", NL_OP_ADD, NL_REASON_FAKEMX, 2000, 1000);
	T(nl_sync_encode(buf, sizeof(buf), "fwa.1", &c) > 0);
	T_STR(buf, "1 fwa.1 add 198.51.100.10/32 2000 1000250 fake-mx");
	T(decodes(buf, &m) && m.op == NL_SYNC_ADD && m.plen == 32 &&
	    m.expires == 2000 && m.time_ms == 1000250 &&
	    m.reason == NL_REASON_FAKEMX && strcmp(m.id, "fwa.1") == 0);
	c = change("2001:db8:100::/64", NL_OP_DELETE, NL_REASON_MANUAL, 5,
	    7);
	T(nl_sync_encode(buf, sizeof(buf), "b", &c) > 0);
	T_STR(buf, "1 b delete 2001:db8:100::/64 5 7250 manual");
	/* not shared: evictions, restores, what came from the peers */
	c.reason = NL_REASON_EVICT;
	T(nl_sync_encode(buf, sizeof(buf), "b", &c) == 0);
	c.op = NL_OP_ADD;
	c.reason = NL_REASON_SYNC;
	T(nl_sync_encode(buf, sizeof(buf), "b", &c) == 0);
	c.reason = NL_REASON_RESTORE;
	T(nl_sync_encode(buf, sizeof(buf), "b", &c) == 0);
	T(nl_sync_encode_hello(buf, sizeof(buf), "b", 42) > 0);
	T_STR(buf, "1 b hello 42");
	T(decodes(buf, &m) && m.op == NL_SYNC_HELLO && m.time_ms == 42);
	T(nl_sync_encode(buf, 10, "b", &c) == 0);
}

static void
test_decode_refuses(void)
{
	static const char *const bad[] = {
		"", "garbage", "2 a add 192.0.2.1/32 1 1 fake-mx",
		"1 a add 192.0.2.1/32 1 1 fake-mx ",
		"1 a  add 192.0.2.1/32 1 1 fake-mx",
		"1 a add 192.0.2.1 1 1 fake-mx",
		"1 a add 192.0.2.1/33 1 1 fake-mx",
		"1 a add 192.0.2.1/32 01 1 fake-mx",
		"1 a add 192.0.2.1/32 4294967296 1 fake-mx",
		"1 a add 192.0.2.1/32 -1 1 fake-mx",
		"1 a add 192.0.2.1/32 1 1 fake",
		"1 a add 192.0.2.1/32 1 1",
		"1 a;b add 192.0.2.1/32 1 1 fake-mx",
		"1 a frob 192.0.2.1/32 1 1 fake-mx",
		"1 a hello", "1 a hello 1 2", "1 a\tadd 192.0.2.1/32 1 1 x",
		"1 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa hello 1",
	};
	struct nl_sync_msg	m;
	size_t			i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (decodes(bad[i], &m))
			t_check(0, bad[i], __FILE__, __LINE__);
		else
			t_check(1, bad[i], __FILE__, __LINE__);
	/* a NUL inside */
	T(nl_sync_decode("1 a hello 1\0x", 13, &m, &(const char *){ 0 }) ==
	    -1);
}

static void
test_check(void)
{
	struct nl_sync_msg	m;
	const char		*why;
	uint64_t		now = 1000000000ULL * 1000;

	T(decodes("1 a add 10.0.0.0/7 1000000100 1000000000000 fake-mx", &m));
	T(nl_sync_check(&m, now, 3600, &why) == NL_SYNC_BAD);
	T(decodes("1 a add 2001:db8::/15 1000000100 1000000000000 pool", &m));
	T(nl_sync_check(&m, now, 3600, &why) == NL_SYNC_BAD);
	T(decodes("1 a add 10.0.0.0/8 1000000100 1000000000000 pool", &m));
	T(nl_sync_check(&m, now, 3600, &why) == NL_SYNC_OK);
	/* the expiry is clamped to now plus the whitelist time */
	T(decodes("1 a add 192.0.2.1/32 4000000000 1000000000000 fake-mx",
	    &m));
	T(nl_sync_check(&m, now, 3600, &why) == NL_SYNC_OK &&
	    m.expires == 1000003600);
	/* expired already: ignored, not hostile */
	T(decodes("1 a add 192.0.2.1/32 999999999 1000000000000 fake-mx",
	    &m));
	T(nl_sync_check(&m, now, 3600, &why) == NL_SYNC_STALE);
	/* a clock far ahead */
	T(decodes("1 a add 192.0.2.1/32 1000000100 1000000061000 fake-mx",
	    &m));
	T(nl_sync_check(&m, now, 3600, &why) == NL_SYNC_BAD);
}

static struct nl_sync_msg
msg(int op, const char *pfx, uint32_t expires, uint32_t sec)
{
	struct nl_sync_msg	m;

	memset(&m, 0, sizeof(m));
	m.op = op;
	nl_prefix_parse(pfx, &m.addr, &m.plen);
	m.expires = expires;
	m.time_ms = (uint64_t)sec * 1000;
	return m;
}

static void
test_converge(void)
{
	struct nl_sync_state	*st = nl_sync_state_new(4, 0);
	struct nl_sync_msg	 m;
	struct nl_wl_item	 local;

	memset(&local, 0, sizeof(local));
	/* latest expiry wins; duplicates change nothing */
	m = msg(NL_SYNC_ADD, "192.0.2.1/32", 5000, 1000);
	T(nl_sync_decide(st, &m, NULL, 3600) == NL_SYNC_APPLY_ADD);
	local.expires = 5000;
	T(nl_sync_decide(st, &m, &local, 3600) == NL_SYNC_IGNORE);
	m.expires = 4000;
	T(nl_sync_decide(st, &m, &local, 3600) == NL_SYNC_IGNORE);
	m.expires = 6000;
	T(nl_sync_decide(st, &m, &local, 3600) == NL_SYNC_APPLY_ADD);
	/* a delete wins over adds decided before it, not after */
	local.expires = 1000 + 3600;
	m = msg(NL_SYNC_DELETE, "192.0.2.1/32", 0, 2000);
	T(nl_sync_decide(st, &m, &local, 3600) == NL_SYNC_APPLY_DELETE);
	m = msg(NL_SYNC_ADD, "192.0.2.1/32", 9000, 1999);
	T(nl_sync_decide(st, &m, NULL, 3600) == NL_SYNC_IGNORE);
	m = msg(NL_SYNC_ADD, "192.0.2.1/32", 9000, 2000);
	T(nl_sync_decide(st, &m, NULL, 3600) == NL_SYNC_IGNORE);
	m = msg(NL_SYNC_ADD, "192.0.2.1/32", 9000, 2001);
	T(nl_sync_decide(st, &m, NULL, 3600) == NL_SYNC_APPLY_ADD);
	/* a late delete does not remove an entry added after it */
	local.expires = 2500 + 3600;
	m = msg(NL_SYNC_DELETE, "192.0.2.1/32", 0, 2400);
	T(nl_sync_decide(st, &m, &local, 3600) == NL_SYNC_IGNORE);
	/* an older delete does not replace a newer tombstone */
	m = msg(NL_SYNC_DELETE, "192.0.2.1/32", 0, 2200);
	T(nl_sync_decide(st, &m, NULL, 3600) == NL_SYNC_IGNORE);
	m = msg(NL_SYNC_ADD, "192.0.2.1/32", 9000, 2300);
	T(nl_sync_decide(st, &m, NULL, 3600) == NL_SYNC_IGNORE);
	/* tombstones are forgotten a whitelist time later */
	nl_sync_tomb_expire(st, 2400 + 3600, 3600);
	T(nl_sync_tomb_count(st) == 0);
	T(nl_sync_decide(st, &m, NULL, 3600) == NL_SYNC_APPLY_ADD);
	/* expiry: only if no peer lengthened it */
	m = msg(NL_SYNC_EXPIRE, "192.0.2.1/32", 5000, 5000);
	local.expires = 5000;
	T(nl_sync_decide(st, &m, &local, 3600) == NL_SYNC_APPLY_EXPIRE);
	local.expires = 5060;
	T(nl_sync_decide(st, &m, &local, 3600) == NL_SYNC_IGNORE);
	T(nl_sync_decide(st, &m, NULL, 3600) == NL_SYNC_IGNORE);
	nl_sync_state_free(st);
}

static void
test_rate(void)
{
	struct nl_sync_state	*st = nl_sync_state_new(4, 10);
	int			 i, n = 0;

	for (i = 0; i < 100; i++)
		n += nl_sync_rate_ok(st, 1000);
	T(n == 10);
	T(nl_sync_rate_ok(st, 1050) == 0);
	T(nl_sync_rate_ok(st, 1100) == 1);
	T(nl_sync_rate_ok(st, 1100) == 0);
	for (n = 0, i = 0; i < 100; i++)
		n += nl_sync_rate_ok(st, 60000);
	T(n == 10);
	nl_sync_state_free(st);
	st = nl_sync_state_new(4, 0);
	for (n = 0, i = 0; i < 100; i++)
		n += nl_sync_rate_ok(st, 1);
	T(n == 100);
	nl_sync_state_free(st);
}

static int
parses(const char *line, struct nl_config *cfg)
{
	char	buf[512];

	snprintf(buf, sizeof(buf), "fake-mx 192.0.2.1\nreal-mx 192.0.2.2\n"
	    "%s\n", line);
	return nl_config_parse_buf("t", buf, strlen(buf), cfg, NULL,
	    NULL) == 0;
}

static void
test_conf(void)
{
	struct nl_config	cfg;

	T(parses("# none", &cfg) && cfg.sync.host[0] == '\0' &&
	    cfg.sync.port == 6379 && strcmp(cfg.sync.group, "nolistd") == 0);
	T(parses("sync 192.0.2.100 port 6380 auth \"/etc/nolistd.sync\" "
	    "group mx-example name fw-a queue 50 rate 0", &cfg));
	T_STR(cfg.sync.host, "192.0.2.100");
	T(cfg.sync.port == 6380 && cfg.sync.queue == 50 &&
	    cfg.sync.rate == 0);
	T_STR(cfg.sync.auth_file, "/etc/nolistd.sync");
	T_STR(cfg.sync.group, "mx-example");
	T_STR(cfg.sync.name, "fw-a");
	T(!parses("sync", &cfg));
	T(!parses("sync 192.0.2.100 port", &cfg));
	T(!parses("sync 192.0.2.100 port 0", &cfg));
	T(!parses("sync 192.0.2.100 auth relative", &cfg));
	T(!parses("sync 192.0.2.100 group a:b", &cfg));
	T(!parses("sync 192.0.2.100 queue 0", &cfg));
	T(!parses("sync 192.0.2.100 colour blue", &cfg));
	T(!parses("sync 192.0.2.100\nsync 192.0.2.101", &cfg));
}

int
main(void)
{
	test_encode();
	test_decode_refuses();
	test_check();
	test_converge();
	test_rate();
	test_conf();
	return t_done();
}
