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
 * libFuzzer: any bytes as a request line and as a status line. A request
 * that parses must encode back to a line that parses to the same
 * request, and every answer formatted for it must fit its bound.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ctlproto.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nl_ctl_req	req, again;
	char			err[NL_CTL_MAXERR], line[NL_CTL_MAXREQ + 1];
	char			out[NL_CTL_ITEMMAX + NL_CTL_MAXERR];
	size_t			len;

	(void)nl_ctl_status((const char *)data, size, err, sizeof(err));
	if (nl_ctl_parse((const char *)data, size, &req, err,
	    sizeof(err)) == -1) {
		if (strlen(err) == 0)
			abort();
		len = nl_ctl_fmt_error(out, sizeof(out), err);
		if (len == 0 || out[len - 1] != '\n' ||
		    memchr(out, '\n', len - 1) != NULL)
			abort();
		return 0;
	}
	if ((len = nl_ctl_encode(line, sizeof(line), &req)) == 0 ||
	    line[len - 1] != '\n')
		abort();
	if (nl_ctl_parse(line, len - 1, &again, err, sizeof(err)) == -1 ||
	    memcmp(&req, &again, sizeof(req)) != 0)
		abort();
	if (req.cmd == NL_CTL_ADD || req.cmd == NL_CTL_DELETE ||
	    req.cmd == NL_CTL_FLUSH) {
		len = nl_ctl_fmt_done(out, NL_CTL_ITEMMAX, &req, UINT32_MAX);
		if (len + 1 >= NL_CTL_ITEMMAX || out[len - 1] != '\n')
			abort();
	}
	return 0;
}
