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
 * OpenBSD and FreeBSD: root's powers go with setresuid, and OpenBSD's
 * pledge and unveil are called where they apply (lib/compat makes them
 * no-ops on FreeBSD).
 */
#include <stddef.h>

#include "osdep.h"

/* pflog is read as it comes: nothing to tune */
int
osdep_capture_tune(int fd, const char *ifname, int bufsize, char *errbuf,
    size_t len)
{
	(void)fd;
	(void)ifname;
	(void)bufsize;
	(void)errbuf;
	(void)len;
	return 0;
}

void
osdep_parent_confine(void)
{
}

void
osdep_engine_prepare(void)
{
}

void
osdep_engine_confine(void)
{
}
