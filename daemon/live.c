/*
 * The live daemon: opens, as root, everything that needs root (the
 * capture, the table, the control socket, the pidfile), reconciles the
 * table with the state file, then splits into the privileged parent
 * (priv.c), which keeps the table, and the unprivileged engine
 * (engine.c), which reads the capture, DNS and the control socket.
 */
#include <sys/types.h>
#include <sys/socket.h>

#include <err.h>
#include <errno.h>
#include <pcap.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "capture.h"
#include "compat.h"
#include "control.h"
#include "dnsglue.h"
#include "engine.h"
#include "log.h"
#include "nolistd.h"
#include "priv.h"

static void
live_user(const struct nl_config *conf, struct engine_setup *es)
{
	struct passwd	*pw;

	if ((pw = getpwnam(conf->user)) == NULL)
		errx(1, "user %s: no such user (see nolistd(8), Processes)",
		    conf->user);
	if (pw->pw_uid == 0)
		errx(1, "user %s: must not be root", conf->user);
	es->uid = pw->pw_uid;
	es->gid = pw->pw_gid;
	if (strlcpy(es->home, pw->pw_dir, sizeof(es->home)) >=
	    sizeof(es->home))
		errx(1, "user %s: home directory path too long", conf->user);
	endpwent();
}

/* everything that needs root, while errors can still go to stderr */
static void
live_open(const struct nl_config *conf, const struct nolistd_opts *opts,
    struct priv *pv, struct engine_setup *es)
{
	char	errbuf[PCAP_ERRBUF_SIZE + 512];

	if (geteuid() != 0)
		errx(1, "must be started as root");
	live_user(conf, es);
	if ((es->pcap = capture_open(conf, errbuf, sizeof(errbuf))) == NULL)
		errx(1, "%s", errbuf);
	if (priv_open(pv, conf, opts, errbuf, sizeof(errbuf)) == -1)
		errx(1, "%s", errbuf);
	if ((es->control_fd = control_listen(conf->control_socket, errbuf,
	    sizeof(errbuf))) == -1)
		errx(1, "control-socket %s", errbuf);
	/* the engine is chrooted when it starts DNS, now and on reloads */
	if (conf->nresolvers == 0 && conf->expand != NL_EXPAND_NONE &&
	    dnsglue_system(&es->sys) == -1)
		es->sys.nservers = 0;
	es->conf = conf;
	es->opts = opts;
}

static pid_t
live_fork(struct priv *pv, struct engine_setup *es, int *fd)
{
	int	sp[2];
	pid_t	pid;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sp) == -1)
		fatal("socketpair");
	switch ((pid = fork())) {
	case -1:
		fatal("fork");
	case 0:
		close(sp[0]);
		priv_close_in_child(pv);
		es->fd = sp[1];
		es->restore = pv->mirror;
		engine_run(es);
		/* NOTREACHED */
	}
	close(sp[1]);
	*fd = sp[0];
	return pid;
}

int
live_run(const struct nl_config *conf, const struct nolistd_opts *opts)
{
	static struct priv		pv;
	static struct engine_setup	es;
	pid_t				engine;
	int				fd;

	log_init(1, LOG_DAEMON);
	log_setverbose(opts->verbose);
	memset(&es, 0, sizeof(es));
	live_open(conf, opts, &pv, &es);
	if (!opts->foreground) {
		if (daemon(0, 0) == -1)
			err(1, "daemon");
		log_init(0, LOG_DAEMON);
		if (priv_pidfile(conf->pidfile) == -1)
			fatal("%s", conf->pidfile);
	}
	signal(SIGPIPE, SIG_IGN);
	priv_reconcile(&pv);
	engine = live_fork(&pv, &es, &fd);
	/* the parent reads neither the capture nor the control socket */
	pcap_close(es.pcap);
	close(es.control_fd);
	priv_drop(&pv);
	return priv_run(&pv, fd, engine);
}
