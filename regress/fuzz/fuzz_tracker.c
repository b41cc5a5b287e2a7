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
 * libFuzzer target: a stream of pflog and nflog frames, parsed and fed
 * to the tracker with a small max-entries, checking after each record
 * what the whitelist promises: never more than max-entries, the changes
 * reported add up to what it holds, every change is a masked prefix, no
 * entry outlives its expiry, and a SYN to the fake MX is whitelisted.
 *
 * Input: two bytes of settings, then records, each a header byte (bit 0:
 * nflog, else pflog; bit 1: reload with max-entries halved; bits 2-7:
 * seconds since the last record), a big-endian length and the frame.
 */
#include <sys/time.h>

#include <sanitizer/asan_interface.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "config.h"
#include "parse.h"
#include "record.h"
#include "tracker.h"
#include "whitelist.h"

#define FZ_START	1732260000
#define FZ_FRAMEMAX	65535		/* a record's length is 16 bits */

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char fz_conf[] =
	"fake-mx 192.0.2.1 2001:db8::1\n"
	"real-mx 192.0.2.2 2001:db8::2\n"
	"port 25 587\n"
	"expand none\n";

struct fz_state {
	struct nl_wl	*held;		/* what the changes say it holds */
};

/*
 * Each frame is parsed at the start of this buffer with the rest of it
 * poisoned, so that ASan sees a buffer of the frame's size, as if each
 * had its own: a malloc and a free a record were a fifth of the time.
 */
static uint8_t		*fz_frames;
/* fz_conf, parsed once: each input sets the fields it chooses */
static struct nl_config	 fz_base;

static void
fz_noerr(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
	abort();
}

static void
fz_change(void *arg, const struct nl_change *c)
{
	struct fz_state		*st = arg;
	struct nl_addr		 masked;
	struct nl_wl_item	 it;

	if (c->op > NL_OP_DELETE || c->reason >= NL_REASON_MAX ||
	    (c->addr.af != NL_AF4 && c->addr.af != NL_AF6) ||
	    c->plen > nl_addr_maxplen(&c->addr))
		abort();
	masked = c->addr;
	nl_addr_mask(&masked, c->plen);
	if (!nl_addr_eq(&masked, &c->addr))
		abort();
	if (c->op == NL_OP_DELETE) {
		if (nl_wl_del(st->held, &c->addr, c->plen, NULL) == -1)
			abort();
		return;
	}
	/* an add of what it holds is a renewal, or a move up a class */
	memset(&it, 0, sizeof(it));
	it.addr = c->addr;
	it.plen = c->plen;
	it.expires = c->expires;
	if (nl_wl_put(st->held, &it, NULL) == NL_WL_NEW_EVICTED)
		abort();
}

static int
fz_is_fake_mx_syn(const struct nl_config *conf, const struct nl_record *r)
{
	return nl_record_is_syn(r) && nl_config_port_watched(conf, r->dport) &&
	    (r->src.af == NL_AF4 || r->src.af == NL_AF6) &&
	    nl_config_is_fake_mx(conf, &r->dst);
}

static void
fz_check(struct nl_tracker *t, const struct fz_state *st,
    const struct timeval *now)
{
	const struct nl_wl	*wl = nl_tracker_whitelist(t);
	struct nl_wl_item	 it;

	if (nl_wl_count(wl) != nl_wl_count(st->held) ||
	    nl_wl_count(wl) > nl_wl_max(wl))
		abort();
	if (nl_wl_peek(wl, &it) == 0 && it.expires <= now->tv_sec)
		abort();
}

static void
fz_run(struct nl_config *conf, const uint8_t *data, size_t len)
{
	struct nl_tracker_cb	 cb;
	struct nl_tracker	*t;
	struct nl_record	 r;
	struct nl_wl_item	 it;
	struct fz_state		 st;
	struct timeval		 now = { FZ_START, 0 };
	size_t			 flen;
	uint8_t			 hdr;
	int			 rc;

	memset(&st, 0, sizeof(st));
	memset(&cb, 0, sizeof(cb));
	cb.change = fz_change;
	cb.arg = &st;
	/* max-entries is 16 at most */
	if ((st.held = nl_wl_new(256)) == NULL)
		return;
	if ((t = nl_tracker_new(conf, &cb)) == NULL) {
		nl_wl_free(st.held);
		return;
	}
	while (len >= 3) {
		flen = (size_t)data[1] << 8 | data[2];
		if (flen > len - 3)
			flen = len - 3;
		now.tv_sec += data[0] >> 2;
		now.tv_usec = (now.tv_usec + 1) % 1000000;
		ASAN_UNPOISON_MEMORY_REGION(fz_frames, flen);
		memcpy(fz_frames, data + 3, flen);
		memset(&r, 0, sizeof(r));
		hdr = data[0];
		rc = (hdr & 1) ? nl_parse_nflog(fz_frames, flen, &r) :
		    nl_parse_pflog(fz_frames, flen, &r);
		ASAN_POISON_MEMORY_REGION(fz_frames, flen);
		data += 3 + flen;
		len -= 3 + flen;
		nl_tracker_expire(t, &now);
		fz_check(t, &st, &now);
		if ((hdr & 2) && conf->max_entries > 1) {
			conf->max_entries /= 2;
			if (nl_tracker_set_config(t, conf) == -1)
				abort();
			fz_check(t, &st, &now);
		}
		if (rc != NL_PARSE_OK)
			continue;
		r.time = now;
		nl_tracker_record(t, &r);
		fz_check(t, &st, &now);
		if (fz_is_fake_mx_syn(conf, &r) &&
		    (nl_tracker_find(t, &r.src, &it) == -1 ||
		    it.expires <= now.tv_sec))
			abort();
	}
	nl_tracker_flush(t, NL_REASON_MANUAL, &now);
	if (nl_wl_count(st.held) != 0 ||
	    nl_wl_count(nl_tracker_whitelist(t)) != 0)
		abort();
	nl_tracker_free(t);
	nl_wl_free(st.held);
}

static void
fz_init(void)
{
	if (nl_config_parse_buf("fuzz", fz_conf, sizeof(fz_conf) - 1,
	    &fz_base, fz_noerr, NULL) != 0)
		abort();
	if ((fz_frames = malloc(FZ_FRAMEMAX)) == NULL)
		abort();
	ASAN_POISON_MEMORY_REGION(fz_frames, FZ_FRAMEMAX);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static const uint8_t	 p4[4] = { 32, 24, 8, 0 };
	static const uint8_t	 p6[4] = { 128, 64, 48, 0 };
	struct nl_config	*conf = &fz_base;

	if (len < 2)
		return 0;
	if (fz_frames == NULL)
		fz_init();
	conf->prefix4 = p4[data[0] & 3];
	conf->prefix6 = p6[(data[0] >> 2) & 3];
	conf->max_entries = 1 + (data[0] >> 4);
	conf->whitelist_time = 10 * (1 + (uint32_t)data[1]);
	fz_run(conf, data + 2, len - 2);
	return 0;
}
