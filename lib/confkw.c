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
 * nolistd.conf(5)'s keywords: each statement's words checked and stored
 * in the configuration, every error reported with its line (config.c
 * splits the lines and calls these).
 */
#include <sys/types.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compat.h"
#include "config.h"
#include "confint.h"
#include "expand.h"
#include "policy.h"
#include "tablename.h"

static const char *const backend_names[] = { "pf", "nft", "print" };
static const char *const expand_names[] = { "none", "fcrdns", "pool" };

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

void
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

void
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

void
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
void
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

void
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

void
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

void
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
void
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

void
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

void
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

void
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
void
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
void
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

void
kw_user(struct parser *p, const char *kw, char **args, int nargs)
{
	if (one_arg(p, kw, nargs, args) == -1)
		return;
	copy_value(p, kw, args[0], p->cfg->user, NL_USERLEN);
}

/* the statement's own grammar is lib/syncconf.c's */
void
kw_sync(struct parser *p, const char *kw, char **args, int nargs)
{
	char	err[NL_CONFIG_MAXLINE];

	if (nl_sync_conf_parse(&p->cfg->sync, args, nargs, err,
	    sizeof(err)) == -1) {
		perr(p, p->lineno, "%s: %s", kw, err);
		nl_sync_conf_defaults(&p->cfg->sync);
	}
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
