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
 * The live daemon: opens, as root, everything that needs root (the
 * capture, the table, the control socket, the pidfile), reconciles the
 * table with the state file, then splits into the privileged parent
 * (priv.c), which keeps the table, and the unprivileged engine
 * (engine.c), which it execs and which reads the capture, DNS and the
 * control socket.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
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
#include "monotime.h"
#include "nolistd.h"
#include "priv.h"
#include "sync.h"

struct live {
	struct engine_msg_setup	 setup;
	int			 control_fd;	/* listening; -1: none */
};

static void
live_user(const struct nl_config *conf, struct engine_msg_setup *es)
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

/* the credentials file is root's: read now, passed in the setup */
static void
live_sync(const struct nl_config *conf, struct sync_setup *ss)
{
	char	errbuf[PATH_MAX + 256];
	int	rc;

	if ((rc = sync_setup_read(conf, ss, errbuf, sizeof(errbuf))) == -1)
		errx(1, "sync: %s", errbuf);
	if (rc == 1)
		log_warnx("%s", errbuf);
}

/* a chroot that is not there is an error: only "chroot none" goes without */
static void
live_chroot(const struct nl_config *conf, const struct engine_msg_setup *es)
{
	const char	*dir = conf->chroot[0] ? conf->chroot : es->home;
	struct stat	 sb;

	if (strcmp(dir, NL_CHROOT_NONE) == 0)
		return;
	if (stat(dir, &sb) == -1)
		err(1, "chroot %s (create it, or say \"chroot none\" in the "
		    "configuration; see nolistd(8))", dir);
	if (!S_ISDIR(sb.st_mode))
		errx(1, "chroot %s: not a directory", dir);
}

/*
 * Everything that needs root, while errors can still go to stderr. The
 * capture is opened to see that it can be; the engine opens its own.
 */
static void
live_open(const struct nl_config *conf, const struct nolistd_opts *opts,
    struct priv *pv, struct live *lv)
{
	char	 errbuf[PCAP_ERRBUF_SIZE + 512];
	pcap_t	*p;

	if (geteuid() != 0)
		errx(1, "must be started as root");
	live_user(conf, &lv->setup);
	live_sync(conf, &lv->setup.sync);
	live_chroot(conf, &lv->setup);
	if ((p = capture_open(conf, errbuf, sizeof(errbuf))) == NULL)
		errx(1, "%s", errbuf);
	/* an NFLOG group takes one reader: the engine's */
	pcap_close(p);
	if (priv_open(pv, conf, opts, errbuf, sizeof(errbuf)) == -1)
		errx(1, "%s", errbuf);
	if ((lv->control_fd = control_listen(conf->control_socket, errbuf,
	    sizeof(errbuf))) == -1)
		errx(1, "control-socket %s", errbuf);
	lv->setup.control = lv->control_fd != -1;
	/* the engine is chrooted when it starts DNS, now and on reloads */
	if (conf->nresolvers == 0 && conf->expand != NL_EXPAND_NONE &&
	    dnsglue_system(&lv->setup.sys) == -1)
		lv->setup.sys.nservers = 0;
	strlcpy(lv->setup.backend, opts->backend->name,
	    sizeof(lv->setup.backend));
	lv->setup.print_records = opts->print_records;
}

/* the engine's descriptors where engine.h says, and no others */
static void
live_child_fds(int sock, int control_fd)
{
	sock = fcntl(sock, F_DUPFD, ENGINE_CONTROL_FD + 1);
	if (control_fd != -1)
		control_fd = fcntl(control_fd, F_DUPFD, ENGINE_CONTROL_FD + 1);
	if (sock == -1 || dup2(sock, ENGINE_PARENT_FD) == -1 ||
	    (control_fd != -1 && dup2(control_fd, ENGINE_CONTROL_FD) == -1))
		fatal("engine descriptors");
	if (control_fd == -1)
		close(ENGINE_CONTROL_FD);
	closefrom(ENGINE_CONTROL_FD + 1);
}

/* fork and exec: nothing of the parent's memory reaches the engine */
static pid_t
live_exec(const struct nolistd_opts *opts, struct live *lv, int *fd)
{
	char	*argv[8];
	int	 sp[2], argc = 0;
	pid_t	 pid;

	argv[argc++] = (char *)opts->argv0;
	argv[argc++] = "-E";
	if (opts->foreground)
		argv[argc++] = "-d";
	if (opts->verbose > 0)
		argv[argc++] = opts->verbose > 1 ? "-vv" : "-v";
	argv[argc] = NULL;
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sp) == -1)
		fatal("socketpair");
	switch ((pid = fork())) {
	case -1:
		fatal("fork");
	case 0:
		live_child_fds(sp[1], lv->control_fd);
		execvp(argv[0], argv);
		fatal("exec %s", argv[0]);
	}
	close(sp[1]);
	*fd = sp[0];
	return pid;
}

int
live_run(const struct nl_config *conf, const struct nolistd_opts *opts)
{
	static struct priv	pv;
	static struct live	lv;
	pid_t			engine;
	int			fd;

	log_init(1, LOG_DAEMON);
	log_setverbose(opts->verbose);
	/* before the state file is read: its expiries are turned to it */
	dclock_start(&lv.setup.clock);
	live_open(conf, opts, &pv, &lv);
	if (!opts->foreground) {
		if (daemon(0, 0) == -1)
			err(1, "daemon");
		log_init(0, LOG_DAEMON);
		if (priv_pidfile(conf->pidfile) == -1)
			fatal("%s", conf->pidfile);
	}
	signal(SIGPIPE, SIG_IGN);
	priv_reconcile(&pv);
	engine = live_exec(opts, &lv, &fd);
	/* the engine serves the control socket; the parent only unlinks it */
	if (lv.control_fd != -1)
		close(lv.control_fd);
	priv_drop(&pv);
	return priv_run(&pv, fd, engine, &lv.setup);
}
