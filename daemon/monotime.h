/*
 * Microseconds on the monotonic clock, for the engine's batch window and
 * the parent's pacing of table updates; and of the thread's CPU time,
 * for what an update cost.
 */
#ifndef NL_MONOTIME_H
#define NL_MONOTIME_H

#include <stdint.h>

uint64_t	monotime_usec(void);
uint64_t	cputime_usec(void);

#endif
