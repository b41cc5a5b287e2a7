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

#endif
