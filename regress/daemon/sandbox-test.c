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
 * The engine's seccomp filter (daemon/sandbox-linux.c), installed in a
 * child as the engine installs it: what the engine does goes through,
 * and opening a file, running a program, a raw socket or executable
 * memory kill it with SIGSYS.
 */
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sandbox.h"
#include "t.h"

enum try {
	TRY_ENGINE, TRY_OPEN, TRY_OPENAT, TRY_EXECVE, TRY_RAW, TRY_EXEC_MEM
};

/* what the engine does all day: a UDP socket, time, memory, stdio */
static void
try_engine(void)
{
	struct timeval	 tv;
	void		*p;
	int		 fd;

	if ((fd = socket(AF_INET6, SOCK_DGRAM | SOCK_NONBLOCK, 0)) == -1)
		_exit(4);
	close(fd);
	gettimeofday(&tv, NULL);
	if ((p = malloc(1 << 20)) == NULL)
		_exit(5);
	free(p);
	if (write(STDOUT_FILENO, "", 0) == -1)
		_exit(6);
}

static void
try_it(enum try what)
{
	char	*argv[] = { "/bin/true", NULL };
	void	*p;

	switch (what) {
	case TRY_ENGINE:
		try_engine();
		_exit(0);
	case TRY_OPEN:
		(void)open("/etc/passwd", O_RDONLY);
		break;
	case TRY_OPENAT:
		(void)openat(AT_FDCWD, "sandbox-test.new",
		    O_WRONLY | O_CREAT, 0600);
		break;
	case TRY_EXECVE:
		execve(argv[0], argv, NULL);
		break;
	case TRY_RAW:
		(void)socket(AF_PACKET, SOCK_RAW, 0);
		break;
	case TRY_EXEC_MEM:
		p = mmap(NULL, 4096, PROT_READ | PROT_EXEC,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		(void)p;
		break;
	}
	/* still alive: the filter let it through */
	_exit(3);
}

/* how a child that installed the filter and tried ended */
static int
run(enum try what)
{
	pid_t	pid;
	int	status, rc;

	if ((pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		if ((rc = sandbox_engine()) != 0) {
			fprintf(stderr, "sandbox_engine: %s\n", strerror(-rc));
			_exit(2);
		}
		try_it(what);
	}
	if (waitpid(pid, &status, 0) == -1)
		return -1;
	return status;
}

static int
killed_by_sigsys(int status)
{
	return status != -1 && WIFSIGNALED(status) &&
	    WTERMSIG(status) == SIGSYS;
}

int
main(void)
{
	int	status;

	status = run(TRY_ENGINE);
	T(status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0);
	T(killed_by_sigsys(run(TRY_OPEN)));
	T(killed_by_sigsys(run(TRY_OPENAT)));
	T(killed_by_sigsys(run(TRY_EXECVE)));
	T(killed_by_sigsys(run(TRY_RAW)));
	T(killed_by_sigsys(run(TRY_EXEC_MEM)));
	unlink("sandbox-test.new");
	return t_done();
}
