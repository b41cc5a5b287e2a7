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
 * capgen: writes a synthetic firewall log capture for the replay and
 * memory benchmarks, in the format nolistd -r reads.
 *
 *	capgen [-dp] [-n records] file
 *
 * -p writes DLT_PFLOG with OpenBSD's 100-byte header, otherwise
 * DLT_NFLOG as nft's "log group" writes it. -d writes records distinct
 * fake-MX senders and nothing else (the memory benchmark); otherwise
 * the records are a mix: SYNs to the fake MX from a pool of senders
 * (so that many repeat), renewals at the real MX, bots going straight
 * to the real MX, and noise (ACKs, other ports, UDP, ICMP).
 *
 * The MX addresses are those of share/nftables/nolistd.nft; senders
 * come from documentation ranges only: IPv4 from 198.51.100.0/24 and
 * 203.0.113.0/24, IPv6 from 2001:db8:a000::/36.
 */
#include <arpa/inet.h>

#include <err.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compat.h"

#define DLT_PFLOG_NUM	117
#define DLT_NFLOG_NUM	239
#define PCAP_MAGIC	0xa1b2c3d4U
#define CAP_SNAPLEN	65535
#define CAP_T0		1732260000U
#define CAP_STEP_US	50		/* 20,000 records a second */
#define POOL_SENDERS	250000U		/* senders that repeat */
#define MAXPKT		256

#define PFLOG_HDRLEN	100
#define BSD_AF_INET6	24
#define PF_PASS		0
#define PF_DROP		1
#define PF_IN		1

#define NFULA_PACKET_HDR	1
#define NFULA_PAYLOAD		9
#define NFULA_PREFIX		10
#define NF_INET_LOCAL_IN	1

#define TH_SYN		0x02
#define TH_ACK		0x10

enum kind {
	K_FAKE_SYN,		/* whitelists */
	K_REAL_PASS,		/* renews */
	K_REAL_BLOCK,		/* a bot at the real MX */
	K_ACK,			/* noise: not a SYN */
	K_OTHER_PORT,		/* noise: not SMTP */
	K_UDP,
	K_ICMP
};

struct pkt {
	int		 v6;
	uint8_t		 src[16];
	uint8_t		 dst[16];
	int		 proto;
	uint16_t	 dport;
	uint8_t		 flags;
	int		 pass;
	const char	*prefix;
};

static uint64_t	rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t
rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* sender n: every eighth is IPv4, from the two documentation /24s */
static void
sender(uint32_t n, struct pkt *k)
{
	static const uint8_t	net6[6] = { 0x20, 0x01, 0x0d, 0xb8, 0xa0, 0 };

	memset(k->src, 0, sizeof(k->src));
	if (n % 8 == 7) {
		k->v6 = 0;
		k->src[0] = (n / 8) % 2 ? 203 : 198;
		k->src[1] = (n / 8) % 2 ? 0 : 51;
		k->src[2] = (n / 8) % 2 ? 113 : 100;
		k->src[3] = (uint8_t)(n / 16);
		return;
	}
	k->v6 = 1;
	memcpy(k->src, net6, sizeof(net6));
	k->src[5] = (uint8_t)(n >> 24 & 0x07);
	k->src[13] = (uint8_t)(n >> 16);
	k->src[14] = (uint8_t)(n >> 8);
	k->src[15] = (uint8_t)n;
}

/* the fake MX is .1 / ::1, the real MX .2 / ::2 */
static void
mx(int real, struct pkt *k)
{
	memset(k->dst, 0, sizeof(k->dst));
	if (k->v6) {
		k->dst[0] = 0x20;
		k->dst[1] = 0x01;
		k->dst[2] = 0x0d;
		k->dst[3] = 0xb8;
		k->dst[15] = real ? 2 : 1;
	} else {
		k->dst[0] = 192;
		k->dst[2] = 2;
		k->dst[3] = real ? 2 : 1;
	}
}

static enum kind
mixed_kind(uint64_t r)
{
	r %= 100;
	if (r < 35)
		return K_FAKE_SYN;
	if (r < 65)
		return K_REAL_PASS;
	if (r < 80)
		return K_REAL_BLOCK;
	if (r < 88)
		return K_ACK;
	if (r < 94)
		return K_OTHER_PORT;
	if (r < 97)
		return K_UDP;
	return K_ICMP;
}

static void
make_pkt(enum kind kd, uint32_t who, struct pkt *k)
{
	memset(k, 0, sizeof(*k));
	sender(who, k);
	mx(kd == K_REAL_PASS || kd == K_REAL_BLOCK, k);
	k->proto = 6;
	k->dport = 25;
	k->flags = TH_SYN;
	k->prefix = "block-fake-mx";
	switch (kd) {
	case K_FAKE_SYN:
		break;
	case K_REAL_PASS:
		k->pass = 1;
		k->prefix = "pass-real-mx";
		break;
	case K_REAL_BLOCK:
		k->prefix = "block-real-mx";
		break;
	case K_ACK:
		k->flags = TH_ACK;
		break;
	case K_OTHER_PORT:
		k->dport = 80;
		k->prefix = "block-other";
		break;
	case K_UDP:
		k->proto = 17;
		k->dport = 53;
		k->prefix = "block-other";
		break;
	case K_ICMP:
		k->proto = k->v6 ? 58 : 1;
		k->prefix = "block-other";
		break;
	}
}

static uint16_t
ip_cksum(const uint8_t *p, size_t len)
{
	uint32_t	sum = 0;
	size_t		i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* the transport header; checksums are not checked by the parsers */
static size_t
l4(const struct pkt *k, uint8_t *p, uint16_t sport)
{
	uint16_t	v;

	if (k->proto == 1 || k->proto == 58) {
		p[0] = k->proto == 1 ? 8 : 128;		/* echo request */
		memset(p + 1, 0, 7);
		return 8;
	}
	v = htons(sport);
	memcpy(p, &v, 2);
	v = htons(k->dport);
	memcpy(p + 2, &v, 2);
	if (k->proto == 17) {
		v = htons(8);
		memcpy(p + 4, &v, 2);
		memset(p + 6, 0, 2);
		return 8;
	}
	memset(p + 4, 0, 16);
	p[12] = 5 << 4;
	p[13] = k->flags;
	p[14] = 0xfa;				/* window 64240 */
	p[15] = 0xf0;
	return 20;
}

static size_t
ip_packet(const struct pkt *k, uint8_t *p, uint16_t sport)
{
	size_t		hl = k->v6 ? 40 : 20, len;
	uint16_t	v;

	len = hl + l4(k, p + hl, sport);
	memset(p, 0, hl);
	if (k->v6) {
		p[0] = 6 << 4;
		v = htons((uint16_t)(len - hl));
		memcpy(p + 4, &v, 2);
		p[6] = (uint8_t)k->proto;
		p[7] = 64;
		memcpy(p + 8, k->src, 16);
		memcpy(p + 24, k->dst, 16);
		return len;
	}
	p[0] = 0x45;
	v = htons((uint16_t)len);
	memcpy(p + 2, &v, 2);
	p[8] = 64;
	p[9] = (uint8_t)k->proto;
	memcpy(p + 12, k->src, 4);
	memcpy(p + 16, k->dst, 4);
	v = htons(ip_cksum(p, 20));
	memcpy(p + 10, &v, 2);
	return len;
}

static size_t
tlv(uint8_t *p, uint16_t type, const void *val, size_t len)
{
	uint16_t	l = (uint16_t)(4 + len);
	size_t		padded = (4 + len + 3) & ~(size_t)3;

	/* netlink attributes in the writer's (our) byte order */
	memcpy(p, &l, 2);
	memcpy(p + 2, &type, 2);
	memcpy(p + 4, val, len);
	memset(p + 4 + len, 0, padded - 4 - len);
	return padded;
}

static size_t
nflog_frame(const struct pkt *k, uint8_t *p, uint16_t sport)
{
	uint8_t		ip[MAXPKT], hdr[4];
	size_t		off = 4, iplen;
	uint16_t	v;

	p[0] = k->v6 ? 10 : 2;
	p[1] = 0;
	v = htons(25);
	memcpy(p + 2, &v, 2);
	v = htons(k->v6 ? 0x86dd : 0x0800);
	memcpy(hdr, &v, 2);
	hdr[2] = NF_INET_LOCAL_IN;
	hdr[3] = 0;
	off += tlv(p + off, NFULA_PACKET_HDR, hdr, sizeof(hdr));
	off += tlv(p + off, NFULA_PREFIX, k->prefix, strlen(k->prefix) + 1);
	iplen = ip_packet(k, ip, sport);
	off += tlv(p + off, NFULA_PAYLOAD, ip, iplen);
	return off;
}

static size_t
pflog_frame(const struct pkt *k, uint8_t *p, uint16_t sport)
{
	uint32_t	rulenr = htonl(k->pass ? 7 : 3);

	memset(p, 0, PFLOG_HDRLEN);
	p[0] = PFLOG_HDRLEN;
	p[1] = k->v6 ? BSD_AF_INET6 : 2;
	p[2] = k->pass ? PF_PASS : PF_DROP;
	strlcpy((char *)p + 4, "em0", 16);
	memcpy(p + 36, &rulenr, 4);
	p[60] = PF_IN;
	return PFLOG_HDRLEN + ip_packet(k, p + PFLOG_HDRLEN, sport);
}

static void
put32(FILE *f, uint32_t v)
{
	if (fwrite(&v, sizeof(v), 1, f) != 1)
		err(1, "write");
}

static void
file_header(FILE *f, int dlt)
{
	put32(f, PCAP_MAGIC);
	put32(f, 2 | 4U << 16);		/* version 2.4, host order */
	put32(f, 0);
	put32(f, 0);
	put32(f, CAP_SNAPLEN);
	put32(f, (uint32_t)dlt);
}

static void
write_record(FILE *f, uint64_t i, const uint8_t *p, size_t len)
{
	uint64_t	us = i * CAP_STEP_US;

	put32(f, CAP_T0 + (uint32_t)(us / 1000000));
	put32(f, (uint32_t)(us % 1000000));
	put32(f, (uint32_t)len);
	put32(f, (uint32_t)len);
	if (fwrite(p, len, 1, f) != 1)
		err(1, "write");
}

static void
usage(void)
{
	fprintf(stderr, "usage: capgen [-dp] [-n records] file\n");
	exit(1);
}

int
main(int argc, char *argv[])
{
	struct pkt	 k;
	uint8_t		 frame[MAXPKT + 128];
	const char	*errstr;
	FILE		*f;
	uint64_t	 i, r;
	uint32_t	 n = 1000000;
	size_t		 len;
	int		 ch, pflog = 0, distinct = 0;

	while ((ch = getopt(argc, argv, "dn:p")) != -1) {
		switch (ch) {
		case 'd':
			distinct = 1;
			break;
		case 'n':
			n = (uint32_t)strtonum(optarg, 1, 100000000, &errstr);
			if (errstr != NULL)
				errx(1, "records %s: %s", optarg, errstr);
			break;
		case 'p':
			pflog = 1;
			break;
		default:
			usage();
		}
	}
	if (argc - optind != 1)
		usage();
	if ((f = fopen(argv[optind], "w")) == NULL)
		err(1, "%s", argv[optind]);
	file_header(f, pflog ? DLT_PFLOG_NUM : DLT_NFLOG_NUM);
	for (i = 0; i < n; i++) {
		r = rng();
		if (distinct)
			make_pkt(K_FAKE_SYN, (uint32_t)i * 8 + (uint32_t)(i % 7),
			    &k);
		else
			make_pkt(mixed_kind(r), (uint32_t)(r >> 32) %
			    POOL_SENDERS, &k);
		if (pflog)
			len = pflog_frame(&k, frame, 1024 + (uint16_t)(r >> 8));
		else
			len = nflog_frame(&k, frame, 1024 + (uint16_t)(r >> 8));
		write_record(f, i, frame, len);
	}
	if (fclose(f) == EOF)
		err(1, "%s", argv[optind]);
	return 0;
}
