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
 * The engine: everything that reads what others choose (log records,
 * DNS answers, control requests). The parent execs it (engine.h) with
 * the control socket open; it opens the capture as root, drops to the
 * configured user before it reads anything, and from then on its only
 * way to the table is a MSG_CHANGES to the parent.
 *
 * OpenBSD: pledge("stdio inet unix bpf"): the capture is read(2) on the
 * bpf descriptor and its drop counter is BIOCGSTATS ("bpf"); DNS uses
 * the resolver's own UDP and TCP sockets ("inet"); the control socket
 * accepts connections ("unix"). Every descriptor it needs is open before
 * it pledges, so no "recvfd". FreeBSD: no cap_enter: the resolver creates
 * sockets and sendto()s addresses as it goes, which capability mode
 * forbids.
 */
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pcap.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include "capture.h"
#include "compat.h"
#include "control.h"
#include "dnsglue.h"
#include "engine.h"
#include "log.h"
#include "monotime.h"
#include "msg.h"
#include "osdep.h"
#include "pipeline.h"
#include "sync.h"

/* how long a change may wait for others to share its batch */
#define ENGINE_BATCH_USEC	200

_Static_assert(PIPELINE_BATCH * sizeof(struct nl_change) <= MSG_MAXPAYLOAD,
    "a pipeline batch fits in one message");
_Static_assert(sizeof(struct nl_config) <= MSG_MAXPAYLOAD,
    "a configuration fits in one message");

#define TICK_SECONDS		1	/* expiry resolution */
#define DROPS_SECONDS		2	/* how often capture drops are read */

struct engine {
	struct pipeline		 pl;
	struct nl_config	 conf;
	struct res_conf		 sys;
	struct dnsglue		*dns;
	struct control		*ctl;
	struct sync		*sync;		/* NULL: not shared */
	pcap_t			*pcap;
	struct msgbuf		 mb;
	struct event_base	*base;
	struct event		*ev_pcap;
	struct event		*ev_tick;
	struct event		*ev_read;
	struct event		*ev_write;
	struct event		*ev_sigterm;
	unsigned int		 ticks;
	unsigned long long	 drops_logged;
	char			 backend_name[16];
};

/* live.c checked the directory; "chroot none" is the only way out */
static void
engine_chroot(const struct nl_config *conf, const struct engine_msg_setup *es)
{
	const char	*dir = conf->chroot[0] ? conf->chroot : es->home;

	if (strcmp(dir, NL_CHROOT_NONE) == 0) {
		log_info("running without chroot (chroot none)");
		return;
	}
	if (chroot(dir) == -1 || chdir("/") == -1)
		fatal("chroot %s", dir);
}

/* chroot, then the user, then no way back: no capability is left */
static void
engine_drop(const struct nl_config *conf, const struct engine_msg_setup *es)
{
	engine_chroot(conf, es);
	osdep_engine_prepare();
	if (setgroups(1, &es->gid) == -1 ||
	    setresgid(es->gid, es->gid, es->gid) == -1 ||
	    setresuid(es->uid, es->uid, es->uid) == -1)
		fatal("cannot drop privileges");
	osdep_engine_confine();
	if (pledge("stdio inet unix bpf", NULL) == -1)
		fatal("pledge");
}

static int
engine_sink(void *arg, const struct nl_change *c, size_t n)
{
	struct engine	*eng = arg;
	int		 rc;

	if (msg_compose(&eng->mb, MSG_CHANGES, c, n * sizeof(*c)) == -1) {
		log_warn("%zu table changes not sent", n);
		return -1;
	}
	if ((rc = msg_flush(&eng->mb)) == 1)
		event_add(eng->ev_write, NULL);
	else if (rc == -1) {
		log_warn("sending to the parent");
		return -1;
	}
	return 0;
}

/*
 * A record is timed by the daemon clock, not by the kernel's stamp: that
 * is the wall clock's, and a step of it would expire or keep entries.
 */
static void
engine_frame(u_char *arg, const struct pcap_pkthdr *h, const u_char *data)
{
	struct engine	*eng = (struct engine *)arg;
	struct timeval	 ts;

	dclock_now(&ts);
	pipeline_frame(&eng->pl, &ts, data, h->caplen);
}

/*
 * Every record that is ready is read, but under a steady stream the
 * socket is never empty: changes go out once the oldest has waited
 * ENGINE_BATCH_USEC, so batching bounds the latency it adds.
 */
static void
engine_capture(int fd, short events, void *arg)
{
	struct engine	*eng = arg;
	uint64_t	 first = 0, now;
	int		 n;

	(void)fd;
	(void)events;
	if (eng->pl.print_records)
		eng->pl.print_offset = dclock_offset();
	while ((n = pcap_dispatch(eng->pcap, -1, engine_frame,
	    (u_char *)eng)) > 0) {
		if (eng->pl.nbatch == 0)
			continue;
		now = monotime_usec();
		if (first == 0)
			first = now;
		else if (now - first >= ENGINE_BATCH_USEC) {
			pipeline_commit(&eng->pl);
			first = 0;
		}
	}
	/* libpcap's NFLOG reader returns EAGAIN as an error */
	if (n == PCAP_ERROR && errno != EAGAIN && errno != EWOULDBLOCK)
		log_warnx("capture: %s", pcap_geterr(eng->pcap));
	pipeline_commit(&eng->pl);
	if (eng->pl.print_records)
		fflush(eng->pl.out);
}

static void
engine_check_drops(struct engine *eng)
{
	unsigned long long	 drops;
	struct nl_stats		*st = nl_tracker_stats(eng->pl.tracker);

	if (capture_drops(eng->pcap, &drops) == -1)
		return;
	/* libpcap counts overflows; NFLOG's numbers count the records */
	if (eng->pl.seq_lost > drops)
		drops = eng->pl.seq_lost;
	st->capture_drops = drops;
	if (drops > eng->drops_logged) {
		log_warnx("capture: %llu records dropped by the kernel",
		    drops - eng->drops_logged);
		eng->drops_logged = drops;
	}
}

static void	engine_fill_stats(struct engine *, struct nl_stats *);

static void
engine_send_stats(struct engine *eng)
{
	struct msg_stats	ms;
	int			rc;

	memset(&ms, 0, sizeof(ms));
	engine_fill_stats(eng, &ms.st);
	ms.table_size = nl_wl_count(nl_tracker_whitelist(eng->pl.tracker));
	if (msg_compose(&eng->mb, MSG_STATSFILE, &ms, sizeof(ms)) == -1)
		return;
	if ((rc = msg_flush(&eng->mb)) == 1)
		event_add(eng->ev_write, NULL);
}

static void
engine_tick(int fd, short events, void *arg)
{
	struct engine	*eng = arg;
	struct timeval	 now;

	(void)fd;
	(void)events;
	dclock_now(&now);
	pipeline_expire(&eng->pl, &now);
	pipeline_commit(&eng->pl);
	if (++eng->ticks % DROPS_SECONDS == 0)
		engine_check_drops(eng);
	if (eng->conf.stats_file[0] != '\0' && eng->conf.state_interval > 0 &&
	    eng->ticks % eng->conf.state_interval == 0)
		engine_send_stats(eng);
}

static void
engine_fill_stats(struct engine *eng, struct nl_stats *st)
{
	engine_check_drops(eng);
	dnsglue_stats(eng->dns, nl_tracker_stats(eng->pl.tracker));
	sync_stats(eng->sync, nl_tracker_stats(eng->pl.tracker));
	*st = *nl_tracker_stats(eng->pl.tracker);
}

static void
engine_log_stats(struct engine *eng)
{
	struct nl_stats	st;
	char		text[512];

	engine_fill_stats(eng, &st);
	pipeline_stats_text(&st, text, sizeof(text));
	log_info("stats: %s, %llu capture drops, %llu DNS queries, "
	    "%llu DNS failures, %u in the table", text,
	    (unsigned long long)st.capture_drops,
	    (unsigned long long)st.dns_queries,
	    (unsigned long long)st.dns_failures,
	    nl_wl_count(nl_tracker_whitelist(eng->pl.tracker)));
}

/* spf-walk's ranges, all of them, for the parent's static table */
static void
engine_send_static(void *arg, const struct nl_change *c, size_t n)
{
	struct engine	*eng = arg;
	int		 rc;

	if (msg_compose(&eng->mb, MSG_STATIC, c, n * sizeof(*c)) == -1)
		return;
	if ((rc = msg_flush(&eng->mb)) == 1)
		event_add(eng->ev_write, NULL);
}

static void
engine_dns_start(struct engine *eng)
{
	char	errbuf[512];

	errbuf[0] = '\0';
	if ((eng->dns = dnsglue_new(eng->base, &eng->pl, &eng->conf,
	    &eng->sys, errbuf, sizeof(errbuf))) == NULL && errbuf[0] != '\0')
		log_warnx("%s; whitelisting senders by address only", errbuf);
	if (dnsglue_static(eng->dns, eng->base, &eng->conf,
	    engine_send_static, eng) == -1)
		log_warnx("spf-walk cannot start");
}

/* the sync client's server and credentials came with the setup */
static void
engine_keep_sync(const struct nl_config *old, struct nl_config *nc)
{
	if (memcmp(&old->sync, &nc->sync, sizeof(nc->sync)) != 0)
		log_warnx("sync changed: it takes effect on restart");
	nc->sync = old->sync;
}

/*
 * A reload: the tracker takes the new settings at once, and DNS
 * expansion restarts with them (its queries in flight are dropped:
 * their senders are whitelisted already).
 */
static void
engine_config(struct engine *eng, const struct msg *m)
{
	struct timeval	now;

	if (m->len != sizeof(eng->conf))
		fatalx("parent sent a configuration of %u bytes", m->len);
	/* evictions of a shrinking whitelist are timed by the daemon clock */
	dclock_now(&now);
	pipeline_expire(&eng->pl, &now);
	pipeline_commit(&eng->pl);
	dnsglue_stats(eng->dns, nl_tracker_stats(eng->pl.tracker));
	engine_keep_sync(&eng->conf, (struct nl_config *)m->data);
	memcpy(&eng->conf, m->data, sizeof(eng->conf));
	if (nl_tracker_set_config(eng->pl.tracker, &eng->conf) == -1)
		log_warnx("cannot resize the whitelist to %u entries",
		    eng->conf.max_entries);
	nl_tracker_touch(eng->pl.tracker);
	turned_set_config(eng->pl.turned, &eng->conf);
	pipeline_commit(&eng->pl);
	dnsglue_free(eng->dns);
	engine_dns_start(eng);
	log_info("configuration reloaded: expand %s, whitelist-time %us",
	    nl_expand_name(eng->conf.expand), eng->conf.whitelist_time);
}

static void
engine_message(struct engine *eng, const struct msg *m)
{
	struct timeval	now;

	switch (m->type) {
	case MSG_CONFIG:
		engine_config(eng, m);
		break;
	case MSG_STATS:
		engine_log_stats(eng);
		break;
	case MSG_SHUTDOWN:
		event_base_loopbreak(eng->base);
		break;
	case MSG_DROPPED:
		if (m->len % sizeof(struct nl_change) != 0)
			fatalx("parent sent %u bytes of dropped entries",
			    m->len);
		dclock_now(&now);
		pipeline_forget(&eng->pl, m->data,
		    m->len / sizeof(struct nl_change), &now);
		break;
	default:
		fatalx("parent sent message type %u", m->type);
	}
}

static void
engine_dispatch(int fd, short events, void *arg)
{
	struct engine	*eng = arg;
	struct msg	 m;
	int		 rc;

	(void)fd;
	(void)events;
	for (;;) {
		while ((rc = msg_get(&eng->mb, &m)) == 1)
			engine_message(eng, &m);
		if (rc == -1)
			fatalx("bad message from the parent");
		if ((rc = msg_read(&eng->mb)) == 0) {
			/* the parent is gone: nothing can reach the table */
			event_base_loopbreak(eng->base);
			return;
		}
		if (rc == -1) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return;
			fatal("reading from the parent");
		}
	}
}

static void
engine_writable(int fd, short events, void *arg)
{
	struct engine	*eng = arg;
	int		 rc;

	(void)fd;
	(void)events;
	if ((rc = msg_flush(&eng->mb)) != 1)
		event_del(eng->ev_write);
	if (rc == -1)
		log_warn("sending to the parent");
}

static void
engine_sigterm(int sig, short events, void *arg)
{
	struct engine	*eng = arg;

	(void)sig;
	(void)events;
	event_base_loopbreak(eng->base);
}

/* --- control socket: the engine's figures; changes go to the parent */

static void
ctl_stats(void *arg, struct nl_stats *st)
{
	engine_fill_stats(arg, st);
}

static void
ctl_changed(void *arg)
{
	struct engine	*eng = arg;

	pipeline_commit(&eng->pl);
}

static size_t
ctl_show_sync(void *arg, char *buf, size_t len, int json)
{
	struct engine	*eng = arg;

	return sync_show(eng->sync, buf, len, json);
}

static const struct nl_ta *
ctl_turned(void *arg)
{
	struct engine	*eng = arg;

	return eng->pl.turned->ta;
}

static const struct nl_livepool *
ctl_pools(void *arg)
{
	struct engine	*eng = arg;

	return dnsglue_pools(eng->dns);
}

static const struct control_hooks engine_ctl_hooks = {
	ctl_stats, ctl_changed, ctl_show_sync, ctl_turned, ctl_pools
};

static void
engine_observe(void *arg, const struct nl_change *c)
{
	struct engine	*eng = arg;

	sync_change(eng->sync, c);
}

/* --- setup --- */

static void
engine_events(struct engine *eng, int fd)
{
	struct timeval	tick = { TICK_SECONDS, 0 };

	if ((eng->base = event_base_new()) == NULL)
		fatalx("event_base_new failed");
	eng->ev_pcap = event_new(eng->base, pcap_get_selectable_fd(eng->pcap),
	    EV_READ | EV_PERSIST, engine_capture, eng);
	eng->ev_tick = event_new(eng->base, -1, EV_PERSIST, engine_tick, eng);
	eng->ev_read = event_new(eng->base, fd, EV_READ | EV_PERSIST,
	    engine_dispatch, eng);
	eng->ev_write = event_new(eng->base, fd, EV_WRITE | EV_PERSIST,
	    engine_writable, eng);
	eng->ev_sigterm = evsignal_new(eng->base, SIGTERM, engine_sigterm, eng);
	if (eng->ev_pcap == NULL || eng->ev_tick == NULL ||
	    eng->ev_read == NULL || eng->ev_write == NULL ||
	    eng->ev_sigterm == NULL)
		fatalx("cannot set up the event loop");
	event_add(eng->ev_pcap, NULL);
	event_add(eng->ev_tick, &tick);
	event_add(eng->ev_read, NULL);
	event_add(eng->ev_sigterm, NULL);
}

/* blocks: at start nothing else can happen before the parent's setup */
static void
engine_expect(struct engine *eng, uint32_t type, struct msg *m)
{
	int	rc;

	while ((rc = msg_get(&eng->mb, m)) == 0) {
		if ((rc = msg_read(&eng->mb)) == 0)
			fatalx("the parent left during setup");
		if (rc == -1)
			fatal("reading the setup from the parent");
	}
	if (rc == -1)
		fatalx("bad message from the parent");
	if (m->type != type)
		fatalx("parent sent message type %u during setup", m->type);
}

static void
engine_recv_setup(struct engine *eng, struct engine_msg_setup *es)
{
	struct msg	m;

	engine_expect(eng, MSG_SETUP, &m);
	if (m.len != sizeof(*es))
		fatalx("parent sent a setup of %u bytes", m.len);
	memcpy(es, m.data, sizeof(*es));
	dclock_set(&es->clock);
	es->home[sizeof(es->home) - 1] = '\0';
	es->backend[sizeof(es->backend) - 1] = '\0';
	es->sync.addr[sizeof(es->sync.addr) - 1] = '\0';
	es->sync.user[sizeof(es->sync.user) - 1] = '\0';
	es->sync.password[sizeof(es->sync.password) - 1] = '\0';
	es->sync.node[sizeof(es->sync.node) - 1] = '\0';
	engine_expect(eng, MSG_CONFIG, &m);
	if (m.len != sizeof(eng->conf))
		fatalx("parent sent a configuration of %u bytes", m.len);
	memcpy(&eng->conf, m.data, sizeof(eng->conf));
}

/* the parent's table: it holds these already, so nothing goes back */
static void
engine_restore(struct engine *eng)
{
	struct nl_change	 c;
	struct timeval		 now;
	struct msg		 m;
	size_t			 off;

	dclock_now(&now);
	eng->pl.mute_restore = 1;
	for (;;) {
		engine_expect(eng, MSG_RESTORE, &m);
		if (m.len == 0)
			break;
		if (m.len % sizeof(c) != 0)
			fatalx("parent sent a restore of %u bytes", m.len);
		/* a message's payload need not be aligned for the struct */
		for (off = 0; off < m.len; off += sizeof(c)) {
			memcpy(&c, m.data + off, sizeof(c));
			nl_tracker_restore(eng->pl.tracker, &c.addr, c.plen,
			    c.reason, c.expires, &now);
		}
	}
	eng->pl.mute_restore = 0;
	nl_tracker_set_grace(eng->pl.tracker,
	    (int64_t)now.tv_sec + eng->conf.grace_period);
}

static void
engine_setup(struct engine *eng, struct engine_msg_setup *es)
{
	char	errbuf[512];

	eng->sys = es->sys;
	strlcpy(eng->backend_name, es->backend, sizeof(eng->backend_name));
	if (pipeline_init_sink(&eng->pl, &eng->conf, pcap_datalink(eng->pcap),
	    engine_sink, eng, errbuf, sizeof(errbuf)) == -1)
		fatalx("%s", errbuf);
	nl_tracker_touch(eng->pl.tracker);
	eng->pl.print_records = es->print_records;
	engine_restore(eng);
	if (fcntl(ENGINE_PARENT_FD, F_SETFL, O_NONBLOCK) == -1)
		fatal("fcntl");
	engine_events(eng, ENGINE_PARENT_FD);
	/* what came behind the restore is read by the event loop */
	event_active(eng->ev_read, EV_READ, 0);
	engine_dns_start(eng);
	/* the group's whitelist before the capture is read */
	if ((eng->sync = sync_new(eng->base, &eng->pl, &eng->conf,
	    &es->sync)) != NULL) {
		eng->pl.observe = engine_observe;
		eng->pl.observe_arg = eng;
	}
	if (es->control && (eng->ctl = control_new(eng->base,
	    ENGINE_CONTROL_FD, eng->pl.tracker, &engine_ctl_hooks,
	    eng)) == NULL)
		fatalx("cannot serve the control socket");
}

/* root until engine_drop: the capture is opened here, not inherited */
static void
engine_open(struct engine *eng, struct engine_msg_setup *es)
{
	char	errbuf[PCAP_ERRBUF_SIZE + 512];

	if (msgbuf_init(&eng->mb, ENGINE_PARENT_FD) == -1)
		fatal("msgbuf_init");
	engine_recv_setup(eng, es);
	if ((eng->pcap = capture_open(&eng->conf, errbuf,
	    sizeof(errbuf))) == NULL)
		fatalx("%s", errbuf);
}

/* nolistd -E: the parent's exec of its engine */
void
engine_main(int foreground, int verbose)
{
	static struct engine	eng;
	struct engine_msg_setup	es;

	log_init(foreground, LOG_DAEMON);
	log_setverbose(verbose);
	setproctitle("engine");
	log_procname("engine");
	signal(SIGPIPE, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	signal(SIGUSR1, SIG_IGN);
	/* syslog(3) stamps local time: the zone is read before the chroot */
	tzset();
	engine_open(&eng, &es);
	engine_drop(&eng.conf, &es);
	engine_setup(&eng, &es);
	log_info("listening on %s, %s backend", eng.conf.interface,
	    eng.backend_name);
	event_base_dispatch(eng.base);
	pipeline_commit(&eng.pl);
	if (msg_flush_all(&eng.mb) == -1)
		log_warn("last changes not sent to the parent");
	engine_log_stats(&eng);
	control_free(eng.ctl);
	sync_free(eng.sync);
	dnsglue_free(eng.dns);
	event_free(eng.ev_pcap);
	event_free(eng.ev_tick);
	event_free(eng.ev_read);
	event_free(eng.ev_write);
	event_free(eng.ev_sigterm);
	event_base_free(eng.base);
	pipeline_free(&eng.pl);
	pcap_close(eng.pcap);
	msgbuf_clear(&eng.mb);
	exit(0);
}
