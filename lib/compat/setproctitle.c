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

#include <sys/prctl.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "compat.h"

extern const char	*__progname;

/* BSD's declaration says printf-like; compat.h's need not */
void	setproctitle(const char *, ...)
	    __attribute__((__format__(__printf__, 1, 2)));

/*
 * setproctitle(3) where only the thread name can be set: ps and top show
 * "prog: title", cut to the 15 bytes PR_SET_NAME keeps.
 */
void
setproctitle(const char *fmt, ...)
{
	char	title[64];
	char	name[16];
	va_list	ap;

	va_start(ap, fmt);
	(void)vsnprintf(title, sizeof(title), fmt, ap);
	va_end(ap);
	strlcpy(name, __progname, sizeof(name));
	strlcat(name, ": ", sizeof(name));
	strlcat(name, title, sizeof(name));
	(void)prctl(PR_SET_NAME, name, 0, 0, 0);
}
