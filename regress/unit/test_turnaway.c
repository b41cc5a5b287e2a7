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

/* lib/turnaway.c and lib/turnjudge.c: the turned-away senders */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compat.h"
#include "t.h"
#include "turnaway.h"

static struct nl_addr
A(const char *s)
{
	struct nl_addr	a;

	if (nl_addr_parse(s, &a) == -1)
		abort();
	return a;
}

struct seen {
	int	n;
	int	likely;
	char	last[NL_ADDRSTRLEN];
};

static void
on_turned(void *arg, const struct nl_ta_item *it, int likely)
{
	struct seen	*s = arg;

	s->n++;
	s->likely += likely;
	nl_addr_ntop(&it->addr, s->last, sizeof(s->last));
}

/* the window: reaching a real MX in time clears a sender */
static void
test_window(void)
{
	struct nl_ta		*ta = nl_ta_new(8, 300);
	struct nl_ta_item	 it;
	struct nl_ta_stats	 st;
	struct nl_addr		 mta = A("192.0.2.10"), bot = A("192.0.2.66");
	struct seen		 s;

	memset(&s, 0, sizeof(s));
	T(ta != NULL);
	nl_ta_fake_mx(ta, &mta, 1000);
	nl_ta_fake_mx(ta, &bot, 1001);
	nl_ta_fake_mx(ta, &bot, 1002);		/* a SYN retransmit */
	nl_ta_reached(ta, &mta);		/* a real MTA, 2 s later */
	nl_ta_expire(ta, 1300, on_turned, &s);
	T(s.n == 0);
	nl_ta_expire(ta, 1301, on_turned, &s);
	T(s.n == 1 && s.likely == 0);
	T_STR(s.last, "192.0.2.66");
	T(nl_ta_get(ta, &mta, &it) == -1);
	T(nl_ta_get(ta, &bot, &it) == 0);
	T(it.turned && it.attempts == 2 && it.visits == 1);
	T(it.first == 1001 && it.last == 1002);
	T(strcmp(nl_ta_kind(&it), "bot") == 0 && nl_ta_sure(&it) == 70);
	nl_ta_set_name(ta, &bot, NL_TA_NAME_NONE, NULL);
	nl_ta_get(ta, &bot, &it);
	T(nl_ta_sure(&it) == 95 && !nl_ta_likely(&it));
	nl_ta_stats(ta, &st);
	T(st.turned == 1 && st.likely == 0 && st.count == 1 &&
	    st.pending == 0);
	/* reaching a real MX later takes it off the list */
	nl_ta_reached(ta, &bot);
	nl_ta_stats(ta, &st);
	T(st.count == 0 && st.turned == 1);
	/* kept NL_TA_KEEP after the last attempt */
	nl_ta_fake_mx(ta, &bot, 2000);
	nl_ta_expire(ta, 2300, NULL, NULL);
	nl_ta_stats(ta, &st);
	T(st.count == 1);
	nl_ta_expire(ta, 2000 + NL_TA_KEEP - 1, NULL, NULL);
	nl_ta_stats(ta, &st);
	T(st.count == 1);
	nl_ta_expire(ta, 2000 + NL_TA_KEEP, NULL, NULL);
	nl_ta_stats(ta, &st);
	T(st.count == 0);
	nl_ta_free(ta);
}

/* a first-MX-only mailer: three tries over ten minutes, then a name */
static void
test_mailer(void)
{
	struct nl_ta		*ta = nl_ta_new(8, 300);
	struct nl_ta_item	 it, list[8];
	struct nl_ta_stats	 st;
	struct nl_addr		 m = A("2001:db8::25"), bot = A("192.0.2.66");
	struct seen		 s;

	memset(&s, 0, sizeof(s));
	nl_ta_fake_mx(ta, &bot, 990);
	nl_ta_fake_mx(ta, &m, 1000);
	nl_ta_fake_mx(ta, &m, 1001);
	nl_ta_expire(ta, 1300, on_turned, &s);
	T(s.n == 2 && s.likely == 0);
	T(nl_ta_fake_mx(ta, &m, 1300) == 0);	/* unknown name: 60 */
	nl_ta_get(ta, &m, &it);
	T(it.visits == 2 && nl_ta_score(&it) == 60);
	T(strcmp(nl_ta_kind(&it), "mailer") == 0);
	T(nl_ta_set_name(ta, &m, NL_TA_NAME_OK, "mail.example.org") == 1);
	T(nl_ta_set_name(ta, &m, NL_TA_NAME_OK, "mail.example.org") == 0);
	T(nl_ta_fake_mx(ta, &m, 1600) == 0);	/* counted once only */
	nl_ta_get(ta, &m, &it);
	T(it.attempts == 4 && it.visits == 3 && nl_ta_score(&it) == 95);
	nl_ta_stats(ta, &st);
	T(st.turned == 2 && st.likely == 1);
	T(nl_ta_list(ta, list, 8) == 2);
	T(nl_addr_eq(&list[0].addr, &m) && nl_addr_eq(&list[1].addr, &bot));
	T(nl_ta_list(ta, list, 1) == 1);
	nl_ta_free(ta);
}

/* full: bots go first, then pending senders, the mailers last */
static void
test_evict(void)
{
	struct nl_ta		*ta = nl_ta_new(3, 60);
	struct nl_ta_item	 it;
	struct nl_ta_stats	 st;
	struct nl_addr		 m = A("198.51.100.25"), a;
	char			 buf[32];
	int			 i;

	nl_ta_fake_mx(ta, &m, 0);
	nl_ta_expire(ta, 60, NULL, NULL);
	T(nl_ta_set_name(ta, &m, NL_TA_NAME_OK, "mx.example.net") == 1);
	for (i = 0; i < 1000; i++) {
		snprintf(buf, sizeof(buf), "203.0.113.%d", i % 250);
		a = A(buf);
		if (i >= 250)
			a.a[2] = (uint8_t)(i / 250);
		nl_ta_fake_mx(ta, &a, 100 + i);
		nl_ta_expire(ta, 100 + i, NULL, NULL);
	}
	nl_ta_stats(ta, &st);
	T(st.count + st.pending == 3);
	T(st.evicted == 998);
	T(nl_ta_get(ta, &m, &it) == 0);
	/* only mailers left: the oldest goes */
	nl_ta_free(ta);
	ta = nl_ta_new(1, 60);
	nl_ta_fake_mx(ta, &m, 0);
	nl_ta_expire(ta, 60, NULL, NULL);
	nl_ta_set_name(ta, &m, NL_TA_NAME_OK, "mx.example.net");
	a = A("192.0.2.1");
	nl_ta_fake_mx(ta, &a, 70);
	T(nl_ta_get(ta, &m, &it) == -1 && nl_ta_get(ta, &a, &it) == 0);
	nl_ta_free(ta);
	T(nl_ta_new(0, 60) == NULL);
}

static void
test_generic(void)
{
	struct nl_addr	a = A("192.0.2.137"), b = A("2001:db8::a:17");

	T(nl_ta_generic_name("192-0-2-137.dyn.example.net", &a));
	T(nl_ta_generic_name("host137.002.example.net", &a) == 0);
	T(nl_ta_generic_name("dsl-4711.example.net", &a));
	T(nl_ta_generic_name("Cable-0-137.example.net", &a));
	T(nl_ta_generic_name("mail.example.org", &a) == 0);
	T(nl_ta_generic_name("mta7.example.org", &a) == 0);
	T(nl_ta_generic_name("pool-x.example.org", &b));
	T(nl_ta_generic_name("mx.example.org", &b) == 0);
}

static void
test_fmt(void)
{
	struct nl_ta_item	it;
	char			buf[NL_TA_ITEMMAX];

	memset(&it, 0, sizeof(it));
	it.addr = A("198.51.100.25");
	it.first = 1000;
	it.last = 1600;
	it.attempts = 3;
	it.visits = 3;
	it.turned = 1;
	it.name_state = NL_TA_NAME_OK;
	strlcpy(it.name, "mail.example.org", sizeof(it.name));
	nl_ta_fmt_item(buf, sizeof(buf), &it, 1720, 0, 0);
	T_STR(buf, "198.51.100.25 mailer 95% likely-legitimate attempts 3 "
	    "visits 3 first 1000 last 1600 (2m ago) fcrdns confirmed "
	    "mail.example.org; let in: nolistctl add 198.51.100.25\n");
	nl_ta_fmt_item(buf, sizeof(buf), &it, 1720, 1, 1);
	T_STR(buf, ",\n{\"addr\":\"198.51.100.25\",\"kind\":\"mailer\","
	    "\"confidence\":95,\"likely_legitimate\":true,\"attempts\":3,"
	    "\"visits\":3,\"first\":1000,\"last\":1600,\"fcrdns\":"
	    "\"confirmed\",\"name\":\"mail.example.org\",\"let_in\":"
	    "\"nolistctl add 198.51.100.25\"}");
	it.name_state = NL_TA_NAME_NONE;
	it.name[0] = '\0';
	it.visits = 1;
	nl_ta_fmt_item(buf, sizeof(buf), &it, 1720, 1, 0);
	T(strstr(buf, "\"kind\":\"bot\",\"confidence\":95,") != NULL);
	T(strstr(buf, "\"name\":null") != NULL);
	nl_ta_fmt_item(buf, 10, &it, 1720, 0, 0);
	T(strlen(buf) == 9);
}

int
main(void)
{
	test_window();
	test_mailer();
	test_evict();
	test_generic();
	test_fmt();
	return t_done();
}
