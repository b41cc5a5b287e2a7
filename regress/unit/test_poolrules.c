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

/* lib/poolrules.c: the expansion filter, generic names, pool verdicts */
#include <stdio.h>
#include <string.h>

#include "addr.h"
#include "config.h"
#include "poolrules.h"
#include "t.h"

static struct nl_expfilter	f;

static int
addr_ok(const char *s)
{
	struct nl_addr	a;

	if (nl_addr_parse(s, &a) == -1)
		return -1;
	return nl_expfilter_addr(&f, &a);
}

static int
range_ok(const char *s)
{
	struct nl_addr	a;
	int		plen;

	if (nl_prefix_parse(s, &a, &plen) == -1)
		return -1;
	return nl_expfilter_range(&f, &a, plen);
}

static void
test_filter(void)
{
	struct nl_config	conf;
	static const char *const bad[] = {
		"127.0.0.1", "10.0.0.1", "0.0.0.0", "255.255.255.255",
		"224.0.0.1", "169.254.1.1", "100.64.0.1", "172.16.5.5",
		"192.168.1.1", "::1", "::", "ff02::1", "::ffff:10.0.0.1",
		"::ffff:192.0.2.5", "fe80::1", "fc00::1", "240.0.0.1",
		"192.0.2.1", "2001:db8::2"
	};
	size_t	i;

	nl_config_defaults(&conf);
	nl_addr_parse("192.0.2.1", &conf.fake_mx[0]);
	nl_addr_parse("2001:db8::2", &conf.real_mx[0]);
	conf.nfake_mx = conf.nreal_mx = 1;
	nl_expfilter_init(&f, &conf);
	T(f.nmx == 2 && f.per_name == NL_EXPAND_PER_NAME);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (addr_ok(bad[i]) != 0)
			fprintf(stderr, "let in: %s\n", bad[i]);
		T(addr_ok(bad[i]) == 0);
	}
	T(addr_ok("8.8.8.8") == 1);
	T(addr_ok("192.0.2.10") == 1);		/* documentation: tests */
	T(addr_ok("2a00:1450::1") == 1);
	T(range_ok("198.51.100.0/24") == 1);
	T(range_ok("192.0.2.0/24") == 0);	/* holds the fake MX */
	T(range_ok("2001:db8::/64") == 0);	/* holds the real MX */
	T(range_ok("2001:db8:1::/48") == 1);
	T(range_ok("10.0.0.0/8") == 0);
	T(range_ok("192.168.0.0/15") == 0);
	T(range_ok("198.18.0.0/16") == 0);
	T(range_ok("0.0.0.0/0") == 0);
}

static int
generic(const char *name, const char *regd, const char *addr)
{
	struct nl_addr	a;

	nl_addr_parse(addr, &a);
	return nl_name_generic(name, regd, &a);
}

static void
test_generic(void)
{
	T(generic("c-203-0-113-66.hsd1.ca.example.net", "example.net",
	    "203.0.113.66") == NL_GENERIC_ADDR);
	T(generic("66.113.0.203.dynamic.example.net", "example.net",
	    "203.0.113.66") == NL_GENERIC_ADDR);
	T(generic("host203000113066.example.net", "example.net",
	    "203.0.113.66") == NL_GENERIC_ADDR);
	T(generic("p5b0a1234.dip0.example.de", "example.de",
	    "91.10.18.52") == NL_GENERIC_ADDR);
	T(generic("ip-0-113-66.example.net", "example.net",
	    "203.0.113.66") == NL_GENERIC_ADDR);
	T(generic("p5b0a1234.dip0.example.de", "example.de",
	    "91.10.18.53") == NL_GENERIC_DYNAMIC);
	T(generic("cpe-1.home.example.net", "example.net",
	    "203.0.113.66") == NL_GENERIC_DYNAMIC);
	T(generic("adsl-x.example.net", "example.net", "192.0.2.7") ==
	    NL_GENERIC_DYNAMIC);
	T(generic("host-2001-db8-0-1-a-b-c-d.example.net", "example.net",
	    "2001:db8:0:1:a:b:c:d") == NL_GENERIC_ADDR);
	T(generic("x000a000b000c000d.example.net", "example.net",
	    "2001:db8:0:1:a:b:c:d") == NL_GENERIC_ADDR);
	/* providers' servers */
	T(generic("mail-ed1-f45.example.com", "example.com", "192.0.2.45") ==
	    NL_GENERIC_NO);
	T(generic("mail-dm6nam10on2045.outbound.protection.example.com",
	    "example.com", "198.51.100.45") == NL_GENERIC_NO);
	T(generic("a1-2.smtp-out.example.com", "example.com",
	    "203.0.113.66") == NL_GENERIC_NO);
	T(generic("mx.example.com", "example.com", "2001:db8::25") ==
	    NL_GENERIC_NO);
	/* words only count left of the registered domain */
	T(generic("mx.dynamic-example.com", "dynamic-example.com",
	    "192.0.2.7") == NL_GENERIC_NO);
	T(generic("bad name", NULL, "192.0.2.7") != NL_GENERIC_NO);
}

static void
range(struct nl_spf_range *r, const char *s)
{
	int	plen;

	memset(r, 0, sizeof(*r));
	nl_prefix_parse(s, &r->addr, &plen);
	r->plen = plen;
}

static void
test_judge(void)
{
	struct nl_spfw_info	info;
	struct nl_spf_range	in[4], out[4];
	struct nl_addr		s;
	int			v;

	memset(&info, 0, sizeof(info));
	info.result = NL_SPFW_DONE;
	info.all = '~';
	range(&in[0], "198.51.100.0/24");
	range(&in[1], "10.0.0.0/16");
	range(&in[2], "2001:db8:1::/48");
	nl_addr_parse("198.51.100.7", &s);
	T(nl_pool_judge(&info, in, 3, &f, &s, out, &v) == 2);
	T(v == NL_POOLV_OK);
	T(out[0].plen == 24 && out[1].plen == 48);
	T(nl_pool_judge(&info, in, 3, &f, NULL, out, &v) == 2);
	nl_addr_parse("203.0.113.7", &s);
	T(nl_pool_judge(&info, in, 3, &f, &s, out, &v) == 0);
	T(v == NL_POOLV_NOTSENDER);
	T(nl_pool_judge(&info, in + 1, 1, &f, NULL, out, &v) == 0);
	T(v == NL_POOLV_EMPTY);
	range(&in[3], "203.0.0.0/8");
	T(nl_pool_judge(&info, in, 4, &f, NULL, out, &v) == 0);
	T(v == NL_POOLV_WIDE);
	range(&in[3], "2001:db8::/31");
	T(nl_pool_judge(&info, in, 4, &f, NULL, out, &v) == 0);
	T(v == NL_POOLV_WIDE);
	range(&in[3], "203.0.0.0/15");
	T(nl_pool_judge(&info, in, 4, &f, NULL, out, &v) == 3);
	info.all = '?';
	T(nl_pool_judge(&info, in, 3, &f, NULL, out, &v) == 0);
	T(v == NL_POOLV_ALL);
	info.all = '-';
	info.pass_all = 1;
	T(nl_pool_judge(&info, in, 3, &f, NULL, out, &v) == 0);
	T(v == NL_POOLV_ALL);
	T_STR(nl_pool_verdict_name(NL_POOLV_WIDE), "too-wide");
}

int
main(void)
{
	test_filter();
	test_generic();
	test_judge();
	return t_done();
}
