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
