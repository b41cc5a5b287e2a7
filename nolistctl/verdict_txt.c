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
 * nolistctl check's verdicts on the domain's TXT records: SPF and DMARC.
 */
#include <stdio.h>

#include "checkstate.h"

/* The record to publish: one naming the real MX where there is one. */
static void
spf_fix(const struct check *ck, char *fix, size_t len)
{
	size_t	i;

	snprintf(fix, len, "publish TXT \"v=spf1 mx -all\" at %s, "
	    "naming the hosts that send its mail", ck->domain);
	for (i = 0; i < ck->nhosts; i++)
		if (ck->hosts[i].role == NL_MX_REAL) {
			snprintf(fix, len, "publish TXT \"v=spf1 a:%s "
			    "-all\" at %s, naming the hosts that send its mail",
			    ck->hosts[i].name, ck->domain);
			break;
		}
}

void
judge_spf(struct check *ck)
{
	struct nl_spf	spf;
	char		err[128];
	char		fix[CK_MSGMAX];

	spf_fix(ck, fix, sizeof(fix));
	if (ck->nspf == 0) {
		if (ck->spf_status == RES_FAIL || ck->spf_status == RES_TIMEOUT)
			ck_report(ck, CK_WARNING, "spf", ck->domain, "check "
			    "the domain's name servers", "TXT lookup: %s",
			    ck_res_why(ck->spf_status));
		else
			ck_report(ck, CK_FAIL, "spf", ck->domain, fix, "no SPF "
			    "record: receivers cannot tell forged mail from "
			    "the domain's own");
		return;
	}
	if (ck->nspf > 1) {
		ck_report(ck, CK_FAIL, "spf", ck->domain, "merge them into one "
		    "record", "%zu SPF records: receivers treat that as a "
		    "permanent error (RFC 7208 4.5)", ck->nspf);
		return;
	}
	if (nl_spf_parse(ck->spf, &spf, err, sizeof(err)) == -1)
		ck_report(ck, CK_FAIL, "spf", ck->domain, "correct the record "
		    "(RFC 7208 section 5)", "\"%.200s\" does not parse: %s",
		    ck->spf, err);
	else if (spf.all == '+')
		ck_report(ck, CK_FAIL, "spf", ck->domain, "end the record with "
		    "-all or ~all", "\"%.200s\" allows every host on the "
		    "internet (+all)", ck->spf);
	else if (spf.all == 0 && !spf.redirect)
		ck_report(ck, CK_WARNING, "spf", ck->domain, "end the record "
		    "with -all or ~all", "\"%.200s\" ends without all: mail "
		    "from anywhere else is neutral", ck->spf);
	else if (spf.ptr)
		ck_report(ck, CK_WARNING, "spf", ck->domain, "use ip4, ip6, a "
		    "or mx instead", "\"%.200s\" uses ptr, which is slow and "
		    "discouraged (RFC 7208 5.5)", ck->spf);
	else
		ck_report(ck, CK_OK, "spf", ck->domain, NULL, "\"%.200s\"",
		    ck->spf);
}

void
judge_dmarc(struct check *ck)
{
	char	err[128], subj[NL_DNAME_MAX + 8];
	int	policy;

	snprintf(subj, sizeof(subj), "_dmarc.%s", ck->domain);
	if (ck->ndmarc == 0) {
		if (ck->dmarc_status == RES_FAIL ||
		    ck->dmarc_status == RES_TIMEOUT)
			ck_report(ck, CK_WARNING, "dmarc", subj, "check the "
			    "domain's name servers", "TXT lookup: %s",
			    ck_res_why(ck->dmarc_status));
		else
			ck_report(ck, CK_WARNING, "dmarc", subj, "publish TXT "
			    "\"v=DMARC1; p=none; rua=mailto:postmaster@...\" "
			    "at this name, then tighten p", "no DMARC record: "
			    "large receivers demand one of bulk senders");
		return;
	}
	if (ck->ndmarc > 1) {
		ck_report(ck, CK_FAIL, "dmarc", subj, "keep one record",
		    "%zu DMARC records: receivers ignore them all (RFC 7489 "
		    "6.6.3)", ck->ndmarc);
		return;
	}
	if ((policy = nl_dmarc_parse(ck->dmarc, err, sizeof(err))) == -1)
		ck_report(ck, CK_FAIL, "dmarc", subj, "correct the record "
		    "(RFC 7489 6.3)", "\"%.200s\" does not parse: %s",
		    ck->dmarc, err);
	else
		ck_report(ck, CK_OK, "dmarc", subj, NULL, "\"%.200s\"%s",
		    ck->dmarc, policy == NL_DMARC_NONE ?
		    " (p=none: monitoring only)" : "");
}
