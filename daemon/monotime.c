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

#include <sys/time.h>

#include <time.h>

#include "monotime.h"

uint64_t
monotime_usec(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

/*
 * The calling thread's CPU time: what a table update cost, without the
 * time the thread was preempted during it.
 */
uint64_t
cputime_usec(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

static struct dclock	dclock;
static int		dclock_started;

static int64_t
wall_usec(void)
{
	struct timeval	tv;

	gettimeofday(&tv, NULL);
	return (int64_t)tv.tv_sec * 1000000 + tv.tv_usec;
}

/* the parent's: reads both clocks, for dclock_set in the engine */
void
dclock_start(struct dclock *dc)
{
	dclock.wall_usec = wall_usec();
	dclock.mono_usec = monotime_usec();
	dclock_started = 1;
	if (dc != NULL)
		*dc = dclock;
}

void
dclock_set(const struct dclock *dc)
{
	dclock = *dc;
	dclock_started = 1;
}

static int64_t
dclock_usec(void)
{
	if (!dclock_started)
		dclock_start(NULL);
	return dclock.wall_usec + (int64_t)(monotime_usec() -
	    dclock.mono_usec);
}

void
dclock_now(struct timeval *tv)
{
	int64_t	usec = dclock_usec();

	tv->tv_sec = usec / 1000000;
	tv->tv_usec = usec % 1000000;
}

uint32_t
dclock_sec(void)
{
	return (uint32_t)(dclock_usec() / 1000000);
}

/*
 * Seconds from the daemon clock to the wall clock, rounded: 0 until
 * the wall clock is stepped, so that output stays what it was.
 */
int64_t
dclock_offset(void)
{
	int64_t	d = wall_usec() - dclock_usec();

	return d >= 0 ? (d + 500000) / 1000000 : -((-d + 500000) / 1000000);
}

/* an epoch second moved by off; 0 (none) stays, nothing wraps */
static uint32_t
dclock_move(uint32_t t, int64_t off)
{
	int64_t	r = (int64_t)t + off;

	if (t == 0)
		return 0;
	if (r < 1)
		return 1;
	return r > UINT32_MAX ? UINT32_MAX : (uint32_t)r;
}

uint32_t
dclock_wall(uint32_t t, int64_t off)
{
	return dclock_move(t, off);
}

uint32_t
dclock_unwall(uint32_t t, int64_t off)
{
	return dclock_move(t, -off);
}
