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
