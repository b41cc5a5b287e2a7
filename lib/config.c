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
 * nolistd.conf(5). A line is split into words (bare, or quoted with
 * "..."; commas and blanks separate them), the first word names the
 * statement, and a function per keyword checks and stores the rest.
 * Every error is reported and parsing goes on, so that one run of
 * nolistd -n lists everything that is wrong with a file.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compat.h"
#include "config.h"
#include "expand.h"
#include "policy.h"
#include "tablename.h"

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

static void	 kw_interface(struct parser *, const char *, char **, int);
static void	 kw_mx(struct parser *, const char *, char **, int);
static void	 kw_port(struct parser *, const char *, char **, int);
static void	 kw_backend(struct parser *, const char *, char **, int);
static void	 kw_table(struct parser *, const char *, char **, int);
static void	 kw_duration(struct parser *, const char *, char **, int);
static void	 kw_expand(struct parser *, const char *, char **, int);
static void	 kw_prefix(struct parser *, const char *, char **, int);
static void	 kw_number(struct parser *, const char *, char **, int);
static void	 kw_size(struct parser *, const char *, char **, int);
static void	 kw_path(struct parser *, const char *, char **, int);
static void	 kw_user(struct parser *, const char *, char **, int);
static void	 kw_resolver(struct parser *, const char *, char **, int);
static void	 kw_sync(struct parser *, const char *, char **, int);
static void	 kw_spf_walk(struct parser *, const char *, char **, int);

static const struct {
	const char	*name;
	kw_fn		*fn;
	int		 list;	/* may be repeated, adds to a list */
} keywords[KW_COUNT] = {
	[KW_INTERFACE] =	{ "interface",		kw_interface,	0 },
	[KW_FAKE_MX] =		{ "fake-mx",		kw_mx,		1 },
	[KW_REAL_MX] =		{ "real-mx",		kw_mx,		1 },
	[KW_PORT] =		{ "port",		kw_port,	1 },
	[KW_BACKEND] =		{ "backend",		kw_backend,	0 },
	[KW_TABLE] =		{ "table",		kw_table,	0 },
	[KW_WHITELIST_TIME] =	{ "whitelist-time",	kw_duration,	0 },
	[KW_EXPAND] =		{ "expand",		kw_expand,	0 },
	[KW_PREFIX] =		{ "prefix",		kw_prefix,	0 },
	[KW_MAX_ENTRIES] =	{ "max-entries",	kw_number,	0 },
	[KW_STATE_FILE] =	{ "state-file",		kw_path,	0 },
	[KW_CONTROL_SOCKET] =	{ "control-socket",	kw_path,	0 },
	[KW_USER] =		{ "user",		kw_user,	0 },
	[KW_RESOLVER] =		{ "resolver",		kw_resolver,	1 },
	[KW_DNS_RATE] =		{ "dns-rate",		kw_number,	0 },
	[KW_DNS_CACHE_SIZE] =	{ "dns-cache-size",	kw_size,	0 },
	[KW_STATS_FILE] =	{ "stats-file",		kw_path,	0 },
	[KW_GRACE_PERIOD] =	{ "grace-period",	kw_duration,	0 },
	[KW_STATE_INTERVAL] =	{ "state-interval",	kw_duration,	0 },
	[KW_CHROOT] =		{ "chroot",		kw_path,	0 },
	[KW_PIDFILE] =		{ "pidfile",		kw_path,	0 },
	[KW_SYNC] =		{ "sync",		kw_sync,	0 },
	[KW_TURNED_AWAY_TIME] = { "turned-away-time", kw_duration,	0 },
	[KW_SPF_WALK] =		{ "spf-walk",		kw_spf_walk,	1 },
};

static const char *const backend_names[] = { "pf", "nft", "print" };
static const char *const expand_names[] = { "none", "fcrdns", "pool" };

static void	 perr(struct parser *, int, const char *, ...)
		    __attribute__((__format__(__printf__, 3, 4)));

void
nl_config_defaults(struct nl_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	/* the system's own: the build defines them (CMakeLists.txt) */
	strlcpy(cfg->interface, NL_DEFAULT_INTERFACE, sizeof(cfg->interface));
	cfg->backend = NL_DEFAULT_BACKEND;
	strlcpy(cfg->state_file, NL_DEFAULT_STATE_FILE,
	    sizeof(cfg->state_file));
	nl_config_add_port(cfg, 25);
	cfg->whitelist_time = 36 * 24 * 60 * 60;
	cfg->expand = NL_EXPAND_FCRDNS;
	cfg->prefix4 = 32;
	cfg->prefix6 = 128;
	cfg->max_entries = 200000;
	strlcpy(cfg->control_socket, "/var/run/nolistd.sock",
	    sizeof(cfg->control_socket));
	strlcpy(cfg->user, "_nolistd", sizeof(cfg->user));
	cfg->dns_rate = 100;
	cfg->dns_cache_size = 4U << 20;
	cfg->grace_period = 60;
	cfg->turned_away_time = 5 * 60;
	cfg->state_interval = 60;
	strlcpy(cfg->pidfile, "/var/run/nolistd.pid", sizeof(cfg->pidfile));
	nl_sync_conf_defaults(&cfg->sync);
}

/* a negative line: the message is about the file, not one of its lines */
static void
perr(struct parser *p, int line, const char *fmt, ...)
{
	char	msg[2 * NL_CONFIG_MAXLINE], buf[PATH_MAX + sizeof(msg)];
	va_list	ap;

	p->nerrors++;
	if (p->errfn == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (line < 0)
		snprintf(buf, sizeof(buf), "%s: %s", p->file, msg);
	else
		snprintf(buf, sizeof(buf), "%s:%d: %s", p->file, line, msg);
	p->errfn(p->arg, buf);
}

/*
 * Splits a line into words. Quotes keep blanks, commas and '#' in a
 * word; there is no escape character, since no value needs a quote.
 */
static int
split_line(struct parser *p, const char *line, size_t len)
{
	char		*out = p->wordbuf;
	size_t		 i = 0;
	int		 comma = 0;
	unsigned char	 c;

	p->nwords = 0;
	while (i < len) {
		c = line[i];
		if (c == ' ' || c == '\t') {
			i++;
			continue;
		}
		if (c == '#')
			break;
		if (c == ',') {
			/* only between two values: "a,b", "a, b", "a ,b" */
			if (p->nwords < 2 || comma) {
				perr(p, p->lineno, "misplaced comma");
				return -1;
			}
			comma = 1;
			i++;
			continue;
		}
		comma = 0;
		if (p->nwords == MAXWORDS) {
			perr(p, p->lineno, "too many words in line");
			return -1;
		}
		p->words[p->nwords++] = out;
		if (c == '"') {
			for (i++; i < len && line[i] != '"'; i++)
				*out++ = line[i];
			if (i == len) {
				perr(p, p->lineno, "unterminated quote");
				return -1;
			}
			i++;
		} else {
			for (; i < len; i++) {
				c = line[i];
				if (c == ' ' || c == '\t' || c == ',' ||
				    c == '#' || c == '"')
					break;
				*out++ = c;
			}
		}
		*out++ = '\0';
		if (i < len && strchr(" \t,#", line[i]) == NULL) {
			perr(p, p->lineno, "quote inside a word");
			return -1;
		}
	}
	if (comma) {
		perr(p, p->lineno, "misplaced comma");
		return -1;
	}
	return 0;
}

/* NUL and control characters are never meant, and would garble messages */
static int
check_chars(struct parser *p, const char *line, size_t len)
{
	unsigned char	c;
	size_t		i;

	for (i = 0; i < len; i++) {
		c = line[i];
		if (c == '\0') {
			perr(p, p->lineno, "NUL byte in line");
			return -1;
		}
		if ((c < 0x20 && c != '\t') || c == 0x7f) {
			perr(p, p->lineno, "control character 0x%02x in line",
			    c);
			return -1;
		}
	}
	return 0;
}

static int
find_keyword(const char *word)
{
	int	k;

	for (k = 0; k < KW_COUNT; k++)
		if (strcmp(word, keywords[k].name) == 0)
			return k;
	return -1;
}

static void
parse_line(struct parser *p, const char *line, size_t len, int too_long)
{
	int	k;

	p->lineno++;
	if (too_long) {
		perr(p, p->lineno, "line too long (more than %d bytes)",
		    NL_CONFIG_MAXLINE);
		return;
	}
	/* CRLF files come from other systems' editors: they mean no harm */
	if (len > 0 && line[len - 1] == '\r')
		len--;
	if (check_chars(p, line, len) == -1 ||
	    split_line(p, line, len) == -1 || p->nwords == 0)
		return;
	if ((k = find_keyword(p->words[0])) == -1) {
		perr(p, p->lineno, "unknown keyword \"%s\"", p->words[0]);
		return;
	}
	/* a list keyword without values is reported once, not twice */
	if (keywords[k].list && p->given[k] == 0)
		p->given[k] = p->lineno;
	if (p->nwords == 1) {
		perr(p, p->lineno, "%s: missing argument", keywords[k].name);
		return;
	}
	if (p->given[k] != 0 && !keywords[k].list) {
		perr(p, p->lineno, "%s given twice (first on line %d)",
		    keywords[k].name, p->given[k]);
		return;
	}
	if (p->given[k] == 0)
		p->given[k] = p->lineno;
	keywords[k].fn(p, keywords[k].name, p->words + 1, p->nwords - 1);
}

/* single-valued keywords: one word, no more */
static int
one_arg(struct parser *p, const char *kw, int nargs, char **args)
{
	if (nargs > 1) {
		perr(p, p->lineno, "%s: trailing garbage \"%s\"", kw, args[1]);
		return -1;
	}
	return 0;
}

static int
copy_value(struct parser *p, const char *kw, const char *val, char *dst,
    size_t size)
{
	if (*val == '\0') {
		perr(p, p->lineno, "%s: empty value", kw);
		return -1;
	}
	if (strlen(val) >= size) {
		perr(p, p->lineno, "%s: \"%s\" is longer than %zu bytes", kw,
		    val, size - 1);
		return -1;
	}
	strlcpy(dst, val, size);
	return 0;
}

static void
kw_interface(struct parser *p, const char *kw, char **args, int nargs)
{
	struct nl_config	*cfg = p->cfg;
	const char		*group, *errstr;

	if (one_arg(p, kw, nargs, args) == -1)
		return;
	if (copy_value(p, kw, args[0], cfg->interface,
	    NL_CONFIG_IFNAMELEN) == -1)
		return;
	if (strncmp(args[0], "nflog:", 6) == 0) {
		group = args[0] + 6;
		strtonum(group, 0, UINT16_MAX, &errstr);
		if (errstr != NULL)
			perr(p, p->lineno, "%s: nflog group \"%s\" is %s", kw,
			    group, errstr);
	}
}

/* what a log record can never carry as a sender's destination */
static const char *
unusable_addr(const struct nl_addr *a)
{
	static const uint8_t	zero[16];
	static const uint8_t	mapped[12] = { [10] = 0xff, [11] = 0xff };

	if (a->af == NL_AF4) {
		if (memcmp(a->a, zero, 4) == 0)
			return "unspecified";
		if (a->a[0] >= 224 && a->a[0] <= 239)
			return "multicast";
		if (a->a[0] == 255 && a->a[1] == 255 && a->a[2] == 255 &&
		    a->a[3] == 255)
			return "broadcast";
		return NULL;
	}
	if (memcmp(a->a, zero, 16) == 0)
		return "unspecified";
	if (a->a[0] == 0xff)
		return "multicast";
	if (memcmp(a->a, mapped, sizeof(mapped)) == 0)
		return "IPv4-mapped";
	return NULL;
}

static int
parse_host(struct parser *p, const char *kw, const char *word,
    struct nl_addr *a)
{
	const char	*bad;

	if (strchr(word, '/') != NULL) {
		perr(p, p->lineno, "%s: \"%s\" is a prefix, not a host address",
		    kw, word);
		return -1;
	}
	if (nl_addr_parse(word, a) == -1) {
		perr(p, p->lineno, "%s: bad address \"%s\"", kw, word);
		return -1;
	}
	if ((bad = unusable_addr(a)) != NULL) {
		perr(p, p->lineno, "%s: %s address \"%s\" cannot be used", kw,
		    bad, word);
		return -1;
	}
	return 0;
}

static int
addr_index(const struct nl_addr *list, size_t n, const struct nl_addr *a)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (nl_addr_eq(&list[i], a))
			return (int)i;
	return -1;
}

/*
 * Adds a host address to a list of at most max, reporting duplicates.
 * Returns -1 only when the list is full, so that a long line reports
 * that once instead of once per address.
 */
static int
add_host(struct parser *p, const char *kw, const char *word,
    struct nl_addr *list, size_t *n, int *lines, size_t max)
{
	struct nl_addr	a;
	int		i;

	if (parse_host(p, kw, word, &a) == -1)
		return 0;
	if ((i = addr_index(list, *n, &a)) != -1) {
		perr(p, p->lineno, "%s: %s given twice (first on line %d)",
		    kw, word, lines[i]);
		return 0;
	}
	if (*n == max) {
		perr(p, p->lineno, "%s: more than %zu addresses", kw, max);
		return -1;
	}
	list[*n] = a;
	lines[*n] = p->lineno;
	(*n)++;
	return 0;
}

static void
kw_mx(struct parser *p, const char *kw, char **args, int nargs)
{
	struct nl_config	*cfg = p->cfg;
	struct nl_addr		*list, *other;
	size_t			*n, nother, before;
	int			*lines, *other_lines, fake, i, j;

	fake = strcmp(kw, "fake-mx") == 0;
	list = fake ? cfg->fake_mx : cfg->real_mx;
	n = fake ? &cfg->nfake_mx : &cfg->nreal_mx;
	lines = fake ? p->fake_line : p->real_line;
	other = fake ? cfg->real_mx : cfg->fake_mx;
	nother = fake ? cfg->nreal_mx : cfg->nfake_mx;
	other_lines = fake ? p->real_line : p->fake_line;

	for (i = 0; i < nargs; i++) {
		before = *n;
		if (add_host(p, kw, args[i], list, n, lines, NL_MAXMX) == -1)
			return;
		if (*n == before)
			continue;
		/* the firewall cannot both refuse and accept one SYN */
		if ((j = addr_index(other, nother, &list[before])) != -1) {
			perr(p, p->lineno, "%s: %s is also a %s (line %d)",
			    kw, args[i], fake ? "real-mx" : "fake-mx",
			    other_lines[j]);
			(*n)--;
		}
	}
}

static void
kw_resolver(struct parser *p, const char *kw, char **args, int nargs)
{
	struct nl_config	*cfg = p->cfg;
	int			 i;

	for (i = 0; i < nargs; i++)
		if (add_host(p, kw, args[i], cfg->resolvers, &cfg->nresolvers,
		    p->resolver_line, NL_MAXRESOLVERS) == -1)
			return;
}

/* domains whose SPF ranges the static table keeps */
static void
kw_spf_walk(struct parser *p, const char *kw, char **args, int nargs)
{
	struct nl_config	*cfg = p->cfg;
	char			 name[NL_NAMELEN];
	size_t			 j;
	int			 i;

	for (i = 0; i < nargs; i++) {
		if (nl_name_normalize(args[i], name, sizeof(name)) == -1 ||
		    strchr(name, '.') == NULL) {
			perr(p, p->lineno, "%s: \"%s\" is not a domain name",
			    kw, args[i]);
			continue;
		}
		for (j = 0; j < cfg->nspf_walk; j++)
			if (strcmp(cfg->spf_walk[j], name) == 0)
				break;
		if (j < cfg->nspf_walk) {
			perr(p, p->lineno, "%s: %s given twice", kw, name);
			continue;
		}
		if (cfg->nspf_walk == NL_MAXSPFWALK) {
			perr(p, p->lineno, "%s: more than %d domains", kw,
			    NL_MAXSPFWALK);
			return;
		}
		strlcpy(cfg->spf_walk[cfg->nspf_walk++], name,
		    sizeof(cfg->spf_walk[0]));
	}
}

int
nl_config_add_port(struct nl_config *cfg, uint16_t port)
{
	if (cfg->nports == NL_MAXPORTS)
		return -1;
	cfg->ports[cfg->nports++] = port;
	cfg->port_map[port >> 3] |= 1 << (port & 7);
	return 0;
}

static void
kw_port(struct parser *p, const char *kw, char **args, int nargs)
{
	struct nl_config	*cfg = p->cfg;
	const char		*errstr;
	size_t			 j;
	int			 i, port;

	/* the first port statement replaces the default */
	if (!p->ports_replaced) {
		p->ports_replaced = 1;
		cfg->nports = 0;
		memset(cfg->port_map, 0, sizeof(cfg->port_map));
	}
	for (i = 0; i < nargs; i++) {
		port = strtonum(args[i], 1, UINT16_MAX, &errstr);
		if (errstr != NULL) {
			perr(p, p->lineno, "%s: \"%s\" is %s", kw, args[i],
			    errstr);
			continue;
		}
		if (nl_config_port_watched(cfg, port)) {
			for (j = 0; cfg->ports[j] != port; j++)
				;
			perr(p, p->lineno, "%s: %d given twice (first on "
			    "line %d)", kw, port, p->port_line[j]);
			continue;
		}
		if (cfg->nports == NL_MAXPORTS) {
			perr(p, p->lineno, "%s: more than %d ports", kw,
			    NL_MAXPORTS);
			return;
		}
		p->port_line[cfg->nports] = p->lineno;
		nl_config_add_port(cfg, port);
	}
}

static int
word_index(const char *word, const char *const *names, int n)
{
	int	i;

	for (i = 0; i < n; i++)
		if (strcmp(word, names[i]) == 0)
			return i;
	return -1;
}

int
nl_backend_parse(const char *word)
{
	return word_index(word, backend_names, 3);
}

static void check_table_given(struct parser *, int);

static void
kw_backend(struct parser *p, const char *kw, char **args, int nargs)
{
	int	b;

	if (one_arg(p, kw, nargs, args) == -1)
		return;
	if ((b = nl_backend_parse(args[0])) == -1) {
		perr(p, p->lineno, "%s: unknown backend \"%s\" (pf, nft or "
		    "print)", kw, args[0]);
		return;
	}
	p->cfg->backend = b;
	p->cfg->backend_given = 1;
	check_table_given(p, p->given[KW_TABLE]);
}

static void
kw_table(struct parser *p, const char *kw, char **args, int nargs)
{
	if (one_arg(p, kw, nargs, args) == -1)
		return;
	if (copy_value(p, kw, args[0], p->cfg->table,
	    sizeof(p->cfg->table)) == -1)
		return;
	if (p->cfg->backend_given)
		check_table_given(p, p->lineno);
}

/*
 * The table's form depends on the backend, so it is checked when both
 * are known, on the line of whichever came second, which keeps errors
 * in line order.
 */
static void
check_table_given(struct parser *p, int table_line)
{
	char	err[NL_CONFIG_MAXLINE];

	if (table_line == 0 || p->cfg->table[0] == '\0')
		return;
	if (nl_table_check(p->cfg->table, p->cfg->backend, err,
	    sizeof(err)) == 0)
		return;
	if (table_line == p->lineno)
		perr(p, p->lineno, "table: %s", err);
	else
		perr(p, p->lineno, "backend %s: table on line %d: %s",
		    nl_backend_name(p->cfg->backend), table_line, err);
}

/* a number with an optional unit: s, m, h or d */
static void
kw_duration(struct parser *p, const char *kw, char **args, int nargs)
{
	char		 digits[NL_CONFIG_MAXLINE];
	const char	*errstr, *w = args[0];
	size_t		 n;
	long long	 unit = 1, v;

	if (one_arg(p, kw, nargs, args) == -1)
		return;
	n = strspn(w, "0123456789");
	if (n > 0 && w[n] != '\0' && w[n + 1] == '\0') {
		switch (w[n]) {
		case 's':
			unit = 1;
			break;
		case 'm':
			unit = 60;
			break;
		case 'h':
			unit = 60 * 60;
			break;
		case 'd':
			unit = 24 * 60 * 60;
			break;
		default:
			n = 0;
			break;
		}
	} else if (w[n] != '\0')
		n = 0;
	if (n >= sizeof(digits)) {
		perr(p, p->lineno, "%s: \"%s\" is too large", kw, w);
		return;
	}
	if (n == 0) {
		perr(p, p->lineno, "%s: bad duration \"%s\" (a number with "
		    "s, m, h or d)", kw, w);
		return;
	}
	memcpy(digits, w, n);
	digits[n] = '\0';
	v = strtonum(digits, 1, DURATION_MAX / unit, &errstr);
	if (errstr != NULL) {
		perr(p, p->lineno, "%s: \"%s\" is %s", kw, w, errstr);
		return;
	}
	if (strcmp(kw, "whitelist-time") == 0)
		p->cfg->whitelist_time = v * unit;
	else if (strcmp(kw, "state-interval") == 0)
		p->cfg->state_interval = v * unit;
	else if (strcmp(kw, "turned-away-time") == 0)
		p->cfg->turned_away_time = v * unit;
	else
		p->cfg->grace_period = v * unit;
}

static void
kw_expand(struct parser *p, const char *kw, char **args, int nargs)
{
	int	e;

	if (one_arg(p, kw, nargs, args) == -1)
		return;
	if ((e = word_index(args[0], expand_names, 3)) == -1) {
		perr(p, p->lineno, "%s: unknown mode \"%s\" (none, fcrdns or "
		    "pool)", kw, args[0]);
		return;
	}
	p->cfg->expand = e;
}

/*
 * A short prefix would open the real MX to a whole network for every
 * sender that tried the fake one: refuse what no ISP allocates to one
 * customer.
 */
static int
prefix_len(struct parser *p, const char *word, int family, int min, int max)
{
	const char	*errstr;
	int		 len;

	len = strtonum(word, 0, max, &errstr);
	if (errstr != NULL) {
		perr(p, p->lineno, "prefix: \"%s\" is %s", word, errstr);
		return -1;
	}
	if (len < min) {
		perr(p, p->lineno, "prefix: IPv%d length %d is too short: each "
		    "sender would whitelist 2^%d addresses (%d-%d allowed)",
		    family, len, max - len, min, max);
		return -1;
	}
	return len;
}

static void
kw_prefix(struct parser *p, const char *kw, char **args, int nargs)
{
	int	len4, len6 = p->cfg->prefix6;

	if (nargs > 2) {
		perr(p, p->lineno, "%s: trailing garbage \"%s\"", kw, args[2]);
		return;
	}
	len4 = prefix_len(p, args[0], 4, NL_POLICY_MINPLEN4, 32);
	if (nargs == 2)
		len6 = prefix_len(p, args[1], 6, NL_POLICY_MINPLEN6, 128);
	if (len4 == -1 || len6 == -1)
		return;
	p->cfg->prefix4 = len4;
	p->cfg->prefix6 = len6;
}

static void
kw_number(struct parser *p, const char *kw, char **args, int nargs)
{
	const char	*errstr;
	long long	 v;
	int		 entries = strcmp(kw, "max-entries") == 0;

	if (one_arg(p, kw, nargs, args) == -1)
		return;
	v = strtonum(args[0], entries ? 1 : 0,
	    entries ? MAX_ENTRIES : MAX_DNS_RATE, &errstr);
	if (errstr != NULL) {
		perr(p, p->lineno, "%s: \"%s\" is %s", kw, args[0], errstr);
		return;
	}
	if (entries)
		p->cfg->max_entries = v;
	else
		p->cfg->dns_rate = v;
}

/* bytes, with K, M or G for their binary multiples */
static void
kw_size(struct parser *p, const char *kw, char **args, int nargs)
{
	char		 num[32];
	const char	*errstr, *unit = "KMG";
	size_t		 len;
	long long	 v, mult = 1;

	if (one_arg(p, kw, nargs, args) == -1)
		return;
	len = strlcpy(num, args[0], sizeof(num));
	if (len > 1 && len < sizeof(num) &&
	    strchr(unit, num[len - 1]) != NULL) {
		mult = 1LL << (10 * (strchr(unit, num[len - 1]) - unit + 1));
		num[len - 1] = '\0';
	}
	v = strtonum(num, 0, MAX_CACHE_SIZE / mult, &errstr);
	if (errstr != NULL) {
		perr(p, p->lineno, "%s: \"%s\" is %s (at most 1G)", kw,
		    args[0], errstr);
		return;
	}
	p->cfg->dns_cache_size = v * mult;
}

/* the daemon chroots and changes directory: a relative path is a trap */
static void
kw_path(struct parser *p, const char *kw, char **args, int nargs)
{
	struct nl_config	*cfg = p->cfg;
	char			*dst;
	size_t			 size;

	if (one_arg(p, kw, nargs, args) == -1)
		return;
	if (strcmp(kw, "state-file") == 0) {
		dst = cfg->state_file;
		size = sizeof(cfg->state_file);
	} else if (strcmp(kw, "control-socket") == 0) {
		dst = cfg->control_socket;
		size = sizeof(cfg->control_socket);
	} else if (strcmp(kw, "chroot") == 0) {
		dst = cfg->chroot;
		size = sizeof(cfg->chroot);
		/* running unchrooted is said, never a missing directory */
		if (strcmp(args[0], NL_CHROOT_NONE) == 0) {
			strlcpy(dst, NL_CHROOT_NONE, size);
			return;
		}
	} else if (strcmp(kw, "pidfile") == 0) {
		dst = cfg->pidfile;
		size = sizeof(cfg->pidfile);
	} else {
		dst = cfg->stats_file;
		size = sizeof(cfg->stats_file);
		/* stats-file "" turns it off explicitly */
		if (args[0][0] == '\0') {
			dst[0] = '\0';
			return;
		}
	}
	if (args[0][0] != '\0' && args[0][0] != '/') {
		perr(p, p->lineno, "%s: \"%s\" is not an absolute path", kw,
		    args[0]);
		return;
	}
	copy_value(p, kw, args[0], dst, size);
}

static void
kw_user(struct parser *p, const char *kw, char **args, int nargs)
{
	if (one_arg(p, kw, nargs, args) == -1)
		return;
	copy_value(p, kw, args[0], p->cfg->user, NL_USERLEN);
}

/* the statement's own grammar is lib/syncconf.c's */
static void
kw_sync(struct parser *p, const char *kw, char **args, int nargs)
{
	char	err[NL_CONFIG_MAXLINE];

	if (nl_sync_conf_parse(&p->cfg->sync, args, nargs, err,
	    sizeof(err)) == -1) {
		perr(p, p->lineno, "%s: %s", kw, err);
		nl_sync_conf_defaults(&p->cfg->sync);
	}
}

static void
parser_init(struct parser *p, const char *file, struct nl_config *cfg,
    nl_config_err_fn *errfn, void *arg)
{
	memset(p, 0, sizeof(*p));
	p->file = file;
	p->cfg = cfg;
	p->errfn = errfn;
	p->arg = arg;
	nl_config_defaults(cfg);
}

static int
parser_finish(struct parser *p)
{
	if (p->given[KW_FAKE_MX] == 0)
		perr(p, p->lineno, "no fake-mx given");
	if (p->given[KW_REAL_MX] == 0)
		perr(p, p->lineno, "no real-mx given");
	return p->nerrors;
}

/* the buffer need not end in a NUL or a newline */
int
nl_config_parse_buf(const char *file, const char *buf, size_t len,
    struct nl_config *cfg, nl_config_err_fn *errfn, void *arg)
{
	struct parser	 p;
	const char	*nl;
	size_t		 n;

	parser_init(&p, file, cfg, errfn, arg);
	while (len > 0) {
		if ((nl = memchr(buf, '\n', len)) != NULL)
			n = nl - buf;
		else
			n = len;
		parse_line(&p, buf, n, n > NL_CONFIG_MAXLINE);
		if (nl == NULL)
			break;
		buf += n + 1;
		len -= n + 1;
	}
	return parser_finish(&p);
}

int
nl_config_parse_file(const char *file, struct nl_config *cfg,
    nl_config_err_fn *errfn, void *arg)
{
	struct parser	 p;
	struct stat	 st;
	FILE		*fp;
	char		 line[NL_CONFIG_MAXLINE + 1];
	size_t		 n = 0;
	int		 c, too_long = 0, saved;

	parser_init(&p, file, cfg, errfn, arg);
	if ((fp = fopen(file, "r")) == NULL) {
		perr(&p, -1, "%s", strerror(errno));
		return -1;
	}
	/* a device or a FIFO could feed the parser forever */
	if (fstat(fileno(fp), &st) == -1)
		perr(&p, -1, "%s", strerror(errno));
	else if (S_ISDIR(st.st_mode))
		perr(&p, -1, "%s", strerror(EISDIR));
	else if (!S_ISREG(st.st_mode))
		perr(&p, -1, "not a regular file");
	if (p.nerrors > 0) {
		fclose(fp);
		return -1;
	}
	while ((c = getc(fp)) != EOF) {
		if (c == '\n') {
			parse_line(&p, line, n, too_long ||
			    n > NL_CONFIG_MAXLINE);
			n = 0;
			too_long = 0;
		} else if (n < sizeof(line))
			line[n++] = c;
		else
			too_long = 1;
	}
	saved = errno;
	if (ferror(fp)) {
		perr(&p, -1, "%s", strerror(saved));
		fclose(fp);
		return p.nerrors;
	}
	fclose(fp);
	if (n > 0 || too_long)
		parse_line(&p, line, n, too_long || n > NL_CONFIG_MAXLINE);
	return parser_finish(&p);
}

const char *
nl_config_table(const struct nl_config *cfg, int backend)
{
	if (cfg->table[0] != '\0')
		return cfg->table;
	return nl_table_default(backend);
}

/*
 * The packet path: at most NL_MAXMX entries, so a loop; IPv4 compares
 * the 4 bytes it has.
 */
static int
addr_listed(const struct nl_addr *list, size_t n, const struct nl_addr *a)
{
	size_t	i;

	if (a->af == NL_AF4) {
		for (i = 0; i < n; i++)
			if (list[i].af == NL_AF4 &&
			    memcmp(list[i].a, a->a, 4) == 0)
				return 1;
		return 0;
	}
	for (i = 0; i < n; i++)
		if (list[i].af == a->af && memcmp(list[i].a, a->a, 16) == 0)
			return 1;
	return 0;
}

int
nl_config_is_fake_mx(const struct nl_config *cfg, const struct nl_addr *a)
{
	return addr_listed(cfg->fake_mx, cfg->nfake_mx, a);
}

int
nl_config_is_real_mx(const struct nl_config *cfg, const struct nl_addr *a)
{
	return addr_listed(cfg->real_mx, cfg->nreal_mx, a);
}

int
nl_config_port_watched(const struct nl_config *cfg, uint16_t port)
{
	return (cfg->port_map[port >> 3] >> (port & 7)) & 1;
}

const char *
nl_backend_name(int backend)
{
	if (backend < 0 || backend > NL_BACKEND_PRINT)
		return "unknown";
	return backend_names[backend];
}

const char *
nl_expand_name(int expand)
{
	if (expand < 0 || expand > NL_EXPAND_POOL)
		return "unknown";
	return expand_names[expand];
}
