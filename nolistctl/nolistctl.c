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
 * nolistctl: one request to nolistd's control socket, its answer on
 * stdout. The protocol is in lib/ctlproto.h.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>

#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compat.h"
#include "config.h"
#include "ctlproto.h"
#include "check.h"

#define NCTL_TIMEOUT	60	/* seconds the daemon may stay silent */
#define NCTL_STATUSMAX	(NL_CTL_MAXERR + 16)

static void __attribute__((__noreturn__))
usage(void)
{
	extern char	*__progname;

	fprintf(stderr, "usage: %s [-j] [-s socket] show whitelist | "
	    "show stats |\n\t\tshow sync | show turned-away | show pools |\n"
	    "\t\tadd address | delete address | flush\n"
	    "       %s check [-j] domain\n"
	    "       %s [-j] spf walk [-r server[:port]] domain ...\n",
	    __progname, __progname, __progname);
	exit(1);
}

static int
nctl_connect(const char *path)
{
	struct sockaddr_un	sun;
	struct timeval		tv = { NCTL_TIMEOUT, 0 };
	int			fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlcpy(sun.sun_path, path, sizeof(sun.sun_path)) >=
	    sizeof(sun.sun_path))
		errx(1, "%s: path too long", path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1)
		err(1, "socket");
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		if (errno == ENOENT || errno == ECONNREFUSED)
			errx(1, "%s: %s (is nolistd running?)", path,
			    strerror(errno));
		err(1, "%s", path);
	}
	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == -1 ||
	    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) == -1)
		err(1, "setsockopt");
	return fd;
}

static ssize_t
nctl_read(int fd, char *buf, size_t size, const char *path)
{
	ssize_t	n;

	while ((n = read(fd, buf, size)) == -1) {
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			errx(1, "%s: no answer from nolistd in %d seconds",
			    path, NCTL_TIMEOUT);
		if (errno != EINTR)
			err(1, "%s", path);
	}
	return n;
}

static void
nctl_send(int fd, const char *line, size_t len, const char *path)
{
	ssize_t	n;

	while (len > 0) {
		if ((n = write(fd, line, len)) == -1) {
			if (errno == EINTR)
				continue;
			err(1, "%s", path);
		}
		line += n;
		len -= (size_t)n;
	}
}

/* the status line decides the exit status; the body goes to stdout */
static int
nctl_answer(int fd, const char *path)
{
	char	 buf[65536], msg[NL_CTL_MAXERR];
	char	*nl;
	size_t	 have = 0, skip;
	ssize_t	 n;

	for (;;) {
		if ((n = nctl_read(fd, buf + have, sizeof(buf) - have,
		    path)) == 0)
			errx(1, "%s: nolistd closed the connection without "
			    "an answer", path);
		have += (size_t)n;
		if ((nl = memchr(buf, '\n', have)) != NULL)
			break;
		if (have >= NCTL_STATUSMAX)
			errx(1, "%s: not an answer from nolistd", path);
	}
	switch (nl_ctl_status(buf, (size_t)(nl - buf), msg, sizeof(msg))) {
	case 0:
		break;
	case -1:
		errx(1, "%s", msg);
	default:
		errx(1, "%s: not an answer from nolistd", path);
	}
	skip = (size_t)(nl - buf) + 1;
	if (fwrite(buf + skip, 1, have - skip, stdout) != have - skip)
		err(1, "stdout");
	while ((n = nctl_read(fd, buf, sizeof(buf), path)) > 0)
		if (fwrite(buf, 1, (size_t)n, stdout) != (size_t)n)
			err(1, "stdout");
	if (fflush(stdout) == EOF)
		err(1, "stdout");
	return 0;
}

int
main(int argc, char *argv[])
{
	static struct nl_config	 defaults;
	struct nl_ctl_req	 req;
	const char		*path;
	char			 line[NL_CTL_MAXREQ + 1];
	char			 msg[NL_CTL_MAXERR];
	size_t			 len;
	int			 ch, json = 0, fd;

	if (argc > 1 && strcmp(argv[1], "check") == 0)
		return check_main(argc - 1, argv + 1);
	/* before getopt, which may take spf walk's options as its own */
	if (argc > 1 && strcmp(argv[1], "spf") == 0)
		return spf_main(argc - 1, argv + 1, 0);
	if (argc > 2 && strcmp(argv[1], "-j") == 0 &&
	    strcmp(argv[2], "spf") == 0)
		return spf_main(argc - 2, argv + 2, 1);
	nl_config_defaults(&defaults);
	path = defaults.control_socket;
	while ((ch = getopt(argc, argv, "js:")) != -1) {
		switch (ch) {
		case 'j':
			json = 1;
			break;
		case 's':
			path = optarg;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		usage();
	if (nl_ctl_args(argc, argv, json, &req, msg, sizeof(msg)) == -1)
		errx(1, "%s", msg);
	if ((len = nl_ctl_encode(line, sizeof(line), &req)) == 0)
		errx(1, "request too long");
	if (pledge("stdio unix", NULL) == -1)
		err(1, "pledge");
	fd = nctl_connect(path);
	if (pledge("stdio", NULL) == -1)
		err(1, "pledge");
	nctl_send(fd, line, len, path);
	return nctl_answer(fd, path);
}
