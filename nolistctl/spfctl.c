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
 * nolistctl spf walk: each domain's SPF record walked as nolistd walks
 * it (lib/spfwalk.c on the resolver), its ranges printed one a line, or
 * as one JSON object a domain. What nolistd would refuse to keep (+all,
 * ?all, ranges wider than its floor) is said on stderr; a walk that
 * fails makes the exit status 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>

#include "addr.h"
#include "check.h"
#include "checkstate.h"
#include "compat.h"
#include "json.h"
#include "poolrules.h"
#include "resolver.h"
#include "spfdns.h"
#include "spfwalk.h"

#define SPF_MAXRANGES	4096

struct spfctl {
	const char	*domain;
	int		 json;
	int		 failed;
};

static void
spf_usage(void)
{
	fprintf(stderr, "usage: nolistctl [-j] spf walk [-r server[:port]] "
	    "domain ...\n");
}

static void
spf_print_json(const struct spfctl *sc, const struct nl_spfw_info *info,
    const struct nl_spf_range *r, size_t n, int verdict)
{
	char	buf[NL_DNAME_MAX * 2 + 8], p[NL_PREFIXSTRLEN];
	size_t	i;

	nl_json_string(buf, sizeof(buf), sc->domain);
	printf("{\"domain\":%s,\"result\":\"%s\",\"pool\":\"%s\","
	    "\"ttl\":%u,\"ranges\":[", buf, nl_spfw_result_name(info->result),
	    nl_pool_verdict_name(verdict), info->ttl);
	for (i = 0; i < n; i++)
		printf("%s\"%s\"", i > 0 ? "," : "",
		    nl_prefix_ntop(&r[i].addr, r[i].plen, p, sizeof(p)));
	printf("]}\n");
}

static void
spf_walked(void *arg, const struct nl_spfwalk *w)
{
	struct spfctl			*sc = arg;
	struct nl_spfw_info		 info;
	struct nl_expfilter		 f;
	const struct nl_spf_range	*r;
	char				 p[NL_PREFIXSTRLEN];
	size_t				 n, i;
	int				 verdict = NL_POOLV_EMPTY;

	nl_spfw_info(w, &info);
	r = nl_spfw_ranges(w, &n);
	memset(&f, 0, sizeof(f));
	if (info.result == NL_SPFW_DONE)
		nl_pool_judge(&info, r, n, &f, NULL, NULL, &verdict);
	else {
		sc->failed = 1;
		fprintf(stderr, "nolistctl: %s: %s: %s\n", sc->domain,
		    nl_spfw_result_name(info.result), info.note);
	}
	if (info.result == NL_SPFW_DONE && verdict != NL_POOLV_OK)
		fprintf(stderr, "nolistctl: %s: nolistd keeps none of these: "
		    "%s\n", sc->domain, nl_pool_verdict_name(verdict));
	if (info.skipped > 0)
		fprintf(stderr, "nolistctl: %s: %u terms not walkable, the "
		    "last: %s\n", sc->domain, info.skipped, info.note);
	if (sc->json) {
		spf_print_json(sc, &info, r, n, verdict);
		return;
	}
	for (i = 0; info.result == NL_SPFW_DONE && i < n; i++)
		printf("%s\n", nl_prefix_ntop(&r[i].addr, r[i].plen, p,
		    sizeof(p)));
}

static int
spf_walk(struct event_base *base, struct resolver *res, struct spfctl *sc)
{
	struct spfwalker	*swr;
	int			 rv;

	if ((swr = spfwalker_new(res)) == NULL ||
	    spfwalk_start(swr, sc->domain, SPF_MAXRANGES, spf_walked,
	    sc) == -1) {
		fprintf(stderr, "nolistctl: out of memory\n");
		spfwalker_free(swr);
		return -1;
	}
	while (spfwalker_active(swr) > 0)
		if (event_base_loop(base, EVLOOP_ONCE) == -1)
			break;
	rv = spfwalker_active(swr) > 0 ? -1 : 0;
	spfwalker_free(swr);
	return rv;
}

static int
spf_options(int argc, char *argv[], struct res_conf *rc, int *json)
{
	int	ch, port_set = 0;

	while ((ch = getopt(argc, argv, "jr:")) != -1) {
		switch (ch) {
		case 'j':
			*json = 1;
			break;
		case 'r':
			if (options_server(rc, optarg, &port_set) == 0)
				break;
			fprintf(stderr, "nolistctl spf walk: bad name server "
			    "%s\n", optarg);
			return -1;
		default:
			spf_usage();
			return -1;
		}
	}
	if (optind >= argc) {
		spf_usage();
		return -1;
	}
	if (rc->nservers == 0 && resolver_conf_resolvconf(rc,
	    "/etc/resolv.conf") == -1) {
		fprintf(stderr, "nolistctl spf walk: no name servers in "
		    "/etc/resolv.conf; name one with -r\n");
		return -1;
	}
	return 0;
}

int
spf_main(int argc, char *argv[], int json)
{
	struct event_base	*base;
	struct resolver		*res;
	struct res_conf		 rc;
	struct spfctl		 sc;
	int			 i, rv = 0;

	if (argc < 2 || strcmp(argv[1], "walk") != 0) {
		spf_usage();
		return 1;
	}
	resolver_conf_defaults(&rc);
	rc.nservers = 0;
	optind = 1;
	if (spf_options(argc - 1, argv + 1, &rc, &json) == -1)
		return 1;
	if ((base = event_base_new()) == NULL ||
	    (res = resolver_new(base, &rc)) == NULL) {
		fprintf(stderr, "nolistctl: cannot start the resolver\n");
		return 1;
	}
	for (i = optind + 1; i < argc; i++) {
		memset(&sc, 0, sizeof(sc));
		sc.domain = argv[i];
		sc.json = json;
		if (spf_walk(base, res, &sc) == -1 || sc.failed)
			rv = 1;
	}
	resolver_free(res);
	event_base_free(base);
	return rv;
}
