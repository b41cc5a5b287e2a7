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

/* addresses: parsing, masking, printing, comparing, hashing */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "addr.h"
#include "policy.h"
#include "t.h"

static void
test_parse(void)
{
	struct nl_addr	a;
	char		buf[NL_PREFIXSTRLEN];
	int		plen;

	T(nl_addr_parse("192.0.2.10", &a) == 0 && a.af == NL_AF4);
	T_STR(nl_addr_ntop(&a, buf, sizeof(buf)), "192.0.2.10");
	T(a.a[4] == 0 && a.a[15] == 0);
	T(nl_addr_parse("2001:db8::1", &a) == 0 && a.af == NL_AF6);
	T_STR(nl_addr_ntop(&a, buf, sizeof(buf)), "2001:db8::1");
	T(nl_addr_parse("2001:DB8:0:0:0:0:0:1", &a) == 0);
	T_STR(nl_addr_ntop(&a, buf, sizeof(buf)), "2001:db8::1");
	T(nl_addr_parse("192.0.2.256", &a) == -1);
	T(nl_addr_parse("192.0.2", &a) == -1);
	T(nl_addr_parse("", &a) == -1);
	T(nl_addr_parse("2001:db8::1/64", &a) == -1);
	T(nl_addr_parse("example.test", &a) == -1);

	T(nl_prefix_parse("198.51.100.77/24", &a, &plen) == 0 && plen == 24);
	T_STR(nl_prefix_ntop(&a, plen, buf, sizeof(buf)), "198.51.100.0/24");
	T(nl_prefix_parse("2001:db8:1:2:3::9/64", &a, &plen) == 0 &&
	    plen == 64);
	T_STR(nl_prefix_ntop(&a, plen, buf, sizeof(buf)), "2001:db8:1:2::/64");
	T(nl_prefix_parse("203.0.113.9", &a, &plen) == 0 && plen == 32);
	T(nl_prefix_parse("2001:db8::9", &a, &plen) == 0 && plen == 128);
	T(nl_prefix_parse("203.0.113.9/33", &a, &plen) == -1);
	T(nl_prefix_parse("2001:db8::/129", &a, &plen) == -1);
	T(nl_prefix_parse("203.0.113.9/", &a, &plen) == -1);
	T(nl_prefix_parse("203.0.113.9/-1", &a, &plen) == -1);
	T(nl_prefix_parse("203.0.113.9/2x", &a, &plen) == -1);
	T(nl_prefix_parse("/24", &a, &plen) == -1);
}

static void
test_mask(void)
{
	struct nl_addr	a;
	char		buf[NL_ADDRSTRLEN];

	nl_addr_parse("203.0.113.255", &a);
	nl_addr_mask(&a, 25);
	T_STR(nl_addr_ntop(&a, buf, sizeof(buf)), "203.0.113.128");
	nl_addr_mask(&a, 0);
	T_STR(nl_addr_ntop(&a, buf, sizeof(buf)), "0.0.0.0");
	nl_addr_parse("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", &a);
	nl_addr_mask(&a, 49);
	T_STR(nl_addr_ntop(&a, buf, sizeof(buf)), "2001:db8:ffff:8000::");
	nl_addr_parse("2001:db8::ff", &a);
	nl_addr_mask(&a, 128);
	T_STR(nl_addr_ntop(&a, buf, sizeof(buf)), "2001:db8::ff");
	nl_addr_mask(&a, 127);
	T_STR(nl_addr_ntop(&a, buf, sizeof(buf)), "2001:db8::fe");
}

static void
test_compare(void)
{
	struct nl_addr	a, b;

	nl_addr_parse("192.0.2.1", &a);
	nl_addr_parse("192.0.2.1", &b);
	T(nl_addr_eq(&a, &b) && nl_addr_cmp(&a, &b) == 0);
	nl_addr_parse("192.0.2.2", &b);
	T(!nl_addr_eq(&a, &b) && nl_addr_cmp(&a, &b) < 0);
	/* ::c000:201 holds the same bytes as 192.0.2.1 but is not it */
	nl_addr_parse("::c000:201", &b);
	T(!nl_addr_eq(&a, &b) && nl_addr_cmp(&a, &b) < 0);
	T(nl_addr_maxplen(&a) == 32 && nl_addr_maxplen(&b) == 128);
}

/*
 * SipHash-2-4 with the key 00 01 .. 0f, over af, plen and the address;
 * the expected values came from an independent implementation (the npm
 * package siphash), folded to 32 bits as nl_addr_hash does.
 */
static void
test_hash(void)
{
	struct nl_hashkey	k = { 0x0706050403020100ULL,
				    0x0f0e0d0c0b0a0908ULL };
	struct nl_hashkey	other = { 1, 2 };
	struct nl_addr		a4, a6;

	nl_addr_parse("192.0.2.10", &a4);
	nl_addr_parse("2001:db8::1", &a6);
	T(nl_addr_hash(&a4, 32, &k) == 0x53b3e066);
	T(nl_addr_hash(&a6, 128, &k) == 0x264cbeb4);
	T(nl_addr_hash(&a4, 24, &k) != nl_addr_hash(&a4, 32, &k));
	T(nl_addr_hash(&a4, 32, &other) != nl_addr_hash(&a4, 32, &k));
	T(nl_hashkey_init(&other) == 0);
}

static int
same_as_inet_ntop(const struct nl_addr *a)
{
	char	mine[NL_ADDRSTRLEN], libc[INET6_ADDRSTRLEN];

	inet_ntop(AF_INET6, a->a, libc, sizeof(libc));
	nl_addr_ntop(a, mine, sizeof(mine));
	if (strcmp(mine, libc) == 0)
		return 1;
	fprintf(stderr, "ntop6: %s, inet_ntop: %s\n", mine, libc);
	return 0;
}

/*
 * IPv6 text is written by hand: the same as inet_ntop for every pattern
 * of zero words (runs, ties, ends), embedded IPv4 and random addresses.
 */
static void
test_ntop6(void)
{
	static const uint16_t	 vals[] = { 0x1, 0xf, 0x10, 0xff, 0x100,
	    0xfff, 0x1000, 0xffff, 0xabcd, 0xdb8 };
	struct nl_addr		 a;
	uint64_t		 x = 0x9e3779b97f4a7c15ULL;
	unsigned int		 pat, v, i, n = 0, same = 0;
	uint16_t		 w;

	memset(&a, 0, sizeof(a));
	a.af = NL_AF6;
	for (pat = 0; pat < 256; pat++)
		for (v = 0; v < 20; v++) {
			for (i = 0; i < 8; i++) {
				w = (pat >> i & 1) ? 0 : vals[(v + i) % 10];
				/* the second ten: ::ffff:a.b.c.d and kin */
				if (v >= 10 && i == 5)
					w = 0xffff;
				a.a[2 * i] = (uint8_t)(w >> 8);
				a.a[2 * i + 1] = (uint8_t)w;
			}
			n++;
			same += same_as_inet_ntop(&a);
		}
	for (v = 0; v < 100000; v++) {
		for (i = 0; i < 16; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			/* one byte in four zero, so that zero words come up */
			a.a[i] = (x & 0x300) == 0 ? 0 : (uint8_t)x;
		}
		n++;
		same += same_as_inet_ntop(&a);
	}
	T(same == n);
}

/* lib/policy.c: what may enter the whitelist */
static void
test_policy(void)
{
	static const struct {
		const char	*pfx;
		int		 ok;
	} cases[] = {
		{ "0.0.0.0/0", 0 }, { "10.0.0.0/7", 0 }, { "10.0.0.0/8", 1 },
		{ "198.51.100.7/32", 1 }, { "::/0", 0 }, { "2001::/15", 0 },
		{ "2001::/16", 1 }, { "2001:db8::1/128", 1 },
	};
	struct nl_addr	a;
	size_t		i;
	int		plen;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		T(nl_prefix_parse(cases[i].pfx, &a, &plen) == 0);
		T(nl_policy_prefix(&a, plen) == cases[i].ok);
	}
	T(nl_policy_prefix(&a, 129) == 0);
	a.af = 0;
	T(nl_policy_prefix(&a, 16) == 0);
	T(nl_policy_expires(UINT32_MAX, 1000, 86400) == 87400);
	T(nl_policy_expires(2000, 1000, 86400) == 2000);
	T(nl_policy_expires(5, (int64_t)UINT32_MAX, 86400) == 5);
	T(nl_policy_expires(UINT32_MAX, (int64_t)UINT32_MAX, 86400) ==
	    UINT32_MAX);
	T(nl_policy_expires(7, -100000, 10) == 0);
}

int
main(void)
{
	test_policy();
	test_parse();
	test_mask();
	test_compare();
	test_hash();
	test_ntop6();
	return t_done();
}
