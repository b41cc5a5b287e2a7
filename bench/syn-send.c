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
 * syn-send: sends TCP SYNs to port 25 from distinct IPv6 sources at a
 * steady rate, as whole Ethernet frames on a packet socket, and prints
 * each source with the CLOCK_REALTIME nanosecond it was sent at:
 *
 *	syn-send -i ifname -m dstmac -d dst6 -n count -r rate [-b block]
 *
 * Source k of block B is 2001:db8:a0BB::k (documentation range
 * 2001:db8:a000::/36), so that runs in one world never share a sender.
 * A packet socket needs neither an address nor a route per source.
 * Times are kept in memory and printed after the last send, so that
 * printing does not disturb the rate.
 */
#include <sys/socket.h>
#include <sys/prctl.h>

#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>

#include <err.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "compat.h"
#include "synsend.h"

#define FRAMELEN	(14 + 40 + 20)
#define MAXCOUNT	2000000

struct sender {
	int			 fd;
	struct sockaddr_ll	 to;
	uint8_t			 frame[FRAMELEN];
	uint8_t			 dst[16];
	int			 block;
	uint64_t		*sent;		/* ns, per source */
};

static uint64_t
now_ns(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static void
source(int block, uint32_t k, uint8_t *a)
{
	memset(a, 0, 16);
	a[0] = 0x20;
	a[1] = 0x01;
	a[2] = 0x0d;
	a[3] = 0xb8;
	a[4] = 0xa0;
	a[5] = (uint8_t)block;
	a[12] = (uint8_t)(k >> 24);
	a[13] = (uint8_t)(k >> 16);
	a[14] = (uint8_t)(k >> 8);
	a[15] = (uint8_t)k;
}

static uint16_t
tcp6_cksum(const uint8_t *src, const uint8_t *dst, const uint8_t *tcp)
{
	uint32_t	sum = 20 + 6;		/* length and next header */

	sum = synsend_sum(src, 16, sum);
	sum = synsend_sum(dst, 16, sum);
	return synsend_fold(synsend_sum(tcp, 20, sum));
}

static void
frame_init(struct sender *s, const uint8_t *dmac, const uint8_t *smac)
{
	uint8_t	*ip = s->frame + 14, *tcp = ip + 40;

	memset(s->frame, 0, sizeof(s->frame));
	memcpy(s->frame, dmac, 6);
	memcpy(s->frame + 6, smac, 6);
	s->frame[12] = 0x86;
	s->frame[13] = 0xdd;
	ip[0] = 6 << 4;
	ip[5] = 20;			/* payload length */
	ip[6] = 6;
	ip[7] = 64;
	memcpy(ip + 24, s->dst, 16);
	tcp[2] = 0;
	tcp[3] = 25;
	tcp[12] = 5 << 4;
	tcp[13] = 0x02;			/* SYN */
	tcp[14] = 0xfa;
	tcp[15] = 0xf0;
}

static void
send_one(struct sender *s, uint32_t k)
{
	uint8_t		*ip = s->frame + 14, *tcp = ip + 40;
	uint16_t	 sport = (uint16_t)(1024 + k % 60000), ck;

	source(s->block, k, ip + 8);
	tcp[0] = (uint8_t)(sport >> 8);
	tcp[1] = (uint8_t)sport;
	memcpy(tcp + 4, &k, 4);		/* any sequence number */
	tcp[16] = tcp[17] = 0;
	ck = tcp6_cksum(ip + 8, ip + 24, tcp);
	tcp[16] = (uint8_t)(ck >> 8);
	tcp[17] = (uint8_t)ck;
	s->sent[k] = now_ns();
	if (sendto(s->fd, s->frame, sizeof(s->frame), 0,
	    (struct sockaddr *)&s->to, sizeof(s->to)) == -1)
		err(1, "sendto");
}

/* sends whatever is due, sleeps until the next is: a steady rate */
static void
send_all(struct sender *s, uint32_t count, uint32_t rate)
{
	struct timespec	ts;
	uint64_t	t0 = now_ns() + 1000000, due = t0;
	uint32_t	k = 0;

	while (k < count) {
		while (k < count && (due = t0 + (uint64_t)k * 1000000000ULL /
		    rate) <= now_ns())
			send_one(s, k++);
		if (k == count)
			break;
		ts.tv_sec = (time_t)(due / 1000000000ULL);
		ts.tv_nsec = (long)(due % 1000000000ULL);
		clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &ts, NULL);
	}
}

/*
 * CLOCK_REALTIME minus CLOCK_MONOTONIC, on stderr: bench/run lines the
 * send times up with a kernel trace, whose clock is the monotonic one.
 */
static void
print_offset(void)
{
	struct timespec	mono;
	uint64_t	real;

	clock_gettime(CLOCK_MONOTONIC, &mono);
	real = now_ns();
	fprintf(stderr, "syn-send: clock offset %lld ns\n", (long long)(real -
	    ((uint64_t)mono.tv_sec * 1000000000ULL + (uint64_t)mono.tv_nsec)));
}

static void
print_all(const struct sender *s, uint32_t count)
{
	char		name[INET6_ADDRSTRLEN];
	uint8_t		a[16];
	uint32_t	k;

	for (k = 0; k < count; k++) {
		source(s->block, k, a);
		inet_ntop(AF_INET6, a, name, sizeof(name));
		printf("%s %llu\n", name, (unsigned long long)s->sent[k]);
	}
}

static void
open_link(struct sender *s, const char *ifname, const uint8_t *dmac)
{
	uint8_t	smac[6];

	memset(&s->to, 0, sizeof(s->to));
	s->fd = synsend_open(ifname, smac, &s->to.sll_ifindex);
	s->to.sll_family = AF_PACKET;
	s->to.sll_protocol = htons(ETH_P_IPV6);
	s->to.sll_halen = 6;
	memcpy(s->to.sll_addr, dmac, 6);
	frame_init(s, dmac, smac);
}

static void
usage(void)
{
	fprintf(stderr, "usage: syn-send -i ifname -m dstmac -d dst6 "
	    "-n count -r rate [-b block]\n");
	exit(1);
}

static uint32_t
number(const char *s, long long max, const char *what)
{
	const char	*errstr;
	long long	 v;

	v = strtonum(s, 1, max, &errstr);
	if (errstr != NULL)
		errx(1, "%s %s: %s", what, s, errstr);
	return (uint32_t)v;
}

int
main(int argc, char *argv[])
{
	static struct sender	 s;
	const char		*ifname = NULL;
	uint8_t			 dmac[6];
	uint32_t		 count = 0, rate = 0;
	int			 ch, havemac = 0, havedst = 0;

	while ((ch = getopt(argc, argv, "b:d:i:m:n:r:")) != -1) {
		switch (ch) {
		case 'b':
			s.block = (int)number(optarg, 255, "block");
			break;
		case 'd':
			if (inet_pton(AF_INET6, optarg, s.dst) != 1)
				errx(1, "bad IPv6 address %s", optarg);
			havedst = 1;
			break;
		case 'i':
			ifname = optarg;
			break;
		case 'm':
			if (sscanf(optarg, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx",
			    &dmac[0], &dmac[1], &dmac[2], &dmac[3], &dmac[4],
			    &dmac[5]) != 6)
				errx(1, "bad MAC address %s", optarg);
			havemac = 1;
			break;
		case 'n':
			count = number(optarg, MAXCOUNT, "count");
			break;
		case 'r':
			rate = number(optarg, 10000000, "rate");
			break;
		default:
			usage();
		}
	}
	if (ifname == NULL || !havemac || !havedst || count == 0 || rate == 0)
		usage();
	if ((s.sent = calloc(count, sizeof(*s.sent))) == NULL)
		err(1, NULL);
	/* wake when due, not up to 50 microseconds later */
	prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
	open_link(&s, ifname, dmac);
	send_all(&s, count, rate);
	print_offset();
	print_all(&s, count);
	free(s.sent);
	return 0;
}
