/*
 * OpenBSD and FreeBSD: root's powers go with setresuid, and OpenBSD's
 * pledge and unveil are called where they apply (lib/compat makes them
 * no-ops on FreeBSD).
 */
#include <stddef.h>

#include "osdep.h"

/* pflog is read as it comes: nothing to tune */
int
osdep_capture_tune(int fd, const char *ifname, int bufsize, char *errbuf,
    size_t len)
{
	(void)fd;
	(void)ifname;
	(void)bufsize;
	(void)errbuf;
	(void)len;
	return 0;
}

void
osdep_parent_confine(void)
{
}

void
osdep_engine_prepare(void)
{
}

void
osdep_engine_confine(void)
{
}
