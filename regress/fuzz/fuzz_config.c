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
 * libFuzzer target: nl_config_parse_buf over an exact-size buffer with
 * no NUL after it, as the parser's contract allows: libFuzzer's own copy
 * of the input is one, so it is parsed in place. A valid result must
 * hold what the parser promises: both MX lists, no address in both, and
 * the port map in step with the port list.
 *
 * Only the first FZ_MAXLEN bytes are parsed: room for a line too long
 * and a short one after it, or for a whole configuration. The parser
 * keeps little from one line to the next (what was given, lists of at
 * most 16), so a longer input only repeats lines, and every byte costs
 * some ten comparisons, each a call into the fuzzer: 4 KB inputs ran at
 * a tenth of the speed.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

#define FZ_MAXLEN	(NL_CONFIG_MAXLINE + 64)

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
count_error(void *arg, const char *msg)
{
	size_t	*n = arg;

	/* every message is a C string that names the file */
	if (strncmp(msg, "fuzz.conf:", 10) != 0)
		abort();
	(*n)++;
}

static void
check_valid(const struct nl_config *c)
{
	uint64_t	word;
	size_t		i, j, inmap = 0, distinct = 0;

	if (c->nfake_mx == 0 || c->nreal_mx == 0 ||
	    c->nfake_mx > NL_MAXMX || c->nreal_mx > NL_MAXMX ||
	    c->nports > NL_MAXPORTS || c->nresolvers > NL_MAXRESOLVERS)
		abort();
	for (i = 0; i < c->nfake_mx; i++)
		for (j = 0; j < c->nreal_mx; j++)
			if (nl_addr_eq(&c->fake_mx[i], &c->real_mx[j]))
				abort();
	for (i = 0; i < c->nports; i++) {
		if (!nl_config_port_watched(c, c->ports[i]))
			abort();
		for (j = 0; j < i && c->ports[j] != c->ports[i]; j++)
			;
		distinct += j == i;
	}
	/* the map holds the list's ports and no others */
	for (i = 0; i < sizeof(c->port_map); i += sizeof(word)) {
		memcpy(&word, c->port_map + i, sizeof(word));
		inmap += __builtin_popcountll(word);
	}
	if (inmap != distinct)
		abort();
	if (memchr(c->interface, '\0', sizeof(c->interface)) == NULL ||
	    memchr(c->table, '\0', sizeof(c->table)) == NULL ||
	    memchr(c->state_file, '\0', sizeof(c->state_file)) == NULL ||
	    memchr(c->control_socket, '\0',
	    sizeof(c->control_socket)) == NULL ||
	    memchr(c->user, '\0', sizeof(c->user)) == NULL)
		abort();
	(void)nl_config_table(c, c->backend);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	/* the parser sets every field: one struct serves every input */
	static struct nl_config	 c;
	static uint8_t		*cut;
	size_t			 nerr = 0;
	int			 rc;

	/* a longer input's start, in a buffer of exactly that size */
	if (len > FZ_MAXLEN) {
		if (cut == NULL && (cut = malloc(FZ_MAXLEN)) == NULL)
			abort();
		memcpy(cut, data, FZ_MAXLEN);
		data = cut;
		len = FZ_MAXLEN;
	}
	rc = nl_config_parse_buf("fuzz.conf", (const char *)data, len, &c,
	    count_error, &nerr);
	/* the result counts the errors reported, all of them */
	if (rc < 0 || (size_t)rc != nerr)
		abort();
	if (rc == 0)
		check_valid(&c);
	return 0;
}
