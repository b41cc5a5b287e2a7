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
 * libFuzzer target: nl_spf_rec_parse over an exact-size buffer, and the
 * same bytes as the TXT answer that starts an SPF walk whose every later
 * question finds nothing. A parsed record must hold what the parser
 * promises; a walk must end within its bounds.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "spf.h"
#include "spfwalk.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_term(const struct nl_spf_term *t)
{
	struct nl_addr	m = t->addr;

	if (t->kind > NL_SPFT_EXISTS || strchr("+-~?", t->qual) == NULL ||
	    t->qual == '\0' || t->plen4 > 32 || t->plen6 > 128 ||
	    memchr(t->domain, '\0', sizeof(t->domain)) == NULL)
		abort();
	if (t->kind == NL_SPFT_IP4 || t->kind == NL_SPFT_IP6) {
		nl_addr_mask(&m, t->kind == NL_SPFT_IP4 ? t->plen4 : t->plen6);
		if (!nl_addr_eq(&m, &t->addr) || t->addr.af !=
		    (t->kind == NL_SPFT_IP4 ? NL_AF4 : NL_AF6))
			abort();
	}
	if ((t->kind == NL_SPFT_INCLUDE || t->kind == NL_SPFT_EXISTS) &&
	    t->domain[0] == '\0')
		abort();
}

static void
check_rec(const struct nl_spf_rec *r)
{
	unsigned int	q = 0;
	size_t		i;

	if (r->nterms > NL_SPF_MAXTERMS)
		abort();
	for (i = 0; i < r->nterms; i++) {
		check_term(&r->terms[i]);
		q += nl_spf_term_queries(&r->terms[i]);
	}
	if (r->redirect[0] != '\0')
		q++;
	if (q != r->queryterms || (r->all != 0 && r->redirect[0] != '\0'))
		abort();
}

/* the input answers the first question, nothing the others */
static void
walk(const char *txt, size_t len)
{
	struct nl_spfwalk	*w;
	struct nl_spfw_query	 q;
	struct nl_spfw_answer	 a;
	struct nl_spfw_info	 info;
	const char		*strs[1] = { txt };
	size_t			 lens[1] = { len }, n, asked = 0;

	if ((w = nl_spfw_new("fuzz.example", 32)) == NULL)
		abort();
	while (nl_spfw_next(w, &q)) {
		memset(&a, 0, sizeof(a));
		a.status = asked++ == 0 ? NL_SPFA_OK : NL_SPFA_NONE;
		a.txt = strs;
		a.txtlen = lens;
		a.ntxt = a.status == NL_SPFA_OK;
		nl_spfw_answer(w, q.id, &a);
		if (asked > 300)
			abort();
	}
	nl_spfw_info(w, &info);
	nl_spfw_ranges(w, &n);
	if (info.result == NL_SPFW_RUNNING || n > 32 ||
	    info.queryterms > 2 * NL_SPF_MAXTERMS)
		abort();
	nl_spfw_free(w);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nl_spf_rec	*r;
	char			 err[128];
	char			*txt;

	if ((txt = malloc(size + 1)) == NULL ||
	    (r = malloc(sizeof(*r))) == NULL)
		abort();
	memcpy(txt, data, size);
	if (nl_spf_rec_parse(txt, size, r, err, sizeof(err)) == 0)
		check_rec(r);
	else if (err[0] == '\0')
		abort();
	walk(txt, size);
	free(r);
	free(txt);
	return 0;
}
