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

#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "change.h"
#include "compat.h"
#include "policy.h"
#include "state.h"

#define STATE_HEADER	"# nolistd state 1"
#define STATE_LINEMAX	128	/* an IPv6 prefix, an expiry, a reason */

enum state_line {
	STATE_LINE_OK = 0,
	STATE_LINE_LONG,	/* or unterminated */
	STATE_LINE_NUL,
	STATE_LINE_EOF
};

struct state_out {
	FILE	*fp;
	int64_t	 wall_offset;
	int	 error;
};

/* the daemon clock's expiry as the wall clock's, never wrapped */
static uint32_t
state_wall(uint32_t expires, int64_t off)
{
	int64_t	t = (int64_t)expires + off;

	if (t < 1)
		return 1;
	return t > UINT32_MAX ? UINT32_MAX : (uint32_t)t;
}

static void
state_put(void *arg, const struct nl_wl_item *it)
{
	struct state_out	*so = arg;
	char			 buf[NL_PREFIXSTRLEN];

	if (fprintf(so->fp, "%s %u %s\n",
	    nl_prefix_ntop(&it->addr, it->plen, buf, sizeof(buf)),
	    (unsigned int)state_wall(it->expires, so->wall_offset),
	    nl_reason_name(it->reason)) < 0)
		so->error = 1;
}

static int
state_dir(const char *path, char *dir, size_t len)
{
	char	copy[PATH_MAX];

	if (strlcpy(copy, path, sizeof(copy)) >= sizeof(copy))
		return -1;
	if (strlcpy(dir, dirname(copy), len) >= len)
		return -1;
	return 0;
}

/* the rename is durable only once the directory is on disk too */
static int
state_sync_dir(const char *dir)
{
	int	fd, rc;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY)) == -1)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

static int
state_fill(int fd, const struct nl_wl *wl, int64_t wall_offset)
{
	struct state_out	so;
	int			rc;

	if ((so.fp = fdopen(fd, "w")) == NULL) {
		close(fd);
		return -1;
	}
	so.wall_offset = wall_offset;
	so.error = fprintf(so.fp, "%s\n", STATE_HEADER) < 0;
	nl_wl_walk(wl, state_put, &so);
	rc = (so.error || fflush(so.fp) == EOF || fsync(fileno(so.fp)) == -1)
	    ? -1 : 0;
	if (fclose(so.fp) == EOF)
		rc = -1;
	return rc;
}

int
state_write(const char *path, const struct nl_wl *wl, int64_t wall_offset,
    char *errbuf, size_t len)
{
	char	dir[PATH_MAX], tmp[PATH_MAX];
	int	fd;

	if (state_dir(path, dir, sizeof(dir)) == -1 ||
	    snprintf(tmp, sizeof(tmp), "%s.XXXXXXXXXX", path) >=
	    (int)sizeof(tmp)) {
		snprintf(errbuf, len, "%s: path too long", path);
		return -1;
	}
	if ((fd = mkstemp(tmp)) == -1) {
		snprintf(errbuf, len, "%s: %s", tmp, strerror(errno));
		return -1;
	}
	if (fchmod(fd, 0600) == -1 ||
	    state_fill(fd, wl, wall_offset) == -1) {
		snprintf(errbuf, len, "%s: %s", tmp, strerror(errno));
		unlink(tmp);
		return -1;
	}
	if (rename(tmp, path) == -1) {
		snprintf(errbuf, len, "rename %s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	if (state_sync_dir(dir) == -1) {
		snprintf(errbuf, len, "%s: %s", dir, strerror(errno));
		return -1;
	}
	return 0;
}

static int
state_reason(const char *word)
{
	int	r;

	for (r = 0; r < NL_REASON_MAX; r++)
		if (strcmp(word, nl_reason_name(r)) == 0)
			return r;
	return -1;
}

/* "prefix expires reason", single spaces, nothing else */
int
state_parse_line(const char *line, struct nl_wl_item *it)
{
	char		 buf[STATE_LINEMAX], *w[3], *p;
	const char	*errstr;
	int		 i, plen;

	if (strlcpy(buf, line, sizeof(buf)) >= sizeof(buf))
		return -1;
	p = buf;
	for (i = 0; i < 3; i++)
		if ((w[i] = strsep(&p, " ")) == NULL || *w[i] == '\0')
			return -1;
	if (p != NULL)
		return -1;
	memset(it, 0, sizeof(*it));
	if (nl_prefix_parse(w[0], &it->addr, &plen) == -1 ||
	    strchr(w[0], '/') == NULL)
		return -1;
	/* a damaged length must not open the real MX to a whole network */
	if (!nl_policy_prefix(&it->addr, plen))
		return -1;
	it->plen = plen;
	it->expires = strtonum(w[1], 1, UINT32_MAX, &errstr);
	if (errstr != NULL)
		return -1;
	if ((i = state_reason(w[2])) == -1)
		return -1;
	it->reason = i;
	return 0;
}

struct state_read {
	state_entry_fn	*fn;
	void		*arg;
	state_err_fn	*errfn;
	void		*errarg;
	uint32_t	 clamped;
};

static void
state_err(state_err_fn *errfn, void *arg, const char *path, int lineno,
    const char *what)
{
	char	msg[PATH_MAX + 128];

	if (lineno > 0)
		snprintf(msg, sizeof(msg), "%s:%d: %s", path, lineno, what);
	else
		snprintf(msg, sizeof(msg), "%s: %s", path, what);
	errfn(arg, msg);
}

/*
 * One line, its newline taken off. Read byte by byte: fgets(3) cannot
 * say where a line with a NUL byte ends, and the rest of such a line
 * was then taken for the rest of an overlong one, which swallowed the
 * next good line.
 */
static int
state_getline(FILE *fp, char *buf, size_t size)
{
	size_t	n = 0;
	int	ch, nul = 0;

	while ((ch = getc(fp)) != EOF && ch != '\n') {
		if (ch == '\0')
			nul = 1;
		if (n < size - 1)
			buf[n] = (char)ch;
		n++;
	}
	if (ch == EOF && n == 0)
		return STATE_LINE_EOF;
	buf[n < size - 1 ? n : size - 1] = '\0';
	if (nul)
		return STATE_LINE_NUL;
	if (ch == EOF || n >= size - 1)
		return STATE_LINE_LONG;
	return STATE_LINE_OK;
}

static void
state_line(const char *path, int lineno, const char *line, uint32_t latest,
    struct state_read *sr)
{
	struct nl_wl_item	it;

	if (state_parse_line(line, &it) == -1) {
		state_err(sr->errfn, sr->errarg, path, lineno,
		    "bad entry; skipped");
		return;
	}
	if (it.expires > latest) {
		it.expires = latest;
		sr->clamped++;
	}
	sr->fn(sr->arg, &it);
}

/*
 * -1 when the file cannot be read (errno is set; ENOENT: no state yet).
 * An expiry later than latest (now + whitelist-time) is clamped to it.
 */
int
state_read(const char *path, uint32_t latest, state_entry_fn *fn, void *arg,
    state_err_fn *errfn, void *errarg)
{
	FILE	*fp;

	if ((fp = fopen(path, "r")) == NULL)
		return -1;
	state_read_fp(fp, path, latest, fn, arg, errfn, errarg);
	fclose(fp);
	return 0;
}

/* the same from a stream already open; path names it in the reports */
void
state_read_fp(FILE *fp, const char *path, uint32_t latest, state_entry_fn *fn,
    void *arg, state_err_fn *errfn, void *errarg)
{
	struct state_read	 sr = { fn, arg, errfn, errarg, 0 };
	char			 line[STATE_LINEMAX + 1], msg[96];
	int			 lineno = 0, rc;

	while ((rc = state_getline(fp, line, sizeof(line))) !=
	    STATE_LINE_EOF) {
		if (++lineno == 1) {
			if (rc == STATE_LINE_OK &&
			    strcmp(line, STATE_HEADER) == 0)
				continue;
			state_err(errfn, errarg, path, lineno, "not a nolistd "
			    "state file of version 1; ignored");
			break;
		}
		if (rc == STATE_LINE_LONG)
			state_err(errfn, errarg, path, lineno,
			    "line too long or unterminated; skipped");
		else if (rc == STATE_LINE_NUL)
			state_err(errfn, errarg, path, lineno,
			    "NUL byte in the line; skipped");
		else
			state_line(path, lineno, line, latest, &sr);
	}
	if (sr.clamped > 0) {
		snprintf(msg, sizeof(msg), "%u entries expire later than "
		    "whitelist-time allows: shortened", sr.clamped);
		state_err(errfn, errarg, path, 0, msg);
	}
}
