/*
 * The control socket: nolistctl's requests, served on the daemon's event
 * loop without ever blocking it. The privileged parent creates the socket
 * with control_listen before it drops privileges; the process that owns
 * the whitelist serves it with control_new, through control_ops.
 *
 * The wire protocol is described in lib/ctlproto.h. At most
 * CONTROL_MAXCONN connections are served at once; a request must arrive
 * within CONTROL_REQ_TIMEOUT seconds and a response must make progress
 * every CONTROL_WRITE_TIMEOUT seconds, or the connection is closed.
 * Responses are produced as the client reads them, so a long whitelist
 * costs its snapshot (count * sizeof(struct nl_wl_item)) and a bounded
 * output queue, whatever the client does. The process must ignore
 * SIGPIPE.
 */
#ifndef NL_CONTROL_H
#define NL_CONTROL_H

#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "tracker.h"
#include "whitelist.h"

#define CONTROL_MAXCONN		16
#define CONTROL_REQ_TIMEOUT	5	/* seconds to send the request */
#define CONTROL_WRITE_TIMEOUT	10	/* seconds without reading */
#define CONTROL_LIFETIME	120	/* seconds a connection may last */

struct event_base;

/*
 * walk calls fn for every whitelist entry; count returns how many there
 * are. add and del return 0, or -1 with a message in err. flush returns
 * the number of entries removed, or -1 with a message in err.
 */
struct control_ops {
	void		(*walk)(void *, void (*)(void *,
			    const struct nl_wl_item *), void *);
	void		(*stats)(void *, struct nl_stats *);
	uint32_t	(*count)(void *);
	int		(*add)(void *, const struct nl_addr *, int, char *,
			    size_t);
	int		(*del)(void *, const struct nl_addr *, int, char *,
			    size_t);
	int		(*flush)(void *, char *, size_t);
};

/* control_ops over a struct nl_tracker, with reason manual */
extern const struct control_ops	control_tracker_ops;

struct control;

int		 control_listen(const char *, char *, size_t);
struct control	*control_new(struct event_base *, int,
		    const struct control_ops *, void *);
void		 control_free(struct control *);

#endif
