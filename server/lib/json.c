/* json: see json.h. */
#include "hex.h"
#include "json.h"
#include "utf8.h"

/* The code point of the \u escape at p (on the 'u'), surrogate pairs
   joined; *used is the bytes read after the backslash. 0: invalid. */
static unsigned long
escape_u(const char *p, size_t *used)
{
	unsigned	 u, lo;

	if (hex4(p + 1, &u) == -1)
		return 0;
	*used = 5;
	if (u >= 0xd800 && u <= 0xdbff) {
		if (p[5] != '\\' || p[6] != 'u' || hex4(p + 7, &lo) == -1 ||
		    lo < 0xdc00 || lo > 0xdfff)
			return 0;
		*used = 11;
		return 0x10000 + ((unsigned long)(u - 0xd800) << 10) +
		    (lo - 0xdc00);
	}
	if (u >= 0xdc00 && u <= 0xdfff)
		return 0;
	return u;	/* \u0000 is 0: refused too */
}

int
json_string(const char **pp, char *out, size_t len)
{
	const char	*p = *pp;
	size_t		 n = 0, ne, k, used;
	unsigned long	 c;
	char		 e[4];

	if (*p++ != '"')
		return -1;
	while (*p != '"') {
		if ((unsigned char)*p < 0x20)
			return -1;	/* a control, or the end of the text */
		if (*p != '\\') {
			e[0] = *p++;
			ne = 1;
		} else {
			used = 1;
			switch (p[1]) {
			case '"': case '\\': case '/': c = (unsigned char)p[1]; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 't': c = '\t'; break;
			case 'u':
				if ((c = escape_u(p + 1, &used)) == 0)
					return -1;
				break;
			default:
				return -1;
			}
			p += 1 + used;
			ne = utf8_encode(e, c);
		}
		if (out == NULL)
			continue;
		for (k = 0; k < ne; k++) {
			if (n + 1 >= len)
				return -1;
			out[n++] = e[k];
		}
	}
	if (out != NULL)
		out[n] = '\0';
	*pp = p + 1;
	return 0;
}
