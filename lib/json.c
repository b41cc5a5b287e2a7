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

#include "json.h"

/*
 * A small appender: every write is bounded, and once the buffer is full
 * the result is cut short rather than overrun. Callers size buffers with
 * NL_JSON_*_MAX so that does not happen for any record.
 */
struct jbuf {
	char	*p;
	size_t	 size;
	size_t	 len;
};

static void
jb_put(struct jbuf *b, const char *s, size_t n)
{
	size_t	room = b->size - b->len - 1;

	if (n > room)
		n = room;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
jb_str(struct jbuf *b, const char *s)
{
	jb_put(b, s, strlen(s));
}

/* digits by hand: snprintf was a fifth of a replay's time with -e */
static void
jb_fmt_u64(struct jbuf *b, unsigned long long v)
{
	char	tmp[24];
	size_t	i = sizeof(tmp);

	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	jb_put(b, tmp + i, sizeof(tmp) - i);
}

static void
jb_fmt_i64(struct jbuf *b, long long v)
{
	if (v < 0) {
		jb_put(b, "-", 1);
		jb_fmt_u64(b, 0ULL - (unsigned long long)v);
	} else
		jb_fmt_u64(b, (unsigned long long)v);
}

/* a JSON string: quotes, backslashes and control bytes escaped */
static void
jb_quoted(struct jbuf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	char		  esc[7];
	const char	 *run;

	jb_put(b, "\"", 1);
	for (;;) {
		unsigned char c;

		/* runs that need no escape go in one piece */
		for (run = s; (c = (unsigned char)*s) >= 0x20 && c < 0x7f &&
		    c != '"' && c != '\\'; s++)
			;
		jb_put(b, run, (size_t)(s - run));
		if (c == '\0')
			break;
		s++;
		if (c == '"' || c == '\\') {
			esc[0] = '\\';
			esc[1] = (char)c;
			jb_put(b, esc, 2);
		} else if (c < 0x20 || c == 0x7f || c >= 0x80) {
			/* bytes from the wire are not known to be UTF-8 */
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 0xf];
			jb_put(b, esc, 6);
		}
	}
	jb_put(b, "\"", 1);
}

static void
jb_time(struct jbuf *b, const struct timeval *tv)
{
	char	tmp[40];
	long	us = (long)tv->tv_usec;
	int	i, n;

	if (us < 0 || us > 999999) {
		/* a capture file's header may hold anything */
		n = snprintf(tmp, sizeof(tmp), "%lld.%06ld",
		    (long long)tv->tv_sec, us);
		jb_put(b, tmp, (size_t)n);
		return;
	}
	jb_fmt_i64(b, (long long)tv->tv_sec);
	tmp[0] = '.';
	for (i = 6; i > 0; i--) {
		tmp[i] = (char)('0' + us % 10);
		us /= 10;
	}
	jb_put(b, tmp, 7);
}

static void
jb_init(struct jbuf *b, char *buf, size_t size)
{
	b->p = buf;
	b->size = size;
	b->len = 0;
	buf[0] = '\0';
}

size_t
nl_json_string(char *buf, size_t size, const char *s)
{
	struct jbuf	b;

	jb_init(&b, buf, size);
	jb_quoted(&b, s);
	return b.len;
}

size_t
nl_json_record(char *buf, size_t size, const struct nl_record *r)
{
	struct jbuf	b;
	char		addr[NL_ADDRSTRLEN], flags[16];

	jb_init(&b, buf, size);
	jb_str(&b, "{\"time\":");
	jb_time(&b, &r->time);
	jb_str(&b, ",\"ifname\":");
	jb_quoted(&b, r->ifname);
	jb_str(&b, ",\"action\":\"");
	jb_str(&b, nl_action_name(r->action));
	jb_str(&b, "\",\"dir\":\"");
	jb_str(&b, nl_dir_name(r->dir));
	jb_str(&b, "\",\"rule\":");
	jb_fmt_i64(&b, (long long)r->rule);
	jb_str(&b, ",\"af\":");
	jb_fmt_u64(&b, r->src.af);
	jb_str(&b, ",\"src\":\"");
	jb_str(&b, nl_addr_ntop(&r->src, addr, sizeof(addr)));
	jb_str(&b, "\",\"sport\":");
	jb_fmt_u64(&b, r->sport);
	jb_str(&b, ",\"dst\":\"");
	jb_str(&b, nl_addr_ntop(&r->dst, addr, sizeof(addr)));
	jb_str(&b, "\",\"dport\":");
	jb_fmt_u64(&b, r->dport);
	jb_str(&b, ",\"flags\":\"");
	jb_str(&b, nl_tcpflags_str(r->proto == NL_PROTO_TCP ? r->tcpflags : 0,
	    flags, sizeof(flags)));
	jb_str(&b, "\"}");
	return b.len;
}

size_t
nl_json_change(char *buf, size_t size, const char *table,
    const struct nl_change *c)
{
	struct jbuf	b;
	char		pfx[NL_PREFIXSTRLEN];

	jb_init(&b, buf, size);
	jb_str(&b, "{\"time\":");
	jb_time(&b, &c->time);
	jb_str(&b, ",\"op\":\"");
	jb_str(&b, nl_op_name(c->op));
	jb_str(&b, "\",\"table\":");
	jb_quoted(&b, table);
	jb_str(&b, ",\"addr\":\"");
	jb_str(&b, nl_prefix_ntop(&c->addr, c->plen, pfx, sizeof(pfx)));
	jb_str(&b, "\",\"reason\":\"");
	jb_str(&b, nl_reason_name(c->reason));
	jb_str(&b, "\",\"expires\":");
	jb_fmt_u64(&b, c->expires);
	jb_str(&b, "}");
	return b.len;
}
