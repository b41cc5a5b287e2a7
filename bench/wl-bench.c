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
 * wl-bench: the whitelist at full size. Inserts N random senders (a
 * quarter of them IPv6 /64s) into a whitelist of N entries, looks them
 * all up, then inserts N more so that every insert evicts, and reports
 * nanoseconds per operation and resident bytes per entry.
 *
 *	wl-bench [entries]		(default 1000000)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "compat.h"
#include "whitelist.h"

#define BENCH_T0	1732260000U
#define BENCH_SPAN	(36U * 86400U)

static uint64_t	rng_state;

static uint64_t
rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void
random_item(struct nl_wl_item *it, uint32_t n)
{
	uint64_t	r = rng(), s = rng();

	memset(it, 0, sizeof(*it));
	if (r % 4 == 0) {
		it->addr.af = NL_AF6;
		memcpy(it->addr.a, &s, 8);
		it->plen = 64;
	} else {
		it->addr.af = NL_AF4;
		memcpy(it->addr.a, &s, 4);
		it->plen = 32;
	}
	it->expires = BENCH_T0 + n / 16 + (uint32_t)(r >> 32) % BENCH_SPAN;
}

/* resident set in bytes, or 0 where /proc does not say */
static long long
rss(void)
{
	FILE		*f;
	char		 line[256];
	long long	 kb = 0;

	if ((f = fopen("/proc/self/status", "r")) == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "VmRSS: %lld kB", &kb) == 1)
			break;
	fclose(f);
	return kb * 1024;
}

static double
now_ns(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

int
main(int argc, char *argv[])
{
	struct nl_wl		*wl;
	struct nl_wl_item	 it, ev;
	const char		*errstr;
	long long		 rss0, rss1;
	double			 t0, t_ins, t_get, t_evict;
	uint32_t		 n = 1000000, i, hits = 0, fresh = 0, evicted = 0;

	if (argc > 1) {
		n = strtonum(argv[1], 1, 1 << 28, &errstr);
		if (errstr != NULL) {
			fprintf(stderr, "usage: wl-bench [entries]: %s\n",
			    errstr);
			return 1;
		}
	}
	rss0 = rss();
	if ((wl = nl_wl_new(n)) == NULL) {
		perror("nl_wl_new");
		return 1;
	}

	rng_state = 0x2545f4914f6cdd1dULL;
	t0 = now_ns();
	for (i = 0; i < n; i++) {
		random_item(&it, i);
		if (nl_wl_put(wl, &it, &ev) == NL_WL_NEW)
			fresh++;
	}
	t_ins = now_ns() - t0;
	rss1 = rss();

	rng_state = 0x2545f4914f6cdd1dULL;
	t0 = now_ns();
	for (i = 0; i < n; i++) {
		random_item(&it, i);
		if (nl_wl_get(wl, &it.addr, it.plen, &ev) == 0)
			hits++;
	}
	t_get = now_ns() - t0;

	t0 = now_ns();
	for (i = 0; i < n; i++) {
		random_item(&it, n + i);
		if (nl_wl_put(wl, &it, &ev) == NL_WL_NEW_EVICTED)
			evicted++;
	}
	t_evict = now_ns() - t0;

	printf("entries:          %u (%u new, %u found)\n", n, fresh, hits);
	printf("insert:           %.1f ns\n", t_ins / n);
	printf("lookup:           %.1f ns\n", t_get / n);
	printf("insert+evict:     %.1f ns (%u evictions)\n", t_evict / n,
	    evicted);
	printf("entry size:       %zu bytes all-in\n", nl_wl_entry_size());
	printf("allocated:        %.1f bytes per entry\n",
	    (double)nl_wl_mem(wl) / n);
	if (rss1 > 0)
		printf("resident:         %.1f bytes per entry\n",
		    (double)(rss1 - rss0) / n);
	nl_wl_free(wl);
	return 0;
}
