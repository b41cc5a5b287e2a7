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
 * The control protocol: every request form, every rejection, the
 * formatted answers, and encode/decode round trips.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "compat.h"
#include "ctlproto.h"
#include "t.h"

static struct nl_ctl_req	req;
static char			err[NL_CTL_MAXERR];

static int
parse(const char *s)
{
	err[0] = '\0';
	return nl_ctl_parse(s, strlen(s), &req, err, sizeof(err));
}

static int
parse_fails(const char *s, const char *want)
{
	return parse(s) == -1 && strcmp(err, want) == 0;
}

static const char *
prefix_of(const struct nl_ctl_req *r)
{
	static char	buf[NL_PREFIXSTRLEN];

	return nl_prefix_ntop(&r->addr, r->plen, buf, sizeof(buf));
}

static void
test_forms(void)
{
	T(parse("show whitelist") == 0 && req.cmd == NL_CTL_SHOW_WHITELIST &&
	    !req.json);
	T(parse("show stats") == 0 && req.cmd == NL_CTL_SHOW_STATS);
	T(parse("json show stats") == 0 && req.cmd == NL_CTL_SHOW_STATS &&
	    req.json);
	T(parse("json show whitelist") == 0 && req.json &&
	    req.cmd == NL_CTL_SHOW_WHITELIST);
	T(parse("flush") == 0 && req.cmd == NL_CTL_FLUSH);
	T(parse("json show pools") == 0 && req.cmd == NL_CTL_SHOW_POOLS &&
	    req.json);
	T(parse("json show turned-away") == 0 && req.json &&
	    req.cmd == NL_CTL_SHOW_TURNED);
	T(parse("json flush") == 0 && req.cmd == NL_CTL_FLUSH && req.json);
	T(parse("add 192.0.2.10") == 0 && req.cmd == NL_CTL_ADD &&
	    req.addr.af == NL_AF4 && req.plen == 32);
	T_STR(prefix_of(&req), "192.0.2.10/32");
	T(parse("add 198.51.100.0/24") == 0 && req.plen == 24);
	T_STR(prefix_of(&req), "198.51.100.0/24");
	/* host bits are masked off, as everywhere else */
	T(parse("delete 203.0.113.77/24") == 0 && req.cmd == NL_CTL_DELETE);
	T_STR(prefix_of(&req), "203.0.113.0/24");
	T(parse("add 2001:db8::1") == 0 && req.addr.af == NL_AF6 &&
	    req.plen == 128);
	T(parse("json delete 2001:db8:1::/48") == 0 && req.json &&
	    req.plen == 48);
	T_STR(prefix_of(&req), "2001:db8:1::/48");
	/* extra spaces between and around words are fine */
	T(parse("  show   stats  ") == 0 && req.cmd == NL_CTL_SHOW_STATS);
	T(parse("add 0.0.0.0/0") == 0 && req.plen == 0);
}

static void
test_rejections(void)
{
	char	big[NL_CTL_MAXREQ + 8];

	T(parse_fails("", "empty request"));
	T(parse_fails("   ", "empty request"));
	T(parse_fails("json", "missing command"));
	T(parse_fails("frob", "unknown command \"frob\""));
	T(parse_fails("SHOW stats", "unknown command \"SHOW\""));
	T(parse_fails("show",
	    "show what: whitelist, stats, sync, turned-away or pools"));
	T(parse_fails("show tables", "unknown object \"tables\""));
	T(parse_fails("show stats now", "too many words"));
	T(parse_fails("flush all", "too many words"));
	T(parse_fails("add", "missing address"));
	T(parse_fails("add 192.0.2.300", "bad address \"192.0.2.300\""));
	T(parse_fails("add 192.0.2.1/33", "bad address \"192.0.2.1/33\""));
	T(parse_fails("add 192.0.2.1/-1", "bad address \"192.0.2.1/-1\""));
	T(parse_fails("add 192.0.2.1/", "bad address \"192.0.2.1/\""));
	T(parse_fails("delete 2001:db8::/129",
	    "bad address \"2001:db8::/129\""));
	T(parse_fails("add example.org", "bad address \"example.org\""));
	T(parse_fails("add 192.0.2.1 192.0.2.2", "too many words"));
	T(parse_fails("json json show stats", "unknown command \"json\""));
	T(parse_fails("a b c d e", "too many words"));
	/* a long bad word is quoted cut short */
	memset(big, 'x', 100);
	memcpy(big, "add ", 4);
	big[100] = '\0';
	T(parse(big) == -1 && strncmp(err, "bad address \"xxx", 16) == 0 &&
	    strlen(err) < 60);
	/* bytes that are not printable ASCII, wherever they are */
	T(parse_fails("show\tstats", "request is not printable text"));
	T(parse_fails("show stats\r", "request is not printable text"));
	T(parse_fails("show st\xc3\xa4ts", "request is not printable text"));
	T(parse_fails("\x7f", "request is not printable text"));
	T(nl_ctl_parse("show\0stats", 10, &req, err, sizeof(err)) == -1 &&
	    strcmp(err, "request is not printable text") == 0);
	/* the length bound: 511 bytes are a request, 512 are not */
	memset(big, ' ', sizeof(big));
	memcpy(big + NL_CTL_MAXREQ - 1 - 10, "show stats", 10);
	T(nl_ctl_parse(big, NL_CTL_MAXREQ - 1, &req, err, sizeof(err)) == 0 &&
	    req.cmd == NL_CTL_SHOW_STATS);
	T(nl_ctl_parse(big, NL_CTL_MAXREQ, &req, err, sizeof(err)) == -1 &&
	    strcmp(err, "request too long") == 0);
	/* a short error buffer is cut, never overrun */
	T(nl_ctl_parse("frob", 4, &req, err, 8) == -1 &&
	    strcmp(err, "unknown") == 0);
}

static void
test_args(void)
{
	char	*show_stats[] = { "show", "stats" };
	char	*add[] = { "add", "2001:db8::5/64" };
	char	*bad[] = { "add", "2001:db8::zz" };
	char	*extra[] = { "flush", "now" };
	char	*many[] = { "show", "stats", "a", "b", "c" };

	T(nl_ctl_args(2, show_stats, 1, &req, err, sizeof(err)) == 0 &&
	    req.cmd == NL_CTL_SHOW_STATS && req.json);
	T(nl_ctl_args(2, add, 0, &req, err, sizeof(err)) == 0 &&
	    req.cmd == NL_CTL_ADD && !req.json);
	T_STR(prefix_of(&req), "2001:db8::/64");
	T(nl_ctl_args(2, bad, 0, &req, err, sizeof(err)) == -1);
	T_STR(err, "bad address \"2001:db8::zz\"");
	T(nl_ctl_args(2, extra, 0, &req, err, sizeof(err)) == -1);
	T_STR(err, "too many words");
	T(nl_ctl_args(5, many, 0, &req, err, sizeof(err)) == -1);
	T(nl_ctl_args(0, many, 0, &req, err, sizeof(err)) == -1);
	T_STR(err, "missing command");
}

/* what the client encodes, the daemon decodes to the same request */
static void
test_round_trips(void)
{
	static const char *lines[] = {
		"show whitelist", "json show whitelist", "show stats",
		"json show stats", "show pools", "json show pools", "flush",
		"json flush",
		"add 192.0.2.10/32", "json add 198.51.100.0/24",
		"delete 2001:db8::1/128", "json delete 2001:db8::/32",
		"add 0.0.0.0/0", "delete ::/0", "show turned-away",
		"json show turned-away",
	};
	struct nl_ctl_req	again;
	char			buf[NL_CTL_MAXREQ + 1], small[8];
	size_t			i, len;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		T(parse(lines[i]) == 0);
		len = nl_ctl_encode(buf, sizeof(buf), &req);
		T(len == strlen(lines[i]) + 1 && buf[len - 1] == '\n');
		T(strncmp(buf, lines[i], len - 1) == 0);
		T(nl_ctl_parse(buf, len - 1, &again, err, sizeof(err)) == 0);
		T(memcmp(&again, &req, sizeof(req)) == 0);
	}
	T(parse("show whitelist") == 0);
	T(nl_ctl_encode(small, sizeof(small), &req) == 0);
	memset(&req, 0, sizeof(req));
	T(nl_ctl_encode(buf, sizeof(buf), &req) == 0);
}

static void
test_whitelist_format(void)
{
	struct nl_wl_item	it;
	char			buf[NL_CTL_ITEMMAX];
	uint32_t		now = 1732260000;

	memset(&it, 0, sizeof(it));
	nl_addr_parse("192.0.2.10", &it.addr);
	it.plen = 32;
	it.reason = NL_REASON_FAKEMX;
	it.expires = now + 36 * 86400 - 3600;
	nl_ctl_fmt_wl_item(buf, sizeof(buf), &it, now, 0, 0);
	T_STR(buf, "192.0.2.10/32 expires 1735366800 (in 35d 23h) "
	    "reason fake-mx\n");
	it.expires = now + 7200 + 180;
	nl_ctl_fmt_wl_item(buf, sizeof(buf), &it, now, 0, 5);
	T_STR(buf, "192.0.2.10/32 expires 1732267380 (in 2h 3m) "
	    "reason fake-mx\n");
	it.expires = now + 65;
	nl_ctl_fmt_wl_item(buf, sizeof(buf), &it, now, 0, 5);
	T_STR(buf, "192.0.2.10/32 expires 1732260065 (in 1m 5s) "
	    "reason fake-mx\n");
	it.expires = now + 9;
	it.reason = NL_REASON_MANUAL;
	nl_ctl_fmt_wl_item(buf, sizeof(buf), &it, now, 0, 5);
	T_STR(buf, "192.0.2.10/32 expires 1732260009 (in 9s) reason manual\n");
	it.expires = now;
	nl_ctl_fmt_wl_item(buf, sizeof(buf), &it, now, 0, 5);
	T_STR(buf, "192.0.2.10/32 expires 1732260000 (expired) "
	    "reason manual\n");

	nl_ctl_fmt_wl_head(buf, sizeof(buf), 1);
	T_STR(buf, "[");
	nl_ctl_fmt_wl_item(buf, sizeof(buf), &it, now, 1, 0);
	T_STR(buf, "\n{\"addr\":\"192.0.2.10/32\",\"expires\":1732260000,"
	    "\"reason\":\"manual\"}");
	nl_addr_parse("2001:db8::", &it.addr);
	it.plen = 64;
	it.reason = NL_REASON_FCRDNS;
	nl_ctl_fmt_wl_item(buf, sizeof(buf), &it, now, 1, 1);
	T_STR(buf, ",\n{\"addr\":\"2001:db8::/64\",\"expires\":1732260000,"
	    "\"reason\":\"fcrdns\"}");
	nl_ctl_fmt_wl_tail(buf, sizeof(buf), 1, 2);
	T_STR(buf, "\n]\n");
	nl_ctl_fmt_wl_tail(buf, sizeof(buf), 1, 0);
	T_STR(buf, "]\n");
	nl_ctl_fmt_wl_head(buf, sizeof(buf), 0);
	T_STR(buf, "");
	nl_ctl_fmt_wl_tail(buf, sizeof(buf), 0, 2);
	T_STR(buf, "");
	/* a reason the code does not know is named, not trusted */
	it.reason = 200;
	nl_ctl_fmt_wl_item(buf, sizeof(buf), &it, now, 1, 1);
	T(strstr(buf, "\"reason\":\"unknown\"") != NULL);
	/* a short buffer is cut, NUL-terminated */
	T(nl_ctl_fmt_wl_item(buf, 10, &it, now, 0, 0) == 9 &&
	    strlen(buf) == 9);
}

static void
test_stats_format(void)
{
	struct nl_stats	st;
	char		buf[NL_CTL_STATSMAX];
	size_t		len;

	memset(&st, 0, sizeof(st));
	st.records = 1000;
	st.skipped = 1;
	st.fake_mx = 20;
	st.whitelisted = 25;
	st.renewed = 3;
	st.direct = 7;
	st.expired = 4;
	st.evicted = 2;
	st.dns_queries = 60;
	st.dns_failures = 5;
	st.pools_seeded = 6;
	st.pool_hits = 8;
	st.pools_refused_generic = 9;
	st.pools_refused_all = 10;
	st.pools_refused_wide = 11;
	st.pools_live = 12;
	st.capture_drops = 18446744073709551615ULL;
	st.sync_sent = 21;
	st.sync_received = 22;
	st.sync_refused = 23;
	st.sync_dropped = 24;
	st.turned_away = 25;
	st.turned_legit = 26;
	len = nl_ctl_fmt_stats(buf, sizeof(buf), &st, 19, 0);
	T(len == strlen(buf));
	T_STR(buf, "records: 1000\nskipped: 1\nfake_mx: 20\nwhitelisted: 25\n"
	    "renewed: 3\ndirect_to_second_mx: 7\nexpired: 4\nevicted: 2\n"
	    "dns_queries: 60\ndns_failures: 5\npools_seeded: 6\n"
	    "pool_hits: 8\npools_refused_generic: 9\npools_refused_all: 10\n"
	    "pools_refused_wide: 11\npools_live: 12\n"
	    "capture_drops: 18446744073709551615\nsync_sent: 21\n"
	    "sync_received: 22\nsync_refused: 23\nsync_dropped: 24\n"
	    "turned_away: 25\nturned_away_legitimate: 26\n"
	    "table_size: 19\n");
	nl_ctl_fmt_stats(buf, sizeof(buf), &st, 19, 1);
	T_STR(buf, "{\"records\":1000,\"skipped\":1,\"fake_mx\":20,"
	    "\"whitelisted\":25,\"renewed\":3,\"direct_to_second_mx\":7,"
	    "\"expired\":4,\"evicted\":2,\"dns_queries\":60,"
	    "\"dns_failures\":5,\"pools_seeded\":6,\"pool_hits\":8,"
	    "\"pools_refused_generic\":9,\"pools_refused_all\":10,"
	    "\"pools_refused_wide\":11,\"pools_live\":12,"
	    "\"capture_drops\":18446744073709551615,"
	    "\"sync_sent\":21,\"sync_received\":22,\"sync_refused\":23,"
	    "\"sync_dropped\":24,\"turned_away\":25,"
	    "\"turned_away_legitimate\":26,\"table_size\":19}\n");
	T(nl_ctl_nstats == 23);
	/* cut short, never overrun */
	len = nl_ctl_fmt_stats(buf, 20, &st, 19, 0);
	T(len == 19 && strlen(buf) == 19);
}

static void
test_answers(void)
{
	char	buf[NL_CTL_MAXERR + 16], msg[NL_CTL_MAXERR], big[600];

	nl_ctl_fmt_ok(buf, sizeof(buf));
	T_STR(buf, "ok\n");
	nl_ctl_fmt_error(buf, sizeof(buf), "bad address \"x\"");
	T_STR(buf, "error: bad address \"x\"\n");
	/* an error is always one printable line */
	nl_ctl_fmt_error(buf, sizeof(buf), "two\nlines\x01\xff");
	T_STR(buf, "error: two?lines??\n");
	memset(big, 'e', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	nl_ctl_fmt_error(buf, sizeof(buf), big);
	T(strlen(buf) == 7 + NL_CTL_MAXERR - 1 + 1 &&
	    buf[strlen(buf) - 1] == '\n');

	T(parse("add 192.0.2.10") == 0);
	nl_ctl_fmt_done(buf, sizeof(buf), &req, 0);
	T_STR(buf, "added 192.0.2.10/32\n");
	T(parse("json delete 2001:db8::/48") == 0);
	nl_ctl_fmt_done(buf, sizeof(buf), &req, 0);
	T_STR(buf, "{\"op\":\"delete\",\"addr\":\"2001:db8::/48\"}\n");
	T(parse("flush") == 0);
	nl_ctl_fmt_done(buf, sizeof(buf), &req, 3);
	T_STR(buf, "flushed 3\n");
	T(parse("json flush") == 0);
	nl_ctl_fmt_done(buf, sizeof(buf), &req, 3);
	T_STR(buf, "{\"op\":\"flush\",\"count\":3}\n");

	T(nl_ctl_status("ok", 2, msg, sizeof(msg)) == 0);
	T(nl_ctl_status("error: not in the whitelist", 27, msg,
	    sizeof(msg)) == -1);
	T_STR(msg, "not in the whitelist");
	T(nl_ctl_status("error: ", 7, msg, sizeof(msg)) == -1);
	T_STR(msg, "");
	T(nl_ctl_status("okay", 4, msg, sizeof(msg)) == -2);
	T(nl_ctl_status("", 0, msg, sizeof(msg)) == -2);
	T(nl_ctl_status("error", 5, msg, sizeof(msg)) == -2);
	T(nl_ctl_status("error: long", 11, msg, 3) == -1);
	T_STR(msg, "lo");
	/* a status line and an error as the daemon writes them */
	nl_ctl_fmt_error(buf, sizeof(buf), "timeout");
	T(nl_ctl_status(buf, strlen(buf) - 1, msg, sizeof(msg)) == -1);
	T_STR(msg, "timeout");
}

static void
test_pools_format(void)
{
	struct nl_lp_info	p;
	char			buf[512];

	memset(&p, 0, sizeof(p));
	strlcpy(p.domain, "example.com", sizeof(p.domain));
	p.nranges = 3;
	p.members = 2;
	p.hits = 7;
	p.expires = 1000 + 86400 + 7200;
	p.seeded = 900;
	nl_ctl_fmt_pool(buf, sizeof(buf), &p, 1000, 0, 0);
	T_STR(buf, "example.com ranges 3 members 2 hits 7 expires 94600 "
	    "(in 1d 2h)\n");
	nl_ctl_fmt_pool(buf, sizeof(buf), &p, 1000, 1, 1);
	T_STR(buf, ",\n{\"domain\":\"example.com\",\"ranges\":3,"
	    "\"members\":2,\"hits\":7,\"expires\":94600,\"seeded\":900}");
	T(nl_ctl_fmt_pool(buf, 10, &p, 1000, 0, 0) == 9);
}

int
main(void)
{
	test_forms();
	test_rejections();
	test_args();
	test_round_trips();
	test_whitelist_format();
	test_stats_format();
	test_pools_format();
	test_answers();
	return t_done();
}
