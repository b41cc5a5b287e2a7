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

int
nl_spf_is_record(const char *txt)
{
	return nl_spf_rec_is(txt, strlen(txt));
}

/* The walker's parser (lib/spf.c), and what a check needs of it. */
int
nl_spf_parse(const char *txt, struct nl_spf *spf, char *err, size_t errlen)
{
	struct nl_spf_rec	*rec;
	size_t			 i;
	int			 rv = -1;

	memset(spf, 0, sizeof(*spf));
	if ((rec = malloc(sizeof(*rec))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (nl_spf_rec_parse(txt, strlen(txt), rec, err, errlen) == -1)
		goto done;
	if (rec->queryterms > NL_SPF_MAXQUERYTERMS) {
		snprintf(err, errlen, "%u terms that need DNS lookups, more "
		    "than %d", rec->queryterms, NL_SPF_MAXQUERYTERMS);
		goto done;
	}
	spf->all = rec->all;
	spf->redirect = rec->redirect[0] != '\0';
	spf->lookups = rec->queryterms;
	for (i = 0; i < rec->nterms; i++)
		if (rec->terms[i].kind == NL_SPFT_PTR)
			spf->ptr = 1;
	rv = 0;
 done:
	free(rec);
	return rv;
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
