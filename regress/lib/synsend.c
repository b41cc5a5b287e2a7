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

#include <sys/ioctl.h>
#include <sys/socket.h>

#include <linux/if_packet.h>
#include <net/if.h>

#include <err.h>
#include <string.h>

#include "compat.h"
#include "synsend.h"

/* a packet socket; the interface's MAC address in mac, its index */
int
synsend_open(const char *ifname, uint8_t *mac, int *ifindex)
{
	struct ifreq	ifr;
	int		fd;

	if ((fd = socket(AF_PACKET, SOCK_RAW, 0)) == -1)
		err(1, "packet socket");
	memset(&ifr, 0, sizeof(ifr));
	strlcpy(ifr.ifr_name, ifname, sizeof(ifr.ifr_name));
	if (ioctl(fd, SIOCGIFHWADDR, &ifr) == -1)
		err(1, "%s", ifname);
	memcpy(mac, ifr.ifr_hwaddr.sa_data, 6);
	if ((*ifindex = (int)if_nametoindex(ifname)) == 0)
		err(1, "%s", ifname);
	return fd;
}

/* adds big-endian 16-bit words to sum; an odd last byte is padded */
uint32_t
synsend_sum(const uint8_t *p, size_t len, uint32_t sum)
{
	size_t	i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	return sum;
}

/* the checksum field for sum: folded to 16 bits, complemented */
uint16_t
synsend_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}
