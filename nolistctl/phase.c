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
 * nolistctl check's phases, on one event loop: the queries and probes of
 * a phase run at once, and a phase starts when the one before has ended.
 * Probes only ever go to addresses the domain's own MX records give.
 */
#include <stdint.h>
#include <stdio.h>

#include <event2/event.h>
#include <ldns/ldns.h>

#include "addr.h"
#include "checkstate.h"

enum ck_phase {
	PH_DOMAIN = 0,	/* MX, SPF, DMARC */
	PH_HOSTS,	/* A and AAAA of each MX */
	PH_PROBE_BEST,	/* SMTP to the best preference, as senders do */
	PH_PROBE_REST,	/* then to the others */
	PH_SERVER,	/* PTR and DNSBLs of the real MX's addresses */
	PH_FORWARD,	/* the PTR names forward */
	PH_DONE
};

/* Phases end when nothing they started is still under way. */
void
ck_hold(struct check *ck)
{
	ck->pending++;
}

static void
ck_query(struct check *ck, const char *name, ldns_rr_type type, res_cb cb,
    void *arg)
{
	ck_hold(ck);
	resolver_query(ck->res, name, type, cb, arg);
}

static void
start_domain(struct check *ck)
{
	char	name[NL_DNAME_MAX + 8];

	ck_query(ck, ck->domain, LDNS_RR_TYPE_MX, answer_mx, ck);
	ck_query(ck, ck->domain, LDNS_RR_TYPE_TXT, answer_spf, ck);
	snprintf(name, sizeof(name), "_dmarc.%s", ck->domain);
	ck_query(ck, name, LDNS_RR_TYPE_TXT, answer_dmarc, ck);
}

static void
start_hosts(struct check *ck)
{
	struct ck_host	*h;
	size_t		 i;

	for (i = 0; i < ck->nhosts; i++) {
		h = &ck->hosts[i];
		if (h->literal || h->badname)
			continue;
		ck_query(ck, h->name, LDNS_RR_TYPE_A, answer_a, h);
		ck_query(ck, h->name, LDNS_RR_TYPE_AAAA, answer_aaaa, h);
	}
}

static uint16_t
best_pref(const struct check *ck)
{
	uint16_t	best = UINT16_MAX;
	size_t		i;

	for (i = 0; i < ck->nhosts; i++)
		if (ck->hosts[i].pref < best)
			best = ck->hosts[i].pref;
	return best;
}

/* The best preference first, so that nolistd whitelists us in time. */
static void
start_probes(struct check *ck, int best)
{
	struct ck_host	*h;
	uint16_t	 pref = best_pref(ck);
	size_t		 i, j;

	for (i = 0; i < ck->nhosts; i++) {
		h = &ck->hosts[i];
		if ((h->pref == pref) != best)
			continue;
		for (j = 0; j < h->naddrs; j++)
			probe_start(&h->addrs[j]);
	}
}

static void
find_roles(struct check *ck)
{
	struct nl_mxhost	 mx[CK_MAXHOSTS];
	struct ck_host		*h;
	int			 probes[CK_MAXADDRS];
	size_t			 i, j;

	for (i = 0; i < ck->nhosts; i++) {
		h = &ck->hosts[i];
		for (j = 0; j < h->naddrs; j++)
			probes[j] = h->addrs[j].probe;
		h->role = nl_mx_role(probes, h->naddrs);
		mx[i].pref = h->pref;
		mx[i].role = h->role;
	}
	nl_mx_layout(mx, ck->nhosts, &ck->layout);
	for (i = 0; i < ck->nhosts; i++) {
		h = &ck->hosts[i];
		h->realside = h->role == NL_MX_REAL ||
		    (h->pref != ck->layout.best &&
		    !(ck->layout.worst_fake && h->pref == ck->layout.worst));
	}
}

static void
start_server(struct check *ck)
{
	struct ck_host	*h;
	struct ck_addr	*a;
	char		 name[NL_DNAME_MAX + 1];
	size_t		 i, j, k;

	find_roles(ck);
	for (i = 0; i < ck->nhosts; i++) {
		h = &ck->hosts[i];
		for (j = 0; h->realside && j < h->naddrs; j++) {
			a = &h->addrs[j];
			if (nl_ptr_name(&a->addr, name, sizeof(name)) == 0)
				ck_query(ck, name, LDNS_RR_TYPE_PTR, answer_ptr, a);
			for (k = 0; k < ck->nlists; k++) {
				a->bl[k].a = a;
				a->bl[k].list = k;
				if (nl_dnsbl_name(&a->addr, ck->lists[k], name,
				    sizeof(name)) == 0)
					ck_query(ck, name, LDNS_RR_TYPE_A,
					    answer_bl, &a->bl[k]);
				else
					a->bl[k].status = RES_FAIL;
			}
		}
	}
}

static void
start_forward(struct check *ck)
{
	struct ck_addr	*a;
	size_t		 i, j, k;

	for (i = 0; i < ck->nhosts; i++)
		for (j = 0; j < ck->hosts[i].naddrs; j++) {
			a = &ck->hosts[i].addrs[j];
			for (k = 0; k < a->nptrs; k++)
				ck_query(ck, a->ptrs[k].name,
				    a->addr.af == NL_AF4 ? LDNS_RR_TYPE_A :
				    LDNS_RR_TYPE_AAAA, answer_fwd, &a->ptrs[k]);
		}
}

/*
 * A phase holds itself while it starts its work, so that answers that
 * come at once (from the cache) cannot end it early.
 */
static void
ck_next(struct check *ck)
{
	if (ck->phase >= PH_DONE)
		return;
	if (++ck->phase == PH_DONE) {
		event_base_loopbreak(ck->base);
		return;
	}
	ck_hold(ck);
	switch (ck->phase) {
	case PH_HOSTS:
		start_hosts(ck);
		break;
	case PH_PROBE_BEST:
		start_probes(ck, 1);
		break;
	case PH_PROBE_REST:
		start_probes(ck, 0);
		break;
	case PH_SERVER:
		start_server(ck);
		break;
	case PH_FORWARD:
		start_forward(ck);
		break;
	}
	ck_release(ck);
}

void
ck_release(struct check *ck)
{
	if (--ck->pending == 0)
		ck_next(ck);
}

int
ck_run(struct check *ck)
{
	ck->phase = PH_DOMAIN;
	ck_hold(ck);
	start_domain(ck);
	ck_release(ck);
	if (ck->phase != PH_DONE)
		event_base_dispatch(ck->base);
	return ck->phase == PH_DONE ? 0 : -1;
}
