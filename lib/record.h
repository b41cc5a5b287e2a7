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
 * One log record, as every parser produces it: the fields SPEC's JSON lines
 * carry, whatever the link type it came from.
 */
#ifndef NL_RECORD_H
#define NL_RECORD_H

#include <sys/time.h>
#include <stdint.h>

#include "addr.h"

/* nflog prefixes are up to 128 bytes with the NUL; pf names 16 */
#define NL_IFNAMELEN	128

enum nl_action {
	NL_ACT_UNKNOWN = 0,
	NL_ACT_PASS,
	NL_ACT_BLOCK,
	NL_ACT_SCRUB,
	NL_ACT_NOSCRUB,
	NL_ACT_NAT,
	NL_ACT_NONAT,
	NL_ACT_BINAT,
	NL_ACT_NOBINAT,
	NL_ACT_RDR,
	NL_ACT_NORDR,
	NL_ACT_SYNPROXY_DROP,
	NL_ACT_DEFER,
	NL_ACT_MATCH,
	NL_ACT_DIVERT,
	NL_ACT_RT,
	NL_ACT_AFRT,
	NL_ACT_MAX
};

enum nl_dir {
	NL_DIR_UNKNOWN = 0,
	NL_DIR_IN,
	NL_DIR_OUT
};

/* TCP flag bits as on the wire (13th byte), plus the AE bit of byte 12 */
#define NL_TH_FIN	0x001
#define NL_TH_SYN	0x002
#define NL_TH_RST	0x004
#define NL_TH_PUSH	0x008
#define NL_TH_ACK	0x010
#define NL_TH_URG	0x020
#define NL_TH_ECE	0x040
#define NL_TH_CWR	0x080
#define NL_TH_AE	0x100

/* room for nl_tcpflags_str(): "FSRP.UEW" and the NUL */
#define NL_TCPFLAGSLEN	9

#define NL_PROTO_TCP	6
#define NL_PROTO_UDP	17

struct nl_record {
	struct timeval	 time;		/* the capture's timestamp */
	int64_t		 rule;		/* -1 where the record does not say */
	struct nl_addr	 src;
	struct nl_addr	 dst;		/* src.af is the record's family */
	uint16_t	 sport;		/* host order; 0 unless TCP or UDP */
	uint16_t	 dport;
	uint16_t	 tcpflags;	/* NL_TH_*; 0 unless TCP */
	uint8_t		 proto;		/* transport protocol number */
	uint8_t		 action;	/* enum nl_action */
	uint8_t		 dir;		/* enum nl_dir */
	uint8_t		 has_seq;	/* NFLOG: seq and group are set */
	uint16_t	 group;		/* NFLOG group */
	uint32_t	 seq;		/* the group's sequence number */
	char		 ifname[NL_IFNAMELEN];	/* or the nflog prefix */
};

void		 nl_record_clear(struct nl_record *);
const char	*nl_action_name(int);
const char	*nl_dir_name(int);
char		*nl_tcpflags_str(uint16_t, char *, size_t);
int		 nl_record_is_syn(const struct nl_record *);

#endif
