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
 * The nftables backend reads its sets back: list() gives the entries as
 * prefixes (an interval set's ranges split into them), check() tells
 * whether someone else's commit took entries away, capacity() what the
 * sets can hold.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/netfilter/nf_tables.h>

#include "backend.h"
#include "compat.h"
#include "nft_ctx.h"
#include "nft_nl.h"

struct nft_keys {
	struct nft_key	*k;
	size_t		 n;
	size_t		 cap;
	int		 nomem;
};

static void
nft_keys_add(void *arg, const struct nft_key *key)
{
	struct nft_keys	*ks = arg;
	struct nft_key	*k;
	size_t		 cap;

	if (ks->n == ks->cap) {
		cap = ks->cap == 0 ? 1024 : ks->cap * 2;
		if ((k = reallocarray(ks->k, cap, sizeof(*k))) == NULL) {
			ks->nomem = 1;
			return;
		}
		ks->k = k;
		ks->cap = cap;
	}
	ks->k[ks->n++] = *key;
}

static int
nft_key_cmp(const void *a, const void *b)
{
	const struct nft_key	*ka = a, *kb = b;
	int			 c;

	if ((c = memcmp(ka->k, kb->k, sizeof(ka->k))) != 0)
		return c;
	/* an end and a start at one address: the end closes the one before */
	return (int)kb->end - (int)ka->end;
}

static void
nft_addr(const struct nft_set *set, const uint8_t *k, struct nl_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (set->af == NL_AF4)
		nl_addr_set4(a, k);
	else
		nl_addr_set6(a, k);
}

/* the range [start, end) as prefixes; end NULL: to the top */
static void
nft_emit_range(const struct nft_set *set, const uint8_t *start,
    const uint8_t *end, nl_backend_list_fn *fn, void *arg)
{
	struct nl_addr	a;
	uint8_t		cur[NFT_KEYMAX], next[NFT_KEYMAX];
	int		plen, top, keylen = (int)set->keylen;

	if (end != NULL && memcmp(start, end, keylen) >= 0)
		return;
	memcpy(cur, start, keylen);
	for (;;) {
		top = nft_range_split(cur, end, keylen, &plen, next);
		nft_addr(set, cur, &a);
		fn(arg, &a, plen);
		if (top || (end != NULL && memcmp(next, end, keylen) >= 0))
			break;
		memcpy(cur, next, keylen);
	}
}

static void
nft_emit(const struct nft_set *set, struct nft_keys *ks,
    nl_backend_list_fn *fn, void *arg)
{
	struct nl_addr	 a;
	const uint8_t	*start = NULL;
	size_t		 i;

	if (!(set->flags & NFT_SET_INTERVAL)) {
		for (i = 0; i < ks->n; i++) {
			nft_addr(set, ks->k[i].k, &a);
			fn(arg, &a, nl_addr_maxplen(&a));
		}
		return;
	}
	if (ks->n == 0)
		return;
	qsort(ks->k, ks->n, sizeof(ks->k[0]), nft_key_cmp);
	for (i = 0; i < ks->n; i++) {
		if (start != NULL)
			nft_emit_range(set, start, ks->k[i].k, fn, arg);
		start = ks->k[i].end ? NULL : ks->k[i].k;
	}
	if (start != NULL)
		nft_emit_range(set, start, NULL, fn, arg);
}

int
nft_list(void *ctx, nl_backend_list_fn *fn, void *arg)
{
	struct nft_ctx	*nc = ctx;
	struct nft_keys	 ks;
	uint32_t	 before, after;
	int		 i, rc = 0;

	memset(&ks, 0, sizeof(ks));
	if (nft_get_gen(nc->sock, &before) == -1)
		rc = -1;
	for (i = 0; i < 2 && rc == 0; i++) {
		ks.n = 0;
		if (nft_dump_elems(nc->sock, nc->family, nc->table,
		    &nc->set[i], nft_keys_add, &ks) == -1) {
			nc->log->warn("nft: list set %s", nc->set[i].name);
			rc = -1;
		} else if (ks.nomem) {
			nc->log->warnx("nft: list set %s: out of memory",
			    nc->set[i].name);
			rc = -1;
		} else
			nft_emit(&nc->set[i], &ks, fn, arg);
	}
	free(ks.k);
	/*
	 * The caller now knows the sets as they are at this generation, so
	 * check() need not walk them again until someone else commits.
	 */
	if (rc == 0 && nft_get_gen(nc->sock, &after) == 0 && after == before) {
		nc->gen = after;
		nc->gen_known = 1;
	}
	return rc;
}

static void
nft_count(void *arg, const struct nft_key *key)
{
	size_t	*n = arg;

	if (!key->end)
		(*n)++;
}

/*
 * Someone else committed: did they take our entries? The sets were
 * recreated if their handles changed, emptied if they hold fewer
 * entries than the caller put there.
 */
static int
nft_check_sets(struct nft_ctx *nc, size_t expected)
{
	struct nft_set	now;
	size_t		count = 0;
	int		i;

	for (i = 0; i < 2; i++) {
		now = nc->set[i];
		if (nft_get_set(nc->sock, nc->family, nc->table, &now) == -1)
			return errno == ENOENT ? 1 : -1;
		if (now.has_handle != nc->set[i].has_handle ||
		    now.handle != nc->set[i].handle ||
		    now.flags != nc->set[i].flags ||
		    now.keylen != nc->set[i].keylen)
			return 1;
		if (nft_dump_elems(nc->sock, nc->family, nc->table, &now,
		    nft_count, &count) == -1)
			return errno == ENOENT ? 1 : -1;
	}
	return count < expected ? 1 : 0;
}

int
nft_check(void *ctx, size_t expected)
{
	struct nft_ctx	*nc = ctx;
	uint32_t	 gen;
	int		 rc;

	if (nft_get_gen(nc->sock, &gen) == -1) {
		nc->log->warn("nft: ruleset generation");
		return -1;
	}
	if (nc->gen_known && gen == nc->gen)
		return 0;
	/* a walk of both sets: costly, so it should follow others' commits */
	if (nc->gen_known)
		nc->log->debug("nft: generation %u, ours was %u: comparing the "
		    "sets", gen, nc->gen);
	else
		nc->log->debug("nft: generation %u not known: comparing the "
		    "sets", gen);
	if ((rc = nft_check_sets(nc, expected)) == 0) {
		nc->gen = gen;
		nc->gen_known = 1;
	} else if (rc == 1)
		nc->log->info("nft: set %s %s %s or %s was flushed, recreated "
		    "or removed", nc->familyname, nc->table, nc->set[0].name,
		    nc->set[1].name);
	return rc;
}

/* what the smaller set holds, its size read again: a reload may change it */
uint32_t
nft_capacity(void *ctx)
{
	struct nft_ctx	*nc = ctx;
	struct nft_set	 now;
	uint32_t	 cap = 0, per;
	int		 i;

	for (i = 0; i < 2; i++) {
		/* a copy: check() compares the handle it had */
		now = nc->set[i];
		if (nft_get_set(nc->sock, nc->family, nc->table,
		    &now) == -1 || now.size == 0)
			continue;
		per = now.size / nft_elems_per_entry(&now);
		if (cap == 0 || per < cap)
			cap = per;
	}
	return cap;
}
