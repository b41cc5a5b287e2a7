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

/* What the parent's files (priv.c, privapply.c, privtable.c) share. */
#ifndef NL_PRIVINT_H
#define NL_PRIVINT_H

#include <stddef.h>
#include <stdint.h>

#include "change.h"
#include "msg.h"
#include "priv.h"

/* priv.c */
void	priv_send(struct priv *, uint32_t, const void *, size_t);
void	priv_stop(struct priv *, int);

/* privapply.c */
void	priv_changes(struct priv *, const struct msg *);
void	priv_apply(struct priv *);
void	priv_apply_paced(struct priv *);
void	priv_apply_timer(int, short, void *);

/* privtable.c */
void	priv_to_wall(struct nl_change *, const struct nl_change *, size_t);
int	priv_restore(struct priv *, int);
void	priv_heal(int, short, void *);

#endif
