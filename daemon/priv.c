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
 * The privileged parent. What it trusts from the engine is only what a
 * message can say: each batch is length-checked, each change checked
 * field by field; anything else makes it log, stop the engine, save the
 * state and exit. It never parses packets, DNS or control requests.
 *
 * On OpenBSD it stays unpledged, as pfctl-glue/pf.c explains (the table
 * ioctls it needs are not allowed by pledge("pf")), and unveil()s only
 * /dev/pf, the configuration file, the state file's directory and the
 * two files it removes at exit. On Linux it keeps only CAP_NET_ADMIN
 * (the netlink socket checks it on every send). It stays uid 0 so that
 * it can write the root-owned state directory, pidfile and socket
 * directory without CAP_DAC_OVERRIDE; it cannot signal the engine (that
 * would need CAP_KILL), so it stops the engine by message, or by closing
 * the socketpair.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "compat.h"
#include "enginefeed.h"
#include "log.h"
#include "monotime.h"
#include "osdep.h"
#include "priv.h"
#include "privint.h"
#include "privstatic.h"
#include "state.h"
#include "statsfile.h"

#define HEAL_SECONDS	2	/* how soon a lost table is noticed */
#define GIVEUP_SECONDS	5	/* for the engine to flush and exit */

int
priv_open(struct priv *pv, const struct nl_config *conf,
    const struct nolistd_opts *opts, char *errbuf, size_t len)
{
	memset(pv, 0, sizeof(*pv));
	pv->conf = *conf;
	pv->opts = opts;
	if ((pv->mirror = nl_wl_new(conf->max_entries)) == NULL) {
		snprintf(errbuf, len, "cannot allocate the whitelist for %u "
		    "entries", conf->max_entries);
		return -1;
	}
	if (nl_backend_open(&pv->backend, opts->backend, opts->backend_log,
	    conf, errbuf, len) == -1) {
		nl_wl_free(pv->mirror);
		pv->mirror = NULL;
		return -1;
	}
	/* the static table is opened while there are privileges to */
	if (conf->nspf_walk > 0 && (pv->statics = privstatic_open(conf,
	    opts->backend, opts->backend_log, errbuf, len)) == NULL) {
		nl_backend_close(&pv->backend);
		nl_wl_free(pv->mirror);
		pv->mirror = NULL;
		return -1;
	}
	return 0;
}

int
priv_pidfile(const char *path)
{
	char	buf[32];
	int	fd, n;

	/* root writes it: a link there would aim that at any file */
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC |
	    O_NOFOLLOW, 0644)) == -1)
		return -1;
	n = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());
	if (write(fd, buf, n) != n) {
		close(fd);
		return -1;
	}
	return close(fd);
}

static void
priv_unveil(const struct priv *pv)
{
	char	copy[PATH_MAX];

	if (strlcpy(copy, pv->conf.state_file, sizeof(copy)) >= sizeof(copy))
		fatalx("state-file: path too long");
	if (unveil("/dev/pf", "rw") == -1 ||
	    unveil(pv->opts->conffile, "r") == -1 ||
	    unveil(dirname(copy), "rwc") == -1 ||
	    unveil(pv->conf.pidfile, "c") == -1 ||
	    unveil(pv->conf.control_socket, "c") == -1)
		fatal("unveil");
	if (strlcpy(copy, pv->conf.stats_file, sizeof(copy)) >= sizeof(copy))
		fatalx("stats-file: path too long");
	if (copy[0] != '\0' && unveil(dirname(copy), "rwc") == -1)
		fatal("unveil");
	if (unveil(NULL, NULL) == -1)
		fatal("unveil");
}

/* after the pidfile, the capture and the control socket: what is left */
void
priv_drop(struct priv *pv)
{
	setproctitle("parent");
	log_procname("parent");
	priv_unveil(pv);
	osdep_parent_confine();
}

/* final: the last save, whose failure is always said */
static int
priv_save(struct priv *pv, int final)
{
	char	errbuf[PATH_MAX + 256];

	if (state_write(pv->conf.state_file, pv->mirror, dclock_offset(),
	    errbuf, sizeof(errbuf)) == -1) {
		/* said once, not every interval, until it works again */
		if (!pv->state_failing || final)
			log_warnx("state not saved: %s", errbuf);
		pv->state_failing = 1;
		return -1;
	}
	if (pv->state_failing)
		log_info("state saved to %s again", pv->conf.state_file);
	pv->state_failing = 0;
	return 0;
}

void
priv_send(struct priv *pv, uint32_t type, const void *data, size_t len)
{
	int	rc;

	if (msg_compose(&pv->mb, type, data, len) == -1) {
		log_warn("message to the engine");
		return;
	}
	if ((rc = msg_flush(&pv->mb)) == 1)
		event_add(pv->ev_write, NULL);
	else if (rc == -1)
		log_warn("message to the engine");
}

void
priv_stop(struct priv *pv, int failed)
{
	struct timeval	tv = { GIVEUP_SECONDS, 0 };

	pv->failed |= failed;
	if (pv->stopping)
		return;
	pv->stopping = 1;
	priv_send(pv, MSG_SHUTDOWN, NULL, 0);
	evtimer_add(pv->ev_giveup, &tv);
}

static void
priv_statsfile(struct priv *pv, const struct msg *m)
{
	struct msg_stats	ms;
	char			errbuf[PATH_MAX + 256];

	if (m->len != sizeof(ms)) {
		log_warnx("engine sent stats of %u bytes; stopping", m->len);
		priv_stop(pv, 1);
		return;
	}
	if (pv->conf.stats_file[0] == '\0')
		return;
	memcpy(&ms, m->data, sizeof(ms));
	if (statsfile_write(pv->conf.stats_file, &ms.st, ms.table_size,
	    errbuf, sizeof(errbuf)) == -1)
		log_warnx("stats-file: %s", errbuf);
}

static void
priv_dispatch(int fd, short events, void *arg)
{
	struct priv	*pv = arg;
	struct msg	 m;
	int		 rc;

	(void)fd;
	(void)events;
	for (;;) {
		if ((rc = msg_read(&pv->mb)) == 0) {
			priv_apply(pv);
			if (!pv->stopping)
				log_warnx("engine exited");
			pv->failed |= !pv->stopping;
			event_base_loopbreak(pv->base);
			return;
		}
		if (rc == -1) {
			if (errno == EAGAIN || errno == EWOULDBLOCK) {
				priv_apply_paced(pv);
				return;
			}
			log_warn("reading from the engine");
			priv_apply(pv);
			pv->failed = 1;
			event_base_loopbreak(pv->base);
			return;
		}
		while ((rc = msg_get(&pv->mb, &m)) == 1) {
			if (pv->failed)
				continue;
			if (m.type == MSG_CHANGES)
				priv_changes(pv, &m);
			else if (m.type == MSG_STATSFILE)
				priv_statsfile(pv, &m);
			else if (m.type == MSG_STATIC) {
				if (pv->statics != NULL &&
				    privstatic_set(pv->statics, &m) == -1) {
					log_warnx("engine sent a bad static "
					    "range; stopping");
					priv_stop(pv, 1);
				}
			}
			else {
				log_warnx("engine sent message type %u; "
				    "stopping", m.type);
				priv_stop(pv, 1);
			}
		}
		if (rc == -1) {
			log_warnx("engine sent a bad message header; stopping");
			priv_apply(pv);
			pv->failed = 1;
			event_base_loopbreak(pv->base);
			return;
		}
	}
}

static void
priv_writable(int fd, short events, void *arg)
{
	struct priv	*pv = arg;

	(void)fd;
	(void)events;
	if (msg_flush(&pv->mb) != 1)
		event_del(pv->ev_write);
}

static void
priv_state_timer(int fd, short events, void *arg)
{
	struct priv	*pv = arg;
	struct timeval	 tv = { pv->conf.state_interval, 0 };

	(void)fd;
	(void)events;
	(void)priv_save(pv, 0);
	evtimer_add(pv->ev_state, &tv);
}

static void
priv_giveup(int fd, short events, void *arg)
{
	struct priv	*pv = arg;

	(void)fd;
	(void)events;
	log_warnx("engine did not exit within %d seconds", GIVEUP_SECONDS);
	pv->gaveup = 1;
	event_base_loopbreak(pv->base);
}

static void
priv_conf_error(void *arg, const char *msg)
{
	(void)arg;
	log_warnx("%s", msg);
}

/* what a running daemon cannot change: the descriptors and the paths */
static void
priv_keep_fixed(const struct nl_config *old, struct nl_config *nc)
{
	static const struct {
		const char	*kw;
		size_t		 off;
		size_t		 size;
	} fixed[] = {
#define F(kw, m) { kw, offsetof(struct nl_config, m), \
	sizeof(((struct nl_config *)0)->m) }
		F("interface", interface),
		F("table", table),
		F("user", user),
		F("chroot", chroot),
		F("state-file", state_file),
		F("control-socket", control_socket),
		F("pidfile", pidfile),
		F("stats-file", stats_file),
#undef F
	};
	size_t	i;

	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		if (strcmp((const char *)old + fixed[i].off,
		    (const char *)nc + fixed[i].off) != 0)
			log_warnx("%s changed: it takes effect on restart",
			    fixed[i].kw);
		memcpy((char *)nc + fixed[i].off, (const char *)old +
		    fixed[i].off, fixed[i].size);
	}
	if (nc->backend != old->backend && nc->backend_given)
		log_warnx("backend changed: it takes effect on restart");
	nc->backend = old->backend;
	nc->backend_given = old->backend_given;
}

/* a table that cannot hold the new max-entries keeps the old one */
static void
priv_keep_capacity(struct priv *pv, struct nl_config *nc)
{
	uint32_t	cap;

	if (nc->max_entries <= pv->conf.max_entries ||
	    pv->backend.ops->capacity == NULL)
		return;
	cap = pv->backend.ops->capacity(pv->backend.ctx);
	if (cap == 0 || nc->max_entries <= cap)
		return;
	log_warnx("max-entries %u: the %s table holds at most %u; keeping "
	    "%u", nc->max_entries, pv->backend.ops->name, cap,
	    pv->conf.max_entries);
	nc->max_entries = pv->conf.max_entries;
}

/* the mirror only grows: the engine's evictions keep it in step */
static void
priv_mirror_resize(struct priv *pv, uint32_t max)
{
	struct nl_wl		*wl;
	struct nl_wl_item	 it;

	if (max <= nl_wl_max(pv->mirror))
		return;
	if ((wl = nl_wl_new(max)) == NULL) {
		log_warnx("cannot grow the whitelist to %u entries", max);
		return;
	}
	nl_wl_touch(wl);
	while (nl_wl_pop(pv->mirror, &it) == 0)
		nl_wl_put(wl, &it, NULL);
	nl_wl_free(pv->mirror);
	pv->mirror = wl;
}

static void
priv_reload(struct priv *pv)
{
	static struct nl_config	nc;
	struct timeval		tv;

	log_info("reloading %s", pv->opts->conffile);
	if (nl_config_parse_file(pv->opts->conffile, &nc, priv_conf_error,
	    NULL) != 0) {
		log_warnx("%s: not reloaded; the old configuration stays in "
		    "force", pv->opts->conffile);
		return;
	}
	priv_keep_fixed(&pv->conf, &nc);
	priv_keep_capacity(pv, &nc);
	/* the static table is opened at start only */
	if (pv->statics == NULL && nc.nspf_walk > 0) {
		log_warnx("spf-walk added: it takes effect on restart");
		nc.nspf_walk = 0;
	}
	/* none left: the engine walks nothing, the table is emptied here */
	if (pv->statics != NULL && nc.nspf_walk == 0)
		privstatic_clear(pv->statics);
	priv_mirror_resize(pv, nc.max_entries);
	if (nc.state_interval != pv->conf.state_interval) {
		tv.tv_sec = nc.state_interval;
		tv.tv_usec = 0;
		evtimer_add(pv->ev_state, &tv);
	}
	pv->conf = nc;
	priv_send(pv, MSG_CONFIG, &nc, sizeof(nc));
}

static void
priv_signal(int sig, short events, void *arg)
{
	struct priv	*pv = arg;

	(void)events;
	switch (sig) {
	case SIGHUP:
		priv_reload(pv);
		break;
	case SIGTERM:
	case SIGINT:
		log_info("exiting on signal %d", sig);
		priv_stop(pv, 0);
		break;
	case SIGUSR1:
		priv_send(pv, MSG_STATS, NULL, 0);
		break;
	}
}

static void
priv_events(struct priv *pv, int fd)
{
	static const int	sigs[4] = { SIGHUP, SIGTERM, SIGINT, SIGUSR1 };
	struct timeval		heal = { HEAL_SECONDS, 0 };
	struct timeval		save = { pv->conf.state_interval, 0 };
	int			i;

	if ((pv->base = event_base_new()) == NULL)
		fatalx("event_base_new failed");
	pv->ev_read = event_new(pv->base, fd, EV_READ | EV_PERSIST,
	    priv_dispatch, pv);
	pv->ev_write = event_new(pv->base, fd, EV_WRITE | EV_PERSIST,
	    priv_writable, pv);
	pv->ev_heal = event_new(pv->base, -1, EV_PERSIST, priv_heal, pv);
	pv->ev_state = evtimer_new(pv->base, priv_state_timer, pv);
	pv->ev_giveup = evtimer_new(pv->base, priv_giveup, pv);
	pv->ev_apply = evtimer_new(pv->base, priv_apply_timer, pv);
	if (pv->ev_read == NULL || pv->ev_write == NULL ||
	    pv->ev_heal == NULL || pv->ev_state == NULL ||
	    pv->ev_giveup == NULL || pv->ev_apply == NULL)
		fatalx("cannot set up the event loop");
	for (i = 0; i < 4; i++) {
		if ((pv->ev_sig[i] = evsignal_new(pv->base, sigs[i],
		    priv_signal, pv)) == NULL)
			fatalx("cannot set up the event loop");
		event_add(pv->ev_sig[i], NULL);
	}
	event_add(pv->ev_read, NULL);
	event_add(pv->ev_heal, &heal);
	evtimer_add(pv->ev_state, &save);
}

static void
priv_free(struct priv *pv)
{
	int	i;

	event_free(pv->ev_read);
	event_free(pv->ev_write);
	event_free(pv->ev_heal);
	event_free(pv->ev_state);
	event_free(pv->ev_giveup);
	event_free(pv->ev_apply);
	for (i = 0; i < 4; i++)
		event_free(pv->ev_sig[i]);
	event_base_free(pv->base);
	msgbuf_clear(&pv->mb);
	nl_backend_close(&pv->backend);
	privstatic_close(pv->statics);
	nl_wl_free(pv->mirror);
}

/* how the engine ended, when that was not by its own choice */
static void
priv_reap(pid_t engine, int gaveup)
{
	pid_t	pid;
	int	status;

	if ((pid = waitpid(engine, &status, gaveup ? WNOHANG : 0)) == -1)
		log_warn("waitpid");
	if (pid <= 0 || !WIFSIGNALED(status))
		return;
	if (WTERMSIG(status) == SIGSYS)
		log_warnx("engine killed by SIGSYS: a system call outside "
		    "its sandbox (seccomp filter or pledge)");
	else
		log_warnx("engine killed by signal %d (%s)", WTERMSIG(status),
		    strsignal(WTERMSIG(status)));
}

/*
 * Runs until the engine is gone: after SIGTERM it flushes its last
 * changes and exits, and they are in the table and the mirror before
 * the state is saved. Returns the exit status.
 */
int
priv_run(struct priv *pv, int fd, pid_t engine,
    const struct engine_msg_setup *es)
{
	int	status;

	pv->engine = engine;
	if (fcntl(fd, F_SETFL, O_NONBLOCK) == -1)
		fatal("fcntl");
	if (msgbuf_init(&pv->mb, fd) == -1)
		fatal("msgbuf_init");
	/* signals wait in the loop while a large table goes out */
	priv_events(pv, fd);
	/* a failure shows as the engine's end, in the event loop */
	if (enginefeed_send(&pv->mb, es, &pv->conf, pv->mirror) == -1)
		log_warn("engine setup");
	/* its pages now, not on the first changes */
	nl_wl_touch(pv->mirror);
	event_base_dispatch(pv->base);
	/* past the give-up time the engine learns it from the closed socket */
	close(fd);
	priv_reap(engine, pv->gaveup);
	/* what the engine whitelisted since the last save would be lost */
	if (priv_save(pv, 1) == -1)
		pv->failed = 1;
	if (unlink(pv->conf.control_socket) == -1 && errno != ENOENT)
		log_warn("%s", pv->conf.control_socket);
	if (!pv->opts->foreground && unlink(pv->conf.pidfile) == -1)
		log_warn("%s", pv->conf.pidfile);
	if (pv->failed)
		log_warnx("exiting with an error");
	else
		log_info("exiting");
	status = pv->failed;
	priv_free(pv);
	return status;
}
