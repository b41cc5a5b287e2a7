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
