/*
 * nolistd -r: a capture file through the same pipeline as live records,
 * with the capture's timestamps as the clock.
 */
#include <err.h>
#include <pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "nolistd.h"
#include "pipeline.h"

static void
replay_stats(const char *file, const struct nl_stats *st)
{
	log_info("%s: %llu records, %llu skipped, %llu fake-mx attempts, "
	    "%llu whitelisted, %llu renewed, %llu direct-to-second-mx, "
	    "%llu expired, %llu evicted", file,
	    (unsigned long long)st->records, (unsigned long long)st->skipped,
	    (unsigned long long)st->fake_mx,
	    (unsigned long long)st->whitelisted,
	    (unsigned long long)st->renewed, (unsigned long long)st->direct,
	    (unsigned long long)st->expired, (unsigned long long)st->evicted);
}

int
replay_run(const struct nl_config *conf, const struct nolistd_opts *opts)
{
	static struct pipeline	 pl;
	char			 errbuf[PCAP_ERRBUF_SIZE + 256];
	struct pcap_pkthdr	*hdr;
	struct timeval		 ts;
	const u_char		*data;
	pcap_t			*p;
	int			 dlt, rc, status = 0;

	log_init(1, 0);
	log_setverbose(opts->verbose);
	if ((p = pcap_open_offline(opts->capture, errbuf)) == NULL) {
		/* libpcap names the file in some errors and not in others */
		if (strstr(errbuf, opts->capture) != NULL)
			errx(1, "%s", errbuf);
		errx(1, "%s: %s", opts->capture, errbuf);
	}
	dlt = pcap_datalink(p);
	if (!pipeline_dlt_supported(dlt))
		errx(1, "%s: link type %s (%d) is not a firewall log: nolistd "
		    "reads DLT_PFLOG and DLT_NFLOG", opts->capture,
		    pcap_datalink_val_to_name(dlt) ? pcap_datalink_val_to_name(dlt) :
		    "unknown", dlt);
	if (pipeline_init(&pl, conf, opts->backend, dlt, errbuf,
	    sizeof(errbuf)) == -1)
		errx(1, "%s", errbuf);
	pl.print_records = opts->print_records;

	while ((rc = pcap_next_ex(p, &hdr, &data)) == 1) {
		/* OpenBSD's pcap_pkthdr holds a struct bpf_timeval */
		ts.tv_sec = hdr->ts.tv_sec;
		ts.tv_usec = hdr->ts.tv_usec;
		pipeline_frame(&pl, &ts, data, hdr->caplen);
		pipeline_commit(&pl);
	}
	if (rc == PCAP_ERROR) {
		/* what came before the damage is kept and flushed */
		log_warnx("%s: %s", opts->capture, pcap_geterr(p));
		status = 1;
	}
	if (pipeline_commit(&pl) == -1 || fflush(stdout) == EOF)
		status = 1;
	if (opts->verbose)
		replay_stats(opts->capture, nl_tracker_stats(pl.tracker));
	pipeline_free(&pl);
	pcap_close(p);
	return status;
}
