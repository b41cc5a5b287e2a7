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
 * What the parent sends the engine it has just exec'd, before either
 * runs its event loop: the setup, the configuration, and the table the
 * parent reconciled, in batches, so that a table of any size passes
 * through a bounded buffer.
 */
#include <sys/types.h>

#include <string.h>
#include <sys/time.h>

#include "enginefeed.h"
#include "log.h"
#include "monotime.h"

#define FEED_BATCH	(MSG_MAXPAYLOAD / sizeof(struct nl_change))

struct feed {
	struct msgbuf		*mb;
	struct nl_change	 batch[FEED_BATCH];
	size_t			 n;
	struct timeval		 now;
	int			 failed;
};

static void
feed_flush(struct feed *f)
{
	if (f->failed)
		return;
	if (msg_compose(f->mb, MSG_RESTORE, f->batch,
	    f->n * sizeof(f->batch[0])) == -1 || msg_flush_all(f->mb) == -1)
		f->failed = 1;
	f->n = 0;
}

/*
 * A restore carries the reason the entry was saved with, not restore:
 * the engine takes it back into the same class (manual, renewed).
 */
static void
feed_entry(void *arg, const struct nl_wl_item *it)
{
	struct feed		*f = arg;

	nl_change_restore(&f->batch[f->n], &it->addr, it->plen,
	    it->expires, &f->now);
	f->batch[f->n++].reason = it->reason;
	if (f->n == FEED_BATCH)
		feed_flush(f);
}

/* 0, or -1 when the engine did not take it (it is gone, or stuck) */
int
enginefeed_send(struct msgbuf *mb, const struct engine_msg_setup *es,
    const struct nl_config *conf, const struct nl_wl *mirror)
{
	static struct feed	f;

	if (msg_compose(mb, MSG_SETUP, es, sizeof(*es)) == -1 ||
	    msg_compose(mb, MSG_CONFIG, conf, sizeof(*conf)) == -1 ||
	    msg_flush_all(mb) == -1)
		return -1;
	memset(&f, 0, sizeof(f));
	f.mb = mb;
	dclock_now(&f.now);
	nl_wl_walk(mirror, feed_entry, &f);
	if (f.n > 0)
		feed_flush(&f);
	/* the empty batch that ends the restore */
	feed_flush(&f);
	return f.failed ? -1 : 0;
}
