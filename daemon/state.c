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
#include "state.h"

#define STATE_HEADER	"# nolistd state 1"
#define STATE_LINEMAX	128	/* an IPv6 prefix, an expiry, a reason */
#define STATE_MINPLEN4	8	/* what nolistd.conf's prefix allows */
#define STATE_MINPLEN6	16

struct state_out {
	FILE	*fp;
	int	 error;
};

static void
state_put(void *arg, const struct nl_wl_item *it)
{
	struct state_out	*so = arg;
	char			 buf[NL_PREFIXSTRLEN];

	if (fprintf(so->fp, "%s %u %s\n",
	    nl_prefix_ntop(&it->addr, it->plen, buf, sizeof(buf)),
	    (unsigned int)it->expires, nl_reason_name(it->reason)) < 0)
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
state_fill(int fd, const struct nl_wl *wl)
{
	struct state_out	so;
	int			rc;

	if ((so.fp = fdopen(fd, "w")) == NULL) {
		close(fd);
		return -1;
	}
	so.error = fprintf(so.fp, "%s\n", STATE_HEADER) < 0;
	nl_wl_walk(wl, state_put, &so);
	rc = (so.error || fflush(so.fp) == EOF || fsync(fileno(so.fp)) == -1)
	    ? -1 : 0;
	if (fclose(so.fp) == EOF)
		rc = -1;
	return rc;
}

int
state_write(const char *path, const struct nl_wl *wl, char *errbuf,
    size_t len)
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
	if (fchmod(fd, 0600) == -1 || state_fill(fd, wl) == -1) {
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
	if (plen < (it->addr.af == NL_AF4 ? STATE_MINPLEN4 : STATE_MINPLEN6))
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

static void
state_err(state_err_fn *errfn, void *arg, const char *path, int lineno,
    const char *what)
{
	char	msg[PATH_MAX + 128];

	snprintf(msg, sizeof(msg), "%s:%d: %s", path, lineno, what);
	errfn(arg, msg);
}

/* -1 when the file cannot be read (errno is set; ENOENT: no state yet) */
int
state_read(const char *path, state_entry_fn *fn, void *arg,
    state_err_fn *errfn, void *errarg)
{
	struct nl_wl_item	 it;
	FILE			*fp;
	char			 line[STATE_LINEMAX + 2];
	size_t			 n;
	int			 lineno = 0, skipping = 0;

	if ((fp = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), fp) != NULL) {
		n = strlen(line);
		if (skipping) {
			/* the rest of an overlong line */
			skipping = n == 0 || line[n - 1] != '\n';
			continue;
		}
		lineno++;
		if (n == 0 || line[n - 1] != '\n') {
			state_err(errfn, errarg, path, lineno,
			    "line too long or unterminated; skipped");
			skipping = !feof(fp);
			continue;
		}
		line[--n] = '\0';
		if (lineno == 1) {
			if (strcmp(line, STATE_HEADER) == 0)
				continue;
			state_err(errfn, errarg, path, lineno, "not a nolistd "
			    "state file of version 1; ignored");
			break;
		}
		if (state_parse_line(line, &it) == -1) {
			state_err(errfn, errarg, path, lineno,
			    "bad entry; skipped");
			continue;
		}
		fn(arg, &it);
	}
	fclose(fp);
	return 0;
}
