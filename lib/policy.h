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
 * What may enter the whitelist, whoever asks: a control request, the
 * engine's changes as the parent checks them, the state file, an entry
 * found in the table at start, and the prefix statement. One rule, so
 * that no way in is wider than the others.
 *
 * A prefix shorter than NL_POLICY_MINPLEN4 (IPv4) or NL_POLICY_MINPLEN6
 * (IPv6) would open the real MX to a network no ISP gives one customer;
 * 0.0.0.0/0 would open it to everyone. An expiry is never later than
 * now + whitelist-time: nothing stays in the table for good.
 */
#ifndef NL_POLICY_H
#define NL_POLICY_H

#include <stdint.h>

#include "addr.h"

#define NL_POLICY_MINPLEN4	8
#define NL_POLICY_MINPLEN6	16
#define NL_POLICY_MINPLEN_TEXT	"IPv4 /8, IPv6 /16"	/* the two above */

int		 nl_policy_prefix(const struct nl_addr *, int);
uint32_t	 nl_policy_expires(uint32_t, int64_t, uint32_t);

#endif
