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
 * nolistctl check's verdicts on each MX address: routable or not, a fake
 * MX's reset, and the real MX's PTR, greeting and block lists.
 */
#include <stdio.h>
#include <string.h>

#include "addr.h"
#include "checkstate.h"

#define CK_SLOW_MS	1000	/* a slower reset is a warning */

static const char	*fw_fix = "make the firewall answer SYNs to the fake "
    "MX with a TCP reset (pf: block return-rst; nftables: reject with tcp "
    "reset) and run no SMTP server there";

static void
judge_address(struct check *ck, const struct ck_addr *a, const char *txt)
{
	const char	*role = a->host->realside ? "real" : "fake";

	if (a->class == NL_AC_GLOBAL)
		ck_report(ck, CK_OK, "address", txt, NULL, "%s MX %s: a "
		    "global address", role, a->host->name);
	else if (a->class == NL_AC_DOCUMENTATION)
		ck_report(ck, CK_WARNING, "address", txt, "use the address "
		    "senders reach", "%s MX %s: a documentation address, not "
		    "routed on the internet", role, a->host->name);
	else
		ck_report(ck, CK_FAIL, "address", txt, "publish the public "
		    "address of the host", "%s MX %s: a %s address; senders "
		    "cannot reach it%s", role, a->host->name,
		    nl_addr_class_name(a->class), a->host->realside ? "" :
		    ", so nolistd never sees their SYN and never whitelists "
		    "them");
}

static void
judge_fake(struct check *ck, const struct ck_addr *a, const char *txt)
{
	switch (a->probe) {
	case NL_PROBE_NONE:
		return;
	case NL_PROBE_RESET:
		if (a->ms > CK_SLOW_MS)
			ck_report(ck, CK_WARNING, "fake-reset", txt,
			    "let the firewall of the fake MX reset at once",
			    "port 25 reset, but after %ld ms", a->ms);
		else
			ck_report(ck, CK_OK, "fake-reset", txt, NULL, "port 25 "
			    "answers with a TCP reset in %ld ms", a->ms);
		return;
	case NL_PROBE_TIMEOUT:
		ck_report(ck, CK_WARNING, "fake-reset", txt, fw_fix, "port 25 "
		    "did not answer in %lld s: senders wait out their connect "
		    "timeout before trying the next MX", (long long)
		    ck->wait.tv_sec);
		return;
	case NL_PROBE_UNREACH:
		ck_report(ck, CK_WARNING, "fake-reset", txt, "check from a "
		    "host with a route to the address", "could not reach "
		    "port 25 from here: %s", strerror(a->err));
		return;
	default:
		ck_report(ck, a->probe == NL_PROBE_BANNER_OK ? CK_FAIL :
		    CK_WARNING, "fake-reset", txt, fw_fix, "an SMTP server "
		    "answers instead of a reset: \"%.80s\"", a->greeting);
		return;
	}
}

/* The greeting should name the host senders see: its PTR, or the MX. */
static void
judge_greeting(struct check *ck, const struct ck_addr *a, const char *txt)
{
	char	host[NL_DNAME_MAX + 1];
	size_t	i;
	int	code;

	if (a->probe == NL_PROBE_NONE)
		return;
	if (a->probe != NL_PROBE_BANNER_OK) {
		ck_report(ck, CK_WARNING, "real-smtp", txt, "check that the "
		    "SMTP server listens on this address and the firewall "
		    "lets senders in", "port 25: %s%s%s",
		    nl_probe_name(a->probe), a->greeting[0] ? ": " : "",
		    a->greeting);
		return;
	}
	if (nl_smtp_greeting(a->greeting, &code, host, sizeof(host)) == -1)
		host[0] = '\0';
	if (nl_name_eq(host, a->host->name)) {
		ck_report(ck, CK_OK, "real-smtp", txt, NULL, "greets as %s",
		    host);
		return;
	}
	for (i = 0; i < a->nptrs; i++)
		if (a->ptrs[i].confirmed && nl_name_eq(host, a->ptrs[i].name)) {
			ck_report(ck, CK_OK, "real-smtp", txt, NULL, "greets "
			    "as %s, its PTR name", host);
			return;
		}
	ck_report(ck, CK_WARNING, "real-smtp", txt, "set the SMTP server's "
	    "host name to the address's PTR name", "greets as \"%s\", not as "
	    "%s or a forward-confirmed PTR name", host, a->host->name);
}

static void
judge_ptr(struct check *ck, const struct ck_addr *a, const char *txt)
{
	size_t	i;

	if (a->nptrs == 0) {
		if (a->ptr_status == RES_FAIL || a->ptr_status == RES_TIMEOUT)
			ck_report(ck, CK_WARNING, "real-ptr", txt, "try again, "
			    "or check the reverse zone's name servers",
			    "PTR lookup: %s", ck_res_why(a->ptr_status));
		else
			ck_report(ck, CK_FAIL, "real-ptr", txt, "ask whoever "
			    "holds the address (the provider) for a PTR record "
			    "naming the MX", "no PTR record: many receivers "
			    "refuse mail from such addresses");
		return;
	}
	for (i = 0; i < a->nptrs; i++)
		if (a->ptrs[i].confirmed) {
			ck_report(ck, CK_OK, "real-ptr", txt, NULL, "PTR %s "
			    "resolves back to the address", a->ptrs[i].name);
			return;
		}
	ck_report(ck, CK_FAIL, "real-ptr", txt, "give the PTR name an A/AAAA "
	    "record with this address, or change the PTR", "PTR %s does not "
	    "resolve back to the address (not forward-confirmed)",
	    a->ptrs[0].name);
}

static void
judge_dnsbl(struct check *ck, const struct ck_addr *a, const char *txt)
{
	const struct ck_bl	*b;
	char			 subj[NL_DNAME_MAX + 1], ans[NL_ADDRSTRLEN];
	size_t			 i;

	for (i = 0; i < ck->nlists; i++) {
		b = &a->bl[i];
		snprintf(subj, sizeof(subj), "%s %s", txt, ck->lists[i]);
		if (b->answered)
			nl_addr_ntop(&b->answer, ans, sizeof(ans));
		if (b->status == RES_NXDOMAIN || b->status == RES_NODATA ||
		    (b->status == RES_OK && !b->answered))
			ck_report(ck, CK_OK, "dnsbl", subj, NULL, "not listed");
		else if (b->status != RES_OK)
			ck_report(ck, CK_WARNING, "dnsbl", subj, "try again, "
			    "or ask through another resolver (-r)", "could "
			    "not ask the list: %s", ck_res_why(b->status));
		else if (nl_dnsbl_answer(&b->answer) == NL_DNSBL_LISTED)
			ck_report(ck, CK_FAIL, "dnsbl", subj, "find the "
			    "cause (an open relay, a compromised account) and "
			    "ask the list for delisting", "listed (%s)", ans);
		else if (nl_dnsbl_answer(&b->answer) == NL_DNSBL_REFUSED)
			ck_report(ck, CK_WARNING, "dnsbl", subj, "ask through "
			    "your own recursive resolver (-r), not a public "
			    "one", "the list refused the query (%s)", ans);
		else
			ck_report(ck, CK_WARNING, "dnsbl", subj, "drop the "
			    "list: it answers for everything", "answer %s is "
			    "not a listing: the list looks broken or dead",
			    ans);
	}
}

void
judge_addresses(struct check *ck)
{
	const struct ck_host	*h;
	const struct ck_addr	*a;
	char			 txt[NL_ADDRSTRLEN];
	size_t			 i, j;

	for (i = 0; i < ck->nhosts; i++) {
		h = &ck->hosts[i];
		for (j = 0; j < h->naddrs; j++) {
			a = &h->addrs[j];
			nl_addr_ntop(&a->addr, txt, sizeof(txt));
			judge_address(ck, a, txt);
			if (!h->realside) {
				judge_fake(ck, a, txt);
				continue;
			}
			judge_ptr(ck, a, txt);
			judge_greeting(ck, a, txt);
			judge_dnsbl(ck, a, txt);
		}
	}
}
