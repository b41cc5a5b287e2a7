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
 * Walking a domain's SPF record to the ranges it authorises, driven by
 * the caller's DNS: the walker says which question to ask next
 * (nl_spfw_next) and is given the answers (nl_spfw_answer), in any
 * order. No I/O and no clock, so a test can feed it records directly.
 *
 * Only mechanisms that pass count (the "+" qualifier or none); include:
 * and redirect= are followed, a and mx resolved; exists, ptr and terms
 * with macros cannot be enumerated and are skipped, counted in skipped.
 * RFC 7208's limits hold: more than 10 terms that query DNS, or more than
 * 2 lookups that find nothing, end the walk as a permerror, as does a
 * record that includes itself; a walk never yields more than max_ranges.
 */
#ifndef NL_SPFWALK_H
#define NL_SPFWALK_H

#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "expand.h"

enum nl_spfw_qtype {
	NL_SPFQ_TXT = 0,
	NL_SPFQ_A,
	NL_SPFQ_AAAA,
	NL_SPFQ_MX
};

/* how a walk ended; RUNNING until it does */
enum nl_spfw_result {
	NL_SPFW_RUNNING = 0,
	NL_SPFW_DONE,		/* ranges found (maybe none) */
	NL_SPFW_NORECORD,	/* the domain, or an include, has no SPF */
	NL_SPFW_MALFORMED,	/* a record RFC 7208 calls a permerror */
	NL_SPFW_LOOKUPS,	/* more than 10 terms that query DNS */
	NL_SPFW_VOID,		/* more than 2 lookups found nothing */
	NL_SPFW_LOOP,		/* a record includes itself */
	NL_SPFW_TOOMANY,	/* more ranges than allowed */
	NL_SPFW_DNSFAIL,	/* a lookup failed: try again later */
	NL_SPFW_MAX
};

/* what an answer was */
enum nl_spfa_status {
	NL_SPFA_OK = 0,		/* records, maybe none of the type */
	NL_SPFA_NONE,		/* NODATA or NXDOMAIN */
	NL_SPFA_FAIL		/* SERVFAIL, timeout, ... */
};

struct nl_spfw_query {
	uint32_t	 id;
	int		 type;		/* enum nl_spfw_qtype */
	char		 name[NL_DNAME_MAX + 1];
};

/* the records of one answer; only those of the type asked are read */
struct nl_spfw_answer {
	int			 status;	/* enum nl_spfa_status */
	uint32_t		 ttl;		/* the least of the records' */
	const char *const	*txt;		/* TXT: the strings of each RR */
	const size_t		*txtlen;
	size_t			 ntxt;
	const struct nl_addr	*addrs;		/* A, AAAA */
	size_t			 naddrs;
	const char *const	*names;		/* MX: the exchanges */
	size_t			 nnames;
};

struct nl_spf_range {
	struct nl_addr	 addr;		/* masked to plen */
	uint8_t		 plen;
};

struct nl_spfw_info {
	int		 result;	/* enum nl_spfw_result */
	char		 all;		/* the top record's "all", or 0 */
	int		 pass_all;	/* "+all" met in any record walked */
	unsigned int	 queryterms;
	unsigned int	 voids;
	unsigned int	 skipped;	/* exists, ptr, macros */
	uint32_t	 ttl;		/* least TTL of the answers used */
	char		 note[160];	/* why it ended, or the last skip */
};

struct nl_spfwalk;

struct nl_spfwalk	*nl_spfw_new(const char *, uint32_t);
void			 nl_spfw_free(struct nl_spfwalk *);
int			 nl_spfw_next(struct nl_spfwalk *,
			    struct nl_spfw_query *);
void			 nl_spfw_answer(struct nl_spfwalk *, uint32_t,
			    const struct nl_spfw_answer *);
void			 nl_spfw_info(const struct nl_spfwalk *,
			    struct nl_spfw_info *);
const struct nl_spf_range *nl_spfw_ranges(const struct nl_spfwalk *,
			    size_t *);
const char		*nl_spfw_result_name(int);

#endif
