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
 * nf_tables notifications for the test and benchmark tools that follow
 * set elements (bench/set-watch, regress/flood/set-count).
 */
#ifndef NFTNOTIFY_H
#define NFTNOTIFY_H

#include <sys/types.h>

#include <stdint.h>

#include <libmnl/libmnl.h>

struct nftn_key {
	uint8_t		a[16];
	uint8_t		len;
};

/* one element added (add 1) or deleted (add 0) in the named set */
typedef void	nftn_elem_fn(void *, int, const char *,
		    const struct nftn_key *);

struct mnl_socket	*nftn_subscribe(void);
ssize_t			 nftn_recv(struct mnl_socket *, void *, size_t,
			    unsigned long *);
int			 nftn_message(const struct nlmsghdr *, nftn_elem_fn *,
			    void *);

#endif
