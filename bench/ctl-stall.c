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
 * ctl-stall: how long the engine's event loop keeps its control socket
 * waiting. The capture, DNS and the control socket share that loop, so
 * the time from connecting to the end of a "show stats" answer bounds
 * from below how long a packet could wait too.
 *
 *	ctl-stall -s socket -i interval_ms -t seconds
 *
 * Asks every interval for seconds, then prints the number of answers,
 * the median, the 99th percentile and the longest, in microseconds.
 */
#include <sys/socket.h>
#include <sys/un.h>

#include <err.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "compat.h"

#define MAXPROBES	200000

static uint64_t
now_us(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

/* One question; -1 if the daemon did not answer it whole. */
static int64_t
probe(const char *path)
{
	struct sockaddr_un	 sun;
	static const char	 req[] = "show stats\n";
	char			 buf[4096];
	uint64_t		 start;
	ssize_t			 n;
	int			 s;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlcpy(sun.sun_path, path, sizeof(sun.sun_path)) >=
	    sizeof(sun.sun_path))
		errx(1, "%s: path too long", path);
	if ((s = socket(AF_UNIX, SOCK_STREAM, 0)) == -1)
		err(1, "socket");
	start = now_us();
	if (connect(s, (struct sockaddr *)&sun, sizeof(sun)) == -1 ||
	    write(s, req, sizeof(req) - 1) != (ssize_t)sizeof(req) - 1) {
		close(s);
		return -1;
	}
	while ((n = read(s, buf, sizeof(buf))) > 0)
		;
	close(s);
	return n == 0 ? (int64_t)(now_us() - start) : -1;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t	x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char *argv[])
{
	const char	*path = NULL, *errstr;
	uint64_t	*took, end, next;
	long long	 interval = 5, secs = 10;
	size_t		 n = 0, failed = 0;
	int64_t		 t;
	int		 ch;

	while ((ch = getopt(argc, argv, "i:s:t:")) != -1) {
		switch (ch) {
		case 'i':
			interval = strtonum(optarg, 1, 10000, &errstr);
			if (errstr != NULL)
				errx(1, "interval %s: %s", optarg, errstr);
			break;
		case 's':
			path = optarg;
			break;
		case 't':
			secs = strtonum(optarg, 1, 3600, &errstr);
			if (errstr != NULL)
				errx(1, "seconds %s: %s", optarg, errstr);
			break;
		default:
			goto usage;
		}
	}
	if (path == NULL || optind != argc)
		goto usage;
	if ((took = calloc(MAXPROBES, sizeof(*took))) == NULL)
		err(1, NULL);
	end = now_us() + (uint64_t)secs * 1000000;
	for (next = now_us(); next < end && n < MAXPROBES;
	    next += (uint64_t)interval * 1000) {
		if ((t = probe(path)) == -1)
			failed++;
		else
			took[n++] = (uint64_t)t;
		/* a late answer is not made up for with a burst */
		if (now_us() < next + (uint64_t)interval * 1000)
			usleep(next + (uint64_t)interval * 1000 - now_us());
		else
			next = now_us() - (uint64_t)interval * 1000;
	}
	if (n == 0)
		errx(1, "no answer from %s (%zu tries)", path, failed);
	qsort(took, n, sizeof(*took), cmp_u64);
	printf("answers %zu failed %zu p50_us %llu p99_us %llu max_us %llu\n",
	    n, failed, (unsigned long long)took[n / 2],
	    (unsigned long long)took[n * 99 / 100],
	    (unsigned long long)took[n - 1]);
	return 0;
 usage:
	fprintf(stderr, "usage: ctl-stall -s socket [-i ms] [-t seconds]\n");
	return 1;
}
