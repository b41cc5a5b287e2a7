/*
 * libFuzzer target: one pflog frame through nl_parse_pflog, then its JSON
 * line (regress/fuzz/fuzz_frame.c).
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_frame.h"
#include "parse.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	fuzz_frame(data, len, nl_parse_pflog);
	return 0;
}
