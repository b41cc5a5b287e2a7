#include <errno.h>
#include <limits.h>
#include <stdlib.h>

#include "compat.h"

/* strtonum(3): a decimal number within [min, max], or an error string */
long long
strtonum(const char *s, long long min, long long max, const char **errstr)
{
	char		*end;
	long long	 v;

	*errstr = NULL;
	if (min > max) {
		*errstr = "invalid";
		return 0;
	}
	errno = 0;
	v = strtoll(s, &end, 10);
	if (s[0] == '\0' || *end != '\0') {
		*errstr = "invalid";
		return 0;
	}
	if ((v == LLONG_MIN && errno == ERANGE) || v < min) {
		*errstr = "too small";
		return 0;
	}
	if ((v == LLONG_MAX && errno == ERANGE) || v > max) {
		*errstr = "too large";
		return 0;
	}
	return v;
}
