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
