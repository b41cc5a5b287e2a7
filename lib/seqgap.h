/*
 * Records lost between the kernel and nolistd, counted exactly from the
 * sequence number NFLOG puts in every record of a group when asked to
 * (NFULNL_CFG_F_SEQ): libpcap counts only how often the socket overflowed,
 * and one overflow can lose thousands.
 */
#ifndef NL_SEQGAP_H
#define NL_SEQGAP_H

#include <stdint.h>

#define NL_SEQGAP_GROUPS	16

struct nl_seqgap {
	uint32_t	next[NL_SEQGAP_GROUPS];
	uint16_t	group[NL_SEQGAP_GROUPS];
	unsigned int	ngroups;
};

void		nl_seqgap_init(struct nl_seqgap *);
uint32_t	nl_seqgap_check(struct nl_seqgap *, uint16_t, uint32_t);

#endif
