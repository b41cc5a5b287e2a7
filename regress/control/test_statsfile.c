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
 * The Prometheus textfile: its content, its mode, and that a failed
 * write leaves the old file and no temporary one behind.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "statsfile.h"
#include "t.h"

static int
count_files(const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	int		 n = 0;

	if ((d = opendir(dir)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static char *
slurp(const char *path)
{
	static char	 buf[8192];
	FILE		*fp;
	size_t		 n;

	if ((fp = fopen(path, "r")) == NULL)
		return NULL;
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

int
main(void)
{
	char		 dir[] = "/tmp/test_statsfile.XXXXXX";
	char		 path[256], bad[256], err[256];
	struct nl_stats	 st;
	struct stat	 sb;
	char		*s;

	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof(path), "%s/nolistd.prom", dir);
	memset(&st, 0, sizeof(st));
	st.records = 1000;
	st.fake_mx = 20;
	st.direct = 7;
	st.dns_failures = 5;
	st.capture_drops = 18446744073709551615ULL;

	T(statsfile_write(path, &st, 19, err, sizeof(err)) == 0);
	T(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0644);
	T((s = slurp(path)) != NULL);
	if (s == NULL)
		return t_done();
	T(strstr(s, "# HELP nolistd_records_total Log records read.\n"
	    "# TYPE nolistd_records_total counter\n"
	    "nolistd_records_total 1000\n") == s);
	T(strstr(s, "\nnolistd_fake_mx_total 20\n") != NULL);
	T(strstr(s, "\nnolistd_direct_to_second_mx_total 7\n") != NULL);
	T(strstr(s, "\nnolistd_dns_failures_total 5\n") != NULL);
	T(strstr(s, "\nnolistd_capture_drops_total 18446744073709551615\n")
	    != NULL);
	T(strstr(s, "# TYPE nolistd_table_size gauge\n"
	    "nolistd_table_size 19\n") != NULL);
	T(s[strlen(s) - 1] == '\n');
	T(count_files(dir) == 1);

	/* replaced, not appended to */
	st.records = 1001;
	T(statsfile_write(path, &st, 20, err, sizeof(err)) == 0);
	s = slurp(path);
	T(s != NULL && strstr(s, "nolistd_records_total 1001\n") != NULL &&
	    strstr(s, "nolistd_records_total 1000\n") == NULL &&
	    strstr(s, "nolistd_table_size 20\n") != NULL);
	T(count_files(dir) == 1);

	/* a directory that does not exist: an error naming the path */
	snprintf(bad, sizeof(bad), "%s/missing/nolistd.prom", dir);
	T(statsfile_write(bad, &st, 20, err, sizeof(err)) == -1 &&
	    strstr(err, "No such file or directory") != NULL);
	/* rename onto a directory fails: the temporary file is removed */
	snprintf(bad, sizeof(bad), "%s/adir", dir);
	T(mkdir(bad, 0755) == 0);
	T(statsfile_write(bad, &st, 20, err, sizeof(err)) == -1 &&
	    strncmp(err, bad, strlen(bad)) == 0);
	T(count_files(dir) == 2);
	rmdir(bad);
	unlink(path);
	rmdir(dir);
	return t_done();
}
