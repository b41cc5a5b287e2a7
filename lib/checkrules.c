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

#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "checkrules.h"
#include "spf.h"
#include "compat.h"

struct special {
	uint8_t		 af;
	uint8_t		 bytes[16];
	int		 plen;
	int		 class;
};

/* Most specific first; the first match decides. */
static const struct special specials[] = {
	{ NL_AF4, { 0 }, 8, NL_AC_UNROUTABLE },
	{ NL_AF4, { 10 }, 8, NL_AC_PRIVATE },
	{ NL_AF4, { 100, 64 }, 10, NL_AC_PRIVATE },
	{ NL_AF4, { 127 }, 8, NL_AC_LOOPBACK },
	{ NL_AF4, { 169, 254 }, 16, NL_AC_LINKLOCAL },
	{ NL_AF4, { 172, 16 }, 12, NL_AC_PRIVATE },
	{ NL_AF4, { 192, 0, 0 }, 24, NL_AC_UNROUTABLE },
	{ NL_AF4, { 192, 0, 2 }, 24, NL_AC_DOCUMENTATION },
	{ NL_AF4, { 192, 88, 99 }, 24, NL_AC_UNROUTABLE },
	{ NL_AF4, { 192, 168 }, 16, NL_AC_PRIVATE },
	{ NL_AF4, { 198, 18 }, 15, NL_AC_UNROUTABLE },
	{ NL_AF4, { 198, 51, 100 }, 24, NL_AC_DOCUMENTATION },
	{ NL_AF4, { 203, 0, 113 }, 24, NL_AC_DOCUMENTATION },
	{ NL_AF4, { 224 }, 4, NL_AC_UNROUTABLE },
	{ NL_AF4, { 240 }, 4, NL_AC_UNROUTABLE },
	{ NL_AF6, { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 }, 128,
	    NL_AC_LOOPBACK },
	{ NL_AF6, { 0xfc }, 7, NL_AC_PRIVATE },
	{ NL_AF6, { 0xfe, 0x80 }, 10, NL_AC_LINKLOCAL },
	{ NL_AF6, { 0xfe, 0xc0 }, 10, NL_AC_PRIVATE },
	{ NL_AF6, { 0x20, 0x01, 0x0d, 0xb8 }, 32, NL_AC_DOCUMENTATION },
	{ NL_AF6, { 0x3f, 0xff }, 20, NL_AC_DOCUMENTATION },
};

static int
prefix_has(const uint8_t *net, int plen, const uint8_t *a)
{
	int	full = plen / 8, rest = plen % 8;
	uint8_t	mask;

	if (memcmp(net, a, full) != 0)
		return 0;
	if (rest == 0)
		return 1;
	mask = 0xff << (8 - rest);
	return (net[full] & mask) == (a[full] & mask);
}

int
nl_addr_class(const struct nl_addr *a)
{
	size_t	i;

	for (i = 0; i < sizeof(specials) / sizeof(specials[0]); i++)
		if (specials[i].af == a->af &&
		    prefix_has(specials[i].bytes, specials[i].plen, a->a))
			return specials[i].class;
	/* IPv6 global unicast is 2000::/3; the rest is not for hosts */
	if (a->af == NL_AF6 && (a->a[0] & 0xe0) != 0x20)
		return NL_AC_UNROUTABLE;
	if (a->af != NL_AF4 && a->af != NL_AF6)
		return NL_AC_UNROUTABLE;
	return NL_AC_GLOBAL;
}

const char *
nl_addr_class_name(int class)
{
	switch (class) {
	case NL_AC_GLOBAL:
		return "global";
	case NL_AC_DOCUMENTATION:
		return "documentation";
	case NL_AC_PRIVATE:
		return "private";
	case NL_AC_LOOPBACK:
		return "loopback";
	case NL_AC_LINKLOCAL:
		return "link-local";
	case NL_AC_UNROUTABLE:
		return "unroutable";
	}
	return "unknown";
}

const char *
nl_probe_name(int p)
{
	switch (p) {
	case NL_PROBE_NONE:
		return "not probed";
	case NL_PROBE_RESET:
		return "reset";
	case NL_PROBE_TIMEOUT:
		return "timeout";
	case NL_PROBE_UNREACH:
		return "unreachable";
	case NL_PROBE_BANNER_OK:
		return "2xx greeting";
	case NL_PROBE_BANNER_TEMP:
		return "4xx greeting";
	case NL_PROBE_BANNER_PERM:
		return "5xx greeting";
	case NL_PROBE_NOBANNER:
		return "no greeting";
	}
	return "unknown";
}

/*
 * A greeting anywhere makes the host a server; addresses that could not
 * be reached from here say nothing either way.
 */
int
nl_mx_role(const int *probes, size_t n)
{
	size_t	i, quiet = 0;
	int	refusing = 0, odd = 0;

	for (i = 0; i < n; i++) {
		switch (probes[i]) {
		case NL_PROBE_BANNER_OK:
			return NL_MX_REAL;
		case NL_PROBE_BANNER_TEMP:
		case NL_PROBE_BANNER_PERM:
			refusing = 1;
			break;
		case NL_PROBE_NOBANNER:
			odd = 1;
			break;
		case NL_PROBE_RESET:
		case NL_PROBE_TIMEOUT:
			quiet++;
			break;
		}
	}
	if (refusing)
		return NL_MX_REFUSING;
	if (odd || quiet == 0)
		return NL_MX_UNKNOWN;
	return NL_MX_FAKE;
}

const char *
nl_mx_role_name(int role)
{
	switch (role) {
	case NL_MX_FAKE:
		return "fake";
	case NL_MX_REFUSING:
		return "refusing";
	case NL_MX_REAL:
		return "real";
	}
	return "unknown";
}

static int
fake_like(int role)
{
	return role == NL_MX_FAKE || role == NL_MX_REFUSING;
}

void
nl_mx_layout(const struct nl_mxhost *h, size_t n, struct nl_mxlayout *l)
{
	size_t	i;

	memset(l, 0, sizeof(*l));
	if (n == 0)
		return;
	l->best = l->worst = h[0].pref;
	for (i = 1; i < n; i++) {
		if (h[i].pref < l->best)
			l->best = h[i].pref;
		if (h[i].pref > l->worst)
			l->worst = h[i].pref;
	}
	l->worst_fake = l->worst > l->best;
	for (i = 0; i < n; i++) {
		if (h[i].pref == l->best) {
			if (h[i].role == NL_MX_REAL)
				l->best_real++;
			else if (fake_like(h[i].role))
				l->best_fake++;
			else
				l->best_unknown++;
		} else if (h[i].role == NL_MX_REAL)
			l->behind_real++;
		if (h[i].pref == l->worst && !fake_like(h[i].role))
			l->worst_fake = 0;
	}
}

/* "220 mx.example.com ESMTP": the code and the name after it. */
int
nl_smtp_greeting(const char *line, int *code, char *host, size_t len)
{
	size_t	n;

	if (!isdigit((unsigned char)line[0]) ||
	    !isdigit((unsigned char)line[1]) ||
	    !isdigit((unsigned char)line[2]) ||
	    (line[3] != ' ' && line[3] != '-' && line[3] != '\0' &&
	    line[3] != '\r' && line[3] != '\n'))
		return -1;
	*code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + line[2] - '0';
	line += line[3] == '\0' ? 3 : 4;
	n = strcspn(line, " \t\r\n");
	if (n >= len)
		n = len - 1;
	memcpy(host, line, n);
	host[n] = '\0';
	return 0;
}

int
nl_name_eq(const char *a, const char *b)
{
	size_t	la = strlen(a), lb = strlen(b);

	if (la > 0 && a[la - 1] == '.')
		la--;
	if (lb > 0 && b[lb - 1] == '.')
		lb--;
	return la == lb && strncasecmp(a, b, la) == 0;
}

/* --- SPF --- */

static int
starts_tag(const char *s, const char *tag)
{
	size_t	n = strlen(tag);

	return strncasecmp(s, tag, n) == 0 &&
	    (s[n] == '\0' || s[n] == ' ');
}

int
nl_spf_is_record(const char *txt)
{
	return starts_tag(txt, "v=spf1");
}

/* A domain-spec: printable, and every % a well-formed macro. */
static int
spf_domain_ok(const char *s, size_t n)
{
	size_t	i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] < 0x21 || s[i] > 0x7e)
			return 0;
		if (s[i] != '%')
			continue;
		if (i + 1 >= n)
			return 0;
		if (s[i + 1] == '%' || s[i + 1] == '_' || s[i + 1] == '-') {
			i++;
			continue;
		}
		if (s[i + 1] != '{' || memchr(s + i, '}', n - i) == NULL)
			return 0;
		i = (const char *)memchr(s + i, '}', n - i) - s;
	}
	return 1;
}

static int
cidr_ok(const char *s, size_t n, long long max)
{
	char		 buf[8];
	const char	*errstr;

	if (n == 0 || n >= sizeof(buf))
		return 0;
	memcpy(buf, s, n);
	buf[n] = '\0';
	strtonum(buf, 0, max, &errstr);
	return errstr == NULL;
}

/* "[:domain][/n][//m]" after a or mx */
static int
spf_dual_cidr(const char *arg, size_t n)
{
	const char	*slash;
	size_t		 dlen;

	slash = memchr(arg, '/', n);
	dlen = slash == NULL ? n : (size_t)(slash - arg);
	if (dlen > 0 && (arg[0] != ':' || !spf_domain_ok(arg + 1, dlen - 1)))
		return 0;
	if (slash == NULL)
		return 1;
	n -= dlen;
	arg = slash;
	if (n >= 2 && arg[1] == '/')
		return cidr_ok(arg + 2, n - 2, 128);
	slash = memchr(arg + 1, '/', n - 1);
	if (slash == NULL)
		return cidr_ok(arg + 1, n - 1, 32);
	if (!cidr_ok(arg + 1, slash - arg - 1, 32))
		return 0;
	n -= slash - arg;
	return n >= 2 && slash[1] == '/' && cidr_ok(slash + 2, n - 2, 128);
}

static int
spf_ip(const char *arg, size_t n, int af)
{
	char		 buf[64];
	uint8_t		 bin[16];
	const char	*slash;
	size_t		 alen;

	slash = memchr(arg, '/', n);
	alen = slash == NULL ? n : (size_t)(slash - arg);
	if (alen == 0 || alen >= sizeof(buf))
		return 0;
	memcpy(buf, arg, alen);
	buf[alen] = '\0';
	if (inet_pton(af, buf, bin) != 1)
		return 0;
	if (slash == NULL)
		return 1;
	return cidr_ok(slash + 1, n - alen - 1, af == AF_INET ? 32 : 128);
}

static int
spf_fail(char *err, size_t errlen, const char *why, const char *t, size_t n)
{
	snprintf(err, errlen, "%s \"%.*s\"", why, (int)(n > 64 ? 64 : n), t);
	return -1;
}

static int
spf_mechanism(const char *t, size_t n, struct nl_spf *spf, char *err,
    size_t errlen)
{
	const char	*term = t, *arg;
	size_t		 termn = n, argn;
	int		 qual = '+';

	if (strchr("+-~?", t[0]) != NULL) {
		qual = t[0];
		t++;
		n--;
	}
	if (n == 3 && strncasecmp(t, "all", 3) == 0) {
		spf->all = qual;
		return 0;
	}
	if (nl_spf_mech_is(t, n, "include", &arg, &argn) ||
	    nl_spf_mech_is(t, n, "exists", &arg, &argn)) {
		spf->lookups++;
		if (argn < 2 || arg[0] != ':' || !spf_domain_ok(arg + 1,
		    argn - 1))
			return spf_fail(err, errlen, "bad domain in", term,
			    termn);
		return 0;
	}
	if (nl_spf_mech_is(t, n, "a", &arg, &argn) ||
	    nl_spf_mech_is(t, n, "mx", &arg, &argn)) {
		spf->lookups++;
		if (!spf_dual_cidr(arg, argn))
			return spf_fail(err, errlen, "bad argument in", term,
			    termn);
		return 0;
	}
	if (nl_spf_mech_is(t, n, "ptr", &arg, &argn)) {
		spf->lookups++;
		spf->ptr = 1;
		if (argn > 0 && (arg[0] != ':' ||
		    !spf_domain_ok(arg + 1, argn - 1)))
			return spf_fail(err, errlen, "bad domain in", term,
			    termn);
		return 0;
	}
	if (nl_spf_mech_is(t, n, "ip4", &arg, &argn) ||
	    nl_spf_mech_is(t, n, "ip6", &arg, &argn)) {
		if (argn < 2 || arg[0] != ':' || !spf_ip(arg + 1, argn - 1,
		    tolower((unsigned char)t[2]) == '4' ? AF_INET : AF_INET6))
			return spf_fail(err, errlen, "bad address in", term,
			    termn);
		return 0;
	}
	return spf_fail(err, errlen, "unknown mechanism", term, termn);
}

static int
spf_modifier(const char *t, size_t n, size_t eq, struct nl_spf *spf,
    int *exp, char *err, size_t errlen)
{
	size_t	i;

	if (!isalpha((unsigned char)t[0]))
		return spf_fail(err, errlen, "bad modifier", t, n);
	for (i = 1; i < eq; i++)
		if (!isalnum((unsigned char)t[i]) && strchr("-_.", t[i]) ==
		    NULL)
			return spf_fail(err, errlen, "bad modifier", t, n);
	if (eq == 8 && strncasecmp(t, "redirect", 8) == 0) {
		if (spf->redirect)
			return spf_fail(err, errlen, "second", t, n);
		spf->redirect = 1;
		spf->lookups++;
	} else if (eq == 3 && strncasecmp(t, "exp", 3) == 0) {
		if (*exp)
			return spf_fail(err, errlen, "second", t, n);
		*exp = 1;
	} else
		return 0;	/* unknown modifiers are allowed */
	if (!spf_domain_ok(t + eq + 1, n - eq - 1))
		return spf_fail(err, errlen, "bad domain in", t, n);
	return 0;
}

int
nl_spf_parse(const char *txt, struct nl_spf *spf, char *err, size_t errlen)
{
	const char	*t;
	size_t		 n, eq;
	int		 exp = 0;

	memset(spf, 0, sizeof(*spf));
	err[0] = '\0';
	if (!nl_spf_is_record(txt)) {
		snprintf(err, errlen, "does not begin with v=spf1");
		return -1;
	}
	for (t = txt + 6; *t != '\0'; t += n) {
		if (*t == ' ') {
			n = 1;
			continue;
		}
		n = strcspn(t, " ");
		spf->terms++;
		eq = strcspn(t, "=:/");
		if (eq < n && t[eq] == '=') {
			if (spf_modifier(t, n, eq, spf, &exp, err,
			    errlen) == -1)
				return -1;
		} else if (spf_mechanism(t, n, spf, err, errlen) == -1)
			return -1;
	}
	if (spf->lookups > NL_SPF_MAXLOOKUPS) {
		snprintf(err, errlen, "%u terms that need DNS lookups, more "
		    "than %d", spf->lookups, NL_SPF_MAXLOOKUPS);
		return -1;
	}
	return 0;
}

/* --- DMARC --- */

int
nl_dmarc_is_record(const char *txt)
{
	while (*txt == ' ' || *txt == '\t')
		txt++;
	return strncmp(txt, "v=DMARC1", 8) == 0 &&
	    (txt[8] == '\0' || txt[8] == ';' || txt[8] == ' ' ||
	    txt[8] == '\t');
}

/* One "tag=value" of a DMARC record, blanks around both trimmed. */
static int
dmarc_tag(const char *s, size_t n, char *tag, size_t tlen, char *val,
    size_t vlen)
{
	const char	*eq;
	size_t		 k;

	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0)
		return 0;
	if ((eq = memchr(s, '=', n)) == NULL)
		return -1;
	for (k = eq - s; k > 0 && (s[k - 1] == ' ' || s[k - 1] == '\t'); k--)
		;
	if (k == 0 || k >= tlen)
		return -1;
	memcpy(tag, s, k);
	tag[k] = '\0';
	for (eq++; eq < s + n && (*eq == ' ' || *eq == '\t'); eq++)
		;
	k = s + n - eq;
	if (k >= vlen)
		k = vlen - 1;
	memcpy(val, eq, k);
	val[k] = '\0';
	return 1;
}

int
nl_dmarc_parse(const char *txt, char *err, size_t errlen)
{
	char	tag[32], val[256];
	size_t	n;
	int	first = 1, policy = -1, r;

	err[0] = '\0';
	for (; *txt != '\0'; txt += n + (txt[n] == ';')) {
		n = strcspn(txt, ";");
		if ((r = dmarc_tag(txt, n, tag, sizeof(tag), val,
		    sizeof(val))) == 0)
			continue;
		if (r == -1) {
			snprintf(err, errlen, "bad tag \"%.*s\"",
			    (int)(n > 64 ? 64 : n), txt);
			return -1;
		}
		if (first && (strcmp(tag, "v") != 0 ||
		    strcmp(val, "DMARC1") != 0)) {
			snprintf(err, errlen, "does not begin with v=DMARC1");
			return -1;
		}
		first = 0;
		if (strcmp(tag, "p") != 0)
			continue;
		if (strcasecmp(val, "none") == 0)
			policy = NL_DMARC_NONE;
		else if (strcasecmp(val, "quarantine") == 0)
			policy = NL_DMARC_QUARANTINE;
		else if (strcasecmp(val, "reject") == 0)
			policy = NL_DMARC_REJECT;
		else {
			snprintf(err, errlen, "bad policy p=%s", val);
			return -1;
		}
	}
	if (first) {
		snprintf(err, errlen, "does not begin with v=DMARC1");
		return -1;
	}
	if (policy == -1)
		snprintf(err, errlen, "no p= policy tag");
	return policy;
}

/* --- DNSBLs --- */

int
nl_dnsbl_name(const struct nl_addr *a, const char *zone, char *buf,
    size_t len)
{
	static const char	 hex[] = "0123456789abcdef";
	size_t			 off = 0;
	int			 i, n;

	if (a->af == NL_AF4) {
		n = snprintf(buf, len, "%u.%u.%u.%u.%s", a->a[3], a->a[2],
		    a->a[1], a->a[0], zone);
		return n < 0 || (size_t)n >= len ? -1 : 0;
	}
	if (a->af != NL_AF6 || len < 64 + 1)
		return -1;
	for (i = 15; i >= 0; i--) {
		buf[off++] = hex[a->a[i] & 0xf];
		buf[off++] = '.';
		buf[off++] = hex[a->a[i] >> 4];
		buf[off++] = '.';
	}
	buf[off] = '\0';
	return strlcat(buf, zone, len) >= len ? -1 : 0;
}

int
nl_dnsbl_answer(const struct nl_addr *a)
{
	if (a->af != NL_AF4 || a->a[0] != 127)
		return NL_DNSBL_BOGUS;
	if (a->a[1] == 255 && a->a[2] == 255)
		return NL_DNSBL_REFUSED;
	return NL_DNSBL_LISTED;
}
