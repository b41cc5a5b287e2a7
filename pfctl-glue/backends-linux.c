/* The backends a Linux build has; the build picks this file. */
#include <stddef.h>

#include "backend.h"

const struct nl_backend_ops *const nl_backends[] = {
	&nl_backend_print,
	&nl_backend_nft,
	NULL
};
