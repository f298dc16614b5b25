/* utf8: see utf8.h. */
#include "utf8.h"

size_t
utf8_prefix(const char *str, size_t n, int nul_ok)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t	 i = 0, k, j;
	unsigned long c;

	while (i < n) {
		c = s[i];
		if (c < 0x80) {
			if (c == 0 && !nul_ok)
				return i;
			i++;
			continue;
		}
		k = (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 :
		    (c & 0xf8) == 0xf0 ? 4 : 0;
		if (k == 0 || i + k > n)
			return i;
		c &= 0xff >> (k + 1);
		for (j = 1; j < k; j++) {
			if ((s[i + j] & 0xc0) != 0x80)
				return i;
			c = c << 6 | (s[i + j] & 0x3f);
		}
		if ((k == 2 && c < 0x80) || (k == 3 && c < 0x800) ||
		    (k == 4 && c < 0x10000) || c > 0x10ffff ||
		    (c >= 0xd800 && c <= 0xdfff))
			return i;
		i += k;
	}
	return n;
}
