/*
 * NFLOG instance settings, sent on the socket libpcap bound to the
 * group(s): the kernel otherwise holds records until 100 are queued or
 * a second has passed, and a sender has tried the next MX long before.
 */
#ifndef NL_NFLOGCFG_H
#define NL_NFLOGCFG_H

#include <stddef.h>

int	nflog_configure(int, const char *, int, char *, size_t);

#endif
