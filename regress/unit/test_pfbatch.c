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
 * The pf backend's bookkeeping (pfctl-glue/pf_batch.c) on a system
 * without pf: the ioctl is replaced by a recorder, and by a small model
 * of pf's table that answers with feedback the way the two kernels do
 * (FreeBSD in request order, OpenBSD's adds in reverse order).
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pf_batch.h"
#include "t.h"

/* ---- coalescing ---- */

static struct nl_change
chg(const char *prefix, int op)
{
	struct nl_change	c;
	int			plen;

	memset(&c, 0, sizeof(c));
	if (nl_prefix_parse(prefix, &c.addr, &plen) == -1)
		abort();
	c.plen = (uint8_t)plen;
	c.op = (uint8_t)op;
	return c;
}

static const char *
ent_str(const struct pfb_entry *e)
{
	static char	buf[NL_PREFIXSTRLEN];

	return nl_prefix_ntop(&e->addr, e->plen, buf, sizeof(buf));
}

static void
test_coalesce(void)
{
	struct pfb_batch	b;
	struct nl_change	c[8];
	uint8_t			failed[8];

	memset(&b, 0, sizeof(b));

	/* add then delete: the delete wins, and the other way round */
	c[0] = chg("192.0.2.10", NL_OP_ADD);
	c[1] = chg("192.0.2.10", NL_OP_DELETE);
	c[2] = chg("198.51.100.7", NL_OP_DELETE);
	c[3] = chg("198.51.100.7", NL_OP_ADD);
	T(pfb_coalesce(&b, c, 4, NULL) == 0);
	T(b.nadd == 1 && b.ndel == 1);
	T_STR(ent_str(&b.add[0]), "198.51.100.7/32");
	T_STR(ent_str(&b.del[0]), "192.0.2.10/32");

	/* add, delete, add: one add */
	c[0] = chg("2001:db8::1", NL_OP_ADD);
	c[1] = chg("2001:db8::1", NL_OP_DELETE);
	c[2] = chg("2001:db8::1", NL_OP_ADD);
	T(pfb_coalesce(&b, c, 3, NULL) == 0);
	T(b.nadd == 1 && b.ndel == 0);
	T_STR(ent_str(&b.add[0]), "2001:db8::1/128");

	/* the same address twice: once */
	c[0] = chg("203.0.113.5", NL_OP_ADD);
	c[1] = chg("203.0.113.5", NL_OP_ADD);
	T(pfb_coalesce(&b, c, 2, NULL) == 0);
	T(b.nadd == 1);

	/* prefixes and families are different entries */
	c[0] = chg("203.0.113.0/24", NL_OP_ADD);
	c[1] = chg("203.0.113.0/32", NL_OP_DELETE);
	c[2] = chg("::cb00:7100", NL_OP_ADD);
	T(pfb_coalesce(&b, c, 3, NULL) == 0);
	T(b.nadd == 2 && b.ndel == 1);

	/* host bits are cleared: pf refuses the whole request over them */
	c[0] = chg("203.0.113.77", NL_OP_ADD);
	c[0].plen = 24;
	c[1] = chg("2001:db8:1:2:3::9", NL_OP_ADD);
	c[1].plen = 64;
	T(pfb_coalesce(&b, c, 2, NULL) == 0);
	T(b.nadd == 2);
	T_STR(ent_str(&b.add[0]), "203.0.113.0/24");
	T_STR(ent_str(&b.add[1]), "2001:db8:1:2::/64");

	/* malformed changes are dropped and counted */
	c[0] = chg("192.0.2.1", NL_OP_ADD);
	c[0].plen = 33;
	c[1] = chg("192.0.2.2", NL_OP_ADD);
	c[1].addr.af = 0;
	c[2] = chg("192.0.2.3", NL_OP_ADD);
	c[2].op = 7;
	c[3] = chg("192.0.2.4", NL_OP_ADD);
	memset(failed, 0, sizeof(failed));
	T(pfb_coalesce(&b, c, 4, failed) == 3);
	T(b.nadd == 1 && b.ndel == 0);
	T_STR(ent_str(&b.add[0]), "192.0.2.4/32");
	T(failed[0] && failed[1] && failed[2] && !failed[3]);

	/* an empty turn */
	T(pfb_coalesce(&b, c, 0, NULL) == 0);
	T(b.nadd == 0 && b.ndel == 0);

	pfb_batch_free(&b);
	T(b.ent == NULL && b.cap == 0);
}

/* ---- request sizes ---- */

static void
test_maxcount(void)
{
	T(pfb_maxcount(0, 0) == 65535);
	T(pfb_maxcount(12345, 0) == 65535);
	T(pfb_maxcount(0, 1) == 65535);
	T(pfb_maxcount(100, 1) == 100);
	T(pfb_maxcount(65535, 1) == 65535);
	T(pfb_maxcount(ULONG_MAX, 1) == INT_MAX);
}

struct recorder {
	size_t		 nreq;
	size_t		 sizes[16];
	enum pfb_kind	 kinds[16];
	size_t		 seen;
	uint32_t	 first_seq[16];
	int		 code;		/* written for every entry */
	int		 stale;		/* a slot held an old answer */
	int		 fail_req;	/* request that fails, or -1 */
	int		 fail_errno;
	size_t		 leave_unanswered;	/* last n slots not written */
};

static int
record(void *arg, enum pfb_kind kind, const struct pfb_entry *e, size_t n,
    uint8_t *fback)
{
	struct recorder	*r = arg;
	size_t		 i, req = r->nreq++;

	if (req < 16) {
		r->sizes[req] = n;
		r->kinds[req] = kind;
		r->first_seq[req] = n > 0 ? e[0].seq : 0;
	}
	r->seen += n;
	/* the slots must not carry an earlier request's answers */
	for (i = 0; i < n; i++)
		if (fback[i] != PFB_FB_UNANSWERED)
			r->stale = 1;
	if ((int)req == r->fail_req) {
		errno = r->fail_errno;
		return -1;
	}
	for (i = 0; i + r->leave_unanswered < n; i++)
		fback[i] = (uint8_t)r->code;
	return 0;
}

static struct pfb_entry *
entries(size_t n)
{
	struct pfb_entry	*e;
	size_t			 i;

	if ((e = calloc(n, sizeof(*e))) == NULL)
		abort();
	for (i = 0; i < n; i++) {
		e[i].addr.af = NL_AF4;
		e[i].addr.a[0] = 10;
		e[i].addr.a[1] = (uint8_t)(i >> 16);
		e[i].addr.a[2] = (uint8_t)(i >> 8);
		e[i].addr.a[3] = (uint8_t)i;
		e[i].plen = 32;
		e[i].seq = (uint32_t)i;
	}
	return e;
}

static void
test_chunks(void)
{
	struct pfb_io		 io;
	struct recorder		 rec;
	struct pfb_result	 res;
	struct pfb_entry	*e;
	uint8_t			 failed[8];

	e = entries(200000);

	/* 200,000 adds under FreeBSD's default limit: four requests */
	memset(&rec, 0, sizeof(rec));
	rec.fail_req = -1;
	rec.code = PFB_FB_ADDED;
	memset(&res, 0, sizeof(res));
	T(pfb_io_init(&io, record, &rec, pfb_maxcount(0, 0)) == 0);
	T(pfb_send(&io, PFB_ADD, e, 200000, &res, NULL) == 0);
	T(rec.nreq == 4 && res.requests == 4);
	T(rec.sizes[0] == 65535 && rec.sizes[1] == 65535 &&
	    rec.sizes[2] == 65535 && rec.sizes[3] == 200000 - 3 * 65535);
	T(rec.first_seq[1] == 65535 && rec.first_seq[3] == 3 * 65535);
	T(rec.seen == 200000 && res.done == 200000 && res.failed == 0);
	T(!rec.stale);
	pfb_io_free(&io);

	/* where the kernel sets no limit, one request */
	memset(&rec, 0, sizeof(rec));
	rec.fail_req = -1;
	rec.code = PFB_FB_DELETED;
	memset(&res, 0, sizeof(res));
	T(pfb_io_init(&io, record, &rec, pfb_maxcount(INT_MAX, 1)) == 0);
	T(pfb_send(&io, PFB_DELETE, e, 200000, &res, NULL) == 0);
	T(rec.nreq == 1 && rec.sizes[0] == 200000);
	T(rec.kinds[0] == PFB_DELETE && res.done == 200000);
	pfb_io_free(&io);

	/* a small limit: 3 + 3 + 1 */
	memset(&rec, 0, sizeof(rec));
	rec.fail_req = -1;
	rec.code = PFB_FB_ADDED;
	memset(&res, 0, sizeof(res));
	T(pfb_io_init(&io, record, &rec, 3) == 0);
	T(pfb_send(&io, PFB_ADD, e, 7, &res, NULL) == 0);
	T(rec.nreq == 3 && rec.sizes[0] == 3 && rec.sizes[1] == 3 &&
	    rec.sizes[2] == 1 && rec.seen == 7);

	/* a refused request: its entries fail, the others still go */
	memset(&rec, 0, sizeof(rec));
	rec.fail_req = 1;
	rec.fail_errno = ESRCH;
	rec.code = PFB_FB_ADDED;
	memset(&res, 0, sizeof(res));
	errno = 0;
	memset(failed, 0, sizeof(failed));
	T(pfb_send(&io, PFB_ADD, e, 7, &res, failed) == -1);
	T(errno == ESRCH);
	T(rec.nreq == 3 && res.failed == 3 && res.done == 4);
	/* each change is told apart: those of the refused request failed */
	T(!failed[0] && !failed[1] && !failed[2] && failed[3] && failed[4] &&
	    failed[5] && !failed[6]);

	/* slots the kernel left alone count as failures, not successes */
	memset(&rec, 0, sizeof(rec));
	rec.fail_req = -1;
	rec.code = PFB_FB_ADDED;
	rec.leave_unanswered = 1;
	memset(&res, 0, sizeof(res));
	memset(failed, 0, sizeof(failed));
	T(pfb_send(&io, PFB_ADD, e, 7, &res, failed) == -1);
	T(res.done == 4 && res.failed == 3);
	/* the last slot of each request of 3, 3 and 1 */
	T(!failed[0] && !failed[1] && failed[2] && !failed[3] && !failed[4] &&
	    failed[5] && failed[6]);


	/* a result shared by the add and the delete: each call says its own */
	memset(&rec, 0, sizeof(rec));
	rec.fail_req = -1;
	rec.code = PFB_FB_DELETED;
	T(pfb_send(&io, PFB_DELETE, e, 2, &res, NULL) == 0);
	T(res.done == 6 && res.failed == 3);
	T(!rec.stale);
	/* an admin's negated entry: a conflict fails that change */
	memset(&rec, 0, sizeof(rec));
	rec.fail_req = -1;
	rec.code = PFB_FB_CONFLICT;
	memset(&res, 0, sizeof(res));
	memset(failed, 0, sizeof(failed));
	T(pfb_send(&io, PFB_ADD, e, 2, &res, failed) == -1);
	T(res.failed == 2 && failed[0] && failed[1] && !failed[2]);
	pfb_io_free(&io);
	T(io.fback == NULL && io.nfback == 0);

	T(pfb_io_init(&io, record, &rec, 0) == -1 && errno == EINVAL);
	T(pfb_io_init(&io, record, &rec, (size_t)INT_MAX + 1) == -1);
	free(e);
}

/* ---- feedback ---- */

static void
test_fback(void)
{
	T(pfb_fback_class(PFB_ADD, PFB_FB_ADDED) == PFB_CLASS_DONE);
	T(pfb_fback_class(PFB_ADD, PFB_FB_NONE) == PFB_CLASS_UNCHANGED);
	T(pfb_fback_class(PFB_ADD, PFB_FB_DUPLICATE) == PFB_CLASS_DUPLICATE);
	T(pfb_fback_class(PFB_ADD, PFB_FB_CONFLICT) == PFB_CLASS_FAILED);
	T(pfb_fback_class(PFB_ADD, PFB_FB_DELETED) == PFB_CLASS_FAILED);
	T(pfb_fback_class(PFB_DELETE, PFB_FB_DELETED) == PFB_CLASS_DONE);
	T(pfb_fback_class(PFB_DELETE, PFB_FB_NONE) == PFB_CLASS_UNCHANGED);
	T(pfb_fback_class(PFB_DELETE, PFB_FB_DUPLICATE) ==
	    PFB_CLASS_DUPLICATE);
	T(pfb_fback_class(PFB_DELETE, PFB_FB_CONFLICT) == PFB_CLASS_FAILED);
	T(pfb_fback_class(PFB_DELETE, PFB_FB_ADDED) == PFB_CLASS_FAILED);
	T(pfb_fback_class(PFB_ADD, PFB_FB_UNANSWERED) == PFB_CLASS_FAILED);
	T(pfb_fback_class(PFB_ADD, 10) == PFB_CLASS_FAILED);
	T_STR(pfb_fback_name(PFB_FB_ADDED), "added");
	T_STR(pfb_fback_name(PFB_FB_CONFLICT), "conflict");
	T_STR(pfb_fback_name(PFB_FB_NOCOUNT), "no-count");
	T_STR(pfb_fback_name(PFB_FB_UNANSWERED), "unanswered");
	T_STR(pfb_fback_name(42), "unknown");
	/* pf's numbers, which pf.c asserts against <net/pfvar.h> */
	T(PFB_FB_NONE == 0 && PFB_FB_ADDED == 2 && PFB_FB_DELETED == 3 &&
	    PFB_FB_DUPLICATE == 6 && PFB_FB_CONFLICT == 8);
}

/*
 * ---- a model of pf's table ----
 * Enough of pfr_add_addrs()/pfr_del_addrs() to check that a turn sent as
 * one add and one delete request leaves the table as the changes one by
 * one would, and that feedback finds its entry in either kernel's order.
 */
#define MODEL_MAX	4096

struct model {
	struct pfb_entry	 tab[MODEL_MAX];
	size_t			 n;
	int			 reverse_adds;	/* OpenBSD */
	struct pfb_entry	 out[MODEL_MAX];	/* the returned buffer */
	uint8_t			 code[MODEL_MAX];
	size_t			 requests;
	size_t			 lost;		/* answers matching no entry */
	size_t			 cap;		/* 0: MODEL_MAX */
};

static ssize_t
model_lookup(const struct model *m, const struct pfb_entry *e)
{
	size_t	i;

	for (i = 0; i < m->n; i++)
		if (m->tab[i].addr.af == e->addr.af &&
		    m->tab[i].plen == e->plen &&
		    memcmp(m->tab[i].addr.a, e->addr.a, 16) == 0)
			return (ssize_t)i;
	return -1;
}

static void
model_one(struct model *m, enum pfb_kind kind, const struct pfb_entry *e,
    uint8_t *code)
{
	ssize_t	at = model_lookup(m, e);

	if (kind == PFB_ADD) {
		*code = at == -1 ? PFB_FB_ADDED : PFB_FB_NONE;
		if (at == -1 && m->n < MODEL_MAX)
			m->tab[m->n++] = *e;
	} else {
		*code = at == -1 ? PFB_FB_NONE : PFB_FB_DELETED;
		if (at != -1)
			m->tab[at] = m->tab[--m->n];
	}
}

/* what pf.c's pf_xfer() does with the returned buffer */
static int
model_xfer(void *arg, enum pfb_kind kind, const struct pfb_entry *e,
    size_t n, uint8_t *fback)
{
	struct model	*m = arg;
	size_t		 i, j;
	ssize_t		 at;

	m->requests++;
	/* pf allocates every new entry first: one too many fails them all */
	if (kind == PFB_ADD && m->cap != 0) {
		for (i = 0, j = m->n; i < n; i++)
			j += model_lookup(m, &e[i]) == -1;
		if (j > m->cap) {
			errno = ENOMEM;
			return -1;
		}
	}
	for (i = 0; i < n; i++) {
		j = kind == PFB_ADD && m->reverse_adds ? n - 1 - i : i;
		m->out[j] = e[i];
		model_one(m, kind, &e[i], &m->code[j]);
	}
	for (j = 0; j < n; j++) {
		at = pfb_find(e, n, &m->out[j].addr, m->out[j].plen);
		if (at == -1)
			m->lost++;
		else
			fback[at] = m->code[j];
	}
	return 0;
}

static void
model_apply_serial(struct model *m, const struct nl_change *c, size_t n)
{
	struct pfb_entry	e;
	uint8_t			code;
	size_t			i;

	for (i = 0; i < n; i++) {
		memset(&e, 0, sizeof(e));
		e.addr = c[i].addr;
		e.plen = c[i].plen;
		model_one(m, c[i].op == NL_OP_ADD ? PFB_ADD : PFB_DELETE, &e,
		    &code);
	}
}

static int
model_same(const struct model *a, const struct model *b)
{
	size_t	i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (model_lookup(b, &a->tab[i]) == -1)
			return 0;
	return 1;
}

static void
test_model(int reverse)
{
	static struct model	 kern, ref;
	struct pfb_batch	 b;
	struct pfb_io		 io;
	struct pfb_result	 radd, rdel;
	struct nl_change	 c[64];
	uint32_t		 x = 2463534242u;
	size_t			 turn, i, before;
	int			 ok = 1, same = 1;

	memset(&kern, 0, sizeof(kern));
	memset(&ref, 0, sizeof(ref));
	kern.reverse_adds = reverse;
	memset(&b, 0, sizeof(b));
	T(pfb_io_init(&io, model_xfer, &kern, 16) == 0);
	for (turn = 0; turn < 500; turn++) {
		for (i = 0; i < 64; i++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			memset(&c[i], 0, sizeof(c[i]));
			/* few addresses, so that turns repeat them */
			if (x & 1) {
				c[i].addr.af = NL_AF4;
				c[i].addr.a[0] = 192;
				c[i].addr.a[2] = 2;
				c[i].addr.a[3] = (uint8_t)((x >> 8) % 40);
				c[i].plen = 32;
			} else {
				c[i].addr.af = NL_AF6;
				c[i].addr.a[0] = 0x20;
				c[i].addr.a[1] = 0x01;
				c[i].addr.a[2] = 0x0d;
				c[i].addr.a[3] = 0xb8;
				c[i].addr.a[15] = (uint8_t)((x >> 8) % 40);
				c[i].plen = 128;
			}
			c[i].op = (x >> 20) % 3 == 0 ? NL_OP_DELETE : NL_OP_ADD;
		}
		model_apply_serial(&ref, c, 64);
		before = kern.n;
		memset(&radd, 0, sizeof(radd));
		memset(&rdel, 0, sizeof(rdel));
		if (pfb_coalesce(&b, c, 64, NULL) != 0)
			ok = 0;
		if (pfb_send(&io, PFB_ADD, b.add, b.nadd, &radd, NULL) == -1 ||
		    pfb_send(&io, PFB_DELETE, b.del, b.ndel, &rdel, NULL) == -1)
			ok = 0;
		if (!model_same(&kern, &ref))
			same = 0;
		/* feedback reached the right entries: the counts add up */
		if (radd.done + radd.unchanged != b.nadd ||
		    rdel.done + rdel.unchanged != b.ndel ||
		    radd.failed + rdel.failed + radd.duplicate +
		    rdel.duplicate != 0 ||
		    kern.n + rdel.done != before + radd.done)
			ok = 0;
	}
	T(ok);
	T(same);
	T(kern.requests >= 500);
	T(kern.lost == 0);
	pfb_io_free(&io);
	pfb_batch_free(&b);
}

/*
 * The parent's mirror takes a change only where the backend says it did
 * not fail, and a failed add leaves it: whatever the table refused, the
 * mirror then holds nothing the table does not. A table that holds at
 * most 24 entries refuses whole requests, as pf does when it is full.
 */
static void
test_model_full(int reverse)
{
	static struct model	 kern, mirror;
	struct pfb_batch	 b;
	struct pfb_io		 io;
	struct pfb_result	 r;
	struct pfb_entry	 e;
	struct nl_change	 c[16];
	uint8_t			 failed[16], code;
	uint32_t		 x = 88172645u;
	size_t			 turn, i, nfailed = 0, j;
	int			 subset = 1;

	memset(&kern, 0, sizeof(kern));
	memset(&mirror, 0, sizeof(mirror));
	kern.reverse_adds = reverse;
	kern.cap = 24;
	memset(&b, 0, sizeof(b));
	T(pfb_io_init(&io, model_xfer, &kern, 4) == 0);
	for (turn = 0; turn < 2000; turn++) {
		for (i = 0; i < 16; i++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			c[i] = chg("192.0.2.0", (x >> 20) % 4 == 0 ?
			    NL_OP_DELETE : NL_OP_ADD);
			c[i].addr.a[3] = (uint8_t)((x >> 8) % 48);
		}
		memset(failed, 0, sizeof(failed));
		memset(&r, 0, sizeof(r));
		T(pfb_coalesce(&b, c, 16, failed) == 0);
		pfb_send(&io, PFB_ADD, b.add, b.nadd, &r, failed);
		pfb_send(&io, PFB_DELETE, b.del, b.ndel, &r, failed);
		for (i = 0; i < 16; i++) {
			memset(&e, 0, sizeof(e));
			e.addr = c[i].addr;
			e.plen = c[i].plen;
			nfailed += failed[i];
			model_one(&mirror, failed[i] || c[i].op ==
			    NL_OP_DELETE ? PFB_DELETE : PFB_ADD, &e, &code);
		}
		for (j = 0; j < mirror.n; j++)
			if (model_lookup(&kern, &mirror.tab[j]) == -1)
				subset = 0;
		/* the heal: after a failure the table becomes the mirror */
		kern.n = mirror.n;
		memcpy(kern.tab, mirror.tab, mirror.n * sizeof(kern.tab[0]));
	}
	T(subset);
	T(nfailed > 100);
	pfb_io_free(&io);
	pfb_batch_free(&b);
}

/* feedback matched by address, with a table that answers per entry */
static void
test_find(void)
{
	struct pfb_entry	*e = entries(1000);
	struct nl_addr		 a;
	size_t			 i;
	int			 ok = 1;

	for (i = 0; i < 1000; i++)
		if (pfb_find(e, 1000, &e[i].addr, 32) != (ssize_t)i)
			ok = 0;
	T(ok);
	a = e[5].addr;
	T(pfb_find(e, 1000, &a, 24) == -1);
	a.a[0] = 11;
	T(pfb_find(e, 1000, &a, 32) == -1);
	T(pfb_find(e, 0, &a, 32) == -1);
	free(e);
}

int
main(void)
{
	test_coalesce();
	test_maxcount();
	test_chunks();
	test_fback();
	test_find();
	test_model(0);
	test_model_full(0);
	test_model_full(1);
	test_model(1);
	return t_done();
}
