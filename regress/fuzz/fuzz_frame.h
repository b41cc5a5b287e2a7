/*
 * The body of the pflog and nflog libFuzzer targets, which differ only in
 * the parser they give it.
 */
#ifndef FUZZ_FRAME_H
#define FUZZ_FRAME_H

#include <stddef.h>
#include <stdint.h>

#include "record.h"

typedef int	fuzz_parse_fn(const uint8_t *, size_t, struct nl_record *);

void	fuzz_frame(const uint8_t *, size_t, fuzz_parse_fn *);

#endif
