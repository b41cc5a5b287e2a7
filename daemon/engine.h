/*
 * The unprivileged engine: capture, parsing, the tracker, DNS expansion
 * and the control socket. It runs as the configured user, chrooted, with
 * no capabilities, and sends its table changes to the parent.
 */
#ifndef NL_ENGINE_H
#define NL_ENGINE_H

#include <sys/types.h>

#include <pcap.h>

#include "config.h"
#include "nolistd.h"
#include "resolver.h"
#include "whitelist.h"

struct engine_setup {
	const struct nl_config		*conf;
	const struct nolistd_opts	*opts;
	pcap_t				*pcap;
	int				 fd;		/* to the parent */
	int				 control_fd;	/* listening; -1: none */
	uid_t				 uid;
	gid_t				 gid;
	char				 home[256];
	struct res_conf			 sys;		/* resolv.conf */
	struct nl_wl			*restore;	/* the parent's mirror */
};

void	engine_run(struct engine_setup *) __attribute__((__noreturn__));

#endif
