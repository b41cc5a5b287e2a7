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
 * daemon/msg.c over a real socketpair: messages come out whole and in
 * order however the bytes are split, and a header no sender of ours
 * writes (a huge length, an unknown type) is refused, not trusted.
 */
#include <sys/types.h>
#include <sys/socket.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msg.h"
#include "t.h"

static void
pair(int sp[2])
{
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sp) == -1)
		abort();
	fcntl(sp[0], F_SETFL, O_NONBLOCK);
	fcntl(sp[1], F_SETFL, O_NONBLOCK);
}

static void
test_roundtrip(void)
{
	struct msgbuf	 w, r;
	struct msg	 m;
	static uint8_t	 big[MSG_MAXPAYLOAD];
	size_t		 i, got = 0;
	int		 sp[2], rc;

	pair(sp);
	T(msgbuf_init(&w, sp[0]) == 0 && msgbuf_init(&r, sp[1]) == 0);
	for (i = 0; i < sizeof(big); i++)
		big[i] = i * 7;
	T(msg_compose(&w, MSG_STATS, NULL, 0) == 0);
	T(msg_compose(&w, MSG_CHANGES, big, sizeof(big)) == 0);
	T(msg_compose(&w, MSG_CONFIG, "abc", 3) == 0);
	T(msg_compose(&w, MSG_CHANGES, big, sizeof(big) + 1) == -1 &&
	    errno == EMSGSIZE);
	/* the socket takes less than all of it: the rest waits */
	while ((rc = msg_flush(&w)) == 1 || got < 3) {
		T(rc != -1);
		if (msg_read(&r) == -1 && errno != EAGAIN)
			break;
		while (msg_get(&r, &m) == 1) {
			switch (got++) {
			case 0:
				T(m.type == MSG_STATS && m.len == 0);
				break;
			case 1:
				T(m.type == MSG_CHANGES &&
				    m.len == sizeof(big) &&
				    memcmp(m.data, big, sizeof(big)) == 0);
				break;
			case 2:
				T(m.type == MSG_CONFIG && m.len == 3 &&
				    memcmp(m.data, "abc", 3) == 0);
				break;
			}
		}
	}
	T(got == 3);
	close(sp[0]);
	T(msg_read(&r) == 0);
	close(sp[1]);
	msgbuf_clear(&w);
	msgbuf_clear(&r);
}

/* byte by byte: a message is only handed out once it is all there */
static void
test_split(void)
{
	struct msgbuf	 r;
	struct msg	 m;
	uint32_t	 hdr[2] = { MSG_CONFIG, 5 };
	uint8_t		 buf[13];
	size_t		 i;
	int		 sp[2];

	pair(sp);
	T(msgbuf_init(&r, sp[1]) == 0);
	memcpy(buf, hdr, 8);
	memcpy(buf + 8, "hello", 5);
	for (i = 0; i < sizeof(buf); i++) {
		T(write(sp[0], buf + i, 1) == 1);
		T(msg_read(&r) == 1);
		T(msg_get(&r, &m) == (i == sizeof(buf) - 1));
	}
	T(m.type == MSG_CONFIG && m.len == 5 && memcmp(m.data, "hello", 5) == 0);
	close(sp[0]);
	close(sp[1]);
	msgbuf_clear(&r);
}

static void
bad_header(uint32_t type, uint32_t len)
{
	struct msgbuf	 r;
	struct msg	 m;
	uint32_t	 hdr[2];
	int		 sp[2];

	hdr[0] = type;
	hdr[1] = len;
	pair(sp);
	T(msgbuf_init(&r, sp[1]) == 0);
	T(write(sp[0], hdr, sizeof(hdr)) == sizeof(hdr));
	T(msg_read(&r) == 1);
	T(msg_get(&r, &m) == -1 && errno == EBADMSG);
	close(sp[0]);
	close(sp[1]);
	msgbuf_clear(&r);
}

int
main(void)
{
	test_roundtrip();
	test_split();
	bad_header(MSG_CHANGES, MSG_MAXPAYLOAD + 1);
	bad_header(MSG_CHANGES, UINT32_MAX);
	bad_header(0, 4);
	bad_header(MSG_TYPE_MAX, 0);
	bad_header(UINT32_MAX, 0);
	return t_done();
}
