#include <sys/random.h>

#include <errno.h>
#include <stdlib.h>

#include "compat.h"

/* arc4random_buf(3) from the kernel's generator; it cannot fail */
void
arc4random_buf(void *buf, size_t len)
{
	unsigned char	*p = buf;
	ssize_t		 n;

	while (len > 0) {
		n = getrandom(p, len, 0);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			abort();
		}
		p += n;
		len -= n;
	}
}
