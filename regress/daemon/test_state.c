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
 * daemon/state.c: what state_write writes, state_read reads back, entry
 * for entry; damaged lines (a NUL byte among them) are reported with
 * their number and skipped; expiries past the limit are shortened; a
 * file of another version is refused.
 */
#include <sys/stat.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "addr.h"
#include "change.h"
#include "state.h"
#include "t.h"

struct got {
	struct nl_wl_item	it[16];
	int			n;
	char			err[16][256];
	int			nerr;
};

static void
got_entry(void *arg, const struct nl_wl_item *it)
{
	struct got	*g = arg;

	if (g->n < 16)
		g->it[g->n] = *it;
	g->n++;
}

static void
got_err(void *arg, const char *msg)
{
	struct got	*g = arg;

	if (g->nerr < 16)
		snprintf(g->err[g->nerr], sizeof(g->err[0]), "%s", msg);
	g->nerr++;
}

static void
put(struct nl_wl *wl, const char *prefix, uint32_t exp, int reason)
{
	struct nl_wl_item	it;
	int			plen;

	memset(&it, 0, sizeof(it));
	if (nl_prefix_parse(prefix, &it.addr, &plen) == -1)
		abort();
	it.plen = plen;
	it.expires = exp;
	it.reason = reason;
	if (nl_wl_put(wl, &it, NULL) == -1)
		abort();
}

static void
write_file(const char *path, const char *text)
{
	FILE	*fp = fopen(path, "w");

	if (fp == NULL)
		abort();
	fputs(text, fp);
	fclose(fp);
}

static void
test_roundtrip(const char *dir)
{
	struct nl_wl		*wl = nl_wl_new(8);
	struct nl_wl_item	 it;
	static struct got	 g;
	char			 path[PATH_MAX], errbuf[512];
	struct stat		 sb;
	int			 i;

	snprintf(path, sizeof(path), "%s/s", dir);
	put(wl, "198.51.100.10/32", 1735370000, NL_REASON_FAKEMX);
	put(wl, "2001:db8:100::/64", 1735370001, NL_REASON_POOL);
	put(wl, "203.0.113.0/24", 4000000000U, NL_REASON_MANUAL);
	T(state_write(path, wl, 0, errbuf, sizeof(errbuf)) == 0);
	T(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600);
	T(state_read(path, UINT32_MAX, got_entry, &g, got_err, &g) == 0);
	T(g.n == 3 && g.nerr == 0);
	for (i = 0; i < g.n && i < 3; i++) {
		T(nl_wl_get(wl, &g.it[i].addr, g.it[i].plen, &it) == 0);
		T(it.expires == g.it[i].expires && it.reason == g.it[i].reason);
	}
	/* the daemon clock's expiries go out as the wall clock's */
	T(state_write(path, wl, -3600, errbuf, sizeof(errbuf)) == 0);
	memset(&g, 0, sizeof(g));
	T(state_read(path, UINT32_MAX, got_entry, &g, got_err, &g) == 0);
	T(g.n == 3 && g.nerr == 0);
	for (i = 0; i < g.n && i < 3; i++) {
		T(nl_wl_get(wl, &g.it[i].addr, g.it[i].plen, &it) == 0);
		T(it.expires - 3600 == g.it[i].expires);
	}
	/* an empty whitelist is a valid, empty file */
	nl_wl_free(wl);
	wl = nl_wl_new(1);
	T(state_write(path, wl, 0, errbuf, sizeof(errbuf)) == 0);
	memset(&g, 0, sizeof(g));
	T(state_read(path, UINT32_MAX, got_entry, &g, got_err, &g) == 0 && g.n == 0 &&
	    g.nerr == 0);
	nl_wl_free(wl);
	/* a directory that is not there: an error, no file */
	snprintf(path, sizeof(path), "%s/nodir/s", dir);
	wl = nl_wl_new(1);
	T(state_write(path, wl, 0, errbuf, sizeof(errbuf)) == -1);
	nl_wl_free(wl);
}

static void
test_damage(const char *dir)
{
	static struct got	g;
	static char		text[4096];
	char			path[256], want[512], longline[300];

	snprintf(path, sizeof(path), "%s/d", dir);
	memset(longline, 'x', sizeof(longline) - 1);
	longline[sizeof(longline) - 1] = '\0';
	snprintf(text, sizeof(text), "# nolistd state 1\n"
	    "198.51.100.10/32 1735370000 fake-mx\n"	/* 2 good */
	    "198.51.100.11 1735370000 fake-mx\n"	/* 3 no length */
	    "198.51.100.12/32 soon fake-mx\n"		/* 4 */
	    "198.51.100.13/32 1735370000 nice\n"	/* 5 */
	    "198.51.100.14/33 1735370000 fake-mx\n"	/* 6 */
	    "0.0.0.0/0 1735370000 fake-mx\n"		/* 7 everyone */
	    "%s\n"					/* 8 too long */
	    "198.51.100.15/32  1735370000 fake-mx\n"	/* 9 two spaces */
	    "198.51.100.16/32 1735370000 fake-mx x\n"	/* 10 */
	    "2001:db8::/64 1735370002 renew\n"		/* 11 good */
	    "198.51.100.17/32 1735370000", longline);	/* 12 no newline */
	write_file(path, text);
	memset(&g, 0, sizeof(g));
	T(state_read(path, UINT32_MAX, got_entry, &g, got_err, &g) == 0);
	T(g.n == 2);
	T(g.it[0].plen == 32 && g.it[0].expires == 1735370000 &&
	    g.it[0].reason == NL_REASON_FAKEMX);
	T(g.it[1].plen == 64 && g.it[1].addr.af == NL_AF6 &&
	    g.it[1].reason == NL_REASON_RENEW);
	T(g.nerr == 9);
	snprintf(want, sizeof(want), "%s:3: bad entry; skipped", path);
	T_STR(g.err[0], want);
	snprintf(want, sizeof(want), "%s:8: line too long or unterminated; "
	    "skipped", path);
	T_STR(g.err[5], want);
	snprintf(want, sizeof(want), "%s:12: line too long or unterminated; "
	    "skipped", path);
	T_STR(g.err[8], want);

	write_file(path, "# nolistd state 2\n198.51.100.10/32 1 fake-mx\n");
	memset(&g, 0, sizeof(g));
	T(state_read(path, UINT32_MAX, got_entry, &g, got_err, &g) == 0);
	T(g.n == 0 && g.nerr == 1);
	write_file(path, "");
	memset(&g, 0, sizeof(g));
	T(state_read(path, UINT32_MAX, got_entry, &g, got_err, &g) == 0 && g.n == 0);
	snprintf(path, sizeof(path), "%s/none", dir);
	T(state_read(path, UINT32_MAX, got_entry, &g, got_err, &g) == -1);
}

/*
 * A NUL byte inside a line is reported with that line's number, and the
 * next line still counts: fgets(3) took the NUL for the line's end and
 * the rest of the line for the rest of an overlong one.
 */
static void
test_nul(const char *dir)
{
	static const char	text[] = "# nolistd state 1\n"
	    "198.51.100.10/32 1735370000 fake-mx\n"	/* 2 good */
	    "198.51.100.11/32\0 1735370000 fake-mx\n"	/* 3 NUL */
	    "198.51.100.12/32 1735370000 fake-mx\n"	/* 4 good */
	    "\0\n"					/* 5 NUL alone */
	    "198.51.100.13/32 1735370000 fake-mx\n";	/* 6 good */
	static struct got	g;
	char			path[256], want[512];
	FILE			*fp;

	snprintf(path, sizeof(path), "%s/nul", dir);
	if ((fp = fopen(path, "w")) == NULL)
		abort();
	fwrite(text, 1, sizeof(text) - 1, fp);
	fclose(fp);
	memset(&g, 0, sizeof(g));
	T(state_read(path, UINT32_MAX, got_entry, &g, got_err, &g) == 0);
	T(g.n == 3 && g.nerr == 2);
	T(g.it[1].addr.a[3] == 12 && g.it[2].addr.a[3] == 13);
	snprintf(want, sizeof(want), "%s:3: NUL byte in the line; skipped",
	    path);
	T_STR(g.err[0], want);
	snprintf(want, sizeof(want), "%s:5: NUL byte in the line; skipped",
	    path);
	T_STR(g.err[1], want);
}

/* an expiry past now + whitelist-time is shortened to it, and said once */
static void
test_clamp(const char *dir)
{
	static struct got	g;
	char			path[256], want[512];

	snprintf(path, sizeof(path), "%s/far", dir);
	write_file(path, "# nolistd state 1\n"
	    "198.51.100.10/32 4294967295 manual\n"
	    "198.51.100.11/32 1735370000 fake-mx\n"
	    "198.51.100.12/32 1735370001 fake-mx\n"
	    "198.51.100.13/32 1735370002 fake-mx\n");
	memset(&g, 0, sizeof(g));
	T(state_read(path, 1735370001, got_entry, &g, got_err, &g) == 0);
	T(g.n == 4 && g.nerr == 1);
	T(g.it[0].expires == 1735370001 && g.it[1].expires == 1735370000 &&
	    g.it[2].expires == 1735370001 && g.it[3].expires == 1735370001);
	snprintf(want, sizeof(want), "%s: 2 entries expire later than "
	    "whitelist-time allows: shortened", path);
	T_STR(g.err[0], want);
}

int
main(void)
{
	char	dir[] = "/tmp/test_state.XXXXXX";
	char	cmd[64];

	if (mkdtemp(dir) == NULL)
		abort();
	test_roundtrip(dir);
	test_damage(dir);
	test_nul(dir);
	test_clamp(dir);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	return t_done();
}
