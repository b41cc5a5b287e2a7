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

#include <stdio.h>
#include <string.h>

#include "log.h"
#include "parse.h"
#include "pipeline.h"

static void
pipeline_change(void *arg, const struct nl_change *c)
{
	struct pipeline	*pl = arg;

	/* the parent restored these entries: the table has them already */
	if (pl->mute_restore && c->reason == NL_REASON_RESTORE)
		return;
	if (pl->observe != NULL)
		pl->observe(pl->observe_arg, c);
	/* a turn that decides more than a batch holds sends it early */
	if (pl->nbatch == PIPELINE_BATCH)
		pipeline_commit(pl);
	pl->batch[pl->nbatch++] = *c;
}

static void
pipeline_fake_mx(void *arg, const struct nl_addr *src,
    const struct timeval *now)
{
	struct pipeline	*pl = arg;

	turned_fake_mx(pl->turned, src, now);
	if (pl->expand != NULL)
		pl->expand(pl->expand_arg, src, now, 0);
}

static void
pipeline_real_mx(void *arg, const struct nl_addr *src,
    const struct timeval *now)
{
	struct pipeline	*pl = arg;

	(void)now;
	turned_reached(pl->turned, src);
}

static void
pipeline_direct(void *arg, const struct nl_addr *src,
    const struct timeval *now)
{
	struct pipeline	*pl = arg;

	if (pl->expand != NULL)
		pl->expand(pl->expand_arg, src, now, 1);
}

int
pipeline_dlt_supported(int dlt)
{
	return dlt == NL_DLT_PFLOG || dlt == NL_DLT_NFLOG;
}

static int
pipeline_tracker(struct pipeline *pl, const struct nl_config *conf, int dlt,
    char *errbuf, size_t errlen)
{
	struct nl_tracker_cb	cb;

	memset(&cb, 0, sizeof(cb));
	cb.change = pipeline_change;
	cb.fake_mx = pipeline_fake_mx;
	cb.direct = pipeline_direct;
	cb.real_mx = pipeline_real_mx;
	cb.arg = pl;
	pl->expand = NULL;
	pl->expand_arg = NULL;
	pl->dlt = dlt;
	pl->out = stdout;
	pl->nbatch = 0;
	nl_seqgap_init(&pl->seqs);
	pl->seq_lost = 0;
	pl->sink = NULL;
	pl->sink_arg = NULL;
	pl->observe = NULL;
	pl->observe_arg = NULL;
	pl->mute_restore = 0;
	pl->print_offset = 0;
	pl->backend.ops = NULL;
	pl->backend.ctx = NULL;
	if ((pl->tracker = nl_tracker_new(conf, &cb)) == NULL) {
		snprintf(errbuf, errlen, "cannot allocate the whitelist for "
		    "%u entries", conf->max_entries);
		return -1;
	}
	if ((pl->turned = turned_new(conf,
	    nl_tracker_stats(pl->tracker))) == NULL) {
		snprintf(errbuf, errlen, "cannot allocate the turned-away "
		    "table");
		nl_tracker_free(pl->tracker);
		pl->tracker = NULL;
		return -1;
	}
	return 0;
}

int
pipeline_init_sink(struct pipeline *pl, const struct nl_config *conf,
    int dlt, pipeline_sink_fn *sink, void *arg, char *errbuf, size_t errlen)
{
	if (pipeline_tracker(pl, conf, dlt, errbuf, errlen) == -1)
		return -1;
	pl->sink = sink;
	pl->sink_arg = arg;
	return 0;
}

int
pipeline_init(struct pipeline *pl, const struct nl_config *conf,
    const struct nl_backend_ops *ops, const struct nl_backend_log *log,
    int dlt, char *errbuf, size_t errlen)
{
	if (pipeline_tracker(pl, conf, dlt, errbuf, errlen) == -1)
		return -1;
	if (nl_backend_open(&pl->backend, ops, log, conf, errbuf, errlen) == -1) {
		nl_tracker_free(pl->tracker);
		pl->tracker = NULL;
		turned_free(pl->turned);
		pl->turned = NULL;
		return -1;
	}
	return 0;
}

/* NL_PARSE_OK, or why the record is skipped: see pipeline_skip */
int
pipeline_parse(const struct pipeline *pl, const uint8_t *p, size_t caplen,
    struct nl_record *r)
{
	if (pl->dlt == NL_DLT_PFLOG)
		return nl_parse_pflog(p, caplen, r);
	return nl_parse_nflog(p, caplen, r);
}

void
pipeline_skip(struct pipeline *pl, int rc)
{
	struct nl_stats	*st = nl_tracker_stats(pl->tracker);

	st->records++;
	st->skipped++;
	log_debug("record %llu skipped: %s",
	    (unsigned long long)st->records, nl_parse_strerror(rc));
}

void
pipeline_prefetch(const struct pipeline *pl, const struct nl_record *r,
    int deep)
{
	nl_tracker_prefetch(pl->tracker, r, deep);
}

/* a parsed record; its time is set here */
void
pipeline_record(struct pipeline *pl, const struct timeval *ts,
    struct nl_record *r)
{
	struct nl_record	out;
	size_t			len;

	r->time = *ts;
	if (pl->print_records) {
		out = *r;
		out.time.tv_sec += pl->print_offset;
		len = nl_json_record(pl->line, sizeof(pl->line), &out);
		pl->line[len] = '\n';
		fwrite(pl->line, 1, len + 1, pl->out);
	}
	nl_tracker_expire(pl->tracker, ts);
	turned_expire(pl->turned, ts);
	nl_tracker_record(pl->tracker, r);
}

void
pipeline_frame(struct pipeline *pl, const struct timeval *ts,
    const uint8_t *p, size_t caplen)
{
	struct nl_record	r;
	int			rc;

	rc = pipeline_parse(pl, p, caplen, &r);
	if (r.has_seq)
		pl->seq_lost += nl_seqgap_check(&pl->seqs, r.group, r.seq);
	if (rc != NL_PARSE_OK)
		pipeline_skip(pl, rc);
	else
		pipeline_record(pl, ts, &r);
}

void
pipeline_expire(struct pipeline *pl, const struct timeval *now)
{
	nl_tracker_expire(pl->tracker, now);
	turned_expire(pl->turned, now);
}

int
pipeline_commit(struct pipeline *pl)
{
	int	rc = 0;

	if (pl->nbatch == 0)
		return 0;
	if (pl->sink != NULL)
		rc = pl->sink(pl->sink_arg, pl->batch, pl->nbatch);
	else if (pl->backend.ops->apply(pl->backend.ctx, pl->batch,
	    pl->nbatch, NULL) == -1) {
		log_warnx("%s backend: %zu table changes failed",
		    pl->backend.ops->name, pl->nbatch);
		rc = -1;
	}
	pl->nbatch = 0;
	return rc;
}

/*
 * Entries the table did not take: the tracker forgets them, unless it
 * has changed them since (another expiry), so that the sender is
 * whitelisted again on its next try. Nothing goes back to the table.
 */
void
pipeline_forget(struct pipeline *pl, const void *data, size_t n,
    const struct timeval *now)
{
	struct nl_change	c;
	struct nl_wl_item	it;
	size_t			i;
	int			mute = pl->mute_restore;

	pl->mute_restore = 1;
	for (i = 0; i < n; i++) {
		/* a message's payload need not be aligned */
		memcpy(&c, (const char *)data + i * sizeof(c), sizeof(c));
		if (nl_wl_get(nl_tracker_whitelist(pl->tracker), &c.addr,
		    c.plen, &it) == 0 && it.expires == c.expires)
			nl_tracker_delete(pl->tracker, &c.addr, c.plen,
			    NL_REASON_RESTORE, now);
	}
	pl->mute_restore = mute;
}

void
pipeline_free(struct pipeline *pl)
{
	if (pl->backend.ops != NULL)
		nl_backend_close(&pl->backend);
	if (pl->tracker != NULL)
		nl_tracker_free(pl->tracker);
	pl->tracker = NULL;
	turned_free(pl->turned);
	pl->turned = NULL;
}

/* the tracker's counts, as replay and the stats line print them */
void
pipeline_stats_text(const struct nl_stats *st, char *buf, size_t len)
{
	snprintf(buf, len, "%llu records, %llu skipped, %llu fake-mx "
	    "attempts, %llu whitelisted, %llu renewed, %llu "
	    "direct-to-second-mx, %llu expired, %llu evicted, %llu turned "
	    "away (%llu likely legitimate)",
	    (unsigned long long)st->records, (unsigned long long)st->skipped,
	    (unsigned long long)st->fake_mx,
	    (unsigned long long)st->whitelisted,
	    (unsigned long long)st->renewed, (unsigned long long)st->direct,
	    (unsigned long long)st->expired, (unsigned long long)st->evicted,
	    (unsigned long long)st->turned_away,
	    (unsigned long long)st->turned_legit);
}
