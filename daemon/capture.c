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

#include <stdio.h>
#include <string.h>

#include "capfilter.h"
#include "capture.h"
#include "compat.h"
#include "log.h"
#include "osdep.h"
#include "parse.h"

/* a pflog header, IPv6 with a few extension headers and TCP fit */
#define PFLOG_SNAPLEN	512
/* libpcap sizes its netlink buffer from this: a whole message must fit */
#define NFLOG_SNAPLEN	65535
#define CAPTURE_BUFSIZE	(4 * 1024 * 1024)

static int
is_nflog(const char *ifname)
{
	return strncmp(ifname, "nflog", 5) == 0;
}

static void
open_error(const char *ifname, pcap_t *p, int rc, char *errbuf, size_t len)
{
	const char	*hint;

	if (is_nflog(ifname))
		hint = "nolistd must run as root (CAP_NET_ADMIN), and no "
		    "other program may be bound to that NFLOG group";
	else
		hint = "create it with \"ifconfig pflog1 create\" and log to "
		    "it from pf.conf with \"log (to pflog1)\"";
	switch (rc) {
	case PCAP_ERROR_NO_SUCH_DEVICE:
		snprintf(errbuf, len, "interface %s: no such device: %s",
		    ifname, hint);
		break;
	case PCAP_ERROR_PERM_DENIED:
		snprintf(errbuf, len, "interface %s: permission denied: "
		    "nolistd must be started as root", ifname);
		break;
	default:
		snprintf(errbuf, len, "interface %s: %s: %s", ifname,
		    pcap_geterr(p), hint);
		break;
	}
}

static void
set_filter(pcap_t *p, const struct nl_config *conf)
{
	struct bpf_program	prog;
	char			expr[2048];

	capfilter_expr(conf, expr, sizeof(expr));
	if (pcap_compile(p, &prog, expr, 1, PCAP_NETMASK_UNKNOWN) == -1) {
		/* libpcap cannot filter some link types; the tracker does */
		log_debug("capture filter not used: %s", pcap_geterr(p));
		return;
	}
	if (pcap_setfilter(p, &prog) == -1)
		log_warnx("capture filter: %s", pcap_geterr(p));
	pcap_freecode(&prog);
}

pcap_t *
capture_open(const struct nl_config *conf, char *errbuf, size_t len)
{
	char	 ebuf[PCAP_ERRBUF_SIZE];
	pcap_t	*p;
	int	 rc, nflog = is_nflog(conf->interface);

	if ((p = pcap_create(conf->interface, ebuf)) == NULL) {
		snprintf(errbuf, len, "interface %s: %s", conf->interface,
		    ebuf);
		return NULL;
	}
	pcap_set_snaplen(p, nflog ? NFLOG_SNAPLEN : PFLOG_SNAPLEN);
	/* a buffered record would reach us after the sender's retry */
	pcap_set_immediate_mode(p, 1);
	pcap_set_buffer_size(p, CAPTURE_BUFSIZE);
	if ((rc = pcap_activate(p)) < 0) {
		open_error(conf->interface, p, rc, errbuf, len);
		pcap_close(p);
		return NULL;
	}
	if (rc > 0)
		log_warnx("interface %s: %s", conf->interface, pcap_geterr(p));
	rc = pcap_datalink(p);
	if (rc != NL_DLT_PFLOG && rc != NL_DLT_NFLOG) {
		snprintf(errbuf, len, "interface %s is not a firewall log "
		    "(link type %d): use a pflog interface or nflog:GROUP",
		    conf->interface, rc);
		pcap_close(p);
		return NULL;
	}
	if (osdep_capture_tune(pcap_fileno(p), conf->interface,
	    CAPTURE_BUFSIZE, errbuf, len) == -1) {
		pcap_close(p);
		return NULL;
	}
	set_filter(p, conf);
	if (pcap_setnonblock(p, 1, ebuf) == -1) {
		snprintf(errbuf, len, "interface %s: %s", conf->interface,
		    ebuf);
		pcap_close(p);
		return NULL;
	}
	return p;
}

int
capture_drops(pcap_t *p, unsigned long long *drops)
{
	struct pcap_stat	ps;

	if (pcap_stats(p, &ps) == -1)
		return -1;
	*drops = (unsigned long long)ps.ps_drop + ps.ps_ifdrop;
	return 0;
}
