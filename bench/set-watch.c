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
 * set-watch: listens to nf_tables' notifications (NFNLGRP_NFTABLES) and
 * notes the CLOCK_REALTIME nanosecond at which each element was added to
 * the named set, then prints "address time" lines:
 *
 *	set-watch -s set -n count [-w idle-ms] [-T seconds]
 *
 * It stops when count elements were seen, when none came for idle-ms
 * after the first (default 3000), after -T seconds (default 60), or on
 * SIGTERM. A notification is sent when the kernel commits the batch
 * that holds the element, so its arrival is when the element is in the
 * set. Lost notifications (ENOBUFS) are counted on stderr: then the
 * figures are incomplete, not the daemon.
 */
#include <arpa/inet.h>
#include <libmnl/libmnl.h>

#include <err.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "compat.h"
#include "nftnotify.h"

#define MAXSEEN		2000000

struct seen {
	uint8_t		addr[16];
	uint8_t		len;
	uint64_t	ns;
};

struct watch {
	const char	*set;
	struct seen	*seen;
	uint32_t	 nseen;
	uint32_t	 want;
	uint64_t	 now;
	unsigned long	 lost;
};

static volatile sig_atomic_t	stop;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static uint64_t
now_ns(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static void
on_elem(void *arg, int add, const char *set, const struct nftn_key *k)
{
	struct watch	*w = arg;
	struct seen	*s;

	if (!add || strcmp(set, w->set) != 0 || w->nseen == MAXSEEN)
		return;
	s = &w->seen[w->nseen++];
	s->len = k->len;
	memcpy(s->addr, k->a, k->len);
	s->ns = w->now;
}

static int
on_msg(const struct nlmsghdr *nlh, void *arg)
{
	nftn_message(nlh, on_elem, arg);
	return MNL_CB_OK;
}

static void
watch(struct watch *w, struct mnl_socket *nl, int idle_ms, int limit_s)
{
	static char	buf[1 << 20];
	struct pollfd	pfd;
	uint64_t	end = now_ns() + (uint64_t)limit_s * 1000000000ULL;
	ssize_t		n;
	int		rc;

	pfd.fd = mnl_socket_get_fd(nl);
	pfd.events = POLLIN;
	while (!stop && w->nseen < w->want && now_ns() < end) {
		rc = poll(&pfd, 1, w->nseen > 0 ? idle_ms : 1000);
		if (rc == 0 && w->nseen > 0)
			break;
		if (rc <= 0)
			continue;
		if ((n = nftn_recv(nl, buf, sizeof(buf), &w->lost)) == -1)
			continue;
		w->now = now_ns();
		mnl_cb_run(buf, (size_t)n, 0, 0, on_msg, w);
	}
}

static void
print_seen(const struct watch *w)
{
	char		name[INET6_ADDRSTRLEN];
	uint32_t	i;

	for (i = 0; i < w->nseen; i++) {
		inet_ntop(w->seen[i].len == 4 ? AF_INET : AF_INET6,
		    w->seen[i].addr, name, sizeof(name));
		printf("%s %llu\n", name, (unsigned long long)w->seen[i].ns);
	}
	fprintf(stderr, "set-watch: %u elements, %lu overruns\n", w->nseen,
	    w->lost);
}

static void
usage(void)
{
	fprintf(stderr, "usage: set-watch -s set -n count [-w idle-ms] "
	    "[-T seconds]\n");
	exit(1);
}

int
main(int argc, char *argv[])
{
	struct watch		 w;
	struct mnl_socket	*nl;
	const char		*errstr;
	int			 ch, idle_ms = 3000, limit_s = 60;

	memset(&w, 0, sizeof(w));
	while ((ch = getopt(argc, argv, "n:s:T:w:")) != -1) {
		switch (ch) {
		case 'n':
			w.want = (uint32_t)strtonum(optarg, 1, MAXSEEN, &errstr);
			if (errstr != NULL)
				errx(1, "count %s: %s", optarg, errstr);
			break;
		case 's':
			w.set = optarg;
			break;
		case 'T':
			limit_s = (int)strtonum(optarg, 1, 3600, &errstr);
			if (errstr != NULL)
				errx(1, "seconds %s: %s", optarg, errstr);
			break;
		case 'w':
			idle_ms = (int)strtonum(optarg, 1, 600000, &errstr);
			if (errstr != NULL)
				errx(1, "idle %s: %s", optarg, errstr);
			break;
		default:
			usage();
		}
	}
	if (w.set == NULL || w.want == 0)
		usage();
	if ((w.seen = calloc(MAXSEEN, sizeof(*w.seen))) == NULL)
		err(1, NULL);
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	nl = nftn_subscribe();
	/* tells bench/run that the subscription is in place */
	fprintf(stderr, "set-watch: ready\n");
	watch(&w, nl, idle_ms, limit_s);
	mnl_socket_close(nl);
	print_seen(&w);
	free(w.seen);
	return 0;
}
