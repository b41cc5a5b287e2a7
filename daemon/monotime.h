/*
 * Microseconds on the monotonic clock, for the engine's batch window and
 * the parent's pacing of table updates.
 */
#ifndef NL_MONOTIME_H
#define NL_MONOTIME_H

#include <stdint.h>

uint64_t	monotime_usec(void);

#endif
