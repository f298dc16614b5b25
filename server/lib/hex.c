/* hex: see hex.h. */
#include "hex.h"

int
hex4(const char *p, unsigned *v)
{
	int	 i, d;

	*v = 0;
	for (i = 0; i < 4; i++) {
		if ((d = hex_digit((unsigned char)p[i])) < 0)
			return -1;
		*v = *v << 4 | (unsigned)d;
	}
	return 0;
}
