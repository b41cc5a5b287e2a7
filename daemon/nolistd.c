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
 * nolistd: whitelists the senders that try the fake MX first.
 */
#include <err.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"
#include "config.h"
#include "engine.h"
#include "log.h"
#include "nolistd.h"
#include "tablename.h"

#define NOLISTD_CONF	"/etc/nolistd.conf"
#define NOLISTD_VERSION	"0.1.0"	/* CMakeLists.txt's project() */

/* once the daemon runs, the backends report as the rest of it does */
static const struct nl_backend_log backend_log = {
	log_warn, log_warnx, log_info, log_debug
};

static void __attribute__((__noreturn__))
usage(void)
{
	fprintf(stderr, "usage: nolistd [-dnVv] [-e] [-f file] [-r capture] "
	    "[-t backend]\n");
	exit(1);
}

/* -V: what this build holds that the configuration may ask for */
static void __attribute__((__noreturn__))
version(void)
{
	const char	*lib = sync_library();

	printf("nolistd %s\nsync: %s\n", NOLISTD_VERSION,
	    lib != NULL ? lib : "not built in (no hiredis at build time)");
	exit(0);
}

static void
print_conf_error(void *arg, const char *msg)
{
	(void)arg;
	fprintf(stderr, "%s\n", msg);
}

/*
 * -t wins over the file. The table must suit the backend in force, which
 * the file may not have named (the default differs by system).
 */
static void
choose_backend(struct nl_config *conf, struct nolistd_opts *opts,
    const char *tflag)
{
	char	msg[256];

	if (tflag != NULL && (conf->backend = nl_backend_parse(tflag)) == -1)
		errx(1, "-t %s: unknown backend (pf, nft or print)", tflag);
	if (nl_table_check(nl_config_table(conf, conf->backend),
	    conf->backend, msg, sizeof(msg)) == -1) {
		if (tflag != NULL)
			errx(1, "-t %s: %s", tflag, msg);
		errx(1, "%s: table: %s", opts->conffile, msg);
	}
	opts->backend = nl_backend_lookup(nl_backend_name(conf->backend));
	opts->backend_log = &backend_log;
	if (opts->backend == NULL)
		errx(1, "backend %s is not available on this system",
		    nl_backend_name(conf->backend));
}

/*
 * The engine is exec'd after daemon(3) has changed to /: a relative
 * path is made absolute now; a bare name is looked up in PATH, as the
 * shell did.
 */
static const char *
exec_path(const char *argv0, char *buf, size_t len)
{
	if (argv0 == NULL || argv0[0] == '\0')
		errx(1, "no program name to exec the engine with");
	if (strchr(argv0, '/') == NULL)
		return argv0;
	if (len < PATH_MAX || realpath(argv0, buf) == NULL)
		err(1, "%s", argv0);
	return buf;
}

int
main(int argc, char *argv[])
{
	static char		 confpath[PATH_MAX], exepath[PATH_MAX];
	struct nl_config	 conf;
	struct nolistd_opts	 opts;
	const char		*tflag = NULL;
	int			 ch, checkonly = 0, engineflag = 0;

	memset(&opts, 0, sizeof(opts));
	opts.conffile = NOLISTD_CONF;
	while ((ch = getopt(argc, argv, "EVdef:nr:t:v")) != -1) {
		switch (ch) {
		case 'E':
			engineflag = 1;
			break;
		case 'V':
			version();
		case 'd':
			opts.foreground = 1;
			break;
		case 'e':
			opts.print_records = 1;
			break;
		case 'f':
			opts.conffile = optarg;
			break;
		case 'n':
			checkonly = 1;
			break;
		case 'r':
			opts.capture = optarg;
			break;
		case 't':
			tflag = optarg;
			break;
		case 'v':
			opts.verbose++;
			break;
		default:
			usage();
		}
	}
	if (argc != optind)
		usage();
	if (engineflag)
		engine_main(opts.foreground, opts.verbose);

	nl_config_defaults(&conf);
	if (nl_config_parse_file(opts.conffile, &conf, print_conf_error,
	    NULL) != 0)
		exit(1);
	choose_backend(&conf, &opts, tflag);
	if (checkonly)
		exit(0);
	if (opts.capture != NULL)
		exit(replay_run(&conf, &opts));
	/* SIGHUP re-reads it after daemon(3) has changed to / */
	if (realpath(opts.conffile, confpath) == NULL)
		err(1, "%s", opts.conffile);
	opts.conffile = confpath;
	opts.argv0 = exec_path(argv[0], exepath, sizeof(exepath));
	exit(live_run(&conf, &opts));
}
