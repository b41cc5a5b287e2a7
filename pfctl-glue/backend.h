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
 * The firewall table behind one small interface. A backend receives the
 * changes of one event-loop turn as one batch and sends them to the
 * kernel in one ioctl or one netlink batch.
 */
#ifndef NL_BACKEND_H
#define NL_BACKEND_H

#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "change.h"
#include "config.h"

struct nl_backend;

typedef void	nl_backend_list_fn(void *, const struct nl_addr *, int);

/*
 * How a backend reports once it runs, as warn(3), warnx(3) and two
 * quieter levels: the daemon passes its log.h, a test driver its own.
 */
struct nl_backend_log {
	void	(*warn)(const char *, ...)
		    __attribute__((__format__(printf, 1, 2)));
	void	(*warnx)(const char *, ...)
		    __attribute__((__format__(printf, 1, 2)));
	void	(*info)(const char *, ...)
		    __attribute__((__format__(printf, 1, 2)));
	void	(*debug)(const char *, ...)
		    __attribute__((__format__(printf, 1, 2)));
};

struct nl_backend_ops {
	const char	*name;
	/*
	 * errbuf gets one line saying what failed and what to do; later
	 * reports go to the log, which must outlive the backend
	 */
	void		*(*open)(const struct nl_config *,
			    const struct nl_backend_log *, char *, size_t);
	/*
	 * Adds and deletes, in order, as one batch. Returns -1 when any
	 * change failed, and then, where failed is not NULL, sets failed[i]
	 * for each change i the table did not take (an add it does not
	 * hold, a delete of an entry it may still hold). The caller zeroes
	 * failed. An add of an entry there already and a delete of one
	 * already gone did not fail.
	 */
	int		 (*apply)(void *, const struct nl_change *, size_t,
			    uint8_t *);
	/* make the table hold exactly these adds */
	int		 (*replace)(void *, const struct nl_change *, size_t);
	int		 (*list)(void *, nl_backend_list_fn *, void *);
	int		 (*flush)(void *);
	/*
	 * Called every few seconds: 0 when the table still holds what was
	 * put there (expected entries), 1 when it was emptied, recreated or
	 * removed (a ruleset reload) and the caller must replace() it,
	 * -1 on error.
	 */
	int		 (*check)(void *, size_t);
	/*
	 * The most entries the table can hold now, 0 when it does not
	 * say (NULL: no limit); a reload may not raise max-entries above.
	 */
	uint32_t	 (*capacity)(void *);
	void		 (*close)(void *);
};

struct nl_backend {
	const struct nl_backend_ops	*ops;
	void				*ctx;
};

const struct nl_backend_ops	*nl_backend_lookup(const char *);
int				 nl_backend_open(struct nl_backend *,
				    const struct nl_backend_ops *,
				    const struct nl_backend_log *,
				    const struct nl_config *, char *, size_t);
void				 nl_backend_close(struct nl_backend *);

extern const struct nl_backend_ops	nl_backend_print;
extern const struct nl_backend_ops	nl_backend_nft;
extern const struct nl_backend_ops	nl_backend_pf;
/* the ones this system has, NULL-terminated (backends-<os>.c) */
extern const struct nl_backend_ops *const nl_backends[];

#endif
