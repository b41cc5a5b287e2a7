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
#include "confint.h"
#include "expand.h"
#include "tablename.h"

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
void
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
