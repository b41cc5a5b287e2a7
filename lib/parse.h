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

int		 nl_parse_pflog(const uint8_t *, size_t, struct nl_record *);
int		 nl_parse_nflog(const uint8_t *, size_t, struct nl_record *);
int		 nl_parse_ip(const uint8_t *, size_t, int, struct nl_record *);
const char	*nl_parse_strerror(int);

#endif
