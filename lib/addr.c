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

#include <sys/types.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "addr.h"
#include "compat.h"

void
nl_addr_set4(struct nl_addr *a, const uint8_t *p)
{
	memset(a, 0, sizeof(*a));
	a->af = NL_AF4;
	memcpy(a->a, p, 4);
}

void
nl_addr_set6(struct nl_addr *a, const uint8_t *p)
{
	a->af = NL_AF6;
	memcpy(a->a, p, 16);
}

int
nl_addr_parse(const char *s, struct nl_addr *a)
{
	uint8_t	buf[16];

	if (inet_pton(AF_INET, s, buf) == 1) {
		nl_addr_set4(a, buf);
		return 0;
	}
	if (inet_pton(AF_INET6, s, buf) == 1) {
		nl_addr_set6(a, buf);
		return 0;
	}
	return -1;
}

/* "addr" or "addr/len"; a plain address has the family's full length */
int
nl_prefix_parse(const char *s, struct nl_addr *a, int *plen)
{
	char		 buf[NL_PREFIXSTRLEN];
	const char	*slash, *errstr;
	size_t		 n;
	long long	 len;

	if ((slash = strchr(s, '/')) == NULL) {
		if (nl_addr_parse(s, a) == -1)
			return -1;
		*plen = nl_addr_maxplen(a);
		return 0;
	}
	n = slash - s;
	if (n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (nl_addr_parse(buf, a) == -1)
		return -1;
	errstr = NULL;
	len = strtonum(slash + 1, 0, nl_addr_maxplen(a), &errstr);
	if (errstr != NULL)
		return -1;
	*plen = (int)len;
	nl_addr_mask(a, *plen);
	return 0;
}

int
nl_addr_maxplen(const struct nl_addr *a)
{
	return a->af == NL_AF4 ? 32 : 128;
}

void
nl_addr_mask(struct nl_addr *a, int plen)
{
	int	i, max = nl_addr_maxplen(a) / 8;

	if (plen < 0)
		plen = 0;
	for (i = plen / 8; i < max; i++) {
		if (i == plen / 8 && plen % 8 != 0)
			a->a[i] &= (uint8_t)(0xff << (8 - plen % 8));
		else
			a->a[i] = 0;
	}
}

int
nl_addr_eq(const struct nl_addr *a, const struct nl_addr *b)
{
	return a->af == b->af && memcmp(a->a, b->a, sizeof(a->a)) == 0;
}

int
nl_addr_cmp(const struct nl_addr *a, const struct nl_addr *b)
{
	if (a->af != b->af)
		return a->af < b->af ? -1 : 1;
	return memcmp(a->a, b->a, sizeof(a->a));
}

/* a random key, so that nobody outside can tell which addresses collide */
int
nl_hashkey_init(struct nl_hashkey *key)
{
	return getentropy(key, sizeof(*key));
}

static uint64_t
rotl64(uint64_t x, int b)
{
	return (x << b) | (x >> (64 - b));
}

struct sip {
	uint64_t	v0, v1, v2, v3;
};

static void
sip_round(struct sip *s)
{
	s->v0 += s->v1;
	s->v1 = rotl64(s->v1, 13) ^ s->v0;
	s->v0 = rotl64(s->v0, 32);
	s->v2 += s->v3;
	s->v3 = rotl64(s->v3, 16) ^ s->v2;
	s->v0 += s->v3;
	s->v3 = rotl64(s->v3, 21) ^ s->v0;
	s->v2 += s->v1;
	s->v1 = rotl64(s->v1, 17) ^ s->v2;
	s->v2 = rotl64(s->v2, 32);
}

static void
sip_word(struct sip *s, uint64_t m)
{
	s->v3 ^= m;
	sip_round(s);
	sip_round(s);
	s->v0 ^= m;
}

static uint64_t
le64(const uint8_t *p, size_t n)
{
	uint64_t	v = 0;

	while (n-- > 0)
		v = (v << 8) | p[n];
	return v;
}

/*
 * SipHash-2-4 of family, prefix length and address: senders pick their
 * source addresses, and with a keyed hash they cannot pick a chain.
 */
uint32_t
nl_addr_hash(const struct nl_addr *a, int plen, const struct nl_hashkey *key)
{
	struct sip	s;
	uint8_t		msg[18];
	size_t		len, off;
	uint64_t	h;

	msg[0] = a->af;
	msg[1] = (uint8_t)plen;
	len = 2 + (a->af == NL_AF4 ? 4 : 16);
	memcpy(msg + 2, a->a, len - 2);
	s.v0 = key->k0 ^ 0x736f6d6570736575ULL;
	s.v1 = key->k1 ^ 0x646f72616e646f6dULL;
	s.v2 = key->k0 ^ 0x6c7967656e657261ULL;
	s.v3 = key->k1 ^ 0x7465646279746573ULL;
	for (off = 0; off + 8 <= len; off += 8)
		sip_word(&s, le64(msg + off, 8));
	sip_word(&s, ((uint64_t)len << 56) | le64(msg + off, len - off));
	s.v2 ^= 0xff;
	sip_round(&s);
	sip_round(&s);
	sip_round(&s);
	sip_round(&s);
	h = s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
	return (uint32_t)(h ^ (h >> 32));
}

/* v, 0 to 999, in decimal at p; returns the end */
static char *
addr_dec3(char *p, unsigned int v)
{
	if (v >= 100)
		*p++ = (char)('0' + v / 100);
	if (v >= 10)
		*p++ = (char)('0' + v / 10 % 10);
	*p++ = (char)('0' + v % 10);
	return p;
}

static char *
addr_ntop4(const uint8_t *a, char *buf)
{
	char	*p = buf;
	int	 i;

	for (i = 0; i < 4; i++) {
		if (i > 0)
			*p++ = '.';
		p = addr_dec3(p, a[i]);
	}
	*p = '\0';
	return buf;
}

/* the longest run of zero words, the first of equals; none under two */
static void
addr_zero_run(const uint16_t *w, int *base, int *len)
{
	int	i, cur = -1;

	*base = -1;
	*len = 0;
	for (i = 0; i <= 8; i++) {
		if (i < 8 && w[i] == 0) {
			if (cur == -1)
				cur = i;
			continue;
		}
		if (cur != -1 && i - cur > *len) {
			*base = cur;
			*len = i - cur;
		}
		cur = -1;
	}
	if (*len < 2)
		*base = -1;
}

/*
 * RFC 5952 text, as glibc's inet_ntop writes it (lower case, the longest
 * run of two or more zero words as "::", ::a.b.c.d and ::ffff:a.b.c.d
 * for embedded IPv4), so that every platform prints the same; by hand,
 * as glibc's sprintf per word is most of a JSON line's cost.
 */
static char *
addr_ntop6(const uint8_t *a, char *buf)
{
	static const char	 hex[] = "0123456789abcdef";
	uint16_t		 w[8];
	char			*p = buf;
	int			 i, base, len, shift, started;

	for (i = 0; i < 8; i++)
		w[i] = (uint16_t)(a[2 * i] << 8 | a[2 * i + 1]);
	addr_zero_run(w, &base, &len);
	for (i = 0; i < 8; i++) {
		if (base != -1 && i >= base && i < base + len) {
			if (i == base)
				*p++ = ':';
			continue;
		}
		if (i != 0)
			*p++ = ':';
		if (i == 6 && base == 0 &&
		    (len == 6 || (len == 5 && w[5] == 0xffff))) {
			addr_ntop4(a + 12, p);
			return buf;
		}
		started = 0;
		for (shift = 12; shift >= 0; shift -= 4) {
			if (!started && shift > 0 && (w[i] >> shift) == 0)
				continue;
			started = 1;
			*p++ = hex[(w[i] >> shift) & 0xf];
		}
	}
	if (base != -1 && base + len == 8)
		*p++ = ':';
	*p = '\0';
	return buf;
}

const char *
nl_addr_ntop(const struct nl_addr *a, char *buf, size_t len)
{
	if (a->af != NL_AF4 && a->af != NL_AF6) {
		snprintf(buf, len, "?");
		return buf;
	}
	/* glibc's inet_ntop formats with sprintf: slow on every line */
	if (a->af == NL_AF4 && len >= INET_ADDRSTRLEN)
		return addr_ntop4(a->a, buf);
	if (a->af == NL_AF6 && len >= INET6_ADDRSTRLEN)
		return addr_ntop6(a->a, buf);
	if (inet_ntop(a->af == NL_AF4 ? AF_INET : AF_INET6, a->a, buf,
	    len) == NULL)
		snprintf(buf, len, "?");
	return buf;
}

const char *
nl_prefix_ntop(const struct nl_addr *a, int plen, char *buf, size_t len)
{
	char	abuf[NL_ADDRSTRLEN], num[5];

	/* by hand: this is on every line the print backend writes */
	nl_addr_ntop(a, abuf, sizeof(abuf));
	if (plen < 0 || plen > 999) {
		snprintf(buf, len, "%s/%d", abuf, plen);
		return buf;
	}
	num[0] = '/';
	*addr_dec3(num + 1, (unsigned int)plen) = '\0';
	strlcpy(buf, abuf, len);
	strlcat(buf, num, len);
	return buf;
}
