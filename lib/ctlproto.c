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

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "compat.h"
#include "ctlproto.h"
#include "json.h"

#define CTL_MAXWORDS	4	/* json, verb, object, and one too many */
#define CTL_ECHOMAX	40	/* bytes of a bad word quoted back */

const struct nl_ctl_stat nl_ctl_stats[] = {
	{ "records", "Log records read.",
	    offsetof(struct nl_stats, records) },
	{ "skipped", "Log records skipped: truncated, malformed or not IP.",
	    offsetof(struct nl_stats, skipped) },
	{ "fake_mx", "SYNs to a fake MX.",
	    offsetof(struct nl_stats, fake_mx) },
	{ "whitelisted", "Whitelist entries added, for any reason.",
	    offsetof(struct nl_stats, whitelisted) },
	{ "renewed", "Passed SYNs to a real MX that renewed an entry.",
	    offsetof(struct nl_stats, renewed) },
	{ "direct_to_second_mx",
	    "Blocked SYNs to a real MX from senders never seen.",
	    offsetof(struct nl_stats, direct) },
	{ "expired", "Whitelist entries expired.",
	    offsetof(struct nl_stats, expired) },
	{ "evicted", "Whitelist entries evicted to make room.",
	    offsetof(struct nl_stats, evicted) },
	{ "dns_queries", "DNS queries sent.",
	    offsetof(struct nl_stats, dns_queries) },
	{ "dns_failures", "DNS queries that failed or timed out.",
	    offsetof(struct nl_stats, dns_failures) },
	{ "pools_seeded", "Sender pools made from SPF records.",
	    offsetof(struct nl_stats, pools_seeded) },
	{ "pool_hits", "Senders let in by a live sender pool.",
	    offsetof(struct nl_stats, pool_hits) },
	{ "pools_refused_generic",
	    "Pools refused: the sender's name looks generic.",
	    offsetof(struct nl_stats, pools_refused_generic) },
	{ "pools_refused_all",
	    "Pools refused: the SPF record has +all or ?all.",
	    offsetof(struct nl_stats, pools_refused_all) },
	{ "pools_refused_wide",
	    "Pools refused: a range wider than the floor.",
	    offsetof(struct nl_stats, pools_refused_wide) },
	{ "pools_live", "Live sender pools.",
	    offsetof(struct nl_stats, pools_live) },
	{ "capture_drops", "Packets the capture dropped.",
	    offsetof(struct nl_stats, capture_drops) },
	{ "sync_sent", "Whitelist changes sent to the sync server.",
	    offsetof(struct nl_stats, sync_sent) },
	{ "sync_received", "Peers' changes applied from the sync server.",
	    offsetof(struct nl_stats, sync_received) },
	{ "sync_refused", "Messages from the sync server refused as bad.",
	    offsetof(struct nl_stats, sync_refused) },
	{ "sync_dropped", "Changes not sent: the sync queue was full.",
	    offsetof(struct nl_stats, sync_dropped) },
	{ "turned_away",
	    "Senders that tried a fake MX and no real MX in turned-away-time.",
	    offsetof(struct nl_stats, turned_away) },
	{ "turned_away_legitimate",
	    "Turned-away senders that look like legitimate mailers.",
	    offsetof(struct nl_stats, turned_legit) },
};
const size_t nl_ctl_nstats = sizeof(nl_ctl_stats) / sizeof(nl_ctl_stats[0]);

struct words {
	const char	*w[CTL_MAXWORDS];
	size_t		 len[CTL_MAXWORDS];
	int		 n;
};

static int
word_is(const struct words *ws, int i, const char *s)
{
	return i < ws->n && ws->len[i] == strlen(s) &&
	    memcmp(ws->w[i], s, ws->len[i]) == 0;
}

/* the word, cut short, as a C string for an error message */
static const char *
word_str(const struct words *ws, int i, char *buf, size_t size)
{
	size_t	n = ws->len[i];

	if (n >= size)
		n = size - 1;
	memcpy(buf, ws->w[i], n);
	buf[n] = '\0';
	return buf;
}

static int
split(const char *s, size_t len, struct words *ws, char *err, size_t errlen)
{
	size_t	i = 0, start;

	ws->n = 0;
	while (i < len) {
		if (s[i] == ' ') {
			i++;
			continue;
		}
		if (ws->n == CTL_MAXWORDS) {
			snprintf(err, errlen, "too many words");
			return -1;
		}
		start = i;
		while (i < len && s[i] != ' ')
			i++;
		ws->w[ws->n] = s + start;
		ws->len[ws->n] = i - start;
		ws->n++;
	}
	if (ws->n == 0) {
		snprintf(err, errlen, "empty request");
		return -1;
	}
	return 0;
}

static int
parse_prefix(const struct words *ws, int i, struct nl_ctl_req *req,
    char *err, size_t errlen)
{
	char	buf[NL_PREFIXSTRLEN], echo[CTL_ECHOMAX];

	if (i >= ws->n) {
		snprintf(err, errlen, "missing address");
		return -1;
	}
	if (ws->len[i] >= sizeof(buf)) {
		snprintf(err, errlen, "bad address \"%s...\"",
		    word_str(ws, i, echo, sizeof(echo)));
		return -1;
	}
	word_str(ws, i, buf, sizeof(buf));
	if (nl_prefix_parse(buf, &req->addr, &req->plen) == -1) {
		snprintf(err, errlen, "bad address \"%s\"",
		    word_str(ws, i, echo, sizeof(echo)));
		return -1;
	}
	return 0;
}

/* ws->w[first] is the verb */
static int
parse_words(const struct words *ws, int first, struct nl_ctl_req *req,
    char *err, size_t errlen)
{
	char	echo[CTL_ECHOMAX];
	int	nargs = 1;

	if (first >= ws->n) {
		snprintf(err, errlen, "missing command");
		return -1;
	}
	if (word_is(ws, first, "show")) {
		nargs = 2;
		if (word_is(ws, first + 1, "whitelist"))
			req->cmd = NL_CTL_SHOW_WHITELIST;
		else if (word_is(ws, first + 1, "stats"))
			req->cmd = NL_CTL_SHOW_STATS;
		else if (word_is(ws, first + 1, "sync"))
			req->cmd = NL_CTL_SHOW_SYNC;
		else if (word_is(ws, first + 1, "turned-away"))
			req->cmd = NL_CTL_SHOW_TURNED;
		else if (word_is(ws, first + 1, "pools"))
			req->cmd = NL_CTL_SHOW_POOLS;
		else if (first + 1 < ws->n) {
			snprintf(err, errlen, "unknown object \"%s\"",
			    word_str(ws, first + 1, echo, sizeof(echo)));
			return -1;
		} else {
			snprintf(err, errlen, "show what: whitelist, stats, "
			    "sync, turned-away or pools");
			return -1;
		}
	} else if (word_is(ws, first, "add") || word_is(ws, first, "delete")) {
		nargs = 2;
		req->cmd = word_is(ws, first, "add") ? NL_CTL_ADD :
		    NL_CTL_DELETE;
		if (parse_prefix(ws, first + 1, req, err, errlen) == -1)
			return -1;
	} else if (word_is(ws, first, "flush"))
		req->cmd = NL_CTL_FLUSH;
	else {
		snprintf(err, errlen, "unknown command \"%s\"",
		    word_str(ws, first, echo, sizeof(echo)));
		return -1;
	}
	if (first + nargs < ws->n) {
		snprintf(err, errlen, "too many words");
		return -1;
	}
	return 0;
}

int
nl_ctl_parse(const char *s, size_t len, struct nl_ctl_req *req, char *err,
    size_t errlen)
{
	struct words	ws;
	size_t		i;

	memset(req, 0, sizeof(*req));
	if (len >= NL_CTL_MAXREQ) {
		snprintf(err, errlen, "request too long");
		return -1;
	}
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e) {
			snprintf(err, errlen, "request is not printable text");
			return -1;
		}
	if (split(s, len, &ws, err, errlen) == -1)
		return -1;
	if (word_is(&ws, 0, "json")) {
		req->json = 1;
		return parse_words(&ws, 1, req, err, errlen);
	}
	return parse_words(&ws, 0, req, err, errlen);
}

/* nolistctl's words, checked by the same code as the daemon's */
int
nl_ctl_args(int argc, char *argv[], int json, struct nl_ctl_req *req,
    char *err, size_t errlen)
{
	struct words	ws;
	int		i;

	memset(req, 0, sizeof(*req));
	if (argc > CTL_MAXWORDS - 1) {
		snprintf(err, errlen, "too many words");
		return -1;
	}
	ws.n = argc;
	for (i = 0; i < argc; i++) {
		ws.w[i] = argv[i];
		ws.len[i] = strlen(argv[i]);
	}
	if (parse_words(&ws, 0, req, err, errlen) == -1)
		return -1;
	req->json = json;
	return 0;
}

size_t
nl_ctl_encode(char *buf, size_t size, const struct nl_ctl_req *req)
{
	char	pfx[NL_PREFIXSTRLEN];
	int	n;

	switch (req->cmd) {
	case NL_CTL_SHOW_WHITELIST:
		n = snprintf(buf, size, "%sshow whitelist\n",
		    req->json ? "json " : "");
		break;
	case NL_CTL_SHOW_STATS:
		n = snprintf(buf, size, "%sshow stats\n",
		    req->json ? "json " : "");
		break;
	case NL_CTL_SHOW_SYNC:
		n = snprintf(buf, size, "%sshow sync\n",
		    req->json ? "json " : "");
		break;
	case NL_CTL_SHOW_TURNED:
		n = snprintf(buf, size, "%sshow turned-away\n",
		    req->json ? "json " : "");
		break;
	case NL_CTL_SHOW_POOLS:
		n = snprintf(buf, size, "%sshow pools\n",
		    req->json ? "json " : "");
		break;
	case NL_CTL_ADD:
	case NL_CTL_DELETE:
		if (nl_prefix_ntop(&req->addr, req->plen, pfx,
		    sizeof(pfx)) == NULL)
			return 0;
		n = snprintf(buf, size, "%s%s %s\n", req->json ? "json " : "",
		    req->cmd == NL_CTL_ADD ? "add" : "delete", pfx);
		break;
	case NL_CTL_FLUSH:
		n = snprintf(buf, size, "%sflush\n", req->json ? "json " : "");
		break;
	default:
		return 0;
	}
	if (n < 0 || (size_t)n >= size || (size_t)n >= NL_CTL_MAXREQ)
		return 0;
	return (size_t)n;
}

static size_t
fmt_ret(int n, size_t size)
{
	if (n < 0)
		return 0;
	if ((size_t)n >= size)
		return size == 0 ? 0 : size - 1;
	return (size_t)n;
}

size_t
nl_ctl_fmt_ok(char *buf, size_t size)
{
	return fmt_ret(snprintf(buf, size, "ok\n"), size);
}

/* one line, whatever the message holds */
size_t
nl_ctl_fmt_error(char *buf, size_t size, const char *msg)
{
	char	clean[NL_CTL_MAXERR];
	size_t	i;

	for (i = 0; msg[i] != '\0' && i < sizeof(clean) - 1; i++)
		clean[i] = ((unsigned char)msg[i] < 0x20 ||
		    (unsigned char)msg[i] > 0x7e) ? '?' : msg[i];
	clean[i] = '\0';
	return fmt_ret(snprintf(buf, size, "error: %s\n", clean), size);
}

size_t
nl_ctl_fmt_wl_head(char *buf, size_t size, int json)
{
	return fmt_ret(snprintf(buf, size, "%s", json ? "[" : ""), size);
}

/* "in 35d 23h": the two largest units, enough to read at a glance */
static void
fmt_left(char *buf, size_t size, uint32_t expires, uint32_t now)
{
	uint32_t	left;

	if (expires <= now) {
		snprintf(buf, size, "expired");
		return;
	}
	left = expires - now;
	if (left >= 86400)
		snprintf(buf, size, "in %ud %uh", left / 86400,
		    left % 86400 / 3600);
	else if (left >= 3600)
		snprintf(buf, size, "in %uh %um", left / 3600,
		    left % 3600 / 60);
	else if (left >= 60)
		snprintf(buf, size, "in %um %us", left / 60, left % 60);
	else
		snprintf(buf, size, "in %us", left);
}

size_t
nl_ctl_fmt_wl_item(char *buf, size_t size, const struct nl_wl_item *it,
    uint32_t now, int json, uint32_t nth)
{
	char	pfx[NL_PREFIXSTRLEN], left[32];

	if (nl_prefix_ntop(&it->addr, it->plen, pfx, sizeof(pfx)) == NULL)
		strlcpy(pfx, "?", sizeof(pfx));
	if (json)
		return fmt_ret(snprintf(buf, size,
		    "%s{\"addr\":\"%s\",\"expires\":%u,\"reason\":\"%s\"}",
		    nth == 0 ? "\n" : ",\n", pfx, it->expires,
		    nl_reason_name(it->reason)), size);
	fmt_left(left, sizeof(left), it->expires, now);
	return fmt_ret(snprintf(buf, size, "%s expires %u (%s) reason %s\n",
	    pfx, it->expires, left, nl_reason_name(it->reason)), size);
}

/* a live pool, in a list framed as the whitelist is */
size_t
nl_ctl_fmt_pool(char *buf, size_t size, const struct nl_lp_info *p,
    uint32_t now, int json, uint32_t nth)
{
	char	dom[NL_DNAME_MAX * 2 + 3], left[32];

	if (json) {
		nl_json_string(dom, sizeof(dom), p->domain);
		return fmt_ret(snprintf(buf, size,
		    "%s{\"domain\":%s,\"ranges\":%u,\"members\":%u,"
		    "\"hits\":%llu,\"expires\":%u,\"seeded\":%u}",
		    nth == 0 ? "\n" : ",\n", dom, p->nranges, p->members,
		    (unsigned long long)p->hits, p->expires, p->seeded), size);
	}
	fmt_left(left, sizeof(left), p->expires, now);
	return fmt_ret(snprintf(buf, size, "%s ranges %u members %u hits %llu "
	    "expires %u (%s)\n", p->domain, p->nranges, p->members,
	    (unsigned long long)p->hits, p->expires, left), size);
}

size_t
nl_ctl_fmt_wl_tail(char *buf, size_t size, int json, uint32_t count)
{
	if (!json)
		return fmt_ret(snprintf(buf, size, "%s", ""), size);
	return fmt_ret(snprintf(buf, size, "%s", count > 0 ? "\n]\n" : "]\n"),
	    size);
}

uint64_t
nl_ctl_stat_value(const struct nl_stats *st, size_t i)
{
	uint64_t	v;

	memcpy(&v, (const char *)st + nl_ctl_stats[i].off, sizeof(v));
	return v;
}

size_t
nl_ctl_fmt_stats(char *buf, size_t size, const struct nl_stats *st,
    uint32_t table_size, int json)
{
	size_t	i, len = 0;

	for (i = 0; i < nl_ctl_nstats; i++)
		len += fmt_ret(snprintf(buf + len, size - len,
		    json ? "%s\"%s\":%llu" : "%s%s: %llu\n",
		    json ? (i == 0 ? "{" : ",") : "", nl_ctl_stats[i].name,
		    (unsigned long long)nl_ctl_stat_value(st, i)), size - len);
	len += fmt_ret(snprintf(buf + len, size - len,
	    json ? ",\"table_size\":%u}\n" : "table_size: %u\n", table_size),
	    size - len);
	return len;
}

size_t
nl_ctl_fmt_done(char *buf, size_t size, const struct nl_ctl_req *req,
    uint32_t flushed)
{
	char		 pfx[NL_PREFIXSTRLEN];
	const char	*op;

	if (req->cmd == NL_CTL_FLUSH)
		return fmt_ret(snprintf(buf, size, req->json ?
		    "{\"op\":\"flush\",\"count\":%u}\n" : "flushed %u\n",
		    flushed), size);
	if (nl_prefix_ntop(&req->addr, req->plen, pfx, sizeof(pfx)) == NULL)
		strlcpy(pfx, "?", sizeof(pfx));
	op = req->cmd == NL_CTL_ADD ? "add" : "delete";
	if (req->json)
		return fmt_ret(snprintf(buf, size,
		    "{\"op\":\"%s\",\"addr\":\"%s\"}\n", op, pfx), size);
	return fmt_ret(snprintf(buf, size, "%s %s\n",
	    req->cmd == NL_CTL_ADD ? "added" : "deleted", pfx), size);
}

int
nl_ctl_status(const char *line, size_t len, char *msg, size_t msglen)
{
	size_t	n;

	if (len == 2 && memcmp(line, "ok", 2) == 0)
		return 0;
	if (len < 7 || memcmp(line, "error: ", 7) != 0)
		return -2;
	n = len - 7;
	if (msglen == 0)
		return -1;
	if (n >= msglen)
		n = msglen - 1;
	memcpy(msg, line + 7, n);
	msg[n] = '\0';
	return -1;
}
