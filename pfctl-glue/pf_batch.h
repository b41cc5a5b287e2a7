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
 * The part of the pf backend that needs no BSD header: one turn's
 * changes coalesced into an add list and a delete list, the lists cut
 * into requests the kernel accepts, and the kernel's per-address
 * feedback counted. pf.c owns the ioctls and reaches them
 * through the xfer function of struct pfb_io, so that a test can record
 * the requests on a system without pf.
 */
#ifndef NL_PF_BATCH_H
#define NL_PF_BATCH_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "change.h"

/* FreeBSD's net.pf.request_maxcount when it cannot be read */
#define PFB_MAXCOUNT_DEFAULT	65535

/*
 * pf's PFR_FB_* feedback codes; both systems number them alike and pf.c
 * asserts that they still do.
 */
enum pfb_fback {
	PFB_FB_NONE = 0,
	PFB_FB_MATCH,
	PFB_FB_ADDED,
	PFB_FB_DELETED,
	PFB_FB_CHANGED,
	PFB_FB_CLEARED,
	PFB_FB_DUPLICATE,
	PFB_FB_NOTMATCH,
	PFB_FB_CONFLICT,
	PFB_FB_NOCOUNT
};

enum pfb_kind {
	PFB_ADD = 0,
	PFB_DELETE
};

struct pfb_entry {
	struct nl_addr	 addr;
	uint8_t		 plen;
	uint8_t		 op;		/* enum nl_op */
	uint32_t	 seq;		/* position in the turn */
};

/* one turn's changes, coalesced; the arrays are kept for the next turn */
struct pfb_batch {
	struct pfb_entry	*ent;		/* sorted, one per address */
	size_t			 nent;
	struct pfb_entry	*add;
	size_t			 nadd;
	struct pfb_entry	*del;
	size_t			 ndel;
	size_t			 cap;
};

struct pfb_result {
	size_t	 done;		/* added or deleted */
	size_t	 unchanged;	/* already there, or already gone */
	size_t	 duplicate;	/* twice in one request */
	size_t	 failed;	/* the kernel refused it */
	size_t	 requests;	/* ioctls made */
};

/*
 * Sends entries [0, n) of one kind in one ioctl and stores the kernel's
 * feedback code of entry i in fback[i]. Returns 0, or -1 with errno set
 * when the kernel refused the whole request.
 */
typedef int	pfb_xfer_fn(void *, enum pfb_kind, const struct pfb_entry *,
		    size_t, uint8_t *);

struct pfb_io {
	pfb_xfer_fn	*xfer;
	void		*arg;
	size_t		 maxcount;	/* entries a request may hold */
	uint8_t		*fback;		/* a request's feedback codes */
	size_t		 nfback;
};

int	 pfb_coalesce(struct pfb_batch *, const struct nl_change *, size_t,
	    uint8_t *);
ssize_t	 pfb_find(const struct pfb_entry *, size_t, const struct nl_addr *,
	    uint8_t);
void	 pfb_batch_free(struct pfb_batch *);
size_t	 pfb_maxcount(unsigned long, int);
int	 pfb_io_init(struct pfb_io *, pfb_xfer_fn *, void *, size_t);
void	 pfb_io_free(struct pfb_io *);
int	 pfb_send(struct pfb_io *, enum pfb_kind, const struct pfb_entry *,
	    size_t, struct pfb_result *, uint8_t *);
int	 pfb_fback_class(enum pfb_kind, int);
const char *pfb_fback_name(int);

/* a feedback slot that the kernel did not write */
#define PFB_FB_UNANSWERED	0xff

/* what pfb_fback_class() makes of a code */
#define PFB_CLASS_DONE		0
#define PFB_CLASS_UNCHANGED	1
#define PFB_CLASS_DUPLICATE	2
#define PFB_CLASS_FAILED	3

#endif
