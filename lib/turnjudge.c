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
 * Telling a mailer that tries only its first MX from a bot, from what
 * the firewall log shows and the sender's name; and show turned-away's
 * lines.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "compat.h"
#include "json.h"
#include "turnaway.h"

/* came back to the fake MX, minutes apart: a queue being retried */
static int
ta_returned(const struct nl_ta_item *it)
{
	return it->visits >= 2 && it->last - it->first >= NL_TA_RETURN_SPAN;
}

/*
 * A mailer has a forward-confirmed name of its own and retries its
 * queue; a bot sends a SYN or a few, from an address without a name or
 * with its access network's. Each row is how often the log's picture
 * comes from a legitimate sender, as a round judgement, not a measure.
 */
int
nl_ta_score(const struct nl_ta_item *it)
{
	static const int	score[4][2] = {
		/* single visit, returned */
		[NL_TA_NAME_UNKNOWN] =	{ 30, 60 },
		[NL_TA_NAME_NONE] =	{  5, 35 },
		[NL_TA_NAME_GENERIC] =	{ 15, 40 },
		[NL_TA_NAME_OK] =	{ 70, 95 },
	};
	int			name = it->name_state;

	if (name < 0 || name > NL_TA_NAME_OK)
		name = NL_TA_NAME_UNKNOWN;
	return score[name][ta_returned(it)];
}

int
nl_ta_likely(const struct nl_ta_item *it)
{
	return nl_ta_score(it) >= NL_TA_LIKELY;
}

const char *
nl_ta_kind(const struct nl_ta_item *it)
{
	return nl_ta_score(it) >= 50 ? "mailer" : "bot";
}

int
nl_ta_sure(const struct nl_ta_item *it)
{
	int	s = nl_ta_score(it);

	return s >= 50 ? s : 100 - s;
}

/* the address's bytes as they appear in pool names: 10, 010, 0a */
static int
ta_has_byte(const char *label, unsigned int b)
{
	char	num[8];

	snprintf(num, sizeof(num), "%u", b);
	if (b >= 10 && strstr(label, num) != NULL)
		return 1;
	snprintf(num, sizeof(num), "%03u", b);
	if (strstr(label, num) != NULL)
		return 1;
	snprintf(num, sizeof(num), "%02x", b);
	return b >= 16 && strstr(label, num) != NULL;
}

static int
ta_has_word(const char *label)
{
	static const char	*words[] = { "dsl", "dyn", "dhcp", "pool",
				    "cable", "ppp", "dial", "client",
				    "broadband", "customer", "cpe", "fiber",
				    "ftth", "mobile", "user", "unknown" };
	size_t			 i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strstr(label, words[i]) != NULL)
			return 1;
	return 0;
}

/*
 * The first label, lower case: an access network names its hosts after
 * their addresses (two of its bytes at least) or their kind of line.
 */
int
nl_ta_generic_name(const char *name, const struct nl_addr *a)
{
	char	label[64];
	size_t	i, n;
	int	bytes = 0;

	for (i = 0; name[i] != '\0' && name[i] != '.' &&
	    i < sizeof(label) - 1; i++)
		label[i] = tolower((unsigned char)name[i]);
	label[i] = '\0';
	if (ta_has_word(label))
		return 1;
	n = a->af == NL_AF4 ? 4 : 16;
	for (i = 0; i < n; i++)
		bytes += ta_has_byte(label, a->a[i]);
	return bytes >= 2;
}

static const char *
ta_name_word(const struct nl_ta_item *it)
{
	switch (it->name_state) {
	case NL_TA_NAME_NONE:
		return "none";
	case NL_TA_NAME_GENERIC:
		return "generic";
	case NL_TA_NAME_OK:
		return "confirmed";
	}
	return "unknown";
}

static size_t
ta_ret(int n, size_t size)
{
	if (n < 0)
		return 0;
	if ((size_t)n >= size)
		return size == 0 ? 0 : size - 1;
	return (size_t)n;
}

static size_t
ta_fmt_json(char *buf, size_t size, const struct nl_ta_item *it,
    const char *addr, uint32_t nth)
{
	char	name[NL_DNAME_MAX * 6 + 8];

	if (it->name[0] != '\0')
		nl_json_string(name, sizeof(name), it->name);
	else
		strlcpy(name, "null", sizeof(name));
	return ta_ret(snprintf(buf, size, "%s{\"addr\":\"%s\",\"kind\":\"%s\","
	    "\"confidence\":%d,\"likely_legitimate\":%s,\"attempts\":%u,"
	    "\"visits\":%u,\"first\":%lld,\"last\":%lld,\"fcrdns\":\"%s\","
	    "\"name\":%s,\"let_in\":\"nolistctl add %s\"}",
	    nth == 0 ? "\n" : ",\n", addr, nl_ta_kind(it), nl_ta_sure(it),
	    nl_ta_likely(it) ? "true" : "false", it->attempts, it->visits,
	    (long long)it->first, (long long)it->last, ta_name_word(it), name,
	    addr), size);
}

size_t
nl_ta_fmt_item(char *buf, size_t size, const struct nl_ta_item *it,
    int64_t now, int json, uint32_t nth)
{
	char		addr[NL_ADDRSTRLEN];
	long long	ago = now > it->last ? (long long)(now - it->last) : 0;

	nl_addr_ntop(&it->addr, addr, sizeof(addr));
	if (json)
		return ta_fmt_json(buf, size, it, addr, nth);
	return ta_ret(snprintf(buf, size, "%s %s %d%%%s attempts %u visits %u "
	    "first %lld last %lld (%lldm ago) fcrdns %s%s%s; let in: "
	    "nolistctl add %s\n", addr, nl_ta_kind(it), nl_ta_sure(it),
	    nl_ta_likely(it) ? " likely-legitimate" : "", it->attempts,
	    it->visits, (long long)it->first, (long long)it->last, ago / 60,
	    ta_name_word(it), it->name[0] != '\0' ? " " : "", it->name, addr),
	    size);
}
