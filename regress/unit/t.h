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
 * A small test harness: each check prints what failed with its line, and
 * t_done() prints the closing count and returns the exit status.
 */
#ifndef NL_T_H
#define NL_T_H

#include <stdio.h>
#include <string.h>

static int t_passed, t_failed;

static inline void
t_check(int ok, const char *what, const char *file, int line)
{
	if (ok)
		t_passed++;
	else {
		t_failed++;
		fprintf(stderr, "%s:%d: FAIL: %s\n", file, line, what);
	}
}

static inline void
t_check_str(const char *got, const char *want, const char *file, int line)
{
	if (strcmp(got, want) == 0)
		t_passed++;
	else {
		t_failed++;
		fprintf(stderr, "%s:%d: FAIL:\n  got:  %s\n  want: %s\n",
		    file, line, got, want);
	}
}

static inline int
t_done(void)
{
	printf("%d passed, %d failed\n", t_passed, t_failed);
	return t_failed != 0;
}

#define T(cond)		t_check((cond), #cond, __FILE__, __LINE__)
#define T_STR(g, w)	t_check_str((g), (w), __FILE__, __LINE__)

#endif
