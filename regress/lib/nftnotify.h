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
