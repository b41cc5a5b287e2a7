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
 * From a captured frame to table changes: parse, print (-e), expire,
 * track, and hand the changes of one event-loop turn to the backend as
 * one batch. Shared by the replay and the live capture. In the replay the
 * batch goes to a backend; in the privilege-separated engine it goes to
 * a sink that sends it to the privileged parent, which owns the table.
 */
#ifndef NL_PIPELINE_H
#define NL_PIPELINE_H

#include <sys/time.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "backend.h"
#include "json.h"
#include "seqgap.h"
#include "tracker.h"
#include "turned.h"

#define PIPELINE_BATCH	1024

/* DNS expansion, where it is on: a sender tried the fake MX (0) or went
 * straight to a real MX (1) */
typedef void	pipeline_expand_fn(void *, const struct nl_addr *,
		    const struct timeval *, int);
/* where a batch goes instead of a backend; -1 when it could not go */
typedef int	pipeline_sink_fn(void *, const struct nl_change *, size_t);
/* sees every change as it is decided (the sync client) */
typedef void	pipeline_observe_fn(void *, const struct nl_change *);

struct pipeline {
	struct nl_tracker	*tracker;
	struct turned		*turned;	/* who the fake MX turned away */
	pipeline_expand_fn	*expand;
	void			*expand_arg;
	struct nl_backend	 backend;	/* ops NULL with a sink */
	pipeline_sink_fn	*sink;
	void			*sink_arg;
	pipeline_observe_fn	*observe;	/* NULL: none */
	void			*observe_arg;
	int			 mute_restore;	/* changes the parent made */
	int			 dlt;
	int			 print_records;
	int64_t			 print_offset;	/* to the wall clock, seconds */
	FILE			*out;
	size_t			 nbatch;
	struct nl_seqgap	 seqs;		/* NFLOG's, for lost records */
	unsigned long long	 seq_lost;
	struct nl_change	 batch[PIPELINE_BATCH];
	char			 line[NL_JSON_RECORD_MAX];
};

int	pipeline_init(struct pipeline *, const struct nl_config *,
	    const struct nl_backend_ops *, const struct nl_backend_log *, int,
	    char *, size_t);
int	pipeline_init_sink(struct pipeline *, const struct nl_config *, int,
	    pipeline_sink_fn *, void *, char *, size_t);
int	pipeline_dlt_supported(int);
int	pipeline_parse(const struct pipeline *, const uint8_t *, size_t,
	    struct nl_record *);
void	pipeline_skip(struct pipeline *, int);
void	pipeline_prefetch(const struct pipeline *, const struct nl_record *,
	    int);
void	pipeline_record(struct pipeline *, const struct timeval *,
	    struct nl_record *);
void	pipeline_frame(struct pipeline *, const struct timeval *,
	    const uint8_t *, size_t);
void	pipeline_expire(struct pipeline *, const struct timeval *);
int	pipeline_commit(struct pipeline *);
void	pipeline_forget(struct pipeline *, const void *, size_t,
	    const struct timeval *);
void	pipeline_free(struct pipeline *);
void	pipeline_stats_text(const struct nl_stats *, char *, size_t);

#endif
