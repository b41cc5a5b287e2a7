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
 * Classic pcap files in this machine's byte order, for nolistd -r, read
 * in place from a mapping.
 */
#ifndef NL_PCAPFILE_H
#define NL_PCAPFILE_H

#include <sys/types.h>
#include <sys/time.h>

#include <stdint.h>

struct pcapfile {
	const uint8_t	*map;
	size_t		 size;
	size_t		 off;
	size_t		 released;	/* pages before it are let go */
	size_t		 pagesize;
	int		 nsec;		/* fractions are nanoseconds */
	int		 linktype;
	uint32_t	 snaplen;
};

struct pcaprec {
	struct timeval	 ts;
	const uint8_t	*data;		/* valid until pcapfile_close */
	uint32_t	 caplen;
};

int	pcapfile_open(struct pcapfile *, const char *);
int	pcapfile_next(struct pcapfile *, struct pcaprec *, char *, size_t);
void	pcapfile_close(struct pcapfile *);

#endif
