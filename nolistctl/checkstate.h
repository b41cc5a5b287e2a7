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
 * The insides of nolistctl check, shared by its files:
 *
 *	check.c		the entry point, the order of the verdicts
 *	options.c	the command line
 *	phase.c		the phases of work on the event loop
 *	answer.c	DNS answers into hosts, addresses and records
 *	probe.c		SMTP probes to port 25
 *	verdict_mx.c	verdicts on the MX records and the nolisting layout
 *	verdict_addr.c	verdicts on each address: reachability, reset,
 *			PTR, greeting, block lists
 *	verdict_txt.c	verdicts on SPF and DMARC
 *	report.c	the verdicts, as text or JSON
 */
#ifndef NL_CHECKSTATE_H
#define NL_CHECKSTATE_H

#include <sys/time.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <event2/event.h>
#include <ldns/ldns.h>

#include "addr.h"
#include "checkrules.h"
#include "expand.h"
#include "resolver.h"

#define CK_MAXHOSTS	16
#define CK_MAXADDRS	16	/* each host, both families */
#define CK_MAXPTRS	4
#define CK_MAXLISTS	16
#define CK_TXTMAX	1024
#define CK_GREETMAX	256
#define CK_MSGMAX	512

enum ck_status {
	CK_OK = 0,
	CK_WARNING,
	CK_FAIL
};

struct check;
struct ck_addr;

struct ck_ptr {
	struct ck_addr	*a;
	char		 name[NL_DNAME_MAX + 1];
	int		 confirmed;
};

struct ck_bl {
	struct ck_addr	*a;
	size_t		 list;
	int		 status;
	struct nl_addr	 answer;
	int		 answered;
};

struct ck_addr {
	struct check	*ck;
	struct ck_host	*host;
	struct nl_addr	 addr;
	int		 class;
	int		 probe;
	int		 err;
	long		 ms;
	char		 greeting[CK_GREETMAX];
	size_t		 glen;
	int		 fd;
	struct event	*ev;
	struct timespec	 t0;
	int		 ptr_status;
	struct ck_ptr	 ptrs[CK_MAXPTRS];
	size_t		 nptrs;
	struct ck_bl	 bl[CK_MAXLISTS];
};

struct ck_host {
	struct check	*ck;
	char		 name[NL_DNAME_MAX + 1];
	uint16_t	 pref;
	int		 literal;	/* the MX names an address */
	int		 badname;	/* not a host name at all */
	int		 st4, st6;
	char		 cname[NL_DNAME_MAX + 1];
	size_t		 n4, n6;
	struct ck_addr	 addrs[CK_MAXADDRS];
	size_t		 naddrs;
	int		 role;
	int		 realside;
};

struct ck_item {
	int		 status;
	char		 check[16];
	char		 subject[NL_DNAME_MAX + 1];
	char		 message[CK_MSGMAX];
	char		 fix[CK_MSGMAX];
};

struct check {
	struct event_base	*base;
	struct resolver		*res;
	char			 domain[NL_DNAME_MAX + 1];
	const char		*lists[CK_MAXLISTS];
	size_t			 nlists;
	struct timeval		 wait;
	int			 json;
	unsigned int		 pending;
	int			 phase;
	int			 mx_status;
	int			 null_mx;
	size_t			 nmx;
	struct ck_host		 hosts[CK_MAXHOSTS];
	size_t			 nhosts;
	struct nl_mxlayout	 layout;
	int			 spf_status;
	char			 spf[CK_TXTMAX];
	size_t			 nspf;
	int			 dmarc_status;
	char			 dmarc[CK_TXTMAX];
	size_t			 ndmarc;
	struct ck_item		*items;
	size_t			 nitems;
	size_t			 maxitems;
	int			 nomem;
};

/* options.c */
int		 options_parse(struct check *, struct res_conf *, int,
		    char *[]);
int		 options_server(struct res_conf *, const char *, int *);

/* phase.c: 0 when every phase ended, -1 when the loop stopped first */
int		 ck_run(struct check *);
void		 ck_hold(struct check *);
void		 ck_release(struct check *);

/* answer.c: res_cb for each query of the phases */
void		 answer_mx(void *, int, const ldns_rr_list *);
void		 answer_spf(void *, int, const ldns_rr_list *);
void		 answer_dmarc(void *, int, const ldns_rr_list *);
void		 answer_a(void *, int, const ldns_rr_list *);
void		 answer_aaaa(void *, int, const ldns_rr_list *);
void		 answer_ptr(void *, int, const ldns_rr_list *);
void		 answer_fwd(void *, int, const ldns_rr_list *);
void		 answer_bl(void *, int, const ldns_rr_list *);

/* probe.c */
void		 probe_start(struct ck_addr *);
void		 probes_close(struct check *);

/* verdict_*.c */
int		 judge_mx(struct check *);
void		 judge_host(struct check *, const struct ck_host *);
void		 judge_layout(struct check *);
void		 judge_ipv6(struct check *);
void		 judge_addresses(struct check *);
void		 judge_spf(struct check *);
void		 judge_dmarc(struct check *);

/* report.c */
void		 ck_report(struct check *, int, const char *, const char *,
		    const char *, const char *, ...)
		    __attribute__((__format__ (printf, 6, 7)));
void		 ck_sanitize(char *);
const char	*ck_res_why(int);
int		 report_print(const struct check *);

#endif
