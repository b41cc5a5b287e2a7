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
 * The rules behind "nolistctl check", without any I/O: what kind of
 * address an MX has, what an SMTP probe's outcome says about the host,
 * whether the MX layout is a nolisting one, SPF and DMARC syntax, and
 * DNSBL names and answers.
 */
#ifndef NL_CHECKRULES_H
#define NL_CHECKRULES_H

#include <stddef.h>
#include <stdint.h>

#include "addr.h"

/* Address classes, from the IANA special-purpose registries. */
enum nl_addrclass {
	NL_AC_GLOBAL = 0,
	NL_AC_DOCUMENTATION,	/* RFC 5737, RFC 3849, RFC 9637 */
	NL_AC_PRIVATE,		/* RFC 1918, 6598, 4193, site-local */
	NL_AC_LOOPBACK,
	NL_AC_LINKLOCAL,
	NL_AC_UNROUTABLE	/* unspecified, reserved, multicast, ... */
};

int		 nl_addr_class(const struct nl_addr *);
const char	*nl_addr_class_name(int);

/* What one connection to port 25 of one address came to. */
enum nl_probe {
	NL_PROBE_NONE = 0,	/* not probed */
	NL_PROBE_RESET,		/* connection refused: a TCP reset */
	NL_PROBE_TIMEOUT,	/* no answer to the SYN */
	NL_PROBE_UNREACH,	/* ICMP unreachable, no route, ... */
	NL_PROBE_BANNER_OK,	/* a 2xx greeting */
	NL_PROBE_BANNER_TEMP,	/* a 4xx greeting */
	NL_PROBE_BANNER_PERM,	/* a 5xx greeting */
	NL_PROBE_NOBANNER	/* connected, but no SMTP greeting */
};

const char	*nl_probe_name(int);

/* What a host's probes say it is. */
enum nl_mxrole {
	NL_MX_UNKNOWN = 0,	/* not probed, or nothing conclusive */
	NL_MX_FAKE,		/* every address resets or times out */
	NL_MX_REFUSING,		/* greets with 4xx or 5xx, never 2xx */
	NL_MX_REAL		/* some address greets with 2xx */
};

int		 nl_mx_role(const int *, size_t);
const char	*nl_mx_role_name(int);

/* One MX record, its host's role as the probes found it. */
struct nl_mxhost {
	uint16_t	 pref;
	int		 role;
};

/* The layout of a domain's MX records, as nolisting wants it. */
struct nl_mxlayout {
	uint16_t	 best;		/* lowest preference */
	uint16_t	 worst;		/* highest preference */
	size_t		 best_real;	/* REAL at the best preference */
	size_t		 best_fake;	/* FAKE or REFUSING there */
	size_t		 best_unknown;
	size_t		 behind_real;	/* REAL behind the best */
	int		 worst_fake;	/* worst > best, all fake there */
};

void		 nl_mx_layout(const struct nl_mxhost *, size_t,
		    struct nl_mxlayout *);

/* An SMTP greeting line: its code and the host name it gives. */
int		 nl_smtp_greeting(const char *, int *, char *, size_t);

/* Names compare equal whatever their case and trailing dot. */
int		 nl_name_eq(const char *, const char *);

/* SPF (RFC 7208): is the TXT string an SPF record, and is it valid? */

struct nl_spf {
	int		 all;		/* +, -, ~ or ? of "all", or 0 */
	int		 redirect;	/* a redirect= modifier */
	int		 ptr;		/* the discouraged ptr */
	unsigned int	 lookups;	/* terms that cost DNS lookups */
};

int		 nl_spf_is_record(const char *);
int		 nl_spf_parse(const char *, struct nl_spf *, char *, size_t);

/* DMARC (RFC 7489): the policy, or -1 and why. */
enum nl_dmarc_policy {
	NL_DMARC_NONE = 0,
	NL_DMARC_QUARANTINE,
	NL_DMARC_REJECT
};

int		 nl_dmarc_is_record(const char *);
int		 nl_dmarc_parse(const char *, char *, size_t);

/* DNSBLs: the name to ask, and what the answer means. */
enum nl_dnsbl_answer {
	NL_DNSBL_LISTED = 0,	/* 127.0.0.0/8 but the error range */
	NL_DNSBL_REFUSED,	/* 127.255.255.0/24: the list refused us */
	NL_DNSBL_BOGUS		/* outside 127/8: a broken or dead list */
};

int		 nl_dnsbl_name(const struct nl_addr *, const char *, char *,
		    size_t);
int		 nl_dnsbl_answer(const struct nl_addr *);

#endif
