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
 * lib/spfwalk.c driven by a zone in a table: the walker asks, the table
 * answers, sometimes in reverse order, as a resolver may.
 */
#include <stdio.h>
#include <string.h>

#include "addr.h"
#include "compat.h"
#include "spfwalk.h"
#include "t.h"

struct rr {
	int		 type;
	const char	*name;
	const char	*data;	/* TXT text, address, or exchange; NULL: fail */
};

static const struct rr	*zone;
static size_t		 nzone;
static unsigned int	 asked;

#define ZONE(z)	do { zone = (z); nzone = sizeof(z) / sizeof((z)[0]); } \
	while (0)

static void
answer(struct nl_spfwalk *w, const struct nl_spfw_query *q)
{
	struct nl_spfw_answer	a;
	struct nl_addr		addrs[16];
	const char		*strs[16];
	size_t			lens[16], n = 0, i;

	memset(&a, 0, sizeof(a));
	a.status = NL_SPFA_NONE;
	a.ttl = 300;
	for (i = 0; i < nzone && n < 16; i++) {
		if (zone[i].type != q->type || strcmp(zone[i].name, q->name))
			continue;
		if (zone[i].data == NULL) {
			a.status = NL_SPFA_FAIL;
			break;
		}
		a.status = NL_SPFA_OK;
		strs[n] = zone[i].data;
		lens[n] = strlen(zone[i].data);
		if (q->type == NL_SPFQ_A || q->type == NL_SPFQ_AAAA)
			nl_addr_parse(zone[i].data, &addrs[n]);
		n++;
	}
	a.txt = strs;
	a.txtlen = lens;
	a.ntxt = a.nnames = a.naddrs = n;
	a.names = strs;
	a.addrs = addrs;
	nl_spfw_answer(w, q->id, &a);
}

/* reverse: ask everything there is to ask, then answer the last first */
static struct nl_spfwalk *
walk(const char *domain, size_t max, int reverse)
{
	struct nl_spfwalk	*w;
	struct nl_spfw_query	 q[64];
	size_t			 n, i;

	asked = 0;
	w = nl_spfw_new(domain, max);
	for (;;) {
		for (n = 0; n < 64 && nl_spfw_next(w, &q[n]); n++)
			asked++;
		if (n == 0)
			break;
		for (i = 0; i < n; i++)
			answer(w, &q[reverse ? n - 1 - i : i]);
	}
	return w;
}

static char *
ranges(struct nl_spfwalk *w, char *buf, size_t len)
{
	const struct nl_spf_range	*r;
	char				 p[NL_PREFIXSTRLEN];
	size_t				 n, i;

	r = nl_spfw_ranges(w, &n);
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		nl_prefix_ntop(&r[i].addr, r[i].plen, p, sizeof(p));
		if (i > 0)
			strlcat(buf, " ", len);
		strlcat(buf, p, len);
	}
	return buf;
}

static int
result(struct nl_spfwalk *w)
{
	struct nl_spfw_info	info;

	nl_spfw_info(w, &info);
	return info.result;
}

static const struct rr webmail[] = {
	{ NL_SPFQ_TXT, "example.com", "google-site-verification=x" },
	{ NL_SPFQ_TXT, "example.com", "v=spf1 redirect=_spf.example.com" },
	{ NL_SPFQ_TXT, "_spf.example.com",
	    "v=spf1 include:_netblocks.example.com "
	    "include:_netblocks2.example.com ~all" },
	{ NL_SPFQ_TXT, "_netblocks.example.com", "v=spf1 ip4:192.0.2.0/25 "
	    "ip4:198.51.100.0/24 -ip4:203.0.113.0/24 ~all" },
	{ NL_SPFQ_TXT, "_netblocks2.example.com", "v=spf1 ip6:2001:db8:1::/48 "
	    "a:out.example.com/30 mx ?all" },
	{ NL_SPFQ_A, "out.example.com", "203.0.113.9" },
	{ NL_SPFQ_MX, "_netblocks2.example.com", "mx1.example.com" },
	{ NL_SPFQ_MX, "_netblocks2.example.com", "mx2.example.com." },
	{ NL_SPFQ_A, "mx1.example.com", "192.0.2.200" },
	{ NL_SPFQ_AAAA, "mx2.example.com", "2001:db8:2::25" },
};

static void
test_webmail(void)
{
	struct nl_spfwalk	*w;
	struct nl_spfw_info	 info;
	char			 buf[512];
	int			 rev;

	ZONE(webmail);
	for (rev = 0; rev < 2; rev++) {
		w = walk("example.com", 64, rev);
		nl_spfw_info(w, &info);
		T(info.result == NL_SPFW_DONE);
		T(info.all == '~');
		T(!info.pass_all);
		T(info.queryterms == 5);
		T(info.ttl == 300);
		ranges(w, buf, sizeof(buf));
		T(strstr(buf, "192.0.2.0/25") != NULL);
		T(strstr(buf, "198.51.100.0/24") != NULL);
		T(strstr(buf, "203.0.113.0/24") == NULL);
		T(strstr(buf, "2001:db8:1::/48") != NULL);
		T(strstr(buf, "203.0.113.8/30") != NULL);
		T(strstr(buf, "192.0.2.200/32") != NULL);
		T(strstr(buf, "2001:db8:2::25/128") != NULL);
		T(nl_spfw_ranges(w, &(size_t){ 0 }) != NULL);
		nl_spfw_free(w);
	}
}

static const struct rr loops[] = {
	{ NL_SPFQ_TXT, "loop.example", "v=spf1 include:a.loop.example -all" },
	{ NL_SPFQ_TXT, "a.loop.example", "v=spf1 include:loop.example -all" },
	{ NL_SPFQ_TXT, "self.example", "v=spf1 redirect=self.example" },
	{ NL_SPFQ_TXT, "diamond.example", "v=spf1 include:b.example "
	    "include:c.example -all" },
	{ NL_SPFQ_TXT, "b.example", "v=spf1 include:c.example -all" },
	{ NL_SPFQ_TXT, "c.example", "v=spf1 ip4:192.0.2.0/24 -all" },
	{ NL_SPFQ_TXT, "many.example", "v=spf1 a:1.example a:2.example "
	    "a:3.example a:4.example a:5.example a:6.example include:c.example "
	    "mx:8.example ptr exists:x.example include:b.example -all" },
	{ NL_SPFQ_TXT, "voids.example", "v=spf1 a:n1.example a:n2.example "
	    "mx:n3.example -all" },
	{ NL_SPFQ_TXT, "twovoids.example", "v=spf1 a:n1.example a:n2.example "
	    "ip4:192.0.2.1 -all" },
	{ NL_SPFQ_TXT, "fail.example", "v=spf1 include:dead.example -all" },
	{ NL_SPFQ_TXT, "dead.example", NULL },
	{ NL_SPFQ_TXT, "two.example", "v=spf1 -all" },
	{ NL_SPFQ_TXT, "two.example", "v=spf1 ip4:192.0.2.0/24 -all" },
	{ NL_SPFQ_TXT, "bad.example", "v=spf1 ip4:192.0.2.0/24 bogus -all" },
	{ NL_SPFQ_TXT, "inclnone.example",
	    "v=spf1 include:none.example -all" },
	{ NL_SPFQ_TXT, "big.example", "v=spf1 ip4:192.0.2.0/30 ip4:192.0.2.4/30 "
	    "ip4:192.0.2.8/30 ip4:192.0.2.0/30 -all" },
	{ NL_SPFQ_TXT, "mxmany.example", "v=spf1 mx -all" },
	{ NL_SPFQ_MX, "mxmany.example", "m1" }, { NL_SPFQ_MX, "mxmany.example",
	    "m2" }, { NL_SPFQ_MX, "mxmany.example", "m3" },
	{ NL_SPFQ_MX, "mxmany.example", "m4" }, { NL_SPFQ_MX, "mxmany.example",
	    "m5" }, { NL_SPFQ_MX, "mxmany.example", "m6" },
	{ NL_SPFQ_MX, "mxmany.example", "m7" }, { NL_SPFQ_MX, "mxmany.example",
	    "m8" }, { NL_SPFQ_MX, "mxmany.example", "m9" },
	{ NL_SPFQ_MX, "mxmany.example", "m10" }, { NL_SPFQ_MX,
	    "mxmany.example", "m11" },
	{ NL_SPFQ_TXT, "skips.example", "v=spf1 exists:%{i}.x.example ptr "
	    "include:%{d}.y.example ip4:192.0.2.1 -include:no.example "
	    "redirect=%{d}.z.example" },
	{ NL_SPFQ_TXT, "passall.example", "v=spf1 include:open.example -all" },
	{ NL_SPFQ_TXT, "open.example", "v=spf1 +all" },
};

static void
test_limits(void)
{
	struct nl_spfwalk	*w;
	struct nl_spfw_info	 info;
	char			 buf[256];

	ZONE(loops);
	w = walk("loop.example", 64, 0);
	T(result(w) == NL_SPFW_LOOP);
	nl_spfw_free(w);
	w = walk("self.example", 64, 0);
	T(result(w) == NL_SPFW_LOOP);
	nl_spfw_free(w);
	/* included twice, but not a loop: walked once */
	w = walk("diamond.example", 64, 0);
	T(result(w) == NL_SPFW_DONE);
	T_STR(ranges(w, buf, sizeof(buf)), "192.0.2.0/24");
	T(asked == 3);
	nl_spfw_free(w);
	w = walk("many.example", 64, 0);
	T(result(w) == NL_SPFW_LOOKUPS);
	T(asked == 1);
	nl_spfw_free(w);
	w = walk("voids.example", 64, 1);
	T(result(w) == NL_SPFW_VOID);
	nl_spfw_free(w);
	w = walk("twovoids.example", 64, 0);
	T(result(w) == NL_SPFW_DONE);
	nl_spfw_info(w, &info);
	T(info.voids == 2);
	nl_spfw_free(w);
	w = walk("fail.example", 64, 0);
	T(result(w) == NL_SPFW_DNSFAIL);
	nl_spfw_free(w);
	w = walk("two.example", 64, 0);
	T(result(w) == NL_SPFW_MALFORMED);
	nl_spfw_free(w);
	w = walk("bad.example", 64, 0);
	T(result(w) == NL_SPFW_MALFORMED);
	nl_spfw_free(w);
	w = walk("inclnone.example", 64, 0);
	T(result(w) == NL_SPFW_NORECORD);
	nl_spfw_free(w);
	w = walk("nothing.example", 64, 0);
	T(result(w) == NL_SPFW_NORECORD);
	nl_spfw_free(w);
	/* duplicates count once; a fourth distinct range is one too many */
	w = walk("big.example", 3, 0);
	T(result(w) == NL_SPFW_DONE);
	nl_spfw_free(w);
	w = walk("big.example", 2, 0);
	T(result(w) == NL_SPFW_TOOMANY);
	nl_spfw_free(w);
	w = walk("mxmany.example", 64, 0);
	T(result(w) == NL_SPFW_LOOKUPS);
	nl_spfw_free(w);
	w = walk("skips.example", 64, 0);
	nl_spfw_info(w, &info);
	T(info.result == NL_SPFW_DONE);
	T(info.skipped == 4);
	T(strstr(info.note, "not walkable") != NULL);
	T_STR(ranges(w, buf, sizeof(buf)), "192.0.2.1/32");
	nl_spfw_free(w);
	w = walk("passall.example", 64, 0);
	nl_spfw_info(w, &info);
	T(info.result == NL_SPFW_DONE && info.pass_all && info.all == '-');
	nl_spfw_free(w);
	w = walk("not a name", 64, 0);
	T(result(w) == NL_SPFW_MALFORMED);
	nl_spfw_free(w);
}

/* answers to questions never asked, or asked twice, change nothing */
static void
test_stray(void)
{
	struct nl_spfwalk	*w;
	struct nl_spfw_query	 q;
	struct nl_spfw_answer	 a;

	memset(&a, 0, sizeof(a));
	a.status = NL_SPFA_FAIL;
	w = nl_spfw_new("c.example", 8);
	T(nl_spfw_next(w, &q) == 1);
	T(q.type == NL_SPFQ_TXT);
	T_STR(q.name, "c.example");
	T(nl_spfw_next(w, &q) == 0);
	nl_spfw_answer(w, q.id + 7, &a);
	T(result(w) == NL_SPFW_RUNNING);
	ZONE(loops);
	answer(w, &q);
	T(result(w) == NL_SPFW_DONE);
	nl_spfw_answer(w, q.id, &a);
	T(result(w) == NL_SPFW_DONE);
	nl_spfw_free(w);
}

int
main(void)
{
	test_webmail();
	test_limits();
	test_stray();
	return t_done();
}
