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

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "addr.h"
#include "checkrules.h"
#include "compat.h"
#include "poolrules.h"

#define GEN_MAXRUNS	32

/* a customer's line, as ISPs name them; matched as whole words */
static const char *const dynamic_words[] = {
	"adsl", "bband", "broadband", "cable", "cgnat", "client", "clients",
	"cpe", "cust", "customer", "dhcp", "dial", "dialin", "dialup", "dip",
	"dsl", "dyn", "dynamic", "dynip", "ftth", "fttp", "fttx", "gprs",
	"home", "hsd", "lte", "mobile", "pool", "ppp", "pppoe", "resnet",
	"residential", "sdsl", "subscriber", "umts", "user", "users",
	"vdsl", "wifi", "wireless", "xdsl"
};

static const char *const verdict_names[NL_POOLV_MAX] = {
	"ok", "all", "too-wide", "empty", "not-sender"
};

const char *
nl_pool_verdict_name(int v)
{
	if (v < 0 || v >= NL_POOLV_MAX)
		return "unknown";
	return verdict_names[v];
}

void
nl_expfilter_init(struct nl_expfilter *f, const struct nl_config *conf)
{
	size_t	i;

	memset(f, 0, sizeof(*f));
	for (i = 0; i < conf->nfake_mx && i < NL_MAXMX; i++)
		f->mx[f->nmx++] = conf->fake_mx[i];
	for (i = 0; i < conf->nreal_mx && i < NL_MAXMX; i++)
		f->mx[f->nmx++] = conf->real_mx[i];
	f->per_name = NL_EXPAND_PER_NAME;
}

/*
 * Global unicast only; the documentation ranges pass too, since they
 * route nowhere and the tests need them. IPv4-mapped IPv6 addresses are
 * IPv4 in disguise, and not global as IPv6.
 */
static int
class_ok(const struct nl_addr *a)
{
	int	c = nl_addr_class(a);

	return c == NL_AC_GLOBAL || c == NL_AC_DOCUMENTATION;
}

static int
range_holds(const struct nl_addr *net, int plen, const struct nl_addr *a)
{
	struct nl_addr	m = *a;

	if (a->af != net->af)
		return 0;
	nl_addr_mask(&m, plen);
	return nl_addr_eq(&m, net);
}

/* 1 when an expanded address may be whitelisted */
int
nl_expfilter_addr(const struct nl_expfilter *f, const struct nl_addr *a)
{
	return nl_expfilter_range(f, a, nl_addr_maxplen(a));
}

/* 1 when a range may: both ends global, no MX of ours inside */
int
nl_expfilter_range(const struct nl_expfilter *f, const struct nl_addr *net,
    int plen)
{
	struct nl_addr	first = *net, last = *net;
	size_t		i;
	int		b;

	if ((net->af != NL_AF4 && net->af != NL_AF6) || plen < 0 ||
	    plen > nl_addr_maxplen(net))
		return 0;
	nl_addr_mask(&first, plen);
	for (b = plen; b < nl_addr_maxplen(net); b++)
		last.a[b / 8] |= 0x80 >> (b % 8);
	if (!class_ok(&first) || !class_ok(&last))
		return 0;
	for (i = 0; i < f->nmx; i++)
		if (range_holds(&first, plen, &f->mx[i]))
			return 0;
	return 1;
}

/* the numbers written in s, up to max */
static size_t
digit_runs(const char *s, long *runs, size_t max)
{
	size_t	n = 0;
	long	v;

	while (*s != '\0' && n < max) {
		if (!isdigit((unsigned char)*s)) {
			s++;
			continue;
		}
		for (v = 0; isdigit((unsigned char)*s); s++)
			v = v < 100000 ? v * 10 + (*s - '0') : v;
		runs[n++] = v;
	}
	return n;
}

/* three octets in a row, in order or reversed, as separate numbers */
static int
embeds_octets(const char *host, const uint8_t *o)
{
	long	runs[GEN_MAXRUNS];
	size_t	n, i, k;
	int	fwd, rev;

	n = digit_runs(host, runs, GEN_MAXRUNS);
	for (i = 0; i + 3 <= n; i++)
		for (k = 0; k < 2; k++) {
			fwd = runs[i] == o[k] && runs[i + 1] == o[k + 1] &&
			    runs[i + 2] == o[k + 2];
			rev = runs[i] == o[3 - k] && runs[i + 1] == o[2 - k] &&
			    runs[i + 2] == o[1 - k];
			if (fwd || rev)
				return 1;
		}
	return 0;
}

static int
embeds_v4(const char *host, const struct nl_addr *a)
{
	const uint8_t	*o = a->a;
	char		 buf[16];

	if (embeds_octets(host, o))
		return 1;
	snprintf(buf, sizeof(buf), "%03u%03u%03u%03u", o[0], o[1], o[2], o[3]);
	if (strstr(host, buf + 3) != NULL)
		return 1;
	snprintf(buf, sizeof(buf), "%02x%02x%02x%02x", o[0], o[1], o[2], o[3]);
	return strstr(host, buf) != NULL;
}

/* the interface identifier in hex, or two of its groups in a row */
static int
embeds_v6(const char *host, const struct nl_addr *a)
{
	char	buf[40];
	int	i;

	for (i = 0; i < 8; i++)
		snprintf(buf + 2 * i, 3, "%02x", a->a[8 + i]);
	if (strstr(host, buf) != NULL)
		return 1;
	for (i = 8; i + 4 <= 16; i += 2) {
		if ((a->a[i] | a->a[i + 1]) == 0 ||
		    (a->a[i + 2] | a->a[i + 3]) == 0)
			continue;
		snprintf(buf, sizeof(buf), "%x-%x", a->a[i] << 8 | a->a[i + 1],
		    a->a[i + 2] << 8 | a->a[i + 3]);
		if (strstr(host, buf) != NULL)
			return 1;
	}
	return 0;
}

static int
dynamic_word(const char *w, size_t n)
{
	size_t	i;

	for (i = 0; i < sizeof(dynamic_words) / sizeof(dynamic_words[0]); i++)
		if (strlen(dynamic_words[i]) == n &&
		    strncmp(dynamic_words[i], w, n) == 0)
			return 1;
	return 0;
}

static int
has_dynamic_word(const char *host)
{
	const char	*s = host;
	size_t		 n;

	while (*s != '\0') {
		if (!isalpha((unsigned char)*s)) {
			s++;
			continue;
		}
		for (n = 0; isalpha((unsigned char)s[n]); n++)
			;
		if (dynamic_word(s, n))
			return 1;
		s += n;
	}
	return 0;
}

/*
 * Does the name, left of its registered domain regd, look like a line
 * an ISP hands a customer? Such a sender is whitelisted as itself only.
 */
int
nl_name_generic(const char *name, const char *regd, const struct nl_addr *a)
{
	char	host[NL_DNAME_MAX + 1];
	size_t	n, r;

	if (nl_name_normalize(name, host, sizeof(host)) == -1)
		return NL_GENERIC_ADDR;
	n = strlen(host);
	r = regd != NULL ? strlen(regd) : 0;
	if (r > 0 && r < n && host[n - r - 1] == '.' &&
	    strcasecmp(host + n - r, regd) == 0)
		host[n - r - 1] = '\0';
	else if (r > 0 && r == n)
		return NL_GENERIC_NO;	/* the domain itself */
	if (a->af == NL_AF4 && embeds_v4(host, a))
		return NL_GENERIC_ADDR;
	if (a->af == NL_AF6 && embeds_v6(host, a))
		return NL_GENERIC_ADDR;
	return has_dynamic_word(host) ? NL_GENERIC_DYNAMIC : NL_GENERIC_NO;
}

int
nl_range_has(const struct nl_spf_range *r, const struct nl_addr *a)
{
	return range_holds(&r->addr, r->plen, a);
}

static int
too_wide(const struct nl_spf_range *r)
{
	return r->plen < (r->addr.af == NL_AF4 ? NL_POOL_FLOOR4 :
	    NL_POOL_FLOOR6);
}

/*
 * A finished walk's ranges as a pool: the filtered ranges go to out
 * (room for n; NULL to count them only) and their number is returned,
 * the verdict to *verdict.
 * A sender given must lie in them; NULL judges a static walk.
 */
size_t
nl_pool_judge(const struct nl_spfw_info *info,
    const struct nl_spf_range *in, size_t n, const struct nl_expfilter *f,
    const struct nl_addr *sender, struct nl_spf_range *out, int *verdict)
{
	size_t	i, k = 0;
	int	has = 0;

	*verdict = NL_POOLV_OK;
	if (info->pass_all || info->all == '+' || info->all == '?') {
		*verdict = NL_POOLV_ALL;
		return 0;
	}
	for (i = 0; i < n; i++)
		if (too_wide(&in[i])) {
			*verdict = NL_POOLV_WIDE;
			return 0;
		}
	for (i = 0; i < n; i++) {
		if (!nl_expfilter_range(f, &in[i].addr, in[i].plen))
			continue;
		if (sender != NULL && nl_range_has(&in[i], sender))
			has = 1;
		if (out != NULL)
			out[k] = in[i];
		k++;
	}
	if (k == 0)
		*verdict = NL_POOLV_EMPTY;
	else if (sender != NULL && !has)
		*verdict = NL_POOLV_NOTSENDER;
	return *verdict == NL_POOLV_OK ? k : 0;
}
