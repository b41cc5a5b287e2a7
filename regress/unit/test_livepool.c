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

/* lib/livepool.c: live pools, found by address, expiring */
#include <stdio.h>
#include <string.h>

#include "addr.h"
#include "livepool.h"
#include "t.h"

static struct nl_spf_range	r[8];

static size_t
ranges(const char *const *s, size_t n)
{
	size_t	i;
	int	plen;

	for (i = 0; i < n; i++) {
		memset(&r[i], 0, sizeof(r[i]));
		nl_prefix_parse(s[i], &r[i].addr, &plen);
		r[i].plen = plen;
	}
	return n;
}

static int
find(struct nl_livepool *lp, const char *s, uint32_t now)
{
	struct nl_addr	a;

	nl_addr_parse(s, &a);
	return nl_lp_find(lp, &a, now);
}

static void
test_find(void)
{
	static const char *const g[] = { "192.0.2.0/25", "2001:db8:1::/48",
	    "198.51.100.64/26" };
	static const char *const m[] = { "198.51.100.0/24", "192.0.2.200" };
	struct nl_livepool	*lp;
	struct nl_lp_info	 info;
	int			 pg, pm;

	T((lp = nl_lp_new(4, 8)) != NULL);
	pg = nl_lp_put(lp, "example.com", r, ranges(g, 3), 1000, 10);
	pm = nl_lp_put(lp, "example.org", r, ranges(m, 2), 2000, 10);
	T(pg >= 0 && pm >= 0 && pg != pm);
	T(nl_lp_count(lp) == 2);
	T(find(lp, "192.0.2.1", 100) == pg);
	T(find(lp, "192.0.2.127", 100) == pg);
	T(find(lp, "192.0.2.128", 100) == -1);
	T(find(lp, "192.0.2.200", 100) == pm);
	T(find(lp, "2001:db8:1:ffff::1", 100) == pg);
	T(find(lp, "2001:db8:2::1", 100) == -1);
	/* nested: the longest range decides */
	T(find(lp, "198.51.100.70", 100) == pg);
	T(find(lp, "198.51.100.7", 100) == pm);
	/* past its expiry a pool finds nothing, even before it is dropped */
	T(find(lp, "192.0.2.1", 1000) == -1);
	T(find(lp, "198.51.100.70", 1500) == pm);
	/* a member renews; the expiry never moves back */
	nl_lp_member(lp, pg, 5000);
	nl_lp_member(lp, pg, 3000);
	nl_lp_hit(lp, pg);
	T(nl_lp_get(lp, pg, &info) == 0);
	T(info.expires == 5000 && info.members == 2 && info.hits == 1);
	T(info.nranges == 3);
	T_STR(info.domain, "example.com");
	T(nl_lp_lookup(lp, "EXAMPLE.com") == pg);
	T(nl_lp_expire(lp, 2000) == 1);
	T(nl_lp_count(lp) == 1);
	T(find(lp, "192.0.2.200", 100) == -1);
	T(nl_lp_get(lp, pm, &info) == -1);
	T(find(lp, "192.0.2.1", 100) == pg);
	/* new ranges replace the old */
	T(nl_lp_put(lp, "example.com", r, ranges(m, 1), 10, 20) == pg);
	T(find(lp, "192.0.2.1", 100) == -1);
	T(find(lp, "198.51.100.7", 100) == pg);
	T(nl_lp_get(lp, pg, &info) == 0 && info.expires == 5000 &&
	    info.nranges == 1 && info.seeded == 20);
	nl_lp_free(lp);
}

static void
test_bounds(void)
{
	static const char *const a[] = { "192.0.2.0/24", "198.51.100.0/24",
	    "203.0.113.0/24" };
	struct nl_livepool	*lp;
	struct nl_lp_info	 info;
	char			 name[32];
	int			 i, p;

	T(nl_lp_new(0, 4) == NULL);
	T((lp = nl_lp_new(2, 2)) != NULL);
	/* a pool holds at most its share */
	p = nl_lp_put(lp, "a.example", r, ranges(a, 3), 100, 0);
	T(nl_lp_get(lp, p, &info) == 0 && info.nranges == 2);
	T(find(lp, "203.0.113.1", 0) == -1);
	/* full: the one that expires first goes */
	nl_lp_put(lp, "b.example", r, ranges(a + 2, 1), 300, 0);
	nl_lp_put(lp, "c.example", r, ranges(a + 1, 1), 200, 0);
	T(nl_lp_count(lp) == 2);
	T(nl_lp_lookup(lp, "a.example") == -1);
	T(find(lp, "192.0.2.1", 0) == -1);
	T(find(lp, "203.0.113.1", 0) != -1);
	/* churn leaks no range */
	for (i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), "d%d.example", i);
		nl_lp_put(lp, name, r, ranges(a, 3), 400 + i, 0);
	}
	T(nl_lp_count(lp) == 2);
	T(find(lp, "198.51.100.1", 0) != -1);
	T(nl_lp_expire(lp, 5000) == 2 && nl_lp_count(lp) == 0);
	T(nl_lp_put(lp, "e.example", r, ranges(a, 2), 6000, 0) >= 0);
	T(find(lp, "198.51.100.1", 0) != -1);
	nl_lp_free(lp);
}

int
main(void)
{
	test_find();
	test_bounds();
	return t_done();
}
