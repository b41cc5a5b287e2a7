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
 * nolistd -r: a capture file through the same pipeline as live records,
 * with the capture's timestamps as the clock.
 */
#include <err.h>
#include <pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "parse.h"
#include "nolistd.h"
#include "pcapfile.h"
#include "pipeline.h"

#define REPLAY_BUFSIZE	(1024 * 1024)

static void
replay_stats(const char *file, const struct nl_stats *st)
{
	char	text[512];

	pipeline_stats_text(st, text, sizeof(text));
	log_info("%s: %s", file, text);
}

/* who was turned away by the capture's end, as show turned-away lists */
static void
replay_turned(const char *file, const struct pipeline *pl,
    const struct timeval *end)
{
	static struct nl_ta_item	items[NL_TA_SIZE];
	char				line[NL_TA_ITEMMAX];
	uint32_t			i, n;
	size_t				len;

	n = nl_ta_list(pl->turned->ta, items, NL_TA_SIZE);
	for (i = 0; i < n; i++) {
		len = nl_ta_fmt_item(line, sizeof(line), &items[i],
		    end->tv_sec, 0, i);
		if (len > 0 && line[len - 1] == '\n')
			line[len - 1] = '\0';
		log_info("%s: turned away: %s", file, line);
	}
}

/*
 * libpcap reads a capture through stdio, whose 4 KB buffer made read(2)
 * a fifth of a replay's time; a larger one makes it vanish.
 */
static pcap_t *
replay_open(const char *path, char *errbuf)
{
	/* glibc ignores the size unless it is given the buffer too */
	static char	 buf[REPLAY_BUFSIZE];
	FILE		*fp;
	pcap_t		*p;

	if (strcmp(path, "-") == 0 || (fp = fopen(path, "rb")) == NULL)
		return pcap_open_offline(path, errbuf);
	if (setvbuf(fp, buf, _IOFBF, sizeof(buf)) != 0 ||
	    (p = pcap_fopen_offline(fp, errbuf)) == NULL) {
		fclose(fp);
		return pcap_open_offline(path, errbuf);
	}
	return p;
}

static void
replay_check_dlt(const char *path, int dlt)
{
	const char	*name = pcap_datalink_val_to_name(dlt);

	if (!pipeline_dlt_supported(dlt))
		errx(1, "%s: link type %s (%d) is not a firewall log: nolistd "
		    "reads DLT_PFLOG and DLT_NFLOG", path,
		    name != NULL ? name : "unknown", dlt);
}

static void
replay_init(struct pipeline *pl, const struct nl_config *conf,
    const struct nolistd_opts *opts, int dlt)
{
	char	errbuf[PCAP_ERRBUF_SIZE + 256];

	replay_check_dlt(opts->capture, dlt);
	if (pipeline_init(pl, conf, opts->backend, opts->backend_log, dlt,
	    errbuf, sizeof(errbuf)) == -1)
		errx(1, "%s", errbuf);
	pl->print_records = opts->print_records;
}

/*
 * A record read ahead: parsed when it enters the window, tracked when it
 * leaves it, so that its whitelist entry is fetched from memory while the
 * three before it are tracked.
 */
struct ahead {
	struct nl_record	r;
	struct timeval		ts;
	int			rc;	/* NL_PARSE_OK or why it is skipped */
};

#define AHEAD	4

static void
replay_take(struct pipeline *pl, struct ahead *a, const struct pcaprec *pr)
{
	a->ts = pr->ts;
	a->rc = pipeline_parse(pl, pr->data, pr->caplen, &a->r);
	if (a->rc == NL_PARSE_OK)
		pipeline_prefetch(pl, &a->r, 0);
}

static void
replay_track(struct pipeline *pl, struct ahead *a)
{
	if (a->rc != NL_PARSE_OK)
		pipeline_skip(pl, a->rc);
	else
		pipeline_record(pl, &a->ts, &a->r);
	pipeline_commit(pl);
}

/* a classic pcap file, mapped: 0, or 1 if it is damaged */
static int
replay_mapped(struct pipeline *pl, struct pcapfile *pcf, const char *path)
{
	static struct ahead	win[AHEAD];
	struct pcaprec		pr;
	char			err[256];
	size_t			in = 0, out = 0;
	int			rc;

	while ((rc = pcapfile_next(pcf, &pr, err, sizeof(err))) == 1) {
		if (in - out == AHEAD)
			replay_track(pl, &win[out++ % AHEAD]);
		replay_take(pl, &win[in++ % AHEAD], &pr);
		if (in - out >= 2 && win[(out + 1) % AHEAD].rc == NL_PARSE_OK)
			pipeline_prefetch(pl, &win[(out + 1) % AHEAD].r, 1);
	}
	while (out < in)
		replay_track(pl, &win[out++ % AHEAD]);
	if (rc == -1) {
		/* what came before the damage is kept and flushed */
		log_warnx("%s: %s", path, err);
		return 1;
	}
	return 0;
}

/* anything else libpcap reads: 0, or 1 if it is damaged */
static int
replay_pcap(struct pipeline *pl, pcap_t *p, const char *path)
{
	struct pcap_pkthdr	*hdr;
	struct timeval		 ts;
	const u_char		*data;
	int			 rc;

	while ((rc = pcap_next_ex(p, &hdr, &data)) == 1) {
		/* OpenBSD's pcap_pkthdr holds a struct bpf_timeval */
		ts.tv_sec = hdr->ts.tv_sec;
		ts.tv_usec = hdr->ts.tv_usec;
		pipeline_frame(pl, &ts, data, hdr->caplen);
		pipeline_commit(pl);
	}
	if (rc == PCAP_ERROR) {
		log_warnx("%s: %s", path, pcap_geterr(p));
		return 1;
	}
	return 0;
}

int
replay_run(const struct nl_config *conf, const struct nolistd_opts *opts)
{
	static struct pipeline	 pl;
	char			 errbuf[PCAP_ERRBUF_SIZE + 256];
	struct pcapfile		 pcf;
	pcap_t			*p = NULL;
	int			 status;

	log_init(1, 0);
	log_setverbose(opts->verbose);
	if (pcapfile_open(&pcf, opts->capture) == 1) {
		replay_init(&pl, conf, opts, pcf.linktype);
		status = replay_mapped(&pl, &pcf, opts->capture);
	} else {
		if ((p = replay_open(opts->capture, errbuf)) == NULL) {
			/* libpcap names the file in some errors only */
			if (strstr(errbuf, opts->capture) != NULL)
				errx(1, "%s", errbuf);
			errx(1, "%s: %s", opts->capture, errbuf);
		}
		replay_init(&pl, conf, opts, pcap_datalink(p));
		status = replay_pcap(&pl, p, opts->capture);
	}
	if (pipeline_commit(&pl) == -1 || fflush(stdout) == EOF)
		status = 1;
	if (opts->verbose) {
		replay_stats(opts->capture, nl_tracker_stats(pl.tracker));
		replay_turned(opts->capture, &pl, &pl.turned->now);
	}
	pipeline_free(&pl);
	if (p != NULL)
		pcap_close(p);
	pcapfile_close(&pcf);
	return status;
}
