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
 * Sharing the whitelist between nolistd hosts through Redis or Valkey
 * (nolistd.8, "Multi-site and CARP"): the messages peers publish, and the
 * checks a received one must pass. Encoding and decoding only, no I/O.
 *
 * A message is one line of printable ASCII, words separated by one
 * space:
 *
 *	1 ID add PREFIX EXPIRES TIME REASON	an entry added or renewed
 *	1 ID delete PREFIX EXPIRES TIME manual	an entry deleted by hand
 *	1 ID expire PREFIX EXPIRES TIME expire	an entry expired
 *	1 ID hello TIME				a peer is alive
 *
 * ID names the sender (letters, digits, '.', '_', '-'), PREFIX is
 * ADDR/LEN, EXPIRES the entry's expiry in epoch seconds and TIME when
 * the sender decided it, in epoch milliseconds. Everything received is
 * hostile: nl_sync_decode takes nothing it would not have written, and
 * nl_sync_check applies this host's bounds.
 */
#ifndef NL_SYNCMSG_H
#define NL_SYNCMSG_H

#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "change.h"

#define NL_SYNC_MSGMAX		160	/* bytes in a message, with the NUL */
#define NL_SYNC_IDMAX		48	/* bytes in an ID, with the NUL */
#define NL_SYNC_MEMBERMAX	NL_PREFIXSTRLEN
/* the shortest prefixes nolistd.conf's prefix allows */
#define NL_SYNC_MIN_PREFIX4	8
#define NL_SYNC_MIN_PREFIX6	16
/* how far ahead of this host's clock a sender's may be */
#define NL_SYNC_MAXSKEW_MS	60000

enum nl_sync_op {
	NL_SYNC_ADD = 0,
	NL_SYNC_DELETE,
	NL_SYNC_EXPIRE,
	NL_SYNC_HELLO
};

/* what nl_sync_check says of a decoded message */
enum nl_sync_check_result {
	NL_SYNC_OK = 0,
	NL_SYNC_STALE,		/* already expired: ignored, not hostile */
	NL_SYNC_BAD		/* refused */
};

struct nl_sync_msg {
	char		 id[NL_SYNC_IDMAX];
	int		 op;		/* enum nl_sync_op */
	struct nl_addr	 addr;		/* masked to plen */
	int		 plen;
	uint32_t	 expires;
	uint64_t	 time_ms;
	int		 reason;	/* enum nl_reason, as the sender saw it */
};

int		 nl_sync_op_of(const struct nl_change *);
size_t		 nl_sync_encode(char *, size_t, const char *,
		    const struct nl_change *);
size_t		 nl_sync_encode_hello(char *, size_t, const char *, uint64_t);
int		 nl_sync_decode(const char *, size_t, struct nl_sync_msg *,
		    const char **);
int		 nl_sync_check(struct nl_sync_msg *, uint64_t, uint32_t,
		    const char **);
int		 nl_sync_id_ok(const char *, size_t);
int		 nl_sync_member(const char *, size_t, struct nl_addr *, int *);
const char	*nl_sync_op_name(int);

#endif
