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

#include <stdio.h>
#include <string.h>

#include "backend.h"

const struct nl_backend_ops *
nl_backend_lookup(const char *name)
{
	size_t	i;

	for (i = 0; nl_backends[i] != NULL; i++)
		if (strcmp(nl_backends[i]->name, name) == 0)
			return nl_backends[i];
	return NULL;
}

int
nl_backend_open(struct nl_backend *be, const struct nl_backend_ops *ops,
    const struct nl_backend_log *log, const struct nl_config *conf,
    char *errbuf, size_t errlen)
{
	be->ops = ops;
	be->ctx = ops->open(conf, log, errbuf, errlen);
	return be->ctx == NULL ? -1 : 0;
}

void
nl_backend_close(struct nl_backend *be)
{
	if (be->ctx != NULL)
		be->ops->close(be->ctx);
	be->ctx = NULL;
}
