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

#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "checkrules.h"
#include "t.h"

static int
class_of(const char *s)
{
	struct nl_addr	a;

	if (nl_addr_parse(s, &a) == -1)
		return -1;
	return nl_addr_class(&a);
}

static void
test_class(void)
{
	T(class_of("8.8.8.8") == NL_AC_GLOBAL);
	T(class_of("2a00:1450::1") == NL_AC_GLOBAL);
	T(class_of("192.0.2.1") == NL_AC_DOCUMENTATION);
	T(class_of("198.51.100.255") == NL_AC_DOCUMENTATION);
	T(class_of("203.0.113.7") == NL_AC_DOCUMENTATION);
	T(class_of("2001:db8::1") == NL_AC_DOCUMENTATION);
	T(class_of("3fff:fff::1") == NL_AC_DOCUMENTATION);
	T(class_of("3fff:1000::1") == NL_AC_GLOBAL);
	T(class_of("10.1.2.3") == NL_AC_PRIVATE);
	T(class_of("172.16.0.1") == NL_AC_PRIVATE);
	T(class_of("172.31.255.255") == NL_AC_PRIVATE);
	T(class_of("172.32.0.1") == NL_AC_GLOBAL);
	T(class_of("172.15.255.255") == NL_AC_GLOBAL);
	T(class_of("192.168.1.1") == NL_AC_PRIVATE);
	T(class_of("100.64.0.1") == NL_AC_PRIVATE);
	T(class_of("100.127.255.255") == NL_AC_PRIVATE);
	T(class_of("100.128.0.1") == NL_AC_GLOBAL);
	T(class_of("fd00::1") == NL_AC_PRIVATE);
	T(class_of("fc00::1") == NL_AC_PRIVATE);
	T(class_of("fec0::1") == NL_AC_PRIVATE);
	T(class_of("127.0.0.1") == NL_AC_LOOPBACK);
	T(class_of("127.255.0.1") == NL_AC_LOOPBACK);
	T(class_of("::1") == NL_AC_LOOPBACK);
	T(class_of("169.254.1.1") == NL_AC_LINKLOCAL);
	T(class_of("fe80::1") == NL_AC_LINKLOCAL);
	T(class_of("febf::1") == NL_AC_LINKLOCAL);
	T(class_of("0.1.2.3") == NL_AC_UNROUTABLE);
	T(class_of("192.0.0.8") == NL_AC_UNROUTABLE);
	T(class_of("198.18.0.1") == NL_AC_UNROUTABLE);
	T(class_of("198.19.255.1") == NL_AC_UNROUTABLE);
	T(class_of("198.20.0.1") == NL_AC_GLOBAL);
	T(class_of("224.0.0.1") == NL_AC_UNROUTABLE);
	T(class_of("240.0.0.1") == NL_AC_UNROUTABLE);
	T(class_of("255.255.255.255") == NL_AC_UNROUTABLE);
	T(class_of("223.255.255.255") == NL_AC_GLOBAL);
	T(class_of("::") == NL_AC_UNROUTABLE);
	T(class_of("::ffff:192.0.2.1") == NL_AC_UNROUTABLE);
	T(class_of("ff02::1") == NL_AC_UNROUTABLE);
	T(class_of("100::1") == NL_AC_UNROUTABLE);
	T_STR(nl_addr_class_name(NL_AC_LINKLOCAL), "link-local");
}

static int
role_of(int a, int b)
{
	int	p[2] = { a, b };

	return nl_mx_role(p, 2);
}

static void
test_role(void)
{
	T(role_of(NL_PROBE_RESET, NL_PROBE_RESET) == NL_MX_FAKE);
	T(role_of(NL_PROBE_RESET, NL_PROBE_TIMEOUT) == NL_MX_FAKE);
	T(role_of(NL_PROBE_TIMEOUT, NL_PROBE_UNREACH) == NL_MX_FAKE);
	T(role_of(NL_PROBE_RESET, NL_PROBE_BANNER_OK) == NL_MX_REAL);
	T(role_of(NL_PROBE_BANNER_TEMP, NL_PROBE_BANNER_OK) == NL_MX_REAL);
	T(role_of(NL_PROBE_RESET, NL_PROBE_BANNER_TEMP) == NL_MX_REFUSING);
	T(role_of(NL_PROBE_BANNER_PERM, NL_PROBE_NONE) == NL_MX_REFUSING);
	T(role_of(NL_PROBE_NONE, NL_PROBE_NONE) == NL_MX_UNKNOWN);
	T(role_of(NL_PROBE_UNREACH, NL_PROBE_UNREACH) == NL_MX_UNKNOWN);
	T(role_of(NL_PROBE_RESET, NL_PROBE_NOBANNER) == NL_MX_UNKNOWN);
	T(nl_mx_role(NULL, 0) == NL_MX_UNKNOWN);
}

static void
test_layout(void)
{
	struct nl_mxlayout	l;
	struct nl_mxhost	good[] = {
		{ 30, NL_MX_FAKE }, { 10, NL_MX_FAKE }, { 20, NL_MX_REAL },
		{ 20, NL_MX_REAL }, { 30, NL_MX_REFUSING } };
	struct nl_mxhost	plain[] = {
		{ 10, NL_MX_FAKE }, { 20, NL_MX_REAL } };
	struct nl_mxhost	nofake[] = {
		{ 10, NL_MX_REAL }, { 10, NL_MX_FAKE }, { 20, NL_MX_REAL } };
	struct nl_mxhost	noreal[] = {
		{ 10, NL_MX_FAKE }, { 20, NL_MX_UNKNOWN } };
	struct nl_mxhost	one[] = { { 5, NL_MX_REAL } };

	nl_mx_layout(good, 5, &l);
	T(l.best == 10 && l.worst == 30);
	T(l.best_fake == 1 && l.best_real == 0 && l.best_unknown == 0);
	T(l.behind_real == 2);
	T(l.worst_fake);

	nl_mx_layout(plain, 2, &l);
	T(l.best_fake == 1 && l.behind_real == 1 && !l.worst_fake);

	nl_mx_layout(nofake, 3, &l);
	T(l.best_real == 1 && l.best_fake == 1 && l.behind_real == 1);

	nl_mx_layout(noreal, 2, &l);
	T(l.behind_real == 0 && !l.worst_fake);

	nl_mx_layout(one, 1, &l);
	T(l.best == 5 && l.worst == 5 && l.best_real == 1 &&
	    l.behind_real == 0 && !l.worst_fake);

	nl_mx_layout(one, 0, &l);
	T(l.best_real == 0 && l.behind_real == 0);
}

static void
test_greeting(void)
{
	char	host[64];
	int	code;

	T(nl_smtp_greeting("220 mx.example.com ESMTP Postfix\r\n", &code,
	    host, sizeof(host)) == 0);
	T(code == 220);
	T_STR(host, "mx.example.com");
	T(nl_smtp_greeting("220-mx2.example.com hello", &code, host,
	    sizeof(host)) == 0);
	T_STR(host, "mx2.example.com");
	T(nl_smtp_greeting("421 busy\n", &code, host, sizeof(host)) == 0);
	T(code == 421);
	T_STR(host, "busy");
	T(nl_smtp_greeting("220", &code, host, sizeof(host)) == 0);
	T_STR(host, "");
	T(nl_smtp_greeting("SSH-2.0-OpenSSH_9.6", &code, host,
	    sizeof(host)) == -1);
	T(nl_smtp_greeting("22", &code, host, sizeof(host)) == -1);
	T(nl_smtp_greeting("2200 x", &code, host, sizeof(host)) == -1);
	T(nl_smtp_greeting("220 a-very-long-name.example", &code, host,
	    8) == 0);
	T_STR(host, "a-very-");
	T(nl_name_eq("MX.Example.COM.", "mx.example.com"));
	T(nl_name_eq("mx.example.com", "mx.example.com."));
	T(!nl_name_eq("mx.example.com", "mx.example.co"));
	T(!nl_name_eq("mx.example.com", "mx1.example.com"));
}

static int
spf_ok(const char *s)
{
	struct nl_spf	spf;
	char		err[128];

	return nl_spf_parse(s, &spf, err, sizeof(err)) == 0;
}

static void
test_spf(void)
{
	struct nl_spf	spf;
	char		err[128];

	T(nl_spf_is_record("v=spf1 -all"));
	T(nl_spf_is_record("V=SPF1"));
	T(!nl_spf_is_record("v=spf10 -all"));
	T(!nl_spf_is_record("google-site-verification=x"));

	T(nl_spf_parse("v=spf1 mx a:mail.example.com/24 ip4:192.0.2.0/24 "
	    "ip6:2001:db8::/32 include:_spf.example.net ~all", &spf, err,
	    sizeof(err)) == 0);
	T(spf.all == '~' && spf.lookups == 3);
	T(!spf.ptr && !spf.redirect);
	T(nl_spf_parse("v=spf1  redirect=_spf.example.com", &spf, err,
	    sizeof(err)) == 0);
	T(spf.redirect && spf.all == 0 && spf.lookups == 1);
	T(nl_spf_parse("v=spf1 ptr +all", &spf, err, sizeof(err)) == 0);
	T(spf.ptr && spf.all == '+');
	T(spf_ok("v=spf1"));
	T(spf_ok("v=spf1 a//64 mx/24//64 a:example.com//48 -all"));
	T(spf_ok("v=spf1 exists:%{i}.spf.example.com -all"));
	T(spf_ok("v=spf1 ip4:192.0.2.1 ?all foo=bar"));
	T(spf_ok("v=spf1 -all exp=explain.example.com"));
	T(spf_ok("v=spf1 ip6:2001:db8::1/128 -ALL"));

	T(!spf_ok("v=spf1 ip4:192.0.2.300 -all"));
	T(!spf_ok("v=spf1 ip4:192.0.2.0/33 -all"));
	T(!spf_ok("v=spf1 ip6:2001:db8::/129 -all"));
	T(!spf_ok("v=spf1 ip6:192.0.2.1 -all"));
	T(!spf_ok("v=spf1 ip4 -all"));
	T(!spf_ok("v=spf1 include -all"));
	T(!spf_ok("v=spf1 include: -all"));
	T(!spf_ok("v=spf1 a/40 -all"));
	T(!spf_ok("v=spf1 mx//200 -all"));
	T(!spf_ok("v=spf1 mxx -all"));
	T(!spf_ok("v=spf1 *all"));
	T(!spf_ok("v=spf1 redirect=a.example redirect=b.example"));
	T(!spf_ok("v=spf1 exists:%{i.example -all"));
	T(!spf_ok("v=spf1 1bad=x -all"));
	/* the walker's parser: a name it could not walk does not pass */
	T(!spf_ok("v=spf1 include:bad..name -all"));
	T(!spf_ok("v=spf1 redirect=bad..name"));
	T(nl_spf_parse("v=spf1 frobnicate -all", &spf, err,
	    sizeof(err)) == -1);
	T_STR(err, "unknown mechanism \"frobnicate\"");
	T(nl_spf_parse("v=spf1 a mx include:a.example include:b.example "
	    "include:c.example include:d.example exists:e.example ptr "
	    "a:f.example mx:g.example redirect=h.example", &spf, err,
	    sizeof(err)) == -1);
	T_STR(err, "11 terms that need DNS lookups, more than 10");
	T(nl_spf_parse("spf1 -all", &spf, err, sizeof(err)) == -1);
}

static void
test_dmarc(void)
{
	char	err[128];

	T(nl_dmarc_is_record("v=DMARC1; p=reject"));
	T(nl_dmarc_is_record("v=DMARC1"));
	T(!nl_dmarc_is_record("v=DMARC10; p=none"));
	T(!nl_dmarc_is_record("v=spf1 -all"));
	T(nl_dmarc_parse("v=DMARC1; p=reject; rua=mailto:d@example.com", err,
	    sizeof(err)) == NL_DMARC_REJECT);
	T(nl_dmarc_parse("v=DMARC1;p=quarantine;pct=50;", err,
	    sizeof(err)) == NL_DMARC_QUARANTINE);
	T(nl_dmarc_parse(" v = DMARC1 ; p = none ", err, sizeof(err)) ==
	    NL_DMARC_NONE);
	T(nl_dmarc_parse("v=DMARC1; rua=mailto:d@example.com", err,
	    sizeof(err)) == -1);
	T_STR(err, "no p= policy tag");
	T(nl_dmarc_parse("v=DMARC1; p=maybe", err, sizeof(err)) == -1);
	T_STR(err, "bad policy p=maybe");
	T(nl_dmarc_parse("p=reject; v=DMARC1", err, sizeof(err)) == -1);
	T(nl_dmarc_parse("v=DMARC1; junk", err, sizeof(err)) == -1);
	T(nl_dmarc_parse("", err, sizeof(err)) == -1);
}

static void
test_dnsbl(void)
{
	struct nl_addr	a;
	char		buf[256];

	nl_addr_parse("192.0.2.10", &a);
	T(nl_dnsbl_name(&a, "zen.spamhaus.org", buf, sizeof(buf)) == 0);
	T_STR(buf, "10.2.0.192.zen.spamhaus.org");
	T(nl_dnsbl_name(&a, "zen.spamhaus.org", buf, 20) == -1);
	nl_addr_parse("2001:db8::1:2", &a);
	T(nl_dnsbl_name(&a, "bl.test", buf, sizeof(buf)) == 0);
	T_STR(buf, "2.0.0.0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0."
	    "8.b.d.0.1.0.0.2.bl.test");

	nl_addr_parse("127.0.0.2", &a);
	T(nl_dnsbl_answer(&a) == NL_DNSBL_LISTED);
	nl_addr_parse("127.0.0.10", &a);
	T(nl_dnsbl_answer(&a) == NL_DNSBL_LISTED);
	nl_addr_parse("127.255.255.254", &a);
	T(nl_dnsbl_answer(&a) == NL_DNSBL_REFUSED);
	nl_addr_parse("192.0.2.1", &a);
	T(nl_dnsbl_answer(&a) == NL_DNSBL_BOGUS);
	nl_addr_parse("::1", &a);
	T(nl_dnsbl_answer(&a) == NL_DNSBL_BOGUS);
}

int
main(void)
{
	test_class();
	test_role();
	test_layout();
	test_greeting();
	test_spf();
	test_dmarc();
	test_dnsbl();
	return t_done();
}
