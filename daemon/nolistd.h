/*
 * What the daemon's parts share: the options from the command line.
 */
#ifndef NOLISTD_H
#define NOLISTD_H

#include "config.h"

struct nl_backend_ops;
struct nl_backend_log;

struct nolistd_opts {
	const char			*argv0;		/* to exec the engine */
	const char			*conffile;
	const char			*capture;	/* -r */
	const struct nl_backend_ops	*backend;	/* after -t */
	const struct nl_backend_log	*backend_log;	/* log.h's */
	int				 foreground;	/* -d */
	int				 print_records;	/* -e */
	int				 verbose;	/* -v */
};

int	replay_run(const struct nl_config *, const struct nolistd_opts *);
int	live_run(const struct nl_config *, const struct nolistd_opts *);

#endif
