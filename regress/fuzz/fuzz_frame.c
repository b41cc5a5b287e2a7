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
 * One log frame through a parser, and a parsed record through the JSON
 * line that -e prints, since that reads the record's strings and names
 * back.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_frame.h"
#include "json.h"
#include "parse.h"

void
fuzz_frame(const uint8_t *data, size_t len, fuzz_parse_fn *parse)
{
	struct nl_record	 r;
	char			 line[NL_JSON_RECORD_MAX];
	uint8_t			*frame;

	/* a copy of exactly len bytes, so that ASan sees any overread */
	if ((frame = malloc(len ? len : 1)) == NULL)
		return;
	memcpy(frame, data, len);
	memset(&r, 0, sizeof(r));
	if (parse(frame, len, &r) == NL_PARSE_OK) {
		if (memchr(r.ifname, '\0', sizeof(r.ifname)) == NULL ||
		    (r.src.af != NL_AF4 && r.src.af != NL_AF6) ||
		    r.dst.af != r.src.af || r.action >= NL_ACT_MAX ||
		    r.dir > NL_DIR_OUT)
			abort();
		if (nl_json_record(line, sizeof(line), &r) >= sizeof(line))
			abort();
	}
	free(frame);
}
