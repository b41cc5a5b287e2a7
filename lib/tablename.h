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
