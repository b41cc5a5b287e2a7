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
 * The pf backend's bookkeeping, kept apart from the ioctls so that it is
 * tested where pf does not run (regress/unit/test_pfbatch.c).
 *
 * One event-loop turn's changes go to the kernel as at most one
 * DIOCRADDADDRS and one DIOCRDELADDRS (more only where FreeBSD's
 * net.pf.request_maxcount cuts them). Since the two ioctls cannot keep
 * the order of an add and a delete of one address, the turn is first
 * coalesced to the last operation on each address.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pf_batch.h"

/* by address, then by position in the turn */
static int
pfb_entry_cmp(const void *va, const void *vb)
{
	const struct pfb_entry	*a = va, *b = vb;
	int			 c;

	if (a->addr.af != b->addr.af)
		return a->addr.af < b->addr.af ? -1 : 1;
	if ((c = memcmp(a->addr.a, b->addr.a, sizeof(a->addr.a))) != 0)
		return c;
	if (a->plen != b->plen)
		return a->plen < b->plen ? -1 : 1;
	if (a->seq != b->seq)
		return a->seq < b->seq ? -1 : 1;
	return 0;
}

static int
pfb_same_key(const struct pfb_entry *a, const struct pfb_entry *b)
{
	return a->addr.af == b->addr.af && a->plen == b->plen &&
	    memcmp(a->addr.a, b->addr.a, sizeof(a->addr.a)) == 0;
}

static int
pfb_reserve(struct pfb_batch *b, size_t n)
{
	struct pfb_entry	*ent, *add, *del;

	if (n <= b->cap)
		return 0;
	if ((ent = reallocarray(b->ent, n, sizeof(*ent))) == NULL)
		return -1;
	b->ent = ent;
	if ((add = reallocarray(b->add, n, sizeof(*add))) == NULL)
		return -1;
	b->add = add;
	if ((del = reallocarray(b->del, n, sizeof(*del))) == NULL)
		return -1;
	b->del = del;
	b->cap = n;
	return 0;
}

static int
pfb_valid_change(const struct nl_change *c)
{
	if (c->op != NL_OP_ADD && c->op != NL_OP_DELETE)
		return 0;
	if (c->addr.af != NL_AF4 && c->addr.af != NL_AF6)
		return 0;
	return c->plen <= nl_addr_maxplen(&c->addr);
}

/*
 * Returns the number of changes dropped as malformed, each marked in
 * failed where it is not NULL, or -1 when out of memory. Addresses are
 * masked again: pf refuses a whole request with EINVAL over one entry
 * with host bits set. A change that a later one on its address
 * overrides is not sent, and does not fail.
 */
int
pfb_coalesce(struct pfb_batch *b, const struct nl_change *c, size_t n,
    uint8_t *failed)
{
	struct pfb_entry	*e;
	size_t			 i, kept, dropped = 0;

	b->nent = b->nadd = b->ndel = 0;
	if (n > UINT32_MAX || n > INT_MAX) {
		errno = E2BIG;
		return -1;
	}
	if (pfb_reserve(b, n) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		if (!pfb_valid_change(&c[i])) {
			if (failed != NULL)
				failed[i] = 1;
			dropped++;
			continue;
		}
		e = &b->ent[b->nent++];
		e->addr = c[i].addr;
		nl_addr_mask(&e->addr, c[i].plen);
		e->plen = c[i].plen;
		e->op = c[i].op;
		e->seq = (uint32_t)i;
	}
	if (b->nent > 1)
		qsort(b->ent, b->nent, sizeof(*b->ent), pfb_entry_cmp);
	/* the last of each run of one address wins */
	for (i = 0, kept = 0; i < b->nent; i++) {
		if (i + 1 < b->nent && pfb_same_key(&b->ent[i], &b->ent[i + 1]))
			continue;
		b->ent[kept++] = b->ent[i];
	}
	b->nent = kept;
	for (i = 0; i < b->nent; i++) {
		if (b->ent[i].op == NL_OP_ADD)
			b->add[b->nadd++] = b->ent[i];
		else
			b->del[b->ndel++] = b->ent[i];
	}
	return (int)dropped;
}

/*
 * The index of the entry for an address in a sorted, coalesced slice,
 * or -1. OpenBSD writes an add's feedback in the reverse order of the
 * request, each slot with its address, so feedback is matched by
 * address, never by position.
 */
ssize_t
pfb_find(const struct pfb_entry *e, size_t n, const struct nl_addr *addr,
    uint8_t plen)
{
	struct pfb_entry	 key;
	size_t			 lo = 0, hi = n, mid;

	memset(&key, 0, sizeof(key));
	key.addr = *addr;
	key.plen = plen;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		key.seq = e[mid].seq;
		if (pfb_same_key(&key, &e[mid]))
			return (ssize_t)mid;
		if (pfb_entry_cmp(&key, &e[mid]) < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

void
pfb_batch_free(struct pfb_batch *b)
{
	free(b->ent);
	free(b->add);
	free(b->del);
	memset(b, 0, sizeof(*b));
}

/*
 * The entries a request may hold: FreeBSD's sysctl value when it could
 * be read and is sane, else its default; never more than pfrio_size, an
 * int, can say.
 */
size_t
pfb_maxcount(unsigned long sysctl_value, int have)
{
	if (!have || sysctl_value == 0)
		return PFB_MAXCOUNT_DEFAULT;
	if (sysctl_value > INT_MAX)
		return INT_MAX;
	return (size_t)sysctl_value;
}

int
pfb_io_init(struct pfb_io *io, pfb_xfer_fn *xfer, void *arg, size_t maxcount)
{
	memset(io, 0, sizeof(*io));
	if (maxcount == 0 || maxcount > INT_MAX) {
		errno = EINVAL;
		return -1;
	}
	io->xfer = xfer;
	io->arg = arg;
	io->maxcount = maxcount;
	return 0;
}

/* room for the feedback of the largest request so far */
static int
pfb_io_reserve(struct pfb_io *io, size_t n)
{
	uint8_t	*p;

	if (n <= io->nfback)
		return 0;
	if ((p = realloc(io->fback, n)) == NULL)
		return -1;
	io->fback = p;
	io->nfback = n;
	return 0;
}

void
pfb_io_free(struct pfb_io *io)
{
	free(io->fback);
	memset(io, 0, sizeof(*io));
}

int
pfb_fback_class(enum pfb_kind kind, int code)
{
	switch (code) {
	case PFB_FB_ADDED:
		return kind == PFB_ADD ? PFB_CLASS_DONE : PFB_CLASS_FAILED;
	case PFB_FB_DELETED:
		return kind == PFB_DELETE ? PFB_CLASS_DONE : PFB_CLASS_FAILED;
	case PFB_FB_NONE:
		/* add: already in the table; delete: already gone */
		return PFB_CLASS_UNCHANGED;
	case PFB_FB_DUPLICATE:
		return PFB_CLASS_DUPLICATE;
	default:
		/* CONFLICT (a negated entry of the admin's), or unanswered */
		return PFB_CLASS_FAILED;
	}
}

const char *
pfb_fback_name(int code)
{
	static const char *const names[] = {
		"none", "match", "added", "deleted", "changed", "cleared",
		"duplicate", "not-match", "conflict", "no-count"
	};

	if (code >= 0 && (size_t)code < sizeof(names) / sizeof(names[0]))
		return names[code];
	if (code == PFB_FB_UNANSWERED)
		return "unanswered";
	return "unknown";
}

/* failed is indexed by the entries' positions in the turn, as seq says */
static void
pfb_count(struct pfb_result *r, enum pfb_kind kind, const struct pfb_entry *e,
    const uint8_t *fback, size_t n, uint8_t *failed)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		switch (pfb_fback_class(kind, fback[i])) {
		case PFB_CLASS_DONE:
			r->done++;
			break;
		case PFB_CLASS_UNCHANGED:
			r->unchanged++;
			break;
		case PFB_CLASS_DUPLICATE:
			r->duplicate++;
			break;
		default:
			r->failed++;
			if (failed != NULL)
				failed[e[i].seq] = 1;
			break;
		}
	}
}

static void
pfb_fail_all(struct pfb_result *r, const struct pfb_entry *e, size_t n,
    uint8_t *failed)
{
	size_t	i;

	r->failed += n;
	if (failed != NULL)
		for (i = 0; i < n; i++)
			failed[e[i].seq] = 1;
}

/*
 * Sends n entries of one kind in requests of at most io->maxcount and
 * adds up the feedback in r. Returns 0, or -1 when a request was refused
 * or an address failed; errno then holds the last refusal's cause.
 * Where failed is not NULL, failed[e[i].seq] is set for each entry that
 * failed: a refused request fails all of its entries (pf adds or deletes
 * none of them then).
 */
int
pfb_send(struct pfb_io *io, enum pfb_kind kind, const struct pfb_entry *e,
    size_t n, struct pfb_result *r, uint8_t *failed)
{
	size_t	off, m, nfailed = r->failed;
	int	rv = 0, saved = 0;

	if (pfb_io_reserve(io, n < io->maxcount ? n : io->maxcount) == -1) {
		pfb_fail_all(r, e, n, failed);
		return -1;
	}
	for (off = 0; off < n; off += m) {
		m = n - off < io->maxcount ? n - off : io->maxcount;
		memset(io->fback, PFB_FB_UNANSWERED, m);
		r->requests++;
		if (io->xfer(io->arg, kind, e + off, m, io->fback) == -1) {
			saved = errno;
			pfb_fail_all(r, e + off, m, failed);
			rv = -1;
			continue;
		}
		pfb_count(r, kind, e + off, io->fback, m, failed);
	}
	if (r->failed > nfailed)
		rv = -1;
	if (saved != 0)
		errno = saved;
	return rv;
}
