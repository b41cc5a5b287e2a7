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
 * The state file: the whitelist with each entry's expiry, so that a
 * restart, or a crash, loses at most the last save interval. Text, one
 * entry a line, after a version line:
 *
 *	# nolistd state 1
 *	198.51.100.10/32 1735370000 fake-mx
 *
 * state_write replaces the file atomically: a temporary file in the same
 * directory, fsync, rename, fsync of the directory. The file holds wall
 * clock times: each expiry is written plus the offset given (see
 * dclock_offset in monotime.h). state_read gives
 * each good line to the callback, reports each bad one (with its line
 * number) to the error function and skips it.
 */
#ifndef NL_STATE_H
#define NL_STATE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "whitelist.h"

#define STATE_VERSION	1

typedef void	state_entry_fn(void *, const struct nl_wl_item *);
typedef void	state_err_fn(void *, const char *);

int	state_write(const char *, const struct nl_wl *, int64_t, char *,
	    size_t);
int	state_read(const char *, uint32_t, state_entry_fn *, void *,
	    state_err_fn *, void *);
void	state_read_fp(FILE *, const char *, uint32_t, state_entry_fn *,
	    void *, state_err_fn *, void *);
int	state_parse_line(const char *, struct nl_wl_item *);

#endif
