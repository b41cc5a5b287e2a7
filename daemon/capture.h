/*
 * The live source: libpcap on a pflog interface or an NFLOG group, in
 * immediate mode, non-blocking, filtered to TCP SYNs to the watched ports.
 */
#ifndef NL_CAPTURE_H
#define NL_CAPTURE_H

#include <pcap.h>
#include <stddef.h>

#include "config.h"

pcap_t	*capture_open(const struct nl_config *, char *, size_t);
int	 capture_drops(pcap_t *, unsigned long long *);

#endif
