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
 * The firewall table's name in nolistd.conf(5), checked by the parser
 * and split by the backends: "[ANCHOR/]TABLE" for pf, "FAMILY TABLE
 * SET-PREFIX" for nft (the sets are SET-PREFIX4 and SET-PREFIX6), any
 * word for print. The backend is an enum nl_backend_kind (config.h).
 * Errors are one line in the caller's buffer.
 */
#ifndef NL_TABLENAME_H
#define NL_TABLENAME_H

#include <stddef.h>

/* what the kernels take, so that a bad name fails at parse time */
#define NL_PF_TABLE_SIZE	32	/* PF_TABLE_NAME_SIZE, with the NUL */
#define NL_PF_ANCHOR_SIZE	64	/* PF_ANCHOR_NAME_SIZE, with the NUL */
#define NL_PF_PATH_SIZE		1024	/* pfrt_anchor: MAXPATHLEN */
#define NL_NFT_NAMELEN		256	/* NFT_NAME_MAXLEN, with the NUL */

const char	*nl_table_default(int);
int		 nl_table_check(const char *, int, char *, size_t);
int		 nl_table_pf_split(const char *, char *, size_t, char *,
		    size_t, char *, size_t);
int		 nl_table_static(const char *, int, char *, size_t);
int		 nl_table_nft_split(const char *, char *, size_t, char *,
		    size_t, char *, size_t);

#endif
