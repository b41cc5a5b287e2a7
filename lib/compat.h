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
 * What OpenBSD's libc has and some others do not: the build compiles the
 * shim in lib/compat/ for each function the system lacks, and no other
 * file asks which system it is on.
 */
#ifndef NL_COMPAT_H
#define NL_COMPAT_H

#include <stddef.h>

#ifdef NL_NEED_STRTONUM
long long	 strtonum(const char *, long long, long long, const char **);
#endif
#ifdef NL_NEED_STRLCPY
size_t		 strlcpy(char *, const char *, size_t);
size_t		 strlcat(char *, const char *, size_t);
#endif
/*
 * Declared everywhere: where the system has them, its own declarations
 * say the same, and the build compiles a shim only where it does not.
 */
int		 pledge(const char *, const char *);
int		 unveil(const char *, const char *);
void		 setproctitle(const char *, ...)
		    __attribute__((__format__(printf, 1, 2)));
void		 arc4random_buf(void *, size_t);
/* OpenBSD's returns int, FreeBSD's and glibc's nothing */
#ifdef NL_NEED_CLOSEFROM
void		 closefrom(int);
#endif

#endif
