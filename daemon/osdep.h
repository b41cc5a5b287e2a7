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
 * What each system does its own way, behind a few functions: one file
 * per system, chosen by the build (osdep-linux.c, osdep-bsd.c). pledge,
 * unveil and setproctitle are not here: they are called as they are, and
 * lib/compat supplies them where the system lacks them.
 */
#ifndef NL_OSDEP_H
#define NL_OSDEP_H

#include <stddef.h>

/* settings a capture needs after pcap_activate; -1 with errbuf set */
int	osdep_capture_tune(int, const char *, int, char *, size_t);
/* the parent: keep only what changing the table needs */
void	osdep_parent_confine(void);
/* the engine, still root: what must go while it still can */
void	osdep_engine_prepare(void);
/* the engine, after setresuid: nothing may come back */
void	osdep_engine_confine(void);

#endif
