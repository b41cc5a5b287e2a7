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

/* What the configuration's driver (config.c) and keywords (confkw.c) share. */
#ifndef NL_CONFINT_H
#define NL_CONFINT_H

#include <stdint.h>

#include "config.h"

#define MAXWORDS	(NL_CONFIG_MAXLINE / 2 + 1)	/* "a b c ..." */
#define DURATION_MAX	INT32_MAX	/* seconds; safe to add to a time_t */
#define MAX_ENTRIES	100000000
#define MAX_DNS_RATE	100000
#define MAX_CACHE_SIZE	(1U << 30)

enum keyword {
	KW_INTERFACE,
	KW_FAKE_MX,
	KW_REAL_MX,
	KW_PORT,
	KW_BACKEND,
	KW_TABLE,
	KW_WHITELIST_TIME,
	KW_EXPAND,
	KW_PREFIX,
	KW_MAX_ENTRIES,
	KW_STATE_FILE,
	KW_CONTROL_SOCKET,
	KW_USER,
	KW_RESOLVER,
	KW_DNS_RATE,
	KW_DNS_CACHE_SIZE,
	KW_STATS_FILE,
	KW_GRACE_PERIOD,
	KW_STATE_INTERVAL,
	KW_CHROOT,
	KW_PIDFILE,
	KW_SYNC,
	KW_TURNED_AWAY_TIME,
	KW_SPF_WALK,
	KW_COUNT
};

struct parser {
	const char		*file;
	struct nl_config	*cfg;
	nl_config_err_fn	*errfn;
	void			*arg;
	int			 lineno;
	int			 nerrors;
	int			 given[KW_COUNT];	/* first line of each */
	int			 fake_line[NL_MAXMX];
	int			 real_line[NL_MAXMX];
	int			 port_line[NL_MAXPORTS];
	int			 resolver_line[NL_MAXRESOLVERS];
	int			 ports_replaced;	/* default port gone */
	/* the words of the current line, NUL-terminated, in words[] */
	char			 wordbuf[NL_CONFIG_MAXLINE + MAXWORDS];
	char			*words[MAXWORDS];
	int			 nwords;
};

typedef void	 kw_fn(struct parser *, const char *, char **, int);

void	 kw_interface(struct parser *, const char *, char **, int);
void	 kw_mx(struct parser *, const char *, char **, int);
void	 kw_port(struct parser *, const char *, char **, int);
void	 kw_backend(struct parser *, const char *, char **, int);
void	 kw_table(struct parser *, const char *, char **, int);
void	 kw_duration(struct parser *, const char *, char **, int);
void	 kw_expand(struct parser *, const char *, char **, int);
void	 kw_prefix(struct parser *, const char *, char **, int);
void	 kw_number(struct parser *, const char *, char **, int);
void	 kw_size(struct parser *, const char *, char **, int);
void	 kw_path(struct parser *, const char *, char **, int);
void	 kw_user(struct parser *, const char *, char **, int);
void	 kw_resolver(struct parser *, const char *, char **, int);
void	 kw_sync(struct parser *, const char *, char **, int);
void	 kw_spf_walk(struct parser *, const char *, char **, int);

void	 perr(struct parser *, int, const char *, ...)
	    __attribute__((__format__(__printf__, 3, 4)));

#endif
