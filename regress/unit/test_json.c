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

/* SPEC's JSON lines: key order, escaping, every field */
#include <string.h>

#include "json.h"
#include "t.h"

static void
test_record(void)
{
	struct nl_record	r;
	char			buf[NL_JSON_RECORD_MAX];

	memset(&r, 0, sizeof(r));
	r.time.tv_sec = 1732260000;
	r.time.tv_usec = 123456;
	strcpy(r.ifname, "pflog0");
	r.action = NL_ACT_BLOCK;
	r.dir = NL_DIR_IN;
	r.rule = 3;
	nl_addr_parse("192.0.2.10", &r.src);
	nl_addr_parse("192.0.2.1", &r.dst);
	r.sport = 34510;
	r.dport = 25;
	r.proto = NL_PROTO_TCP;
	r.tcpflags = NL_TH_SYN;
	nl_json_record(buf, sizeof(buf), &r);
	T_STR(buf, "{\"time\":1732260000.123456,\"ifname\":\"pflog0\","
	    "\"action\":\"block\",\"dir\":\"in\",\"rule\":3,\"af\":4,"
	    "\"src\":\"192.0.2.10\",\"sport\":34510,\"dst\":\"192.0.2.1\","
	    "\"dport\":25,\"flags\":\"S\"}");

	/* unknowns, IPv6, no rule, flags only for TCP, leading zeros */
	r.time.tv_usec = 42;
	r.action = NL_ACT_UNKNOWN;
	r.dir = NL_DIR_UNKNOWN;
	r.rule = -1;
	nl_addr_parse("2001:db8::10", &r.src);
	nl_addr_parse("2001:db8::1", &r.dst);
	r.proto = 58;
	r.sport = r.dport = 0;
	nl_json_record(buf, sizeof(buf), &r);
	T_STR(buf, "{\"time\":1732260000.000042,\"ifname\":\"pflog0\","
	    "\"action\":\"unknown\",\"dir\":\"unknown\",\"rule\":-1,"
	    "\"af\":6,\"src\":\"2001:db8::10\",\"sport\":0,"
	    "\"dst\":\"2001:db8::1\",\"dport\":0,\"flags\":\"\"}");

	/* an nflog prefix is anyone's bytes */
	strcpy(r.ifname, "a\"b\\c\n\x01\xff");
	nl_json_record(buf, sizeof(buf), &r);
	T(strstr(buf, "\"ifname\":\"a\\\"b\\\\c\\u000a\\u0001\\u00ff\"") !=
	    NULL);
}

static void
test_change(void)
{
	struct nl_change	c;
	char			buf[NL_JSON_CHANGE_MAX];

	memset(&c, 0, sizeof(c));
	c.time.tv_sec = 1732260000;
	c.time.tv_usec = 123456;
	nl_addr_parse("192.0.2.10", &c.addr);
	c.plen = 32;
	c.op = NL_OP_ADD;
	c.reason = NL_REASON_FAKEMX;
	c.expires = 1735370000;
	nl_json_change(buf, sizeof(buf), "nolistd/mx-white", &c);
	T_STR(buf, "{\"time\":1732260000.123456,\"op\":\"add\","
	    "\"table\":\"nolistd/mx-white\",\"addr\":\"192.0.2.10/32\","
	    "\"reason\":\"fake-mx\",\"expires\":1735370000}");
	nl_addr_parse("2001:db8:100::", &c.addr);
	c.plen = 64;
	c.op = NL_OP_DELETE;
	c.reason = NL_REASON_EXPIRE;
	nl_json_change(buf, sizeof(buf), "inet nolistd mx_white", &c);
	T_STR(buf, "{\"time\":1732260000.123456,\"op\":\"delete\","
	    "\"table\":\"inet nolistd mx_white\",\"addr\":\"2001:db8:100::/64\","
	    "\"reason\":\"expire\",\"expires\":1735370000}");
	T_STR(nl_reason_name(NL_REASON_FCRDNS), "fcrdns");
	T_STR(nl_reason_name(NL_REASON_POOL), "pool");
	T_STR(nl_reason_name(NL_REASON_RENEW), "renew");
	T_STR(nl_reason_name(NL_REASON_EVICT), "evict");
	T_STR(nl_reason_name(NL_REASON_RESTORE), "restore");
	T_STR(nl_reason_name(NL_REASON_MANUAL), "manual");
	T_STR(nl_reason_name(99), "unknown");
}

/* a buffer too small is cut short and still terminated */
static void
test_small(void)
{
	struct nl_change	c;
	char			buf[16];
	size_t			n;

	memset(&c, 0, sizeof(c));
	nl_addr_parse("192.0.2.10", &c.addr);
	c.plen = 32;
	n = nl_json_change(buf, sizeof(buf), "t", &c);
	T(n == sizeof(buf) - 1 && buf[n] == '\0');
	n = nl_json_string(buf, sizeof(buf), "abc");
	T_STR(buf, "\"abc\"");
	T(n == 5);
}

int
main(void)
{
	test_record();
	test_change();
	test_small();
	return t_done();
}
