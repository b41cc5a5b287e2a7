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
 * libFuzzer target: a message from Redis as another client may write it.
 * nl_sync_decode must refuse or take it whole; what it takes must check
 * out field by field, and encode and decode again to the same message.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "syncmsg.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_taken(const struct nl_sync_msg *m)
{
	if (m->op < NL_SYNC_ADD || m->op > NL_SYNC_HELLO)
		abort();
	if (m->op == NL_SYNC_HELLO)
		return;
	if ((m->addr.af == NL_AF4 && (m->plen < 0 || m->plen > 32)) ||
	    (m->addr.af == NL_AF6 && (m->plen < 0 || m->plen > 128)) ||
	    (m->addr.af != NL_AF4 && m->addr.af != NL_AF6))
		abort();
	if (m->reason < 0 || m->reason >= NL_REASON_MAX)
		abort();
	if (memchr(m->id, '\0', sizeof(m->id)) == NULL)
		abort();
}

/* what this host would write of it reads back as the same message */
static void
check_round_trip(const struct nl_sync_msg *m)
{
	struct nl_sync_msg	 again;
	struct nl_change	 c;
	const char		*why;
	char			 buf[NL_SYNC_MSGMAX];
	size_t			 len;

	if (m->op == NL_SYNC_HELLO)
		return;
	memset(&c, 0, sizeof(c));
	c.addr = m->addr;
	c.plen = m->plen;
	c.expires = m->expires;
	c.time.tv_sec = m->time_ms / 1000;
	c.time.tv_usec = (m->time_ms % 1000) * 1000;
	c.reason = m->reason;
	c.op = m->op == NL_SYNC_ADD ? NL_OP_ADD : NL_OP_DELETE;
	if (m->op == NL_SYNC_EXPIRE)
		c.reason = NL_REASON_EXPIRE;
	if (nl_sync_op_of(&c) != m->op)
		return;		/* a combination this host never sends */
	if ((len = nl_sync_encode(buf, sizeof(buf), m->id, &c)) == 0)
		return;
	if (nl_sync_decode(buf, len, &again, &why) == -1)
		abort();
	if (again.op != m->op || again.plen != m->plen ||
	    !nl_addr_eq(&again.addr, &m->addr) ||
	    again.expires != m->expires || strcmp(again.id, m->id) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nl_sync_msg	 m;
	struct nl_addr		 addr;
	const char		*why = NULL;
	int			 plen;

	memset(&m, 0, sizeof(m));
	if (nl_sync_decode((const char *)data, size, &m, &why) == 0) {
		check_taken(&m);
		check_round_trip(&m);
		/* a far or stale expiry is clamped or refused, never kept */
		if (nl_sync_check(&m, 1796600000000ULL, 3110400, &why) ==
		    NL_SYNC_OK && m.op != NL_SYNC_HELLO &&
		    m.expires > 1796600000U + 3110400U)
			abort();
	} else if (why == NULL)
		abort();
	(void)nl_sync_member((const char *)data, size, &addr, &plen);
	return 0;
}
