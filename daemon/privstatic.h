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
 * The static table in the privileged parent: the ranges of the
 * spf-walk domains, which the engine walks and sends whole
 * (MSG_STATIC) each time they change. They go to the table beside the
 * whitelist (<mx-static>, mx_static4 and mx_static6: see
 * nl_table_static), through a second instance of the same backend, and
 * are put back there when a ruleset reload empties it.
 */
#ifndef NL_PRIVSTATIC_H
#define NL_PRIVSTATIC_H

#include "backend.h"
#include "config.h"
#include "msg.h"
#include "poolrules.h"

#define PRIVSTATIC_MAX	MSG_MAXSTATIC

struct privstatic;

struct privstatic	*privstatic_open(const struct nl_config *,
			    const struct nl_backend_ops *,
			    const struct nl_backend_log *, char *, size_t);
int			 privstatic_set(struct privstatic *, const struct msg *);
void			 privstatic_clear(struct privstatic *);
void			 privstatic_heal(struct privstatic *);
void			 privstatic_close(struct privstatic *);

#endif
