/*
 * What OpenBSD's libc has and some others do not. CMake defines
 * NL_NEED_* where the system lacks a function.
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

#endif
