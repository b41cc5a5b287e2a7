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
 * Subscribes to NFNLGRP_NFTABLES and hands out the element keys of the
 * set element notifications. An interval set notifies each prefix as a
 * start and an end element: only the start is handed out.
 */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nf_tables.h>

#include <err.h>
#include <errno.h>
#include <string.h>

#include "nftnotify.h"

/* notifications come in bursts of a whole commit */
#define NFTN_RCVBUF	(64 * 1024 * 1024)

struct mnl_socket *
nftn_subscribe(void)
{
	struct mnl_socket	*nl;
	int			 group = NFNLGRP_NFTABLES, size = NFTN_RCVBUF;

	if ((nl = mnl_socket_open(NETLINK_NETFILTER)) == NULL)
		err(1, "netlink");
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) == -1)
		err(1, "netlink bind");
	if (mnl_socket_setsockopt(nl, NETLINK_ADD_MEMBERSHIP, &group,
	    sizeof(group)) == -1)
		err(1, "NFNLGRP_NFTABLES");
	if (setsockopt(mnl_socket_get_fd(nl), SOL_SOCKET, SO_RCVBUFFORCE,
	    &size, sizeof(size)) == -1)
		warn("SO_RCVBUFFORCE");
	return nl;
}

/*
 * One read: its length, or -1 after an interruption or an overrun, which
 * is counted in *lost (the kernel dropped notifications: the figures
 * cannot be trusted). Other errors end the program.
 */
ssize_t
nftn_recv(struct mnl_socket *nl, void *buf, size_t len, unsigned long *lost)
{
	ssize_t	n;

	if ((n = mnl_socket_recvfrom(nl, buf, len)) == -1) {
		if (errno == ENOBUFS)
			(*lost)++;
		else if (errno != EINTR)
			err(1, "netlink recv");
	}
	return n;
}

static void
nftn_elem(const struct nlattr *el, int add, const char *set,
    nftn_elem_fn *fn, void *arg)
{
	const struct nlattr	*a, *key = NULL, *v;
	struct nftn_key		 k;
	uint32_t		 flags = 0;

	mnl_attr_for_each_nested(a, el) {
		if (mnl_attr_get_type(a) == NFTA_SET_ELEM_KEY)
			key = a;
		else if (mnl_attr_get_type(a) == NFTA_SET_ELEM_FLAGS)
			flags = ntohl(mnl_attr_get_u32(a));
	}
	if (key == NULL || (flags & NFT_SET_ELEM_INTERVAL_END))
		return;
	mnl_attr_for_each_nested(v, key) {
		if (mnl_attr_get_type(v) != NFTA_DATA_VALUE ||
		    mnl_attr_get_payload_len(v) > sizeof(k.a))
			continue;
		k.len = (uint8_t)mnl_attr_get_payload_len(v);
		memcpy(k.a, mnl_attr_get_payload(v), k.len);
		fn(arg, add, set, &k);
	}
}

/* the message's nf_tables type; fn is called for each element in it */
int
nftn_message(const struct nlmsghdr *nlh, nftn_elem_fn *fn, void *arg)
{
	const struct nlattr	*a, *el;
	const char		*set = NULL;
	int			 type = NFNL_MSG_TYPE(nlh->nlmsg_type);

	if (type != NFT_MSG_NEWSETELEM && type != NFT_MSG_DELSETELEM)
		return type;
	mnl_attr_for_each(a, nlh, sizeof(struct nfgenmsg))
		if (mnl_attr_get_type(a) == NFTA_SET_ELEM_LIST_SET)
			set = mnl_attr_get_str(a);
	if (set == NULL)
		return type;
	mnl_attr_for_each(a, nlh, sizeof(struct nfgenmsg)) {
		if (mnl_attr_get_type(a) != NFTA_SET_ELEM_LIST_ELEMENTS)
			continue;
		mnl_attr_for_each_nested(el, a)
			nftn_elem(el, type == NFT_MSG_NEWSETELEM, set, fn, arg);
	}
	return type;
}
