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
 * Prefixes as the intervals of an nftables interval set. The kernel
 * keeps a prefix as two elements: its first address, and the first
 * address after it flagged as an interval end. A prefix that reaches
 * the top of the address space has no end element.
 */
#include <stdint.h>
#include <string.h>

#include "nft_nl.h"

/* adds 2^bit to a big-endian key; -1 when it carries out of the top */
static int
nft_key_addpow2(uint8_t *k, int keylen, int bit)
{
	int	i = keylen - 1 - bit / 8;
	int	sum = 1 << (bit % 8);

	if (i < 0)
		return -1;
	for (; i >= 0 && sum != 0; i--) {
		sum += k[i];
		k[i] = (uint8_t)sum;
		sum >>= 8;
	}
	return sum != 0 ? -1 : 0;
}

static int
nft_key_trailing_zeros(const uint8_t *k, int keylen)
{
	int	i, bit, n = 0;

	for (i = keylen - 1; i >= 0; i--) {
		if (k[i] == 0) {
			n += 8;
			continue;
		}
		for (bit = 0; !(k[i] & (1 << bit)); bit++)
			n++;
		break;
	}
	return n;
}

/*
 * The end element of prefix key/plen: 0 with end set, or -1 when the
 * prefix reaches the top and has none.
 */
int
nft_range_end(const uint8_t *key, int keylen, int plen, uint8_t *end)
{
	memcpy(end, key, keylen);
	return nft_key_addpow2(end, keylen, keylen * 8 - plen);
}

/*
 * The longest prefix that starts at start and stays below end (NULL:
 * the top of the address space). Its length goes to plen and the
 * address after it to next. Returns 0, or 1 when the prefix reached the
 * top and nothing follows it.
 */
int
nft_range_split(const uint8_t *start, const uint8_t *end, int keylen,
    int *plen, uint8_t *next)
{
	int	bits = keylen * 8, b, over;

	b = nft_key_trailing_zeros(start, keylen);
	if (b > bits)
		b = bits;
	for (; b >= 0; b--) {
		memcpy(next, start, keylen);
		over = nft_key_addpow2(next, keylen, b) == -1;
		if (end == NULL || (!over && memcmp(next, end, keylen) <= 0)) {
			*plen = bits - b;
			return over ? 1 : 0;
		}
	}
	/* start is not below end: a one-address step keeps callers moving */
	*plen = bits;
	return 1;
}
