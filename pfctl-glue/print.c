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
 * The print backend: SPEC's JSON lines on stdout, one per table change,
 * for dry runs and tests. It keeps no table of its own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "compat.h"
#include "json.h"

struct print_ctx {
	FILE	*out;
	char	 table[NL_NAMELEN];
	char	 line[NL_JSON_CHANGE_MAX];
};

static void *
print_open(const struct nl_config *conf, const struct nl_backend_log *log,
    char *errbuf, size_t errlen)
{
	struct print_ctx	*pc;

	(void)log;	/* it prints its changes and has nothing to report */
	if ((pc = calloc(1, sizeof(*pc))) == NULL) {
		snprintf(errbuf, errlen, "print backend: out of memory");
		return NULL;
	}
	pc->out = stdout;
	strlcpy(pc->table, nl_config_table(conf, NL_BACKEND_PRINT),
	    sizeof(pc->table));
	return pc;
}

static int
print_write(struct print_ctx *pc, const struct nl_change *c, size_t n)
{
	size_t	i, len;

	for (i = 0; i < n; i++) {
		len = nl_json_change(pc->line, sizeof(pc->line), pc->table,
		    &c[i]);
		pc->line[len] = '\n';
		fwrite(pc->line, 1, len + 1, pc->out);
	}
	/*
	 * No flush here: a replay writes a batch per record, and the -e
	 * lines share this stream. Whoever ends a turn flushes stdout.
	 */
	return ferror(pc->out) ? -1 : 0;
}

/* a line that did not reach the stream cannot be told from the others */
static int
print_apply(void *ctx, const struct nl_change *c, size_t n, uint8_t *failed)
{
	if (print_write(ctx, c, n) == 0)
		return 0;
	if (failed != NULL)
		memset(failed, 1, n);
	return -1;
}

static int
print_replace(void *ctx, const struct nl_change *c, size_t n)
{
	return print_write(ctx, c, n);
}

static int
print_list(void *ctx, nl_backend_list_fn *fn, void *arg)
{
	(void)ctx;
	(void)fn;
	(void)arg;
	return 0;
}

static int
print_flush(void *ctx)
{
	(void)ctx;
	return 0;
}

static int
print_check(void *ctx, size_t expected)
{
	(void)ctx;
	(void)expected;
	return 0;
}

static void
print_close(void *ctx)
{
	free(ctx);
}

const struct nl_backend_ops nl_backend_print = {
	.name = "print",
	.open = print_open,
	.apply = print_apply,
	.replace = print_replace,
	.list = print_list,
	.flush = print_flush,
	.check = print_check,
	.close = print_close,
};
