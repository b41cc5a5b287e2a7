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

static uint32_t
pf_u32(const uint8_t *p)
{
	uint32_t	v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint16_t
pf_u16(const uint8_t *p)
{
	uint16_t	v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* the file header: 1 when this reader takes the file, else 0 */
static int
pf_header(struct pcapfile *pf)
{
	uint32_t	magic;

	if (pf->size < PCAP_FILEHDR_LEN)
		return 0;
	memcpy(&magic, pf->map, sizeof(magic));
	/*
	 * A file from a machine of the other byte order is left to libpcap,
	 * which also turns around the host-order fields of some link
	 * headers in it (NFLOG's TLVs).
	 */
	if (magic != PCAP_MAGIC_NSEC && magic != PCAP_MAGIC_USEC)
		return 0;
	pf->nsec = magic == PCAP_MAGIC_NSEC;
	if (pf_u16(pf->map + 4) != PCAP_VERSION_MAJOR)
		return 0;
	/* the top bits hold the FCS length, not the link type */
	pf->snaplen = pf_u32(pf->map + 16);
	pf->linktype = (int)(pf_u32(pf->map + 20) & 0x03ffffffU);
	pf->off = PCAP_FILEHDR_LEN;
	return 1;
}

/* 1: mapped and ready; 0: not for this reader, or it could not map it */
int
pcapfile_open(struct pcapfile *pf, const char *path)
{
	struct stat	 st;
	void		*map;
	int		 fd;

	memset(pf, 0, sizeof(*pf));
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
	pf->map = map;
	pf->size = (size_t)st.st_size;
	if (!pf_header(pf)) {
		pcapfile_close(pf);
		return 0;
	}
	(void)madvise(map, pf->size, MADV_SEQUENTIAL);
	pf->pagesize = (size_t)sysconf(_SC_PAGESIZE);
	return 1;
}

/* 1: a record; 0: the end; -1: damage, said in err */
int
pcapfile_next(struct pcapfile *pf, struct pcaprec *r, char *err,
    size_t errlen)
{
	const uint8_t	*h = pf->map + pf->off;
	size_t		 left = pf->size - pf->off;
	uint32_t	 caplen, frac;
	size_t		 done;

	if (left == 0)
		return 0;
	if (left < PCAP_RECHDR_LEN) {
		snprintf(err, errlen, "truncated dump file; tried to read %d "
		    "header bytes, only got %zu", PCAP_RECHDR_LEN, left);
		return -1;
	}
	caplen = pf_u32(h + 8);
	if (caplen > PCAP_MAX_CAPLEN) {
		if (caplen > pf->snaplen)
			snprintf(err, errlen, "invalid packet capture length "
			    "%u, bigger than snaplen of %u", caplen,
			    pf->snaplen);
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
	r->caplen = caplen > pf->snaplen ? pf->snaplen : caplen;
	r->ts.tv_sec = (time_t)pf_u32(h);
	frac = pf_u32(h + 4);
	r->ts.tv_usec = (suseconds_t)(pf->nsec ? frac / 1000 : frac);
	r->data = h + PCAP_RECHDR_LEN;
	pf->off += PCAP_RECHDR_LEN + caplen;
	/*
	 * Pages read are let go, or a long replay would count the whole
	 * file in its resident memory; the window of records read ahead
	 * stays well inside the last PCAP_KEEP bytes.
	 */
	if (pf->off - pf->released >= 2 * PCAP_KEEP) {
		done = (pf->off - PCAP_KEEP) & ~(pf->pagesize - 1);
		(void)madvise((void *)(uintptr_t)(pf->map + pf->released),
		    done - pf->released, MADV_DONTNEED);
		pf->released = done;
	}
	/* the records after this one, across page boundaries too */
	if (pf->size - pf->off > PCAP_PREFETCH)
		__builtin_prefetch(pf->map + pf->off + PCAP_PREFETCH);
	return 1;
}

void
pcapfile_close(struct pcapfile *pf)
{
	if (pf->map != NULL)
		munmap((void *)(uintptr_t)pf->map, pf->size);
	pf->map = NULL;
}
