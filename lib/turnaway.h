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
 * The turned-away senders: those that tried a fake MX and did not reach
 * a real MX (neither passed nor blocked there) within the window
 * (turned-away-time). Bots, and the mailers that only ever try the first
 * MX, which nolisting loses without a trace anywhere else.
 *
 * A fixed table allocated once, keyed by the full address: a hash finds
 * an entry, three lists order them. Pending entries (inside their
 * window) are kept in order of their first attempt, so the window's end
 * is found at the tail; turned-away entries are kept in two lists by
 * last attempt, one for those that look legitimate and one for the
 * rest. When the table is full a new sender takes the place of the
 * oldest bot-like entry, else of the oldest pending one, else of the
 * oldest legitimate-looking one: a flood of bots cannot push out the
 * senders an operator needs to see. Turned-away entries are dropped
 * NL_TA_KEEP seconds after their last attempt.
 *
 * The judgement, and how sure it is, comes from what the log shows and
 * the sender's forward-confirmed name (found by the caller, lazily, at
 * most once per entry): see nl_ta_score.
 */
#ifndef NL_TURNAWAY_H
#define NL_TURNAWAY_H

#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "expand.h"

#define NL_TA_SIZE		1024	/* entries of the daemon's table */
#define NL_TA_WINDOW		300	/* turned-away-time's default */
#define NL_TA_KEEP		(7 * 86400)
#define NL_TA_VISIT_GAP		30	/* seconds apart: a new connection */
#define NL_TA_RETURN_SPAN	60	/* visits this far apart: a retry */
#define NL_TA_LIKELY		70	/* score of a likely-legitimate one */
#define NL_TA_ITEMMAX		(NL_DNAME_MAX * 6 + 512)

enum nl_ta_name {
	NL_TA_NAME_UNKNOWN = 0,	/* not looked up, or DNS did not say */
	NL_TA_NAME_NONE,	/* no forward-confirmed name */
	NL_TA_NAME_GENERIC,	/* one, but it names an address pool */
	NL_TA_NAME_OK		/* a forward-confirmed host name */
};

struct nl_ta_item {
	struct nl_addr	addr;
	int64_t		first;		/* epoch seconds */
	int64_t		last;
	uint32_t	attempts;	/* SYNs to a fake MX */
	uint32_t	visits;		/* NL_TA_VISIT_GAP apart */
	uint8_t		turned;		/* past the window */
	uint8_t		name_state;	/* enum nl_ta_name */
	uint8_t		asked;		/* its name was asked for */
	uint8_t		told;		/* counted as likely legitimate */
	char		name[NL_DNAME_MAX + 1];
};

struct nl_ta_stats {
	uint64_t	turned;		/* entries past their window */
	uint64_t	likely;		/* of which likely legitimate */
	uint64_t	evicted;
	uint32_t	count;		/* turned-away entries held */
	uint32_t	pending;
};

/* called for an entry as it is turned away, or judged again */
typedef void	nl_ta_fn(void *, const struct nl_ta_item *, int);

struct nl_ta;

/*
 * nl_ta_fake_mx: a SYN to a fake MX at now. nl_ta_reached: a SYN to a
 * real MX; the sender is no longer turned away. nl_ta_expire: every
 * pending entry whose window ended by now is turned away and passed to
 * fn, whose int is 1 when the entry has just become likely legitimate.
 * A turned-away entry tried again, or given a name by nl_ta_set_name,
 * is judged again: those calls return 1 when it has just become likely
 * legitimate, and count it, once per entry. nl_ta_list copies the
 * turned-away entries, most likely legitimate first, and returns how
 * many.
 */
struct nl_ta	*nl_ta_new(uint32_t, uint32_t);
void		 nl_ta_free(struct nl_ta *);
void		 nl_ta_set_window(struct nl_ta *, uint32_t);
int		 nl_ta_fake_mx(struct nl_ta *, const struct nl_addr *,
		    int64_t);
void		 nl_ta_reached(struct nl_ta *, const struct nl_addr *);
void		 nl_ta_expire(struct nl_ta *, int64_t, nl_ta_fn *, void *);
int		 nl_ta_set_name(struct nl_ta *, const struct nl_addr *, int,
		    const char *);
int		 nl_ta_get(const struct nl_ta *, const struct nl_addr *,
		    struct nl_ta_item *);
uint32_t	 nl_ta_list(const struct nl_ta *, struct nl_ta_item *,
		    uint32_t);
void		 nl_ta_stats(const struct nl_ta *, struct nl_ta_stats *);

/*
 * nl_ta_score: how likely the sender is a legitimate mailer, 0 to 100.
 * nl_ta_likely: at least NL_TA_LIKELY. nl_ta_kind: "mailer" or "bot",
 * with nl_ta_sure the confidence in that word, in percent.
 * nl_ta_generic_name: 1 when a host name looks like an address pool's
 * (the address's numbers in it, or words such as dsl, dyn, pool).
 */
int		 nl_ta_score(const struct nl_ta_item *);
int		 nl_ta_likely(const struct nl_ta_item *);
const char	*nl_ta_kind(const struct nl_ta_item *);
int		 nl_ta_sure(const struct nl_ta_item *);
int		 nl_ta_generic_name(const char *, const struct nl_addr *);

/*
 * nl_ta_fmt_item: one entry for show turned-away, text or JSON (nth
 * decides the separator), with the command that lets it in for good.
 */
size_t		 nl_ta_fmt_item(char *, size_t, const struct nl_ta_item *,
		    int64_t, int, uint32_t);

#endif
