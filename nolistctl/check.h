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
