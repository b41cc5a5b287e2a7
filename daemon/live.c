/*
 * The live daemon: the capture and the timers on one libevent loop.
 * Each wakeup reads every record that is ready and sends the resulting
 * changes to the table as one batch.
 */
#include <sys/types.h>

#include <err.h>
#include <event2/event.h>
#include <pcap.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "capture.h"
#include "dnsglue.h"
#include "log.h"
#include "nolistd.h"
#include "pipeline.h"

#define TICK_SECONDS		1	/* expiry resolution */
#define CHECK_SECONDS		2	/* how soon a lost table is noticed */

struct live {
	struct pipeline		 pl;
	struct dnsglue		*dns;
	pcap_t			*pcap;
	struct event_base	*base;
	struct event		*ev_pcap;
	struct event		*ev_tick;
	struct event		*ev_sigterm;
	struct event		*ev_sigint;
	struct event		*ev_sigusr1;
	unsigned int		 ticks;
	unsigned long long	 drops_logged;
};

static void
live_frame(u_char *arg, const struct pcap_pkthdr *h, const u_char *data)
{
	struct live	*lv = (struct live *)arg;
	struct timeval	 ts;

	/* OpenBSD's pcap_pkthdr holds a struct bpf_timeval */
	ts.tv_sec = h->ts.tv_sec;
	ts.tv_usec = h->ts.tv_usec;
	pipeline_frame(&lv->pl, &ts, data, h->caplen);
}

static void
live_read(int fd, short events, void *arg)
{
	struct live	*lv = arg;
	int		 n;

	(void)fd;
	(void)events;
	while ((n = pcap_dispatch(lv->pcap, -1, live_frame,
	    (u_char *)lv)) > 0)
		;
	if (n == PCAP_ERROR)
		log_warnx("capture: %s", pcap_geterr(lv->pcap));
	pipeline_commit(&lv->pl);
	if (lv->pl.print_records)
		fflush(lv->pl.out);
}

struct heal {
	struct nl_change	*all;
	size_t			 n;
	struct timeval		 now;
};

static void
heal_collect(void *arg, const struct nl_wl_item *it)
{
	struct heal		*h = arg;
	struct nl_change	*c = &h->all[h->n++];

	memset(c, 0, sizeof(*c));
	c->time = h->now;
	c->addr = it->addr;
	c->plen = it->plen;
	c->expires = it->expires;
	c->op = NL_OP_ADD;
	c->reason = NL_REASON_RESTORE;
}

/*
 * The table was flushed or recreated (a ruleset reload): put every live
 * entry back in one replace. Rare, so it may allocate.
 */
static void
live_heal(struct live *lv)
{
	const struct nl_wl	*wl = nl_tracker_whitelist(lv->pl.tracker);
	struct heal		 h;
	size_t			 count = nl_wl_count(wl);

	pipeline_commit(&lv->pl);
	memset(&h, 0, sizeof(h));
	gettimeofday(&h.now, NULL);
	if ((h.all = calloc(count ? count : 1, sizeof(*h.all))) == NULL) {
		log_warn("restoring the table");
		return;
	}
	nl_wl_walk(wl, heal_collect, &h);
	if (lv->pl.backend.ops->replace(lv->pl.backend.ctx, h.all,
	    h.n) == -1)
		log_warnx("%s backend: restoring %zu entries failed",
		    lv->pl.backend.ops->name, h.n);
	else
		log_info("table was emptied or recreated: %zu entries "
		    "restored", h.n);
	free(h.all);
}

static void
live_check_drops(struct live *lv)
{
	unsigned long long	 drops;
	struct nl_stats		*st = nl_tracker_stats(lv->pl.tracker);

	if (capture_drops(lv->pcap, &drops) == -1)
		return;
	st->capture_drops = drops;
	if (drops > lv->drops_logged) {
		log_warnx("capture: %llu records dropped by the kernel",
		    drops - lv->drops_logged);
		lv->drops_logged = drops;
	}
}

static void
live_tick(int fd, short events, void *arg)
{
	struct live	*lv = arg;
	struct timeval	 now;
	int		 rc;

	(void)fd;
	(void)events;
	gettimeofday(&now, NULL);
	pipeline_expire(&lv->pl, &now);
	pipeline_commit(&lv->pl);
	if (++lv->ticks % CHECK_SECONDS != 0)
		return;
	live_check_drops(lv);
	rc = lv->pl.backend.ops->check(lv->pl.backend.ctx,
	    nl_wl_count(nl_tracker_whitelist(lv->pl.tracker)));
	if (rc == 1)
		live_heal(lv);
	else if (rc == -1)
		log_warnx("%s backend: cannot check the table",
		    lv->pl.backend.ops->name);
}

static void
live_stats(const struct nl_stats *st)
{
	log_info("stats: %llu records, %llu skipped, %llu fake-mx attempts, "
	    "%llu whitelisted, %llu renewed, %llu direct-to-second-mx, "
	    "%llu expired, %llu evicted, %llu capture drops, "
	    "%llu DNS queries, %llu DNS failures",
	    (unsigned long long)st->records, (unsigned long long)st->skipped,
	    (unsigned long long)st->fake_mx,
	    (unsigned long long)st->whitelisted,
	    (unsigned long long)st->renewed, (unsigned long long)st->direct,
	    (unsigned long long)st->expired, (unsigned long long)st->evicted,
	    (unsigned long long)st->capture_drops,
	    (unsigned long long)st->dns_queries,
	    (unsigned long long)st->dns_failures);
}

static void
live_signal(int sig, short events, void *arg)
{
	struct live	*lv = arg;

	(void)events;
	switch (sig) {
	case SIGTERM:
	case SIGINT:
		log_info("exiting on signal %d", sig);
		event_base_loopbreak(lv->base);
		break;
	case SIGUSR1:
		dnsglue_stats(lv->dns, nl_tracker_stats(lv->pl.tracker));
		live_stats(nl_tracker_stats(lv->pl.tracker));
		break;
	}
}

static void
live_events(struct live *lv)
{
	struct timeval	tick = { TICK_SECONDS, 0 };

	if ((lv->base = event_base_new()) == NULL)
		fatalx("event_base_new failed");
	lv->ev_pcap = event_new(lv->base, pcap_get_selectable_fd(lv->pcap),
	    EV_READ | EV_PERSIST, live_read, lv);
	lv->ev_tick = event_new(lv->base, -1, EV_PERSIST, live_tick, lv);
	lv->ev_sigterm = evsignal_new(lv->base, SIGTERM, live_signal, lv);
	lv->ev_sigint = evsignal_new(lv->base, SIGINT, live_signal, lv);
	lv->ev_sigusr1 = evsignal_new(lv->base, SIGUSR1, live_signal, lv);
	if (lv->ev_pcap == NULL || lv->ev_tick == NULL ||
	    lv->ev_sigterm == NULL || lv->ev_sigint == NULL ||
	    lv->ev_sigusr1 == NULL)
		fatalx("cannot set up the event loop");
	event_add(lv->ev_pcap, NULL);
	event_add(lv->ev_tick, &tick);
	event_add(lv->ev_sigterm, NULL);
	event_add(lv->ev_sigint, NULL);
	event_add(lv->ev_sigusr1, NULL);
}

static void
live_free(struct live *lv)
{
	event_free(lv->ev_pcap);
	event_free(lv->ev_tick);
	event_free(lv->ev_sigterm);
	event_free(lv->ev_sigint);
	event_free(lv->ev_sigusr1);
	event_base_free(lv->base);
	pipeline_commit(&lv->pl);
	pipeline_free(&lv->pl);
	pcap_close(lv->pcap);
}

int
live_run(const struct nl_config *conf, const struct nolistd_opts *opts)
{
	static struct live	lv;
	char			errbuf[PCAP_ERRBUF_SIZE + 512];

	log_init(1, LOG_DAEMON);
	log_setverbose(opts->verbose);
	if ((lv.pcap = capture_open(conf, errbuf, sizeof(errbuf))) == NULL)
		errx(1, "%s", errbuf);
	if (pipeline_init(&lv.pl, conf, opts->backend,
	    pcap_datalink(lv.pcap), errbuf, sizeof(errbuf)) == -1)
		errx(1, "%s", errbuf);
	lv.pl.print_records = opts->print_records;
	if (!opts->foreground) {
		if (daemon(0, 0) == -1)
			err(1, "daemon");
		log_init(0, LOG_DAEMON);
	}
	signal(SIGPIPE, SIG_IGN);
	live_events(&lv);
	errbuf[0] = '\0';
	if ((lv.dns = dnsglue_new(lv.base, &lv.pl, conf, errbuf,
	    sizeof(errbuf))) == NULL && errbuf[0] != '\0')
		log_warnx("%s; whitelisting senders by address only", errbuf);
	log_info("listening on %s, %s backend", conf->interface,
	    opts->backend->name);
	event_base_dispatch(lv.base);
	dnsglue_stats(lv.dns, nl_tracker_stats(lv.pl.tracker));
	live_stats(nl_tracker_stats(lv.pl.tracker));
	dnsglue_free(lv.dns);
	live_free(&lv);
	return 0;
}
