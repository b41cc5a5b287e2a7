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
 * The nft backend's netlink side: one socket, one batch buffer, the
 * element messages of nf_tables, and the replies matched to the message
 * that caused them. Shared by nft.c (the backend's operations),
 * nft_sock.c (the socket and batches) and nft_range.c (prefixes as
 * intervals).
 */
#ifndef NL_NFT_NL_H
#define NL_NFT_NL_H

#include <stddef.h>
#include <stdint.h>

#define NFT_NAMEMAX	256	/* NFT_NAME_MAXLEN */
#define NFT_KEYMAX	16
#define NFT_ELEM_MAX	48	/* one element, encoded, at most */
#define NFT_END_LEN	20	/* NFNL_MSG_BATCH_END */

/* what a set's element message does */
enum nft_elem_op {
	NFT_ELEM_ADD = 0,	/* with the remaining lifetime */
	NFT_ELEM_ADD_BARE,	/* without one: makes a following delete safe */
	NFT_ELEM_DEL,
	NFT_ELEM_FLUSH		/* every element of the set */
};

struct nft_set {
	char		 name[NFT_NAMEMAX];
	int		 af;		/* NL_AF4 or NL_AF6 */
	uint32_t	 keylen;	/* 4 or 16 */
	uint32_t	 flags;		/* NFT_SET_* */
	uint32_t	 size;		/* the most elements; 0: no limit */
	uint64_t	 handle;
	int		 has_handle;
};

/* one element as the kernel stores it */
struct nft_key {
	uint8_t		 k[NFT_KEYMAX];
	uint8_t		 end;		/* NFT_SET_ELEM_INTERVAL_END */
};

/* which changes an element message carries, to blame the right one */
struct nft_msgref {
	uint32_t	 seq;
	uint32_t	 first;
	uint32_t	 last;
	uint8_t		 op;		/* enum nft_elem_op */
};

struct nft_msgerr {
	uint32_t	 seq;
	int		 error;		/* errno */
};

struct nft_sock;

typedef void	nft_elem_fn(void *, const struct nft_key *);

struct nft_sock	*nft_sock_open(char *, size_t);
void		 nft_sock_close(struct nft_sock *);

/* building and sending a batch */
void		 nft_batch_start(struct nft_sock *, int, int, uint32_t);
int		 nft_batch_fits(const struct nft_sock *, size_t);
size_t		 nft_msg_hdrlen(const char *, const struct nft_set *);
int		 nft_batch_elem(struct nft_sock *, int, const char *,
		    const struct nft_set *, int, const uint8_t *, int,
		    uint64_t, uint32_t);
int		 nft_batch_flush(struct nft_sock *, int, const char *,
		    const struct nft_set *);
int		 nft_batch_send(struct nft_sock *, uint32_t *);
size_t		 nft_batch_nerr(const struct nft_sock *);
const struct nft_msgerr *nft_batch_err(const struct nft_sock *, size_t);
const struct nft_msgref *nft_batch_ref(const struct nft_sock *, uint32_t);
uint32_t	 nft_batch_beginseq(const struct nft_sock *);
const char	*nft_batch_errmsg(const struct nft_sock *);

/* queries */
int		 nft_get_gen(struct nft_sock *, uint32_t *);
int		 nft_get_table(struct nft_sock *, int, const char *);
int		 nft_get_set(struct nft_sock *, int, const char *,
		    struct nft_set *);
int		 nft_dump_elems(struct nft_sock *, int, const char *,
		    const struct nft_set *, nft_elem_fn *, void *);

/* prefixes as intervals */
int		 nft_range_end(const uint8_t *, int, int, uint8_t *);
int		 nft_range_split(const uint8_t *, const uint8_t *, int,
		    int *, uint8_t *);

#endif
