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
 * The pf backend (OpenBSD, FreeBSD): the table through /dev/pf ioctls on
 * struct pfioc_table. pf_batch.c does the bookkeeping that needs no BSD
 * header; this file fills struct pfr_addr and makes the ioctls.
 *
 * Where the ioctls live, and why. OpenBSD's pledge("pf") allows, of the
 * table ioctls, DIOCRADDTABLES, DIOCRCLRADDRS, DIOCRCLRTABLES,
 * DIOCRCLRTSTATS, DIOCRGETTSTATS and DIOCRSETADDRS (kern_pledge.c,
 * pledge_ioctl()), but not DIOCRADDADDRS, DIOCRDELADDRS nor
 * DIOCRGETADDRS, and no other promise allows them. A pledged table
 * process could therefore only replace the whole set: with max-entries
 * 200000 and a 52-byte struct pfr_addr that is 10.4 MB copied into the
 * kernel, and pfr_set_addrs() visiting every entry, on every event-loop
 * turn that whitelists one sender, on the path whose latency is the
 * product's headline figure. So these ioctls run in the small privileged
 * process of the privilege separation, which stays unpledged: it opens
 * /dev/pf before it drops anything, unveil()s nothing but /dev/pf and
 * the state file's directory, and only reads fixed-size, length-checked
 * change messages from the unprivileged processes that parse packets
 * and DNS. A turn that whitelists one sender then costs one 52-byte
 * DIOCRADDADDRS.
 *
 * FreeBSD refuses a request of more than net.pf.request_maxcount entries
 * (65535 by default), so batches are cut to that size, and a replace()
 * or list() of a larger table cannot be one ioctl. On both systems all
 * tables together hold at most "set limit table-entries" addresses
 * (200000 by default): a max-entries near that needs a higher limit in
 * pf.conf, or adds fail with ENOMEM; one above it is refused at start.
 */
#include <sys/types.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#ifdef __FreeBSD__
#include <sys/sysctl.h>
#endif

#include <net/if.h>
#include <netinet/in.h>
#include <net/pfvar.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"
#include "compat.h"
#include "pf_batch.h"
#include "tablename.h"

#define PF_DEVICE	"/dev/pf"

/* pfrio_esize must be the running system's struct pfr_addr */
#if defined(__OpenBSD__)
_Static_assert(sizeof(struct pfr_addr) == 52, "OpenBSD pfr_addr is 52 bytes");
#elif defined(__FreeBSD__)
_Static_assert(sizeof(struct pfr_addr) == 20, "FreeBSD pfr_addr is 20 bytes");
#endif
_Static_assert(sizeof(((struct pfr_table *)0)->pfrt_anchor) ==
    NL_PF_PATH_SIZE, "pfrt_anchor size");
_Static_assert(sizeof(((struct pfr_table *)0)->pfrt_name) ==
    NL_PF_TABLE_SIZE, "pfrt_name size");
_Static_assert(PF_ANCHOR_NAME_SIZE == NL_PF_ANCHOR_SIZE,
    "anchor component size");
_Static_assert(PFR_FB_NONE == PFB_FB_NONE && PFR_FB_ADDED == PFB_FB_ADDED &&
    PFR_FB_DELETED == PFB_FB_DELETED &&
    PFR_FB_DUPLICATE == PFB_FB_DUPLICATE &&
    PFR_FB_CONFLICT == PFB_FB_CONFLICT && PFR_FB_NOCOUNT == PFB_FB_NOCOUNT,
    "feedback codes");

struct pf_ctx {
	const struct nl_backend_log	*log;
	int			 fd;
	struct pfr_table	 table;		/* pfrt_flags stays 0 */
	char			 spec[NL_NAMELEN];
	size_t			 maxcount;
	struct pfb_batch	 batch;
	struct pfb_io		 io;
	struct pfr_addr		*abuf;
	size_t			 nabuf;
	struct pfr_tstats	*tstats;
	size_t			 ntstats;
};

static void	pf_close(void *);

static int
pf_reserve_abuf(struct pf_ctx *pc, size_t n)
{
	struct pfr_addr	*p;

	if (n == 0)
		n = 1;
	if (n <= pc->nabuf)
		return 0;
	if ((p = reallocarray(pc->abuf, n, sizeof(*p))) == NULL)
		return -1;
	pc->abuf = p;
	pc->nabuf = n;
	return 0;
}

static void
pf_fill_addr(struct pfr_addr *pa, const struct pfb_entry *e)
{
	/* a whole zeroed entry: pf refuses one whose pfra_fback is set */
	memset(pa, 0, sizeof(*pa));
	if (e->addr.af == NL_AF4) {
		pa->pfra_af = AF_INET;
		memcpy(&pa->pfra_ip4addr, e->addr.a, sizeof(pa->pfra_ip4addr));
	} else {
		pa->pfra_af = AF_INET6;
		memcpy(&pa->pfra_ip6addr, e->addr.a, sizeof(pa->pfra_ip6addr));
	}
	pa->pfra_net = e->plen;
}

static int
pf_read_addr(const struct pfr_addr *pa, struct nl_addr *a)
{
	memset(a, 0, sizeof(*a));
	switch (pa->pfra_af) {
	case AF_INET:
		nl_addr_set4(a, (const uint8_t *)&pa->pfra_ip4addr);
		return 0;
	case AF_INET6:
		nl_addr_set6(a, (const uint8_t *)&pa->pfra_ip6addr);
		return 0;
	default:
		return -1;
	}
}

static void
pf_table_io(const struct pf_ctx *pc, struct pfioc_table *io, void *buf,
    int esize, size_t n)
{
	memset(io, 0, sizeof(*io));
	io->pfrio_table = pc->table;
	io->pfrio_buffer = buf;
	io->pfrio_esize = esize;
	io->pfrio_size = (int)n;
}

/* DIOCRADDTABLES: a table that already exists is left as it is */
static int
pf_create_table(struct pf_ctx *pc)
{
	struct pfioc_table	io;
	struct pfr_table	t;

	t = pc->table;
	t.pfrt_flags = PFR_TFLAG_PERSIST;
	memset(&io, 0, sizeof(io));
	io.pfrio_buffer = &t;
	io.pfrio_esize = sizeof(t);
	io.pfrio_size = 1;
	if (ioctl(pc->fd, DIOCRADDTABLES, &io) == -1)
		return -1;
	if (io.pfrio_nadd > 0)
		pc->log->info("pf: created table <%s> (persist)", pc->spec);
	return 0;
}

/* all tables together hold at most "set limit table-entries" addresses */
static int
pf_table_limit(const struct pf_ctx *pc, uint32_t *limit)
{
	struct pfioc_limit	pl;

	memset(&pl, 0, sizeof(pl));
	pl.index = PF_LIMIT_TABLE_ENTRIES;
	if (ioctl(pc->fd, DIOCGETLIMIT, &pl) == -1)
		return -1;
	*limit = pl.limit;
	return 0;
}

static int
pf_check_limit(const struct pf_ctx *pc, uint32_t max, char *errbuf,
    size_t errlen)
{
	uint32_t	limit;

	if (pf_table_limit(pc, &limit) == -1) {
		snprintf(errbuf, errlen, "pf backend: DIOCGETLIMIT: %s",
		    strerror(errno));
		return -1;
	}
	if (limit < max) {
		snprintf(errbuf, errlen, "pf backend: pf holds at most %u "
		    "table entries, fewer than max-entries %u: put \"set "
		    "limit table-entries %u\" (more for other tables) in "
		    "pf.conf and load it, or lower max-entries", limit, max,
		    max);
		return -1;
	}
	return 0;
}

static uint32_t
pf_capacity(void *ctx)
{
	uint32_t	limit;

	return pf_table_limit(ctx, &limit) == -1 ? 0 : limit;
}

static size_t
pf_maxcount(void)
{
#ifdef __FreeBSD__
	u_long	v;
	size_t	len = sizeof(v);

	if (sysctlbyname("net.pf.request_maxcount", &v, &len, NULL, 0) == -1 ||
	    len != sizeof(v))
		return pfb_maxcount(0, 0);
	return pfb_maxcount(v, 1);
#else
	/* OpenBSD copies entries in one by one and sets no limit */
	return pfb_maxcount(INT_MAX, 1);
#endif
}

/* one DIOCRADDADDRS or DIOCRDELADDRS, with feedback */
static int
pf_ioctl_addrs(struct pf_ctx *pc, enum pfb_kind kind,
    const struct pfb_entry *e, size_t n)
{
	struct pfioc_table	io;
	size_t			i;

	for (i = 0; i < n; i++)
		pf_fill_addr(&pc->abuf[i], &e[i]);
	pf_table_io(pc, &io, pc->abuf, sizeof(struct pfr_addr), n);
	io.pfrio_flags = PFR_FLAG_FEEDBACK;
	return ioctl(pc->fd, kind == PFB_ADD ? DIOCRADDADDRS : DIOCRDELADDRS,
	    &io);
}

static void
pf_log_fback(const struct pf_ctx *pc, enum pfb_kind kind,
    const struct pfb_entry *e, size_t n, const uint8_t *fback)
{
	char		buf[NL_PREFIXSTRLEN];
	const char	*what = kind == PFB_ADD ? "add" : "delete";
	size_t		i;

	for (i = 0; i < n; i++) {
		switch (pfb_fback_class(kind, fback[i])) {
		case PFB_CLASS_FAILED:
			pc->log->warnx("pf: table <%s>: %s %s: %s", pc->spec,
			    what, nl_prefix_ntop(&e[i].addr, e[i].plen, buf,
			    sizeof(buf)), pfb_fback_name(fback[i]));
			break;
		case PFB_CLASS_UNCHANGED:
			pc->log->debug("pf: table <%s>: %s %s: nothing to do",
			    pc->spec, what, nl_prefix_ntop(&e[i].addr,
			    e[i].plen, buf, sizeof(buf)));
			break;
		default:
			break;
		}
	}
}

/*
 * The seam of pf_batch.c: one request of one kind. The table may have
 * gone with a ruleset flush; it is created again and an add retried
 * once, and a delete from a table that is gone has nothing to do.
 */
static int
pf_xfer(void *arg, enum pfb_kind kind, const struct pfb_entry *e, size_t n,
    uint8_t *fback)
{
	struct pf_ctx	*pc = arg;
	struct nl_addr	 a;
	size_t		 i;
	ssize_t		 at;

	if (pf_reserve_abuf(pc, n) == -1)
		return -1;
	if (pf_ioctl_addrs(pc, kind, e, n) == -1) {
		if (errno != ESRCH)
			goto refused;
		if (kind == PFB_DELETE) {
			memset(fback, PFB_FB_NONE, n);
			return 0;
		}
		pc->log->warnx("pf: table <%s> is gone; creating it again",
		    pc->spec);
		if (pf_create_table(pc) == -1 ||
		    pf_ioctl_addrs(pc, kind, e, n) == -1)
			goto refused;
	}
	for (i = 0; i < n; i++) {
		if (pf_read_addr(&pc->abuf[i], &a) == -1)
			continue;
		at = pfb_find(e, n, &a, pc->abuf[i].pfra_net);
		if (at != -1)
			fback[at] = pc->abuf[i].pfra_fback;
	}
	pf_log_fback(pc, kind, e, n, fback);
	return 0;
refused:
	pc->log->warn("pf: table <%s>: %s of %zu addresses", pc->spec,
	    kind == PFB_ADD ? "add" : "delete", n);
	return -1;
}

static void *
pf_open(const struct nl_config *conf, const struct nl_backend_log *log,
    char *errbuf, size_t errlen)
{
	struct pf_ctx	*pc;
	char		 msg[256];

	if ((pc = calloc(1, sizeof(*pc))) == NULL) {
		snprintf(errbuf, errlen, "pf backend: out of memory");
		return NULL;
	}
	pc->log = log;
	pc->fd = -1;
	strlcpy(pc->spec, nl_config_table(conf, NL_BACKEND_PF),
	    sizeof(pc->spec));
	if (nl_table_pf_split(pc->spec, pc->table.pfrt_anchor,
	    sizeof(pc->table.pfrt_anchor), pc->table.pfrt_name,
	    sizeof(pc->table.pfrt_name), msg, sizeof(msg)) == -1) {
		snprintf(errbuf, errlen, "pf backend: %s", msg);
		goto fail;
	}
	if ((pc->fd = open(PF_DEVICE, O_RDWR | O_CLOEXEC)) == -1) {
		snprintf(errbuf, errlen, "pf backend: %s: %s (nolistd must "
		    "start as root; -t print runs without pf)", PF_DEVICE,
		    strerror(errno));
		goto fail;
	}
	if (pf_check_limit(pc, conf->max_entries, errbuf, errlen) == -1)
		goto fail;
	pc->maxcount = pf_maxcount();
	if (pfb_io_init(&pc->io, pf_xfer, pc, pc->maxcount) == -1) {
		snprintf(errbuf, errlen, "pf backend: %s", strerror(errno));
		goto fail;
	}
	if (pf_create_table(pc) == -1) {
		snprintf(errbuf, errlen, "pf backend: cannot create table "
		    "<%s>: %s", pc->spec, strerror(errno));
		goto fail;
	}
	return pc;
fail:
	pf_close(pc);
	return NULL;
}

/*
 * Each change's fate comes from the kernel's feedback on its address
 * (pfra_fback, with PFR_FLAG_FEEDBACK), or from the refusal of its whole
 * request, which then changed nothing.
 */
static int
pf_apply(void *ctx, const struct nl_change *c, size_t n, uint8_t *failed)
{
	struct pf_ctx		*pc = ctx;
	struct pfb_batch	*b = &pc->batch;
	struct pfb_result	 r;
	int			 dropped, rv = 0;

	memset(&r, 0, sizeof(r));
	if ((dropped = pfb_coalesce(b, c, n, failed)) == -1) {
		pc->log->warn("pf: table <%s>: %zu changes", pc->spec, n);
		if (failed != NULL)
			memset(failed, 1, n);
		return -1;
	}
	if (dropped > 0) {
		pc->log->warnx("pf: table <%s>: %d malformed changes dropped",
		    pc->spec, dropped);
		rv = -1;
	}
	if (b->nadd > 0 && pfb_send(&pc->io, PFB_ADD, b->add, b->nadd,
	    &r, failed) == -1)
		rv = -1;
	if (b->ndel > 0 && pfb_send(&pc->io, PFB_DELETE, b->del, b->ndel,
	    &r, failed) == -1)
		rv = -1;
	if (r.failed > 0)
		pc->log->warnx("pf: table <%s>: %zu of %zu changes failed",
		    pc->spec, r.failed, b->nadd + b->ndel);
	pc->log->debug("pf: table <%s>: %zu changed, %zu unchanged, "
	    "%zu requests", pc->spec, r.done, r.unchanged, r.requests);
	return rv;
}

/* DIOCRSETADDRS: the kernel works out what to add and delete, atomically */
static int
pf_set_addrs(struct pf_ctx *pc, const struct pfb_entry *e, size_t n)
{
	struct pfioc_table	io;
	size_t			i;

	if (pf_reserve_abuf(pc, n) == -1)
		return -1;
	for (i = 0; i < n; i++)
		pf_fill_addr(&pc->abuf[i], &e[i]);
	pf_table_io(pc, &io, pc->abuf, sizeof(struct pfr_addr), n);
	if (ioctl(pc->fd, DIOCRSETADDRS, &io) == -1) {
		pc->log->warn("pf: table <%s>: replace with %zu addresses",
		    pc->spec, n);
		return -1;
	}
	pc->log->info("pf: table <%s> restored: %d added, %d deleted", pc->spec,
	    io.pfrio_nadd, io.pfrio_ndel);
	return 0;
}

static int
pf_flush(void *ctx)
{
	struct pf_ctx		*pc = ctx;
	struct pfioc_table	 io;

	pf_table_io(pc, &io, NULL, 0, 0);
	if (ioctl(pc->fd, DIOCRCLRADDRS, &io) == -1) {
		pc->log->warn("pf: table <%s>: flush", pc->spec);
		return -1;
	}
	pc->log->info("pf: table <%s> flushed: %d deleted", pc->spec,
	    io.pfrio_ndel);
	return 0;
}

static int
pf_replace(void *ctx, const struct nl_change *c, size_t n)
{
	struct pf_ctx		*pc = ctx;
	struct pfb_batch	*b = &pc->batch;
	struct pfb_result	 r;

	if (pfb_coalesce(b, c, n, NULL) == -1) {
		pc->log->warn("pf: table <%s>: %zu entries", pc->spec, n);
		return -1;
	}
	if (b->ndel > 0)
		pc->log->warnx("pf: table <%s>: replace ignores %zu deletes",
		    pc->spec, b->ndel);
	if (pf_create_table(pc) == -1) {
		pc->log->warn("pf: table <%s>: create", pc->spec);
		return -1;
	}
	if (b->nadd <= pc->maxcount)
		return pf_set_addrs(pc, b->add, b->nadd);
	/* FreeBSD: more than one request may carry */
	pc->log->warnx("pf: table <%s>: %zu entries exceed "
	    "net.pf.request_maxcount %zu; flushing and adding them in parts",
	    pc->spec, b->nadd, pc->maxcount);
	if (pf_flush(pc) == -1)
		return -1;
	memset(&r, 0, sizeof(r));
	return pfb_send(&pc->io, PFB_ADD, b->add, b->nadd, &r, NULL);
}

/* DIOCRGETADDRS, asking the size first */
static int
pf_list(void *ctx, nl_backend_list_fn *fn, void *arg)
{
	struct pf_ctx		*pc = ctx;
	struct pfioc_table	 io;
	struct nl_addr		 a;
	size_t			 want = 0, have, i;
	int			 tries;

	for (tries = 0;; tries++) {
		if (pf_reserve_abuf(pc, want) == -1)
			return -1;
		pf_table_io(pc, &io, pc->abuf, sizeof(struct pfr_addr), want);
		if (ioctl(pc->fd, DIOCRGETADDRS, &io) == -1) {
			pc->log->warn("pf: table <%s>: list", pc->spec);
			return -1;
		}
		if (io.pfrio_size < 0)
			return -1;
		have = (size_t)io.pfrio_size;
		if (have <= want)
			break;
		if (have > pc->maxcount) {
			pc->log->warnx("pf: table <%s> has %zu entries; "
			    "net.pf.request_maxcount (%zu) must be raised to "
			    "read them", pc->spec, have, pc->maxcount);
			return -1;
		}
		if (tries == 3) {
			pc->log->warnx("pf: table <%s>: keeps growing while "
			    "read", pc->spec);
			return -1;
		}
		/* room for what arrives between two calls */
		want = have + have / 16 + 16;
		if (want > pc->maxcount)
			want = pc->maxcount;
	}
	for (i = 0; i < have; i++)
		if (pf_read_addr(&pc->abuf[i], &a) == 0)
			fn(arg, &a, pc->abuf[i].pfra_net);
	return 0;
}

/* DIOCRGETTSTATS for the anchor's tables; -1 when the anchor is gone */
static int
pf_tstats(struct pf_ctx *pc, const struct pfr_tstats **ts, size_t *nts)
{
	struct pfioc_table	 io;
	struct pfr_tstats	*p;
	size_t			 want = 1;
	int			 tries;

	for (tries = 0; tries < 4; tries++) {
		if (want > pc->ntstats) {
			p = reallocarray(pc->tstats, want, sizeof(*p));
			if (p == NULL)
				return -1;
			pc->tstats = p;
			pc->ntstats = want;
		}
		memset(&io, 0, sizeof(io));
		strlcpy(io.pfrio_table.pfrt_anchor, pc->table.pfrt_anchor,
		    sizeof(io.pfrio_table.pfrt_anchor));
		io.pfrio_buffer = pc->tstats;
		io.pfrio_esize = sizeof(struct pfr_tstats);
		io.pfrio_size = (int)pc->ntstats;
		if (ioctl(pc->fd, DIOCRGETTSTATS, &io) == -1)
			return -1;
		if (io.pfrio_size >= 0 && (size_t)io.pfrio_size <= pc->ntstats) {
			*ts = pc->tstats;
			*nts = (size_t)io.pfrio_size;
			return 0;
		}
		want = (size_t)io.pfrio_size + 8;
	}
	errno = EAGAIN;
	return -1;
}

static int
pf_check(void *ctx, size_t expected)
{
	struct pf_ctx			*pc = ctx;
	const struct pfr_tstats		*ts;
	size_t				 nts, i;

	if (pf_tstats(pc, &ts, &nts) == -1) {
		/* OpenBSD says ENOENT, FreeBSD EINVAL, for no such anchor */
		if (errno != ENOENT && errno != EINVAL) {
			pc->log->warn("pf: table <%s>: statistics", pc->spec);
			return -1;
		}
		nts = 0;
	}
	for (i = 0; i < nts; i++) {
		if (strcmp(ts[i].pfrts_t.pfrt_name, pc->table.pfrt_name) != 0)
			continue;
		if ((ts[i].pfrts_t.pfrt_flags & PFR_TFLAG_ACTIVE) == 0)
			break;
		if (ts[i].pfrts_cnt < 0 || (size_t)ts[i].pfrts_cnt < expected) {
			pc->log->warnx("pf: table <%s> holds %d of %zu "
			    "entries; restoring it", pc->spec,
			    ts[i].pfrts_cnt, expected);
			return 1;
		}
		return 0;
	}
	pc->log->warnx("pf: table <%s> is gone; creating it again", pc->spec);
	if (pf_create_table(pc) == -1) {
		pc->log->warn("pf: table <%s>: create", pc->spec);
		return -1;
	}
	return 1;
}

static void
pf_close(void *ctx)
{
	struct pf_ctx	*pc = ctx;

	if (pc == NULL)
		return;
	if (pc->fd != -1)
		close(pc->fd);
	pfb_batch_free(&pc->batch);
	pfb_io_free(&pc->io);
	free(pc->abuf);
	free(pc->tstats);
	free(pc);
}

const struct nl_backend_ops nl_backend_pf = {
	.name = "pf",
	.open = pf_open,
	.apply = pf_apply,
	.replace = pf_replace,
	.list = pf_list,
	.flush = pf_flush,
	.check = pf_check,
	.capacity = pf_capacity,
	.close = pf_close
};
