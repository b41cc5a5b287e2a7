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
 * libFuzzer target: a state file as anyone who could write it might
 * (state_read, daemon/state.c). The input follows the version line, so
 * the fuzzer spends its time on entries; every entry taken must obey
 * the prefix policy and the latest expiry given, and every refused line
 * is reported with the file's name.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"
#include "state.h"

#define LATEST	1800000000U

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char	path[] = "fuzz.state";

static void
entry(void *arg, const struct nl_wl_item *it)
{
	(void)arg;
	if (!nl_policy_prefix(&it->addr, it->plen) || it->expires > LATEST)
		abort();
}

static void
error(void *arg, const char *msg)
{
	(void)arg;
	if (strncmp(msg, path, strlen(path)) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char	 header[] = "# nolistd state 1\n";
	static uint8_t		 buf[sizeof(header) + 65536];
	FILE			*fp;

	if (size > sizeof(buf) - sizeof(header))
		return 0;
	memcpy(buf, header, sizeof(header) - 1);
	memcpy(buf + sizeof(header) - 1, data, size);
	if ((fp = fmemopen(buf, sizeof(header) - 1 + size, "r")) == NULL)
		abort();
	state_read_fp(fp, path, LATEST, entry, NULL, error, NULL);
	fclose(fp);
	return 0;
}
