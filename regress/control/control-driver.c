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
 * The control socket on its own, for the tests: a libevent loop serving
 * control_new over a real tracker, as the daemon's engine does.
 *
 *	control-driver -s socket -c changes [-n entries] [-S statsfile]
 *
 * Every table change the tracker makes is appended to the changes file
 * as SPEC's JSON line. Before serving, one SYN from 192.0.2.10 to the
 * fake MX goes through the tracker, and -n fills the whitelist with that
 * many entries in 2001:db8::/32 (not logged as changes). -S writes the
 * stats file once, at exit. SIGTERM and SIGINT stop it with status 0.
 */
#include <sys/time.h>

#include <err.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include <event2/event.h>

#include "compat.h"
#include "control.h"
#include "json.h"
#include "log.h"
#include "statsfile.h"
#include "tracker.h"

#define WLTIME	(36 * 86400)

static FILE	*changes;
static int	 quiet;

static void
on_change(void *arg, const struct nl_change *c)
{
	char	buf[NL_JSON_CHANGE_MAX];

	(void)arg;
	if (quiet)
		return;
	nl_json_change(buf, sizeof(buf), "test", c);
	fprintf(changes, "%s\n", buf);
	fflush(changes);
}

static void
on_signal(evutil_socket_t sig, short what, void *arg)
{
	(void)sig;
	(void)what;
	event_base_loopbreak(arg);
}

static void
config_build(struct nl_config *conf)
{
	nl_config_defaults(conf);
	nl_addr_parse("192.0.2.1", &conf->fake_mx[0]);
	conf->nfake_mx = 1;
	nl_addr_parse("192.0.2.2", &conf->real_mx[0]);
	conf->nreal_mx = 1;
	conf->max_entries = 200000;
	conf->whitelist_time = WLTIME;
	conf->expand = NL_EXPAND_NONE;
}

static void
feed_fake_mx_syn(struct nl_tracker *t)
{
	struct nl_record	r;

	memset(&r, 0, sizeof(r));
	gettimeofday(&r.time, NULL);
	r.rule = 3;
	nl_addr_parse("192.0.2.10", &r.src);
	nl_addr_parse("192.0.2.1", &r.dst);
	r.sport = 34510;
	r.dport = 25;
	r.tcpflags = NL_TH_SYN;
	r.proto = NL_PROTO_TCP;
	r.action = NL_ACT_BLOCK;
	r.dir = NL_DIR_IN;
	strlcpy(r.ifname, "pflog0", sizeof(r.ifname));
	nl_tracker_record(t, &r);
}

static void
fill(struct nl_tracker *t, uint32_t n)
{
	struct nl_addr	a;
	struct timeval	now;
	uint32_t	i;

	gettimeofday(&now, NULL);
	nl_addr_parse("2001:db8::", &a);
	quiet = 1;
	for (i = 0; i < n; i++) {
		a.a[12] = (uint8_t)(i >> 24);
		a.a[13] = (uint8_t)(i >> 16);
		a.a[14] = (uint8_t)(i >> 8);
		a.a[15] = (uint8_t)i;
		if (nl_tracker_add(t, &a, 128, NL_REASON_FAKEMX, 0, &now) == -1)
			errx(1, "fill: add failed");
	}
	quiet = 0;
}

int
main(int argc, char *argv[])
{
	static struct nl_config	 conf;
	struct nl_tracker_cb	 cb;
	struct nl_tracker	*t;
	struct event_base	*base;
	struct event		*ev_term, *ev_int;
	struct control		*ctl;
	const char		*sock = NULL, *path = NULL, *statsfile = NULL;
	const char		*errstr;
	char			 errbuf[256];
	uint32_t		 nfill = 0;
	int			 ch, fd;

	while ((ch = getopt(argc, argv, "c:n:S:s:")) != -1) {
		switch (ch) {
		case 'c':
			path = optarg;
			break;
		case 'n':
			nfill = (uint32_t)strtonum(optarg, 0, 200000, &errstr);
			if (errstr != NULL)
				errx(1, "-n %s: %s", optarg, errstr);
			break;
		case 'S':
			statsfile = optarg;
			break;
		case 's':
			sock = optarg;
			break;
		default:
			errx(1, "usage: control-driver -s socket -c changes "
			    "[-n entries] [-S statsfile]");
		}
	}
	if (sock == NULL || path == NULL)
		errx(1, "-s and -c are required");
	if ((changes = fopen(path, "w")) == NULL)
		err(1, "%s", path);
	signal(SIGPIPE, SIG_IGN);
	log_init(1, LOG_DAEMON);
	log_setverbose(2);
	log_procname("control-driver");

	config_build(&conf);
	memset(&cb, 0, sizeof(cb));
	cb.change = on_change;
	if ((t = nl_tracker_new(&conf, &cb)) == NULL)
		errx(1, "nl_tracker_new");
	feed_fake_mx_syn(t);
	fill(t, nfill);

	if ((fd = control_listen(sock, errbuf, sizeof(errbuf))) == -1)
		errx(1, "%s", errbuf);
	if ((base = event_base_new()) == NULL)
		errx(1, "event_base_new");
	if ((ctl = control_new(base, fd, t, NULL, NULL)) == NULL)
		errx(1, "control_new");
	ev_term = evsignal_new(base, SIGTERM, on_signal, base);
	ev_int = evsignal_new(base, SIGINT, on_signal, base);
	if (ev_term == NULL || ev_int == NULL ||
	    evsignal_add(ev_term, NULL) == -1 ||
	    evsignal_add(ev_int, NULL) == -1)
		errx(1, "evsignal");
	printf("ready\n");
	fflush(stdout);
	event_base_dispatch(base);

	if (statsfile != NULL && statsfile_write(statsfile,
	    nl_tracker_stats(t), nl_wl_count(nl_tracker_whitelist(t)), errbuf,
	    sizeof(errbuf)) == -1)
		errx(1, "%s", errbuf);
	control_free(ctl);
	close(fd);
	unlink(sock);
	event_free(ev_term);
	event_free(ev_int);
	event_base_free(base);
	nl_tracker_free(t);
	fclose(changes);
	return 0;
}
