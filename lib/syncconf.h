/*
 * nolistd.conf's sync statement, which names the Redis or Valkey server
 * a group of nolistd hosts share their whitelist through:
 *
 *	sync HOST [port N] [auth FILE] [group NAME] [name NAME]
 *	    [queue N] [rate N]
 */
#ifndef NL_SYNCCONF_H
#define NL_SYNCCONF_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#define NL_SYNC_HOSTLEN		256
#define NL_SYNC_GROUPLEN	32
#define NL_SYNC_NAMELEN		24
#define NL_SYNC_DEFAULT_PORT	6379
#define NL_SYNC_DEFAULT_QUEUE	10000
#define NL_SYNC_DEFAULT_RATE	2000

struct nl_sync_conf {
	char		 host[NL_SYNC_HOSTLEN];	/* "": no sync */
	uint16_t	 port;
	char		 auth_file[PATH_MAX];	/* "": no AUTH */
	char		 group[NL_SYNC_GROUPLEN];	/* key and channel prefix */
	char		 name[NL_SYNC_NAMELEN];	/* "": the host name */
	uint32_t	 queue;		/* changes held while Redis is away */
	uint32_t	 rate;		/* messages taken a second, 0: no bound */
};

void	nl_sync_conf_defaults(struct nl_sync_conf *);
int	nl_sync_conf_parse(struct nl_sync_conf *, char **, int, char *,
	    size_t);

#endif
