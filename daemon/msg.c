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
 * msg_compose queues a message; msg_flush writes what the socket takes
 * and says whether some is left (1), so the caller can wait for the
 * socket to be writable. msg_read appends what the socket has; msg_get
 * then hands out whole messages one by one: 1 with a message, 0 when
 * more bytes are needed, -1 for a header no sender of ours writes.
 */
#include <sys/types.h>
#include <sys/socket.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msg.h"

int
msgbuf_init(struct msgbuf *mb, int fd)
{
	memset(mb, 0, sizeof(*mb));
	mb->fd = fd;
	if ((mb->rbuf = malloc(MSG_HDRLEN + MSG_MAXPAYLOAD)) == NULL)
		return -1;
	return 0;
}

void
msgbuf_clear(struct msgbuf *mb)
{
	free(mb->rbuf);
	free(mb->wbuf);
	mb->rbuf = mb->wbuf = NULL;
	mb->rlen = mb->roff = mb->wlen = mb->wcap = 0;
}

static int
msg_reserve(struct msgbuf *mb, size_t more)
{
	size_t	 cap;
	uint8_t	*p;

	if (more > MSG_MAXQUEUE || mb->wlen > MSG_MAXQUEUE - more) {
		errno = ENOBUFS;
		return -1;
	}
	if (mb->wlen + more <= mb->wcap)
		return 0;
	cap = mb->wcap ? mb->wcap : 4096;
	while (cap < mb->wlen + more)
		cap *= 2;
	if ((p = realloc(mb->wbuf, cap)) == NULL)
		return -1;
	mb->wbuf = p;
	mb->wcap = cap;
	return 0;
}

int
msg_compose(struct msgbuf *mb, uint32_t type, const void *data, size_t len)
{
	uint32_t	hdr[2];

	if (len > MSG_MAXPAYLOAD) {
		errno = EMSGSIZE;
		return -1;
	}
	if (msg_reserve(mb, MSG_HDRLEN + len) == -1)
		return -1;
	hdr[0] = type;
	hdr[1] = (uint32_t)len;
	memcpy(mb->wbuf + mb->wlen, hdr, MSG_HDRLEN);
	if (len > 0)
		memcpy(mb->wbuf + mb->wlen + MSG_HDRLEN, data, len);
	mb->wlen += MSG_HDRLEN + len;
	return 0;
}

int
msg_flush(struct msgbuf *mb)
{
	ssize_t	n;

	while (mb->wlen > 0) {
		n = send(mb->fd, mb->wbuf, mb->wlen, MSG_NOSIGNAL);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return 1;
			return -1;
		}
		memmove(mb->wbuf, mb->wbuf + n, mb->wlen - n);
		mb->wlen -= n;
	}
	return 0;
}

/* at exit, when nothing else is left to do but wait for the peer */
int
msg_flush_all(struct msgbuf *mb)
{
	struct pollfd	pfd;
	int		rc;

	while ((rc = msg_flush(mb)) == 1) {
		pfd.fd = mb->fd;
		pfd.events = POLLOUT;
		if (poll(&pfd, 1, 5000) <= 0)
			return -1;
	}
	return rc;
}

/* 1: bytes read, 0: end of file, -1: error (EAGAIN when nothing yet) */
int
msg_read(struct msgbuf *mb)
{
	size_t	size = MSG_HDRLEN + MSG_MAXPAYLOAD;
	ssize_t	n;

	if (mb->roff > 0) {
		memmove(mb->rbuf, mb->rbuf + mb->roff, mb->rlen - mb->roff);
		mb->rlen -= mb->roff;
		mb->roff = 0;
	}
	if (mb->rlen == size) {
		errno = ENOBUFS;
		return -1;
	}
	do
		n = recv(mb->fd, mb->rbuf + mb->rlen, size - mb->rlen, 0);
	while (n == -1 && errno == EINTR);
	if (n == -1)
		return -1;
	if (n == 0)
		return 0;
	mb->rlen += n;
	return 1;
}

int
msg_get(struct msgbuf *mb, struct msg *m)
{
	uint32_t	hdr[2];
	size_t		avail = mb->rlen - mb->roff;

	if (avail < MSG_HDRLEN)
		return 0;
	memcpy(hdr, mb->rbuf + mb->roff, MSG_HDRLEN);
	if (hdr[0] == 0 || hdr[0] >= MSG_TYPE_MAX || hdr[1] > MSG_MAXPAYLOAD) {
		errno = EBADMSG;
		return -1;
	}
	if (avail - MSG_HDRLEN < hdr[1])
		return 0;
	m->type = hdr[0];
	m->len = hdr[1];
	m->data = mb->rbuf + mb->roff + MSG_HDRLEN;
	mb->roff += MSG_HDRLEN + hdr[1];
	return 1;
}
