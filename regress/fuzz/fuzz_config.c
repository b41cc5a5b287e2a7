/*
 * libFuzzer target: nl_config_parse_buf over an exact-size buffer with
 * no NUL after it, as the parser's contract allows. A valid result must
 * hold what the parser promises: both MX lists, no address in both, and
 * the port map in step with the port list.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
count_error(void *arg, const char *msg)
{
	size_t	*n = arg;

	/* every message is a C string that names the file */
	if (strncmp(msg, "fuzz.conf:", 10) != 0)
		abort();
	(*n)++;
}

static void
check_valid(const struct nl_config *c)
{
	size_t	i, j, inmap = 0, distinct = 0;

	if (c->nfake_mx == 0 || c->nreal_mx == 0 ||
	    c->nfake_mx > NL_MAXMX || c->nreal_mx > NL_MAXMX ||
	    c->nports > NL_MAXPORTS || c->nresolvers > NL_MAXRESOLVERS)
		abort();
	for (i = 0; i < c->nfake_mx; i++)
		for (j = 0; j < c->nreal_mx; j++)
			if (nl_addr_eq(&c->fake_mx[i], &c->real_mx[j]))
				abort();
	for (i = 0; i < c->nports; i++) {
		if (!nl_config_port_watched(c, c->ports[i]))
			abort();
		for (j = 0; j < i && c->ports[j] != c->ports[i]; j++)
			;
		distinct += j == i;
	}
	/* the map holds the list's ports and no others */
	for (i = 0; i < sizeof(c->port_map); i++)
		inmap += __builtin_popcount(c->port_map[i]);
	if (inmap != distinct)
		abort();
	if (memchr(c->interface, '\0', sizeof(c->interface)) == NULL ||
	    memchr(c->table, '\0', sizeof(c->table)) == NULL ||
	    memchr(c->state_file, '\0', sizeof(c->state_file)) == NULL ||
	    memchr(c->control_socket, '\0',
	    sizeof(c->control_socket)) == NULL ||
	    memchr(c->user, '\0', sizeof(c->user)) == NULL)
		abort();
	(void)nl_config_table(c, c->backend);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct nl_config	*c;
	char			*buf;
	size_t			 nerr = 0;
	int			 rc;

	if ((c = malloc(sizeof(*c))) == NULL)
		return 0;
	if ((buf = malloc(len ? len : 1)) == NULL) {
		free(c);
		return 0;
	}
	memcpy(buf, data, len);
	nl_config_defaults(c);
	rc = nl_config_parse_buf("fuzz.conf", buf, len, c, count_error,
	    &nerr);
	/* the result counts the errors reported, all of them */
	if (rc < 0 || (size_t)rc != nerr)
		abort();
	if (rc == 0)
		check_valid(c);
	free(buf);
	free(c);
	return 0;
}
