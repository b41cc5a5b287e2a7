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
 * Only SYNs (SYN set; ACK, FIN and RST clear) to the watched ports reach
 * user space. tcp[] and "tcp dst port" find the TCP header behind IPv4's
 * options but only right behind IPv6's fixed header, so IPv6 is matched
 * on the next header and the flags byte after the fixed header; an IPv6
 * packet with extension headers passes whole, ports and flags unchecked
 * here: the record parser walks its headers and the tracker checks it.
 */
#include <stdio.h>
#include <string.h>

#include "capfilter.h"
#include "compat.h"

#define CAPFILTER_SYN4	"tcp[tcpflags] & (tcp-syn|tcp-ack|tcp-fin|tcp-rst) " \
			"== tcp-syn"
/* the flags byte is at 40 + 13; SYN 0x02 of ACK 0x10, RST 0x04, FIN 0x01 */
#define CAPFILTER_SYN6	"ip6[53] & 0x17 == 0x02"

static void
capfilter_ports(const struct nl_config *conf, char *buf, size_t len)
{
	char	port[32];
	size_t	i;

	strlcat(buf, "(", len);
	for (i = 0; i < conf->nports; i++) {
		snprintf(port, sizeof(port), "%stcp dst port %u",
		    i ? " or " : "", conf->ports[i]);
		strlcat(buf, port, len);
	}
	strlcat(buf, ")", len);
}

void
capfilter_expr(const struct nl_config *conf, char *buf, size_t len)
{
	strlcpy(buf, "(ip and ", len);
	capfilter_ports(conf, buf, len);
	strlcat(buf, " and " CAPFILTER_SYN4 ") or (ip6 and ip6[6] == 6 and ",
	    len);
	capfilter_ports(conf, buf, len);
	strlcat(buf, " and " CAPFILTER_SYN6 ") or (ip6 and ip6[6] != 6)", len);
}
