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
 * nolistctl check's SMTP probes: connect to port 25 the way a sender
 * would, tell a reset from a timeout from a greeting, and say QUIT.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include "addr.h"
#include "checkstate.h"

#define CK_SMTP_PORT	25

static long
elapsed_ms(const struct timespec *t0)
{
	struct timespec	now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t0->tv_sec) * 1000 +
	    (now.tv_nsec - t0->tv_nsec) / 1000000;
}

/*
 * What is left of -w since the probe started: one deadline for the
 * connect and the whole greeting, whatever pace the server sends at.
 */
static int
probe_left(const struct ck_addr *a, struct timeval *tv)
{
	long	left;

	left = a->ck->wait.tv_sec * 1000 + a->ck->wait.tv_usec / 1000 -
	    elapsed_ms(&a->t0);
	if (left <= 0)
		return -1;
	tv->tv_sec = left / 1000;
	tv->tv_usec = (left % 1000) * 1000;
	return 0;
}

static void
probe_end(struct ck_addr *a, int result, int err)
{
	a->probe = result;
	a->err = err;
	a->ms = elapsed_ms(&a->t0);
	if (a->ev != NULL) {
		event_free(a->ev);
		a->ev = NULL;
	}
	if (a->fd != -1) {
		close(a->fd);
		a->fd = -1;
	}
	ck_release(a->ck);
}

static void
probe_greeting(struct ck_addr *a)
{
	static const char	 quit[] = "QUIT\r\n";
	char			 host[NL_DNAME_MAX + 1];
	int			 code;

	a->greeting[strcspn(a->greeting, "\r\n")] = '\0';
	ck_sanitize(a->greeting);
	/* polite, and no matter if it fails */
	if (write(a->fd, quit, sizeof(quit) - 1) == -1)
		a->err = errno;
	if (nl_smtp_greeting(a->greeting, &code, host, sizeof(host)) == -1)
		probe_end(a, NL_PROBE_NOBANNER, 0);
	else if (code >= 200 && code < 300)
		probe_end(a, NL_PROBE_BANNER_OK, 0);
	else if (code >= 400 && code < 500)
		probe_end(a, NL_PROBE_BANNER_TEMP, 0);
	else if (code >= 500 && code < 600)
		probe_end(a, NL_PROBE_BANNER_PERM, 0);
	else
		probe_end(a, NL_PROBE_NOBANNER, 0);
}

static void
probe_read(int fd, short what, void *arg)
{
	struct ck_addr	*a = arg;
	struct timeval	 left;
	ssize_t		 n;

	if (what & EV_TIMEOUT) {
		probe_end(a, NL_PROBE_NOBANNER, ETIMEDOUT);
		return;
	}
	n = read(fd, a->greeting + a->glen, sizeof(a->greeting) - 1 -
	    a->glen);
	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		probe_end(a, NL_PROBE_NOBANNER, n == 0 ? 0 : errno);
		return;
	}
	a->glen += n;
	a->greeting[a->glen] = '\0';
	if (memchr(a->greeting, '\n', a->glen) != NULL ||
	    a->glen == sizeof(a->greeting) - 1)
		probe_greeting(a);
	else if (probe_left(a, &left) == -1)
		probe_end(a, NL_PROBE_NOBANNER, ETIMEDOUT);
	/* a persistent event's timeout starts again at every byte */
	else if (event_add(a->ev, &left) == -1)
		probe_end(a, NL_PROBE_NOBANNER, ENOMEM);
}

static void
probe_connected(int fd, short what, void *arg)
{
	struct ck_addr	*a = arg;
	struct timeval	 left;
	int		 err = 0;
	socklen_t	 len = sizeof(err);

	if (what & EV_TIMEOUT) {
		probe_end(a, NL_PROBE_TIMEOUT, ETIMEDOUT);
		return;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == -1)
		err = errno;
	if (err == ECONNREFUSED) {
		probe_end(a, NL_PROBE_RESET, err);
		return;
	}
	if (err != 0) {
		probe_end(a, NL_PROBE_UNREACH, err);
		return;
	}
	a->ms = elapsed_ms(&a->t0);
	if (probe_left(a, &left) == -1) {
		probe_end(a, NL_PROBE_NOBANNER, ETIMEDOUT);
		return;
	}
	event_free(a->ev);
	a->ev = event_new(a->ck->base, fd, EV_READ | EV_PERSIST, probe_read,
	    a);
	if (a->ev == NULL || event_add(a->ev, &left) == -1)
		probe_end(a, NL_PROBE_UNREACH, ENOMEM);
}

static socklen_t
addr_sockaddr(const struct nl_addr *a, uint16_t port,
    struct sockaddr_storage *ss)
{
	struct sockaddr_in	*sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6	*sin6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (a->af == NL_AF4) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons(port);
		memcpy(&sin->sin_addr, a->a, 4);
		return sizeof(*sin);
	}
	sin6->sin6_family = AF_INET6;
	sin6->sin6_port = htons(port);
	memcpy(&sin6->sin6_addr, a->a, 16);
	return sizeof(*sin6);
}

void
probe_start(struct ck_addr *a)
{
	struct sockaddr_storage	ss;
	socklen_t		len;

	/* where senders cannot go, and where DNS must not send us */
	if (a->class != NL_AC_GLOBAL && a->class != NL_AC_DOCUMENTATION)
		return;
	ck_hold(a->ck);
	clock_gettime(CLOCK_MONOTONIC, &a->t0);
	len = addr_sockaddr(&a->addr, CK_SMTP_PORT, &ss);
	a->fd = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, 0);
	if (a->fd == -1) {
		probe_end(a, NL_PROBE_UNREACH, errno);
		return;
	}
	if (connect(a->fd, (struct sockaddr *)&ss, len) == -1 &&
	    errno != EINPROGRESS) {
		probe_end(a, errno == ECONNREFUSED ? NL_PROBE_RESET :
		    NL_PROBE_UNREACH, errno);
		return;
	}
	a->ev = event_new(a->ck->base, a->fd, EV_WRITE, probe_connected, a);
	if (a->ev == NULL || event_add(a->ev, &a->ck->wait) == -1)
		probe_end(a, NL_PROBE_UNREACH, ENOMEM);
}

void
probes_close(struct check *ck)
{
	struct ck_addr	*a;
	size_t		 i, j;

	for (i = 0; i < ck->nhosts; i++)
		for (j = 0; j < ck->hosts[i].naddrs; j++) {
			a = &ck->hosts[i].addrs[j];
			if (a->ev != NULL)
				event_free(a->ev);
			if (a->fd != -1)
				close(a->fd);
		}
}
