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
#include <sys/queue.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <ldns/ldns.h>

#include "addr.h"
#include "compat.h"
#include "expand.h"
#include "rescache.h"
#include "resolver.h"
#include "resparse.h"

#define RES_UDP_MAX	65535
#define RES_SLICE_US	500	/* answers handed out in one loop turn */

enum q_state {
	Q_BACKLOG = 0,
	Q_UDP,
	Q_TCP
};

struct waiter {
	res_cb			 cb;
	void			*arg;
	struct waiter		*next;		/* waiting for one query */
	TAILQ_ENTRY(waiter)	 entry;		/* ready, with ans */
	struct res_answer	*ans;
};

struct query {
	TAILQ_ENTRY(query)	 entry;		/* backlog or active */
	struct query		*hnext;		/* in-flight chain */
	struct resolver		*res;
	char			 name[NL_DNAME_MAX + 1];
	uint16_t		 type;
	uint16_t		 id;
	enum q_state		 state;
	unsigned int		 tries;
	struct waiter		*waiters;
	ldns_rdf		*qname;
	uint8_t			*wire;
	size_t			 wirelen;
	struct sockaddr_storage	 ss;	/* the server asked */
	socklen_t		 sslen;
	int			 fd;
	struct event		*rev;
	struct event		*timer;
	struct bufferevent	*bev;
};

TAILQ_HEAD(queries, query);
TAILQ_HEAD(waiters, waiter);

struct resolver {
	struct event_base	*base;
	struct res_conf		 conf;
	struct query		**qhash;
	size_t			 nbuckets;	/* a power of 2 */
	struct queries		 active;
	struct queries		 backlog;
	unsigned int		 nactive;
	unsigned int		 nbacklog;
	struct rescache		*cache;
	struct waiters		 ready;		/* answers to hand out */
	struct event		*deliver;
	struct res_stats	 stats;
	uint8_t			 rnd[256];
	size_t			 rndleft;
	uint8_t			 buf[RES_UDP_MAX];
};

static void	deliver_ready(int, short, void *);
static void	query_send(struct query *);
static void	query_finish(struct query *, int, ldns_rr_list *, uint32_t);

const char *
resolver_status_name(int status)
{
	switch (status) {
	case RES_OK:
		return "ok";
	case RES_NODATA:
		return "nodata";
	case RES_NXDOMAIN:
		return "nxdomain";
	case RES_FAIL:
		return "fail";
	case RES_TIMEOUT:
		return "timeout";
	}
	return "unknown";
}

void
resolver_conf_defaults(struct res_conf *c)
{
	memset(c, 0, sizeof(*c));
	c->port = 53;
	c->timeout_ms = 2000;
	c->retries = 2;
	c->max_outstanding = 64;
	c->max_backlog = 4096;
	c->cache_size = 10000;
	c->cache_bytes = RES_CACHE_BYTES;
	c->max_ttl = RES_MAX_TTL;
}

/* Name servers from resolv.conf; read once at start, so blocking is fine. */
int
resolver_conf_resolvconf(struct res_conf *c, const char *path)
{
	ldns_resolver	*r;
	ldns_rdf	**ns, *rd;
	size_t		 i, n;

	if (ldns_resolver_new_frm_file(&r, path) != LDNS_STATUS_OK)
		return -1;
	ns = ldns_resolver_nameservers(r);
	n = ldns_resolver_nameserver_count(r);
	c->nservers = 0;
	for (i = 0; i < n && c->nservers < RES_MAXSERVERS; i++) {
		rd = ns[i];
		if (ldns_rdf_get_type(rd) == LDNS_RDF_TYPE_A &&
		    ldns_rdf_size(rd) == 4)
			nl_addr_set4(&c->servers[c->nservers++],
			    ldns_rdf_data(rd));
		else if (ldns_rdf_get_type(rd) == LDNS_RDF_TYPE_AAAA &&
		    ldns_rdf_size(rd) == 16)
			nl_addr_set6(&c->servers[c->nservers++],
			    ldns_rdf_data(rd));
	}
	ldns_resolver_deep_free(r);
	return c->nservers > 0 ? 0 : -1;
}

/* Query IDs an off-path attacker cannot guess. */
static uint16_t
res_random16(struct resolver *r)
{
	uint16_t	v;

	if (r->rndleft < sizeof(v)) {
		arc4random_buf(r->rnd, sizeof(r->rnd));
		r->rndleft = sizeof(r->rnd);
	}
	r->rndleft -= sizeof(v);
	memcpy(&v, r->rnd + r->rndleft, sizeof(v));
	return v;
}

static size_t
key_hash(const struct resolver *r, const char *name, uint16_t type)
{
	uint32_t	h = 2166136261U ^ type;

	for (; *name != '\0'; name++) {
		h ^= (unsigned char)*name;
		h *= 16777619U;
	}
	return h & (r->nbuckets - 1);
}

struct resolver *
resolver_new(struct event_base *base, const struct res_conf *conf)
{
	struct resolver	*r;
	size_t		 want;

	if (conf->nservers == 0 || conf->nservers > RES_MAXSERVERS ||
	    conf->max_outstanding == 0 || conf->timeout_ms == 0)
		return NULL;
	if ((r = calloc(1, sizeof(*r))) == NULL)
		return NULL;
	r->base = base;
	r->conf = *conf;
	want = conf->cache_size > conf->max_outstanding ?
	    conf->cache_size : conf->max_outstanding;
	for (r->nbuckets = 16; r->nbuckets < want && r->nbuckets < (1U << 20);
	    r->nbuckets <<= 1)
		;
	TAILQ_INIT(&r->active);
	TAILQ_INIT(&r->backlog);
	TAILQ_INIT(&r->ready);
	r->qhash = calloc(r->nbuckets, sizeof(*r->qhash));
	r->cache = rescache_new(conf->cache_size, conf->cache_bytes,
	    conf->max_ttl);
	r->deliver = evtimer_new(base, deliver_ready, r);
	if (r->qhash == NULL || r->cache == NULL || r->deliver == NULL) {
		resolver_free(r);
		return NULL;
	}
	return r;
}

/* --- queries in flight --- */

static struct query *
inflight_get(struct resolver *r, const char *name, uint16_t type)
{
	struct query	*q;

	for (q = r->qhash[key_hash(r, name, type)]; q != NULL; q = q->hnext)
		if (q->type == type && strcmp(q->name, name) == 0)
			return q;
	return NULL;
}

static void
inflight_remove(struct resolver *r, struct query *q)
{
	struct query	**link;

	for (link = &r->qhash[key_hash(r, q->name, q->type)]; *link != q;
	    link = &(*link)->hnext)
		;
	*link = q->hnext;
}

/* Close whatever the current try holds open. */
static void
query_close(struct query *q)
{
	if (q->rev != NULL) {
		event_free(q->rev);
		q->rev = NULL;
	}
	if (q->fd != -1) {
		close(q->fd);
		q->fd = -1;
	}
	if (q->bev != NULL) {
		bufferevent_free(q->bev);
		q->bev = NULL;
	}
	if (q->timer != NULL)
		evtimer_del(q->timer);
}

static void
query_free(struct query *q)
{
	struct waiter	*w;

	query_close(q);
	if (q->timer != NULL)
		event_free(q->timer);
	while ((w = q->waiters) != NULL) {
		q->waiters = w->next;
		free(w);
	}
	ldns_rdf_deep_free(q->qname);
	free(q->wire);
	free(q);
}

static int
server_sockaddr(const struct resolver *r, unsigned int tries,
    struct sockaddr_storage *ss, socklen_t *len)
{
	const struct nl_addr	*a;
	struct sockaddr_in	*sin;
	struct sockaddr_in6	*sin6;

	a = &r->conf.servers[tries % r->conf.nservers];
	memset(ss, 0, sizeof(*ss));
	if (a->af == NL_AF4) {
		sin = (struct sockaddr_in *)ss;
		sin->sin_family = AF_INET;
		sin->sin_port = htons(r->conf.port);
		memcpy(&sin->sin_addr, a->a, 4);
		*len = sizeof(*sin);
		return 0;
	}
	if (a->af == NL_AF6) {
		sin6 = (struct sockaddr_in6 *)ss;
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(r->conf.port);
		memcpy(&sin6->sin6_addr, a->a, 16);
		*len = sizeof(*sin6);
		return 0;
	}
	return -1;
}

static int
same_sockaddr(const struct sockaddr_storage *a, socklen_t alen,
    const struct sockaddr_storage *b, socklen_t blen)
{
	const struct sockaddr_in	*a4, *b4;
	const struct sockaddr_in6	*a6, *b6;

	if (a->ss_family != b->ss_family || alen != blen)
		return 0;
	if (a->ss_family == AF_INET) {
		a4 = (const struct sockaddr_in *)a;
		b4 = (const struct sockaddr_in *)b;
		return a4->sin_port == b4->sin_port &&
		    a4->sin_addr.s_addr == b4->sin_addr.s_addr;
	}
	a6 = (const struct sockaddr_in6 *)a;
	b6 = (const struct sockaddr_in6 *)b;
	return a6->sin6_port == b6->sin6_port &&
	    memcmp(&a6->sin6_addr, &b6->sin6_addr, 16) == 0;
}

/* Try again, at the next server, or give up. */
static void
query_retry(struct query *q, int status)
{
	query_close(q);
	if (++q->tries <= q->res->conf.retries)
		query_send(q);
	else
		query_finish(q, status, NULL, 0);
}

/* The reply is ours and complete: it takes rp->rrs. */
static void
query_answer(struct query *q, struct res_reply *rp)
{
	switch (rp->rcode) {
	case LDNS_RCODE_NOERROR:
		if (rp->rrs == NULL)
			query_finish(q, RES_NODATA, NULL, rp->ttl);
		else
			query_finish(q, RES_OK, rp->rrs, rp->ttl);
		return;
	case LDNS_RCODE_NXDOMAIN:
		query_finish(q, RES_NXDOMAIN, NULL, rp->ttl);
		return;
	default:
		query_retry(q, RES_FAIL);
		return;
	}
}

static int
query_parse(struct query *q, struct res_reply *rp, size_t len)
{
	return res_reply_parse(rp, q->res->buf, len, q->id, q->qname,
	    q->type);
}

static void
tcp_read(struct bufferevent *bev, void *arg)
{
	struct query	*q = arg;
	struct evbuffer	*in;
	struct res_reply rp;
	uint8_t		 lenbuf[2];
	size_t		 len;

	in = bufferevent_get_input(bev);
	if (evbuffer_copyout(in, lenbuf, 2) != 2)
		return;
	len = (size_t)lenbuf[0] << 8 | lenbuf[1];
	if (evbuffer_get_length(in) < 2 + len)
		return;
	evbuffer_drain(in, 2);
	evbuffer_remove(in, q->res->buf, len);
	switch (query_parse(q, &rp, len)) {
	case REPLY_OURS:
		if (!rp.tc) {
			query_answer(q, &rp);
			return;
		}
		break;
	case REPLY_OTHER:
		q->res->stats.ignored++;
		break;
	}
	query_retry(q, RES_FAIL);
}

static void
tcp_event(struct bufferevent *bev, short what, void *arg)
{
	struct query	*q = arg;

	(void)bev;
	if (what & (BEV_EVENT_EOF | BEV_EVENT_ERROR))
		query_retry(q, RES_FAIL);
}

/* The answer did not fit in UDP: ask the same server over TCP. */
static void
query_tcp(struct query *q)
{
	struct timeval	 tv;
	uint8_t		 lenbuf[2];

	event_free(q->rev);
	q->rev = NULL;
	close(q->fd);
	q->fd = -1;
	q->state = Q_TCP;
	q->res->stats.tcp++;
	q->res->stats.sent++;
	q->bev = bufferevent_socket_new(q->res->base, -1,
	    BEV_OPT_CLOSE_ON_FREE);
	if (q->bev == NULL) {
		query_retry(q, RES_FAIL);
		return;
	}
	bufferevent_setcb(q->bev, tcp_read, NULL, tcp_event, q);
	lenbuf[0] = q->wirelen >> 8;
	lenbuf[1] = q->wirelen & 0xff;
	if (bufferevent_write(q->bev, lenbuf, 2) == -1 ||
	    bufferevent_write(q->bev, q->wire, q->wirelen) == -1 ||
	    bufferevent_enable(q->bev, EV_READ | EV_WRITE) == -1 ||
	    bufferevent_socket_connect(q->bev, (struct sockaddr *)&q->ss,
	    q->sslen) == -1) {
		query_retry(q, RES_FAIL);
		return;
	}
	tv.tv_sec = q->res->conf.timeout_ms / 1000;
	tv.tv_usec = (q->res->conf.timeout_ms % 1000) * 1000;
	evtimer_add(q->timer, &tv);
}

/* Take the next datagram that answers us; ignore the rest. */
static void
udp_read(int fd, short what, void *arg)
{
	struct query		*q = arg;
	struct resolver		*r = q->res;
	struct sockaddr_storage	 from;
	socklen_t		 fromlen;
	struct res_reply	 rp;
	ssize_t			 n;
	int			 i;

	(void)what;
	/* a bound on the work a flood of forgeries can cause at once */
	for (i = 0; i < 16; i++) {
		fromlen = sizeof(from);
		n = recvfrom(fd, r->buf, sizeof(r->buf), 0,
		    (struct sockaddr *)&from, &fromlen);
		if (n == -1)
			return;
		if (!same_sockaddr(&from, fromlen, &q->ss, q->sslen) ||
		    query_parse(q, &rp, n) != REPLY_OURS) {
			r->stats.ignored++;
			continue;
		}
		if (rp.tc)
			query_tcp(q);
		else
			query_answer(q, &rp);
		return;
	}
}

static void
query_timeout(int fd, short what, void *arg)
{
	struct query	*q = arg;

	(void)fd;
	(void)what;
	q->res->stats.timeouts++;
	query_retry(q, RES_TIMEOUT);
}

/*
 * One try: a fresh ID and a fresh socket, so a fresh source port, at the
 * server whose turn it is.
 */
static void
query_send(struct query *q)
{
	struct resolver	*r = q->res;
	struct timeval	 tv;

	q->state = Q_UDP;
	q->id = res_random16(r);
	q->wire[0] = q->id >> 8;
	q->wire[1] = q->id & 0xff;
	if (server_sockaddr(r, q->tries, &q->ss, &q->sslen) == -1)
		goto fail;
	q->fd = socket(q->ss.ss_family, SOCK_DGRAM | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, 0);
	if (q->fd == -1)
		goto fail;
	q->rev = event_new(r->base, q->fd, EV_READ | EV_PERSIST, udp_read, q);
	if (q->rev == NULL || event_add(q->rev, NULL) == -1)
		goto fail;
	r->stats.sent++;
	if (sendto(q->fd, q->wire, q->wirelen, 0, (struct sockaddr *)&q->ss,
	    q->sslen) == -1)
		goto fail;
	tv.tv_sec = r->conf.timeout_ms / 1000;
	tv.tv_usec = (r->conf.timeout_ms % 1000) * 1000;
	evtimer_add(q->timer, &tv);
	return;
 fail:
	/* the next server may be reachable; the timer paces the tries */
	query_close(q);
	tv.tv_sec = 0;
	tv.tv_usec = 1000;
	evtimer_add(q->timer, &tv);
}

static void
query_start(struct resolver *r, struct query *q)
{
	TAILQ_INSERT_TAIL(&r->active, q, entry);
	r->nactive++;
	query_send(q);
}

static long
elapsed_us(const struct timespec *from)
{
	struct timespec	now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - from->tv_sec) * 1000000L +
	    (now.tv_nsec - from->tv_nsec) / 1000;
}

/*
 * Hand out answers for at most RES_SLICE_US, then let the loop run
 * (capture, control) before the rest: callbacks do DNS work of their
 * own, and a burst of answers must not hold up everything else.
 */
static void
deliver_ready(int fd, short what, void *arg)
{
	struct resolver	*r = arg;
	struct waiter	*w;
	struct timespec	 start;
	struct timeval	 zero = { 0, 0 };

	(void)fd;
	(void)what;
	clock_gettime(CLOCK_MONOTONIC, &start);
	while ((w = TAILQ_FIRST(&r->ready)) != NULL) {
		if (elapsed_us(&start) >= RES_SLICE_US) {
			r->stats.yields++;
			evtimer_add(r->deliver, &zero);
			return;
		}
		TAILQ_REMOVE(&r->ready, w, entry);
		w->cb(w->arg, w->ans->status, w->ans->rrs);
		res_answer_unref(w->ans);
		free(w);
	}
}

/* The answer goes to the waiter from the loop, after the caller returns. */
static void
waiter_ready(struct resolver *r, struct waiter *w, struct res_answer *a)
{
	struct timeval	zero = { 0, 0 };

	w->ans = res_answer_ref(a);
	TAILQ_INSERT_TAIL(&r->ready, w, entry);
	if (!evtimer_pending(r->deliver, NULL))
		evtimer_add(r->deliver, &zero);
}

/* No memory for an answer: the waiters hear of a failure at once. */
static void
waiters_fail(struct waiter *w)
{
	struct waiter	*next;

	for (; w != NULL; w = next) {
		next = w->next;
		w->cb(w->arg, RES_FAIL, NULL);
		free(w);
	}
}

/*
 * The query is over: it leaves every list before the callbacks run, so
 * that they may ask again, and the next waiting query takes its slot.
 */
static void
query_finish(struct query *q, int status, ldns_rr_list *rrs, uint32_t ttl)
{
	struct resolver		*r = q->res;
	struct res_answer	*a;
	struct waiter		*w, *next;
	struct query		*nq;

	inflight_remove(r, q);
	TAILQ_REMOVE(&r->active, q, entry);
	r->nactive--;
	a = res_answer_new(status, rrs);
	if (status == RES_FAIL || status == RES_TIMEOUT)
		r->stats.failures++;
	else if (a != NULL)
		rescache_put(r->cache, q->name, q->type, a, ttl);
	w = q->waiters;
	q->waiters = NULL;
	query_free(q);
	if ((nq = TAILQ_FIRST(&r->backlog)) != NULL) {
		TAILQ_REMOVE(&r->backlog, nq, entry);
		r->nbacklog--;
		query_start(r, nq);
	}
	if (a == NULL) {
		waiters_fail(w);
		return;
	}
	for (; w != NULL; w = next) {
		next = w->next;
		waiter_ready(r, w, a);
	}
	res_answer_unref(a);
}

static struct waiter *
waiter_new(res_cb cb, void *arg)
{
	struct waiter	*w;

	if ((w = malloc(sizeof(*w))) == NULL)
		return NULL;
	w->cb = cb;
	w->arg = arg;
	w->next = NULL;
	return w;
}

/*
 * The query in wire form, built once; each try writes its own ID. ldns
 * writes the question; the header is ours, because ldns_pkt2wire
 * compresses names at a cost that grows with the square of the labels,
 * and an ip6.arpa name has 34 of them.
 */
static int
query_wire(struct query *q)
{
	ldns_rr		*rr;
	uint8_t		*qd;
	size_t		 qdlen;
	ldns_status	 st;

	if ((rr = ldns_rr_new()) == NULL)
		return -1;
	ldns_rr_set_owner(rr, ldns_rdf_clone(q->qname));
	ldns_rr_set_type(rr, q->type);
	ldns_rr_set_class(rr, LDNS_RR_CLASS_IN);
	ldns_rr_set_question(rr, true);
	st = ldns_rr2wire(&qd, rr, LDNS_SECTION_QUESTION, &qdlen);
	ldns_rr_free(rr);
	if (st != LDNS_STATUS_OK)
		return -1;
	if ((q->wire = calloc(1, LDNS_HEADER_SIZE + qdlen)) == NULL) {
		free(qd);
		return -1;
	}
	q->wire[2] = 0x01;	/* RD: we ask recursive servers */
	q->wire[5] = 1;		/* one question */
	memcpy(q->wire + LDNS_HEADER_SIZE, qd, qdlen);
	q->wirelen = LDNS_HEADER_SIZE + qdlen;
	free(qd);
	return 0;
}

static struct query *
query_new(struct resolver *r, const char *name, uint16_t type)
{
	struct query	*q;

	if ((q = calloc(1, sizeof(*q))) == NULL)
		return NULL;
	q->res = r;
	q->fd = -1;
	q->type = type;
	strlcpy(q->name, name, sizeof(q->name));
	if ((q->qname = ldns_dname_new_frm_str(name)) == NULL ||
	    query_wire(q) == -1 ||
	    (q->timer = evtimer_new(r->base, query_timeout, q)) == NULL) {
		query_free(q);
		return NULL;
	}
	return q;
}

void
resolver_query(struct resolver *r, const char *name, ldns_rr_type type,
    res_cb cb, void *arg)
{
	struct res_answer	*a;
	struct query		*q;
	struct waiter		*w;
	char			 norm[NL_DNAME_MAX + 1];
	size_t		 h;

	r->stats.queries++;
	if (nl_name_normalize(name, norm, sizeof(norm)) == -1) {
		r->stats.failures++;
		cb(arg, RES_FAIL, NULL);
		return;
	}
	if ((w = waiter_new(cb, arg)) == NULL) {
		r->stats.dropped++;
		cb(arg, RES_FAIL, NULL);
		return;
	}
	if ((a = rescache_get(r->cache, norm, type)) != NULL) {
		r->stats.cache_hits++;
		waiter_ready(r, w, a);
		return;
	}
	if ((q = inflight_get(r, norm, type)) != NULL) {
		r->stats.joined++;
		w->next = q->waiters;
		q->waiters = w;
		return;
	}
	if (r->nactive + r->nbacklog >=
	    r->conf.max_outstanding + r->conf.max_backlog ||
	    (q = query_new(r, norm, type)) == NULL) {
		free(w);
		r->stats.dropped++;
		r->stats.failures++;
		cb(arg, RES_FAIL, NULL);
		return;
	}
	q->waiters = w;
	h = key_hash(r, q->name, q->type);
	q->hnext = r->qhash[h];
	r->qhash[h] = q;
	if (r->nactive < r->conf.max_outstanding)
		query_start(r, q);
	else {
		q->state = Q_BACKLOG;
		TAILQ_INSERT_TAIL(&r->backlog, q, entry);
		r->nbacklog++;
	}
}

void
resolver_get_stats(const struct resolver *r, struct res_stats *s)
{
	*s = r->stats;
	s->cache_bytes = rescache_bytes(r->cache);
}

/* Queries still open end here without their callbacks. */
void
resolver_free(struct resolver *r)
{
	struct query	*q;
	struct waiter	*w;

	if (r == NULL)
		return;
	while ((w = TAILQ_FIRST(&r->ready)) != NULL) {
		TAILQ_REMOVE(&r->ready, w, entry);
		res_answer_unref(w->ans);
		free(w);
	}
	while ((q = TAILQ_FIRST(&r->active)) != NULL) {
		TAILQ_REMOVE(&r->active, q, entry);
		query_free(q);
	}
	while ((q = TAILQ_FIRST(&r->backlog)) != NULL) {
		TAILQ_REMOVE(&r->backlog, q, entry);
		query_free(q);
	}
	if (r->deliver != NULL)
		event_free(r->deliver);
	rescache_free(r->cache);
	free(r->qhash);
	free(r);
}
