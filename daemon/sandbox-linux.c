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
 * The engine's seccomp filter: what pledge("stdio inet unix bpf") leaves
 * it on OpenBSD (engine.c), as Linux system calls. The list is what the
 * engine was seen to make once confined (the daemon, live, dns and
 * control tests, plain and under ASan and UBSan); any other call kills
 * it, and the parent logs the SIGSYS. Nothing opens a file or runs a
 * program: every descriptor it needs is open before the filter goes on.
 * Sockets are UDP and TCP for DNS and Redis (sync), and AF_UNIX for
 * syslog(3).
 */
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>

#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

#include <seccomp.h>

#include "sandbox.h"

static const char *const sandbox_calls[] = {
	/* stdio: descriptors it holds, memory, time, signals, exit */
	"read", "readv", "write", "writev", "close", "fcntl", "fstat",
	"newfstatat", "lseek", "brk", "munmap", "mremap", "madvise", "futex",
	"getpid", "gettid", "getuid", "geteuid", "getgid", "getegid",
	"getrandom", "clock_gettime", "clock_getres", "gettimeofday", "time",
	"rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "restart_syscall",
	"exit", "exit_group",
	/* the event loop (libevent), and its signal pipe */
	"pipe2", "epoll_create", "epoll_create1", "epoll_ctl", "epoll_wait",
	"epoll_pwait",
	/* bounded waits: hiredis's first connect and load, the last flush */
	"poll", "ppoll",
	/* inet and unix: DNS over UDP and TCP, the control socket, syslog */
	"connect", "accept", "accept4", "getsockname", "getpeername",
	"getsockopt", "setsockopt", "sendto", "recvfrom", "shutdown",
#ifdef NL_SANITIZE
	/* ASan's runtime */
	"sigaltstack",
#endif
};

static const int sandbox_families[] = { AF_UNIX, AF_INET, AF_INET6 };

#ifdef NL_SANITIZE
/*
 * LeakSanitizer clones a tracer at exit, which the filter forbids, and
 * could not read the chrooted engine's /proc anyway: off once confined.
 */
static int	sandbox_on;

int	__lsan_is_turned_off(void);

int
__lsan_is_turned_off(void)
{
	return sandbox_on;
}
#endif

/* a call allowed only with this value as its argument number arg */
static int
sandbox_allow_arg(scmp_filter_ctx ctx, int nr, unsigned int arg,
    scmp_datum_t value)
{
	struct scmp_arg_cmp	cmp;

	memset(&cmp, 0, sizeof(cmp));
	cmp.arg = arg;
	cmp.op = SCMP_CMP_EQ;
	cmp.datum_a = value;
	return seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW, nr, 1, &cmp);
}

/* memory, but never executable memory: no "prot_exec" in the pledge */
static int
sandbox_allow_noexec(scmp_filter_ctx ctx, int nr)
{
	struct scmp_arg_cmp	cmp;

	memset(&cmp, 0, sizeof(cmp));
	cmp.arg = 2;
	cmp.op = SCMP_CMP_MASKED_EQ;
	cmp.datum_a = PROT_EXEC;
	cmp.datum_b = 0;
	return seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW, nr, 1, &cmp);
}

/* calls this architecture lacks are skipped: the list serves them all */
static int
sandbox_allow(scmp_filter_ctx ctx)
{
	size_t	i;
	int	nr, rc;

	for (i = 0; i < sizeof(sandbox_calls) / sizeof(sandbox_calls[0]);
	    i++) {
		nr = seccomp_syscall_resolve_name(sandbox_calls[i]);
		if (nr == __NR_SCMP_ERROR)
			continue;
		if ((rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0)) < 0)
			return rc;
	}
	for (i = 0; i < sizeof(sandbox_families) /
	    sizeof(sandbox_families[0]); i++)
		if ((rc = sandbox_allow_arg(ctx, SCMP_SYS(socket), 0,
		    sandbox_families[i])) < 0)
			return rc;
	if ((rc = sandbox_allow_noexec(ctx, SCMP_SYS(mmap))) < 0 ||
	    (rc = sandbox_allow_noexec(ctx, SCMP_SYS(mprotect))) < 0)
		return rc;
	/* libevent's buffers ask what is there; stdio's isatty(3) */
	if ((rc = sandbox_allow_arg(ctx, SCMP_SYS(ioctl), 1, FIONREAD)) < 0 ||
	    (rc = sandbox_allow_arg(ctx, SCMP_SYS(ioctl), 1, TCGETS)) < 0)
		return rc;
	/* abort(3), to itself only */
	return sandbox_allow_arg(ctx, SCMP_SYS(tgkill), 0, getpid());
}

int
sandbox_engine(void)
{
	scmp_filter_ctx	ctx;
	int		rc;

	if ((ctx = seccomp_init(SCMP_ACT_KILL_PROCESS)) == NULL)
		return -ENOMEM;
	if ((rc = sandbox_allow(ctx)) == 0)
		rc = seccomp_load(ctx);
	seccomp_release(ctx);
#ifdef NL_SANITIZE
	sandbox_on = rc == 0;
#endif
	return rc;
}
