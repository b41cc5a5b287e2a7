/*
 * The capture's BPF filter, as a pcap expression: its own file, so that
 * a test compiles it for DLT_PFLOG and runs it on frames of its own.
 */
#ifndef NL_CAPFILTER_H
#define NL_CAPFILTER_H

#include <stddef.h>

#include "config.h"

void	capfilter_expr(const struct nl_config *, char *, size_t);

#endif
