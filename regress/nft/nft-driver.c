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
 * Drives the nft backend against the running kernel, for test-nft.sh.
 *
 *	nft-driver [-4 prefix4] [-6 prefix6] [-t "family table prefix"]
 *
 * Commands, one a line on stdin; add, renew and del queue a change, the
 * others act:
 *	add PREFIX SECONDS	renew PREFIX SECONDS	del PREFIX
 *	gen4 N SECONDS [OP]	N /32 adds from 198.18.0.1 (RFC 2544)
 *	gen6 N SECONDS [OP]	N /128 adds from 2001:db8:1::1
 *				OP: add (default), renew or del
 *	apply			the queue as one apply(), timed; the
 *				queue positions of failed changes follow
 *				as "failed=I,J"
 *	replace			the queue's adds as one replace(), timed
 *	list			every prefix, then "list rc=R n=N"
 *	flush			check EXPECTED		sh COMMAND
 * Each action prints "NAME rc=R ..." on stdout.
 */
#include <sys/time.h>

#include <err.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "backend.h"
#include "compat.h"

struct queue {
	struct nl_change	*c;
	uint8_t			*failed;
	size_t			 n;
	size_t			 cap;
};

static void	report_warn(const char *, ...)
		    __attribute__((__format__(printf, 1, 2)));
static void	report_warnx(const char *, ...)
		    __attribute__((__format__(printf, 1, 2)));
static void	report_none(const char *, ...)
		    __attribute__((__format__(printf, 1, 2)));

/* the backend's reports, all on stderr; its debug ones are dropped */
static void
report_warn(const char *fmt, ...)
{
	va_list	ap;
	int	saved = errno;

	fprintf(stderr, "nft-driver: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, ": %s\n", strerror(saved));
}

static void
report_warnx(const char *fmt, ...)
{
	va_list	ap;

	fprintf(stderr, "nft-driver: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
}

static void
report_none(const char *fmt, ...)
{
	(void)fmt;
}

static const struct nl_backend_log report = {
	report_warn, report_warnx, report_warnx, report_none
};

static void
usage(void)
{
	fprintf(stderr, "usage: nft-driver [-4 prefix4] [-6 prefix6] "
	    "[-t table]\n");
	exit(1);
}

static struct nl_change *
queue_next(struct queue *q)
{
	struct nl_change	*c;
	size_t			 cap;

	if (q->n == q->cap) {
		cap = q->cap == 0 ? 1024 : q->cap * 2;
		if ((c = reallocarray(q->c, cap, sizeof(*c))) == NULL)
			err(1, NULL);
		q->c = c;
		if ((q->failed = realloc(q->failed, cap)) == NULL)
			err(1, NULL);
		q->cap = cap;
	}
	c = &q->c[q->n++];
	memset(c, 0, sizeof(*c));
	gettimeofday(&c->time, NULL);
	return c;
}

static long long
number(const char *s, long long max)
{
	const char	*errstr;
	long long	 n;

	if (s == NULL)
		errx(1, "missing number");
	n = strtonum(s, 0, max, &errstr);
	if (errstr != NULL)
		errx(1, "%s: %s", s, errstr);
	return n;
}

static void
queue_prefix(struct queue *q, int op, int reason, const char *pfx,
    const char *secs)
{
	struct nl_change	*c = queue_next(q);
	int			 plen;

	if (pfx == NULL || nl_prefix_parse(pfx, &c->addr, &plen) == -1)
		errx(1, "bad prefix: %s", pfx ? pfx : "(none)");
	c->plen = (uint8_t)plen;
	c->op = (uint8_t)op;
	c->reason = (uint8_t)reason;
	c->expires = (uint32_t)c->time.tv_sec;
	if (secs != NULL)
		c->expires += (uint32_t)number(secs, 86400 * 365);
}

static void
queue_gen(struct queue *q, int af, long long n, uint32_t secs,
    const char *op)
{
	struct nl_change	*c;
	uint8_t			 a[16];
	long long		 i;

	for (i = 1; i <= n; i++) {
		c = queue_next(q);
		memset(a, 0, sizeof(a));
		if (af == NL_AF4) {
			a[0] = 198;
			a[1] = 18 + (uint8_t)(i >> 16);
			a[2] = (uint8_t)(i >> 8);
			a[3] = (uint8_t)i;
			nl_addr_set4(&c->addr, a);
			c->plen = 32;
		} else {
			a[0] = 0x20;
			a[1] = 0x01;
			a[2] = 0x0d;
			a[3] = 0xb8;
			a[5] = 0x01;
			a[13] = (uint8_t)(i >> 16);
			a[14] = (uint8_t)(i >> 8);
			a[15] = (uint8_t)i;
			nl_addr_set6(&c->addr, a);
			c->plen = 128;
		}
		c->op = NL_OP_ADD;
		c->reason = NL_REASON_FAKEMX;
		if (op != NULL && strcmp(op, "renew") == 0)
			c->reason = NL_REASON_RENEW;
		else if (op != NULL && strcmp(op, "del") == 0) {
			c->op = NL_OP_DELETE;
			c->reason = NL_REASON_EXPIRE;
		} else if (op != NULL && strcmp(op, "add") != 0)
			errx(1, "unknown op: %s", op);
		c->expires = (uint32_t)c->time.tv_sec + secs;
	}
}

static double
ms_since(const struct timespec *t0)
{
	struct timespec	t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1e3 +
	    (t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static void
print_prefix(void *arg, const struct nl_addr *a, int plen)
{
	size_t	*n = arg;
	char	 buf[NL_PREFIXSTRLEN];

	printf("%s\n", nl_prefix_ntop(a, plen, buf, sizeof(buf)));
	(*n)++;
}

static void
print_failed(const struct queue *q)
{
	const char	*sep = " failed=";
	size_t		 i;

	for (i = 0; i < q->n; i++)
		if (q->failed[i]) {
			printf("%s%zu", sep, i);
			sep = ",";
		}
}

static void
act(struct nl_backend *be, struct queue *q, const char *cmd,
    const char *arg)
{
	struct timespec	t0;
	size_t		n = 0;
	int		rc;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (q->failed != NULL)
		memset(q->failed, 0, q->cap);
	if (strcmp(cmd, "apply") == 0)
		rc = be->ops->apply(be->ctx, q->c, q->n, q->failed);
	else if (strcmp(cmd, "replace") == 0)
		rc = be->ops->replace(be->ctx, q->c, q->n);
	else if (strcmp(cmd, "flush") == 0)
		rc = be->ops->flush(be->ctx);
	else if (strcmp(cmd, "check") == 0)
		rc = be->ops->check(be->ctx, (size_t)number(arg, 1 << 30));
	else if (strcmp(cmd, "list") == 0)
		rc = be->ops->list(be->ctx, print_prefix, &n);
	else
		errx(1, "unknown command: %s", cmd);
	if (strcmp(cmd, "list") != 0)
		n = q->n;
	printf("%s rc=%d n=%zu ms=%.3f", cmd, rc, n, ms_since(&t0));
	if (q->failed != NULL)
		print_failed(q);
	printf("\n");
	fflush(stdout);
	q->n = 0;
}

static void
command(struct nl_backend *be, struct queue *q, char *line)
{
	char	*cmd, *a1, *a2, *a3;

	if (strncmp(line, "sh ", 3) == 0) {
		fflush(stdout);
		printf("sh rc=%d\n", system(line + 3));
		fflush(stdout);
		return;
	}
	if ((cmd = strtok(line, " \t")) == NULL || cmd[0] == '#')
		return;
	a1 = strtok(NULL, " \t");
	a2 = strtok(NULL, " \t");
	a3 = strtok(NULL, " \t");
	if (strcmp(cmd, "add") == 0)
		queue_prefix(q, NL_OP_ADD, NL_REASON_FAKEMX, a1, a2);
	else if (strcmp(cmd, "renew") == 0)
		queue_prefix(q, NL_OP_ADD, NL_REASON_RENEW, a1, a2);
	else if (strcmp(cmd, "del") == 0)
		queue_prefix(q, NL_OP_DELETE, NL_REASON_EXPIRE, a1, NULL);
	else if (strcmp(cmd, "gen4") == 0)
		queue_gen(q, NL_AF4, number(a1, 1 << 20),
		    (uint32_t)number(a2, 86400 * 365), a3);
	else if (strcmp(cmd, "gen6") == 0)
		queue_gen(q, NL_AF6, number(a1, 1 << 20),
		    (uint32_t)number(a2, 86400 * 365), a3);
	else
		act(be, q, cmd, a1);
}

int
main(int argc, char *argv[])
{
	struct nl_config	 conf;
	struct nl_backend	 be;
	struct queue		 q;
	char			 errbuf[1024], line[1024];
	int			 ch;

	memset(&conf, 0, sizeof(conf));
	memset(&q, 0, sizeof(q));
	conf.prefix4 = 32;
	conf.prefix6 = 128;
	while ((ch = getopt(argc, argv, "4:6:m:t:")) != -1) {
		switch (ch) {
		case 'm':
			conf.max_entries = (uint32_t)number(optarg, 1 << 24);
			break;
		case '4':
			conf.prefix4 = (uint8_t)number(optarg, 32);
			break;
		case '6':
			conf.prefix6 = (uint8_t)number(optarg, 128);
			break;
		case 't':
			if (strlcpy(conf.table, optarg, sizeof(conf.table)) >=
			    sizeof(conf.table))
				errx(1, "table too long");
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	be.ops = &nl_backend_nft;
	if ((be.ctx = be.ops->open(&conf, &report, errbuf,
	    sizeof(errbuf))) == NULL) {
		fprintf(stderr, "open: %s\n", errbuf);
		return 2;
	}
	printf("open rc=0\n");
	fflush(stdout);
	while (fgets(line, sizeof(line), stdin) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		command(&be, &q, line);
	}
	be.ops->close(be.ctx);
	free(q.c);
	free(q.failed);
	return 0;
}
