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
 * The control protocol between nolistctl and nolistd: encoding and
 * decoding only, no I/O, so that it can be unit-tested and fuzzed.
 *
 * The socket is a UNIX stream socket and carries one request per
 * connection. The client writes one line of printable ASCII ending in a
 * newline, at most NL_CTL_MAXREQ bytes with the newline:
 *
 *	[json] show whitelist
 *	[json] show stats
 *	[json] show sync
 *	[json] show turned-away
 *	[json] show pools
 *	[json] add ADDR[/LEN]
 *	[json] delete ADDR[/LEN]
 *	[json] flush
 *
 * Words are separated by spaces. A leading "json" asks for the body in
 * JSON instead of text. The daemon answers with a status line, "ok" or
 * "error: MESSAGE", then on success the body, and closes the connection:
 *
 *	show whitelist	text: one entry a line,
 *			"ADDR/LEN expires EPOCH (in 35d 23h) reason REASON";
 *			JSON: an array of objects with "addr", "expires"
 *			and "reason", one element a line.
 *	show stats	text: "name: value" lines; JSON: one object.
 *	show sync	the sync client's state (daemon/sync.c): text
 *			lines, or one JSON object.
 *	show turned-away the senders turned away (lib/turnaway.h), most
 *			likely legitimate first: one line each, or a JSON
 *			array of objects, one element a line.
 *	show pools	text: one live sender pool a line, "DOMAIN ranges N
 *			members N hits N expires EPOCH (in 35d 23h)"; JSON:
 *			an array of objects with "domain", "ranges",
 *			"members", "hits", "expires" and "seeded".
 *	add, delete	text: "added ADDR/LEN", "deleted ADDR/LEN";
 *			JSON: {"op":"add","addr":"ADDR/LEN"}.
 *	flush		text: "flushed N";
 *			JSON: {"op":"flush","count":N}.
 *
 * A request that is not printable, too long, unknown, or names a bad
 * address is answered with an error line only.
 */
#ifndef NL_CTLPROTO_H
#define NL_CTLPROTO_H

#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "livepool.h"
#include "tracker.h"
#include "whitelist.h"

#define NL_CTL_MAXREQ	512	/* request bytes, newline included */
#define NL_CTL_MAXERR	256	/* error message bytes, with the NUL */
#define NL_CTL_ITEMMAX	160	/* one formatted whitelist entry */
#define NL_CTL_STATSMAX	1024	/* bytes in formatted stats */

enum nl_ctl_cmd {
	NL_CTL_NONE = 0,
	NL_CTL_SHOW_WHITELIST,
	NL_CTL_SHOW_STATS,
	NL_CTL_ADD,
	NL_CTL_DELETE,
	NL_CTL_FLUSH,
	NL_CTL_SHOW_SYNC,
	NL_CTL_SHOW_TURNED,
	NL_CTL_SHOW_POOLS
};

struct nl_ctl_req {
	int		cmd;		/* enum nl_ctl_cmd */
	int		json;
	struct nl_addr	addr;		/* add, delete: masked */
	int		plen;
};

/* one counter of show stats and the stats file */
struct nl_ctl_stat {
	const char	*name;		/* JSON key, text, metric */
	const char	*help;
	size_t		 off;		/* in struct nl_stats */
};

extern const struct nl_ctl_stat	nl_ctl_stats[];
extern const size_t		nl_ctl_nstats;

uint64_t	 nl_ctl_stat_value(const struct nl_stats *, size_t);

/*
 * nl_ctl_parse takes a request line without its newline (len bytes, not
 * NUL-terminated) and returns 0, or -1 with a message in err.
 * nl_ctl_args builds a request from nolistctl's words ("show",
 * "stats"), the same way. nl_ctl_encode writes the request line with its
 * newline and a NUL, and returns its length, or 0 if it does not fit.
 */
int	 nl_ctl_parse(const char *, size_t, struct nl_ctl_req *, char *,
	    size_t);
int	 nl_ctl_args(int, char *[], int, struct nl_ctl_req *, char *,
	    size_t);
size_t	 nl_ctl_encode(char *, size_t, const struct nl_ctl_req *);

/*
 * Formatting, each into the caller's buffer with a NUL; each returns the
 * length written. A whitelist is head, items, tail; the item number
 * decides the separator in JSON. now is the clock for "in 35d 23h".
 */
size_t	 nl_ctl_fmt_ok(char *, size_t);
size_t	 nl_ctl_fmt_error(char *, size_t, const char *);
size_t	 nl_ctl_fmt_wl_head(char *, size_t, int);
size_t	 nl_ctl_fmt_wl_item(char *, size_t, const struct nl_wl_item *,
	    uint32_t, int, uint32_t);
size_t	 nl_ctl_fmt_wl_tail(char *, size_t, int, uint32_t);
size_t	 nl_ctl_fmt_pool(char *, size_t, const struct nl_lp_info *,
	    uint32_t, int, uint32_t);
size_t	 nl_ctl_fmt_stats(char *, size_t, const struct nl_stats *,
	    uint32_t, int);
size_t	 nl_ctl_fmt_done(char *, size_t, const struct nl_ctl_req *,
	    uint32_t);

/*
 * nl_ctl_status reads the response's status line (without its newline):
 * 0 for ok, -1 for an error with its message copied to msg, -2 for a
 * line that is neither.
 */
int	 nl_ctl_status(const char *, size_t, char *, size_t);

#endif
