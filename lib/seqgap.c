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

#include <string.h>

#include "seqgap.h"

void
nl_seqgap_init(struct nl_seqgap *sg)
{
	memset(sg, 0, sizeof(*sg));
}

/*
 * The records of the group missing before this one. The first record of
 * a group only sets where it stands; a number behind the expected one
 * (the group was created again, counting from 0) starts it over.
 */
uint32_t
nl_seqgap_check(struct nl_seqgap *sg, uint16_t group, uint32_t seq)
{
	unsigned int	i;
	uint32_t	gap;

	for (i = 0; i < sg->ngroups && sg->group[i] != group; i++)
		;
	if (i == sg->ngroups) {
		if (i == NL_SEQGAP_GROUPS)
			return 0;
		sg->group[i] = group;
		sg->next[i] = seq + 1;
		sg->ngroups++;
		return 0;
	}
	gap = seq - sg->next[i];
	sg->next[i] = seq + 1;
	return gap > UINT32_MAX / 2 ? 0 : gap;
}
