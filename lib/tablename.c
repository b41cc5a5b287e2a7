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
 * The firewall table's name, a grammar apart from the statements': pf's
 * "[ANCHOR/]TABLE" and nft's "FAMILY TABLE SET-PREFIX". The checks
 * take what the kernels and the rulesets' own parsers take, so that a
 * bad name fails when the file is read, not when the table is used.
 */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "tablename.h"

/* names that pfctl accepts in a table or anchor path without quoting */
static int
pf_name_ok(const char *s, size_t n)
{
	static const char	ok[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.";
	size_t			i;

	for (i = 0; i < n; i++)
		if (s[i] == '\0' || strchr(ok, s[i]) == NULL)
			return 0;
	return 1;
}

static int
check_pf_anchor(const char *path, size_t len, char *err, size_t errlen)
{
	const char	*name, *slash, *end = path + len;
	size_t		 n;

	for (name = path; name <= end; name = slash + 1) {
		if ((slash = memchr(name, '/', end - name)) == NULL)
			slash = end;
		n = slash - name;
		if (n == 0) {
			snprintf(err, errlen, "empty pf anchor name");
			return -1;
		}
		if (n >= NL_PF_ANCHOR_SIZE) {
			snprintf(err, errlen, "pf anchor name \"%.*s\" is "
			    "longer than %d bytes", (int)n, name,
			    NL_PF_ANCHOR_SIZE - 1);
			return -1;
		}
		if (!pf_name_ok(name, n)) {
			snprintf(err, errlen, "bad character in pf anchor "
			    "name \"%.*s\"", (int)n, name);
			return -1;
		}
		/* pfctl -a refuses them: they are the unnamed anchors */
		if (name[0] == '_') {
			snprintf(err, errlen, "pf anchor names beginning with "
			    "\"_\" are reserved");
			return -1;
		}
	}
	return 0;
}

/* "[anchor/]table": the table name is what follows the last slash */
static int
check_pf_table(const char *table, char *err, size_t errlen)
{
	const char	*name;
	size_t		 n;

	if ((name = strrchr(table, '/')) != NULL) {
		if (check_pf_anchor(table, name - table, err, errlen) == -1)
			return -1;
		name++;
	} else
		name = table;
	n = strlen(name);
	if (n == 0) {
		snprintf(err, errlen, "empty pf table name");
		return -1;
	}
	if (n >= NL_PF_TABLE_SIZE) {
		snprintf(err, errlen, "pf table name \"%s\" is longer than %d "
		    "bytes", name, NL_PF_TABLE_SIZE - 1);
		return -1;
	}
	if (!pf_name_ok(name, n)) {
		snprintf(err, errlen, "bad character in pf table name \"%s\"",
		    name);
		return -1;
	}
	return 0;
}

/* nft(8)'s unquoted identifier: what a ruleset can name without quotes */
static int
nft_identifier(const char *s, size_t n)
{
	static const char	 alpha[] =
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
	size_t			 i;

	if (strchr(alpha, s[0]) == NULL && s[0] != '_' && s[0] != '.')
		return 0;
	for (i = 1; i < n; i++)
		if (strchr(alpha, s[i]) == NULL &&
		    strchr("0123456789/-_.", s[i]) == NULL)
			return 0;
	return 1;
}

static int
copy_word(const char **sp, char *dst, size_t size)
{
	const char	*s = *sp + strspn(*sp, " \t");
	size_t		 n = strcspn(s, " \t");

	if (n == 0 || n >= size)
		return -1;
	memcpy(dst, s, n);
	dst[n] = '\0';
	*sp = s + n;
	return 0;
}

/*
 * Splits "FAMILY TABLE SETPREFIX" into its words; -1 unless there are
 * exactly three that fit.
 */
int
nl_table_nft_split(const char *table, char *family, size_t familylen,
    char *name, size_t namelen, char *setprefix, size_t setlen)
{
	const char	*s = table;

	if (copy_word(&s, family, familylen) == -1 ||
	    copy_word(&s, name, namelen) == -1 ||
	    copy_word(&s, setprefix, setlen) == -1)
		return -1;
	s += strspn(s, " \t");
	return *s == '\0' ? 0 : -1;
}

static int
check_nft_table(const char *table, char *err, size_t errlen)
{
	const char	*word[4], *s = table;
	size_t		 len[4];
	int		 n;

	/* in place, so that any length gets the right message */
	for (n = 0; n < 4; n++) {
		s += strspn(s, " \t");
		if (*s == '\0')
			break;
		word[n] = s;
		len[n] = strcspn(s, " \t");
		s += len[n];
	}
	if (n != 3) {
		snprintf(err, errlen, "nft table needs three words: \"family "
		    "table set-prefix\"");
		return -1;
	}
	if ((len[0] != 2 || strncmp(word[0], "ip", 2) != 0) &&
	    (len[0] != 3 || strncmp(word[0], "ip6", 3) != 0) &&
	    (len[0] != 4 || strncmp(word[0], "inet", 4) != 0)) {
		snprintf(err, errlen, "nft family \"%.*s\" is not ip, ip6 or "
		    "inet", (int)len[0], word[0]);
		return -1;
	}
	if (!nft_identifier(word[1], len[1])) {
		snprintf(err, errlen, "nft table name \"%.*s\" is not an nft "
		    "identifier", (int)len[1], word[1]);
		return -1;
	}
	if (len[1] >= NL_NFT_NAMELEN) {
		snprintf(err, errlen, "nft table name is longer than %d bytes",
		    NL_NFT_NAMELEN - 1);
		return -1;
	}
	if (!nft_identifier(word[2], len[2])) {
		snprintf(err, errlen, "nft set prefix \"%.*s\" is not an nft "
		    "identifier", (int)len[2], word[2]);
		return -1;
	}
	/* the sets are SETPREFIX4 and SETPREFIX6 */
	if (len[2] + 1 >= NL_NFT_NAMELEN) {
		snprintf(err, errlen, "nft set prefix is longer than %d bytes",
		    NL_NFT_NAMELEN - 2);
		return -1;
	}
	return 0;
}

int
nl_table_check(const char *table, int backend, char *err,
    size_t errlen)
{
	switch (backend) {
	case NL_BACKEND_PF:
		return check_pf_table(table, err, errlen);
	case NL_BACKEND_NFT:
		return check_nft_table(table, err, errlen);
	case NL_BACKEND_PRINT:
		if (*table == '\0') {
			snprintf(err, errlen, "empty table name");
			return -1;
		}
		return 0;
	}
	snprintf(err, errlen, "unknown backend %d", backend);
	return -1;
}

const char *
nl_table_default(int backend)
{
	return backend == NL_BACKEND_NFT ? "inet nolistd mx_white" :
	    "nolistd/mx-white";
}

static int
pf_component_ok(const char *s, size_t len)
{
	return len > 0 && len < NL_PF_ANCHOR_SIZE &&
	    memchr(s, '\0', len) == NULL;
}

/*
 * "[anchor/]name": the anchor is everything before the last '/'. Each
 * anchor component must fit PF_ANCHOR_NAME_SIZE and the whole path
 * pfrt_anchor; the name must fit pfrt_name.
 */
int
nl_table_pf_split(const char *spec, char *anchor, size_t alen, char *name,
    size_t nlen, char *errbuf, size_t errlen)
{
	const char	*slash, *p, *next;
	size_t		 namelen, anchorlen;

	slash = strrchr(spec, '/');
	p = slash == NULL ? spec : slash + 1;
	namelen = strlen(p);
	anchorlen = slash == NULL ? 0 : (size_t)(slash - spec);
	if (namelen == 0) {
		snprintf(errbuf, errlen, "table \"%s\": no table name", spec);
		return -1;
	}
	if (namelen >= NL_PF_TABLE_SIZE || namelen >= nlen) {
		snprintf(errbuf, errlen, "table \"%s\": name longer than %d "
		    "bytes", spec, NL_PF_TABLE_SIZE - 1);
		return -1;
	}
	if (slash != NULL && (anchorlen >= NL_PF_PATH_SIZE ||
	    anchorlen >= alen)) {
		snprintf(errbuf, errlen, "table \"%s\": anchor longer than %d "
		    "bytes", spec, NL_PF_PATH_SIZE - 1);
		return -1;
	}
	for (p = spec; slash != NULL && p <= slash; p = next + 1) {
		next = memchr(p, '/', (size_t)(slash - p) + 1);
		if (!pf_component_ok(p, (size_t)(next - p))) {
			snprintf(errbuf, errlen, "table \"%s\": anchor "
			    "components must be 1 to %d bytes", spec,
			    NL_PF_ANCHOR_SIZE - 1);
			return -1;
		}
	}
	memcpy(anchor, spec, anchorlen);
	anchor[anchorlen] = '\0';
	memcpy(name, spec + (slash == NULL ? 0 : anchorlen + 1), namelen + 1);
	return 0;
}

/*
 * The static table beside the whitelist table: the same pf anchor or
 * nft table, named as the shipped rulesets name it (<mx-static>,
 * mx_static4 and mx_static6); -1 when the whitelist table's name does
 * not split.
 */
int
nl_table_static(const char *table, int backend, char *buf, size_t len)
{
	char	a[NL_PF_PATH_SIZE], n[NL_NFT_NAMELEN], f[NL_NFT_NAMELEN];
	char	err[128];
	int	r;

	if (backend == NL_BACKEND_NFT) {
		if (nl_table_nft_split(table, f, sizeof(f), n, sizeof(n), a,
		    sizeof(a)) == -1)
			return -1;
		r = snprintf(buf, len, "%s %s mx_static", f, n);
	} else if (backend == NL_BACKEND_PF) {
		if (nl_table_pf_split(table, a, sizeof(a), n, sizeof(n), err,
		    sizeof(err)) == -1)
			return -1;
		r = snprintf(buf, len, "%s%smx-static", a, a[0] ? "/" : "");
	} else
		r = snprintf(buf, len, "mx-static");
	return r < 0 || (size_t)r >= len ? -1 : 0;
}
