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
 * What the daemon's parts share: the options from the command line.
 */
#ifndef NOLISTD_H
#define NOLISTD_H

#include "config.h"

struct nl_backend_ops;
struct nl_backend_log;

struct nolistd_opts {
	const char			*argv0;		/* to exec the engine */
	const char			*conffile;
	const char			*capture;	/* -r */
	const struct nl_backend_ops	*backend;	/* after -t */
	const struct nl_backend_log	*backend_log;	/* log.h's */
	int				 foreground;	/* -d */
	int				 print_records;	/* -e */
	int				 verbose;	/* -v */
};

int	replay_run(const struct nl_config *, const struct nolistd_opts *);
int	live_run(const struct nl_config *, const struct nolistd_opts *);

#endif
