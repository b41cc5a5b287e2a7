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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compat.h"
#include "syncconf.h"
#include "syncmsg.h"

#define SC_MAXQUEUE	10000000
#define SC_MAXRATE	1000000

void
nl_sync_conf_defaults(struct nl_sync_conf *sc)
{
	memset(sc, 0, sizeof(*sc));
	sc->port = NL_SYNC_DEFAULT_PORT;
	strlcpy(sc->group, "nolistd", sizeof(sc->group));
	sc->queue = NL_SYNC_DEFAULT_QUEUE;
	sc->rate = NL_SYNC_DEFAULT_RATE;
}

/* group and name end up in key names, channel names and messages */
static int
sc_word(const char *opt, const char *val, char *dst, size_t size, char *err,
    size_t errlen)
{
	if (!nl_sync_id_ok(val, strlen(val)) || strlen(val) >= size) {
		snprintf(err, errlen, "%s \"%s\": at most %zu letters, digits, "
		    "'.', '_' or '-'", opt, val, size - 1);
		return -1;
	}
	strlcpy(dst, val, size);
	return 0;
}

static int
sc_number(const char *opt, const char *val, long long min, long long max,
    long long *v, char *err, size_t errlen)
{
	const char	*errstr;

	*v = strtonum(val, min, max, &errstr);
	if (errstr != NULL) {
		snprintf(err, errlen, "%s \"%s\" is %s", opt, val, errstr);
		return -1;
	}
	return 0;
}

static int
sc_option(struct nl_sync_conf *sc, const char *opt, const char *val,
    char *err, size_t errlen)
{
	long long	v;

	if (strcmp(opt, "port") == 0) {
		if (sc_number(opt, val, 1, UINT16_MAX, &v, err, errlen) == -1)
			return -1;
		sc->port = v;
	} else if (strcmp(opt, "auth") == 0) {
		if (val[0] != '/' || strlen(val) >= sizeof(sc->auth_file)) {
			snprintf(err, errlen, "auth \"%s\" is not an absolute "
			    "path", val);
			return -1;
		}
		strlcpy(sc->auth_file, val, sizeof(sc->auth_file));
	} else if (strcmp(opt, "group") == 0)
		return sc_word(opt, val, sc->group, sizeof(sc->group), err,
		    errlen);
	else if (strcmp(opt, "name") == 0)
		return sc_word(opt, val, sc->name, sizeof(sc->name), err,
		    errlen);
	else if (strcmp(opt, "queue") == 0) {
		if (sc_number(opt, val, 1, SC_MAXQUEUE, &v, err, errlen) == -1)
			return -1;
		sc->queue = v;
	} else if (strcmp(opt, "rate") == 0) {
		if (sc_number(opt, val, 0, SC_MAXRATE, &v, err, errlen) == -1)
			return -1;
		sc->rate = v;
	} else {
		snprintf(err, errlen, "unknown option \"%s\" (port, auth, "
		    "group, name, queue or rate)", opt);
		return -1;
	}
	return 0;
}

/* the words after "sync"; 0, or -1 with a message in err */
int
nl_sync_conf_parse(struct nl_sync_conf *sc, char **args, int nargs,
    char *err, size_t errlen)
{
	int	i;

	nl_sync_conf_defaults(sc);
	if (args[0][0] == '\0' || strlen(args[0]) >= sizeof(sc->host)) {
		snprintf(err, errlen, "bad server \"%s\"", args[0]);
		return -1;
	}
	strlcpy(sc->host, args[0], sizeof(sc->host));
	for (i = 1; i < nargs; i += 2) {
		if (i + 1 == nargs) {
			snprintf(err, errlen, "%s: missing value", args[i]);
			return -1;
		}
		if (sc_option(sc, args[i], args[i + 1], err, errlen) == -1)
			return -1;
	}
	return 0;
}
