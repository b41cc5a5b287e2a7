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
 * nolistd.conf(5): every statement, every error message exactly as the
 * user sees it, and the lookups the packet path uses.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compat.h"
#include "config.h"
#include "t.h"

#define MAXMSGS	64

struct msgs {
	char	m[MAXMSGS][2048];
	int	n;
};

/* two valid statements, so that error tests start on line 3 */
static const char	base[] = "fake-mx 192.0.2.1\nreal-mx 192.0.2.2\n";

static void
collect(void *arg, const char *msg)
{
	struct msgs	*m = arg;

	if (m->n < MAXMSGS)
		strlcpy(m->m[m->n], msg, sizeof(m->m[0]));
	m->n++;
}

/*
 * Parses from an allocation of exactly len bytes, without a NUL, so
 * that ASan sees any read past the end.
 */
static int
parse_len(const char *text, size_t len, struct nl_config *cfg,
    struct msgs *m)
{
	char	*buf;
	int	 rv;

	memset(m, 0, sizeof(*m));
	if ((buf = malloc(len > 0 ? len : 1)) == NULL)
		abort();
	memcpy(buf, text, len);
	rv = nl_config_parse_buf("t.conf", buf, len, cfg, collect, m);
	free(buf);
	return rv;
}

static int
parse(const char *text, struct nl_config *cfg, struct msgs *m)
{
	return parse_len(text, strlen(text), cfg, m);
}

/* the base, then body; exactly the messages in want[] (NULL-ended) */
static void
expect(const char *body, const char *const *want, int line)
{
	static struct nl_config	cfg;
	static struct msgs	m;
	static char		text[8192];
	int			i, n, rv;

	snprintf(text, sizeof(text), "%s%s", base, body);
	rv = parse(text, &cfg, &m);
	for (n = 0; want[n] != NULL; n++)
		;
	t_check(rv == n && m.n == n, "number of errors", __FILE__, line);
	for (i = 0; i < n || i < m.n; i++)
		t_check_str(i < m.n ? m.m[i] : "(none)",
		    i < n ? want[i] : "(none)", __FILE__, line);
}

#define ERR1(body, msg)	do {					\
	const char *const w_[] = { (msg), NULL };			\
	expect((body), w_, __LINE__);					\
} while (0)
#define ERRS(body, ...)	do {					\
	const char *const w_[] = { __VA_ARGS__, NULL };			\
	expect((body), w_, __LINE__);					\
} while (0)
#define OK(body)	do {						\
	const char *const w_[] = { NULL };				\
	expect((body), w_, __LINE__);					\
} while (0)

static struct nl_addr
addr(const char *s)
{
	struct nl_addr	a;

	if (nl_addr_parse(s, &a) == -1)
		abort();
	return a;
}

static void
test_defaults(void)
{
	struct nl_config	cfg;

	nl_config_defaults(&cfg);
#ifdef __linux__
	T(cfg.backend == NL_BACKEND_NFT);
	T_STR(cfg.interface, "nflog:25");
	T_STR(cfg.state_file, "/var/lib/nolistd/nolistd.state");
#else
	T(cfg.backend == NL_BACKEND_PF);
	T_STR(cfg.interface, "pflog1");
	T_STR(cfg.state_file, "/var/db/nolistd.state");
#endif
	T(cfg.backend_given == 0);
	T(cfg.nports == 1 && cfg.ports[0] == 25);
	T(nl_config_port_watched(&cfg, 25));
	T(!nl_config_port_watched(&cfg, 24));
	T(!nl_config_port_watched(&cfg, 587));
	T(!nl_config_port_watched(&cfg, 0));
	T(!nl_config_port_watched(&cfg, 65535));
	T(cfg.whitelist_time == 36 * 86400);
	T(cfg.expand == NL_EXPAND_FCRDNS);
	T(cfg.prefix4 == 32 && cfg.prefix6 == 128);
	T(cfg.max_entries == 200000);
	T_STR(cfg.control_socket, "/var/run/nolistd.sock");
	T_STR(cfg.user, "_nolistd");
	T(cfg.nfake_mx == 0 && cfg.nreal_mx == 0 && cfg.nresolvers == 0);
	T(cfg.dns_rate == 100);
	T(cfg.dns_cache_size == 4U << 20);
	T_STR(cfg.stats_file, "");
	T(cfg.grace_period == 60);
	T(cfg.turned_away_time == 300);
	T_STR(cfg.table, "");
	T_STR(nl_config_table(&cfg, NL_BACKEND_PF), "nolistd/mx-white");
	T_STR(nl_config_table(&cfg, NL_BACKEND_PRINT), "nolistd/mx-white");
	T_STR(nl_config_table(&cfg, NL_BACKEND_NFT), "inet nolistd mx_white");
}

static void
test_full(void)
{
	static const char	text[] =
	    "# every keyword\n"
	    "interface pflog2\n"
	    "fake-mx 192.0.2.1 2001:db8::1\n"
	    "real-mx 192.0.2.2 2001:db8::2\n"
	    "port 25 587\n"
	    "backend pf\n"
	    "table \"mail/white\"\n"
	    "whitelist-time 30d\n"
	    "expand pool\n"
	    "prefix 24 64\n"
	    "max-entries 5000\n"
	    "state-file \"/var/db/nl.state\"\n"
	    "control-socket \"/var/run/nl.sock\"\n"
	    "user _nl\n"
	    "resolver 198.51.100.53 2001:db8::53\n"
	    "dns-rate 20\ndns-cache-size 512K\n"
	    "stats-file \"/var/db/nl.stats\"\n"
	    "grace-period 5m\n"
	    "turned-away-time 10m\n";
	struct nl_config	cfg;
	struct nl_addr		a;
	struct msgs		m;

	T(parse(text, &cfg, &m) == 0 && m.n == 0);
	T_STR(cfg.interface, "pflog2");
	T(cfg.nfake_mx == 2 && cfg.nreal_mx == 2);
	a = addr("192.0.2.1");
	T(nl_addr_eq(&cfg.fake_mx[0], &a));
	a = addr("2001:db8::1");
	T(nl_addr_eq(&cfg.fake_mx[1], &a));
	a = addr("192.0.2.2");
	T(nl_addr_eq(&cfg.real_mx[0], &a));
	a = addr("2001:db8::2");
	T(nl_addr_eq(&cfg.real_mx[1], &a));
	T(cfg.nports == 2 && cfg.ports[0] == 25 && cfg.ports[1] == 587);
	T(nl_config_port_watched(&cfg, 587));
	T(nl_config_port_watched(&cfg, 25));
	T(!nl_config_port_watched(&cfg, 465));
	T(cfg.backend == NL_BACKEND_PF && cfg.backend_given);
	T_STR(cfg.table, "mail/white");
	T_STR(nl_config_table(&cfg, NL_BACKEND_NFT), "mail/white");
	T(cfg.whitelist_time == 30 * 86400);
	T(cfg.expand == NL_EXPAND_POOL);
	T(cfg.prefix4 == 24 && cfg.prefix6 == 64);
	T(cfg.max_entries == 5000);
	T_STR(cfg.state_file, "/var/db/nl.state");
	T_STR(cfg.control_socket, "/var/run/nl.sock");
	T_STR(cfg.user, "_nl");
	T(cfg.nresolvers == 2);
	a = addr("198.51.100.53");
	T(nl_addr_eq(&cfg.resolvers[0], &a));
	a = addr("2001:db8::53");
	T(nl_addr_eq(&cfg.resolvers[1], &a));
	T(cfg.dns_rate == 20);
	T(cfg.dns_cache_size == 512 * 1024);
	T_STR(cfg.stats_file, "/var/db/nl.stats");
	T(cfg.grace_period == 300);
	T(cfg.turned_away_time == 600);

	/* the nft form, and the minimal file keeps every default */
	T(parse("backend nft\ntable \"ip6 my_t sets.v\"\nfake-mx 192.0.2.1\n"
	    "real-mx 192.0.2.2\nprefix 16\ndns-rate 0\n", &cfg, &m) == 0);
	T(cfg.backend == NL_BACKEND_NFT);
	T_STR(cfg.table, "ip6 my_t sets.v");
	T(cfg.prefix4 == 16 && cfg.prefix6 == 128);
	T(cfg.dns_rate == 0);
	T(parse(base, &cfg, &m) == 0);
	T(cfg.nports == 1 && nl_config_port_watched(&cfg, 25));
	T(cfg.backend_given == 0);
	T_STR(cfg.table, "");
	T(cfg.expand == NL_EXPAND_FCRDNS);
}

static void
test_lists(void)
{
	static const char *const forms[] = {
		"fake-mx 192.0.2.1 192.0.2.3 2001:db8::1\n",
		"fake-mx 192.0.2.1,192.0.2.3,2001:db8::1\n",
		"fake-mx 192.0.2.1, 192.0.2.3 ,2001:db8::1\n",
		"fake-mx\t192.0.2.1 ,\t192.0.2.3,  2001:db8::1   \n",
		"fake-mx 192.0.2.1\nfake-mx 192.0.2.3\nfake-mx 2001:db8::1\n",
		"fake-mx \"192.0.2.1\",192.0.2.3\nfake-mx 2001:db8::1\n",
	};
	struct nl_config	cfg;
	struct nl_addr		a;
	struct msgs		m;
	char			text[256];
	size_t			i;

	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		snprintf(text, sizeof(text), "%sreal-mx 192.0.2.2\n",
		    forms[i]);
		T(parse(text, &cfg, &m) == 0);
		T(cfg.nfake_mx == 3);
		a = addr("192.0.2.3");
		T(nl_addr_eq(&cfg.fake_mx[1], &a));
		a = addr("2001:db8::1");
		T(nl_addr_eq(&cfg.fake_mx[2], &a));
	}
	/* ports likewise, and the first port statement drops the default */
	T(parse("port 587, 2525\nport 465\nfake-mx 192.0.2.1\n"
	    "real-mx 192.0.2.2\n", &cfg, &m) == 0);
	T(cfg.nports == 3 && cfg.ports[0] == 587 && cfg.ports[2] == 465);
	T(!nl_config_port_watched(&cfg, 25));
	T(nl_config_port_watched(&cfg, 2525));
	/* a port statement with nothing usable still drops the default */
	T(parse("port\nport 587\nfake-mx 192.0.2.1\nreal-mx 192.0.2.2\n",
	    &cfg, &m) == 1);
	T(cfg.nports == 1 && !nl_config_port_watched(&cfg, 25));

	/* exactly NL_MAXMX, NL_MAXPORTS and NL_MAXRESOLVERS fit */
	OK("fake-mx 192.0.2.11 192.0.2.12 192.0.2.13 192.0.2.14 "
	    "192.0.2.15 192.0.2.16 192.0.2.17 192.0.2.18 192.0.2.19 "
	    "192.0.2.20 192.0.2.21 192.0.2.22 192.0.2.23 192.0.2.24 "
	    "192.0.2.25\n");
	OK("port 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n");
	OK("resolver 192.0.2.53 192.0.2.54 2001:db8::53 ::1\n");
}

static void
test_durations(void)
{
	static const struct {
		const char	*word;
		uint32_t	 secs;
	} good[] = {
		{ "30", 30 }, { "30s", 30 }, { "5m", 300 }, { "2h", 7200 },
		{ "36d", 36 * 86400 }, { "1s", 1 }, { "007m", 420 },
		{ "2147483647", 2147483647 }, { "24855d", 24855u * 86400 },
		{ "35791394m", 35791394u * 60 },
	};
	struct nl_config	cfg;
	struct msgs		m;
	char			text[256];
	size_t			i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		snprintf(text, sizeof(text), "%swhitelist-time %s\n"
		    "grace-period %s\n", base, good[i].word, good[i].word);
		T(parse(text, &cfg, &m) == 0);
		t_check(cfg.whitelist_time == good[i].secs &&
		    cfg.grace_period == good[i].secs, good[i].word, __FILE__,
		    __LINE__);
	}
	ERR1("whitelist-time 0\n",
	    "t.conf:3: whitelist-time: \"0\" is too small");
	ERR1("grace-period 0s\n",
	    "t.conf:3: grace-period: \"0s\" is too small");
	ERR1("whitelist-time 0d\n",
	    "t.conf:3: whitelist-time: \"0d\" is too small");
	ERR1("whitelist-time 2147483648\n",
	    "t.conf:3: whitelist-time: \"2147483648\" is too large");
	ERR1("whitelist-time 24856d\n",
	    "t.conf:3: whitelist-time: \"24856d\" is too large");
	ERR1("whitelist-time 99999999999999999999999h\n",
	    "t.conf:3: whitelist-time: \"99999999999999999999999h\" is too "
	    "large");
	ERR1("whitelist-time 5x\n", "t.conf:3: whitelist-time: bad duration "
	    "\"5x\" (a number with s, m, h or d)");
	ERR1("whitelist-time 5D\n", "t.conf:3: whitelist-time: bad duration "
	    "\"5D\" (a number with s, m, h or d)");
	ERR1("grace-period d\n", "t.conf:3: grace-period: bad duration "
	    "\"d\" (a number with s, m, h or d)");
	ERR1("grace-period 5ss\n", "t.conf:3: grace-period: bad duration "
	    "\"5ss\" (a number with s, m, h or d)");
	ERR1("grace-period 1.5h\n", "t.conf:3: grace-period: bad duration "
	    "\"1.5h\" (a number with s, m, h or d)");
	ERR1("grace-period -5s\n", "t.conf:3: grace-period: bad duration "
	    "\"-5s\" (a number with s, m, h or d)");
	ERR1("grace-period +5\n", "t.conf:3: grace-period: bad duration "
	    "\"+5\" (a number with s, m, h or d)");
	ERR1("grace-period 5 d\n",
	    "t.conf:3: grace-period: trailing garbage \"d\"");
}

static void
test_syntax(void)
{
	struct nl_config	cfg;
	struct msgs		m;
	static const char	crlf[] = "# dos\r\nfake-mx 192.0.2.1\r\n"
	    "real-mx 192.0.2.2\r\nstate-file \"/a b#c\"  # real comment\r\n"
	    "\r\n";

	/* '#' in quotes is data; outside it starts a comment */
	T(parse("fake-mx 192.0.2.1 # 192.0.2.9\nreal-mx 192.0.2.2#x\n"
	    "state-file \"/var/db/a#b c\" # the state\n"
	    "   # indented comment\n\t\n#\n", &cfg, &m) == 0);
	T(cfg.nfake_mx == 1 && cfg.nreal_mx == 1);
	T_STR(cfg.state_file, "/var/db/a#b c");
	/* CRLF line endings are accepted */
	T(parse(crlf, &cfg, &m) == 0 && m.n == 0);
	T_STR(cfg.state_file, "/a b#c");
	/* no newline at the end */
	T(parse("fake-mx 192.0.2.1\nreal-mx 192.0.2.2", &cfg, &m) == 0);
	T(cfg.nreal_mx == 1);
	/* the buffer's length counts, not a NUL */
	T(parse_len("fake-mx 192.0.2.1\nreal-mx 192.0.2.2\nbogus", 36, &cfg,
	    &m) == 0);
	T(parse_len("fake-mx 192.0.2.1\nreal-mx 192.0.2.2\nbogus", 39, &cfg,
	    &m) == 1);
	T_STR(m.m[0], "t.conf:3: unknown keyword \"bog\"");
	/* a line of exactly the limit is fine, one more byte is not */
	{
		char	text[2 * NL_CONFIG_MAXLINE];
		char	want[2 * NL_CONFIG_MAXLINE];
		size_t	n;

		n = snprintf(text, sizeof(text), "%suser ", base);
		memset(text + n, 'u', NL_CONFIG_MAXLINE);
		text[strlen(base) + NL_CONFIG_MAXLINE] = '\0';
		T(parse(text, &cfg, &m) == 1);
		snprintf(want, sizeof(want), "t.conf:3: user: \"%.*s\" is "
		    "longer than 31 bytes", NL_CONFIG_MAXLINE - 5,
		    text + n);
		T_STR(m.m[0], want);
		text[strlen(base) + NL_CONFIG_MAXLINE] = 'u';
		text[strlen(base) + NL_CONFIG_MAXLINE + 1] = '\0';
		T(parse(text, &cfg, &m) == 1);
		T_STR(m.m[0], "t.conf:3: line too long (more than 1024 bytes)");
	}
}

static void
test_empty(void)
{
	struct nl_config	cfg;
	struct msgs		m;

	T(parse("", &cfg, &m) == 2 && m.n == 2);
	T_STR(m.m[0], "t.conf:0: no fake-mx given");
	T_STR(m.m[1], "t.conf:0: no real-mx given");
	T(parse("# nothing\n\n", &cfg, &m) == 2);
	T_STR(m.m[0], "t.conf:2: no fake-mx given");
	T(parse("fake-mx 192.0.2.1\n\n\n", &cfg, &m) == 1);
	T_STR(m.m[0], "t.conf:3: no real-mx given");
	/* the number of the last line, without a newline too */
	T(parse("real-mx 192.0.2.1\n#", &cfg, &m) == 1);
	T_STR(m.m[0], "t.conf:2: no fake-mx given");
	/* a NULL callback only counts */
	T(nl_config_parse_buf("t.conf", "", 0, &cfg, NULL, NULL) == 2);
}

static void
test_errors_lexical(void)
{
	ERR1("bogus 1\n", "t.conf:3: unknown keyword \"bogus\"");
	ERR1("Port 25\n", "t.conf:3: unknown keyword \"Port\"");
	/* a quoted word is a word, the keyword too */
	OK("\"fake-mx\" 192.0.2.9\n");
	ERR1("user \"_nl\n", "t.conf:3: unterminated quote");
	ERR1("user \"_nl\"x\n", "t.conf:3: quote inside a word");
	ERR1("user _n\"l\"\n", "t.conf:3: quote inside a word");
	ERR1("port 25,,587\n", "t.conf:3: misplaced comma");
	ERR1("port ,25\n", "t.conf:3: misplaced comma");
	ERR1("port, 25\n", "t.conf:3: misplaced comma");
	ERR1("port 25,\n", "t.conf:3: misplaced comma");
	ERR1("port 25, # comment\n", "t.conf:3: misplaced comma");
	ERR1(",\n", "t.conf:3: misplaced comma");
	ERR1("user a\001b\n", "t.conf:3: control character 0x01 in line");
	ERR1("user a\rb\n", "t.conf:3: control character 0x0d in line");
	ERR1("user ab\r\r\n", "t.conf:3: control character 0x0d in line");
	ERR1("user \"a\033b\"\n", "t.conf:3: control character 0x1b in line");
	ERR1("user a\177\n", "t.conf:3: control character 0x7f in line");
}

static void
test_nul(void)
{
	static const char	text[] =
	    "fake-mx 192.0.2.1\nreal-mx 192.0.2.2\n"
	    "user a\0b\nbogus\n";
	struct nl_config	cfg;
	struct msgs		m;

	T(parse_len(text, sizeof(text) - 1, &cfg, &m) == 2);
	T_STR(m.m[0], "t.conf:3: NUL byte in line");
	T_STR(m.m[1], "t.conf:4: unknown keyword \"bogus\"");
	T(parse_len("\0", 1, &cfg, &m) == 3);
	T_STR(m.m[0], "t.conf:1: NUL byte in line");
	T_STR(m.m[1], "t.conf:1: no fake-mx given");
}

static void
test_errors_statements(void)
{
	/* missing arguments, repeats, trailing garbage */
	ERR1("backend\n", "t.conf:3: backend: missing argument");
	ERR1("backend   # none\n", "t.conf:3: backend: missing argument");
	ERR1("backend pf\nbackend nft\n",
	    "t.conf:4: backend given twice (first on line 3)");
	ERR1("backend\nbackend pf\n", "t.conf:3: backend: missing argument");
	/* a statement with a bad value was still given */
	ERRS("backend bogus\nbackend pf\n", "t.conf:3: backend: unknown "
	    "backend \"bogus\" (pf, nft or print)",
	    "t.conf:4: backend given twice (first on line 3)");
	ERR1("backend pf nft\n", "t.conf:3: backend: trailing garbage \"nft\"");
	ERR1("backend pf,nft\n", "t.conf:3: backend: trailing garbage \"nft\"");
	ERR1("interface pflog0\ninterface pflog1\n",
	    "t.conf:4: interface given twice (first on line 3)");
	ERR1("user a\nuser b\n",
	    "t.conf:4: user given twice (first on line 3)");
	ERR1("user a b\n", "t.conf:3: user: trailing garbage \"b\"");
	ERR1("user \"\"\n", "t.conf:3: user: empty value");
	ERR1("user abcdefghijklmnopqrstuvwxyz012345\n", "t.conf:3: user: "
	    "\"abcdefghijklmnopqrstuvwxyz012345\" is longer than 31 bytes");
	OK("user abcdefghijklmnopqrstuvwxyz01234\n");
	ERR1("expand all\n", "t.conf:3: expand: unknown mode \"all\" (none, "
	    "fcrdns or pool)");
	ERR1("expand none\nexpand pool\n",
	    "t.conf:4: expand given twice (first on line 3)");
	ERR1("fake-mx\n", "t.conf:3: fake-mx: missing argument");

	/* interface */
	ERR1("interface \"\"\n", "t.conf:3: interface: empty value");
	ERR1("interface pflog12345678901\n", "t.conf:3: interface: "
	    "\"pflog12345678901\" is longer than 15 bytes");
	OK("interface pflog1234567890\n");
	OK("interface nflog:65535\n");
	ERR1("interface nflog:65536\n",
	    "t.conf:3: interface: nflog group \"65536\" is too large");
	ERR1("interface nflog:x\n",
	    "t.conf:3: interface: nflog group \"x\" is invalid");
	ERR1("interface nflog:\n",
	    "t.conf:3: interface: nflog group \"\" is invalid");

	/* numbers */
	ERR1("port 0\n", "t.conf:3: port: \"0\" is too small");
	ERR1("port 65536\n", "t.conf:3: port: \"65536\" is too large");
	ERR1("port smtp\n", "t.conf:3: port: \"smtp\" is invalid");
	ERR1("port 25 x 587\n", "t.conf:3: port: \"x\" is invalid");
	OK("port 65535\n");
	ERR1("port 25 587\nport 587\n",
	    "t.conf:4: port: 587 given twice (first on line 3)");
	ERR1("port 25 25\n",
	    "t.conf:3: port: 25 given twice (first on line 3)");
	ERR1("port 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18\n",
	    "t.conf:3: port: more than 16 ports");
	ERR1("max-entries 0\n", "t.conf:3: max-entries: \"0\" is too small");
	ERR1("max-entries 100000001\n",
	    "t.conf:3: max-entries: \"100000001\" is too large");
	OK("max-entries 100000000\n");
	OK("max-entries 1\n");
	ERR1("max-entries 1e6\n", "t.conf:3: max-entries: \"1e6\" is invalid");
	ERR1("dns-rate -1\n", "t.conf:3: dns-rate: \"-1\" is too small");
	ERR1("dns-rate 100001\n",
	    "t.conf:3: dns-rate: \"100001\" is too large");
	OK("dns-rate 100000\n");
	OK("dns-cache-size 0\n");
	OK("dns-cache-size 1G\n");
	ERR1("dns-cache-size 1025M\n", "t.conf:3: dns-cache-size: \"1025M\" "
	    "is too large (at most 1G)");
	ERR1("dns-cache-size 4X\n",
	    "t.conf:3: dns-cache-size: \"4X\" is invalid (at most 1G)");
	ERR1("dns-cache-size M\n",
	    "t.conf:3: dns-cache-size: \"M\" is invalid (at most 1G)");

	/* prefix */
	ERR1("prefix 7\n", "t.conf:3: prefix: IPv4 length 7 is too short: "
	    "each sender would whitelist 2^25 addresses (8-32 allowed)");
	ERR1("prefix 0 64\n", "t.conf:3: prefix: IPv4 length 0 is too short: "
	    "each sender would whitelist 2^32 addresses (8-32 allowed)");
	ERR1("prefix 24 15\n", "t.conf:3: prefix: IPv6 length 15 is too "
	    "short: each sender would whitelist 2^113 addresses (16-128 "
	    "allowed)");
	ERRS("prefix 4 8\n", "t.conf:3: prefix: IPv4 length 4 is too short: "
	    "each sender would whitelist 2^28 addresses (8-32 allowed)",
	    "t.conf:3: prefix: IPv6 length 8 is too short: each sender would "
	    "whitelist 2^120 addresses (16-128 allowed)");
	ERR1("prefix 33\n", "t.conf:3: prefix: \"33\" is too large");
	ERR1("prefix 32 129\n", "t.conf:3: prefix: \"129\" is too large");
	ERR1("prefix /24\n", "t.conf:3: prefix: \"/24\" is invalid");
	ERR1("prefix 32 64 48\n", "t.conf:3: prefix: trailing garbage \"48\"");
	OK("prefix 8 16\n");
	OK("prefix 32,128\n");

	/* paths */
	ERR1("state-file nolistd.state\n", "t.conf:3: state-file: "
	    "\"nolistd.state\" is not an absolute path");
	ERR1("state-file \"\"\n", "t.conf:3: state-file: empty value");
	ERR1("stats-file stats\n",
	    "t.conf:3: stats-file: \"stats\" is not an absolute path");
	OK("stats-file \"\"\n");
	/* sun_path: 103 bytes fit with the NUL, 104 do not */
	{
		char	body[256], want[256], path[128];

		memset(path, 'a', sizeof(path));
		path[0] = '/';
		path[103] = '\0';
		snprintf(body, sizeof(body), "control-socket \"%s\"\n", path);
		OK(body);
		path[103] = 'a';
		path[104] = '\0';
		snprintf(body, sizeof(body), "control-socket %s\n", path);
		snprintf(want, sizeof(want), "t.conf:3: control-socket: "
		    "\"%s\" is longer than 103 bytes", path);
		ERR1(body, want);
	}
}

static void
test_errors_addresses(void)
{
	ERR1("fake-mx 192.0.2.300\n",
	    "t.conf:3: fake-mx: bad address \"192.0.2.300\"");
	ERR1("real-mx mx.example.com\n",
	    "t.conf:3: real-mx: bad address \"mx.example.com\"");
	ERR1("fake-mx 192.0.2.0/24\n", "t.conf:3: fake-mx: \"192.0.2.0/24\" "
	    "is a prefix, not a host address");
	ERR1("real-mx 2001:db8::/64\n", "t.conf:3: real-mx: \"2001:db8::/64\" "
	    "is a prefix, not a host address");
	ERR1("fake-mx 0.0.0.0\n",
	    "t.conf:3: fake-mx: unspecified address \"0.0.0.0\" cannot be "
	    "used");
	ERR1("real-mx ::\n",
	    "t.conf:3: real-mx: unspecified address \"::\" cannot be used");
	ERR1("fake-mx 224.0.0.1\n",
	    "t.conf:3: fake-mx: multicast address \"224.0.0.1\" cannot be "
	    "used");
	ERR1("fake-mx ff02::1\n",
	    "t.conf:3: fake-mx: multicast address \"ff02::1\" cannot be used");
	ERR1("real-mx 255.255.255.255\n", "t.conf:3: real-mx: broadcast "
	    "address \"255.255.255.255\" cannot be used");
	ERR1("real-mx ::ffff:192.0.2.9\n", "t.conf:3: real-mx: IPv4-mapped "
	    "address \"::ffff:192.0.2.9\" cannot be used");
	ERR1("resolver ::\n",
	    "t.conf:3: resolver: unspecified address \"::\" cannot be used");
	ERR1("resolver 192.0.2.53/32\n", "t.conf:3: resolver: "
	    "\"192.0.2.53/32\" is a prefix, not a host address");
	/* the same address in another spelling is still the same */
	ERR1("fake-mx 2001:db8::1\nfake-mx 2001:DB8:0::1\n",
	    "t.conf:4: fake-mx: 2001:DB8:0::1 given twice (first on line 3)");
	ERR1("fake-mx 192.0.2.1\n",
	    "t.conf:3: fake-mx: 192.0.2.1 given twice (first on line 1)");
	ERR1("resolver 192.0.2.53 192.0.2.53\n",
	    "t.conf:3: resolver: 192.0.2.53 given twice (first on line 3)");
	/* a real-mx that is a fake-mx, whichever comes first */
	ERR1("real-mx 192.0.2.1\n",
	    "t.conf:3: real-mx: 192.0.2.1 is also a fake-mx (line 1)");
	ERR1("fake-mx 192.0.2.8, 192.0.2.2\n",
	    "t.conf:3: fake-mx: 192.0.2.2 is also a real-mx (line 2)");
	ERR1("fake-mx 2001:db8::7\nreal-mx 192.0.2.7 2001:db8:0:0::7\n",
	    "t.conf:4: real-mx: 2001:db8:0:0::7 is also a fake-mx (line 3)");
	/* too many: reported once a line */
	ERR1("fake-mx 192.0.2.11 192.0.2.12 192.0.2.13 192.0.2.14 "
	    "192.0.2.15 192.0.2.16 192.0.2.17 192.0.2.18 192.0.2.19 "
	    "192.0.2.20 192.0.2.21 192.0.2.22 192.0.2.23 192.0.2.24 "
	    "192.0.2.25 192.0.2.26 192.0.2.27\n",
	    "t.conf:3: fake-mx: more than 16 addresses");
	ERRS("resolver 192.0.2.53 192.0.2.54 192.0.2.55 192.0.2.56\n"
	    "resolver 192.0.2.57\nresolver 192.0.2.58, 192.0.2.59\n",
	    "t.conf:4: resolver: more than 4 addresses",
	    "t.conf:5: resolver: more than 4 addresses");
	/* each bad address of a line is reported, the good ones kept */
	ERRS("real-mx 192.0.2.3 x 192.0.2.4 y\n",
	    "t.conf:3: real-mx: bad address \"x\"",
	    "t.conf:3: real-mx: bad address \"y\"");
}

static void
test_required(void)
{
	struct nl_config	cfg;
	struct msgs		m;

	T(parse("fake-mx 192.0.2.1\nport 25\n", &cfg, &m) == 1);
	T_STR(m.m[0], "t.conf:2: no real-mx given");
	T(parse("real-mx 192.0.2.1\nport 25\n\n", &cfg, &m) == 1);
	T_STR(m.m[0], "t.conf:3: no fake-mx given");
	/* a bad fake-mx is its own error, not also a missing one */
	T(parse("fake-mx x\nreal-mx 192.0.2.1\n", &cfg, &m) == 1);
	T_STR(m.m[0], "t.conf:1: fake-mx: bad address \"x\"");
	T(parse("fake-mx\nreal-mx 192.0.2.1\n", &cfg, &m) == 1);
	T_STR(m.m[0], "t.conf:1: fake-mx: missing argument");
}

static void
test_errors_table(void)
{
	ERR1("backend pf\ntable \"a/b c\"\n",
	    "t.conf:4: table: bad character in pf table name \"b c\"");
	ERR1("table \"inet nolistd mx_white\"\nport 25\nbackend pf\n",
	    "t.conf:5: backend pf: table on line 3: bad character in pf "
	    "table name \"inet nolistd mx_white\"");
	ERR1("backend nft\ntable \"nolistd/mx-white\"\n", "t.conf:4: table: "
	    "nft table needs three words: \"family table set-prefix\"");
	ERR1("backend print\ntable \"\"\n", "t.conf:4: table: empty value");
	ERR1("table a\ntable b\n", "t.conf:4: table given twice (first on "
	    "line 3)");
	/* without a backend in the file, the daemon checks it later */
	OK("table \"any thing at all\"\n");
	OK("backend print\ntable \"any thing at all\"\n");
	OK("backend nft\ntable \"inet nolistd mx_white\"\n");
	OK("table \"nolistd/mx-white\"\nbackend pf\n");
}

static void
test_order(void)
{
	static const char	text[] =
	    "interface pflog0\n"		/* 1 */
	    "bogus\n"				/* 2 */
	    "fake-mx 192.0.2.1 nope\n"		/* 3 */
	    "port 99999\n"			/* 4 */
	    "\n"				/* 5 */
	    "interface pflog1\n"		/* 6 */
	    "whitelist-time 0\n"		/* 7 */
	    "table \"x y\"\n"			/* 8 */
	    "user \"abc\n"			/* 9 */
	    "backend pf\n"			/* 10 */
	    "prefix 1 1\n"			/* 11 */
	    "# end\n";				/* 12 */
	struct nl_config	cfg;
	struct msgs		m;
	static const char *const want[] = {
		"t.conf:2: unknown keyword \"bogus\"",
		"t.conf:3: fake-mx: bad address \"nope\"",
		"t.conf:4: port: \"99999\" is too large",
		"t.conf:6: interface given twice (first on line 1)",
		"t.conf:7: whitelist-time: \"0\" is too small",
		"t.conf:9: unterminated quote",
		"t.conf:10: backend pf: table on line 8: bad character in pf "
		    "table name \"x y\"",
		"t.conf:11: prefix: IPv4 length 1 is too short: each sender "
		    "would whitelist 2^31 addresses (8-32 allowed)",
		"t.conf:11: prefix: IPv6 length 1 is too short: each sender "
		    "would whitelist 2^127 addresses (16-128 allowed)",
		"t.conf:12: no real-mx given",
	};
	size_t			i, n = sizeof(want) / sizeof(want[0]);

	T(parse(text, &cfg, &m) == (int)n && m.n == (int)n);
	for (i = 0; i < n && i < (size_t)m.n; i++)
		T_STR(m.m[i], want[i]);
}

static void
test_lookups(void)
{
	struct nl_config	cfg;
	struct nl_addr		a, b;
	struct msgs		m;

	T(parse("fake-mx 192.0.2.1 2001:db8::1\n"
	    "real-mx 192.0.2.2, 2001:db8::2\n", &cfg, &m) == 0);
	a = addr("192.0.2.1");
	T(nl_config_is_fake_mx(&cfg, &a) && !nl_config_is_real_mx(&cfg, &a));
	a = addr("192.0.2.2");
	T(!nl_config_is_fake_mx(&cfg, &a) && nl_config_is_real_mx(&cfg, &a));
	a = addr("2001:db8::1");
	T(nl_config_is_fake_mx(&cfg, &a) && !nl_config_is_real_mx(&cfg, &a));
	a = addr("2001:db8::2");
	T(nl_config_is_real_mx(&cfg, &a));
	a = addr("192.0.2.3");
	T(!nl_config_is_fake_mx(&cfg, &a) && !nl_config_is_real_mx(&cfg, &a));
	/* same leading bytes, other family */
	memset(&b, 0, sizeof(b));
	b.af = NL_AF6;
	b.a[0] = 192;
	b.a[1] = 0;
	b.a[2] = 2;
	b.a[3] = 1;
	T(!nl_config_is_fake_mx(&cfg, &b));
	b.af = 0;
	T(!nl_config_is_fake_mx(&cfg, &b));

	T_STR(nl_backend_name(NL_BACKEND_PF), "pf");
	T_STR(nl_backend_name(NL_BACKEND_NFT), "nft");
	T_STR(nl_backend_name(NL_BACKEND_PRINT), "print");
	T_STR(nl_backend_name(3), "unknown");
	T_STR(nl_backend_name(-1), "unknown");
	T(nl_backend_parse("pf") == NL_BACKEND_PF);
	T(nl_backend_parse("nft") == NL_BACKEND_NFT);
	T(nl_backend_parse("print") == NL_BACKEND_PRINT);
	T(nl_backend_parse("PF") == -1);
	T_STR(nl_expand_name(NL_EXPAND_NONE), "none");
	T_STR(nl_expand_name(NL_EXPAND_FCRDNS), "fcrdns");
	T_STR(nl_expand_name(NL_EXPAND_POOL), "pool");
	T_STR(nl_expand_name(9), "unknown");

	/* nl_config_add_port keeps the map in step, and stops at the end */
	nl_config_defaults(&cfg);
	T(nl_config_add_port(&cfg, 0) == 0 && nl_config_port_watched(&cfg, 0));
	T(nl_config_add_port(&cfg, 65535) == 0);
	T(nl_config_port_watched(&cfg, 65535) && !nl_config_port_watched(&cfg,
	    65534));
	while (cfg.nports < NL_MAXPORTS)
		nl_config_add_port(&cfg, 1000 + cfg.nports);
	T(nl_config_add_port(&cfg, 2000) == -1);
	T(!nl_config_port_watched(&cfg, 2000));
}

/* a new parse starts from the defaults, whatever the struct held */
static void
test_reparse(void)
{
	struct nl_config	cfg;
	struct msgs		m;

	T(parse("fake-mx 192.0.2.1\nreal-mx 192.0.2.2\nport 587\n"
	    "backend print\ntable t\nresolver 192.0.2.53\n", &cfg, &m) == 0);
	T(nl_config_port_watched(&cfg, 587));
	T(parse(base, &cfg, &m) == 0);
	T(!nl_config_port_watched(&cfg, 587) && nl_config_port_watched(&cfg,
	    25));
	T(cfg.nports == 1 && cfg.nresolvers == 0 && cfg.table[0] == '\0');
	T(!cfg.backend_given);
}

static void
write_file(const char *path, const char *text, size_t len)
{
	FILE	*fp;

	if ((fp = fopen(path, "w")) == NULL ||
	    fwrite(text, 1, len, fp) != len || fclose(fp) != 0) {
		perror(path);
		exit(1);
	}
}

static void
test_file(void)
{
	static const char	text[] =
	    "fake-mx 192.0.2.1\nreal-mx 192.0.2.2\n"
	    "user a\0b\nport 587\r\nbogus";
	struct nl_config	cfg;
	struct msgs		m;
	char			path[] = "/tmp/test_config.XXXXXX", want[128];
	char			sample[4096], buf[2 * NL_CONFIG_MAXLINE];
	const char		*srcdir;
	int			fd;
	size_t			n;

	if ((fd = mkstemp(path)) == -1) {
		perror("mkstemp");
		exit(1);
	}
	close(fd);
	write_file(path, text, sizeof(text) - 1);
	memset(&m, 0, sizeof(m));
	T(nl_config_parse_file(path, &cfg, collect, &m) == 2 && m.n == 2);
	snprintf(want, sizeof(want), "%s:3: NUL byte in line", path);
	T_STR(m.m[0], want);
	snprintf(want, sizeof(want), "%s:5: unknown keyword \"bogus\"", path);
	T_STR(m.m[1], want);
	T(cfg.nports == 1 && cfg.ports[0] == 587);

	/* the line limit is the same as for a buffer */
	n = snprintf(buf, sizeof(buf), "%s", base);
	memset(buf + n, '#', NL_CONFIG_MAXLINE);
	buf[n + NL_CONFIG_MAXLINE] = '\n';
	write_file(path, buf, n + NL_CONFIG_MAXLINE + 1);
	memset(&m, 0, sizeof(m));
	T(nl_config_parse_file(path, &cfg, collect, &m) == 0);
	buf[n + NL_CONFIG_MAXLINE] = '#';
	memcpy(buf + n + NL_CONFIG_MAXLINE + 1, "\nbogus\n", 7);
	write_file(path, buf, n + NL_CONFIG_MAXLINE + 8);
	memset(&m, 0, sizeof(m));
	T(nl_config_parse_file(path, &cfg, collect, &m) == 2);
	snprintf(want, sizeof(want), "%s:3: line too long (more than 1024 "
	    "bytes)", path);
	T_STR(m.m[0], want);
	/* and at the end of a file without a newline */
	write_file(path, buf, n + NL_CONFIG_MAXLINE + 1);
	memset(&m, 0, sizeof(m));
	T(nl_config_parse_file(path, &cfg, collect, &m) == 1);
	T_STR(m.m[0], want);
	write_file(path, "", 0);
	memset(&m, 0, sizeof(m));
	T(nl_config_parse_file(path, &cfg, collect, &m) == 2);
	snprintf(want, sizeof(want), "%s:0: no fake-mx given", path);
	T_STR(m.m[0], want);
	unlink(path);

	memset(&m, 0, sizeof(m));
	T(nl_config_parse_file(path, &cfg, collect, &m) == -1 && m.n == 1);
	snprintf(want, sizeof(want), "%s: %s", path, strerror(ENOENT));
	T_STR(m.m[0], want);
	memset(&m, 0, sizeof(m));
	T(nl_config_parse_file("/", &cfg, collect, &m) == -1 && m.n == 1);
	snprintf(want, sizeof(want), "/: %s", strerror(EISDIR));
	T_STR(m.m[0], want);
	memset(&m, 0, sizeof(m));
	T(nl_config_parse_file("/dev/zero", &cfg, collect, &m) == -1);
	T_STR(m.m[0], "/dev/zero: not a regular file");

	/* the sample files in regress/configs */
	if ((srcdir = getenv("SRCDIR")) == NULL)
		srcdir = ".";
	snprintf(sample, sizeof(sample), "%s/regress/configs/full.conf",
	    srcdir);
	memset(&m, 0, sizeof(m));
	T(nl_config_parse_file(sample, &cfg, collect, &m) == 0);
	if (m.n > 0)
		fprintf(stderr, "%s\n", m.m[0]);
	T(cfg.nfake_mx == 2 && cfg.nreal_mx == 2 && cfg.nports == 2);
	T(cfg.backend == NL_BACKEND_NFT && cfg.expand == NL_EXPAND_POOL);
	T(cfg.prefix4 == 32 && cfg.prefix6 == 64);
	snprintf(sample, sizeof(sample), "%s/regress/configs/errors.conf",
	    srcdir);
	memset(&m, 0, sizeof(m));
	T(nl_config_parse_file(sample, &cfg, collect, &m) == 7 && m.n == 7);
	n = strlen(sample);
	T(m.n > 0 && strncmp(m.m[0], sample, n) == 0);
	T_STR(m.m[0] + n, ":3: unknown keyword \"fake_mx\"");
	T_STR(m.m[1] + n, ":4: real-mx: bad address \"192.0.2.256\"");
	T_STR(m.m[2] + n, ":6: port: 25 given twice (first on line 5)");
	T_STR(m.m[3] + n, ":8: table: bad character in pf table name "
	    "\"inet nolistd mx_white\"");
	T_STR(m.m[4] + n, ":10: whitelist-time given twice (first on line 9)");
	T_STR(m.m[5] + n, ":12: prefix: IPv4 length 4 is too short: each "
	    "sender would whitelist 2^28 addresses (8-32 allowed)");
	T_STR(m.m[6] + n, ":13: no fake-mx given");
}

/* the privilege separation's keywords: state-interval, chroot, pidfile */
static void
test_privsep(void)
{
	static struct nl_config	cfg;
	static struct msgs	m;
	static char		text[1024];

	T(parse(base, &cfg, &m) == 0);
	T(cfg.state_interval == 60);
	T_STR(cfg.chroot, "");
	T_STR(cfg.pidfile, "/var/run/nolistd.pid");
	snprintf(text, sizeof(text), "%sstate-interval 2s\nchroot /var/empty\n"
	    "pidfile \"/tmp/n.pid\"\n", base);
	T(parse(text, &cfg, &m) == 0 && m.n == 0);
	T(cfg.state_interval == 2);
	T_STR(cfg.chroot, "/var/empty");
	T_STR(cfg.pidfile, "/tmp/n.pid");
	snprintf(text, sizeof(text), "%sstate-interval 5m\n", base);
	T(parse(text, &cfg, &m) == 0 && cfg.state_interval == 300);
	ERR1("state-interval 0s\n",
	    "t.conf:3: state-interval: \"0s\" is too small");
	ERR1("state-interval soon\n", "t.conf:3: state-interval: bad "
	    "duration \"soon\" (a number with s, m, h or d)");
	snprintf(text, sizeof(text), "%schroot none\n", base);
	T(parse(text, &cfg, &m) == 0 && m.n == 0);
	T_STR(cfg.chroot, NL_CHROOT_NONE);
	ERR1("chroot empty\n",
	    "t.conf:3: chroot: \"empty\" is not an absolute path");
	ERR1("pidfile run/n.pid\n",
	    "t.conf:3: pidfile: \"run/n.pid\" is not an absolute path");
	ERR1("chroot /a /b\n", "t.conf:3: chroot: trailing garbage \"/b\"");
}

static void
test_spf_walk(void)
{
	static struct nl_config	cfg;
	static struct msgs	m;
	char			text[4096];
	int			i, n;

	T(parse("fake-mx 192.0.2.1\nreal-mx 192.0.2.2\n"
	    "spf-walk _spf.Example.COM. example.net\n"
	    "spf-walk example.org\n", &cfg, &m) == 0);
	T(cfg.nspf_walk == 3);
	T_STR(cfg.spf_walk[0], "_spf.example.com");
	T_STR(cfg.spf_walk[1], "example.net");
	T_STR(cfg.spf_walk[2], "example.org");
	nl_config_defaults(&cfg);
	T(cfg.nspf_walk == 0);
	ERR1("spf-walk example\n", "t.conf:3: spf-walk: \"example\" is not a "
	    "domain name");
	ERR1("spf-walk bad..name\n", "t.conf:3: spf-walk: \"bad..name\" is "
	    "not a domain name");
	ERR1("spf-walk example.com example.com\n", "t.conf:3: spf-walk: "
	    "example.com given twice");
	n = snprintf(text, sizeof(text), "%s", base);
	for (i = 0; i <= NL_MAXSPFWALK; i++)
		n += snprintf(text + n, sizeof(text) - n, "spf-walk d%d.example\n",
		    i);
	T(parse(text, &cfg, &m) == 1);
	T(cfg.nspf_walk == NL_MAXSPFWALK);
	T(strstr(m.m[0], "more than 32 domains") != NULL);
}

int
main(void)
{
	test_defaults();
	test_spf_walk();
	test_full();
	test_lists();
	test_durations();
	test_syntax();
	test_empty();
	test_errors_lexical();
	test_nul();
	test_errors_statements();
	test_errors_addresses();
	test_required();
	test_errors_table();
	test_order();
	test_lookups();
	test_reparse();
	test_file();
	test_privsep();
	return t_done();
}
