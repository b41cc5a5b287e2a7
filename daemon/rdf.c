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

#include <stdlib.h>

#include <ldns/ldns.h>

#include "addr.h"
#include "expand.h"
#include "rdf.h"

int
rdf_name(const ldns_rdf *rd, char *buf, size_t len)
{
	char	*s;
	int	 rv;

	if (rd == NULL || ldns_rdf_get_type(rd) != LDNS_RDF_TYPE_DNAME ||
	    (s = ldns_rdf2str(rd)) == NULL)
		return -1;
	rv = nl_name_normalize(s, buf, len);
	free(s);
	return rv;
}

int
rdf_addr(const ldns_rdf *rd, struct nl_addr *a)
{
	if (rd == NULL)
		return -1;
	if (ldns_rdf_get_type(rd) == LDNS_RDF_TYPE_A &&
	    ldns_rdf_size(rd) == 4) {
		nl_addr_set4(a, ldns_rdf_data(rd));
		return 0;
	}
	if (ldns_rdf_get_type(rd) == LDNS_RDF_TYPE_AAAA &&
	    ldns_rdf_size(rd) == 16) {
		nl_addr_set6(a, ldns_rdf_data(rd));
		return 0;
	}
	return -1;
}
