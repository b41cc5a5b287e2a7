/*
 * The parent's side of the engine's start (engine.h says what comes in
 * which order).
 */
#ifndef NL_ENGINEFEED_H
#define NL_ENGINEFEED_H

#include "config.h"
#include "engine.h"
#include "msg.h"
#include "whitelist.h"

int	enginefeed_send(struct msgbuf *, const struct engine_msg_setup *,
	    const struct nl_config *, const struct nl_wl *);

#endif
