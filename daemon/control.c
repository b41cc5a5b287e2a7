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
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>

#include "compat.h"
#include "control.h"
#include "ctlproto.h"
#include "log.h"
#include "monotime.h"
#include "policy.h"

#define CONTROL_BACKLOG		64
#define CONTROL_OUTQ_LOW	(16 * 1024)	/* refill below this */
#define CONTROL_OUTQ_HIGH	(64 * 1024)	/* queue about this much */

#ifdef MSG_NOSIGNAL
#define CONTROL_SENDFLAGS	(MSG_NOSIGNAL | MSG_DONTWAIT)
#else
#define CONTROL_SENDFLAGS	MSG_DONTWAIT
#endif

struct ctl_conn {
	struct ctl_conn		*next;
	struct ctl_conn		*prev;
	struct control		*ctl;
	struct bufferevent	*bev;
	struct event		*deadline;
	int			 have_request;
	int			 streaming;	/* whitelist under way */
	int			 done;		/* close once sent */
	int			 json;
	uint32_t		 now;		/* the wall clock's */
	int64_t			 wall_offset;	/* dclock_offset() */
	/* show whitelist's copy, sent as the client reads */
	struct nl_wl_item	*items;
	struct nl_ta_item	*titems;	/* show turned-away's */
	uint32_t		 nitems;
	uint32_t		 nextitem;
};

struct control {
	struct event_base		*base;
	int				 fd;
	struct event			*ev_accept;
	struct event			*ev_pause;
	struct nl_tracker		*tracker;
	struct control_hooks		 hooks;	/* NULLs when none */
	void				*arg;
	struct ctl_conn			*conns;
	int				 nconns;
};

static void	conn_free(struct ctl_conn *);

/* --- creating the socket, in the privileged parent --- */

/*
 * A socket file left by a daemon that died is removed; one that a
 * running daemon answers on, or anything that is not a socket, is not.
 */
static int
listen_clear_stale(const struct sockaddr_un *sun, char *err, size_t errlen)
{
	struct stat	st;
	int		fd, rc;

	if (lstat(sun->sun_path, &st) == -1) {
		if (errno == ENOENT)
			return 0;
		snprintf(err, errlen, "%s: %s", sun->sun_path, strerror(errno));
		return -1;
	}
	if (!S_ISSOCK(st.st_mode)) {
		snprintf(err, errlen, "%s: exists and is not a socket",
		    sun->sun_path);
		return -1;
	}
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1) {
		snprintf(err, errlen, "socket: %s", strerror(errno));
		return -1;
	}
	rc = connect(fd, (const struct sockaddr *)sun, sizeof(*sun));
	close(fd);
	if (rc == 0) {
		snprintf(err, errlen, "%s: in use by a running nolistd",
		    sun->sun_path);
		return -1;
	}
	if (unlink(sun->sun_path) == -1 && errno != ENOENT) {
		snprintf(err, errlen, "unlink %s: %s", sun->sun_path,
		    strerror(errno));
		return -1;
	}
	return 0;
}

int
control_listen(const char *path, char *err, size_t errlen)
{
	struct sockaddr_un	sun;
	mode_t			old;
	int			fd, flags;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlcpy(sun.sun_path, path, sizeof(sun.sun_path)) >=
	    sizeof(sun.sun_path)) {
		snprintf(err, errlen, "%s: path too long", path);
		return -1;
	}
	if (listen_clear_stale(&sun, err, errlen) == -1)
		return -1;
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1) {
		snprintf(err, errlen, "socket: %s", strerror(errno));
		return -1;
	}
	/* never a moment with a wider mode than 0660 */
	old = umask(S_IXUSR | S_IXGRP | S_IRWXO);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		snprintf(err, errlen, "bind %s: %s", path, strerror(errno));
		umask(old);
		close(fd);
		return -1;
	}
	umask(old);
	if (chmod(path, 0660) == -1 || listen(fd, CONTROL_BACKLOG) == -1 ||
	    (flags = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, flags | O_NONBLOCK) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		unlink(path);
		close(fd);
		return -1;
	}
	return fd;
}

/* --- responses --- */

static void
conn_finish(struct ctl_conn *c)
{
	c->done = 1;
	/* the write callback now runs only once everything is sent */
	bufferevent_setwatermark(c->bev, EV_WRITE, 0, 0);
}

static void
conn_fail(struct ctl_conn *c, const char *msg)
{
	struct timeval	tv = { CONTROL_WRITE_TIMEOUT, 0 };
	char		line[NL_CTL_MAXERR + 16];
	size_t		len;

	c->have_request = 1;
	evtimer_add(c->deadline, &tv);
	bufferevent_disable(c->bev, EV_READ);
	len = nl_ctl_fmt_error(line, sizeof(line), msg);
	bufferevent_write(c->bev, line, len);
	conn_finish(c);
}

static void
conn_snapshot_add(void *arg, const struct nl_wl_item *it)
{
	struct ctl_conn	*c = arg;

	/* the whitelist cannot grow during a walk, but never trust that */
	if (c->nextitem >= c->nitems)
		return;
	c->items[c->nextitem] = *it;
	c->items[c->nextitem++].expires = dclock_wall(it->expires,
	    c->wall_offset);
}

/* as much of the whitelist as the output queue's bound allows */
static void
conn_fill(struct ctl_conn *c)
{
	struct evbuffer	*out = bufferevent_get_output(c->bev);
	char		 buf[NL_TA_ITEMMAX];
	size_t		 len;

	while (c->nextitem < c->nitems &&
	    evbuffer_get_length(out) < CONTROL_OUTQ_HIGH) {
		if (c->titems != NULL)
			len = nl_ta_fmt_item(buf, sizeof(buf),
			    &c->titems[c->nextitem], c->now, c->json,
			    c->nextitem);
		else
			len = nl_ctl_fmt_wl_item(buf, sizeof(buf),
			    &c->items[c->nextitem], c->now, c->json,
			    c->nextitem);
		if (evbuffer_add(out, buf, len) == -1) {
			conn_free(c);
			return;
		}
		c->nextitem++;
	}
	if (c->nextitem < c->nitems)
		return;
	len = nl_ctl_fmt_wl_tail(buf, sizeof(buf), c->json, c->nitems);
	evbuffer_add(out, buf, len);
	free(c->items);
	c->items = NULL;
	free(c->titems);
	c->titems = NULL;
	c->streaming = 0;
	conn_finish(c);
}

/* the snapshot taken: the head now, the items as the socket drains */
static void
conn_stream(struct ctl_conn *c)
{
	char	buf[64];
	size_t	len;

	len = nl_ctl_fmt_ok(buf, sizeof(buf));
	len += nl_ctl_fmt_wl_head(buf + len, sizeof(buf) - len, c->json);
	bufferevent_write(c->bev, buf, len);
	bufferevent_setwatermark(c->bev, EV_WRITE, CONTROL_OUTQ_LOW, 0);
	c->streaming = 1;
	conn_fill(c);
}

static void
conn_show_whitelist(struct ctl_conn *c)
{
	struct control	*ctl = c->ctl;
	uint32_t	 n;

	n = nl_wl_count(nl_tracker_whitelist(ctl->tracker));
	if (n > 0 && (c->items = calloc(n, sizeof(*c->items))) == NULL) {
		conn_fail(c, "out of memory");
		return;
	}
	c->nitems = n;
	c->nextitem = 0;
	nl_wl_walk(nl_tracker_whitelist(ctl->tracker), conn_snapshot_add, c);
	c->nitems = c->nextitem;
	c->nextitem = 0;
	conn_stream(c);
}

/* a few hundred lines at most (POOLS_MAX): queued at once */
static void
conn_show_pools(struct ctl_conn *c)
{
	struct control			*ctl = c->ctl;
	const struct nl_livepool	*lp = NULL;
	struct evbuffer			*out = bufferevent_get_output(c->bev);
	struct nl_lp_info		 info;
	char				 buf[NL_CTL_ITEMMAX + NL_DNAME_MAX];
	uint32_t			 i, n = 0;
	size_t				 len;

	if (ctl->hooks.pools != NULL)
		lp = ctl->hooks.pools(ctl->arg);
	len = nl_ctl_fmt_ok(buf, sizeof(buf));
	len += nl_ctl_fmt_wl_head(buf + len, sizeof(buf) - len, c->json);
	evbuffer_add(out, buf, len);
	for (i = 0; lp != NULL && i < nl_lp_slots(lp); i++) {
		if (nl_lp_get(lp, i, &info) == -1)
			continue;
		info.expires = dclock_wall(info.expires, c->wall_offset);
		if (info.expires <= c->now)
			continue;
		len = nl_ctl_fmt_pool(buf, sizeof(buf), &info, c->now,
		    c->json, n++);
		evbuffer_add(out, buf, len);
	}
	len = nl_ctl_fmt_wl_tail(buf, sizeof(buf), c->json, n);
	evbuffer_add(out, buf, len);
	conn_finish(c);
}

static void
conn_show_turned(struct ctl_conn *c)
{
	struct control	*ctl = c->ctl;
	uint32_t	 i;

	if (ctl->hooks.turned == NULL) {
		conn_fail(c, "turned-away is not served here");
		return;
	}
	if ((c->titems = calloc(NL_TA_SIZE, sizeof(*c->titems))) == NULL) {
		conn_fail(c, "out of memory");
		return;
	}
	c->nitems = nl_ta_list(ctl->hooks.turned(ctl->arg), c->titems,
	    NL_TA_SIZE);
	for (i = 0; i < c->nitems; i++) {
		c->titems[i].first += c->wall_offset;
		c->titems[i].last += c->wall_offset;
	}
	c->nextitem = 0;
	conn_stream(c);
}

static void
conn_show_stats(struct ctl_conn *c)
{
	struct control	*ctl = c->ctl;
	struct nl_stats	 st;
	char		 buf[NL_CTL_STATSMAX];
	size_t		 len;

	memset(&st, 0, sizeof(st));
	if (ctl->hooks.stats != NULL)
		ctl->hooks.stats(ctl->arg, &st);
	else
		st = *nl_tracker_stats(ctl->tracker);
	len = nl_ctl_fmt_ok(buf, sizeof(buf));
	len += nl_ctl_fmt_stats(buf + len, sizeof(buf) - len, &st,
	    nl_wl_count(nl_tracker_whitelist(ctl->tracker)), c->json);
	bufferevent_write(c->bev, buf, len);
	conn_finish(c);
}

static void
conn_show_sync(struct ctl_conn *c)
{
	struct control	*ctl = c->ctl;
	char		 buf[CONTROL_SYNCMAX + 8];
	size_t		 len;

	if (ctl->hooks.show_sync == NULL) {
		conn_fail(c, "sync is not served here");
		return;
	}
	len = nl_ctl_fmt_ok(buf, sizeof(buf));
	len += ctl->hooks.show_sync(ctl->arg, buf + len, CONTROL_SYNCMAX,
	    c->json);
	bufferevent_write(c->bev, buf, len);
	conn_finish(c);
}

/* entries flushed, 0 for an add or a delete, -1 with why in *err */
static int
control_apply(struct control *ctl, const struct nl_ctl_req *req,
    const char **err)
{
	struct timeval	now;
	int		rc = 0, added;

	dclock_now(&now);
	if (req->cmd == NL_CTL_ADD && !nl_policy_prefix(&req->addr,
	    req->plen)) {
		*err = "prefix too short to whitelist (at least "
		    NL_POLICY_MINPLEN_TEXT ")";
		return -1;
	} else if (req->cmd == NL_CTL_ADD) {
		added = nl_tracker_add(ctl->tracker, &req->addr, req->plen,
		    NL_REASON_MANUAL, 0, &now);
		if (added == -1) {
			*err = "bad address or prefix length";
			rc = -1;
		} else if (added == NL_WL_FULL) {
			*err = "the manual entries are at their bound, a tenth "
			    "of max-entries: delete one first";
			rc = -1;
		}
	} else if (req->cmd == NL_CTL_DELETE) {
		if (nl_tracker_delete(ctl->tracker, &req->addr, req->plen,
		    NL_REASON_MANUAL, &now) == -1) {
			*err = "not in the whitelist";
			rc = -1;
		}
	} else
		rc = (int)nl_tracker_flush(ctl->tracker, NL_REASON_MANUAL,
		    &now);
	if (ctl->hooks.changed != NULL)
		ctl->hooks.changed(ctl->arg);
	return rc;
}

static void
conn_change(struct ctl_conn *c, const struct nl_ctl_req *req)
{
	const char	*err = NULL;
	char		 buf[NL_CTL_ITEMMAX];
	size_t		 len;
	int		 rc;

	if ((rc = control_apply(c->ctl, req, &err)) == -1) {
		conn_fail(c, err);
		return;
	}
	len = nl_ctl_fmt_ok(buf, sizeof(buf));
	len += nl_ctl_fmt_done(buf + len, sizeof(buf) - len, req,
	    (uint32_t)rc);
	bufferevent_write(c->bev, buf, len);
	conn_finish(c);
}

static void
conn_request(struct ctl_conn *c, const char *line, size_t len)
{
	struct nl_ctl_req	req;
	struct timeval		tv = { CONTROL_LIFETIME, 0 };
	char			err[NL_CTL_MAXERR];

	c->have_request = 1;
	bufferevent_disable(c->bev, EV_READ);
	evtimer_add(c->deadline, &tv);
	if (nl_ctl_parse(line, len, &req, err, sizeof(err)) == -1) {
		log_debug("control: %s", err);
		conn_fail(c, err);
		return;
	}
	c->json = req.json;
	/* what is shown is in the wall clock; left and age are the same */
	c->wall_offset = dclock_offset();
	c->now = dclock_wall(dclock_sec(), c->wall_offset);
	switch (req.cmd) {
	case NL_CTL_SHOW_WHITELIST:
		conn_show_whitelist(c);
		break;
	case NL_CTL_SHOW_STATS:
		conn_show_stats(c);
		break;
	case NL_CTL_SHOW_SYNC:
		conn_show_sync(c);
		break;
	case NL_CTL_SHOW_TURNED:
		conn_show_turned(c);
		break;
	case NL_CTL_SHOW_POOLS:
		conn_show_pools(c);
		break;
	default:
		conn_change(c, &req);
		break;
	}
}

/* --- the connection's events --- */

static void
conn_read(struct bufferevent *bev, void *arg)
{
	struct ctl_conn		*c = arg;
	struct evbuffer		*in = bufferevent_get_input(bev);
	struct evbuffer_ptr	 eol;
	char			 line[NL_CTL_MAXREQ];
	size_t			 eollen;

	if (c->have_request)
		return;
	eol = evbuffer_search_eol(in, NULL, &eollen, EVBUFFER_EOL_LF);
	if (eol.pos == -1) {
		if (evbuffer_get_length(in) >= NL_CTL_MAXREQ)
			conn_fail(c, "request too long");
		return;
	}
	if ((size_t)eol.pos >= NL_CTL_MAXREQ) {
		conn_fail(c, "request too long");
		return;
	}
	evbuffer_remove(in, line, (size_t)eol.pos + 1);
	conn_request(c, line, (size_t)eol.pos);
}

static void
conn_write(struct bufferevent *bev, void *arg)
{
	struct ctl_conn	*c = arg;

	/* it also runs before there is anything to send */
	if (c->streaming)
		conn_fill(c);
	else if (c->done &&
	    evbuffer_get_length(bufferevent_get_output(bev)) == 0)
		conn_free(c);
}

static void
conn_event(struct bufferevent *bev, short what, void *arg)
{
	struct ctl_conn	*c = arg;
	struct evbuffer	*in = bufferevent_get_input(bev);
	char		 line[NL_CTL_MAXREQ];
	size_t		 len;

	/* a client that shuts down its side may leave out the newline */
	if ((what & BEV_EVENT_EOF) && (what & BEV_EVENT_READING) &&
	    !c->have_request && (len = evbuffer_get_length(in)) > 0 &&
	    len < sizeof(line)) {
		evbuffer_remove(in, line, len);
		conn_request(c, line, len);
		return;
	}
	if (what & BEV_EVENT_TIMEOUT)
		log_debug("control: client stopped reading");
	conn_free(c);
}

static void
conn_deadline(evutil_socket_t fd, short what, void *arg)
{
	struct ctl_conn	*c = arg;

	(void)fd;
	(void)what;
	if (!c->have_request) {
		conn_fail(c, "timeout");
		return;
	}
	log_debug("control: connection closed after its time ran out");
	conn_free(c);
}

static void
conn_free(struct ctl_conn *c)
{
	struct control	*ctl = c->ctl;

	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		ctl->conns = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	ctl->nconns--;
	event_free(c->deadline);
	bufferevent_free(c->bev);
	free(c->items);
	free(c->titems);
	free(c);
}

/* --- accepting --- */

/* best effort: the socket is new, so a short line fits in its buffer */
static void
refuse(int fd, const char *msg)
{
	char	line[NL_CTL_MAXERR + 16];
	size_t	len;

	len = nl_ctl_fmt_error(line, sizeof(line), msg);
	(void)send(fd, line, len, CONTROL_SENDFLAGS);
	close(fd);
}

static int
conn_new(struct control *ctl, int fd)
{
	struct ctl_conn	*c;
	struct timeval	 wtv = { CONTROL_WRITE_TIMEOUT, 0 };
	struct timeval	 rtv = { CONTROL_REQ_TIMEOUT, 0 };

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return -1;
	c->ctl = ctl;
	if ((c->bev = bufferevent_socket_new(ctl->base, fd,
	    BEV_OPT_CLOSE_ON_FREE)) == NULL) {
		free(c);
		return -1;
	}
	if ((c->deadline = evtimer_new(ctl->base, conn_deadline, c)) == NULL) {
		bufferevent_setfd(c->bev, -1);
		bufferevent_free(c->bev);
		free(c);
		return -1;
	}
	bufferevent_setcb(c->bev, conn_read, conn_write, conn_event, c);
	/* reading stops at a full request: a longer one is an error */
	bufferevent_setwatermark(c->bev, EV_READ, 0, NL_CTL_MAXREQ);
	bufferevent_set_timeouts(c->bev, NULL, &wtv);
	bufferevent_enable(c->bev, EV_READ | EV_WRITE);
	evtimer_add(c->deadline, &rtv);
	c->next = ctl->conns;
	if (ctl->conns != NULL)
		ctl->conns->prev = c;
	ctl->conns = c;
	ctl->nconns++;
	return 0;
}

static void
control_resume(evutil_socket_t fd, short what, void *arg)
{
	struct control	*ctl = arg;

	(void)fd;
	(void)what;
	event_add(ctl->ev_accept, NULL);
}

static void
control_accept(evutil_socket_t lfd, short what, void *arg)
{
	struct control	*ctl = arg;
	struct timeval	 pause = { 1, 0 };
	int		 fd, flags;

	(void)what;
	if ((fd = accept(lfd, NULL, NULL)) == -1) {
		if (errno == EMFILE || errno == ENFILE) {
			/* retrying at once would spin until one is closed */
			log_warn("control: accept");
			event_del(ctl->ev_accept);
			evtimer_add(ctl->ev_pause, &pause);
		} else if (errno != EINTR && errno != EAGAIN &&
		    errno != EWOULDBLOCK && errno != ECONNABORTED)
			log_warn("control: accept");
		return;
	}
	if ((flags = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, flags | O_NONBLOCK) == -1 ||
	    fcntl(fd, F_SETFD, FD_CLOEXEC) == -1) {
		log_warn("control: fcntl");
		close(fd);
		return;
	}
#ifdef SO_NOSIGPIPE
	flags = 1;
	(void)setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &flags, sizeof(flags));
#endif
	if (ctl->nconns >= CONTROL_MAXCONN) {
		log_debug("control: too many connections");
		refuse(fd, "too many connections");
		return;
	}
	if (conn_new(ctl, fd) == -1) {
		log_warn("control: connection");
		refuse(fd, "out of memory");
	}
}

struct control *
control_new(struct event_base *base, int fd, struct nl_tracker *tracker,
    const struct control_hooks *hooks, void *arg)
{
	struct control	*ctl;

	if ((ctl = calloc(1, sizeof(*ctl))) == NULL)
		return NULL;
	ctl->base = base;
	ctl->fd = fd;
	ctl->tracker = tracker;
	if (hooks != NULL)
		ctl->hooks = *hooks;
	ctl->arg = arg;
	ctl->ev_accept = event_new(base, fd, EV_READ | EV_PERSIST,
	    control_accept, ctl);
	ctl->ev_pause = evtimer_new(base, control_resume, ctl);
	if (ctl->ev_accept == NULL || ctl->ev_pause == NULL ||
	    event_add(ctl->ev_accept, NULL) == -1) {
		control_free(ctl);
		return NULL;
	}
	return ctl;
}

/* closes the connections; the listening socket stays the caller's */
void
control_free(struct control *ctl)
{
	if (ctl == NULL)
		return;
	while (ctl->conns != NULL)
		conn_free(ctl->conns);
	if (ctl->ev_accept != NULL)
		event_free(ctl->ev_accept);
	if (ctl->ev_pause != NULL)
		event_free(ctl->ev_pause);
	free(ctl);
}
