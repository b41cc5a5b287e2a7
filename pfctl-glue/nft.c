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
 * The nftables backend: the whitelist lives in two sets of one table,
 * PREFIX4 for IPv4 and PREFIX6 for IPv6, named in the configuration as
 * "FAMILY TABLE PREFIX". The daemon does not create them: the ruleset
 * that uses them does (share/nftables/nolistd.nft).
 *
 * Every call sends its changes in one netlink batch (several only when
 * one would not fit in the socket's send buffer). nf_tables applies a
 * batch whole or not at all, so a failed element is taken out and the
 * rest sent again. Two patterns keep failures rare:
 *  - a delete is sent as "add without timeout, delete": the add makes
 *    sure the element is there, so the delete cannot fail with ENOENT
 *    when the kernel has already timed the element out;
 *  - a renewal is sent as "add without timeout, delete, add": a plain
 *    re-add changes no timeout before Linux 6.12, and this sequence
 *    makes the kernel's timeout follow on every kernel.
 *
 * check() costs one GETGEN when nothing changed: every batch carries
 * the generation it expects (NFNL_BATCH_GENID), so the generation after
 * our own batch is known, and any other is someone else's commit (a
 * flush, a reload), after which the sets' handles and sizes are read.
 * Reading the sets back (list, check, capacity) is nft_list.c's.
 */
#include <sys/time.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>

#include "backend.h"
#include "compat.h"
#include "nft_ctx.h"
#include "nft_nl.h"
#include "tablename.h"

#define NFT_MIN_TIMEOUT_MS	1000

enum nft_result {
	NFT_OK = 0,
	NFT_RETRY,		/* failed changes marked: send the rest */
	NFT_SINGLE,		/* errors not attributable: one per message */
	NFT_RESTART,		/* someone committed first: resend */
	NFT_FATAL
};

enum nft_fail {
	NFT_FAIL_NONE = 0,
	NFT_FAIL_BENIGN,	/* already as wanted */
	NFT_FAIL_ERROR
};

struct nft_family {
	const char	*name;
	int		 proto;
};

static const struct nft_family nft_families[] = {
	{ "ip",		NFPROTO_IPV4 },
	{ "ip6",	NFPROTO_IPV6 },
	{ "inet",	NFPROTO_INET },
	{ "arp",	NFPROTO_ARP },
	{ "bridge",	NFPROTO_BRIDGE },
	{ "netdev",	NFPROTO_NETDEV },
};

/* "FAMILY TABLE PREFIX" */
static int
nft_parse_table(struct nft_ctx *nc, const char *spec, char *errbuf,
    size_t errlen)
{
	char	prefix[NFT_NAMEMAX - 1];
	size_t	i;

	if (nl_table_nft_split(spec, nc->familyname, sizeof(nc->familyname),
	    nc->table, sizeof(nc->table), prefix, sizeof(prefix)) == -1) {
		snprintf(errbuf, errlen, "nft: table \"%s\": expected "
		    "\"family table set-prefix\", e.g. \"%s\"", spec,
		    nl_table_default(NL_BACKEND_NFT));
		return -1;
	}
	nc->family = -1;
	for (i = 0; i < sizeof(nft_families) / sizeof(nft_families[0]); i++)
		if (strcmp(nft_families[i].name, nc->familyname) == 0)
			nc->family = nft_families[i].proto;
	if (nc->family == -1) {
		snprintf(errbuf, errlen, "nft: unknown family \"%s\" (ip, ip6, "
		    "inet, arp, bridge or netdev)", nc->familyname);
		return -1;
	}
	snprintf(nc->set[0].name, sizeof(nc->set[0].name), "%s4", prefix);
	snprintf(nc->set[1].name, sizeof(nc->set[1].name), "%s6", prefix);
	nc->set[0].af = NL_AF4;
	nc->set[1].af = NL_AF6;
	return 0;
}

/* the set a change goes to */
static const struct nft_set *
nft_set_of(const struct nft_ctx *nc, const struct nl_change *c)
{
	return &nc->set[c->addr.af == NL_AF4 ? 0 : 1];
}

/*
 * Plain sets unless the prefix statement asks for networks: an interval
 * set costs the kernel a walk of the whole set on every update.
 */
static const char *
nft_set_flags(int prefix, int max)
{
	return prefix != 0 && prefix < max ? "interval, timeout" : "timeout";
}

static void
nft_howto(const struct nft_ctx *nc, char *buf, size_t len)
{
	snprintf(buf, len, "load share/nftables/nolistd.nft, or: "
	    "nft add table %s %s; "
	    "nft add set %s %s %s '{ type ipv4_addr; flags %s; }'; "
	    "nft add set %s %s %s '{ type ipv6_addr; flags %s; }'",
	    nc->familyname, nc->table,
	    nc->familyname, nc->table, nc->set[0].name,
	    nft_set_flags(nc->prefix4, 32),
	    nc->familyname, nc->table, nc->set[1].name,
	    nft_set_flags(nc->prefix6, 128));
}

/*
 * An interval set stores a prefix as two elements, its start and end.
 * max-entries is at most 100,000,000, so twice it fits.
 */
uint32_t
nft_elems_per_entry(const struct nft_set *set)
{
	return set->flags & NFT_SET_INTERVAL ? 2 : 1;
}

static int
nft_set_usable(const struct nft_ctx *nc, const struct nft_set *set,
    int prefix, char *errbuf, size_t errlen)
{
	uint32_t	keylen = set->af == NL_AF4 ? 4 : 16, need;
	int		max = set->af == NL_AF4 ? 32 : 128;

	if (set->keylen != keylen) {
		snprintf(errbuf, errlen, "nft: set %s %s %s holds keys of %u "
		    "bytes, not %s addresses (type %s)", nc->familyname,
		    nc->table, set->name, set->keylen,
		    set->af == NL_AF4 ? "IPv4" : "IPv6",
		    set->af == NL_AF4 ? "ipv4_addr" : "ipv6_addr");
		return -1;
	}
	if (set->flags & (NFT_SET_MAP | NFT_SET_OBJECT | NFT_SET_CONCAT)) {
		snprintf(errbuf, errlen, "nft: set %s %s %s is a map or a "
		    "concatenation, not a set of addresses", nc->familyname,
		    nc->table, set->name);
		return -1;
	}
	if (prefix != 0 && prefix < max && !(set->flags & NFT_SET_INTERVAL)) {
		snprintf(errbuf, errlen, "nft: set %s %s %s has no \"flags "
		    "interval\", so it cannot hold the /%d prefixes that the "
		    "prefix statement asks for", nc->familyname, nc->table,
		    set->name, prefix);
		return -1;
	}
	need = nc->max_entries * nft_elems_per_entry(set);
	if (set->size != 0 && set->size < need) {
		snprintf(errbuf, errlen, "nft: set %s %s %s holds at most %u "
		    "elements (size %u), fewer than max-entries needs: "
		    "declare it with size %u or more (a set's size cannot "
		    "change: nft delete set first)", nc->familyname, nc->table,
		    set->name, set->size, set->size, need);
		return -1;
	}
	return 0;
}

/* reads both sets' flags and handles; a clear error where they miss */
static int
nft_sets_load(struct nft_ctx *nc, char *errbuf, size_t errlen)
{
	char	howto[4096];
	int	i;

	nft_howto(nc, howto, sizeof(howto));
	if (nft_get_table(nc->sock, nc->family, nc->table) == -1) {
		if (errno == ENOENT)
			snprintf(errbuf, errlen, "nft: table %s %s does not "
			    "exist: %s", nc->familyname, nc->table, howto);
		else
			snprintf(errbuf, errlen, "nft: table %s %s: %s%s",
			    nc->familyname, nc->table, strerror(errno),
			    errno == EPERM ? " (needs CAP_NET_ADMIN)" : "");
		return -1;
	}
	for (i = 0; i < 2; i++) {
		if (nft_get_set(nc->sock, nc->family, nc->table,
		    &nc->set[i]) == -1) {
			if (errno == ENOENT)
				snprintf(errbuf, errlen, "nft: set %s %s %s "
				    "does not exist: %s", nc->familyname,
				    nc->table, nc->set[i].name, howto);
			else
				snprintf(errbuf, errlen, "nft: set %s %s %s: "
				    "%s", nc->familyname, nc->table,
				    nc->set[i].name, strerror(errno));
			return -1;
		}
		if (nft_set_usable(nc, &nc->set[i],
		    i == 0 ? nc->prefix4 : nc->prefix6, errbuf, errlen) == -1)
			return -1;
	}
	return 0;
}

static void *
nft_open(const struct nl_config *conf, const struct nl_backend_log *log,
    char *errbuf, size_t errlen)
{
	struct nft_ctx	*nc;

	if ((nc = calloc(1, sizeof(*nc))) == NULL) {
		snprintf(errbuf, errlen, "nft: out of memory");
		return NULL;
	}
	nc->log = log;
	nc->prefix4 = conf->prefix4;
	nc->prefix6 = conf->prefix6;
	nc->max_entries = conf->max_entries;
	if (nft_parse_table(nc, nl_config_table(conf, NL_BACKEND_NFT), errbuf,
	    errlen) == -1 ||
	    (nc->sock = nft_sock_open(errbuf, errlen)) == NULL ||
	    nft_sets_load(nc, errbuf, errlen) == -1) {
		nft_sock_close(nc->sock);
		free(nc);
		return NULL;
	}
	return nc;
}

static void
nft_close(void *ctx)
{
	struct nft_ctx	*nc = ctx;

	nft_sock_close(nc->sock);
	free(nc->fail);
	free(nc);
}

static uint64_t
nft_timeout_ms(const struct nl_change *c)
{
	int64_t	ms;

	ms = (int64_t)c->expires * 1000 - ((int64_t)c->time.tv_sec * 1000 +
	    c->time.tv_usec / 1000);
	return ms < NFT_MIN_TIMEOUT_MS ? NFT_MIN_TIMEOUT_MS : (uint64_t)ms;
}

static int
nft_put_elem(struct nft_ctx *nc, const struct nft_set *set, int op,
    const struct nl_change *c, uint32_t idx)
{
	uint8_t		end[NFT_KEYMAX];
	uint64_t	timeout = 0;

	if (op == NFT_ELEM_ADD && (set->flags & NFT_SET_TIMEOUT))
		timeout = nft_timeout_ms(c);
	if (nft_batch_elem(nc->sock, nc->family, nc->table, set, op,
	    c->addr.a, 0, timeout, idx) == -1)
		return -1;
	if (!(set->flags & NFT_SET_INTERVAL) ||
	    nft_range_end(c->addr.a, (int)set->keylen, c->plen, end) == -1)
		return 0;
	return nft_batch_elem(nc->sock, nc->family, nc->table, set, op, end,
	    1, 0, idx);
}

static int
nft_needs_bare(const struct nft_ctx *nc, const struct nl_change *c)
{
	return !nc->replacing &&
	    (c->op == NL_OP_DELETE || c->reason == NL_REASON_RENEW);
}

/* the bytes a change may take in the batch, in the worst case */
static size_t
nft_change_cost(const struct nft_ctx *nc, const struct nl_change *c)
{
	const struct nft_set	*set = nft_set_of(nc, c);
	size_t			 msgs = 0;

	if (nft_needs_bare(nc, c))
		msgs += 2;
	if (c->op == NL_OP_ADD)
		msgs++;
	return msgs * (nft_msg_hdrlen(nc->table, set) + 2 * NFT_ELEM_MAX);
}

/* the change's deletes and adds, after every bare add of the batch */
static int
nft_put_change(struct nft_ctx *nc, const struct nl_change *c, uint32_t idx)
{
	const struct nft_set	*set = nft_set_of(nc, c);
	int			 rc = 0;

	if (nft_needs_bare(nc, c))
		rc |= nft_put_elem(nc, set, NFT_ELEM_DEL, c, idx);
	if (c->op == NL_OP_ADD)
		rc |= nft_put_elem(nc, set, NFT_ELEM_ADD, c, idx);
	return rc;
}

static int
nft_change_valid(const struct nft_ctx *nc, const struct nl_change *c)
{
	char	buf[NL_PREFIXSTRLEN];
	int	max;

	if (c->addr.af != NL_AF4 && c->addr.af != NL_AF6)
		return 0;
	if (nc->replacing && c->op != NL_OP_ADD)
		return 0;
	max = nl_addr_maxplen(&c->addr);
	if (c->plen > max || (c->plen < max &&
	    !(nft_set_of(nc, c)->flags & NFT_SET_INTERVAL))) {
		nc->log->warnx("nft: %s: set %s has no \"flags interval\"",
		    nl_prefix_ntop(&c->addr, c->plen, buf, sizeof(buf)),
		    nft_set_of(nc, c)->name);
		return 0;
	}
	return 1;
}

/*
 * Fills one batch from change start on and returns the first change
 * left out. The bare adds of all its deletes and renewals go first: an
 * insert into an rbtree set walks past the elements deleted earlier in
 * the same transaction, so bare adds between deletes cost time
 * quadratic in the batch. Each change's own deletes and adds keep their
 * order; a second delete of one address in a batch fails with ENOENT,
 * which is benign and sent again without it.
 */
static size_t
nft_build(struct nft_ctx *nc, const struct nl_change *c, size_t start,
    size_t n, int single, int flush)
{
	const struct nft_set	*set;
	size_t			 i, end, cost = 0;

	nft_batch_start(nc->sock, single, nc->gen_known, nc->gen);
	if (flush && (nft_batch_flush(nc->sock, nc->family, nc->table,
	    &nc->set[0]) == -1 || nft_batch_flush(nc->sock, nc->family,
	    nc->table, &nc->set[1]) == -1))
		return start;
	for (end = start; end < n; end++) {
		if (nc->fail[end] != NFT_FAIL_NONE)
			continue;
		cost += nft_change_cost(nc, &c[end]);
		if (!nft_batch_fits(nc->sock, cost) && end > start)
			break;
	}
	for (i = start; i < end; i++) {
		set = nft_set_of(nc, &c[i]);
		if (nc->fail[i] == NFT_FAIL_NONE && nft_needs_bare(nc, &c[i]) &&
		    nft_put_elem(nc, set, NFT_ELEM_ADD_BARE, &c[i],
		    (uint32_t)i) == -1)
			return i;
	}
	for (i = start; i < end; i++)
		if (nc->fail[i] == NFT_FAIL_NONE &&
		    nft_put_change(nc, &c[i], (uint32_t)i) == -1)
			return i;
	return end;
}

static void
nft_blame(struct nft_ctx *nc, const struct nl_change *c,
    const struct nft_msgref *ref, int error)
{
	char	buf[NL_PREFIXSTRLEN];
	int	benign;

	benign = (error == EEXIST && ref->op != NFT_ELEM_DEL) ||
	    (error == ENOENT && ref->op == NFT_ELEM_DEL);
	nc->fail[ref->first] = benign ? NFT_FAIL_BENIGN : NFT_FAIL_ERROR;
	if (error == ENFILE)
		nc->log->warnx("nft: %s %s: set %s is full (size %u)",
		    nl_op_name(c[ref->first].op),
		    nl_prefix_ntop(&c[ref->first].addr, c[ref->first].plen,
		    buf, sizeof(buf)), nft_set_of(nc, &c[ref->first])->name,
		    nft_set_of(nc, &c[ref->first])->size);
	else if (!benign)
		nc->log->warnx("nft: %s %s: %s%s%s",
		    nl_op_name(c[ref->first].op),
		    nl_prefix_ntop(&c[ref->first].addr, c[ref->first].plen,
		    buf, sizeof(buf)), strerror(error),
		    nft_batch_errmsg(nc->sock)[0] != '\0' ? ": " : "",
		    nft_batch_errmsg(nc->sock));
}

/* what the kernel said about one message of the batch */
static int
nft_judge(struct nft_ctx *nc, const struct nl_change *c,
    const struct nft_msgerr *e, int *marked)
{
	const struct nft_msgref	*ref;

	if (e->seq == nft_batch_beginseq(nc->sock)) {
		if (e->error == ERESTART)
			return NFT_RESTART;
		nc->log->warnx("nft: batch refused: %s", strerror(e->error));
		return NFT_FATAL;
	}
	if ((ref = nft_batch_ref(nc->sock, e->seq)) == NULL)
		return NFT_SINGLE;
	/* only a missing set answers an add or a flush with ENOENT */
	if (ref->op == NFT_ELEM_FLUSH || (e->error == ENOENT &&
	    ref->op != NFT_ELEM_DEL)) {
		nc->log->warnx("nft: table %s %s or its sets: %s%s%s",
		    nc->familyname, nc->table, strerror(e->error),
		    nft_batch_errmsg(nc->sock)[0] != '\0' ? ": " : "",
		    nft_batch_errmsg(nc->sock));
		return NFT_FATAL;
	}
	if (ref->first != ref->last)
		return NFT_SINGLE;
	if (nc->fail[ref->first] == NFT_FAIL_NONE) {
		nft_blame(nc, c, ref, e->error);
		*marked = 1;
	}
	return NFT_RETRY;
}

static int
nft_commit(struct nft_ctx *nc, const struct nl_change *c)
{
	uint32_t	gen;
	size_t		i, nerr;
	int		rc, worst = NFT_RETRY, marked = 0;

	if (nft_batch_send(nc->sock, &gen) == -1) {
		nc->log->warn("nft: netlink batch");
		nc->gen_known = 0;
		return NFT_FATAL;
	}
	nerr = nft_batch_nerr(nc->sock);
	/* our own commit, and only ours, moved the generation by one */
	if (nc->gen_known && nerr == 0 && (gen == nc->gen + 1 ||
	    gen == nc->gen))
		nc->gen = gen;
	else if (nc->gen_known && gen != nc->gen)
		nc->gen_known = 0;
	if (nerr == 0)
		return NFT_OK;
	for (i = 0; i < nerr; i++) {
		rc = nft_judge(nc, c, nft_batch_err(nc->sock, i), &marked);
		if (rc == NFT_RESTART) {
			nc->gen_known = 0;
			return NFT_RESTART;
		}
		if (rc > worst)
			worst = rc;
	}
	if (worst == NFT_RETRY && !marked)
		worst = NFT_SINGLE;
	return worst;
}

static int
nft_fail_reset(struct nft_ctx *nc, size_t n)
{
	uint8_t	*p;

	if (n > nc->failcap) {
		if ((p = realloc(nc->fail, n)) == NULL) {
			nc->log->warn("nft");
			return -1;
		}
		nc->fail = p;
		nc->failcap = n;
	}
	if (n > 0)
		memset(nc->fail, NFT_FAIL_NONE, n);
	return 0;
}

/* what was not sent when a batch could not be: failed, all of it */
static void
nft_fail_rest(struct nft_ctx *nc, size_t start, size_t n)
{
	for (; start < n; start++)
		if (nc->fail[start] == NFT_FAIL_NONE)
			nc->fail[start] = NFT_FAIL_ERROR;
}

/*
 * Sends changes in as few batches as fit, first emptying both sets if
 * flush is set; a batch that fails is sent again without what failed.
 * Where failed is not NULL, failed[i] is set for each change that failed.
 */
static int
nft_run(struct nft_ctx *nc, const struct nl_change *c, size_t n, int flush,
    uint8_t *failed)
{
	size_t	i, start = 0, end;
	int	single = 0, rc = 0;

	if (nft_fail_reset(nc, n) == -1) {
		if (failed != NULL)
			memset(failed, 1, n);
		return -1;
	}
	for (i = 0; i < n; i++)
		if (!nft_change_valid(nc, &c[i])) {
			nc->fail[i] = NFT_FAIL_ERROR;
			if (!nc->replacing || c[i].op == NL_OP_ADD)
				rc = -1;
		}
	while (start < n || flush) {
		end = nft_build(nc, c, start, n, single, flush);
		switch (nft_commit(nc, c)) {
		case NFT_OK:
			start = end;
			flush = 0;
			single = 0;
			break;
		case NFT_RESTART:
		case NFT_RETRY:
			break;
		case NFT_SINGLE:
			if (!single) {
				single = 1;
				break;
			}
			nc->log->warnx("nft: %zu table changes failed",
			    end - start);
			/* FALLTHROUGH */
		default:
			nft_fail_rest(nc, start, n);
			rc = -1;
			flush = 0;
			start = n;
			break;
		}
	}
	for (i = 0; i < n; i++)
		if (nc->fail[i] == NFT_FAIL_ERROR) {
			if (failed != NULL)
				failed[i] = 1;
			rc = -1;
		}
	return rc;
}

static int
nft_apply(void *ctx, const struct nl_change *c, size_t n, uint8_t *failed)
{
	struct nft_ctx	*nc = ctx;

	if (n == 0)
		return 0;
	nc->replacing = 0;
	return nft_run(nc, c, n, 0, failed);
}

static int
nft_replace(void *ctx, const struct nl_change *c, size_t n)
{
	struct nft_ctx	*nc = ctx;
	char		 errbuf[8192];
	int		 rc;

	/* after a reload the sets are new ones, perhaps with new flags */
	if (nft_sets_load(nc, errbuf, sizeof(errbuf)) == -1) {
		nc->log->warnx("%s", errbuf);
		return -1;
	}
	nc->replacing = 1;
	rc = nft_run(nc, c, n, 1, NULL);
	nc->replacing = 0;
	return rc;
}

static int
nft_flush(void *ctx)
{
	struct nft_ctx	*nc = ctx;

	nc->replacing = 0;
	return nft_run(nc, NULL, 0, 1, NULL);
}

const struct nl_backend_ops nl_backend_nft = {
	.name = "nft",
	.open = nft_open,
	.apply = nft_apply,
	.replace = nft_replace,
	.list = nft_list,
	.flush = nft_flush,
	.check = nft_check,
	.capacity = nft_capacity,
	.close = nft_close,
};
