#include <stdio.h>
#include <string.h>

#include "backend.h"

static const struct nl_backend_ops *const backends[] = {
	&nl_backend_print,
#ifdef __linux__
	&nl_backend_nft,
#endif
#if defined(__OpenBSD__) || defined(__FreeBSD__)
	&nl_backend_pf,
#endif
};

const struct nl_backend_ops *
nl_backend_lookup(const char *name)
{
	size_t	i;

	for (i = 0; i < sizeof(backends) / sizeof(backends[0]); i++)
		if (strcmp(backends[i]->name, name) == 0)
			return backends[i];
	return NULL;
}

int
nl_backend_open(struct nl_backend *be, const struct nl_backend_ops *ops,
    const struct nl_backend_log *log, const struct nl_config *conf,
    char *errbuf, size_t errlen)
{
	be->ops = ops;
	be->ctx = ops->open(conf, log, errbuf, errlen);
	return be->ctx == NULL ? -1 : 0;
}

void
nl_backend_close(struct nl_backend *be)
{
	if (be->ctx != NULL)
		be->ops->close(be->ctx);
	be->ctx = NULL;
}
