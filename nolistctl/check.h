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
 * nolistctl check: a doctor for a domain's nolisting and mail DNS.
 *
 *	nolistctl check [-j] [-b lists] [-r server[:port]] [-w seconds] domain
 *
 * argv[0] is the word "check" (getopt starts after it); the return value
 * is the exit status: 0 when no check failed, 1 otherwise.
 */
#ifndef NL_CHECK_H
#define NL_CHECK_H

int	check_main(int, char *[]);

/*
 * nolistctl spf walk: the ranges the domains' SPF records authorise,
 * one a line, as smtpctl spf walk prints them.
 *
 *	nolistctl [-j] spf walk [-j] [-r server[:port]] domain ...
 *
 * argv[0] is the word "spf"; json is the -j given before it.
 */
int	spf_main(int, char *[], int);

#endif
