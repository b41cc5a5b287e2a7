/*
 * nolistctl check: looks up a domain's MX records and their addresses,
 * connects to port 25 of every address the way a sender would (the best
 * preference first), and reports on the nolisting layout, the real MX's
 * reverse DNS and greeting, SPF, DMARC and block lists.
 *
 * Everything runs on one event loop: the resolver's queries and the SMTP
 * probes of one phase run at once, and a phase starts when the one
 * before has ended. Probes only ever go to addresses the domain's own
 * MX records give, and never to private, loopback or link-local ones.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>
#include <ldns/ldns.h>

#include "addr.h"
#include "check.h"
#include "checkrules.h"
#include "compat.h"
#include "expand.h"
#include "json.h"
#include "resolver.h"

#define CK_MAXHOSTS	16
#define CK_MAXADDRS	16	/* each host, both families */
#define CK_MAXPTRS	4
#define CK_MAXLISTS	16
#define CK_TXTMAX	1024
#define CK_GREETMAX	256
#define CK_MSGMAX	512
#define CK_SLOW_MS	1000	/* a slower reset is a warning */
#define CK_SMTP_PORT	25

static const char *default_lists[] = {
	"zen.spamhaus.org",
	"bl.spamcop.net",
	"b.barracudacentral.org"
};

enum ck_status {
	CK_OK = 0,
	CK_WARNING,
	CK_FAIL
};

enum ck_phase {
	PH_DOMAIN = 0,	/* MX, SPF, DMARC */
	PH_HOSTS,	/* A and AAAA of each MX */
	PH_PROBE_BEST,	/* SMTP to the best preference, as senders do */
	PH_PROBE_REST,	/* then to the others */
	PH_SERVER,	/* PTR and DNSBLs of the real MX's addresses */
	PH_FORWARD,	/* the PTR names forward */
	PH_DONE
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

static void	ck_next(struct check *);
static void	ck_report(struct check *, int, const char *, const char *,
		    const char *, const char *, ...)
		    __attribute__((__format__ (printf, 6, 7)));

static void
usage(void)
{
	fprintf(stderr, "usage: nolistctl check [-j] [-b lists] "
	    "[-r server[:port]] [-w seconds] domain\n");
}

/* --- the report --- */

static void
ck_report(struct check *ck, int status, const char *check,
    const char *subject, const char *fix, const char *fmt, ...)
{
	struct ck_item	*it;
	va_list		 ap;
	size_t		 n;

	if (ck->nitems == ck->maxitems) {
		n = ck->maxitems == 0 ? 32 : ck->maxitems * 2;
		if ((it = reallocarray(ck->items, n, sizeof(*it))) == NULL) {
			ck->nomem = 1;
			return;
		}
		ck->items = it;
		ck->maxitems = n;
	}
	it = &ck->items[ck->nitems++];
	it->status = status;
	strlcpy(it->check, check, sizeof(it->check));
	strlcpy(it->subject, subject, sizeof(it->subject));
	strlcpy(it->fix, status == CK_OK || fix == NULL ? "" : fix,
	    sizeof(it->fix));
	va_start(ap, fmt);
	vsnprintf(it->message, sizeof(it->message), fmt, ap);
	va_end(ap);
}

static const char *
status_name(int status)
{
	switch (status) {
	case CK_OK:
		return "ok";
	case CK_WARNING:
		return "warning";
	}
	return "fail";
}

static void
print_text(const struct check *ck, const size_t *count)
{
	const struct ck_item	*it;
	size_t			 i;

	for (i = 0; i < ck->nitems; i++) {
		it = &ck->items[i];
		printf("%-7s %-12s %s%s%s\n", status_name(it->status),
		    it->check, it->subject, it->subject[0] ? ": " : "",
		    it->message);
		if (it->fix[0] != '\0')
			printf("%-7s %-12s fix: %s\n", "", "", it->fix);
	}
	printf("%s: %zu ok, %zu warning%s, %zu failed\n", ck->domain,
	    count[CK_OK], count[CK_WARNING], count[CK_WARNING] == 1 ? "" : "s",
	    count[CK_FAIL]);
}

static void
json_pair(const char *key, const char *val, int comma)
{
	char	buf[CK_MSGMAX * 6 + 8];

	nl_json_string(buf, sizeof(buf), val);
	printf("%s\"%s\":%s", comma ? "," : "", key, buf);
}

static void
print_json(const struct check *ck, const size_t *count)
{
	const struct ck_item	*it;
	size_t			 i;

	printf("{");
	json_pair("domain", ck->domain, 0);
	printf(",\"checks\":[");
	for (i = 0; i < ck->nitems; i++) {
		it = &ck->items[i];
		printf("%s{", i > 0 ? "," : "");
		json_pair("check", it->check, 0);
		json_pair("subject", it->subject, 1);
		json_pair("status", status_name(it->status), 1);
		json_pair("message", it->message, 1);
		json_pair("fix", it->fix, 1);
		printf("}");
	}
	printf("],\"ok\":%zu,\"warning\":%zu,\"fail\":%zu}\n", count[CK_OK],
	    count[CK_WARNING], count[CK_FAIL]);
}

/* --- DNS answers --- */

/* Strings from DNS and from SMTP peers are shown, so nothing but text. */
static void
sanitize(char *s)
{
	for (; *s != '\0'; s++)
		if (!isprint((unsigned char)*s))
			*s = '?';
}

static int
rdf_name(const ldns_rdf *rd, char *buf, size_t len)
{
	char	*s;
	int	 r;

	if (rd == NULL || ldns_rdf_get_type(rd) != LDNS_RDF_TYPE_DNAME ||
	    (s = ldns_rdf2str(rd)) == NULL)
		return -1;
	r = nl_name_normalize(s, buf, len);
	free(s);
	return r;
}

static int
rdf_addr(const ldns_rdf *rd, struct nl_addr *a)
{
	if (rd == NULL)
		return -1;
	if (ldns_rdf_get_type(rd) == LDNS_RDF_TYPE_A &&
	    ldns_rdf_size(rd) == 4) {
		nl_addr_set4(a, ldns_rdf_data(rd));
		return 0;
	}
	if (ldns_rdf_get_type(rd) == LDNS_RDF_TYPE_AAAA &&
	    ldns_rdf_size(rd) == 16) {
		nl_addr_set6(a, ldns_rdf_data(rd));
		return 0;
	}
	return -1;
}

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
	sanitize(buf);
}

/* Phases end when nothing they started is still under way. */
static void
ck_hold(struct check *ck)
{
	ck->pending++;
}

static void
ck_release(struct check *ck)
{
	if (--ck->pending == 0)
		ck_next(ck);
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
		sanitize(h->name);
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

static void
mx_cb(void *arg, int status, const ldns_rr_list *rrs)
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

static void
spf_cb(void *arg, int status, const ldns_rr_list *rrs)
{
	struct check	*ck = arg;

	ck->spf_status = status;
	ck->nspf = txt_find(rrs, nl_spf_is_record, ck->spf, sizeof(ck->spf));
	ck_release(ck);
}

static void
dmarc_cb(void *arg, int status, const ldns_rr_list *rrs)
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

static void
host_a_cb(void *arg, int status, const ldns_rr_list *rrs)
{
	struct ck_host	*h = arg;

	host_addrs(h, status, rrs, LDNS_RR_TYPE_A);
	ck_release(h->ck);
}

static void
host_aaaa_cb(void *arg, int status, const ldns_rr_list *rrs)
{
	struct ck_host	*h = arg;

	host_addrs(h, status, rrs, LDNS_RR_TYPE_AAAA);
	ck_release(h->ck);
}

static void
ptr_cb(void *arg, int status, const ldns_rr_list *rrs)
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

static void
fwd_cb(void *arg, int status, const ldns_rr_list *rrs)
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

static void
bl_cb(void *arg, int status, const ldns_rr_list *rrs)
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

static void
ck_query(struct check *ck, const char *name, ldns_rr_type type, res_cb cb,
    void *arg)
{
	ck_hold(ck);
	resolver_query(ck->res, name, type, cb, arg);
}

/* --- SMTP probes --- */

static long
elapsed_ms(const struct timespec *t0)
{
	struct timespec	now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t0->tv_sec) * 1000 +
	    (now.tv_nsec - t0->tv_nsec) / 1000000;
}

static void
probe_end(struct ck_addr *a, int result, int err)
{
	a->probe = result;
	a->err = err;
	a->ms = elapsed_ms(&a->t0);
	if (a->ev != NULL) {
		event_free(a->ev);
		a->ev = NULL;
	}
	if (a->fd != -1) {
		close(a->fd);
		a->fd = -1;
	}
	ck_release(a->ck);
}

static void
probe_greeting(struct ck_addr *a)
{
	static const char	 quit[] = "QUIT\r\n";
	char			 host[NL_DNAME_MAX + 1];
	int			 code;

	a->greeting[strcspn(a->greeting, "\r\n")] = '\0';
	sanitize(a->greeting);
	/* polite, and no matter if it fails */
	if (write(a->fd, quit, sizeof(quit) - 1) == -1)
		a->err = errno;
	if (nl_smtp_greeting(a->greeting, &code, host, sizeof(host)) == -1)
		probe_end(a, NL_PROBE_NOBANNER, 0);
	else if (code >= 200 && code < 300)
		probe_end(a, NL_PROBE_BANNER_OK, 0);
	else if (code >= 400 && code < 500)
		probe_end(a, NL_PROBE_BANNER_TEMP, 0);
	else if (code >= 500 && code < 600)
		probe_end(a, NL_PROBE_BANNER_PERM, 0);
	else
		probe_end(a, NL_PROBE_NOBANNER, 0);
}

static void
probe_read(int fd, short what, void *arg)
{
	struct ck_addr	*a = arg;
	ssize_t		 n;

	if (what & EV_TIMEOUT) {
		probe_end(a, NL_PROBE_NOBANNER, ETIMEDOUT);
		return;
	}
	n = read(fd, a->greeting + a->glen, sizeof(a->greeting) - 1 -
	    a->glen);
	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		probe_end(a, NL_PROBE_NOBANNER, n == 0 ? 0 : errno);
		return;
	}
	a->glen += n;
	a->greeting[a->glen] = '\0';
	if (memchr(a->greeting, '\n', a->glen) != NULL ||
	    a->glen == sizeof(a->greeting) - 1)
		probe_greeting(a);
}

static void
probe_connected(int fd, short what, void *arg)
{
	struct ck_addr	*a = arg;
	int		 err = 0;
	socklen_t	 len = sizeof(err);

	if (what & EV_TIMEOUT) {
		probe_end(a, NL_PROBE_TIMEOUT, ETIMEDOUT);
		return;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == -1)
		err = errno;
	if (err == ECONNREFUSED) {
		probe_end(a, NL_PROBE_RESET, err);
		return;
	}
	if (err != 0) {
		probe_end(a, NL_PROBE_UNREACH, err);
		return;
	}
	a->ms = elapsed_ms(&a->t0);
	event_free(a->ev);
	a->ev = event_new(a->ck->base, fd, EV_READ | EV_PERSIST, probe_read,
	    a);
	if (a->ev == NULL || event_add(a->ev, &a->ck->wait) == -1)
		probe_end(a, NL_PROBE_UNREACH, ENOMEM);
}

static socklen_t
addr_sockaddr(const struct nl_addr *a, uint16_t port,
    struct sockaddr_storage *ss)
{
	struct sockaddr_in	*sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6	*sin6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (a->af == NL_AF4) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons(port);
		memcpy(&sin->sin_addr, a->a, 4);
		return sizeof(*sin);
	}
	sin6->sin6_family = AF_INET6;
	sin6->sin6_port = htons(port);
	memcpy(&sin6->sin6_addr, a->a, 16);
	return sizeof(*sin6);
}

static void
probe_start(struct ck_addr *a)
{
	struct sockaddr_storage	ss;
	socklen_t		len;

	/* where senders cannot go, and where DNS must not send us */
	if (a->class != NL_AC_GLOBAL && a->class != NL_AC_DOCUMENTATION)
		return;
	ck_hold(a->ck);
	clock_gettime(CLOCK_MONOTONIC, &a->t0);
	len = addr_sockaddr(&a->addr, CK_SMTP_PORT, &ss);
	a->fd = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, 0);
	if (a->fd == -1) {
		probe_end(a, NL_PROBE_UNREACH, errno);
		return;
	}
	if (connect(a->fd, (struct sockaddr *)&ss, len) == -1 &&
	    errno != EINPROGRESS) {
		probe_end(a, errno == ECONNREFUSED ? NL_PROBE_RESET :
		    NL_PROBE_UNREACH, errno);
		return;
	}
	a->ev = event_new(a->ck->base, a->fd, EV_WRITE, probe_connected, a);
	if (a->ev == NULL || event_add(a->ev, &a->ck->wait) == -1)
		probe_end(a, NL_PROBE_UNREACH, ENOMEM);
}

/* --- the phases --- */

static void
start_domain(struct check *ck)
{
	char	name[NL_DNAME_MAX + 8];

	ck_query(ck, ck->domain, LDNS_RR_TYPE_MX, mx_cb, ck);
	ck_query(ck, ck->domain, LDNS_RR_TYPE_TXT, spf_cb, ck);
	snprintf(name, sizeof(name), "_dmarc.%s", ck->domain);
	ck_query(ck, name, LDNS_RR_TYPE_TXT, dmarc_cb, ck);
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
		ck_query(ck, h->name, LDNS_RR_TYPE_A, host_a_cb, h);
		ck_query(ck, h->name, LDNS_RR_TYPE_AAAA, host_aaaa_cb, h);
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
				ck_query(ck, name, LDNS_RR_TYPE_PTR, ptr_cb, a);
			for (k = 0; k < ck->nlists; k++) {
				a->bl[k].a = a;
				a->bl[k].list = k;
				if (nl_dnsbl_name(&a->addr, ck->lists[k], name,
				    sizeof(name)) == 0)
					ck_query(ck, name, LDNS_RR_TYPE_A,
					    bl_cb, &a->bl[k]);
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
				    LDNS_RR_TYPE_AAAA, fwd_cb, &a->ptrs[k]);
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

/* --- the verdicts --- */

static const char *
res_why(int status)
{
	switch (status) {
	case RES_NODATA:
		return "no records";
	case RES_NXDOMAIN:
		return "no such name";
	case RES_TIMEOUT:
		return "no answer from the name servers";
	}
	return "the name servers failed";
}

static int
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
		    res_why(ck->mx_status));
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

static void
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
			    "address lookup: %s", res_why(h->st4));
		else
			ck_report(ck, CK_FAIL, "mx-host", h->name, fix,
			    "has no A or AAAA records (%s)", res_why(h->st4));
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

static void
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
static void
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
			    "PTR lookup: %s", res_why(a->ptr_status));
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
			    "not ask the list: %s", res_why(b->status));
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

static void
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

static void
judge_spf(struct check *ck)
{
	struct nl_spf	spf;
	char		err[128];
	char		fix[CK_MSGMAX];
	size_t		i;

	snprintf(fix, sizeof(fix), "publish TXT \"v=spf1 mx -all\" at %s, "
	    "naming the hosts that send its mail", ck->domain);
	for (i = 0; i < ck->nhosts; i++)
		if (ck->hosts[i].role == NL_MX_REAL) {
			snprintf(fix, sizeof(fix), "publish TXT \"v=spf1 a:%s "
			    "-all\" at %s, naming the hosts that send its mail",
			    ck->hosts[i].name, ck->domain);
			break;
		}
	if (ck->nspf == 0) {
		if (ck->spf_status == RES_FAIL || ck->spf_status == RES_TIMEOUT)
			ck_report(ck, CK_WARNING, "spf", ck->domain, "check "
			    "the domain's name servers", "TXT lookup: %s",
			    res_why(ck->spf_status));
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

static void
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
			    res_why(ck->dmarc_status));
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

static void
judge(struct check *ck)
{
	size_t	i;

	if (judge_mx(ck) == 0) {
		for (i = 0; i < ck->nhosts; i++)
			judge_host(ck, &ck->hosts[i]);
		if (ck->nhosts > 0) {
			judge_layout(ck);
			judge_ipv6(ck);
			judge_addresses(ck);
		}
	}
	judge_spf(ck);
	judge_dmarc(ck);
}

/* --- options --- */

static int
add_server(struct res_conf *rc, const char *arg, int *port_set)
{
	char		 buf[NL_ADDRSTRLEN + 8], *p, *port = NULL;
	const char	*errstr;
	long long	 n;

	if (strlcpy(buf, arg, sizeof(buf)) >= sizeof(buf))
		return -1;
	p = buf;
	if (*p == '[') {
		p++;
		if ((port = strchr(p, ']')) == NULL)
			return -1;
		*port++ = '\0';
		if (*port == '\0')
			port = NULL;
		else if (*port++ != ':')
			return -1;
	} else if ((port = strchr(p, ':')) != NULL &&
	    strchr(port + 1, ':') == NULL)
		*port++ = '\0';
	else
		port = NULL;
	if (rc->nservers == RES_MAXSERVERS ||
	    nl_addr_parse(p, &rc->servers[rc->nservers]) == -1)
		return -1;
	rc->nservers++;
	n = port == NULL ? 53 : strtonum(port, 1, 65535, &errstr);
	if (port != NULL && errstr != NULL)
		return -1;
	/* the resolver asks every server at one port */
	if (*port_set && rc->port != n)
		return -1;
	rc->port = n;
	*port_set = 1;
	return 0;
}

static int
set_lists(struct check *ck, char *arg)
{
	char	*s, norm[NL_DNAME_MAX + 1];

	ck->nlists = 0;
	while ((s = strsep(&arg, ", ")) != NULL) {
		if (*s == '\0' || strcmp(s, "none") == 0)
			continue;
		if (ck->nlists == CK_MAXLISTS ||
		    nl_name_normalize(s, norm, sizeof(norm)) == -1)
			return -1;
		/* normalizing only ever shortens; keep the argv storage */
		strlcpy(s, norm, strlen(s) + 1);
		ck->lists[ck->nlists++] = s;
	}
	return 0;
}

static int
parse_options(struct check *ck, struct res_conf *rc, int argc, char *argv[])
{
	const char	*errstr;
	int		 ch, port_set = 0;

	ck->wait.tv_sec = 5;
	for (ck->nlists = 0; ck->nlists < sizeof(default_lists) /
	    sizeof(default_lists[0]); ck->nlists++)
		ck->lists[ck->nlists] = default_lists[ck->nlists];
#ifdef __GLIBC__
	optind = 0;	/* glibc: start afresh, whatever ran before */
#else
	optind = 1;
	optreset = 1;
#endif
	while ((ch = getopt(argc, argv, "b:jr:w:")) != -1) {
		switch (ch) {
		case 'b':
			if (set_lists(ck, optarg) == -1) {
				fprintf(stderr, "nolistctl check: bad list "
				    "%s\n", optarg);
				return -1;
			}
			break;
		case 'j':
			ck->json = 1;
			break;
		case 'r':
			if (add_server(rc, optarg, &port_set) == -1) {
				fprintf(stderr, "nolistctl check: bad name "
				    "server %s (all at one port, at most %d)\n",
				    optarg, RES_MAXSERVERS);
				return -1;
			}
			break;
		case 'w':
			ck->wait.tv_sec = strtonum(optarg, 1, 60, &errstr);
			if (errstr != NULL) {
				fprintf(stderr, "nolistctl check: -w %s: %s\n",
				    optarg, errstr);
				return -1;
			}
			break;
		default:
			usage();
			return -1;
		}
	}
	if (argc - optind != 1 || nl_name_normalize(argv[optind],
	    ck->domain, sizeof(ck->domain)) == -1) {
		usage();
		return -1;
	}
	if (rc->nservers == 0 && resolver_conf_resolvconf(rc,
	    "/etc/resolv.conf") == -1) {
		fprintf(stderr, "nolistctl check: no name servers in "
		    "/etc/resolv.conf; name one with -r\n");
		return -1;
	}
	return 0;
}

static void
probes_close(struct check *ck)
{
	struct ck_addr	*a;
	size_t		 i, j;

	for (i = 0; i < ck->nhosts; i++)
		for (j = 0; j < ck->hosts[i].naddrs; j++) {
			a = &ck->hosts[i].addrs[j];
			if (a->ev != NULL)
				event_free(a->ev);
			if (a->fd != -1)
				close(a->fd);
		}
}

int
check_main(int argc, char *argv[])
{
	struct check	*ck;
	struct res_conf	 rc;
	size_t		 count[3] = { 0, 0, 0 }, i;
	int		 rv = 1;

	if ((ck = calloc(1, sizeof(*ck))) == NULL) {
		fprintf(stderr, "nolistctl check: out of memory\n");
		return 1;
	}
	resolver_conf_defaults(&rc);
	rc.nservers = 0;
	if (parse_options(ck, &rc, argc, argv) == -1)
		goto done;
	if ((ck->base = event_base_new()) == NULL ||
	    (ck->res = resolver_new(ck->base, &rc)) == NULL) {
		fprintf(stderr, "nolistctl check: cannot start the resolver\n");
		goto done;
	}
	ck->phase = PH_DOMAIN;
	ck_hold(ck);
	start_domain(ck);
	ck_release(ck);
	if (ck->phase != PH_DONE)
		event_base_dispatch(ck->base);
	if (ck->phase != PH_DONE) {
		fprintf(stderr, "nolistctl check: stopped before the end\n");
		goto done;
	}
	judge(ck);
	if (ck->nomem) {
		fprintf(stderr, "nolistctl check: out of memory\n");
		goto done;
	}
	for (i = 0; i < ck->nitems; i++)
		count[ck->items[i].status]++;
	if (ck->json)
		print_json(ck, count);
	else
		print_text(ck, count);
	rv = count[CK_FAIL] > 0;
 done:
	probes_close(ck);
	resolver_free(ck->res);
	if (ck->base != NULL)
		event_base_free(ck->base);
	free(ck->items);
	free(ck);
	return rv;
}
