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
 * The turned-away senders (lib/turnaway.h) between the tracker and the
 * operator: fed by the tracker's fake-MX and real-MX callbacks, judged
 * again as names come in from DNS, told to the log (LOG_NOTICE, at most
 * TURNED_NOTICES a minute by the records' clock) when one looks like a
 * legitimate mailer, and counted in the tracker's stats.
 *
 * turned_new: the table for a configuration, with the stats it counts
 * into. ask, when set, is called once for each sender turned away whose
 * name is not known yet: it is expected to call turned_name later, or
 * never (when DNS is off or over its rate).
 */
#ifndef NL_TURNED_H
#define NL_TURNED_H

#include <sys/time.h>
#include <stdint.h>

#include "config.h"
#include "tracker.h"
#include "turnaway.h"

#define TURNED_NOTICES		10
#define TURNED_NOTICE_WINDOW	60

typedef void	turned_ask_fn(void *, const struct nl_addr *,
		    const struct timeval *);

struct turned {
	struct nl_ta	*ta;
	struct nl_stats	*st;
	turned_ask_fn	*ask;
	void		*ask_arg;
	int64_t		 window_start;	/* of the notices */
	uint32_t	 notices;
	uint32_t	 suppressed;
	struct timeval	 now;
};

struct turned	*turned_new(const struct nl_config *, struct nl_stats *);
void		 turned_free(struct turned *);
void		 turned_set_config(struct turned *, const struct nl_config *);
void		 turned_fake_mx(struct turned *, const struct nl_addr *,
		    const struct timeval *);
void		 turned_reached(struct turned *, const struct nl_addr *);
void		 turned_expire(struct turned *, const struct timeval *);
void		 turned_name(struct turned *, const struct nl_addr *,
		    const char *, int);

#endif
