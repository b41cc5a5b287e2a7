#include <sys/types.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "compat.h"

void
nl_addr_set4(struct nl_addr *a, const uint8_t *p)
{
	memset(a, 0, sizeof(*a));
	a->af = NL_AF4;
	memcpy(a->a, p, 4);
}

void
nl_addr_set6(struct nl_addr *a, const uint8_t *p)
{
	a->af = NL_AF6;
	memcpy(a->a, p, 16);
}

int
nl_addr_parse(const char *s, struct nl_addr *a)
{
	uint8_t	buf[16];

	if (inet_pton(AF_INET, s, buf) == 1) {
		nl_addr_set4(a, buf);
		return 0;
	}
	if (inet_pton(AF_INET6, s, buf) == 1) {
		nl_addr_set6(a, buf);
		return 0;
	}
	return -1;
}

/* "addr" or "addr/len"; a plain address has the family's full length */
int
nl_prefix_parse(const char *s, struct nl_addr *a, int *plen)
{
	char		 buf[NL_PREFIXSTRLEN];
	const char	*slash, *errstr;
	size_t		 n;
	long long	 len;

	if ((slash = strchr(s, '/')) == NULL) {
		if (nl_addr_parse(s, a) == -1)
			return -1;
		*plen = nl_addr_maxplen(a);
		return 0;
	}
	n = slash - s;
	if (n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (nl_addr_parse(buf, a) == -1)
		return -1;
	errstr = NULL;
	len = strtonum(slash + 1, 0, nl_addr_maxplen(a), &errstr);
	if (errstr != NULL)
		return -1;
	*plen = (int)len;
	nl_addr_mask(a, *plen);
	return 0;
}

int
nl_addr_maxplen(const struct nl_addr *a)
{
	return a->af == NL_AF4 ? 32 : 128;
}

void
nl_addr_mask(struct nl_addr *a, int plen)
{
	int	i, max = nl_addr_maxplen(a) / 8;

	if (plen < 0)
		plen = 0;
	for (i = plen / 8; i < max; i++) {
		if (i == plen / 8 && plen % 8 != 0)
			a->a[i] &= (uint8_t)(0xff << (8 - plen % 8));
		else
			a->a[i] = 0;
	}
}

int
nl_addr_eq(const struct nl_addr *a, const struct nl_addr *b)
{
	return a->af == b->af && memcmp(a->a, b->a, sizeof(a->a)) == 0;
}

int
nl_addr_cmp(const struct nl_addr *a, const struct nl_addr *b)
{
	if (a->af != b->af)
		return a->af < b->af ? -1 : 1;
	return memcmp(a->a, b->a, sizeof(a->a));
}

/*
 * FNV-1a over the family, prefix length and address, mixed with a seed
 * chosen at start so that senders cannot aim at one hash chain.
 */
uint32_t
nl_addr_hash(const struct nl_addr *a, int plen, uint32_t seed)
{
	uint32_t	h = 2166136261u ^ seed;
	int		i, n = a->af == NL_AF4 ? 4 : 16;

	h = (h ^ a->af) * 16777619u;
	h = (h ^ (uint8_t)plen) * 16777619u;
	for (i = 0; i < n; i++)
		h = (h ^ a->a[i]) * 16777619u;
	h ^= h >> 15;
	h *= 0x2c1b3c6du;
	h ^= h >> 12;
	return h;
}

const char *
nl_addr_ntop(const struct nl_addr *a, char *buf, size_t len)
{
	int	af = a->af == NL_AF4 ? AF_INET : AF_INET6;

	if (a->af != NL_AF4 && a->af != NL_AF6) {
		snprintf(buf, len, "?");
		return buf;
	}
	if (inet_ntop(af, a->a, buf, len) == NULL)
		snprintf(buf, len, "?");
	return buf;
}

const char *
nl_prefix_ntop(const struct nl_addr *a, int plen, char *buf, size_t len)
{
	char	abuf[NL_ADDRSTRLEN];

	snprintf(buf, len, "%s/%d", nl_addr_ntop(a, abuf, sizeof(abuf)), plen);
	return buf;
}
