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
 * libFuzzer target: DNS answers, chosen by the fuzzer, through the
 * daemon's whole answer path: the resolver's receive, ldns parsing, the
 * question match, TCP fallback, the cache, and dnsexpand's CNAME
 * following, PTR and address extraction, forward confirmation and the
 * expansion filter. Those functions are static, so the target plays the name
 * server: it answers the resolver's real queries with the input's bytes.
 * UDP never reaches the kernel: the link wraps socket, sendto, recvfrom
 * and close for the objects linked here (fuzz.cmake); a query marks its
 * socket's event active, and the answer is made from the input when the
 * resolver reads it. Loopback UDP held the target to 4,000 inputs a
 * second, most of it in the kernel. TCP fallback, which libevent
 * connects, goes to a real listener on 127.0.0.1.
 *
 * Input: a settings byte (bit 0: IPv6 sender; bit 1: then a second
 * sender's expansion), then answers, each a
 * big-endian length and that many bytes: a mode byte and a body. Mode
 * bit 0 set: the body is the whole packet, but for the ID, which is
 * the query's. Clear: the body's first 10 bytes are the header after
 * the ID, the query's question follows, then the rest of the body.
 * Every answer is followed by a SERVFAIL, so that one the resolver
 * ignores ends its try at once instead of at a timeout; when the input
 * runs out, every query gets a SERVFAIL.
 */
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>

#include "addr.h"
#include "change.h"
#include "dnsexpand.h"
#include "resolver.h"

#define FZ_HDR		12
#define FZ_MAXPKT	65535
#define FZ_MAXLOOPS	1000
#define FZ_MAXFD	1024
#define FZ_MAXQUERY	1024

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int	__real_socket(int, int, int);
int	__real_close(int);
int	__wrap_socket(int, int, int);
int	__wrap_close(int);
ssize_t	__wrap_sendto(int, const void *, size_t, int, const struct sockaddr *,
	    socklen_t);
ssize_t	__wrap_recvfrom(int, void *, size_t, int, struct sockaddr *,
	    socklen_t *);

/*
 * A datagram socket of the resolver's: a copy of an eventfd that is never
 * written, so that the kernel keeps it quiet and libevent can still poll
 * it; the harness makes its event active when an answer waits.
 */
struct fz_dgram {
	int			 ours;
	int			 waiting;	/* 2: answer, 1: SERVFAIL */
	uint8_t			 query[FZ_MAXQUERY];
	size_t			 qlen;
	struct sockaddr_storage	 to;
	socklen_t		 tolen;
};

struct fz_server {
	struct event_base *base;
	int		 quiet;		/* the eventfd the sockets copy */
	int		 tcp;
	int		 nconns;	/* TCP connections served now */
	uint16_t	 port;
	const uint8_t	*data;		/* answers still to give */
	size_t		 len;
	struct nl_addr	 sender;	/* the one expanded now */
	struct nl_expfilter filter;	/* the expander's */
	uint8_t		 in[FZ_MAXPKT + 2];
	uint8_t		 out[FZ_MAXPKT + 2];
};

struct fz_tcpconn {
	struct fz_server	*srv;
	struct event		*ev;
	int			 fd;
	size_t			 have;
};

static struct fz_server	fz;
static struct fz_dgram	fz_dgrams[FZ_MAXFD];

/* the TCP listener, made once and kept */
static int
fz_listen(void)
{
	struct sockaddr_in	sin;
	socklen_t		slen;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fz.tcp = __real_socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	if (fz.tcp == -1)
		return -1;
	slen = sizeof(sin);
	if (bind(fz.tcp, (struct sockaddr *)&sin, sizeof(sin)) == -1 ||
	    listen(fz.tcp, 16) == -1 ||
	    getsockname(fz.tcp, (struct sockaddr *)&sin, &slen) == -1)
		return -1;
	fz.port = ntohs(sin.sin_port);
	return 0;
}

/*
 * The answer to query q (qlen bytes) from the next piece of input, or a
 * SERVFAIL when servfail is set or the input is used up. Returns its
 * length in fz.out + off.
 */
static size_t
fz_answer(const uint8_t *q, size_t qlen, int servfail, size_t off)
{
	uint8_t		*out = fz.out + off;
	const uint8_t	*body;
	size_t		 blen, n, room = FZ_MAXPKT;

	if (qlen < FZ_HDR)
		return 0;
	if (!servfail && fz.len >= 2) {
		blen = (size_t)fz.data[0] << 8 | fz.data[1];
		if (blen > fz.len - 2)
			blen = fz.len - 2;
		body = fz.data + 2;
		fz.data += 2 + blen;
		fz.len -= 2 + blen;
		if (blen >= 1 && (body[0] & 1)) {
			n = blen - 1 < room ? blen - 1 : room;
			memcpy(out, body + 1, n);
			if (n >= 2)
				memcpy(out, q, 2);
			return n;
		}
		if (blen >= 11) {
			memcpy(out, q, 2);
			memcpy(out + 2, body + 1, 10);
			n = qlen - FZ_HDR;
			if (n > room - FZ_HDR)
				n = room - FZ_HDR;
			memcpy(out + FZ_HDR, q + FZ_HDR, n);
			n += FZ_HDR;
			blen -= 11;
			if (blen > room - n)
				blen = room - n;
			memcpy(out + n, body + 11, blen);
			return n + blen;
		}
	}
	/* SERVFAIL: the query's header and question, QR set, rcode 2 */
	n = qlen < room ? qlen : room;
	memcpy(out, q, n);
	out[2] |= 0x80;
	out[3] = (out[3] & 0xf0) | 2;
	return n;
}

/* A datagram socket for the resolver costs the kernel one dup. */
int
__wrap_socket(int domain, int type, int proto)
{
	int	fd;

	if ((type & 0xf) != SOCK_DGRAM)
		return __real_socket(domain, type, proto);
	if ((fd = fcntl(fz.quiet, F_DUPFD_CLOEXEC, 0)) == -1)
		return -1;
	if (fd >= FZ_MAXFD)
		abort();
	fz_dgrams[fd].ours = 1;
	fz_dgrams[fd].waiting = 0;
	fz_dgrams[fd].tolen = 0;
	return fd;
}

int
__wrap_close(int fd)
{
	if (fd >= 0 && fd < FZ_MAXFD)
		fz_dgrams[fd].ours = 0;
	return __real_close(fd);
}

static struct fz_dgram *
fz_dgram(int fd)
{
	if (fd < 0 || fd >= FZ_MAXFD || !fz_dgrams[fd].ours)
		abort();
	return &fz_dgrams[fd];
}

/* A query: its answer, then a SERVFAIL, wait for the socket's reader. */
ssize_t
__wrap_sendto(int fd, const void *buf, size_t len, int flags,
    const struct sockaddr *to, socklen_t tolen)
{
	struct fz_dgram	*d = fz_dgram(fd);

	(void)flags;
	if (tolen > sizeof(d->to) || len > sizeof(d->query))
		abort();
	memcpy(&d->to, to, tolen);
	d->tolen = tolen;
	memcpy(d->query, buf, len);
	d->qlen = len;
	d->waiting = 2;
	event_base_active_by_fd(fz.base, fd, EV_READ);
	return len;
}

/* The next answer, made from the input now, from where the query went. */
ssize_t
__wrap_recvfrom(int fd, void *buf, size_t len, int flags,
    struct sockaddr *from, socklen_t *fromlen)
{
	struct fz_dgram	*d = fz_dgram(fd);
	size_t		 alen;

	(void)flags;
	if (d->waiting == 0) {
		errno = EAGAIN;
		return -1;
	}
	alen = fz_answer(d->query, d->qlen, d->waiting == 1, 0);
	/* what a reader leaves behind still wakes it, as in the kernel */
	if (--d->waiting > 0)
		event_base_active_by_fd(fz.base, fd, EV_READ);
	if (alen > len)
		alen = len;
	memcpy(buf, fz.out, alen);
	if (from != NULL && fromlen != NULL) {
		if (*fromlen > d->tolen)
			*fromlen = d->tolen;
		memcpy(from, &d->to, *fromlen);
	}
	return alen;
}

static void
fz_tcp_close(struct fz_tcpconn *c)
{
	event_free(c->ev);
	close(c->fd);
	free(c);
	fz.nconns--;
}

static void
fz_tcp_read(int fd, short what, void *arg)
{
	struct fz_tcpconn	*c = arg;
	ssize_t			 n;
	size_t			 qlen, alen, off;

	(void)what;
	n = read(fd, fz.in + c->have, sizeof(fz.in) - c->have);
	if (n <= 0) {
		if (n == -1 && errno == EAGAIN)
			return;
		fz_tcp_close(c);
		return;
	}
	c->have += n;
	if (c->have < 2)
		return;
	qlen = (size_t)fz.in[0] << 8 | fz.in[1];
	if (c->have < 2 + qlen)
		return;
	alen = fz_answer(fz.in + 2, qlen, 0, 2);
	fz.out[0] = alen >> 8;
	fz.out[1] = alen & 0xff;
	/* small answers on loopback: the socket takes them whole */
	for (off = 0; off < alen + 2; off += n)
		if ((n = write(fd, fz.out + off, alen + 2 - off)) <= 0)
			break;
	fz_tcp_close(c);
}

static void
fz_tcp_accept(int fd, short what, void *arg)
{
	struct event_base	*base = arg;
	struct fz_tcpconn	*c;
	int			 s;

	(void)what;
	if ((s = accept(fd, NULL, NULL)) == -1)
		return;
	if ((c = calloc(1, sizeof(*c))) == NULL) {
		close(s);
		return;
	}
	c->fd = s;
	c->srv = &fz;
	c->ev = event_new(base, s, EV_READ | EV_PERSIST, fz_tcp_read, c);
	if (c->ev == NULL || event_add(c->ev, NULL) == -1) {
		if (c->ev != NULL)
			event_free(c->ev);
		close(s);
		free(c);
		return;
	}
	fz.nconns++;
}

static void
fz_added(void *arg, const struct nl_addr *a, int reason)
{
	(void)arg;
	if (a->af != NL_AF4 && a->af != NL_AF6)
		abort();
	/* the sender itself was whitelisted before DNS was asked */
	if (reason != NL_REASON_FCRDNS || nl_addr_eq(a, &fz.sender))
		abort();
	/* and nothing the filter keeps out: the MX, loopback, ... */
	if (!nl_expfilter_addr(&fz.filter, a))
		abort();
}

static void
fz_expand(struct event_base *base, struct dnsexp *dx, const char *sender)
{
	struct dnsexp_stats	st;
	struct timeval		now = { 1732260000, 0 };
	int			i;

	if (nl_addr_parse(sender, &fz.sender) == -1)
		abort();
	dnsexp_fake_mx(dx, &fz.sender, &now);
	for (i = 0; i < FZ_MAXLOOPS; i++) {
		dnsexp_stats(dx, &st);
		if (st.active == 0)
			return;
		event_base_loop(base, EVLOOP_ONCE);
	}
	/* every query ends in one callback, and every answer comes at once */
	abort();
}

/* The loop, the quiet descriptor and the TCP listener, made once. */
static int
fz_setup(void)
{
	struct event	*ev;

	if ((fz.quiet = eventfd(0, EFD_CLOEXEC)) == -1 || fz_listen() == -1 ||
	    (fz.base = event_base_new()) == NULL)
		return -1;
	ev = event_new(fz.base, fz.tcp, EV_READ | EV_PERSIST, fz_tcp_accept,
	    fz.base);
	if (ev == NULL || event_add(ev, NULL) == -1)
		return -1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct dnsexp_conf	 conf;
	struct dnsexp		*dx;
	int			 v6;

	if (len < 1)
		return 0;
	/* one loop for every input: what an input leaves in it is a bug */
	if (fz.base == NULL && fz_setup() == -1)
		abort();
	v6 = data[0] & 1;
	fz.data = data + 1;
	fz.len = len - 1;
	dnsexp_conf_defaults(&conf);
	nl_addr_parse("127.0.0.1", &conf.res.servers[0]);
	conf.res.nservers = 1;
	conf.res.port = fz.port;
	/* a lost answer is a bug here: the timeout only bounds the harm */
	conf.res.timeout_ms = 200;
	conf.res.retries = 1;
	/* small tables, so that their limits are reached too */
	conf.res.cache_size = 16;
	conf.res.max_outstanding = 4;
	conf.res.max_backlog = 4;
	conf.max_jobs = 4;
	/* the MX addresses a forger would like whitelisted */
	nl_addr_parse("198.51.100.1", &conf.filter.mx[0]);
	nl_addr_parse("2001:db8:100::1", &conf.filter.mx[1]);
	conf.filter.nmx = 2;
	fz.filter = conf.filter;
	conf.rate = 1000;
	if ((dx = dnsexp_new(fz.base, &conf, fz_added, NULL)) == NULL)
		abort();
	fz_expand(fz.base, dx, v6 ? "2001:db8:100::10" : "198.51.100.10");
	if (data[0] & 2)
		fz_expand(fz.base, dx, v6 ? "2001:db8:100::66" : "203.0.113.66");
	dnsexp_free(dx);
	/* the listener and the TCP connections the harness still serves */
	if (event_base_get_num_events(fz.base, EVENT_BASE_COUNT_ADDED) !=
	    1 + fz.nconns)
		abort();
	return 0;
}
