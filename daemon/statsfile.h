/*
 * The stats in Prometheus' text exposition format, for node_exporter's
 * textfile collector: one counter per statistic of show stats, named
 * nolistd_NAME_total, and the gauge nolistd_table_size. The file is
 * replaced atomically (a temporary file in the same directory, then
 * rename), so that a scrape never reads half of it.
 */
#ifndef NL_STATSFILE_H
#define NL_STATSFILE_H

#include <stddef.h>
#include <stdint.h>

#include "tracker.h"

int	statsfile_write(const char *, const struct nl_stats *, uint32_t,
	    char *, size_t);

#endif
