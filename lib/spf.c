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
#include "compat.h"
#include "expand.h"
#include "spf.h"

static const char *const kind_names[] = {
	"all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists"
};

const char *
nl_spf_kind_name(int kind)
{
	if (kind < 0 || kind > NL_SPFT_EXISTS)
		return "unknown";
	return kind_names[kind];
}

/* the terms that cost a DNS lookup, RFC 7208 4.6.4 */
int
nl_spf_term_queries(const struct nl_spf_term *t)
{
	return t->kind == NL_SPFT_INCLUDE || t->kind == NL_SPFT_A ||
	    t->kind == NL_SPFT_MX || t->kind == NL_SPFT_PTR ||
	    t->kind == NL_SPFT_EXISTS;
}

/* "v=spf1" alone or followed by a space: RFC 7208 4.5 */
int
nl_spf_rec_is(const char *txt, size_t n)
{
	return n >= 6 && strncasecmp(txt, "v=spf1", 6) == 0 &&
	    (n == 6 || txt[6] == ' ');
}

static int
spf_err(char *err, size_t len, const char *why, const char *t, size_t n)
{
	snprintf(err, len, "%s \"%.*s\"", why, (int)(n > 64 ? 64 : n), t);
	return -1;
}

/* RFC 7208 7.1: %%, %_, %- or %{ letter digits [r] delimiters } */
static int
macro_ok(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (s[i] != '%')
			continue;
		if (++i >= n)
			return 0;
		if (s[i] == '%' || s[i] == '_' || s[i] == '-')
			continue;
		if (s[i] != '{' || ++i >= n ||
		    strchr("slodiphcrtvSLODIPHCRTV", s[i]) == NULL)
			return 0;
		for (i++; i < n && isdigit((unsigned char)s[i]); i++)
			;
		if (i < n && (s[i] == 'r' || s[i] == 'R'))
			i++;
		for (; i < n && strchr(".-+,/_=", s[i]) != NULL; i++)
			;
		if (i >= n || s[i] != '}')
			return 0;
	}
	return 1;
}

/*
 * A domain-spec into buf: normalized when it is a plain name, kept as
 * written and flagged when it has macros, -1 when it is neither.
 */
static int
spf_domain(const char *s, size_t n, char *buf, size_t len, uint8_t *macro)
{
	char	raw[NL_DNAME_MAX + 2];
	size_t	i;

	*macro = 0;
	if (n == 0 || n >= sizeof(raw))
		return -1;
	for (i = 0; i < n; i++)
		if (s[i] < 0x21 || s[i] > 0x7e)
			return -1;
	memcpy(raw, s, n);
	raw[n] = '\0';
	if (memchr(s, '%', n) != NULL) {
		if (!macro_ok(s, n) || strlcpy(buf, raw, len) >= len)
			return -1;
		*macro = 1;
		return 0;
	}
	return nl_name_normalize(raw, buf, len);
}

static int
spf_cidr(const char *s, size_t n, int max, uint8_t *out)
{
	char		 buf[8];
	const char	*errstr;
	long long	 v;

	if (n == 0 || n >= sizeof(buf) || (n > 1 && s[0] == '0'))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	v = strtonum(buf, 0, max, &errstr);
	if (errstr != NULL)
		return -1;
	*out = (uint8_t)v;
	return 0;
}

/* "[:domain][/n][//m]" after a or mx */
static int
spf_dual(const char *arg, size_t n, struct nl_spf_term *t)
{
	const char	*slash;
	size_t		 dlen;

	t->plen4 = 32;
	t->plen6 = 128;
	slash = memchr(arg, '/', n);
	dlen = slash == NULL ? n : (size_t)(slash - arg);
	if (dlen > 0 && (arg[0] != ':' || spf_domain(arg + 1, dlen - 1,
	    t->domain, sizeof(t->domain), &t->macro) == -1))
		return -1;
	if (slash == NULL)
		return 0;
	n -= dlen;
	arg = slash;
	if (n >= 2 && arg[1] == '/')
		return spf_cidr(arg + 2, n - 2, 128, &t->plen6);
	slash = memchr(arg + 1, '/', n - 1);
	if (slash == NULL)
		return spf_cidr(arg + 1, n - 1, 32, &t->plen4);
	if (spf_cidr(arg + 1, slash - arg - 1, 32, &t->plen4) == -1)
		return -1;
	n -= slash - arg;
	if (n < 2 || slash[1] != '/')
		return -1;
	return spf_cidr(slash + 2, n - 2, 128, &t->plen6);
}

/* ":address[/cidr]" after ip4 or ip6, of that family */
static int
spf_ip(const char *arg, size_t n, int af, struct nl_spf_term *t)
{
	char		 buf[NL_ADDRSTRLEN];
	const char	*slash;
	size_t		 alen;
	uint8_t		 plen;

	if (n < 2 || arg[0] != ':')
		return -1;
	arg++;
	n--;
	slash = memchr(arg, '/', n);
	alen = slash == NULL ? n : (size_t)(slash - arg);
	if (alen == 0 || alen >= sizeof(buf))
		return -1;
	memcpy(buf, arg, alen);
	buf[alen] = '\0';
	if (nl_addr_parse(buf, &t->addr) == -1 || t->addr.af != af)
		return -1;
	plen = af == NL_AF4 ? 32 : 128;
	if (slash != NULL && spf_cidr(slash + 1, n - alen - 1,
	    af == NL_AF4 ? 32 : 128, &plen) == -1)
		return -1;
	nl_addr_mask(&t->addr, plen);
	if (af == NL_AF4)
		t->plen4 = plen;
	else
		t->plen6 = plen;
	return 0;
}

/* the mechanism's name, and what follows it: ':' or '/' or nothing */
int
nl_spf_mech_is(const char *t, size_t n, const char *name, const char **arg,
    size_t *argn)
{
	size_t	k = strlen(name);

	if (n < k || strncasecmp(t, name, k) != 0)
		return 0;
	if (n > k && t[k] != ':' && t[k] != '/')
		return 0;
	*arg = t + k;
	*argn = n - k;
	return 1;
}

static int
spf_need_domain(const char *arg, size_t n, struct nl_spf_term *t)
{
	if (n < 2 || arg[0] != ':')
		return -1;
	return spf_domain(arg + 1, n - 1, t->domain, sizeof(t->domain),
	    &t->macro);
}

/* the mechanism into t; NULL, or what is wrong with it */
static const char *
spf_mech_arg(const char *s, size_t n, struct nl_spf_term *t)
{
	const char	*arg;
	size_t		 argn;

	if (n == 3 && strncasecmp(s, "all", 3) == 0) {
		t->kind = NL_SPFT_ALL;
		return NULL;
	}
	if (nl_spf_mech_is(s, n, "include", &arg, &argn))
		t->kind = NL_SPFT_INCLUDE;
	else if (nl_spf_mech_is(s, n, "exists", &arg, &argn))
		t->kind = NL_SPFT_EXISTS;
	else if (nl_spf_mech_is(s, n, "ptr", &arg, &argn))
		t->kind = NL_SPFT_PTR;
	else if (nl_spf_mech_is(s, n, "a", &arg, &argn))
		t->kind = NL_SPFT_A;
	else if (nl_spf_mech_is(s, n, "mx", &arg, &argn))
		t->kind = NL_SPFT_MX;
	else if (nl_spf_mech_is(s, n, "ip4", &arg, &argn))
		t->kind = NL_SPFT_IP4;
	else if (nl_spf_mech_is(s, n, "ip6", &arg, &argn))
		t->kind = NL_SPFT_IP6;
	else
		return "unknown mechanism";
	switch (t->kind) {
	case NL_SPFT_PTR:
		if (argn == 0)
			return NULL;
		/* FALLTHROUGH */
	case NL_SPFT_INCLUDE:
	case NL_SPFT_EXISTS:
		return spf_need_domain(arg, argn, t) == -1 ?
		    "bad domain in" : NULL;
	case NL_SPFT_A:
	case NL_SPFT_MX:
		return spf_dual(arg, argn, t) == -1 ? "bad argument in" : NULL;
	default:
		return spf_ip(arg, argn, t->kind == NL_SPFT_IP4 ? NL_AF4 :
		    NL_AF6, t) == -1 ? "bad address in" : NULL;
	}
}

static int
spf_mechanism(const char *s, size_t n, struct nl_spf_rec *r, char *err,
    size_t errlen)
{
	struct nl_spf_term	*t;
	const char		*term = s, *why;
	size_t			 termn = n;

	if (r->nterms == NL_SPF_MAXTERMS)
		return spf_err(err, errlen, "more terms than allowed at",
		    s, n);
	t = &r->terms[r->nterms];
	memset(t, 0, sizeof(*t));
	t->qual = '+';
	if (strchr("+-~?", s[0]) != NULL) {
		t->qual = s[0];
		s++;
		n--;
	}
	if ((why = spf_mech_arg(s, n, t)) != NULL)
		return spf_err(err, errlen, why, term, termn);
	if (t->kind == NL_SPFT_ALL)
		r->all = t->qual;
	if (nl_spf_term_queries(t))
		r->queryterms++;
	r->nterms++;
	return 0;
}

/* redirect= and exp= once each; unknown modifiers are ignored */
static int
spf_modifier(const char *s, size_t n, size_t eq, struct nl_spf_rec *r,
    int *exp, char *err, size_t errlen)
{
	char	dom[NL_DNAME_MAX + 1];
	size_t	i;
	uint8_t	macro;

	if (eq == 0 || !isalpha((unsigned char)s[0]))
		return spf_err(err, errlen, "bad modifier", s, n);
	for (i = 1; i < eq; i++)
		if (!isalnum((unsigned char)s[i]) && strchr("-_.", s[i]) ==
		    NULL)
			return spf_err(err, errlen, "bad modifier", s, n);
	if (eq == 8 && strncasecmp(s, "redirect", 8) == 0) {
		if (r->redirect[0] != '\0')
			return spf_err(err, errlen, "second", s, n);
		if (spf_domain(s + 9, n - 9, dom, sizeof(dom), &macro) == -1)
			return spf_err(err, errlen, "bad domain in", s, n);
		strlcpy(r->redirect, dom, sizeof(r->redirect));
		r->redirect_macro = macro;
	} else if (eq == 3 && strncasecmp(s, "exp", 3) == 0) {
		if ((*exp)++ > 0)
			return spf_err(err, errlen, "second", s, n);
	}
	return 0;
}

/*
 * Parse a record of n bytes; -1 with the reason in err for what is not
 * a valid SPF record (RFC 7208's permerror) or exceeds the bounds.
 * A redirect= next to "all" is dropped: RFC 7208 6.1 ignores it.
 */
int
nl_spf_rec_parse(const char *txt, size_t len, struct nl_spf_rec *r,
    char *err, size_t errlen)
{
	const char	*s, *end = txt + len;
	size_t		 n, eq;
	int		 exp = 0;

	memset(r, 0, sizeof(*r));
	if (errlen > 0)
		err[0] = '\0';
	if (len > NL_SPF_MAXLEN)
		return spf_err(err, errlen, "record too long:", txt, 16);
	if (memchr(txt, '\0', len) != NULL)
		return spf_err(err, errlen, "NUL in", txt, strlen(txt));
	if (!nl_spf_rec_is(txt, len))
		return spf_err(err, errlen, "not SPF:", txt, len);
	for (s = txt + 6; s < end; s += n) {
		if (*s == ' ') {
			n = 1;
			continue;
		}
		for (n = 0; s + n < end && s[n] != ' '; n++)
			;
		for (eq = 0; eq < n && strchr("=:/", s[eq]) == NULL; eq++)
			;
		if (eq < n && s[eq] == '=') {
			if (spf_modifier(s, n, eq, r, &exp, err, errlen) == -1)
				return -1;
		} else if (spf_mechanism(s, n, r, err, errlen) == -1)
			return -1;
	}
	if (r->all != 0)
		r->redirect[0] = '\0';
	if (r->redirect[0] != '\0')
		r->queryterms++;
	return 0;
}
