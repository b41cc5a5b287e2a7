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
 * A bounded flood of spoofed TCP SYNs for the hostile-load test, sent as
 * whole Ethernet frames on a packet socket so that any source address
 * goes out as is. IPv6 sources are 2001:db8:f000::/36, each one used
 * once; every 16th SYN is IPv4 from 203.0.113.0/24, at varied source
 * ports, to the fake MX or, one time in four, the real MX. It stops at
 * COUNT SYNs or after SECONDS, whichever comes first, and prints what it
 * sent and at what rate.
 *
 * usage: synflood IFNAME DSTMAC COUNT SECONDS PPS
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <arpa/inet.h>

#include <err.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "compat.h"
#include "synsend.h"

#define BATCH		64
#define FRAMELEN	80
#define ETHLEN		14
#define IP4LEN		20
#define IP6LEN		40
#define TCPLEN		20

static const uint8_t flood6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0xf0 };
static const uint8_t fake6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
static const uint8_t fake4[4] = { 192, 0, 2, 1 };
static const uint8_t real4[4] = { 192, 0, 2, 2 };

struct flood {
	int		 fd;
	uint8_t		 dstmac[6];
	uint8_t		 srcmac[6];
	uint64_t	 sent6;
	uint64_t	 sent4;
};

static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static void
put_eth(struct flood *f, uint8_t *p, uint16_t type)
{
	memcpy(p, f->dstmac, 6);
	memcpy(p + 6, f->srcmac, 6);
	put16(p + 12, type);
}

/* a bare SYN; the pseudo-header sum is the caller's */
static void
put_tcp(uint8_t *t, uint16_t sport, uint16_t dport, uint32_t seq,
    uint32_t pseudo)
{
	memset(t, 0, TCPLEN);
	put16(t, sport);
	put16(t + 2, dport);
	t[4] = seq >> 24;
	t[5] = seq >> 16;
	t[6] = seq >> 8;
	t[7] = seq;
	t[12] = (TCPLEN / 4) << 4;
	t[13] = 0x02;			/* SYN */
	put16(t + 14, 64240);
	put16(t + 16, synsend_fold(synsend_sum(t, TCPLEN, pseudo)));
}

static size_t
frame6(struct flood *f, uint8_t *p, uint64_t n)
{
	uint8_t		*ip = p + ETHLEN, src[16];
	uint32_t	 mix = (uint32_t)n * 2654435761U, pseudo;

	/*
	 * 2001:db8:f000::/36, a different address each time, spread over
	 * 65,536 /64s so that "prefix 24 64" does not fold them into one
	 */
	memcpy(src, flood6, sizeof(src));
	src[5] = (n >> 32) & 0x0f;
	src[6] = mix >> 8;
	src[7] = mix;
	src[12] = mix >> 24;
	src[13] = mix >> 16;
	src[14] = mix >> 8;
	src[15] = mix;
	put_eth(f, p, ETH_P_IPV6);
	memset(ip, 0, IP6LEN);
	ip[0] = 0x60;
	put16(ip + 4, TCPLEN);
	ip[6] = IPPROTO_TCP;
	ip[7] = 64;
	memcpy(ip + 8, src, 16);
	memcpy(ip + 24, fake6, 16);
	pseudo = synsend_sum(ip + 8, 32, 0) + TCPLEN + IPPROTO_TCP;
	put_tcp(ip + IP6LEN, 1024 + (mix & 0x7fff), 25, mix, pseudo);
	return ETHLEN + IP6LEN + TCPLEN;
}

static size_t
frame4(struct flood *f, uint8_t *p, uint64_t n)
{
	uint8_t		*ip = p + ETHLEN;
	uint32_t	 pseudo;

	put_eth(f, p, ETH_P_IP);
	memset(ip, 0, IP4LEN);
	ip[0] = 0x45;
	put16(ip + 2, IP4LEN + TCPLEN);
	put16(ip + 4, n & 0xffff);
	ip[8] = 64;
	ip[9] = IPPROTO_TCP;
	ip[12] = 203;
	ip[13] = 0;
	ip[14] = 113;
	ip[15] = 1 + n % 254;
	memcpy(ip + 16, (n / 254) % 4 == 3 ? real4 : fake4, 4);
	put16(ip + 10, synsend_fold(synsend_sum(ip, IP4LEN, 0)));
	pseudo = synsend_sum(ip + 12, 8, 0) + TCPLEN + IPPROTO_TCP;
	put_tcp(ip + IP4LEN, 1024 + (n * 7919) % 60000, 25, (uint32_t)n,
	    pseudo);
	return ETHLEN + IP4LEN + TCPLEN;
}

static void
parse_mac(const char *s, uint8_t *mac)
{
	unsigned int	b[6];
	int		i;

	if (sscanf(s, "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2], &b[3],
	    &b[4], &b[5]) != 6)
		errx(1, "%s: not a MAC address", s);
	for (i = 0; i < 6; i++)
		mac[i] = b[i];
}

static double
now_sec(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
open_socket(struct flood *f, const char *ifname)
{
	struct sockaddr_ll	sll;

	memset(&sll, 0, sizeof(sll));
	f->fd = synsend_open(ifname, f->srcmac, &sll.sll_ifindex);
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = 0;
	if (bind(f->fd, (struct sockaddr *)&sll, sizeof(sll)) == -1)
		err(1, "bind %s", ifname);
}

/* one batch; a full queue only delays, it loses nothing */
static void
send_batch(struct flood *f, uint64_t first, unsigned int n)
{
	static uint8_t		 frames[BATCH][FRAMELEN];
	struct mmsghdr		 msgs[BATCH];
	struct iovec		 iov[BATCH];
	unsigned int		 i, done = 0;
	uint64_t		 k;
	int			 r;

	memset(msgs, 0, sizeof(msgs));
	for (i = 0; i < n; i++) {
		k = first + i;
		iov[i].iov_base = frames[i];
		if (k % 16 == 15)
			iov[i].iov_len = frame4(f, frames[i], f->sent4++);
		else
			iov[i].iov_len = frame6(f, frames[i], f->sent6++);
		msgs[i].msg_hdr.msg_iov = &iov[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
	}
	while (done < n) {
		if ((r = sendmmsg(f->fd, msgs + done, n - done, 0)) == -1) {
			usleep(100);
			continue;
		}
		done += r;
	}
}

int
main(int argc, char *argv[])
{
	struct flood	 f;
	const char	*errstr;
	uint64_t	 count, pps, sent = 0;
	double		 secs, t0, el;
	unsigned int	 n;

	if (argc != 6)
		errx(1, "usage: synflood IFNAME DSTMAC COUNT SECONDS PPS");
	memset(&f, 0, sizeof(f));
	parse_mac(argv[2], f.dstmac);
	count = strtonum(argv[3], 1, 100000000, &errstr);
	if (errstr != NULL)
		errx(1, "count %s: %s", argv[3], errstr);
	secs = strtonum(argv[4], 1, 3600, &errstr);
	if (errstr != NULL)
		errx(1, "seconds %s: %s", argv[4], errstr);
	pps = strtonum(argv[5], 1000, 10000000, &errstr);
	if (errstr != NULL)
		errx(1, "pps %s: %s", argv[5], errstr);
	open_socket(&f, argv[1]);
	t0 = now_sec();
	while (sent < count && (el = now_sec() - t0) < secs) {
		/* ahead of the rate: wait for it */
		if (sent > el * pps) {
			usleep(500);
			continue;
		}
		n = count - sent < BATCH ? count - sent : BATCH;
		send_batch(&f, sent, n);
		sent += n;
	}
	el = now_sec() - t0;
	printf("sent %llu SYNs (%llu IPv6 sources, %llu IPv4) in %.2f s: "
	    "%.0f a second\n", (unsigned long long)sent,
	    (unsigned long long)f.sent6, (unsigned long long)f.sent4, el,
	    sent / el);
	return 0;
}
