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
 * Log-record parsers. Each takes one captured frame of its link type and
 * fills a record (all but the time, which the caller owns). Every read is
 * bounds-checked against caplen; a frame that ends early anywhere is
 * NL_PARSE_TRUNCATED and its record must not be used.
 */
#ifndef NL_PARSE_H
#define NL_PARSE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "record.h"

enum nl_parse_result {
	NL_PARSE_OK = 0,
	NL_PARSE_TRUNCATED,	/* the frame ends before a field we need */
	NL_PARSE_MALFORMED,	/* lengths or versions that cannot be */
	NL_PARSE_NOTIP		/* well formed, but not IPv4 or IPv6 */
};

/* link types, as pcap numbers them */
#define NL_DLT_PFLOG	117
#define NL_DLT_NFLOG	239

/* big-endian fields, read a byte at a time: no alignment assumed */
static inline uint16_t
nl_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t
nl_get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* host-order fields (pcap file headers, NFLOG's TLVs), unaligned too */
static inline uint16_t
nl_get16h(const uint8_t *p)
{
	uint16_t	v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static inline uint32_t
nl_get32h(const uint8_t *p)
{
	uint32_t	v;

	memcpy(&v, p, sizeof(v));
	return v;
}

int		 nl_parse_pflog(const uint8_t *, size_t, struct nl_record *);
int		 nl_parse_nflog(const uint8_t *, size_t, struct nl_record *);
int		 nl_parse_ip(const uint8_t *, size_t, int, struct nl_record *);
const char	*nl_parse_strerror(int);

#endif
