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
 * The whitelist: prefixes with an expiry, a hash for lookup and binary
 * min-heaps on expiry for both expiry and oldest-first eviction, so every
 * operation is O(1) or O(log n) and nothing scans the whole set.
 * All memory is allocated up front for max entries: nothing allocates
 * on the packet path.
 *
 * Entries are prefixes: an address is masked to its length, and (masked
 * address, length) is the key. nl_wl_get, nl_wl_del, nl_wl_peek and
 * nl_wl_pop return 0 and copy the item out (where the pointer is not
 * NULL), or -1 when there is no such entry or the key is not valid.
 * nl_wl_put returns an nl_wl_put_result, or -1 for a bad address or
 * length; an entry that was there takes the new expiry, earlier or
 * later, and keeps its reason unless the put moves it up a class.
 * nl_wl_walk visits entries in an order that depends only on the
 * operations done, not on the hash seed.
 *
 * Entries are in classes, a segmented LRU, so that a flood of senders
 * seen once cannot push out those who proved themselves: the reason of
 * a put picks the class. Manual entries (up to a tenth of max) are never
 * evicted; a manual put beyond that budget is taken on probation.
 * Renewed ones (a sender that came on to a real MX) are protected, up to
 * 80% of max: past that, the one renewed least recently goes back on
 * probation. Everything else is on probation, which eviction takes from,
 * the entry that expires first. Expiry (peek, pop) is across all classes.
 * Every operation is still O(log n).
 */
#ifndef NL_WHITELIST_H
#define NL_WHITELIST_H

#include <stddef.h>
#include <stdint.h>

#include "addr.h"

struct nl_wl;

struct nl_wl_item {
	struct nl_addr	 addr;
	uint32_t	 expires;	/* epoch seconds */
	uint8_t		 plen;
	uint8_t		 reason;	/* enum nl_reason of the first add */
	uint8_t		 class;		/* enum nl_wl_class; set by the list */
};

enum nl_wl_class {
	NL_WL_PROBATION = 0,	/* seen at the fake MX, or restored */
	NL_WL_PROTECTED,	/* tried a real MX too: reason renew */
	NL_WL_MANUAL,		/* reason manual: never evicted */
	NL_WL_NCLASS
};

enum nl_wl_put_result {
	NL_WL_NEW = 0,		/* inserted */
	NL_WL_UPDATED,		/* was there; expiry set */
	NL_WL_NEW_EVICTED,	/* inserted after evicting the oldest */
	NL_WL_FULL		/* not inserted: nothing may be evicted */
};

struct nl_wl	*nl_wl_new(uint32_t);
void		 nl_wl_free(struct nl_wl *);
uint32_t	 nl_wl_count(const struct nl_wl *);
uint32_t	 nl_wl_max(const struct nl_wl *);
int		 nl_wl_get(const struct nl_wl *, const struct nl_addr *, int,
		    struct nl_wl_item *);
void		 nl_wl_prefetch(const struct nl_wl *, const struct nl_addr *,
		    int, int);
int		 nl_wl_put(struct nl_wl *, const struct nl_wl_item *,
		    struct nl_wl_item *);
int		 nl_wl_del(struct nl_wl *, const struct nl_addr *, int,
		    struct nl_wl_item *);
int		 nl_wl_peek(const struct nl_wl *, struct nl_wl_item *);
int		 nl_wl_pop(struct nl_wl *, struct nl_wl_item *);
uint32_t	 nl_wl_class_count(const struct nl_wl *, int);
uint32_t	 nl_wl_class_max(const struct nl_wl *, int);
void		 nl_wl_walk(const struct nl_wl *,
		    void (*)(void *, const struct nl_wl_item *), void *);
size_t		 nl_wl_entry_size(void);	/* bytes per entry, all-in */
size_t		 nl_wl_mem(const struct nl_wl *);	/* bytes allocated */
void		 nl_wl_touch(struct nl_wl *);	/* fault it all in now */

#endif
