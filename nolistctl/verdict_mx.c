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
 * nolistctl check's verdicts on the MX records: their names, the fake MX
 * at the best preference with the real MX behind it, and IPv6 on both.
 */
#include <stdio.h>
#include <string.h>

#include "checkstate.h"
#include "compat.h"

int
judge_mx(struct check *ck)
{
	char	list[CK_MSGMAX], one[NL_DNAME_MAX + 16];
	size_t	i;

	if (ck->mx_status != RES_OK || ck->nmx == 0) {
		ck_report(ck, CK_FAIL, "mx", ck->domain,
		    ck->mx_status == RES_NXDOMAIN ? "register the domain, or "
		    "check its spelling" : ck->mx_status == RES_NODATA ?
		    "publish a fake MX at the best preference and the real "
		    "MX behind it" : "check the domain's name servers",
		    "MX lookup: %s", ck->mx_status == RES_OK ? "no MX records" :
		    ck_res_why(ck->mx_status));
		return -1;
	}
	if (ck->null_mx && ck->nhosts == 0) {
		ck_report(ck, CK_FAIL, "mx", ck->domain, "remove the null MX "
		    "record if the domain should receive mail",
		    "a null MX (RFC 7505): the domain accepts no mail");
		return -1;
	}
	list[0] = '\0';
	for (i = 0; i < ck->nhosts; i++) {
		snprintf(one, sizeof(one), "%s%u %s", i > 0 ? ", " : "",
		    ck->hosts[i].pref, ck->hosts[i].name);
		strlcat(list, one, sizeof(list));
	}
	ck_report(ck, CK_OK, "mx", ck->domain, NULL, "%zu MX record%s: %s",
	    ck->nmx, ck->nmx == 1 ? "" : "s", list);
	if (ck->nmx > ck->nhosts + (size_t)ck->null_mx)
		ck_report(ck, CK_WARNING, "mx", ck->domain, "publish each MX "
		    "name once", "%zu records but %zu names: some are repeated "
		    "or beyond the %d checked", ck->nmx, ck->nhosts,
		    CK_MAXHOSTS);
	return 0;
}

void
judge_host(struct check *ck, const struct ck_host *h)
{
	const char	*fix;

	if (h->literal) {
		ck_report(ck, CK_FAIL, "mx-host", h->name, "name a host whose "
		    "A/AAAA records hold the address", "the MX names an "
		    "address, not a host (RFC 5321 5.1: senders look it up "
		    "as a name)");
		return;
	}
	if (h->badname) {
		ck_report(ck, CK_FAIL, "mx-host", h->name, "name a host "
		    "made of letters, digits and hyphens", "not a valid host "
		    "name");
		return;
	}
	if (h->cname[0] != '\0') {
		ck_report(ck, CK_FAIL, "mx-host", h->name, "point the MX "
		    "record at the canonical name", "is an alias (CNAME) of %s;"
		    " MX records must name the host itself (RFC 2181 10.3)",
		    h->cname);
		return;
	}
	if (h->naddrs == 0) {
		fix = "publish A and/or AAAA records for the name, or remove "
		    "the MX record";
		if ((h->st4 == RES_FAIL || h->st4 == RES_TIMEOUT) &&
		    (h->st6 == RES_FAIL || h->st6 == RES_TIMEOUT))
			ck_report(ck, CK_WARNING, "mx-host", h->name,
			    "check the name servers of the MX name",
			    "address lookup: %s", ck_res_why(h->st4));
		else
			ck_report(ck, CK_FAIL, "mx-host", h->name, fix,
			    "has no A or AAAA records (%s)", ck_res_why(h->st4));
		return;
	}
	ck_report(ck, CK_OK, "mx-host", h->name, NULL, "preference %u, %zu "
	    "IPv4 and %zu IPv6 address%s, %s", h->pref, h->n4, h->n6,
	    h->n4 + h->n6 == 1 ? "" : "es", h->role == NL_MX_FAKE ?
	    "fake: no SMTP server answers" : h->role == NL_MX_REAL ?
	    "real: an SMTP server answers" : h->role == NL_MX_REFUSING ?
	    "greets but refuses mail" : "SMTP did not tell what it is");
}

/* The hosts of a role at a preference, as "a.example, b.example". */
static void
host_names(const struct check *ck, uint16_t pref, int all, int role,
    char *buf, size_t len)
{
	size_t	i;

	buf[0] = '\0';
	for (i = 0; i < ck->nhosts; i++) {
		if ((!all && ck->hosts[i].pref != pref) ||
		    (role != -1 && ck->hosts[i].role != role))
			continue;
		if (buf[0] != '\0')
			strlcat(buf, ", ", len);
		strlcat(buf, ck->hosts[i].name, len);
	}
}

void
judge_layout(struct check *ck)
{
	const struct nl_mxlayout	*l = &ck->layout;
	char				 names[CK_MSGMAX / 2];

	if (l->best_real > 0) {
		host_names(ck, l->best, 0, NL_MX_REAL, names, sizeof(names));
		ck_report(ck, CK_FAIL, "mx-best", ck->domain, "publish a fake "
		    "MX (an address where the firewall resets port 25) at a "
		    "preference below every real MX", "%s at the best "
		    "preference %u answers SMTP: senders deliver there "
		    "first, so nolisting is not in effect", names, l->best);
	} else if (l->best_fake > 0 && l->best_unknown == 0) {
		host_names(ck, l->best, 0, -1, names, sizeof(names));
		ck_report(ck, CK_OK, "mx-best", ck->domain, NULL, "fake MX %s "
		    "at the best preference %u", names, l->best);
	} else {
		host_names(ck, l->best, 0, NL_MX_UNKNOWN, names,
		    sizeof(names));
		ck_report(ck, CK_WARNING, "mx-best", ck->domain, "check the "
		    "address of the best MX and its firewall rule", "could not "
		    "tell whether %s at the best preference %u is a fake MX: "
		    "no probe reached it", names, l->best);
	}
	if (l->behind_real == 0)
		ck_report(ck, CK_FAIL, "mx-real", ck->domain, "publish the "
		    "real MX at a preference above the fake one; if nolistd "
		    "guards it, check that it whitelisted this host when it "
		    "tried the fake MX", "no MX behind the best preference "
		    "greeted with 2xx from here");
	else {
		host_names(ck, 0, 1, NL_MX_REAL, names, sizeof(names));
		ck_report(ck, CK_OK, "mx-real", ck->domain, NULL, "real MX %s "
		    "behind the fake one", names);
	}
	if (l->worst_fake) {
		host_names(ck, l->worst, 0, -1, names, sizeof(names));
		ck_report(ck, CK_OK, "mx-worst", ck->domain, NULL, "fake MX %s "
		    "at the worst preference %u as well", names, l->worst);
	} else
		ck_report(ck, CK_OK, "mx-worst", ck->domain, NULL, "no fake MX "
		    "at the worst preference (optional: one there also stops "
		    "bots that start with the last MX)");
}

/* A dual-stack sender whitelisted over IPv4 would be blocked over IPv6. */
void
judge_ipv6(struct check *ck)
{
	const struct ck_host	*h;
	char			 real6[CK_MSGMAX / 2];
	size_t			 i;
	int			 bad = 0;

	real6[0] = '\0';
	for (i = 0; i < ck->nhosts; i++)
		if (ck->hosts[i].realside && ck->hosts[i].n6 > 0) {
			strlcpy(real6, ck->hosts[i].name, sizeof(real6));
			break;
		}
	if (real6[0] == '\0')
		return;
	for (i = 0; i < ck->nhosts; i++) {
		h = &ck->hosts[i];
		if (h->realside || h->pref != ck->layout.best || h->n6 > 0)
			continue;
		bad = 1;
		ck_report(ck, CK_FAIL, "fake-ipv6", h->name, "give the fake MX "
		    "an IPv6 address (AAAA) too", "real MX %s has IPv6 but "
		    "this fake MX has none: IPv6 senders never try it and are "
		    "blocked at the real MX", real6);
	}
	if (!bad)
		ck_report(ck, CK_OK, "fake-ipv6", ck->domain, NULL, "the real "
		    "MX has IPv6 and so does the fake MX");
}
