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

#include <sys/time.h>

#include <ctype.h>
#include <libpsl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "compat.h"
#include "expand.h"

#define MILLION		1000000ULL

/* Is the sender among the addresses its PTR name resolves to? */
int
nl_fcrdns_confirmed(const struct nl_addr *sender, const struct nl_addr *addrs,
    size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (nl_addr_eq(sender, &addrs[i]))
			return 1;
	return 0;
}

/* The name a PTR query asks for, without the trailing dot. */
int
nl_ptr_name(const struct nl_addr *a, char *buf, size_t len)
{
	static const char	 hex[] = "0123456789abcdef";
	char			*p;
	int			 i;

	if (a->af == NL_AF4) {
		if ((size_t)snprintf(buf, len, "%u.%u.%u.%u.in-addr.arpa",
		    a->a[3], a->a[2], a->a[1], a->a[0]) >= len)
			return -1;
		return 0;
	}
	if (a->af != NL_AF6 || len < NL_PTRNAME_MAX)
		return -1;
	p = buf;
	for (i = 15; i >= 0; i--) {
		*p++ = hex[a->a[i] & 0xf];
		*p++ = '.';
		*p++ = hex[a->a[i] >> 4];
		*p++ = '.';
	}
	strlcpy(p, "ip6.arpa", len - (p - buf));
	return 0;
}

/*
 * Lower case, no trailing dot, only host name characters, '_' (which
 * real PTR records carry) and '/' (RFC 2317: a classless reverse
 * delegation's CNAME points to names like 130.128/25.2.0.192.in-addr.arpa).
 * Anything else is not a name worth following.
 */
int
nl_name_normalize(const char *name, char *buf, size_t len)
{
	size_t	n, i;

	n = strlen(name);
	if (n > 0 && name[n - 1] == '.')
		n--;
	if (n == 0 || n > 253 || n >= len)
		return -1;
	for (i = 0; i < n; i++) {
		unsigned char c = name[i];

		if (c == '.') {
			if (i == 0 || name[i - 1] == '.')
				return -1;
		} else if (!isalnum(c) && c != '-' && c != '_' && c != '/')
			return -1;
		buf[i] = tolower(c);
	}
	buf[n] = '\0';
	return 0;
}

/* The registered domain by the public suffix list: example.co.uk. */
int
nl_registered_domain(const char *name, char *buf, size_t len)
{
	const psl_ctx_t	*psl;
	const char	*reg;
	char		 norm[NL_DNAME_MAX + 1];

	if ((psl = psl_builtin()) == NULL)
		return -1;
	if (nl_name_normalize(name, norm, sizeof(norm)) == -1)
		return -1;
	if ((reg = psl_registrable_domain(psl, norm)) == NULL)
		return -1;
	if (strlcpy(buf, reg, len) >= len)
		return -1;
	return 0;
}

void
nl_rate_init(struct nl_rate *r, uint32_t per_sec, uint32_t burst)
{
	memset(r, 0, sizeof(*r));
	if (burst == 0)
		burst = per_sec > 0 ? per_sec : 1;
	r->per_sec = per_sec;
	r->cap = burst * MILLION;
	r->tokens = r->cap;
}

/* Tokens for the time since the last call; they pay any debt first. */
static void
rate_refill(struct nl_rate *r, const struct timeval *now)
{
	struct timeval	d;
	uint64_t	us, add;

	if (r->started && timercmp(now, &r->last, >)) {
		timersub(now, &r->last, &d);
		us = (uint64_t)d.tv_sec * MILLION + d.tv_usec;
		/* past the time to pay and fill, it is full */
		if (us >= (r->cap + r->debt) / r->per_sec)
			add = r->cap + r->debt;
		else
			add = us * r->per_sec;
		if (add >= r->debt) {
			add -= r->debt;
			r->debt = 0;
		} else {
			r->debt -= add;
			add = 0;
		}
		r->tokens = r->tokens + add > r->cap ? r->cap : r->tokens + add;
	}
	/* a clock that steps back only delays the next refill */
	r->last = *now;
	r->started = 1;
}

/* Take one token if there is one; a rate of 0 allows nothing. */
int
nl_rate_take(struct nl_rate *r, const struct timeval *now)
{
	if (r->per_sec == 0)
		return 0;
	rate_refill(r, now);
	if (r->tokens < MILLION)
		return 0;
	r->tokens -= MILLION;
	return 1;
}

/*
 * Take n tokens for what was spent already, going into debt when there
 * are not so many: later refills pay it before the bucket fills again.
 */
void
nl_rate_charge(struct nl_rate *r, uint64_t n)
{
	n *= MILLION;
	if (r->tokens >= n) {
		r->tokens -= n;
		return;
	}
	r->debt += n - r->tokens;
	r->tokens = 0;
}
