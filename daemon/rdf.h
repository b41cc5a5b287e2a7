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
 * ldns's rdata as nolist's own types, for nolistd's DNS expansion and
 * nolistctl check alike.
 *
 * rdf_name: a domain name, normalized as nl_name_normalize does; -1 when
 * the rdf is missing, not a name, or does not normalize.
 * rdf_addr: the address of an A or AAAA rdf; -1 for anything else.
 */
#ifndef NL_RDF_H
#define NL_RDF_H

#include <stddef.h>

#include <ldns/ldns.h>

#include "addr.h"

int	rdf_name(const ldns_rdf *, char *, size_t);
int	rdf_addr(const ldns_rdf *, struct nl_addr *);

#endif
