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
 * nolistctl check's command line:
 *	[-j] [-b lists] [-r server[:port]] [-w seconds] domain
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "addr.h"
#include "checkstate.h"
#include "compat.h"

static const char *default_lists[] = {
	"zen.spamhaus.org",
	"bl.spamcop.net",
	"b.barracudacentral.org"
};

static void
usage(void)
{
	fprintf(stderr, "usage: nolistctl check [-j] [-b lists] "
	    "[-r server[:port]] [-w seconds] domain\n");
}

/* -r server[:port], for check and spf walk alike */
int
options_server(struct res_conf *rc, const char *arg, int *port_set)
{
	char		 buf[NL_ADDRSTRLEN + 8], *p, *port = NULL;
	const char	*errstr;
	long long	 n;

	if (strlcpy(buf, arg, sizeof(buf)) >= sizeof(buf))
		return -1;
	p = buf;
	if (*p == '[') {
		p++;
		if ((port = strchr(p, ']')) == NULL)
			return -1;
		*port++ = '\0';
		if (*port == '\0')
			port = NULL;
		else if (*port++ != ':')
			return -1;
	} else if ((port = strchr(p, ':')) != NULL &&
	    strchr(port + 1, ':') == NULL)
		*port++ = '\0';
	else
		port = NULL;
	if (rc->nservers == RES_MAXSERVERS ||
	    nl_addr_parse(p, &rc->servers[rc->nservers]) == -1)
		return -1;
	rc->nservers++;
	n = port == NULL ? 53 : strtonum(port, 1, 65535, &errstr);
	if (port != NULL && errstr != NULL)
		return -1;
	/* the resolver asks every server at one port */
	if (*port_set && rc->port != n)
		return -1;
	rc->port = n;
	*port_set = 1;
	return 0;
}

static int
set_lists(struct check *ck, char *arg)
{
	char	*s, norm[NL_DNAME_MAX + 1];

	ck->nlists = 0;
	while ((s = strsep(&arg, ", ")) != NULL) {
		if (*s == '\0' || strcmp(s, "none") == 0)
			continue;
		if (ck->nlists == CK_MAXLISTS ||
		    nl_name_normalize(s, norm, sizeof(norm)) == -1)
			return -1;
		/* normalizing only ever shortens; keep the argv storage */
		strlcpy(s, norm, strlen(s) + 1);
		ck->lists[ck->nlists++] = s;
	}
	return 0;
}

static void
lists_default(struct check *ck)
{
	for (ck->nlists = 0; ck->nlists < sizeof(default_lists) /
	    sizeof(default_lists[0]); ck->nlists++)
		ck->lists[ck->nlists] = default_lists[ck->nlists];
}

static int
option(struct check *ck, struct res_conf *rc, int ch, char *arg,
    int *port_set)
{
	const char	*errstr;

	switch (ch) {
	case 'b':
		if (set_lists(ck, arg) == 0)
			return 0;
		fprintf(stderr, "nolistctl check: bad list %s\n", arg);
		return -1;
	case 'j':
		ck->json = 1;
		return 0;
	case 'r':
		if (options_server(rc, arg, port_set) == 0)
			return 0;
		fprintf(stderr, "nolistctl check: bad name server %s (all at "
		    "one port, at most %d)\n", arg, RES_MAXSERVERS);
		return -1;
	case 'w':
		ck->wait.tv_sec = strtonum(arg, 1, 60, &errstr);
		if (errstr == NULL)
			return 0;
		fprintf(stderr, "nolistctl check: -w %s: %s\n", arg, errstr);
		return -1;
	}
	usage();
	return -1;
}

int
options_parse(struct check *ck, struct res_conf *rc, int argc, char *argv[])
{
	int	ch, port_set = 0;

	ck->wait.tv_sec = 5;
	lists_default(ck);
	while ((ch = getopt(argc, argv, "b:jr:w:")) != -1)
		if (option(ck, rc, ch, optarg, &port_set) == -1)
			return -1;
	if (argc - optind != 1 || nl_name_normalize(argv[optind],
	    ck->domain, sizeof(ck->domain)) == -1) {
		usage();
		return -1;
	}
	if (rc->nservers == 0 && resolver_conf_resolvconf(rc,
	    "/etc/resolv.conf") == -1) {
		fprintf(stderr, "nolistctl check: no name servers in "
		    "/etc/resolv.conf; name one with -r\n");
		return -1;
	}
	return 0;
}
