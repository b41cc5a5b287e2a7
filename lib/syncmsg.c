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
 * The sync messages (syncmsg.h). The decoder is strict: one space
 * between words, digits only in numbers, no leading zeros that would let
 * two texts mean one message, nothing after the last word.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "compat.h"
#include "syncmsg.h"

#define SM_MAXWORDS	8	/* the longest message has 7 */

static const char *const op_names[] = {
	[NL_SYNC_ADD] = "add",
	[NL_SYNC_DELETE] = "delete",
	[NL_SYNC_EXPIRE] = "expire",
	[NL_SYNC_HELLO] = "hello",
};

struct sm_words {
	const char	*w[SM_MAXWORDS];
	size_t		 len[SM_MAXWORDS];
	int		 n;
};

const char *
nl_sync_op_name(int op)
{
	if (op < 0 || op > NL_SYNC_HELLO)
		return "unknown";
	return op_names[op];
}

/*
 * What a change is to the peers, or -1 when it stays here: evictions
 * are this table's size, restores and sync-applied changes came from
 * the peers or the state file already.
 */
int
nl_sync_op_of(const struct nl_change *c)
{
	if (c->op == NL_OP_ADD) {
		switch (c->reason) {
		case NL_REASON_FAKEMX:
		case NL_REASON_FCRDNS:
		case NL_REASON_POOL:
		case NL_REASON_RENEW:
		case NL_REASON_MANUAL:
			return NL_SYNC_ADD;
		}
		return -1;
	}
	if (c->reason == NL_REASON_MANUAL)
		return NL_SYNC_DELETE;
	if (c->reason == NL_REASON_EXPIRE)
		return NL_SYNC_EXPIRE;
	return -1;
}

int
nl_sync_id_ok(const char *s, size_t len)
{
	size_t	i;

	if (len == 0 || len >= NL_SYNC_IDMAX)
		return 0;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '.' || s[i] == '_' || s[i] == '-'))
			return 0;
	return 1;
}

/* 0 when the buffer is too small or the change is not shared */
size_t
nl_sync_encode(char *buf, size_t size, const char *id,
    const struct nl_change *c)
{
	char		pfx[NL_PREFIXSTRLEN];
	uint64_t	ms;
	int		op, n;

	if ((op = nl_sync_op_of(c)) == -1 ||
	    nl_prefix_ntop(&c->addr, c->plen, pfx, sizeof(pfx)) == NULL)
		return 0;
	ms = (uint64_t)c->time.tv_sec * 1000 + c->time.tv_usec / 1000;
	n = snprintf(buf, size, "1 %s %s %s %" PRIu32 " %" PRIu64 " %s", id,
	    op_names[op], pfx, c->expires, ms, nl_reason_name(c->reason));
	if (n < 0 || (size_t)n >= size)
		return 0;
	return n;
}

size_t
nl_sync_encode_hello(char *buf, size_t size, const char *id, uint64_t ms)
{
	int	n;

	n = snprintf(buf, size, "1 %s hello %" PRIu64, id, ms);
	if (n < 0 || (size_t)n >= size)
		return 0;
	return n;
}

static int
sm_split(const char *s, size_t len, struct sm_words *ws)
{
	size_t	i, start = 0;

	ws->n = 0;
	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != ' ') {
			if (s[i] <= 0x20 || s[i] >= 0x7f)
				return -1;
			continue;
		}
		if (i == start || ws->n == SM_MAXWORDS)
			return -1;
		ws->w[ws->n] = s + start;
		ws->len[ws->n++] = i - start;
		start = i + 1;
	}
	return 0;
}

static int
sm_is(const struct sm_words *ws, int i, const char *word)
{
	return ws->len[i] == strlen(word) &&
	    memcmp(ws->w[i], word, ws->len[i]) == 0;
}

static int
sm_number(const struct sm_words *ws, int i, uint64_t max, uint64_t *v)
{
	size_t	j;

	if (ws->len[i] > 20 || (ws->len[i] > 1 && ws->w[i][0] == '0'))
		return -1;
	*v = 0;
	for (j = 0; j < ws->len[i]; j++) {
		if (ws->w[i][j] < '0' || ws->w[i][j] > '9')
			return -1;
		if (*v > (max - (ws->w[i][j] - '0')) / 10)
			return -1;
		*v = *v * 10 + (ws->w[i][j] - '0');
	}
	return 0;
}

static int
sm_reason(const struct sm_words *ws, int i)
{
	int	r;

	for (r = 0; r < NL_REASON_MAX; r++)
		if (sm_is(ws, i, nl_reason_name(r)))
			return r;
	return -1;
}

/* "ADDR/LEN", as nl_prefix_ntop writes it: the length is not optional */
int
nl_sync_member(const char *s, size_t len, struct nl_addr *addr, int *plen)
{
	char	buf[NL_SYNC_MEMBERMAX];

	if (len == 0 || len >= sizeof(buf) || memchr(s, '/', len) == NULL ||
	    memchr(s, '\0', len) != NULL)
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return nl_prefix_parse(buf, addr, plen);
}

static int
sm_entry(const struct sm_words *ws, struct nl_sync_msg *m, const char **why)
{
	uint64_t	v;

	if (ws->n != 7) {
		*why = "wrong number of words";
		return -1;
	}
	if (nl_sync_member(ws->w[3], ws->len[3], &m->addr, &m->plen) == -1) {
		*why = "bad prefix";
		return -1;
	}
	if (sm_number(ws, 4, UINT32_MAX, &v) == -1) {
		*why = "bad expiry";
		return -1;
	}
	m->expires = v;
	if (sm_number(ws, 5, UINT64_MAX / 2, &m->time_ms) == -1) {
		*why = "bad time";
		return -1;
	}
	if ((m->reason = sm_reason(ws, 6)) == -1) {
		*why = "unknown reason";
		return -1;
	}
	return 0;
}

/* 0, or -1 with why it was refused */
int
nl_sync_decode(const char *s, size_t len, struct nl_sync_msg *m,
    const char **why)
{
	struct sm_words	ws;
	int		op;

	memset(m, 0, sizeof(*m));
	*why = "not a message";
	if (len >= NL_SYNC_MSGMAX || sm_split(s, len, &ws) == -1 ||
	    ws.n < 4 || !sm_is(&ws, 0, "1"))
		return -1;
	if (!nl_sync_id_ok(ws.w[1], ws.len[1])) {
		*why = "bad sender id";
		return -1;
	}
	memcpy(m->id, ws.w[1], ws.len[1]);
	for (op = 0; op <= NL_SYNC_HELLO; op++)
		if (sm_is(&ws, 2, op_names[op]))
			break;
	if ((m->op = op) > NL_SYNC_HELLO) {
		*why = "unknown operation";
		return -1;
	}
	if (op != NL_SYNC_HELLO)
		return sm_entry(&ws, m, why);
	if (ws.n != 4 || sm_number(&ws, 3, UINT64_MAX / 2, &m->time_ms) == -1) {
		*why = "bad hello";
		return -1;
	}
	return 0;
}

/*
 * This host's bounds on a decoded message: the prefix minimums, a
 * sender clock at most NL_SYNC_MAXSKEW_MS ahead, and an expiry clamped
 * to now plus this host's whitelist time.
 */
int
nl_sync_check(struct nl_sync_msg *m, uint64_t now_ms, uint32_t wltime,
    const char **why)
{
	uint64_t	limit = now_ms / 1000 + wltime;

	if (m->time_ms > now_ms + NL_SYNC_MAXSKEW_MS) {
		*why = "time in the future";
		return NL_SYNC_BAD;
	}
	if (m->op == NL_SYNC_HELLO)
		return NL_SYNC_OK;
	if ((m->addr.af == NL_AF4 && m->plen < NL_SYNC_MIN_PREFIX4) ||
	    (m->addr.af == NL_AF6 && m->plen < NL_SYNC_MIN_PREFIX6)) {
		*why = "prefix too short";
		return NL_SYNC_BAD;
	}
	if (m->op == NL_SYNC_ADD && m->expires <= now_ms / 1000)
		return NL_SYNC_STALE;
	if (m->expires > limit)
		m->expires = limit > UINT32_MAX ? UINT32_MAX : (uint32_t)limit;
	return NL_SYNC_OK;
}
