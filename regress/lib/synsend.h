/*
 * What the tools that send whole frames of SYNs share (bench/syn-send,
 * regress/flood/synflood): a packet socket on an interface, which needs
 * no address or route per source, and the Internet checksum.
 */
#ifndef SYNSEND_H
#define SYNSEND_H

#include <stddef.h>
#include <stdint.h>

int		synsend_open(const char *, uint8_t *, int *);
uint32_t	synsend_sum(const uint8_t *, size_t, uint32_t);
uint16_t	synsend_fold(uint32_t);

#endif
