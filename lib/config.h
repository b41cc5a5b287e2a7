/*
 * nolistd.conf(5): the configuration and its parser. Every error is
 * reported as "file:line: message" through the caller's function, and
 * parsing goes on so that all of them are reported, not just the first.
 */
#ifndef NL_CONFIG_H
#define NL_CONFIG_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"

#define NL_MAXMX	16
#define NL_MAXPORTS	16
#define NL_NAMELEN	256

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
	char		 table[NL_NAMELEN];
	uint32_t	 whitelist_time;	/* seconds */
	int		 expand;		/* enum nl_expand */
	uint8_t		 prefix4;
	uint8_t		 prefix6;
	uint32_t	 max_entries;
	char		 state_file[PATH_MAX];
	char		 control_socket[104];	/* smallest sun_path */
	char		 user[64];
};

typedef void	nl_config_err_fn(void *, const char *);

void	 nl_config_defaults(struct nl_config *);
int	 nl_config_parse_file(const char *, struct nl_config *,
	    nl_config_err_fn *, void *);
int	 nl_config_parse_buf(const char *, const char *, size_t,
	    struct nl_config *, nl_config_err_fn *, void *);
int	 nl_config_is_fake_mx(const struct nl_config *, const struct nl_addr *);
int	 nl_config_is_real_mx(const struct nl_config *, const struct nl_addr *);
int	 nl_config_port_watched(const struct nl_config *, uint16_t);
const char *nl_backend_name(int);
const char *nl_expand_name(int);

#endif
