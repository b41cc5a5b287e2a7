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
 * DLT_PFLOG: pf's log header, then the packet.
 *
 * The header has grown over the years and every version is still found in
 * the wild. Its first byte is its own length (without the tail padding),
 * and that length tells the variants apart:
 *
 *	 45	OpenBSD 3.4-3.7: no uid/pid; dir at 44
 *	 61	OpenBSD 3.8-4.8, NetBSD, DragonFly, macOS, FreeBSD < 13.1
 *	 69	FreeBSD >= 13.1: ridentifier after dir
 *	100	OpenBSD >= 4.9: rewritten addresses and ports after dir
 *
 * All but the first share the layout up to and including dir (offset 60)
 * and only ever appended, so a length of 61 or more that we do not know
 * yet is read with that common layout and the actions all systems agree
 * on. Lengths from 46 to 60 cannot hold dir: malformed.
 *
 * The packet starts at the length rounded up to 4, which is what every
 * writer pads to (FreeBSD's PFLOG_ALIGN); BPF_WORDALIGN would be 8 on
 * 64-bit FreeBSD and is wrong here. The rule number is big-endian on
 * every system; uid and pid are in the logging host's order and unused.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "parse.h"

#define PFLOG_AF	1
#define PFLOG_ACTION	2
#define PFLOG_IFNAME	4
#define PFLOG_IFNAMSIZ	16
#define PFLOG_RULENR	36
#define PFLOG_DIR_OLD	44	/* OpenBSD 3.4-3.7 */
#define PFLOG_DIR	60	/* everyone since */

#define PFLOG_LEN_OLD		45
#define PFLOG_LEN_COMMON	61
#define PFLOG_LEN_FREEBSD	69
#define PFLOG_LEN_OPENBSD	100

/* address families as each system numbers them */
#define BSD_AF_INET		2
#define BSD_AF_INET6_BSD	24	/* OpenBSD, NetBSD, DragonFly */
#define BSD_AF_INET6_FREEBSD	28
#define BSD_AF_INET6_DARWIN	30

/* PF_INOUT, PF_IN, PF_OUT; OpenBSD's PF_FWD (3) has no word of ours */
#define PF_IN		1
#define PF_OUT		2

#define PF_NRULE	0xffffffffU	/* logged by no rule (the default) */

/*
 * pf's action numbers. PF_PASS (0) to PF_SYNPROXY_DROP (10) are the same
 * on every system since OpenBSD 3.5 (3.4 lacked PF_NOSCRUB at 3; from its
 * 45-byte header alone it cannot be told from 3.5-3.7, whose numbering we
 * take). OpenBSD and FreeBSD go on with PF_DEFER and PF_MATCH (11, 12),
 * then part: OpenBSD has divert, rt, afrt (13-15); FreeBSD 15 added afrt
 * and rt (13, 14) in that order, and logs afrt for af-to translated
 * packets. macOS has dummynet and nat64 at 11-14, NetBSD nothing after 10:
 * the 61-byte header is common to all of these, so there only 0-10 mean
 * anything.
 */
static const uint8_t pf_actions[] = {
	NL_ACT_PASS, NL_ACT_BLOCK, NL_ACT_SCRUB, NL_ACT_NOSCRUB, NL_ACT_NAT,
	NL_ACT_NONAT, NL_ACT_BINAT, NL_ACT_NOBINAT, NL_ACT_RDR, NL_ACT_NORDR,
	NL_ACT_SYNPROXY_DROP,
	/* OpenBSD >= 4.9 (100-byte header) and FreeBSD >= 13.1 (69) */
	NL_ACT_DEFER, NL_ACT_MATCH
};
#define PF_ACT_COMMON	11	/* PF_PASS .. PF_SYNPROXY_DROP */
#define PF_ACT_SHARED	13	/* .. PF_MATCH, then each system's own */

static const uint8_t pf_actions_openbsd[] = {
	NL_ACT_DIVERT, NL_ACT_RT, NL_ACT_AFRT
};
static const uint8_t pf_actions_freebsd[] = {
	NL_ACT_AFRT, NL_ACT_RT
};

static int
pflog_action(int hdrlen, int action)
{
	const uint8_t	*own;
	int		 nown;

	if (action < PF_ACT_COMMON)
		return pf_actions[action];
	switch (hdrlen) {
	case PFLOG_LEN_OPENBSD:
		own = pf_actions_openbsd;
		nown = (int)sizeof(pf_actions_openbsd);
		break;
	case PFLOG_LEN_FREEBSD:
		own = pf_actions_freebsd;
		nown = (int)sizeof(pf_actions_freebsd);
		break;
	default:
		return NL_ACT_UNKNOWN;
	}
	if (action < PF_ACT_SHARED)
		return pf_actions[action];
	action -= PF_ACT_SHARED;
	return action < nown ? own[action] : NL_ACT_UNKNOWN;
}

static int
pflog_dir(int dir)
{
	switch (dir) {
	case PF_IN:
		return NL_DIR_IN;
	case PF_OUT:
		return NL_DIR_OUT;
	default:
		return NL_DIR_UNKNOWN;
	}
}

static int
pflog_af(int af)
{
	switch (af) {
	case BSD_AF_INET:
		return NL_AF4;
	case BSD_AF_INET6_BSD:
	case BSD_AF_INET6_FREEBSD:
	case BSD_AF_INET6_DARWIN:
		return NL_AF6;
	default:
		return 0;
	}
}

static void
pflog_ifname(const uint8_t *p, struct nl_record *r)
{
	const uint8_t	*end;
	size_t		 len;

	/* a name that fills all 16 bytes has no NUL: stop at the field */
	end = memchr(p, '\0', PFLOG_IFNAMSIZ);
	len = end != NULL ? (size_t)(end - p) : PFLOG_IFNAMSIZ;
	memcpy(r->ifname, p, len);
	r->ifname[len] = '\0';
}

int
nl_parse_pflog(const uint8_t *p, size_t caplen, struct nl_record *r)
{
	size_t		 hdrlen, payload;
	uint32_t	 rulenr;
	int		 af, dirat;

	nl_record_clear(r);

	if (caplen < 1)
		return NL_PARSE_TRUNCATED;
	hdrlen = p[0];
	if (hdrlen == PFLOG_LEN_OLD)
		dirat = PFLOG_DIR_OLD;
	else if (hdrlen >= PFLOG_LEN_COMMON)
		dirat = PFLOG_DIR;
	else
		return NL_PARSE_MALFORMED;
	payload = (hdrlen + 3) & ~(size_t)3;
	if (caplen < payload)
		return NL_PARSE_TRUNCATED;

	pflog_ifname(p + PFLOG_IFNAME, r);
	rulenr = nl_get32(p + PFLOG_RULENR);
	r->rule = rulenr == PF_NRULE ? -1 : (int64_t)rulenr;
	r->action = pflog_action((int)hdrlen, p[PFLOG_ACTION]);
	r->dir = pflog_dir(p[dirat]);
	if ((af = pflog_af(p[PFLOG_AF])) == 0)
		return NL_PARSE_NOTIP;
	return nl_parse_ip(p + payload, caplen - payload, af, r);
}
