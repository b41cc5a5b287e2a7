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

#include <sys/types.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_log.h>
#include <linux/netlink.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compat.h"
#include "nflogcfg.h"

/*
 * One NFULNL_MSG_CONFIG message with a single attribute of 2 or 4
 * bytes. No ACK is asked for: libpcap reads this socket and passes over
 * anything that is not a packet, so an ACK could not be told from a
 * record arriving at the same moment. The kernel refuses these only for
 * a group this socket has not bound, and libpcap has just bound it.
 */
static int
send_attr(int fd, uint16_t group, uint16_t type, uint32_t value,
    size_t size)
{
	struct {
		struct nlmsghdr	nlh;
		struct nfgenmsg	nfg;
		struct nfattr	nfa;
		uint8_t		value[4];
	} msg;
	struct sockaddr_nl	kernel;
	uint32_t		v32 = htonl(value);
	uint16_t		v16 = htons((uint16_t)value);

	memset(&msg, 0, sizeof(msg));
	msg.nlh.nlmsg_len = sizeof(msg);
	msg.nlh.nlmsg_type = (NFNL_SUBSYS_ULOG << 8) | NFULNL_MSG_CONFIG;
	msg.nlh.nlmsg_flags = NLM_F_REQUEST;
	msg.nfg.nfgen_family = AF_UNSPEC;
	msg.nfg.version = NFNETLINK_V0;
	msg.nfg.res_id = htons(group);
	/* a 2-byte value is padded to 4 in the message, not in nfa_len */
	msg.nfa.nfa_len = sizeof(msg.nfa) + size;
	msg.nfa.nfa_type = type;
	if (size == sizeof(v16))
		memcpy(msg.value, &v16, sizeof(v16));
	else
		memcpy(msg.value, &v32, sizeof(v32));
	memset(&kernel, 0, sizeof(kernel));
	kernel.nl_family = AF_NETLINK;
	if (sendto(fd, &msg, sizeof(msg), 0, (struct sockaddr *)&kernel,
	    sizeof(kernel)) == -1)
		return -1;
	return 0;
}

/* "nflog:25" or "nflog:25,26", as libpcap names them */
static int
next_group(const char **s, uint16_t *group)
{
	const char	*errstr;
	char		 num[8];
	size_t		 n;

	n = strcspn(*s, ",");
	if (n == 0 || n >= sizeof(num))
		return -1;
	memcpy(num, *s, n);
	num[n] = '\0';
	*group = (uint16_t)strtonum(num, 0, 65535, &errstr);
	if (errstr != NULL)
		return -1;
	*s += n + ((*s)[n] == ',');
	return 0;
}

int
nflog_configure(int fd, const char *ifname, int rcvbuf, char *errbuf,
    size_t len)
{
	const char	*s = strchr(ifname, ':');
	uint16_t	 group;

	/* a flood must queue in the socket, not be dropped by the kernel */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf,
	    sizeof(rcvbuf)) == -1)
		(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf,
		    sizeof(rcvbuf));
	if (s == NULL)
		s = "0";
	else
		s++;
	while (*s != '\0') {
		if (next_group(&s, &group) == -1) {
			snprintf(errbuf, len, "interface %s: bad NFLOG group",
			    ifname);
			return -1;
		}
		/* sequence numbers: records lost are counted exactly */
		if (send_attr(fd, group, NFULA_CFG_QTHRESH, 1, 4) == -1 ||
		    send_attr(fd, group, NFULA_CFG_TIMEOUT, 0, 4) == -1 ||
		    send_attr(fd, group, NFULA_CFG_FLAGS, NFULNL_CFG_F_SEQ,
		    2) == -1) {
			snprintf(errbuf, len, "interface %s: NFLOG group %u "
			    "settings: %s", ifname, group, strerror(errno));
			return -1;
		}
	}
	return 0;
}
