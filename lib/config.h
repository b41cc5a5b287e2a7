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
 * nolistd.conf(5): the configuration and its parser. Every error is
 * reported as "file:line: message" through the caller's function, and
 * parsing goes on so that all of them are reported, not just the first.
 * The parser keeps no state between calls: on SIGHUP the daemon parses
 * into a fresh struct and keeps the old one if the new file has errors.
 */
#ifndef NL_CONFIG_H
#define NL_CONFIG_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "syncconf.h"

#define NL_MAXMX		16
#define NL_MAXPORTS		16
#define NL_MAXRESOLVERS		4
#define NL_MAXSPFWALK		32	/* spf-walk domains */
#define NL_NAMELEN		256
#define NL_CONFIG_MAXLINE	1024	/* bytes in a line, newline excluded */

/* what the kernels take, so that a bad name fails at parse time */
#define NL_CONFIG_IFNAMELEN	16	/* IFNAMSIZ, with the NUL */
#define NL_USERLEN		32	/* _PW_NAME_LEN 31, with the NUL */
/* "chroot none": never a path, which must be absolute */
#define NL_CHROOT_NONE		"none"

enum nl_backend_kind {
	NL_BACKEND_PF = 0,
	NL_BACKEND_NFT,
	NL_BACKEND_PRINT
};

enum nl_expand {
	NL_EXPAND_NONE = 0,
	NL_EXPAND_FCRDNS,
	NL_EXPAND_POOL
};

struct nl_config {
	char		 interface[NL_NAMELEN];
	struct nl_addr	 fake_mx[NL_MAXMX];
	size_t		 nfake_mx;
	struct nl_addr	 real_mx[NL_MAXMX];
	size_t		 nreal_mx;
	uint16_t	 ports[NL_MAXPORTS];
	size_t		 nports;
	int		 backend;		/* enum nl_backend_kind */
	int		 backend_given;		/* backend came from the file */
	char		 table[NL_NAMELEN];	/* "" until given: see
						   nl_config_table() */
	uint32_t	 whitelist_time;	/* seconds */
	int		 expand;		/* enum nl_expand */
	uint8_t		 prefix4;
	uint8_t		 prefix6;
	uint32_t	 max_entries;
	char		 state_file[PATH_MAX];
	char		 control_socket[104];	/* smallest sun_path */
	char		 user[64];
	struct nl_addr	 resolvers[NL_MAXRESOLVERS];	/* none: the system's */
	size_t		 nresolvers;
	uint32_t	 dns_rate;		/* lookups a second, 0: none */
	uint32_t	 dns_cache_size;	/* bytes the DNS cache may hold */
	/* whose SPF ranges go to the static table, normalized */
	char		 spf_walk[NL_MAXSPFWALK][NL_NAMELEN];
	size_t		 nspf_walk;
	char		 stats_file[PATH_MAX];	/* "" is off */
	uint32_t	 grace_period;		/* seconds */
	uint32_t	 turned_away_time;	/* seconds: fake MX, no real MX */
	uint32_t	 state_interval;	/* seconds between state saves */
	char		 chroot[PATH_MAX];	/* "": the user's home */
	char		 pidfile[PATH_MAX];
	struct nl_sync_conf sync;		/* host "": no sharing */
	/*
	 * One bit per port, kept in step with ports[] by the parser and
	 * nl_config_add_port(), so that the packet path tests a port with
	 * one load whatever the number of ports.
	 */
	uint8_t		 port_map[65536 / 8];
};

typedef void	nl_config_err_fn(void *, const char *);

void	 nl_config_defaults(struct nl_config *);
int	 nl_config_parse_file(const char *, struct nl_config *,
	    nl_config_err_fn *, void *);
int	 nl_config_parse_buf(const char *, const char *, size_t,
	    struct nl_config *, nl_config_err_fn *, void *);
int	 nl_config_add_port(struct nl_config *, uint16_t);
int	 nl_config_is_fake_mx(const struct nl_config *, const struct nl_addr *);
int	 nl_config_is_real_mx(const struct nl_config *, const struct nl_addr *);
int	 nl_config_port_watched(const struct nl_config *, uint16_t);
const char *nl_config_table(const struct nl_config *, int);
int	 nl_backend_parse(const char *);
const char *nl_backend_name(int);
const char *nl_expand_name(int);

#endif
