#include "compat.h"

/*
 * pledge(2) and unveil(2) are OpenBSD's. Elsewhere the processes are
 * confined by other means (daemon/osdep-*.c), and these promise nothing.
 */
int
pledge(const char *promises, const char *execpromises)
{
	(void)promises;
	(void)execpromises;
	return 0;
}

int
unveil(const char *path, const char *permissions)
{
	(void)path;
	(void)permissions;
	return 0;
}
