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
 * The privileged parent: the only process that keeps the table's
 * descriptor (the /dev/pf fd, the nft netlink socket). It applies the
 * batches of changes the engine sends, keeps its own mirror of what it
 * put in the table (with the expiries: it is what the state file holds
 * and what heals the table after a ruleset reload), saves the state,
 * and handles the signals.
 */
#ifndef NL_PRIV_H
#define NL_PRIV_H

#include <sys/types.h>

#include <event2/event.h>

#include "backend.h"
#include "config.h"
#include "msg.h"
#include "nolistd.h"
#include "whitelist.h"

struct engine_msg_setup;
struct privstatic;

struct priv {
	struct nl_config		 conf;
	const struct nolistd_opts	*opts;
	struct nl_backend		 backend;
	struct nl_wl			*mirror;
	struct privstatic		*statics;	/* spf-walk, or NULL */
	struct event_base		*base;
	struct msgbuf			 mb;
	struct event			*ev_read;
	struct event			*ev_write;
	struct event			*ev_heal;
	struct event			*ev_state;
	struct event			*ev_giveup;
	struct event			*ev_apply;
	uint64_t			 apply_usec;	/* the last apply's CPU cost */
	uint64_t			 applied_at;	/* and its end */
	struct event			*ev_sig[4];
	pid_t				 engine;
	int				 stopping;
	int				 failed;
	int				 gaveup;
	int				 state_failing;
	int				 table_unsure;	/* a change failed */
};

int	priv_open(struct priv *, const struct nl_config *,
	    const struct nolistd_opts *, char *, size_t);
void	priv_reconcile(struct priv *);
int	priv_pidfile(const char *);
void	priv_drop(struct priv *);
int	priv_run(struct priv *, int, pid_t, const struct engine_msg_setup *);

#endif
