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

#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compat.h"
#include "ctlproto.h"
#include "statsfile.h"

static int
statsfile_print(FILE *fp, const struct nl_stats *st, uint32_t table_size)
{
	size_t	i;

	for (i = 0; i < nl_ctl_nstats; i++)
		fprintf(fp, "# HELP nolistd_%s_total %s\n"
		    "# TYPE nolistd_%s_total counter\n"
		    "nolistd_%s_total %llu\n", nl_ctl_stats[i].name,
		    nl_ctl_stats[i].help, nl_ctl_stats[i].name,
		    nl_ctl_stats[i].name,
		    (unsigned long long)nl_ctl_stat_value(st, i));
	fprintf(fp, "# HELP nolistd_table_size Entries in the whitelist.\n"
	    "# TYPE nolistd_table_size gauge\n"
	    "nolistd_table_size %u\n", table_size);
	if (fflush(fp) == EOF || ferror(fp))
		return -1;
	return 0;
}

int
statsfile_write(const char *path, const struct nl_stats *st,
    uint32_t table_size, char *err, size_t errlen)
{
	char	 tmp[PATH_MAX];
	FILE	*fp;
	int	 fd, saved;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.XXXXXXXXXX", path) >=
	    sizeof(tmp)) {
		snprintf(err, errlen, "%s: path too long", path);
		return -1;
	}
	if ((fd = mkstemp(tmp)) == -1) {
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
		return -1;
	}
	/* the exporter runs as another user */
	if (fchmod(fd, 0644) == -1 || (fp = fdopen(fd, "w")) == NULL) {
		saved = errno;
		close(fd);
		goto fail;
	}
	if (statsfile_print(fp, st, table_size) == -1) {
		saved = errno;
		fclose(fp);
		goto fail;
	}
	if (fclose(fp) == EOF) {
		saved = errno;
		goto fail;
	}
	if (rename(tmp, path) == -1) {
		saved = errno;
		goto fail;
	}
	return 0;
fail:
	unlink(tmp);
	snprintf(err, errlen, "%s: %s", path, strerror(saved));
	return -1;
}
