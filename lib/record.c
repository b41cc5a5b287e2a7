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
 * Words for a record's fields, as SPEC's JSON lines and tcpdump spell
 * them.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "parse.h"
#include "record.h"

static const char *const action_names[NL_ACT_MAX] = {
	[NL_ACT_UNKNOWN] = "unknown",
	[NL_ACT_PASS] = "pass",
	[NL_ACT_BLOCK] = "block",
	[NL_ACT_SCRUB] = "scrub",
	[NL_ACT_NOSCRUB] = "noscrub",
	[NL_ACT_NAT] = "nat",
	[NL_ACT_NONAT] = "nonat",
	[NL_ACT_BINAT] = "binat",
	[NL_ACT_NOBINAT] = "nobinat",
	[NL_ACT_RDR] = "rdr",
	[NL_ACT_NORDR] = "nordr",
	[NL_ACT_SYNPROXY_DROP] = "synproxy-drop",
	[NL_ACT_DEFER] = "defer",
	[NL_ACT_MATCH] = "match",
	[NL_ACT_DIVERT] = "divert",
	[NL_ACT_RT] = "rt",
	[NL_ACT_AFRT] = "afrt"
};

const char *
nl_action_name(int action)
{
	if (action < 0 || action >= NL_ACT_MAX)
		return "unknown";
	return action_names[action];
}

const char *
nl_dir_name(int dir)
{
	switch (dir) {
	case NL_DIR_IN:
		return "in";
	case NL_DIR_OUT:
		return "out";
	default:
		return "unknown";
	}
}

/*
 * tcpdump's letters in tcpdump's order. tcpdump 4.99.3, Debian 12's, has
 * no letter for AE (later ones print "e"), so neither do we: the output
 * stays comparable with the tcpdump people have. No flag: "".
 */
static const struct {
	uint16_t	 bit;
	char		 letter;
} tcp_letters[] = {
	{ NL_TH_FIN, 'F' },
	{ NL_TH_SYN, 'S' },
	{ NL_TH_RST, 'R' },
	{ NL_TH_PUSH, 'P' },
	{ NL_TH_ACK, '.' },
	{ NL_TH_URG, 'U' },
	{ NL_TH_ECE, 'E' },
	{ NL_TH_CWR, 'W' }
};
#define NL_TCPFLAGS_MAX	(sizeof(tcp_letters) / sizeof(tcp_letters[0]))

char *
nl_tcpflags_str(uint16_t flags, char *buf, size_t len)
{
	size_t	i, n = 0;

	if (len == 0)
		return buf;
	for (i = 0; i < NL_TCPFLAGS_MAX && n + 1 < len; i++)
		if (flags & tcp_letters[i].bit)
			buf[n++] = tcp_letters[i].letter;
	buf[n] = '\0';
	return buf;
}

/*
 * The opening SYN; ECE and CWR ride on it when the sender asks for ECN.
 * SYN with FIN or RST opens nothing: scanners send it, MTAs never do.
 */
int
nl_record_is_syn(const struct nl_record *r)
{
	return r->proto == NL_PROTO_TCP &&
	    (r->tcpflags & (NL_TH_SYN | NL_TH_ACK | NL_TH_FIN | NL_TH_RST)) ==
	    NL_TH_SYN;
}

const char *
nl_parse_strerror(int rv)
{
	switch (rv) {
	case NL_PARSE_OK:
		return "ok";
	case NL_PARSE_TRUNCATED:
		return "truncated record";
	case NL_PARSE_MALFORMED:
		return "malformed record";
	case NL_PARSE_NOTIP:
		return "not an IP packet";
	default:
		return "unknown parse result";
	}
}

/*
 * Everything a parser fills, to "the record does not say"; the time is
 * the caller's. The name is cut at its first byte rather than cleared
 * whole, as this runs for every record.
 */
void
nl_record_clear(struct nl_record *r)
{
	r->rule = -1;
	r->action = NL_ACT_UNKNOWN;
	r->dir = NL_DIR_UNKNOWN;
	r->ifname[0] = '\0';
	memset(&r->src, 0, sizeof(r->src));
	memset(&r->dst, 0, sizeof(r->dst));
	r->proto = 0;
	r->sport = r->dport = 0;
	r->tcpflags = 0;
	r->has_seq = 0;
}
