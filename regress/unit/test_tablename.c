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
 * The firewall table's name (lib/tablename.c): what the parser accepts
 * for each backend, with its messages, and the splits the backends use.
 */
#include <stdio.h>
#include <string.h>

#include "compat.h"
#include "config.h"
#include "t.h"
#include "tablename.h"

static void
test_check_table(void)
{
	static const char *const pf_ok[] = {
		"mx-white", "nolistd/mx-white", "a/b/c/t_1.x",
		"0123456789012345678901234567890",
		/* a 63-byte anchor name */
		("a123456789012345678901234567890123456789012345678901234567890"
		    "12/t"),
	};
	static const struct {
		const char	*table;
		const char	*err;
	} pf_bad[] = {
		{ "", "empty pf table name" },
		{ "anchor/", "empty pf table name" },
		{ "/t", "empty pf anchor name" },
		{ "a//t", "empty pf anchor name" },
		{ "01234567890123456789012345678901",
		    "pf table name \"01234567890123456789012345678901\" is "
		    "longer than 31 bytes" },
		{ "t<x>", "bad character in pf table name \"t<x>\"" },
		{ "a b/t", "bad character in pf anchor name \"a b\"" },
		{ "_a/t", "pf anchor names beginning with \"_\" are reserved" },
		{ "a/_b/t",
		    "pf anchor names beginning with \"_\" are reserved" },
	};
	static const char *const nft_ok[] = {
		"inet nolistd mx_white", "ip t s", "ip6 _t .s",
		"  inet\tfilter  mx.white-1/x ",
	};
	static const struct {
		const char	*table;
		const char	*err;
	} nft_bad[] = {
		{ "", "nft table needs three words: \"family table "
		    "set-prefix\"" },
		{ "inet nolistd", "nft table needs three words: \"family "
		    "table set-prefix\"" },
		{ "inet a b c", "nft table needs three words: \"family table "
		    "set-prefix\"" },
		{ "bridge a b",
		    "nft family \"bridge\" is not ip, ip6 or inet" },
		{ "inet4 a b", "nft family \"inet4\" is not ip, ip6 or inet" },
		{ "i a b", "nft family \"i\" is not ip, ip6 or inet" },
		{ "inet 1t s", "nft table name \"1t\" is not an nft "
		    "identifier" },
		{ "inet t-\"x s", "nft table name \"t-\"x\" is not an nft "
		    "identifier" },
		{ "inet t -s", "nft set prefix \"-s\" is not an nft "
		    "identifier" },
		{ "inet t s:x", "nft set prefix \"s:x\" is not an nft "
		    "identifier" },
	};
	char	err[512], big[600];
	size_t	i;

	for (i = 0; i < sizeof(pf_ok) / sizeof(pf_ok[0]); i++) {
		err[0] = '\0';
		t_check(nl_table_check(pf_ok[i], NL_BACKEND_PF, err,
		    sizeof(err)) == 0, pf_ok[i], __FILE__, __LINE__);
	}
	for (i = 0; i < sizeof(pf_bad) / sizeof(pf_bad[0]); i++) {
		err[0] = '\0';
		t_check(nl_table_check(pf_bad[i].table, NL_BACKEND_PF,
		    err, sizeof(err)) == -1, pf_bad[i].table, __FILE__,
		    __LINE__);
		T_STR(err, pf_bad[i].err);
	}
	for (i = 0; i < sizeof(nft_ok) / sizeof(nft_ok[0]); i++)
		t_check(nl_table_check(nft_ok[i], NL_BACKEND_NFT, err,
		    sizeof(err)) == 0, nft_ok[i], __FILE__, __LINE__);
	for (i = 0; i < sizeof(nft_bad) / sizeof(nft_bad[0]); i++) {
		err[0] = '\0';
		t_check(nl_table_check(nft_bad[i].table,
		    NL_BACKEND_NFT, err, sizeof(err)) == -1, nft_bad[i].table,
		    __FILE__, __LINE__);
		T_STR(err, nft_bad[i].err);
	}
	/* PF_ANCHOR_NAME_SIZE is 64 with the NUL */
	memset(big, 'a', 64);
	strlcpy(big + 64, "/t", sizeof(big) - 64);
	T(nl_table_check(big, NL_BACKEND_PF, err, sizeof(err)) == -1);
	T(strcmp(err + strlen(err) - 25, "\" is longer than 63 bytes") == 0);
	T(strncmp(err, "pf anchor name \"aaaa", 20) == 0 && strlen(err) ==
	    strlen("pf anchor name \"\" is longer than 63 bytes") + 64);
	memmove(big + 63, big + 64, strlen(big + 64) + 1);
	T(nl_table_check(big, NL_BACKEND_PF, err, sizeof(err)) == 0);

	/* NFT_NAME_MAXLEN is 256 with the NUL; sets get a "4" or "6" */
	memcpy(big, "inet ", 5);
	memset(big + 5, 't', 255);
	strlcpy(big + 260, " s", sizeof(big) - 260);
	T(nl_table_check(big, NL_BACKEND_NFT, err, sizeof(err)) == 0);
	memset(big + 5, 't', 256);
	strlcpy(big + 261, " s", sizeof(big) - 261);
	T(nl_table_check(big, NL_BACKEND_NFT, err, sizeof(err)) == -1);
	T_STR(err, "nft table name is longer than 255 bytes");
	memcpy(big, "inet t ", 7);
	memset(big + 7, 's', 254);
	big[7 + 254] = '\0';
	T(nl_table_check(big, NL_BACKEND_NFT, err, sizeof(err)) == 0);
	big[7 + 254] = 's';
	big[7 + 255] = '\0';
	T(nl_table_check(big, NL_BACKEND_NFT, err, sizeof(err)) == -1);
	T_STR(err, "nft set prefix is longer than 254 bytes");

	T(nl_table_check("any thing", NL_BACKEND_PRINT, err,
	    sizeof(err)) == 0);
	T(nl_table_check("", NL_BACKEND_PRINT, err, sizeof(err)) == -1);
	T_STR(err, "empty table name");
	T(nl_table_check("t", 7, err, sizeof(err)) == -1);
	T_STR(err, "unknown backend 7");
	/* the defaults pass their own backend's check */
	T(nl_table_check("nolistd/mx-white", NL_BACKEND_PF, err,
	    sizeof(err)) == 0);
	T(nl_table_check("inet nolistd mx_white", NL_BACKEND_NFT, err,
	    sizeof(err)) == 0);
}

static void
test_nft_split(void)
{
	char	fam[8], name[32], set[32];

	T(nl_table_nft_split(" inet  nolistd\tmx_white ", fam, sizeof(fam),
	    name, sizeof(name), set, sizeof(set)) == 0);
	T_STR(fam, "inet");
	T_STR(name, "nolistd");
	T_STR(set, "mx_white");
	T(nl_table_nft_split("inet nolistd", fam, sizeof(fam), name,
	    sizeof(name), set, sizeof(set)) == -1);
	T(nl_table_nft_split("inet a b c", fam, sizeof(fam), name,
	    sizeof(name), set, sizeof(set)) == -1);
	T(nl_table_nft_split("inet a b", fam, 4, name, sizeof(name), set,
	    sizeof(set)) == -1);
}

static int
split(const char *spec, char *anchor, char *name)
{
	char	err[256];

	err[0] = '\0';
	if (nl_table_pf_split(spec, anchor, NL_PF_PATH_SIZE, name,
	    NL_PF_TABLE_SIZE, err, sizeof(err)) == 0)
		return 0;
	/* a refusal always says which table */
	T(strstr(err, "table \"") == err);
	return -1;
}

static void
test_pf_split(void)
{
	char	anchor[NL_PF_PATH_SIZE], name[NL_PF_TABLE_SIZE], err[128];
	char	spec[NL_PF_PATH_SIZE + NL_PF_TABLE_SIZE + 8];
	size_t	i;

	T(split("nolistd/mx-white", anchor, name) == 0);
	T_STR(anchor, "nolistd");
	T_STR(name, "mx-white");
	T(split("mx-white", anchor, name) == 0);
	T_STR(anchor, "");
	T_STR(name, "mx-white");
	T(split("a/b/c", anchor, name) == 0);
	T_STR(anchor, "a/b");
	T_STR(name, "c");

	T(split("", anchor, name) == -1);
	T(split("nolistd/", anchor, name) == -1);
	T(split("/mx", anchor, name) == -1);
	T(split("a//mx", anchor, name) == -1);
	T(split("a/b/", anchor, name) == -1);

	/* name: 31 bytes fit PF_TABLE_NAME_SIZE, 32 do not */
	memset(spec, 'n', 31);
	spec[31] = '\0';
	T(split(spec, anchor, name) == 0);
	T(strlen(name) == 31);
	memset(spec, 'n', 32);
	spec[32] = '\0';
	T(split(spec, anchor, name) == -1);

	/* an anchor component: 63 bytes fit, 64 do not */
	memset(spec, 'a', 63);
	strcpy(spec + 63, "/t");
	T(split(spec, anchor, name) == 0);
	T(strlen(anchor) == 63);
	memset(spec, 'a', 64);
	strcpy(spec + 64, "/t");
	T(split(spec, anchor, name) == -1);

	/* the whole anchor: 1023 bytes fit pfrt_anchor, 1024 do not */
	for (i = 0; i < 1023; i++)
		spec[i] = i % 32 == 31 ? '/' : 'a';
	strcpy(spec + 1023, "/t");
	T(split(spec, anchor, name) == 0);
	T(strlen(anchor) == 1023);
	for (i = 0; i < 1024; i++)
		spec[i] = i % 32 == 31 ? '/' : 'a';
	strcpy(spec + 1024, "/t");
	T(split(spec, anchor, name) == -1);

	/* and never past the caller's buffers */
	T(nl_table_pf_split("anchor/name", anchor, 6, name, sizeof(name), err,
	    sizeof(err)) == -1);
	T(nl_table_pf_split("anchor/name", anchor, 7, name, sizeof(name), err,
	    sizeof(err)) == 0);
	T(nl_table_pf_split("anchor/name", anchor, sizeof(anchor), name, 4, err,
	    sizeof(err)) == -1);
}

static void
test_static(void)
{
	char	buf[128];

	T(nl_table_static("inet nolistd mx_white", NL_BACKEND_NFT, buf,
	    sizeof(buf)) == 0);
	T_STR(buf, "inet nolistd mx_static");
	T(nl_table_static("ip filter white", NL_BACKEND_NFT, buf,
	    sizeof(buf)) == 0);
	T_STR(buf, "ip filter mx_static");
	T(nl_table_static("nolistd/mx-white", NL_BACKEND_PF, buf,
	    sizeof(buf)) == 0);
	T_STR(buf, "nolistd/mx-static");
	T(nl_table_static("a/b/white", NL_BACKEND_PF, buf, sizeof(buf)) == 0);
	T_STR(buf, "a/b/mx-static");
	T(nl_table_static("white", NL_BACKEND_PF, buf, sizeof(buf)) == 0);
	T_STR(buf, "mx-static");
	T(nl_table_static("anything", NL_BACKEND_PRINT, buf, sizeof(buf)) == 0);
	T_STR(buf, "mx-static");
	T(nl_table_static("inet nolistd", NL_BACKEND_NFT, buf,
	    sizeof(buf)) == -1);
	T(nl_table_static("inet nolistd mx_white", NL_BACKEND_NFT, buf,
	    10) == -1);
}

int
main(void)
{
	test_check_table();
	test_static();
	test_nft_split();
	test_pf_split();
	return t_done();
}
