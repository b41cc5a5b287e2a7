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
 * Microseconds on the monotonic clock, for the engine's batch window and
 * the parent's pacing of table updates; and of the thread's CPU time,
 * for what an update cost.
 *
 * The daemon clock: the wall clock read once at start, moved on by the
 * monotonic clock since. The tracker and expiry run on it, so that a
 * step of the wall clock after start (NTP, date -s) neither expires
 * everything nor stops renewals. A time that leaves the daemon with a
 * wall-clock meaning (the state file, output, sync) is turned into one
 * by dclock_wall, and one that comes in by dclock_unwall, both with the
 * difference dclock_offset reads now. The parent starts the clock and
 * hands its start to the engine in the setup, so both keep one clock.
 */
#ifndef NL_MONOTIME_H
#define NL_MONOTIME_H

#include <sys/time.h>
#include <stdint.h>

struct dclock {
	int64_t		wall_usec;	/* the wall clock at start */
	uint64_t	mono_usec;	/* the monotonic clock then */
};

uint64_t	monotime_usec(void);
uint64_t	cputime_usec(void);

void		dclock_start(struct dclock *);
void		dclock_set(const struct dclock *);
void		dclock_now(struct timeval *);
uint32_t	dclock_sec(void);
int64_t		dclock_offset(void);
uint32_t	dclock_wall(uint32_t, int64_t);
uint32_t	dclock_unwall(uint32_t, int64_t);

#endif
