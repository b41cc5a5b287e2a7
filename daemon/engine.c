/*
 * The engine: everything that reads what others choose (log records,
 * DNS answers, control requests). It starts as a child of the parent
 * with the capture and the control socket already open, drops to the
 * configured user before it reads anything, and from then on its only
 * way to the table is a MSG_CHANGES to the parent.
 *
 * OpenBSD: pledge("stdio inet unix bpf"): the capture is read(2) on the
 * bpf descriptor and its drop counter is BIOCGSTATS ("bpf"); DNS uses
 * the resolver's own UDP and TCP sockets ("inet"); the control socket
 * accepts connections ("unix"). Every descriptor it needs comes from
 * fork, so no "recvfd". FreeBSD: no cap_enter: the resolver creates
 * sockets and sendto()s addresses as it goes, which capability mode
 * forbids.
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pcap.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <cap-ng.h>
#include <sys/prctl.h>
#endif

#include <event2/event.h>

#include "capture.h"
#include "control.h"
#include "dnsglue.h"
#include "engine.h"
#include "log.h"
#include "monotime.h"
#include "msg.h"
#include "pipeline.h"

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
	const char		*backend_name;
};

static void
engine_proctitle(void)
{
#if defined(__OpenBSD__) || defined(__FreeBSD__) || defined(__NetBSD__)
	setproctitle("engine");
#elif defined(__linux__)
	prctl(PR_SET_NAME, "nolistd: engine", 0, 0, 0);
#endif
	log_procname("engine");
}

static void
engine_chroot(const struct engine_setup *es)
{
	const char	*dir = es->conf->chroot[0] ? es->conf->chroot : es->home;
	struct stat	 sb;

	if (stat(dir, &sb) == -1 || !S_ISDIR(sb.st_mode)) {
#ifdef __linux__
		/* Debian has no /var/empty: nobody's home is /nonexistent */
		log_warnx("chroot %s: %s; running without chroot", dir,
		    errno ? strerror(errno) : "not a directory");
		return;
#else
		fatal("chroot %s", dir);
#endif
	}
	if (chroot(dir) == -1 || chdir("/") == -1)
		fatal("chroot %s", dir);
}

/* chroot, then the user, then no way back: no capability is left */
static void
engine_drop(const struct engine_setup *es)
{
	engine_chroot(es);
#ifdef __linux__
	/* the bounding set, while CAP_SETPCAP is still there */
	capng_clear(CAPNG_SELECT_BOTH);
	if (capng_apply(CAPNG_SELECT_BOUNDS) != 0)
		fatalx("cannot clear the capability bounding set");
#endif
	if (setgroups(1, &es->gid) == -1 ||
	    setresgid(es->gid, es->gid, es->gid) == -1 ||
	    setresuid(es->uid, es->uid, es->uid) == -1)
		fatal("cannot drop privileges");
#ifdef __linux__
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
		fatal("PR_SET_NO_NEW_PRIVS");
	capng_get_caps_process();
	if (capng_have_capabilities(CAPNG_SELECT_CAPS) != CAPNG_NONE)
		fatalx("capabilities left after dropping privileges");
#endif
#ifdef __OpenBSD__
	if (pledge("stdio inet unix bpf", NULL) == -1)
		fatal("pledge");
#endif
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

static void
engine_frame(u_char *arg, const struct pcap_pkthdr *h, const u_char *data)
{
	struct engine	*eng = (struct engine *)arg;
	struct timeval	 ts;

	/* OpenBSD's pcap_pkthdr holds a struct bpf_timeval */
	ts.tv_sec = h->ts.tv_sec;
	ts.tv_usec = h->ts.tv_usec;
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
	gettimeofday(&now, NULL);
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

static void
engine_dns_start(struct engine *eng)
{
	char	errbuf[512];

	errbuf[0] = '\0';
	if ((eng->dns = dnsglue_new(eng->base, &eng->pl, &eng->conf,
	    &eng->sys, errbuf, sizeof(errbuf))) == NULL && errbuf[0] != '\0')
		log_warnx("%s; whitelisting senders by address only", errbuf);
}

/*
 * A reload: the tracker takes the new settings at once, and DNS
 * expansion restarts with them (its queries in flight are dropped:
 * their senders are whitelisted already).
 */
static void
engine_config(struct engine *eng, const struct msg *m)
{
	if (m->len != sizeof(eng->conf))
		fatalx("parent sent a configuration of %u bytes", m->len);
	pipeline_commit(&eng->pl);
	dnsglue_stats(eng->dns, nl_tracker_stats(eng->pl.tracker));
	memcpy(&eng->conf, m->data, sizeof(eng->conf));
	if (nl_tracker_set_config(eng->pl.tracker, &eng->conf) == -1)
		log_warnx("cannot resize the whitelist to %u entries",
		    eng->conf.max_entries);
	nl_tracker_touch(eng->pl.tracker);
	pipeline_commit(&eng->pl);
	dnsglue_free(eng->dns);
	engine_dns_start(eng);
	log_info("configuration reloaded: expand %s, whitelist-time %us",
	    nl_expand_name(eng->conf.expand), eng->conf.whitelist_time);
}

static void
engine_message(struct engine *eng, const struct msg *m)
{
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
		while ((rc = msg_get(&eng->mb, &m)) == 1)
			engine_message(eng, &m);
		if (rc == -1)
			fatalx("bad message from the parent");
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

static const struct control_hooks engine_ctl_hooks = {
	ctl_stats, ctl_changed
};

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

struct restore {
	struct nl_tracker	*t;
	struct timeval		 now;
};

static void
engine_restore_entry(void *arg, const struct nl_wl_item *it)
{
	struct restore	*r = arg;

	nl_tracker_add(r->t, &it->addr, it->plen, NL_REASON_RESTORE,
	    it->expires, &r->now);
}

/* the parent's mirror, as fork left it: the table holds it already */
static void
engine_restore(struct engine *eng, struct nl_wl *mirror)
{
	struct restore	r;

	r.t = eng->pl.tracker;
	gettimeofday(&r.now, NULL);
	eng->pl.mute_restore = 1;
	nl_wl_walk(mirror, engine_restore_entry, &r);
	eng->pl.mute_restore = 0;
	nl_wl_free(mirror);
	nl_tracker_set_grace(eng->pl.tracker,
	    (int64_t)r.now.tv_sec + eng->conf.grace_period);
}

static void
engine_setup(struct engine *eng, struct engine_setup *es)
{
	char	errbuf[512];

	eng->conf = *es->conf;
	eng->sys = es->sys;
	eng->pcap = es->pcap;
	eng->backend_name = es->opts->backend->name;
	if (fcntl(es->fd, F_SETFL, O_NONBLOCK) == -1)
		fatal("fcntl");
	if (msgbuf_init(&eng->mb, es->fd) == -1)
		fatal("msgbuf_init");
	if (pipeline_init_sink(&eng->pl, &eng->conf, pcap_datalink(eng->pcap),
	    engine_sink, eng, errbuf, sizeof(errbuf)) == -1)
		fatalx("%s", errbuf);
	nl_tracker_touch(eng->pl.tracker);
	eng->pl.print_records = es->opts->print_records;
	engine_restore(eng, es->restore);
	engine_events(eng, es->fd);
	engine_dns_start(eng);
	if (es->control_fd != -1 && (eng->ctl = control_new(eng->base,
	    es->control_fd, eng->pl.tracker, &engine_ctl_hooks, eng)) == NULL)
		fatalx("cannot serve the control socket");
}

void
engine_run(struct engine_setup *es)
{
	static struct engine	eng;

	engine_proctitle();
	signal(SIGPIPE, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	signal(SIGUSR1, SIG_IGN);
	engine_drop(es);
	engine_setup(&eng, es);
	log_info("listening on %s, %s backend", eng.conf.interface,
	    eng.backend_name);
	event_base_dispatch(eng.base);
	pipeline_commit(&eng.pl);
	if (msg_flush_all(&eng.mb) == -1)
		log_warn("last changes not sent to the parent");
	engine_log_stats(&eng);
	control_free(eng.ctl);
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
