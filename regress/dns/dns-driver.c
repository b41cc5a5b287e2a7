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
 * Drives DNS expansion against real name servers: runs the commands
 * given as arguments on an event loop and prints every whitelist
 * callback as "add ADDR REASON".
 *
 *	dns-driver [-bpS] [-B backlog] [-C bytes] [-c cache] [-j jobs]
 *	    [-o outstanding] [-P port] [-R rate] [-r retries] [-T maxttl]
 *	    [-t ms] [-x mx] -s server ... command ...
 *
 * -p keeps sender pools (daemon/pools.c), as expand pool does, their
 * walks admitted within the rate as the daemon's are; -x names an MX
 * address of ours, which expansion never whitelists.
 *
 * -b runs a server that never answers on 127.0.0.2 and -S one that
 * answers with forgeries on 127.0.0.3, both on the port of -P; name them
 * with -s like any other.
 *
 * Commands: fake ADDR, direct ADDR (a blocked SYN to a real MX: a pool
 * hit prints "add ADDR pool"), bulk ADDR N (fake for N addresses
 * counting up from ADDR), wait (until no expansion is under way),
 * advance SECS (the clock given to dnsexp), sleep MS (real time, the
 * loop running), stats, stall (the longest
 * the loop was kept from a 5 ms timer, since the last stall), heap (the
 * bytes malloc has handed out and not had back, in KiB; -1 where that
 * cannot be known, as under ASan).
 */
#include <sys/socket.h>
#include <sys/time.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>
#include <ldns/ldns.h>

#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
#include <malloc.h>
#define HAVE_MALLINFO2
#endif

#include "addr.h"
#include "change.h"
#include "compat.h"
#include "dnsexpand.h"
#include "log.h"
#include "pools.h"

#define TICK_US	5000

struct driver {
	struct event_base	*base;
	struct dnsexp		*dx;
	struct pools		*pools;
	char			**cmds;
	int			 ncmds;
	int			 next;
	int			 waiting;
	struct timeval		 sleep_until;
	long			 offset;	/* added to the clock */
	struct timeval		 last_tick;
	long			 stall_us;
	uint64_t		 blackholed;
	uint64_t		 forged;
};

static void
usage(void)
{
	fprintf(stderr, "usage: dns-driver [-bpS] [-B backlog] [-C bytes] "
	    "[-c cache] [-j jobs] [-o outstanding] [-P port] [-R rate] "
	    "[-r retries] [-T maxttl] [-t ms] [-x mx] -s server ... "
	    "command ...\n");
	exit(2);
}

static long long
number(const char *s, long long max)
{
	const char	*errstr;
	long long	 n;

	n = strtonum(s, 0, max, &errstr);
	if (errstr != NULL)
		errx(2, "%s: %s", s, errstr);
	return n;
}

static void
clock_now(const struct driver *d, struct timeval *tv)
{
	gettimeofday(tv, NULL);
	tv->tv_sec += d->offset;
}

static void
on_whitelist(void *arg, const struct nl_addr *a, int reason)
{
	char	buf[NL_ADDRSTRLEN];

	(void)arg;
	printf("add %s %s\n", nl_addr_ntop(a, buf, sizeof(buf)),
	    nl_reason_name(reason));
}

static void
on_named(void *arg, const struct nl_addr *sender, const char *name,
    int status, int lazy, uint32_t now)
{
	struct driver	*d = arg;

	if (status == 1 && !lazy)
		pools_confirmed(d->pools, sender, name, now);
}

/* a walk sends within the expansions' rate, as in the daemon */
static int
on_admit(void *arg)
{
	struct driver	*d = arg;

	return dnsexp_admit(d->dx);
}

static void
print_stats(const struct driver *d)
{
	struct dnsexp_stats	s;
	struct pools_stats	p;

	memset(&p, 0, sizeof(p));
	dnsexp_stats(d->dx, &s);
	if (d->pools != NULL)
		pools_stats(d->pools, &p);
	printf("stats pools_seeded=%llu pool_hits=%llu refused_generic=%llu "
	    "refused_all=%llu refused_wide=%llu refused_walk=%llu "
	    "not_sender=%llu members=%llu pools_live=%u filtered=%llu "
	    "walks=%llu walks_ratelimited=%llu ",
	    (unsigned long long)p.seeded, (unsigned long long)p.hits,
	    (unsigned long long)p.refused_generic,
	    (unsigned long long)p.refused_all,
	    (unsigned long long)p.refused_wide,
	    (unsigned long long)p.refused_walk,
	    (unsigned long long)p.not_sender,
	    (unsigned long long)p.members, p.live,
	    (unsigned long long)s.filtered, (unsigned long long)p.walks,
	    (unsigned long long)p.ratelimited);
	printf("expansions=%llu confirmed=%llu unconfirmed=%llu "
	    "ratelimited=%llu busy=%llu failures=%llu added=%llu "
	    "queries=%llu tcp=%llu timeouts=%llu "
	    "cache_hits=%llu joined=%llu ignored=%llu dropped=%llu "
	    "asked=%llu blackholed=%llu forged=%llu yields=%llu "
	    "cache_bytes=%llu\n",
	    (unsigned long long)s.expansions,
	    (unsigned long long)s.confirmed,
	    (unsigned long long)s.unconfirmed,
	    (unsigned long long)s.ratelimited,
	    (unsigned long long)s.busy,
	    (unsigned long long)s.failures,
	    (unsigned long long)s.added,
	    (unsigned long long)s.queries,
	    (unsigned long long)s.res.tcp,
	    (unsigned long long)s.res.timeouts,
	    (unsigned long long)s.res.cache_hits,
	    (unsigned long long)s.res.joined,
	    (unsigned long long)s.res.ignored,
	    (unsigned long long)s.res.dropped,
	    (unsigned long long)s.res.queries,
	    (unsigned long long)d->blackholed,
	    (unsigned long long)d->forged,
	    (unsigned long long)s.res.yields,
	    (unsigned long long)s.res.cache_bytes);
}

static long long
heap_kib(void)
{
#ifdef HAVE_MALLINFO2
	struct mallinfo2	mi = mallinfo2();

	return (long long)((mi.uordblks + mi.hblkhd) / 1024);
#else
	return -1;
#endif
}

static void
addr_add(struct nl_addr *a, unsigned int n)
{
	int	i, last = a->af == NL_AF4 ? 3 : 15;
	unsigned int carry = n;

	for (i = last; i >= 0 && carry > 0; i--) {
		carry += a->a[i];
		a->a[i] = carry & 0xff;
		carry >>= 8;
	}
}

static void
bulk(struct driver *d, const char *start, const char *count)
{
	struct nl_addr	a, base;
	struct timeval	now;
	long long	i, n;

	if (nl_addr_parse(start, &base) == -1)
		errx(2, "%s: bad address", start);
	n = number(count, 1000000);
	clock_now(d, &now);
	for (i = 0; i < n; i++) {
		a = base;
		addr_add(&a, i);
		dnsexp_fake_mx(d->dx, &a, &now);
	}
}

static void
sender(struct driver *d, const char *cmd, const char *arg)
{
	struct nl_addr	a;
	struct timeval	now;

	if (nl_addr_parse(arg, &a) == -1)
		errx(2, "%s: bad address", arg);
	clock_now(d, &now);
	if (strcmp(cmd, "fake") == 0) {
		if (d->pools != NULL)
			pools_fake_mx(d->pools, &a, now.tv_sec);
		dnsexp_fake_mx(d->dx, &a, &now);
	} else if (d->pools != NULL && pools_direct(d->pools, &a, now.tv_sec))
		on_whitelist(NULL, &a, NL_REASON_POOL);
}

static const char *
arg_of(struct driver *d)
{
	if (d->next >= d->ncmds)
		usage();
	return d->cmds[d->next++];
}

/* Run commands until one has to wait for the loop. */
static void
run_commands(struct driver *d)
{
	const char	*cmd, *a1;
	long long	 ms;

	while (d->next < d->ncmds) {
		cmd = d->cmds[d->next++];
		if (strcmp(cmd, "fake") == 0 || strcmp(cmd, "direct") == 0)
			sender(d, cmd, arg_of(d));
		else if (strcmp(cmd, "bulk") == 0) {
			a1 = arg_of(d);
			bulk(d, a1, arg_of(d));
		} else if (strcmp(cmd, "advance") == 0)
			d->offset += number(arg_of(d), 100000000);
		else if (strcmp(cmd, "stats") == 0)
			print_stats(d);
		else if (strcmp(cmd, "heap") == 0)
			printf("heap_kib %lld\n", heap_kib());
		else if (strcmp(cmd, "stall") == 0) {
			printf("stall_ms %.1f\n", d->stall_us / 1000.0);
			d->stall_us = 0;
		} else if (strcmp(cmd, "wait") == 0) {
			d->waiting = 1;
			return;
		} else if (strcmp(cmd, "sleep") == 0) {
			gettimeofday(&d->sleep_until, NULL);
			ms = number(arg_of(d), 60000);
			d->sleep_until.tv_sec += ms / 1000;
			d->sleep_until.tv_usec += (ms % 1000) * 1000;
			if (d->sleep_until.tv_usec >= 1000000) {
				d->sleep_until.tv_sec++;
				d->sleep_until.tv_usec -= 1000000;
			}
			d->waiting = 1;
			return;
		} else
			errx(2, "%s: unknown command", cmd);
		fflush(stdout);
	}
	event_base_loopexit(d->base, NULL);
}

static void
tick(int fd, short what, void *arg)
{
	struct driver		*d = arg;
	struct dnsexp_stats	 s;
	struct pools_stats	 ps;
	struct timeval		 now, gap;
	long			 us;

	(void)fd;
	(void)what;
	gettimeofday(&now, NULL);
	if (timerisset(&d->last_tick)) {
		timersub(&now, &d->last_tick, &gap);
		us = gap.tv_sec * 1000000L + gap.tv_usec - TICK_US;
		if (us > d->stall_us)
			d->stall_us = us;
	}
	d->last_tick = now;
	if (!d->waiting || timercmp(&now, &d->sleep_until, <))
		return;
	dnsexp_stats(d->dx, &s);
	memset(&ps, 0, sizeof(ps));
	if (d->pools != NULL)
		pools_stats(d->pools, &ps);
	if (s.active == 0 && ps.walking == 0) {
		d->waiting = 0;
		run_commands(d);
	}
}

static void
blackhole_read(int fd, short what, void *arg)
{
	struct driver	*d = arg;
	uint8_t		 buf[512];

	(void)what;
	while (recv(fd, buf, sizeof(buf), 0) > 0)
		d->blackholed++;
}

static int
udp_server(const char *addr, uint16_t port)
{
	struct sockaddr_in	sin;
	int			fd;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(port);
	inet_pton(AF_INET, addr, &sin.sin_addr);
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	if (fd == -1 || bind(fd, (struct sockaddr *)&sin, sizeof(sin)) == -1)
		err(1, "%s port %u", addr, port);
	return fd;
}

/*
 * Answers each PTR query with forgeries that each break one rule: from
 * another port, with another ID, for another name, without the QR bit.
 * Every one claims evil.example.test, which does resolve to the sender.
 */
static void
forge_send(int out, const struct sockaddr_in *to, const ldns_pkt *query,
    int how)
{
	ldns_pkt	*p;
	ldns_rr		*rr, *qrr;
	uint8_t		*wire;
	size_t		 len;
	char		 line[300], *owner;

	qrr = ldns_rr_list_rr(ldns_pkt_question(query), 0);
	owner = ldns_rdf2str(ldns_rr_owner(qrr));
	if (how == 2)
		owner[0] = owner[0] == '1' ? '2' : '1';
	if ((p = ldns_pkt_query_new(ldns_dname_new_frm_str(owner),
	    LDNS_RR_TYPE_PTR, LDNS_RR_CLASS_IN, LDNS_QR | LDNS_AA)) == NULL)
		errx(1, "ldns_pkt_query_new");
	snprintf(line, sizeof(line), "%s 3600 IN PTR evil.example.test.",
	    owner);
	free(owner);
	if (ldns_rr_new_frm_str(&rr, line, 0, NULL, NULL) != LDNS_STATUS_OK)
		errx(1, "ldns_rr_new_frm_str");
	ldns_pkt_push_rr(p, LDNS_SECTION_ANSWER, rr);
	ldns_pkt_set_id(p, ldns_pkt_id(query) + (how == 1 ? 1 : 0));
	ldns_pkt_set_qr(p, how != 3);
	if (ldns_pkt2wire(&wire, p, &len) != LDNS_STATUS_OK)
		errx(1, "ldns_pkt2wire");
	sendto(out, wire, len, 0, (const struct sockaddr *)to, sizeof(*to));
	free(wire);
	ldns_pkt_free(p);
}

struct forger {
	struct driver	*d;
	int		 fd;		/* the server's own socket */
	int		 other;		/* another port */
};

static void
forger_read(int fd, short what, void *arg)
{
	struct forger		*f = arg;
	struct sockaddr_in	 from;
	socklen_t		 fromlen;
	ldns_pkt		*q;
	uint8_t			 buf[512];
	ssize_t			 n;
	int			 how;

	(void)what;
	for (;;) {
		fromlen = sizeof(from);
		n = recvfrom(fd, buf, sizeof(buf), 0,
		    (struct sockaddr *)&from, &fromlen);
		if (n <= 0)
			return;
		if (ldns_wire2pkt(&q, buf, n) != LDNS_STATUS_OK)
			continue;
		if (ldns_pkt_qdcount(q) == 1 && ldns_rr_get_type(
		    ldns_rr_list_rr(ldns_pkt_question(q), 0)) ==
		    LDNS_RR_TYPE_PTR) {
			for (how = 0; how < 4; how++) {
				forge_send(how == 0 ? f->other : f->fd, &from,
				    q, how);
				f->d->forged++;
			}
		}
		ldns_pkt_free(q);
	}
}

int
main(int argc, char *argv[])
{
	struct driver		 d;
	struct dnsexp_conf	 conf;
	struct forger		 forger;
	struct event		*tev, *bev = NULL, *fev = NULL;
	struct timeval		 tv = { 0, TICK_US };
	struct pools_conf	 pc;
	int			 ch, blackhole = 0, forge = 0, bfd = -1;
	int			 pool = 0;

	memset(&d, 0, sizeof(d));
	memset(&forger, 0, sizeof(forger));
	dnsexp_conf_defaults(&conf);
	conf.rate = 100000;
	conf.res.timeout_ms = 500;
	conf.res.retries = 1;
	while ((ch = getopt(argc, argv, "bB:C:c:j:o:pP:r:R:s:ST:t:x:")) != -1) {
		switch (ch) {
		case 'b':
			blackhole = 1;
			break;
		case 'B':
			conf.res.max_backlog = number(optarg, 1000000);
			break;
		case 'C':
			conf.res.cache_bytes = number(optarg, 1LL << 32);
			break;
		case 'c':
			conf.res.cache_size = number(optarg, 1000000);
			break;
		case 'j':
			conf.max_jobs = number(optarg, 1000000);
			break;
		case 'o':
			conf.res.max_outstanding = number(optarg, 100000);
			break;
		case 'p':
			pool = 1;
			break;
		case 'x':
			if (conf.filter.nmx == 2 * NL_MAXMX || nl_addr_parse(
			    optarg, &conf.filter.mx[conf.filter.nmx]) == -1)
				errx(2, "%s: bad MX", optarg);
			conf.filter.nmx++;
			break;
		case 'P':
			conf.res.port = number(optarg, 65535);
			break;
		case 'r':
			conf.res.retries = number(optarg, 10);
			break;
		case 'R':
			conf.rate = number(optarg, 1000000);
			break;
		case 's':
			if (conf.res.nservers == RES_MAXSERVERS ||
			    nl_addr_parse(optarg,
			    &conf.res.servers[conf.res.nservers]) == -1)
				errx(2, "%s: bad server", optarg);
			conf.res.nservers++;
			break;
		case 'S':
			forge = 1;
			break;
		case 'T':
			conf.res.max_ttl = number(optarg, 86400);
			break;
		case 't':
			conf.res.timeout_ms = number(optarg, 60000);
			break;
		default:
			usage();
		}
	}
	if (conf.res.nservers == 0)
		usage();
	d.cmds = argv + optind;
	d.ncmds = argc - optind;
	setvbuf(stdout, NULL, _IOLBF, 0);

	if ((d.base = event_base_new()) == NULL)
		errx(1, "event_base_new");
	if ((d.dx = dnsexp_new(d.base, &conf, on_whitelist, NULL)) == NULL)
		errx(1, "dnsexp_new");
	if (pool) {
		log_init(1, 0);
		log_setverbose(2);
		pools_conf_defaults(&pc);
		pc.filter = conf.filter;
		pc.admit = on_admit;
		pc.admit_arg = &d;
		if ((d.pools = pools_new(dnsexp_resolver(d.dx), &pc)) == NULL)
			errx(1, "pools_new");
		dnsexp_set_name_cb(d.dx, on_named, &d);
	}
	if (blackhole) {
		bfd = udp_server("127.0.0.2", conf.res.port);
		bev = event_new(d.base, bfd, EV_READ | EV_PERSIST,
		    blackhole_read, &d);
		event_add(bev, NULL);
	}
	if (forge) {
		forger.d = &d;
		forger.fd = udp_server("127.0.0.3", conf.res.port);
		forger.other = udp_server("127.0.0.3", 0);
		fev = event_new(d.base, forger.fd, EV_READ | EV_PERSIST,
		    forger_read, &forger);
		event_add(fev, NULL);
	}
	tev = event_new(d.base, -1, EV_PERSIST, tick, &d);
	event_add(tev, &tv);
	run_commands(&d);
	event_base_dispatch(d.base);

	event_free(tev);
	if (bev != NULL) {
		event_free(bev);
		close(bfd);
	}
	if (fev != NULL) {
		event_free(fev);
		close(forger.fd);
		close(forger.other);
	}
	dnsexp_free(d.dx);
	pools_free(d.pools);
	event_base_free(d.base);
	return 0;
}
