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
 * nolistctl check's DNS answers: MX records become hosts, A and AAAA
 * records their addresses, TXT records the SPF and DMARC records, PTR
 * records names to confirm. Each answer releases what its query held.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "addr.h"
#include "checkstate.h"
#include "compat.h"
#include "rdf.h"

/* A TXT record's strings, joined as RFC 7208 3.3 says. */
static void
txt_join(const ldns_rr *rr, char *buf, size_t len)
{
	const ldns_rdf	*rd;
	size_t		 i, n, off = 0;

	buf[0] = '\0';
	for (i = 0; i < ldns_rr_rd_count(rr); i++) {
		rd = ldns_rr_rdf(rr, i);
		if (ldns_rdf_size(rd) < 1)
			continue;
		n = ldns_rdf_data(rd)[0];
		if (n > ldns_rdf_size(rd) - 1)
			n = ldns_rdf_size(rd) - 1;
		if (n > len - 1 - off)
			n = len - 1 - off;
		memcpy(buf + off, ldns_rdf_data(rd) + 1, n);
		off += n;
	}
	buf[off] = '\0';
	/* NUL inside a string ends it here; what is left is shown as is */
	ck_sanitize(buf);
}

static void
host_add(struct check *ck, const ldns_rr *rr)
{
	struct ck_host	*h;
	const ldns_rdf	*target;
	struct nl_addr	 a;
	char		*s;
	size_t		 i;

	ck->nmx++;
	target = ldns_rr_rdf(rr, 1);
	if (target != NULL && ldns_rdf_size(target) == 1) {
		ck->null_mx = 1;	/* "MX 0 ." (RFC 7505) */
		return;
	}
	if (ck->nhosts == CK_MAXHOSTS)
		return;
	h = &ck->hosts[ck->nhosts];
	memset(h, 0, sizeof(*h));
	h->ck = ck;
	h->pref = ldns_rdf2native_int16(ldns_rr_rdf(rr, 0));
	if (rdf_name(target, h->name, sizeof(h->name)) == -1) {
		if ((s = ldns_rdf2str(target)) == NULL)
			return;
		strlcpy(h->name, s, sizeof(h->name));
		free(s);
		ck_sanitize(h->name);
		h->badname = 1;
	}
	/* "MX 10 192.0.2.1." is a host name made of digits, never an address */
	if (nl_addr_parse(h->name, &a) == 0 ||
	    (h->name[0] != '\0' && isdigit((unsigned char)h->name[0]) &&
	    strspn(h->name, "0123456789.") == strlen(h->name)))
		h->literal = 1;
	for (i = 0; i < ck->nhosts; i++)
		if (strcmp(ck->hosts[i].name, h->name) == 0) {
			if (h->pref < ck->hosts[i].pref)
				ck->hosts[i].pref = h->pref;
			return;
		}
	ck->nhosts++;
}

void
answer_mx(void *arg, int status, const ldns_rr_list *rrs)
{
	struct check	*ck = arg;
	const ldns_rr	*rr;
	size_t		 i;

	ck->mx_status = status;
	for (i = 0; rrs != NULL && i < ldns_rr_list_rr_count(rrs); i++) {
		rr = ldns_rr_list_rr(rrs, i);
		if (ldns_rr_get_type(rr) == LDNS_RR_TYPE_MX &&
		    ldns_rr_rd_count(rr) == 2)
			host_add(ck, rr);
	}
	ck_release(ck);
}

static size_t
txt_find(const ldns_rr_list *rrs, int (*is)(const char *), char *buf,
    size_t len)
{
	char	txt[CK_TXTMAX];
	size_t	i, n = 0;

	for (i = 0; rrs != NULL && i < ldns_rr_list_rr_count(rrs); i++) {
		if (ldns_rr_get_type(ldns_rr_list_rr(rrs, i)) !=
		    LDNS_RR_TYPE_TXT)
			continue;
		txt_join(ldns_rr_list_rr(rrs, i), txt, sizeof(txt));
		if (!is(txt))
			continue;
		if (n++ == 0)
			strlcpy(buf, txt, len);
	}
	return n;
}

void
answer_spf(void *arg, int status, const ldns_rr_list *rrs)
{
	struct check	*ck = arg;

	ck->spf_status = status;
	ck->nspf = txt_find(rrs, nl_spf_is_record, ck->spf, sizeof(ck->spf));
	ck_release(ck);
}

void
answer_dmarc(void *arg, int status, const ldns_rr_list *rrs)
{
	struct check	*ck = arg;

	ck->dmarc_status = status;
	ck->ndmarc = txt_find(rrs, nl_dmarc_is_record, ck->dmarc,
	    sizeof(ck->dmarc));
	ck_release(ck);
}

static void
host_addrs(struct ck_host *h, int status, const ldns_rr_list *rrs,
    ldns_rr_type type)
{
	const ldns_rr	*rr;
	struct ck_addr	*a;
	char		 owner[NL_DNAME_MAX + 1];
	size_t		 i;

	if (type == LDNS_RR_TYPE_A)
		h->st4 = status;
	else
		h->st6 = status;
	for (i = 0; rrs != NULL && i < ldns_rr_list_rr_count(rrs); i++) {
		rr = ldns_rr_list_rr(rrs, i);
		if (ldns_rr_get_type(rr) == LDNS_RR_TYPE_CNAME &&
		    rdf_name(ldns_rr_owner(rr), owner, sizeof(owner)) == 0 &&
		    strcmp(owner, h->name) == 0 &&
		    rdf_name(ldns_rr_rdf(rr, 0), h->cname,
		    sizeof(h->cname)) == -1)
			strlcpy(h->cname, "?", sizeof(h->cname));
		if (ldns_rr_get_type(rr) != type ||
		    h->naddrs == CK_MAXADDRS)
			continue;
		a = &h->addrs[h->naddrs];
		if (rdf_addr(ldns_rr_rdf(rr, 0), &a->addr) == -1)
			continue;
		a->ck = h->ck;
		a->host = h;
		a->fd = -1;
		a->class = nl_addr_class(&a->addr);
		h->naddrs++;
		if (type == LDNS_RR_TYPE_A)
			h->n4++;
		else
			h->n6++;
	}
}

void
answer_a(void *arg, int status, const ldns_rr_list *rrs)
{
	struct ck_host	*h = arg;

	host_addrs(h, status, rrs, LDNS_RR_TYPE_A);
	ck_release(h->ck);
}

void
answer_aaaa(void *arg, int status, const ldns_rr_list *rrs)
{
	struct ck_host	*h = arg;

	host_addrs(h, status, rrs, LDNS_RR_TYPE_AAAA);
	ck_release(h->ck);
}

void
answer_ptr(void *arg, int status, const ldns_rr_list *rrs)
{
	struct ck_addr	*a = arg;
	const ldns_rr	*rr;
	struct ck_ptr	*p;
	size_t		 i;

	a->ptr_status = status;
	for (i = 0; rrs != NULL && i < ldns_rr_list_rr_count(rrs); i++) {
		rr = ldns_rr_list_rr(rrs, i);
		if (ldns_rr_get_type(rr) != LDNS_RR_TYPE_PTR ||
		    a->nptrs == CK_MAXPTRS)
			continue;
		p = &a->ptrs[a->nptrs];
		p->a = a;
		if (rdf_name(ldns_rr_rdf(rr, 0), p->name,
		    sizeof(p->name)) == 0)
			a->nptrs++;
	}
	ck_release(a->ck);
}

void
answer_fwd(void *arg, int status, const ldns_rr_list *rrs)
{
	struct ck_ptr	*p = arg;
	struct nl_addr	 got;
	size_t		 i;

	for (i = 0; status == RES_OK && i < ldns_rr_list_rr_count(rrs); i++)
		if (rdf_addr(ldns_rr_rdf(ldns_rr_list_rr(rrs, i), 0),
		    &got) == 0 && nl_addr_eq(&got, &p->a->addr))
			p->confirmed = 1;
	ck_release(p->a->ck);
}

void
answer_bl(void *arg, int status, const ldns_rr_list *rrs)
{
	struct ck_bl	*b = arg;
	size_t		 i;

	b->status = status;
	for (i = 0; status == RES_OK && i < ldns_rr_list_rr_count(rrs); i++)
		if (ldns_rr_get_type(ldns_rr_list_rr(rrs, i)) ==
		    LDNS_RR_TYPE_A && rdf_addr(ldns_rr_rdf(ldns_rr_list_rr(rrs,
		    i), 0), &b->answer) == 0) {
			b->answered = 1;
			break;
		}
	ck_release(b->a->ck);
}
