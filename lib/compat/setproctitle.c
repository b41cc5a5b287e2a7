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
