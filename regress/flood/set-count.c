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
 * set-count: follows nf_tables' notifications (NFNLGRP_NFTABLES) for the
 * sets whose names begin with a prefix and keeps their members, so that
 * the flood test knows how many elements they held after every commit,
 * without dumping sets of 50,000 elements that change all the time.
 *
 *	set-count -p set-prefix
 *
 * On SIGTERM it prints "max N final N lost N": the most elements the
 * sets held together after a commit (NFT_MSG_NEWGEN ends each one), the
 * count at the end, and how many reads the kernel overran (then the
 * figures cannot be trusted). Start it before the sets get elements.
 */
#include <linux/netfilter/nf_tables.h>
#include <libmnl/libmnl.h>

#include <err.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nftnotify.h"

#define NBUCKETS	(1 << 20)

struct member {
	struct member	*next;
	uint8_t		 key[16];
	uint8_t		 len;
	uint8_t		 set;	/* the set name's last character */
};

struct counter {
	const char	*prefix;
	struct member	*bucket[NBUCKETS];
	unsigned long	 count;
	unsigned long	 max;
	unsigned long	 lost;
};

static volatile sig_atomic_t	stop;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static uint32_t
hash(const uint8_t *key, uint8_t len, uint8_t set)
{
	uint32_t	h = 2166136261u ^ set;
	uint8_t		i;

	for (i = 0; i < len; i++)
		h = (h ^ key[i]) * 16777619u;
	return h & (NBUCKETS - 1);
}

static struct member **
find(struct counter *c, const uint8_t *key, uint8_t len, uint8_t set)
{
	struct member	**mp = &c->bucket[hash(key, len, set)];

	for (; *mp != NULL; mp = &(*mp)->next)
		if ((*mp)->len == len && (*mp)->set == set &&
		    memcmp((*mp)->key, key, len) == 0)
			break;
	return mp;
}

/* membership, not messages, so that an add of a member counts once */
static void
update(struct counter *c, int add, const uint8_t *key, uint8_t len,
    uint8_t set)
{
	struct member	**mp = find(c, key, len, set), *m;

	if (add && *mp == NULL) {
		if ((m = calloc(1, sizeof(*m))) == NULL)
			err(1, NULL);
		memcpy(m->key, key, len);
		m->len = len;
		m->set = set;
		*mp = m;
		c->count++;
	} else if (!add && *mp != NULL) {
		m = *mp;
		*mp = m->next;
		free(m);
		c->count--;
	}
}

static void
on_elem(void *arg, int add, const char *set, const struct nftn_key *k)
{
	struct counter	*c = arg;

	if (strncmp(set, c->prefix, strlen(c->prefix)) == 0)
		update(c, add, k->a, k->len, (uint8_t)set[strlen(set) - 1]);
}

static int
on_msg(const struct nlmsghdr *nlh, void *arg)
{
	struct counter	*c = arg;

	/* a commit ends with the new generation */
	if (nftn_message(nlh, on_elem, c) == NFT_MSG_NEWGEN &&
	    c->count > c->max)
		c->max = c->count;
	return MNL_CB_OK;
}

int
main(int argc, char *argv[])
{
	static char		 buf[1 << 20];
	static struct counter	 c;
	struct mnl_socket	*nl;
	struct pollfd		 pfd;
	ssize_t			 n;
	int			 ch;

	while ((ch = getopt(argc, argv, "p:")) != -1) {
		if (ch != 'p') {
			fprintf(stderr, "usage: set-count -p set-prefix\n");
			return 1;
		}
		c.prefix = optarg;
	}
	if (c.prefix == NULL) {
		fprintf(stderr, "usage: set-count -p set-prefix\n");
		return 1;
	}
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	nl = nftn_subscribe();
	fprintf(stderr, "set-count: ready\n");
	pfd.fd = mnl_socket_get_fd(nl);
	pfd.events = POLLIN;
	while (!stop) {
		if (poll(&pfd, 1, 200) <= 0)
			continue;
		if ((n = nftn_recv(nl, buf, sizeof(buf), &c.lost)) == -1)
			continue;
		mnl_cb_run(buf, (size_t)n, 0, 0, on_msg, &c);
	}
	printf("max %lu final %lu lost %lu\n", c.max, c.count, c.lost);
	return 0;
}
