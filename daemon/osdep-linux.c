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
 * Linux: capabilities instead of root, no_new_privs and a seccomp filter
 * (sandbox-linux.c) instead of pledge.
 */
#include <sys/prctl.h>

#include <errno.h>
#include <string.h>

#include <cap-ng.h>

#include "log.h"
#include "nflogcfg.h"
#include "osdep.h"
#include "sandbox.h"

int
osdep_capture_tune(int fd, const char *ifname, int bufsize, char *errbuf,
    size_t len)
{
	if (strncmp(ifname, "nflog", 5) != 0)
		return 0;
	return nflog_configure(fd, ifname, bufsize, errbuf, len);
}

/* nft sets over netlink need CAP_NET_ADMIN; nothing else is kept */
void
osdep_parent_confine(void)
{
	capng_clear(CAPNG_SELECT_BOTH);
	if (capng_update(CAPNG_ADD, CAPNG_EFFECTIVE | CAPNG_PERMITTED |
	    CAPNG_BOUNDING_SET, CAP_NET_ADMIN) == -1 ||
	    capng_apply(CAPNG_SELECT_BOTH) != 0)
		fatalx("cannot drop capabilities but CAP_NET_ADMIN");
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
		fatal("PR_SET_NO_NEW_PRIVS");
}

/*
 * The bounding set, while CAP_SETPCAP is still there: without it the
 * kernel keeps the set (libcap-ng says nothing), and
 * osdep_engine_confine refuses to go on.
 */
void
osdep_engine_prepare(void)
{
	capng_clear(CAPNG_SELECT_BOTH);
	if (capng_apply(CAPNG_SELECT_BOUNDS) != 0)
		fatalx("cannot clear the capability bounding set");
}

/* the kernel's own answer, capability by capability, until it has none */
static int
osdep_bounding_empty(void)
{
	int	cap, rc;

	for (cap = 0; (rc = prctl(PR_CAPBSET_READ, cap, 0, 0, 0)) >= 0; cap++)
		if (rc == 1)
			return 0;
	return errno == EINVAL;
}

void
osdep_engine_confine(void)
{
	int	rc;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
		fatal("PR_SET_NO_NEW_PRIVS");
	capng_get_caps_process();
	if (capng_have_capabilities(CAPNG_SELECT_CAPS) != CAPNG_NONE)
		fatalx("capabilities left after dropping privileges");
	if (!osdep_bounding_empty())
		fatalx("capability bounding set not empty: nolistd needs "
		    "CAP_SETPCAP to clear it (see nolistd(8))");
	if ((rc = sandbox_engine()) != 0)
		fatalx("seccomp filter: %s", strerror(-rc));
}
