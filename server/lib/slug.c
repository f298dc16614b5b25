/* slug: see slug.h. */
#include <string.h>

#include "slug.h"

void
slug_append(char *out, size_t len, const char *s)
{
	size_t		 n = strlen(out), k = 0;
	int		 gap = 1;
	unsigned char	 c;

	for (; *s && k < SLUG_MAX && n + 2 < len; s++) {
		c = (unsigned char)*s;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
			gap = 1;
			continue;
		}
		if (gap)
			out[n++] = '-';
		out[n++] = (char)c;
		gap = 0;
		k++;
	}
	out[n] = '\0';
}
