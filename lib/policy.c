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

#include "policy.h"

/* 1 when the prefix may be whitelisted, 0 when not */
int
nl_policy_prefix(const struct nl_addr *addr, int plen)
{
	switch (addr->af) {
	case NL_AF4:
		return plen >= NL_POLICY_MINPLEN4 && plen <= 32;
	case NL_AF6:
		return plen >= NL_POLICY_MINPLEN6 && plen <= 128;
	default:
		return 0;
	}
}

/* the expiry, at most now + whitelist_time */
uint32_t
nl_policy_expires(uint32_t expires, int64_t now, uint32_t whitelist_time)
{
	int64_t	max = now + whitelist_time;

	if (max < 0)
		return 0;
	if (max > UINT32_MAX)
		max = UINT32_MAX;
	return (int64_t)expires > max ? (uint32_t)max : expires;
}
