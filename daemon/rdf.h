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
