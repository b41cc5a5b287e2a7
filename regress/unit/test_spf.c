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

/* lib/spf.c: SPF records into terms, and what is refused */
#include <stdio.h>
#include <string.h>

#include "addr.h"
#include "spf.h"
#include "t.h"

static struct nl_spf_rec	rec;
static char			err[128];

static int
parse(const char *s)
{
	return nl_spf_rec_parse(s, strlen(s), &rec, err, sizeof(err));
}

static const char *
prefix(const struct nl_spf_term *t)
{
	static char	buf[NL_PREFIXSTRLEN];

	return nl_prefix_ntop(&t->addr, t->addr.af == NL_AF4 ? t->plen4 :
	    t->plen6, buf, sizeof(buf));
}

static void
test_terms(void)
{
	T(parse("v=spf1 ip4:192.0.2.0/24 -ip6:2001:db8::/32 "
	    "include:_spf.example.com a mx:mail.example.com/24//64 "
	    "~a:other.example.com/28 ?all") == 0);
	T(rec.nterms == 7);
	T(rec.terms[0].kind == NL_SPFT_IP4 && rec.terms[0].qual == '+');
	T_STR(prefix(&rec.terms[0]), "192.0.2.0/24");
	T(rec.terms[1].kind == NL_SPFT_IP6 && rec.terms[1].qual == '-');
	T_STR(prefix(&rec.terms[1]), "2001:db8::/32");
	T(rec.terms[2].kind == NL_SPFT_INCLUDE);
	T_STR(rec.terms[2].domain, "_spf.example.com");
	T(rec.terms[3].kind == NL_SPFT_A && rec.terms[3].domain[0] == '\0');
	T(rec.terms[3].plen4 == 32 && rec.terms[3].plen6 == 128);
	T(rec.terms[4].kind == NL_SPFT_MX);
	T_STR(rec.terms[4].domain, "mail.example.com");
	T(rec.terms[4].plen4 == 24 && rec.terms[4].plen6 == 64);
	T(rec.terms[5].qual == '~' && rec.terms[5].plen4 == 28 &&
	    rec.terms[5].plen6 == 128);
	T(rec.all == '?');
	T(rec.queryterms == 4);
	/* masked to the cidr; case and several spaces do not matter */
	T(parse("V=SPF1   IP4:198.51.100.77/24   MX//48 -ALL") == 0);
	T_STR(prefix(&rec.terms[0]), "198.51.100.0/24");
	T(rec.terms[1].plen4 == 32 && rec.terms[1].plen6 == 48);
	T(rec.all == '-');
	/* a bare ip4 is a /32 */
	T(parse("v=spf1 ip4:192.0.2.1") == 0 && rec.terms[0].plen4 == 32);
	T(parse("v=spf1") == 0 && rec.nterms == 0);
}

static void
test_modifiers(void)
{
	T(parse("v=spf1 redirect=_spf.example.net") == 0);
	T_STR(rec.redirect, "_spf.example.net");
	T(rec.queryterms == 1);
	/* next to all, a redirect is ignored (RFC 7208 6.1) */
	T(parse("v=spf1 -all redirect=_spf.example.net") == 0);
	T(rec.redirect[0] == '\0' && rec.queryterms == 0);
	T(parse("v=spf1 redirect=a.example redirect=b.example") == -1);
	T(parse("v=spf1 exp=explain.example exp=x.example") == -1);
	T(parse("v=spf1 foo-bar=anything -all") == 0);
	T(parse("v=spf1 1foo=x") == -1);
	T(parse("v=spf1 redirect=") == -1);
}

static void
test_not_walkable(void)
{
	T(parse("v=spf1 exists:%{i}._spf.example.com "
	    "include:%{d2}.example.net ptr ptr:example.org -all") == 0);
	T(rec.terms[0].kind == NL_SPFT_EXISTS && rec.terms[0].macro);
	T(rec.terms[1].kind == NL_SPFT_INCLUDE && rec.terms[1].macro);
	T(rec.terms[2].kind == NL_SPFT_PTR && !rec.terms[2].macro);
	T_STR(rec.terms[3].domain, "example.org");
	T(rec.queryterms == 4);
	T(parse("v=spf1 redirect=%{d}.spf.example") == 0 &&
	    rec.redirect_macro);
	T(parse("v=spf1 include:%{q}.example") == -1);
	T(parse("v=spf1 include:%{i.example") == -1);
	T(parse("v=spf1 a:%%.%_.%-.example") == 0 && rec.terms[0].macro);
}

static void
test_refused(void)
{
	static char	big[NL_SPF_MAXLEN + 64];
	size_t		i, n;

	T(parse("v=spf10 -all") == -1);
	T(parse("spf1 -all") == -1);
	T(parse("v=spf1 ip4:192.0.2.0/33") == -1);
	T(parse("v=spf1 ip4:2001:db8::1") == -1);
	T(parse("v=spf1 ip6:192.0.2.1") == -1);
	T(parse("v=spf1 ip4:192.0.2.1/024") == -1);
	T(parse("v=spf1 ip4:") == -1);
	T(parse("v=spf1 ip4") == -1);
	T(parse("v=spf1 include:") == -1);
	T(parse("v=spf1 include") == -1);
	T(parse("v=spf1 include:bad..name") == -1);
	T(parse("v=spf1 a:example.com/") == -1);
	T(parse("v=spf1 a//129") == -1);
	T(parse("v=spf1 mx/24/64") == -1);
	T(parse("v=spf1 foo:bar") == -1);
	T(parse("v=spf1 +") == -1);
	T(parse("v=spf1 allx") == -1);
	T(strstr(err, "allx") != NULL);
	/* what is wrong, with the term as written: nolistctl check says it */
	T(parse("v=spf1 ~ip4:192.0.2.300 -all") == -1);
	T_STR(err, "bad address in \"~ip4:192.0.2.300\"");
	T(parse("v=spf1 include:bad..name") == -1);
	T_STR(err, "bad domain in \"include:bad..name\"");
	T(parse("v=spf1 a:example.com/33") == -1);
	T_STR(err, "bad argument in \"a:example.com/33\"");
	T(parse("v=spf1 frobnicate -all") == -1);
	T_STR(err, "unknown mechanism \"frobnicate\"");
	T(parse("v=spf1 redirect=a.example redirect=b.example") == -1);
	T_STR(err, "second \"redirect=b.example\"");
	/* NUL inside, and the bounds */
	T(nl_spf_rec_parse("v=spf1 a\0b", 10, &rec, err, sizeof(err)) == -1);
	n = 0;
	n += snprintf(big, sizeof(big), "v=spf1");
	for (i = 0; i <= NL_SPF_MAXTERMS; i++)
		n += snprintf(big + n, sizeof(big) - n, " ip4:192.0.2.%zu", i);
	T(parse(big) == -1);
	T(strstr(err, "more terms") != NULL);
	memset(big, 'a', sizeof(big) - 1);
	memcpy(big, "v=spf1 a:", 9);
	big[sizeof(big) - 1] = '\0';
	T(parse(big) == -1);
}

int
main(void)
{
	test_terms();
	test_modifiers();
	test_not_walkable();
	test_refused();
	return t_done();
}
