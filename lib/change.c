#include "change.h"

static const char *const op_names[] = {
	[NL_OP_ADD] = "add",
	[NL_OP_DELETE] = "delete",
};

static const char *const reason_names[NL_REASON_MAX] = {
	[NL_REASON_FAKEMX] = "fake-mx",
	[NL_REASON_FCRDNS] = "fcrdns",
	[NL_REASON_POOL] = "pool",
	[NL_REASON_RENEW] = "renew",
	[NL_REASON_EXPIRE] = "expire",
	[NL_REASON_EVICT] = "evict",
	[NL_REASON_RESTORE] = "restore",
	[NL_REASON_MANUAL] = "manual",
};

const char *
nl_op_name(int op)
{
	if (op < 0 || op > NL_OP_DELETE)
		return "unknown";
	return op_names[op];
}

const char *
nl_reason_name(int reason)
{
	if (reason < 0 || reason >= NL_REASON_MAX)
		return "unknown";
	return reason_names[reason];
}
