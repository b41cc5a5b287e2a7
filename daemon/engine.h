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
 * The unprivileged engine: capture, parsing, the tracker, DNS expansion
 * and the control socket. The parent starts it with fork and exec
 * (nolistd -E), so it shares neither memory nor address-space layout
 * with the parent. It runs as the configured user, chrooted, with no
 * capabilities, and sends its table changes to the parent.
 *
 * At start the parent sends, in this order: MSG_SETUP, MSG_CONFIG, then
 * its table as MSG_RESTORE batches closed by an empty one.
 */
#ifndef NL_ENGINE_H
#define NL_ENGINE_H

#include <sys/types.h>

#include "monotime.h"
#include "resolver.h"
#include "sync.h"

/* where the exec'd engine finds what the parent opened for it */
#define ENGINE_PARENT_FD	3
#define ENGINE_CONTROL_FD	4

/* MSG_SETUP: what the engine cannot learn once it has dropped root */
struct engine_msg_setup {
	uid_t		 uid;
	gid_t		 gid;
	char		 home[256];
	struct res_conf	 sys;		/* resolv.conf, read by the parent */
	char		 backend[16];	/* for the log */
	int32_t		 print_records;	/* -e */
	int32_t		 control;	/* ENGINE_CONTROL_FD is listening */
	struct sync_setup sync;		/* address and credentials */
	struct dclock	 clock;		/* the parent's daemon clock */
};

void	engine_main(int, int) __attribute__((__noreturn__));

#endif
