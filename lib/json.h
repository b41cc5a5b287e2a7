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
 * SPEC's JSON lines, formatted into the caller's buffer (no allocation).
 * Each returns the length written, without the newline it appends.
 */
#ifndef NL_JSON_H
#define NL_JSON_H

#include <stddef.h>

#include "change.h"
#include "record.h"

#define NL_JSON_RECORD_MAX	(NL_IFNAMELEN * 6 + 256)
#define NL_JSON_CHANGE_MAX	(2 * 256 * 6 + 256)

size_t	nl_json_record(char *, size_t, const struct nl_record *);
size_t	nl_json_change(char *, size_t, const char *, const struct nl_change *);
size_t	nl_json_string(char *, size_t, const char *);

#endif
