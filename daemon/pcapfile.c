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
 * nolistd -r reads classic pcap files here rather than through libpcap,
 * which copies every record through stdio twice: mapped, a record is
 * used where it lies, and the next ones can be looked at ahead (replay.c
 * prefetches their whitelist entries). Anything else (pcapng, a pipe,
 * standard input, a format this does not know) is left to libpcap:
 * pcapfile_open says 0. Damage is reported in libpcap's words, so that
 * both readers fail alike.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "parse.h"
#include "pcapfile.h"

#define PCAP_MAGIC_USEC		0xa1b2c3d4U
#define PCAP_MAGIC_NSEC		0xa1b23c4dU
#define PCAP_FILEHDR_LEN	24
#define PCAP_RECHDR_LEN		16
#define PCAP_VERSION_MAJOR	2
/* libpcap refuses records longer than this, whatever the file says */
#define PCAP_MAX_CAPLEN		262144U
#define PCAP_PREFETCH		512	/* bytes ahead of the record read */
#define PCAP_KEEP		(256 * 1024)	/* mapped behind it */

/* the file header: 1 when this reader takes the file, else 0 */
static int
pcf_header(struct pcapfile *pcf)
{
	uint32_t	magic;

	if (pcf->size < PCAP_FILEHDR_LEN)
		return 0;
	memcpy(&magic, pcf->map, sizeof(magic));
	/*
	 * A file from a machine of the other byte order is left to libpcap,
	 * which also turns around the host-order fields of some link
	 * headers in it (NFLOG's TLVs).
	 */
	if (magic != PCAP_MAGIC_NSEC && magic != PCAP_MAGIC_USEC)
		return 0;
	pcf->nsec = magic == PCAP_MAGIC_NSEC;
	if (nl_get16h(pcf->map + 4) != PCAP_VERSION_MAJOR)
		return 0;
	/* the top bits hold the FCS length, not the link type */
	pcf->snaplen = nl_get32h(pcf->map + 16);
	pcf->linktype = (int)(nl_get32h(pcf->map + 20) & 0x03ffffffU);
	pcf->off = PCAP_FILEHDR_LEN;
	return 1;
}

/* 1: mapped and ready; 0: not for this reader, or it could not map it */
int
pcapfile_open(struct pcapfile *pcf, const char *path)
{
	struct stat	 st;
	void		*map;
	int		 fd;

	memset(pcf, 0, sizeof(*pcf));
	if (strcmp(path, "-") == 0 || (fd = open(path, O_RDONLY)) == -1)
		return 0;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_size < PCAP_FILEHDR_LEN) {
		close(fd);
		return 0;
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return 0;
	pcf->map = map;
	pcf->size = (size_t)st.st_size;
	if (!pcf_header(pcf)) {
		pcapfile_close(pcf);
		return 0;
	}
	(void)madvise(map, pcf->size, MADV_SEQUENTIAL);
	pcf->pagesize = (size_t)sysconf(_SC_PAGESIZE);
	return 1;
}

/* 1: a record; 0: the end; -1: damage, said in err */
int
pcapfile_next(struct pcapfile *pcf, struct pcaprec *r, char *err,
    size_t errlen)
{
	const uint8_t	*h = pcf->map + pcf->off;
	size_t		 left = pcf->size - pcf->off;
	uint32_t	 caplen, frac;
	size_t		 done;

	if (left == 0)
		return 0;
	if (left < PCAP_RECHDR_LEN) {
		snprintf(err, errlen, "truncated dump file; tried to read %d "
		    "header bytes, only got %zu", PCAP_RECHDR_LEN, left);
		return -1;
	}
	caplen = nl_get32h(h + 8);
	if (caplen > PCAP_MAX_CAPLEN) {
		if (caplen > pcf->snaplen)
			snprintf(err, errlen, "invalid packet capture length "
			    "%u, bigger than snaplen of %u", caplen,
			    pcf->snaplen);
		else
			snprintf(err, errlen, "invalid packet capture length "
			    "%u, bigger than maximum of %u", caplen,
			    PCAP_MAX_CAPLEN);
		return -1;
	}
	if (left - PCAP_RECHDR_LEN < caplen) {
		snprintf(err, errlen, "truncated dump file; tried to read %u "
		    "captured bytes, only got %zu", caplen,
		    left - PCAP_RECHDR_LEN);
		return -1;
	}
	/* as libpcap: no more than the file's snapshot length is seen */
	r->caplen = caplen > pcf->snaplen ? pcf->snaplen : caplen;
	r->ts.tv_sec = (time_t)nl_get32h(h);
	frac = nl_get32h(h + 4);
	r->ts.tv_usec = (suseconds_t)(pcf->nsec ? frac / 1000 : frac);
	r->data = h + PCAP_RECHDR_LEN;
	pcf->off += PCAP_RECHDR_LEN + caplen;
	/*
	 * Pages read are let go, or a long replay would count the whole
	 * file in its resident memory; the window of records read ahead
	 * stays well inside the last PCAP_KEEP bytes.
	 */
	if (pcf->off - pcf->released >= 2 * PCAP_KEEP) {
		done = (pcf->off - PCAP_KEEP) & ~(pcf->pagesize - 1);
		(void)madvise((void *)(uintptr_t)(pcf->map + pcf->released),
		    done - pcf->released, MADV_DONTNEED);
		pcf->released = done;
	}
	/* the records after this one, across page boundaries too */
	if (pcf->size - pcf->off > PCAP_PREFETCH)
		__builtin_prefetch(pcf->map + pcf->off + PCAP_PREFETCH);
	return 1;
}

void
pcapfile_close(struct pcapfile *pcf)
{
	if (pcf->map != NULL)
		munmap((void *)(uintptr_t)pcf->map, pcf->size);
	pcf->map = NULL;
}
