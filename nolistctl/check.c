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
 * nolistctl check: looks up a domain's MX records and their addresses,
 * connects to port 25 of every address the way a sender would (the best
 * preference first), and reports on the nolisting layout, the real MX's
 * reverse DNS and greeting, SPF, DMARC and block lists. checkstate.h
 * says which file does what.
 */
#include <stdio.h>
#include <stdlib.h>

#include <event2/event.h>

#include "check.h"
#include "checkstate.h"

static void
judge(struct check *ck)
{
	size_t	i;

	if (judge_mx(ck) == 0) {
		for (i = 0; i < ck->nhosts; i++)
			judge_host(ck, &ck->hosts[i]);
		if (ck->nhosts > 0) {
			judge_layout(ck);
			judge_ipv6(ck);
			judge_addresses(ck);
		}
	}
	judge_spf(ck);
	judge_dmarc(ck);
}

/* 0 when every check has been judged */
static int
check_run(struct check *ck, const struct res_conf *rc)
{
	if ((ck->base = event_base_new()) == NULL ||
	    (ck->res = resolver_new(ck->base, rc)) == NULL) {
		fprintf(stderr, "nolistctl check: cannot start the resolver\n");
		return -1;
	}
	if (ck_run(ck) == -1) {
		fprintf(stderr, "nolistctl check: stopped before the end\n");
		return -1;
	}
	judge(ck);
	if (ck->nomem) {
		fprintf(stderr, "nolistctl check: out of memory\n");
		return -1;
	}
	return 0;
}

static void
check_free(struct check *ck)
{
	probes_close(ck);
	resolver_free(ck->res);
	if (ck->base != NULL)
		event_base_free(ck->base);
	free(ck->items);
	free(ck);
}

int
check_main(int argc, char *argv[])
{
	struct check	*ck;
	struct res_conf	 rc;
	int		 rv = 1;

	if ((ck = calloc(1, sizeof(*ck))) == NULL) {
		fprintf(stderr, "nolistctl check: out of memory\n");
		return 1;
	}
	resolver_conf_defaults(&rc);
	rc.nservers = 0;
	if (options_parse(ck, &rc, argc, argv) == 0 &&
	    check_run(ck, &rc) == 0)
		rv = report_print(ck);
	check_free(ck);
	return rv;
}
