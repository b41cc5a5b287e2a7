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
 * The capture filter (daemon/capfilter.c), compiled by libpcap for
 * DLT_PFLOG and run on pflog frames built here: SYNs to a watched port
 * pass, IPv6 SYNs behind extension headers too (the record parser walks
 * those headers), and everything else ordinary stays in the kernel.
 */
#include <sys/types.h>
#include <sys/socket.h>

#include <pcap.h>
#include <stdint.h>
#include <string.h>

#include "capfilter.h"
#include "config.h"
#include "record.h"
#include "t.h"

/* OpenBSD 3.8 and later's header, 61 bytes; the packet starts at 64 */
#define PFLOG_LEN	61
#define PFLOG_PAYLOAD	64
#define IP6_HOPOPTS	0
#define IP6_DSTOPTS	60

static pcap_t			*dead;
static struct bpf_program	 prog;

static size_t
put_pflog(uint8_t *b, int af)
{
	memset(b, 0, PFLOG_PAYLOAD);
	b[0] = PFLOG_LEN;
	/* libpcap matches "ip6" against its own system's AF_INET6 */
	b[1] = (uint8_t)af;
	memcpy(b + 4, "pflog1", 6);
	b[60] = 1;				/* in */
	return PFLOG_PAYLOAD;
}

static size_t
put_tcp(uint8_t *p, unsigned dport, unsigned flags)
{
	memset(p, 0, 20);
	p[0] = 0x9c;				/* sport 40000 */
	p[1] = 0x40;
	p[2] = (uint8_t)(dport >> 8);
	p[3] = (uint8_t)dport;
	p[12] = 5 << 4;
	p[13] = (uint8_t)flags;
	return 20;
}

/* IPv4, with ihl words of header (options move the TCP header) */
static size_t
frame4(uint8_t *b, int ihl, unsigned dport, unsigned flags)
{
	size_t	 off = put_pflog(b, AF_INET), hl = (size_t)ihl * 4;
	uint8_t	*ip = b + off;

	memset(ip, 0, hl);
	ip[0] = (uint8_t)(4 << 4 | ihl);
	ip[2] = 0;
	ip[3] = (uint8_t)(hl + 20);
	ip[6] = 0x40;				/* DF */
	ip[8] = 64;
	ip[9] = NL_PROTO_TCP;
	ip[12] = 198, ip[13] = 51, ip[14] = 100, ip[15] = 10;
	ip[16] = 192, ip[17] = 0, ip[18] = 2, ip[19] = 1;
	if (ihl > 5)
		memset(ip + 20, 1, hl - 20);	/* NOPs */
	return off + hl + put_tcp(ip + hl, dport, flags);
}

/* IPv6, behind the extension headers next[] names (8 bytes each) */
static size_t
frame6(uint8_t *b, const int *next, size_t nnext, unsigned dport,
    unsigned flags)
{
	size_t	 off = put_pflog(b, AF_INET6), i, n = 40;
	uint8_t	*ip = b + off;

	memset(ip, 0, 40);
	ip[0] = 6 << 4;
	ip[5] = (uint8_t)(nnext * 8 + 20);
	ip[6] = (uint8_t)(nnext ? next[0] : NL_PROTO_TCP);
	ip[7] = 64;
	ip[8] = 0x20, ip[9] = 0x01, ip[10] = 0x0d, ip[11] = 0xb8, ip[23] = 0x10;
	ip[24] = 0x20, ip[25] = 0x01, ip[26] = 0x0d, ip[27] = 0xb8;
	ip[39] = 0x01;
	for (i = 0; i < nnext; i++, n += 8) {
		memset(ip + n, 0, 8);
		ip[n] = (uint8_t)(i + 1 < nnext ? next[i + 1] : NL_PROTO_TCP);
		ip[n + 2] = 1;			/* PadN of 4 */
		ip[n + 3] = 4;
	}
	return off + n + put_tcp(ip + n, dport, flags);
}

static int
passes(const uint8_t *b, size_t len)
{
	struct pcap_pkthdr	h;

	memset(&h, 0, sizeof(h));
	h.caplen = h.len = (bpf_u_int32)len;
	return pcap_offline_filter(&prog, &h, b) != 0;
}

static void
test_ip4(void)
{
	uint8_t	b[256];

	T(passes(b, frame4(b, 5, 25, NL_TH_SYN)));
	T(passes(b, frame4(b, 8, 25, NL_TH_SYN | NL_TH_ECE | NL_TH_CWR)));
	T(passes(b, frame4(b, 5, 587, NL_TH_SYN)));
	T(!passes(b, frame4(b, 5, 80, NL_TH_SYN)));
	T(!passes(b, frame4(b, 5, 25, NL_TH_SYN | NL_TH_ACK)));
	T(!passes(b, frame4(b, 5, 25, NL_TH_ACK)));
	T(!passes(b, frame4(b, 5, 25, NL_TH_ACK | NL_TH_PUSH)));
	T(!passes(b, frame4(b, 5, 25, NL_TH_SYN | NL_TH_FIN)));
	T(!passes(b, frame4(b, 5, 25, NL_TH_SYN | NL_TH_RST)));
}

static void
test_ip6(void)
{
	static const int	hop[] = { IP6_HOPOPTS };
	static const int	two[] = { IP6_HOPOPTS, IP6_DSTOPTS };
	uint8_t			b[256];

	T(passes(b, frame6(b, NULL, 0, 25, NL_TH_SYN)));
	T(passes(b, frame6(b, NULL, 0, 587, NL_TH_SYN | NL_TH_ECE)));
	T(!passes(b, frame6(b, NULL, 0, 80, NL_TH_SYN)));
	T(!passes(b, frame6(b, NULL, 0, 25, NL_TH_SYN | NL_TH_ACK)));
	T(!passes(b, frame6(b, NULL, 0, 25, NL_TH_ACK)));
	T(!passes(b, frame6(b, NULL, 0, 25, NL_TH_SYN | NL_TH_FIN)));
	T(!passes(b, frame6(b, NULL, 0, 25, NL_TH_SYN | NL_TH_RST)));
	/* behind extension headers: to the parser, which walks them */
	T(passes(b, frame6(b, hop, 1, 25, NL_TH_SYN)));
	T(passes(b, frame6(b, two, 2, 587, NL_TH_SYN)));
}

int
main(void)
{
	static struct nl_config	conf;
	char			expr[2048];

	nl_config_defaults(&conf);
	conf.nports = 0;
	memset(conf.port_map, 0, sizeof(conf.port_map));
	T(nl_config_add_port(&conf, 25) == 0);
	T(nl_config_add_port(&conf, 587) == 0);
	capfilter_expr(&conf, expr, sizeof(expr));
	if ((dead = pcap_open_dead(DLT_PFLOG, 512)) == NULL ||
	    pcap_compile(dead, &prog, expr, 1, PCAP_NETMASK_UNKNOWN) == -1) {
		fprintf(stderr, "%s: %s\n", expr,
		    dead ? pcap_geterr(dead) : "pcap_open_dead");
		return 1;
	}
	test_ip4();
	test_ip6();
	pcap_freecode(&prog);
	pcap_close(dead);
	return t_done();
}
