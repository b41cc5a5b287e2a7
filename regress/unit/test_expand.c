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

#include <sys/time.h>

#include <stdio.h>
#include <string.h>

#include "addr.h"
#include "expand.h"
#include "t.h"

static void
test_fcrdns(void)
{
	struct nl_addr	s, set[3];

	nl_addr_parse("192.0.2.10", &s);
	nl_addr_parse("192.0.2.11", &set[0]);
	nl_addr_parse("2001:db8::10", &set[1]);
	nl_addr_parse("192.0.2.10", &set[2]);
	T(nl_fcrdns_confirmed(&s, set, 3) == 1);
	T(nl_fcrdns_confirmed(&s, set, 2) == 0);
	T(nl_fcrdns_confirmed(&s, set, 0) == 0);
	/* the same bytes in the other family are not the sender */
	nl_addr_parse("::", &set[0]);
	memcpy(set[0].a, s.a, 4);
	T(nl_fcrdns_confirmed(&s, set, 1) == 0);
}

static void
test_ptr_name(void)
{
	struct nl_addr	a;
	char		buf[NL_PTRNAME_MAX];

	nl_addr_parse("192.0.2.10", &a);
	T(nl_ptr_name(&a, buf, sizeof(buf)) == 0);
	T_STR(buf, "10.2.0.192.in-addr.arpa");
	nl_addr_parse("2001:db8::567:89ab", &a);
	T(nl_ptr_name(&a, buf, sizeof(buf)) == 0);
	T_STR(buf, "b.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0."
	    "8.b.d.0.1.0.0.2.ip6.arpa");
	T(strlen(buf) == NL_PTRNAME_MAX - 2);
	T(nl_ptr_name(&a, buf, 20) == -1);
	nl_addr_parse("203.0.113.255", &a);
	T(nl_ptr_name(&a, buf, 10) == -1);
}

static void
test_names(void)
{
	char	buf[NL_DNAME_MAX + 1];
	char	longname[300];

	T(nl_name_normalize("Mail1.Pool.Example.CO.UK.", buf,
	    sizeof(buf)) == 0);
	T_STR(buf, "mail1.pool.example.co.uk");
	T(nl_name_normalize(".", buf, sizeof(buf)) == -1);
	T(nl_name_normalize("", buf, sizeof(buf)) == -1);
	T(nl_name_normalize("a..b", buf, sizeof(buf)) == -1);
	T(nl_name_normalize(".a", buf, sizeof(buf)) == -1);
	T(nl_name_normalize("a b.example", buf, sizeof(buf)) == -1);
	T(nl_name_normalize("a\\032b.example", buf, sizeof(buf)) == -1);
	T(nl_name_normalize("_dmarc.example.com", buf, sizeof(buf)) == 0);
	/* RFC 2317 classless reverse delegation */
	T(nl_name_normalize("130.128/25.2.0.192.IN-ADDR.ARPA.", buf,
	    sizeof(buf)) == 0);
	T_STR(buf, "130.128/25.2.0.192.in-addr.arpa");
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	T(nl_name_normalize(longname, buf, sizeof(buf)) == -1);
	T(nl_name_normalize("example.com", buf, 5) == -1);

	/* co.uk is a public suffix: the pool is example.co.uk */
	T(nl_registered_domain("mail1.pool.example.co.uk.", buf,
	    sizeof(buf)) == 0);
	T_STR(buf, "example.co.uk");
	T(nl_registered_domain("MAIL2.POOL.EXAMPLE.CO.UK", buf,
	    sizeof(buf)) == 0);
	T_STR(buf, "example.co.uk");
	T(nl_registered_domain("mx.a.b.example.com", buf, sizeof(buf)) == 0);
	T_STR(buf, "example.com");
	/* a public suffix has no registered domain */
	T(nl_registered_domain("co.uk", buf, sizeof(buf)) == -1);
	T(nl_registered_domain("com", buf, sizeof(buf)) == -1);
	/* a private suffix counts too: each blog is its own domain */
	T(nl_registered_domain("a.b.blogspot.com", buf, sizeof(buf)) == 0);
	T_STR(buf, "b.blogspot.com");
	T(nl_registered_domain("x.example.com", buf, 5) == -1);
}

static void
test_rate(void)
{
	struct nl_rate	r;
	struct timeval	now = { 1000, 0 };
	int		i, n;

	nl_rate_init(&r, 10, 0);
	for (n = 0, i = 0; i < 100; i++)
		n += nl_rate_take(&r, &now);
	T(n == 10);
	/* 100 ms later: one more */
	now.tv_usec = 100000;
	T(nl_rate_take(&r, &now) == 1);
	T(nl_rate_take(&r, &now) == 0);
	/* 50 ms: half a token, not enough; another 50 ms: enough */
	now.tv_usec = 150000;
	T(nl_rate_take(&r, &now) == 0);
	now.tv_usec = 200000;
	T(nl_rate_take(&r, &now) == 1);
	/* an hour idle saves up only the burst */
	now.tv_sec += 3600;
	for (n = 0, i = 0; i < 100; i++)
		n += nl_rate_take(&r, &now);
	T(n == 10);
	/* a clock that steps back gives nothing away */
	now.tv_sec -= 100;
	T(nl_rate_take(&r, &now) == 0);
	/* a steady 20 a second over 10 s lets 10 a second through */
	for (n = 0, i = 0; i < 200; i++) {
		now.tv_usec = (now.tv_usec + 50000) % 1000000;
		if (now.tv_usec == 0)
			now.tv_sec++;
		n += nl_rate_take(&r, &now);
	}
	T(n >= 99 && n <= 101);

	nl_rate_init(&r, 0, 0);
	T(nl_rate_take(&r, &now) == 0);
	nl_rate_init(&r, 5, 1);
	T(nl_rate_take(&r, &now) == 1);
	T(nl_rate_take(&r, &now) == 0);
}

/* queries charged after the fact: a debt delays the next takes */
static void
test_rate_charge(void)
{
	struct nl_rate	r;
	struct timeval	now = { 1000, 0 };

	nl_rate_init(&r, 10, 0);
	T(nl_rate_take(&r, &now) == 1);
	/* 29 more queries sent: 9 tokens left, 20 owed */
	nl_rate_charge(&r, 29);
	T(nl_rate_take(&r, &now) == 0);
	/* 2 s pay the debt, nothing over */
	now.tv_sec += 2;
	T(nl_rate_take(&r, &now) == 0);
	now.tv_usec = 100000;
	T(nl_rate_take(&r, &now) == 1);
	/* a long idle pays any debt and fills the bucket */
	nl_rate_charge(&r, 1000);
	now.tv_sec += 3600;
	T(nl_rate_take(&r, &now) == 1);
}

int
main(void)
{
	test_fcrdns();
	test_ptr_name();
	test_names();
	test_rate();
	test_rate_charge();
	return t_done();
}
