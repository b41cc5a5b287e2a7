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
 * The sync client's setup, read by the parent as root before it drops
 * privileges (daemon/sync.h): the server's address, since the engine is
 * chrooted without a resolver of its own for it, and the credentials,
 * in a file only root may read:
 *
 *	user NAME
 *	password SECRET
 *
 * the rest of each line after one space being the value. No user: AUTH
 * with the password alone (Redis' default user).
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compat.h"
#include "sync.h"
#include "syncmsg.h"

static int
setup_line(struct sync_setup *ss, const char *line, char *err, size_t len)
{
	if (strncmp(line, "user ", 5) == 0) {
		if (strlcpy(ss->user, line + 5, sizeof(ss->user)) <
		    sizeof(ss->user))
			return 0;
	} else if (strncmp(line, "password ", 9) == 0) {
		if (strlcpy(ss->password, line + 9, sizeof(ss->password)) <
		    sizeof(ss->password))
			return 0;
	} else if (line[0] == '\0' || line[0] == '#')
		return 0;
	snprintf(err, len, "a line is neither \"user NAME\" nor "
	    "\"password SECRET\", or too long");
	return -1;
}

static int
setup_auth(const char *path, struct sync_setup *ss, char *err, size_t len)
{
	struct stat	 sb;
	FILE		*fp;
	char		 line[512];
	int		 rc = 0;

	if ((fp = fopen(path, "r")) == NULL || fstat(fileno(fp), &sb) == -1) {
		snprintf(err, len, "%s: %s", path, strerror(errno));
		if (fp != NULL)
			fclose(fp);
		return -1;
	}
	if (!S_ISREG(sb.st_mode) || sb.st_uid != 0 || (sb.st_mode & 077)) {
		snprintf(err, len, "%s: must be a file of root's that no one "
		    "else may read", path);
		fclose(fp);
		return -1;
	}
	while (rc == 0 && fgets(line, sizeof(line), fp) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		if ((rc = setup_line(ss, line, err, len)) == -1)
			break;
	}
	explicit_bzero(line, sizeof(line));
	fclose(fp);
	if (rc == 0 && ss->password[0] == '\0') {
		snprintf(err, len, "%s: no password", path);
		rc = -1;
	}
	return rc;
}

static int
setup_resolve(const struct nl_sync_conf *sc, struct sync_setup *ss,
    char *err, size_t len)
{
	struct addrinfo	 hints, *res;
	int		 e;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	if ((e = getaddrinfo(sc->host, NULL, &hints, &res)) != 0) {
		snprintf(err, len, "%s: %s", sc->host, gai_strerror(e));
		return -1;
	}
	e = getnameinfo(res->ai_addr, res->ai_addrlen, ss->addr,
	    sizeof(ss->addr), NULL, 0, NI_NUMERICHOST);
	freeaddrinfo(res);
	if (e != 0) {
		snprintf(err, len, "%s: %s", sc->host, gai_strerror(e));
		return -1;
	}
	ss->port = sc->port;
	return 0;
}

/* the configured name, else the host's, then a random part of its own */
static void
setup_node(const struct nl_sync_conf *sc, struct sync_setup *ss)
{
	char		host[256];
	uint32_t	rnd;
	size_t		n;

	if (sc->name[0] != '\0')
		strlcpy(host, sc->name, sizeof(host));
	else if (gethostname(host, sizeof(host)) == -1)
		strlcpy(host, "nolistd", sizeof(host));
	host[sizeof(host) - 1] = '\0';
	host[strcspn(host, ".")] = '\0';
	n = strlen(host);
	if (n > NL_SYNC_IDMAX - 10)
		host[n = NL_SYNC_IDMAX - 10] = '\0';
	if (!nl_sync_id_ok(host, n))
		strlcpy(host, "nolistd", sizeof(host));
	arc4random_buf(&rnd, sizeof(rnd));
	snprintf(ss->node, sizeof(ss->node), "%s.%08x", host, rnd);
}

/* 0, 1 when sync is configured but not built in, -1 with why in err */
int
sync_setup_read(const struct nl_config *conf, struct sync_setup *ss,
    char *err, size_t len)
{
	const struct nl_sync_conf	*sc = &conf->sync;

	memset(ss, 0, sizeof(*ss));
	if (sc->host[0] == '\0')
		return 0;
	if (sync_library() == NULL) {
		snprintf(err, len, "sync: this nolistd was built without "
		    "hiredis; the whitelist is not shared");
		return 1;
	}
	if (sc->auth_file[0] != '\0' && setup_auth(sc->auth_file, ss, err,
	    len) == -1)
		return -1;
	if (setup_resolve(sc, ss, err, len) == -1) {
		explicit_bzero(ss, sizeof(*ss));
		return -1;
	}
	setup_node(sc, ss);
	return 0;
}
