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
 * nolistctl check's report: the verdicts as they come, then printed as
 * text or JSON once every check has been judged.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checkstate.h"
#include "compat.h"
#include "json.h"

/* Strings from DNS and from SMTP peers are shown, so nothing but text. */
void
ck_sanitize(char *s)
{
	for (; *s != '\0'; s++)
		if (!isprint((unsigned char)*s))
			*s = '?';
}

const char *
ck_res_why(int status)
{
	switch (status) {
	case RES_NODATA:
		return "no records";
	case RES_NXDOMAIN:
		return "no such name";
	case RES_TIMEOUT:
		return "no answer from the name servers";
	}
	return "the name servers failed";
}

void
ck_report(struct check *ck, int status, const char *check,
    const char *subject, const char *fix, const char *fmt, ...)
{
	struct ck_item	*it;
	va_list		 ap;
	size_t		 n;

	if (ck->nitems == ck->maxitems) {
		n = ck->maxitems == 0 ? 32 : ck->maxitems * 2;
		if ((it = reallocarray(ck->items, n, sizeof(*it))) == NULL) {
			ck->nomem = 1;
			return;
		}
		ck->items = it;
		ck->maxitems = n;
	}
	it = &ck->items[ck->nitems++];
	it->status = status;
	strlcpy(it->check, check, sizeof(it->check));
	strlcpy(it->subject, subject, sizeof(it->subject));
	strlcpy(it->fix, status == CK_OK || fix == NULL ? "" : fix,
	    sizeof(it->fix));
	va_start(ap, fmt);
	vsnprintf(it->message, sizeof(it->message), fmt, ap);
	va_end(ap);
}

static const char *
status_name(int status)
{
	switch (status) {
	case CK_OK:
		return "ok";
	case CK_WARNING:
		return "warning";
	}
	return "fail";
}

static void
print_text(const struct check *ck, const size_t *count)
{
	const struct ck_item	*it;
	size_t			 i;

	for (i = 0; i < ck->nitems; i++) {
		it = &ck->items[i];
		printf("%-7s %-12s %s%s%s\n", status_name(it->status),
		    it->check, it->subject, it->subject[0] ? ": " : "",
		    it->message);
		if (it->fix[0] != '\0')
			printf("%-7s %-12s fix: %s\n", "", "", it->fix);
	}
	printf("%s: %zu ok, %zu warning%s, %zu failed\n", ck->domain,
	    count[CK_OK], count[CK_WARNING], count[CK_WARNING] == 1 ? "" : "s",
	    count[CK_FAIL]);
}

static void
json_pair(const char *key, const char *val, int comma)
{
	char	buf[CK_MSGMAX * 6 + 8];

	nl_json_string(buf, sizeof(buf), val);
	printf("%s\"%s\":%s", comma ? "," : "", key, buf);
}

static void
print_json(const struct check *ck, const size_t *count)
{
	const struct ck_item	*it;
	size_t			 i;

	printf("{");
	json_pair("domain", ck->domain, 0);
	printf(",\"checks\":[");
	for (i = 0; i < ck->nitems; i++) {
		it = &ck->items[i];
		printf("%s{", i > 0 ? "," : "");
		json_pair("check", it->check, 0);
		json_pair("subject", it->subject, 1);
		json_pair("status", status_name(it->status), 1);
		json_pair("message", it->message, 1);
		json_pair("fix", it->fix, 1);
		printf("}");
	}
	printf("],\"ok\":%zu,\"warning\":%zu,\"fail\":%zu}\n", count[CK_OK],
	    count[CK_WARNING], count[CK_FAIL]);
}

/* the exit status: 1 when a check failed */
int
report_print(const struct check *ck)
{
	size_t	count[3] = { 0, 0, 0 }, i;

	for (i = 0; i < ck->nitems; i++)
		count[ck->items[i].status]++;
	if (ck->json)
		print_json(ck, count);
	else
		print_text(ck, count);
	return count[CK_FAIL] > 0;
}
