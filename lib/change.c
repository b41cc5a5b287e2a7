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

#include <string.h>

#include "change.h"

static const char *const op_names[] = {
	[NL_OP_ADD] = "add",
	[NL_OP_DELETE] = "delete",
};

static const char *const reason_names[NL_REASON_MAX] = {
	[NL_REASON_FAKEMX] = "fake-mx",
	[NL_REASON_FCRDNS] = "fcrdns",
	[NL_REASON_POOL] = "pool",
	[NL_REASON_RENEW] = "renew",
	[NL_REASON_EXPIRE] = "expire",
	[NL_REASON_EVICT] = "evict",
	[NL_REASON_RESTORE] = "restore",
	[NL_REASON_MANUAL] = "manual",
	[NL_REASON_SYNC] = "sync",
};

/* an entry the table holds already, as a change that says so */
void
nl_change_restore(struct nl_change *c, const struct nl_addr *addr, int plen,
    uint32_t expires, const struct timeval *now)
{
	memset(c, 0, sizeof(*c));
	c->time = *now;
	c->addr = *addr;
	c->plen = plen;
	c->expires = expires;
	c->op = NL_OP_ADD;
	c->reason = NL_REASON_RESTORE;
}

const char *
nl_op_name(int op)
{
	if (op < 0 || op > NL_OP_DELETE)
		return "unknown";
	return op_names[op];
}

const char *
nl_reason_name(int reason)
{
	if (reason < 0 || reason >= NL_REASON_MAX)
		return "unknown";
	return reason_names[reason];
}
