/*
 * SPF walks on the event loop: lib/spfwalk.c asks, the resolver answers.
 * Every walk started ends in exactly one callback, which may come before
 * spfwalk_start returns (answers from the cache); spfwalker_free ends the
 * walks under way without their callbacks, and must come after the
 * resolver is freed, which drops their questions.
 */
#ifndef NL_SPFDNS_H
#define NL_SPFDNS_H

#include <stdint.h>

#include "resolver.h"
#include "spfwalk.h"

/* the walk, valid only during the call */
typedef void	(*spfwalk_cb)(void *, const struct nl_spfwalk *);

struct spfwalker;

struct spfwalker	*spfwalker_new(struct resolver *);
int			 spfwalk_start(struct spfwalker *, const char *,
			    uint32_t, spfwalk_cb, void *);
uint32_t		 spfwalker_active(const struct spfwalker *);
void			 spfwalker_free(struct spfwalker *);

#endif
