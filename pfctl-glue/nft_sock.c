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
 * The nf_tables netlink socket: batches of element messages, and the
 * replies matched to the message that caused them.
 *
 * The kernel runs a batch inside our sendmsg(), so every error it
 * reports is queued before the reply to a request sent after it; a
 * GETGEN behind each batch is that barrier, and it also tells the
 * ruleset generation that check() compares. Messages carry no
 * NLM_F_ACK: only failures are answered, which keeps the replies to a
 * batch of 10,000 elements small.
 */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <endian.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netlink.h>

#include <libmnl/libmnl.h>
#include <libnftnl/common.h>
#include <libnftnl/set.h>

#include "addr.h"
#include "compat.h"
#include "nft_nl.h"

/*
 * The element list of one message is an attribute, whose length is 16
 * bits; a batch is one sendmsg(), bounded by the socket's send buffer.
 */
#define NFT_MSG_MAX	32768
#define NFT_BATCH_MAX	(8 * 1024 * 1024)
#define NFT_RBUF	65536
#define NFT_SOCKBUF	(4 * 1024 * 1024)	/* the kernel doubles it */

struct nft_sock {
	struct mnl_socket	*nl;
	uint32_t		 portid;
	uint32_t		 seq;
	char			*buf;
	size_t			 cap;		/* bytes one batch may take */
	size_t			 off;		/* end of the closed messages */
	int			 single;	/* one change per message */
	uint32_t		 beginseq;
	uint32_t		 endseq;
	/* the element message being filled */
	struct nlmsghdr		*msg;
	struct nlattr		*nest;
	const struct nft_set	*msgset;
	int			 msgop;
	struct nft_msgref	*refs;
	size_t			 nrefs;
	size_t			 refcap;
	struct nft_msgerr	*errs;
	size_t			 nerrs;
	size_t			 errcap;
	char			 errmsg[256];
	char			 rbuf[NFT_RBUF];
};

typedef int	nft_reply_fn(const struct nlmsghdr *, void *);

static void
nft_bufsize(struct nft_sock *s, int opt, int forceopt)
{
	int	size = NFT_SOCKBUF;

	/* the forced size needs CAP_NET_ADMIN, which the backend has */
	if (setsockopt(mnl_socket_get_fd(s->nl), SOL_SOCKET, forceopt,
	    &size, sizeof(size)) == -1)
		setsockopt(mnl_socket_get_fd(s->nl), SOL_SOCKET, opt,
		    &size, sizeof(size));
}

struct nft_sock *
nft_sock_open(char *errbuf, size_t errlen)
{
	struct nft_sock	*s;
	struct timeval	 tv = { 5, 0 };
	socklen_t	 len;
	int		 on = 1, sndbuf = 0;

	if ((s = calloc(1, sizeof(*s))) == NULL) {
		snprintf(errbuf, errlen, "nft: out of memory");
		return NULL;
	}
	if ((s->nl = mnl_socket_open(NETLINK_NETFILTER)) == NULL ||
	    mnl_socket_bind(s->nl, 0, MNL_SOCKET_AUTOPID) == -1) {
		snprintf(errbuf, errlen, "nft: netlink socket: %s",
		    strerror(errno));
		nft_sock_close(s);
		return NULL;
	}
	s->portid = mnl_socket_get_portid(s->nl);
	s->seq = (uint32_t)time(NULL);
	nft_bufsize(s, SO_SNDBUF, SO_SNDBUFFORCE);
	nft_bufsize(s, SO_RCVBUF, SO_RCVBUFFORCE);
	/* errors without the request echoed, but with the kernel's words */
	mnl_socket_setsockopt(s->nl, NETLINK_CAP_ACK, &on, sizeof(on));
	mnl_socket_setsockopt(s->nl, NETLINK_EXT_ACK, &on, sizeof(on));
	/* the kernel answers at once; this only bounds a surprise */
	setsockopt(mnl_socket_get_fd(s->nl), SOL_SOCKET, SO_RCVTIMEO, &tv,
	    sizeof(tv));
	len = sizeof(sndbuf);
	if (getsockopt(mnl_socket_get_fd(s->nl), SOL_SOCKET, SO_SNDBUF,
	    &sndbuf, &len) == -1 || sndbuf < 65536)
		sndbuf = 65536;
	/* netlink refuses a message longer than the send buffer */
	s->cap = (size_t)sndbuf - 4096;
	if (s->cap > NFT_BATCH_MAX)
		s->cap = NFT_BATCH_MAX;
	if ((s->buf = malloc(s->cap)) == NULL) {
		snprintf(errbuf, errlen, "nft: out of memory");
		nft_sock_close(s);
		return NULL;
	}
	return s;
}

void
nft_sock_close(struct nft_sock *s)
{
	if (s == NULL)
		return;
	if (s->nl != NULL)
		mnl_socket_close(s->nl);
	free(s->buf);
	free(s->refs);
	free(s->errs);
	free(s);
}

static size_t
nft_batch_used(const struct nft_sock *s)
{
	if (s->msg == NULL)
		return s->off;
	return (size_t)((char *)s->msg - s->buf) + s->msg->nlmsg_len;
}

static void
nft_msg_close(struct nft_sock *s)
{
	if (s->msg == NULL)
		return;
	if (s->nest != NULL)
		mnl_attr_nest_end(s->msg, s->nest);
	s->off = nft_batch_used(s);
	s->msg = NULL;
	s->nest = NULL;
}

void
nft_batch_start(struct nft_sock *s, int single, int use_genid, uint32_t gen)
{
	struct nlmsghdr	*nlh;

	s->msg = NULL;
	s->nest = NULL;
	s->nrefs = 0;
	s->nerrs = 0;
	s->errmsg[0] = '\0';
	s->single = single;
	s->beginseq = ++s->seq;
	nlh = nftnl_batch_begin(s->buf, s->beginseq);
	/* the kernel refuses the batch if anyone committed since */
	if (use_genid)
		mnl_attr_put_u32(nlh, NFNL_BATCH_GENID, htonl(gen));
	s->off = nlh->nlmsg_len;
}

/* room for this many more bytes of messages, and the batch's end */
int
nft_batch_fits(const struct nft_sock *s, size_t bytes)
{
	return nft_batch_used(s) + bytes + NFT_END_LEN <= s->cap;
}

/* the length of an element message without its elements */
size_t
nft_msg_hdrlen(const char *table, const struct nft_set *set)
{
	return MNL_ALIGN(sizeof(struct nlmsghdr)) +
	    MNL_ALIGN(sizeof(struct nfgenmsg)) +
	    MNL_ATTR_HDRLEN + MNL_ALIGN(strlen(table) + 1) +
	    MNL_ATTR_HDRLEN + MNL_ALIGN(strlen(set->name) + 1) +
	    MNL_ATTR_HDRLEN;
}

static struct nft_msgref *
nft_ref_add(struct nft_sock *s)
{
	struct nft_msgref	*r;
	size_t			 cap;

	if (s->nrefs == s->refcap) {
		cap = s->refcap == 0 ? 1024 : s->refcap * 2;
		if ((r = reallocarray(s->refs, cap, sizeof(*r))) == NULL)
			return NULL;
		s->refs = r;
		s->refcap = cap;
	}
	return &s->refs[s->nrefs++];
}

static struct nlmsghdr *
nft_msg_open(struct nft_sock *s, int family, const char *table,
    const struct nft_set *set, int op, uint32_t change)
{
	struct nlmsghdr		*nlh;
	struct nft_msgref	*r;
	uint16_t		 type, flags;

	nft_msg_close(s);
	if ((r = nft_ref_add(s)) == NULL)
		return NULL;
	type = op == NFT_ELEM_DEL || op == NFT_ELEM_FLUSH ?
	    NFT_MSG_DELSETELEM : NFT_MSG_NEWSETELEM;
	/* no NLM_F_EXCL: adding what is there is not an error */
	flags = type == NFT_MSG_NEWSETELEM ? NLM_F_CREATE : 0;
	nlh = nftnl_nlmsg_build_hdr(s->buf + s->off, type, family, flags,
	    ++s->seq);
	mnl_attr_put_strz(nlh, NFTA_SET_ELEM_LIST_TABLE, table);
	mnl_attr_put_strz(nlh, NFTA_SET_ELEM_LIST_SET, set->name);
	r->seq = s->seq;
	r->first = r->last = change;
	r->op = (uint8_t)op;
	s->msg = nlh;
	s->msgset = set;
	s->msgop = op;
	s->nest = NULL;
	return nlh;
}

int
nft_batch_flush(struct nft_sock *s, int family, const char *table,
    const struct nft_set *set)
{
	/* a DELSETELEM without elements empties the set */
	if (nft_msg_open(s, family, table, set, NFT_ELEM_FLUSH,
	    UINT32_MAX) == NULL)
		return -1;
	nft_msg_close(s);
	return 0;
}

static int
nft_msg_fits(const struct nft_sock *s, const struct nft_set *set, int op,
    uint32_t change)
{
	if (s->msg == NULL || s->msgset != set || s->msgop != op)
		return 0;
	if (s->single && s->refs[s->nrefs - 1].first != change)
		return 0;
	return s->msg->nlmsg_len + NFT_ELEM_MAX <= NFT_MSG_MAX;
}

int
nft_batch_elem(struct nft_sock *s, int family, const char *table,
    const struct nft_set *set, int op, const uint8_t *key, int end,
    uint64_t timeout_ms, uint32_t change)
{
	struct nlmsghdr	*nlh;
	struct nlattr	*elem, *k;

	if (!nft_msg_fits(s, set, op, change)) {
		/* the caller sized the batch; this only guards the buffer */
		nft_msg_close(s);
		if (!nft_batch_fits(s, nft_msg_hdrlen(table, set) +
		    NFT_ELEM_MAX) ||
		    nft_msg_open(s, family, table, set, op, change) == NULL)
			return -1;
	} else if (!nft_batch_fits(s, NFT_ELEM_MAX))
		return -1;
	nlh = s->msg;
	if (s->nest == NULL)
		s->nest = mnl_attr_nest_start(nlh,
		    NFTA_SET_ELEM_LIST_ELEMENTS);
	elem = mnl_attr_nest_start(nlh, NFTA_LIST_ELEM);
	k = mnl_attr_nest_start(nlh, NFTA_SET_ELEM_KEY);
	mnl_attr_put(nlh, NFTA_DATA_VALUE, set->keylen, key);
	mnl_attr_nest_end(nlh, k);
	if (end)
		mnl_attr_put_u32(nlh, NFTA_SET_ELEM_FLAGS,
		    htonl(NFT_SET_ELEM_INTERVAL_END));
	if (timeout_ms != 0)
		mnl_attr_put_u64(nlh, NFTA_SET_ELEM_TIMEOUT,
		    htobe64(timeout_ms));
	mnl_attr_nest_end(nlh, elem);
	s->refs[s->nrefs - 1].last = change;
	return 0;
}

static void
nft_err_add(struct nft_sock *s, uint32_t seq, int error)
{
	struct nft_msgerr	*e;
	size_t			 cap;

	if (s->nerrs == s->errcap) {
		cap = s->errcap == 0 ? 64 : s->errcap * 2;
		if ((e = reallocarray(s->errs, cap, sizeof(*e))) == NULL) {
			/* unattributed: the caller gives up on the batch */
			if (s->nerrs > 0)
				s->errs[s->nerrs - 1].seq = 0;
			return;
		}
		s->errs = e;
		s->errcap = cap;
	}
	s->errs[s->nerrs].seq = seq;
	s->errs[s->nerrs].error = error;
	s->nerrs++;
}

static int
nft_extack_cb(const struct nlattr *a, void *arg)
{
	struct nft_sock	*s = arg;

	if (mnl_attr_get_type(a) == NLMSGERR_ATTR_MSG &&
	    mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0 &&
	    s->errmsg[0] == '\0')
		strlcpy(s->errmsg, mnl_attr_get_str(a), sizeof(s->errmsg));
	return MNL_CB_OK;
}

/* the kernel's own words about the error, where it gives them */
static void
nft_extack(struct nft_sock *s, const struct nlmsghdr *nlh)
{
	const struct nlmsgerr	*err = mnl_nlmsg_get_payload(nlh);
	size_t			 off = sizeof(*err);

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += err->msg.nlmsg_len - sizeof(struct nlmsghdr);
	if (mnl_nlmsg_get_payload_len(nlh) < off)
		return;
	mnl_attr_parse(nlh, (unsigned int)off, nft_extack_cb, s);
}

static int
nft_gen_cb(const struct nlattr *a, void *arg)
{
	uint32_t	*gen = arg;

	if (mnl_attr_get_type(a) == NFTA_GEN_ID &&
	    mnl_attr_validate(a, MNL_TYPE_U32) == 0)
		*gen = ntohl(mnl_attr_get_u32(a));
	return MNL_CB_OK;
}

static int
nft_gen_reply(const struct nlmsghdr *nlh, void *arg)
{
	if ((nlh->nlmsg_type & 0xff) != NFT_MSG_NEWGEN)
		return 0;
	mnl_attr_parse(nlh, sizeof(struct nfgenmsg), nft_gen_cb, arg);
	return 0;
}

static int
nft_send(struct nft_sock *s, const void *buf, size_t len)
{
	if (mnl_socket_sendto(s->nl, buf, len) == -1)
		return -1;
	return 0;
}

/*
 * Reads replies until the one to seq ends: its ack, its error, its
 * NLMSG_DONE, or for a request without NLM_F_ACK its first answer.
 * Errors to the current batch's messages are collected on the way;
 * anything else (a reply left over from an earlier failure) is dropped.
 */
static int
nft_read(struct nft_sock *s, uint32_t seq, int single, nft_reply_fn *fn,
    void *arg)
{
	const struct nlmsghdr	*nlh;
	const struct nlmsgerr	*err;
	ssize_t			 n;
	int			 len;

	for (;;) {
		n = mnl_socket_recvfrom(s->nl, s->rbuf, sizeof(s->rbuf));
		if (n == -1 && errno == ENOBUFS) {
			/* replies were lost: blame no one message */
			nft_err_add(s, 0, ENOBUFS);
			continue;
		}
		if (n == -1)
			return -1;
		len = (int)n;
		for (nlh = (struct nlmsghdr *)s->rbuf; mnl_nlmsg_ok(nlh, len);
		    nlh = mnl_nlmsg_next(nlh, &len)) {
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				err = mnl_nlmsg_get_payload(nlh);
				if (nlh->nlmsg_seq == seq) {
					if (err->error == 0)
						return 0;
					nft_extack(s, nlh);
					errno = -err->error;
					return -1;
				}
				if (nlh->nlmsg_seq >= s->beginseq &&
				    nlh->nlmsg_seq <= s->endseq &&
				    err->error != 0) {
					nft_extack(s, nlh);
					nft_err_add(s, nlh->nlmsg_seq,
					    -err->error);
				}
				continue;
			}
			if (nlh->nlmsg_seq != seq)
				continue;
			if (nlh->nlmsg_type == NLMSG_DONE)
				return 0;
			if (fn(nlh, arg) == -1)
				return -1;
			if (single)
				return 0;
		}
	}
}

/*
 * Sends the batch and reads what the kernel said about it; gen gets the
 * ruleset generation right after it. -1 when the batch could not be
 * sent at all; otherwise the errors are in nft_batch_err().
 */
int
nft_batch_send(struct nft_sock *s, uint32_t *gen)
{
	char		 req[64];
	struct nlmsghdr	*nlh;

	nft_msg_close(s);
	s->endseq = ++s->seq;
	nlh = nftnl_batch_end(s->buf + s->off, s->endseq);
	s->off += nlh->nlmsg_len;
	if (nft_send(s, s->buf, s->off) == -1)
		return -1;
	nlh = nftnl_nlmsg_build_hdr(req, NFT_MSG_GETGEN, AF_UNSPEC, 0,
	    ++s->seq);
	if (nft_send(s, nlh, nlh->nlmsg_len) == -1)
		return -1;
	*gen = 0;
	return nft_read(s, s->seq, 1, nft_gen_reply, gen);
}

size_t
nft_batch_nerr(const struct nft_sock *s)
{
	return s->nerrs;
}

const struct nft_msgerr *
nft_batch_err(const struct nft_sock *s, size_t i)
{
	return &s->errs[i];
}

uint32_t
nft_batch_beginseq(const struct nft_sock *s)
{
	return s->beginseq;
}

const char *
nft_batch_errmsg(const struct nft_sock *s)
{
	return s->errmsg;
}

const struct nft_msgref *
nft_batch_ref(const struct nft_sock *s, uint32_t seq)
{
	size_t	lo = 0, hi = s->nrefs, mid;

	/* sequence numbers grow with the messages */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (s->refs[mid].seq == seq)
			return &s->refs[mid];
		if (s->refs[mid].seq < seq)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int
nft_request(struct nft_sock *s, struct nlmsghdr *nlh, int single,
    nft_reply_fn *fn, void *arg)
{
	/* no batch is under way: its error window must not match */
	s->beginseq = s->endseq = 0;
	s->nerrs = 0;
	s->errmsg[0] = '\0';
	if (nft_send(s, nlh, nlh->nlmsg_len) == -1)
		return -1;
	return nft_read(s, nlh->nlmsg_seq, single, fn, arg);
}

int
nft_get_gen(struct nft_sock *s, uint32_t *gen)
{
	char		 req[64];
	struct nlmsghdr	*nlh;

	nlh = nftnl_nlmsg_build_hdr(req, NFT_MSG_GETGEN, AF_UNSPEC, 0,
	    ++s->seq);
	*gen = 0;
	return nft_request(s, nlh, 1, nft_gen_reply, gen);
}

static int
nft_ignore_reply(const struct nlmsghdr *nlh, void *arg)
{
	(void)nlh;
	(void)arg;
	return 0;
}

/* 0 when the table exists, -1 with errno (ENOENT) otherwise */
int
nft_get_table(struct nft_sock *s, int family, const char *table)
{
	char		 req[512];
	struct nlmsghdr	*nlh;

	nlh = nftnl_nlmsg_build_hdr(req, NFT_MSG_GETTABLE, family, NLM_F_ACK,
	    ++s->seq);
	mnl_attr_put_strz(nlh, NFTA_TABLE_NAME, table);
	return nft_request(s, nlh, 0, nft_ignore_reply, NULL);
}

static int
nft_set_reply(const struct nlmsghdr *nlh, void *arg)
{
	struct nft_set		*set = arg;
	struct nftnl_set	*ns;

	if ((nlh->nlmsg_type & 0xff) != NFT_MSG_NEWSET)
		return 0;
	if ((ns = nftnl_set_alloc()) == NULL)
		return -1;
	if (nftnl_set_nlmsg_parse(nlh, ns) == -1) {
		nftnl_set_free(ns);
		return -1;
	}
	set->flags = nftnl_set_get_u32(ns, NFTNL_SET_FLAGS);
	set->keylen = nftnl_set_get_u32(ns, NFTNL_SET_KEY_LEN);
	set->size = nftnl_set_is_set(ns, NFTNL_SET_DESC_SIZE) ?
	    nftnl_set_get_u32(ns, NFTNL_SET_DESC_SIZE) : 0;
	set->has_handle = nftnl_set_is_set(ns, NFTNL_SET_HANDLE);
	set->handle = set->has_handle ?
	    nftnl_set_get_u64(ns, NFTNL_SET_HANDLE) : 0;
	nftnl_set_free(ns);
	return 0;
}

/* fills in the set's flags, key length, size and handle; -1 with errno */
int
nft_get_set(struct nft_sock *s, int family, const char *table,
    struct nft_set *set)
{
	char		 req[1024];
	struct nlmsghdr	*nlh;

	nlh = nftnl_nlmsg_build_hdr(req, NFT_MSG_GETSET, family, NLM_F_ACK,
	    ++s->seq);
	mnl_attr_put_strz(nlh, NFTA_SET_TABLE, table);
	mnl_attr_put_strz(nlh, NFTA_SET_NAME, set->name);
	set->keylen = 0;
	return nft_request(s, nlh, 0, nft_set_reply, set);
}

struct nft_dump {
	const struct nft_set	*set;
	nft_elem_fn		*fn;
	void			*arg;
	struct nft_key		 key;
	int			 haskey;
};

static int
nft_key_cb(const struct nlattr *a, void *arg)
{
	struct nft_dump	*d = arg;

	if (mnl_attr_get_type(a) == NFTA_DATA_VALUE &&
	    mnl_attr_get_payload_len(a) == d->set->keylen) {
		memcpy(d->key.k, mnl_attr_get_payload(a), d->set->keylen);
		d->haskey = 1;
	}
	return MNL_CB_OK;
}

static int
nft_elem_cb(const struct nlattr *a, void *arg)
{
	struct nft_dump	*d = arg;

	switch (mnl_attr_get_type(a)) {
	case NFTA_SET_ELEM_KEY:
		mnl_attr_parse_nested(a, nft_key_cb, d);
		break;
	case NFTA_SET_ELEM_FLAGS:
		if (mnl_attr_validate(a, MNL_TYPE_U32) == 0 &&
		    (ntohl(mnl_attr_get_u32(a)) & NFT_SET_ELEM_INTERVAL_END))
			d->key.end = 1;
		break;
	}
	return MNL_CB_OK;
}

static int
nft_list_cb(const struct nlattr *a, void *arg)
{
	struct nft_dump	*d = arg;

	if (mnl_attr_get_type(a) != NFTA_LIST_ELEM)
		return MNL_CB_OK;
	memset(&d->key, 0, sizeof(d->key));
	d->haskey = 0;
	mnl_attr_parse_nested(a, nft_elem_cb, d);
	if (d->haskey)
		d->fn(d->arg, &d->key);
	return MNL_CB_OK;
}

static int
nft_elems_cb(const struct nlattr *a, void *arg)
{
	if (mnl_attr_get_type(a) == NFTA_SET_ELEM_LIST_ELEMENTS)
		mnl_attr_parse_nested(a, nft_list_cb, arg);
	return MNL_CB_OK;
}

static int
nft_elems_reply(const struct nlmsghdr *nlh, void *arg)
{
	if ((nlh->nlmsg_type & 0xff) != NFT_MSG_NEWSETELEM)
		return 0;
	mnl_attr_parse(nlh, sizeof(struct nfgenmsg), nft_elems_cb, arg);
	return 0;
}

/* calls fn for every element of the set, in the kernel's order */
int
nft_dump_elems(struct nft_sock *s, int family, const char *table,
    const struct nft_set *set, nft_elem_fn *fn, void *arg)
{
	char		 req[1024];
	struct nlmsghdr	*nlh;
	struct nft_dump	 d;

	memset(&d, 0, sizeof(d));
	d.set = set;
	d.fn = fn;
	d.arg = arg;
	nlh = nftnl_nlmsg_build_hdr(req, NFT_MSG_GETSETELEM, family,
	    NLM_F_DUMP, ++s->seq);
	mnl_attr_put_strz(nlh, NFTA_SET_ELEM_LIST_TABLE, table);
	mnl_attr_put_strz(nlh, NFTA_SET_ELEM_LIST_SET, set->name);
	return nft_request(s, nlh, 0, nft_elems_reply, &d);
}
