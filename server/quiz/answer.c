/* answer: reading learners' typed answers. See answer.h. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "answer.h"
#include "buf.h"

/* U+00C0..U+00FF folded to ASCII; never longer than the 2-byte input. */
static const char *const fold[64] = {
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e",
	"i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", "x",
	"o", "u", "u", "u", "u", "y", "th", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e",
	"i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", "/",
	"o", "u", "u", "u", "u", "y", "th", "y"
};

void
answer_normalize(const char *in, char *out, size_t outsz)
{
	const unsigned char	*s = (const unsigned char *)in;
	size_t			 o = 0, k;
	unsigned		 cp;
	const char		*f;

	if (outsz == 0)
		return;
	while (*s != '\0' && o + 1 < outsz) {
		if (isspace(*s)) {
			s++;
			continue;
		}
		if (*s < 0x80) {
			out[o++] = (char)tolower(*s++);
			continue;
		}
		if ((*s == 0xc2 || *s == 0xc3) && (s[1] & 0xc0) == 0x80) {
			cp = ((unsigned)(s[0] & 0x1f) << 6) | (s[1] & 0x3f);
			s += 2;
			if (cp < 0xc0) {
				if (cp == 0xa0)	/* no-break space */
					continue;
				f = NULL;
			} else
				f = fold[cp - 0xc0];
			if (f != NULL) {
				for (k = 0; f[k] != '\0' && o + 1 < outsz; k++)
					out[o++] = f[k];
				continue;
			}
			s -= 2;
		} else if ((*s == 0xcc || (*s == 0xcd && s[1] < 0xb0)) &&
		    (s[1] & 0xc0) == 0x80) {
			s += 2;		/* combining accent U+0300..U+036F */
			continue;
		}
		out[o++] = (char)*s++;
	}
	out[o] = '\0';
}

/* Checks groups "d{1,3}(SEP ddd)*" in s[0..n) and copies digits to *o. */
static int
grouped(const char *s, size_t n, char sep, char **o)
{
	size_t	 i, run = 0, groups = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == sep) {
			if (run == 0 || (groups == 0 && run > 3) ||
			    (groups > 0 && run != 3))
				return -1;
			groups++;
			run = 0;
		} else if (isdigit((unsigned char)s[i])) {
			*(*o)++ = s[i];
			run++;
		} else
			return -1;
	}
	if (run == 0 || (groups == 0 ? 0 : run != 3))
		return -1;
	return 0;
}

int
answer_number(const char *in, double *out)
{
	char		 body[ANSWER_NUMBER_MAX + 1], clean[ANSWER_NUMBER_MAX + 3];
	char		*o = clean, *end, dec = 0, thou = 0;
	const char	*s = in, *d;
	size_t		 n = 0, i, ndot = 0, ncomma = 0, ld = 0, lc = 0;
	int		 neg = 0;

	if (strlen(in) > ANSWER_NUMBER_MAX)
		return -1;
	for (; *s != '\0'; s++) {
		if (isspace((unsigned char)*s))
			continue;
		if ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0) {
			s++;
			continue;
		}
		if (n == 0 && !neg && (*s == '-' || *s == '+')) {
			neg = *s == '-' ? 1 : 2;
			continue;
		}
		if (n == 0 && strncasecmp(s, "rp", 2) == 0) {
			s += (s[2] == '.') ? 2 : 1;
			continue;
		}
		body[n++] = *s;
	}
	body[n] = '\0';
	if (n >= 2 && body[n - 1] == '-' && (body[n - 2] == ',' ||
	    body[n - 2] == '.'))
		body[n -= 2] = '\0';	/* "Rp 5.000,-" */
	if (n == 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (body[i] == '.') {
			ndot++;
			ld = i;
		} else if (body[i] == ',') {
			ncomma++;
			lc = i;
		}
	}
	if (ndot > 0 && ncomma > 0) {
		dec = ld > lc ? '.' : ',';
		thou = ld > lc ? ',' : '.';
	} else if (ncomma == 1)
		dec = ',';
	else if (ncomma > 1)
		thou = ',';
	else if (ndot > 1)
		thou = '.';
	else if (ndot == 1) {
		if (n - ld - 1 == 3 && ld >= 1 && ld <= 3 && body[0] != '0')
			thou = '.';
		else
			dec = '.';
	}
	if (neg == 1)
		*o++ = '-';
	d = dec ? strchr(body, dec) : NULL;
	if (d != NULL && strchr(d + 1, dec) != NULL)
		return -1;
	if (thou) {
		if (grouped(body, d ? (size_t)(d - body) : n, thou, &o) == -1)
			return -1;
	} else if (grouped(body, d ? (size_t)(d - body) : n, 1, &o) == -1)
		return -1;
	if (d != NULL) {
		*o++ = '.';
		for (d++; *d != '\0'; d++) {
			if (!isdigit((unsigned char)*d))
				return -1;
			*o++ = *d;
		}
		if (o[-1] == '.')
			return -1;
	}
	*o = '\0';
	*out = strtod(clean, &end);
	return (*end == '\0' && isfinite(*out)) ? 0 : -1;
}

void
answer_format_number(struct buf *b, double x)
{
	char	 tmp[64], *dot, *e;
	size_t	 i, n;
	int	 frac;

	if (!isfinite(x) || fabs(x) >= 1e15) {
		buf_addf(b, "%g", x);
		return;
	}
	snprintf(tmp, sizeof(tmp), "%.6f", fabs(x));
	dot = strchr(tmp, '.');
	for (e = tmp + strlen(tmp) - 1; e > dot && *e == '0'; e--)
		*e = '\0';
	if ((frac = e != dot) == 0)
		*e = '\0';
	if (x < 0 && strcmp(tmp, "0") != 0)
		buf_addc(b, '-');
	n = (size_t)(dot - tmp);
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf_addc(b, '.');
		buf_addc(b, tmp[i]);
	}
	if (frac) {
		buf_addc(b, ',');
		buf_adds(b, dot + 1);
	}
}

int
answer_duration(const char *in, int max)
{
	static const char	 units[] = "hms";
	static const int	 mult[] = { 3600, 60, 1 };
	const char		*s = in, *u;
	long			 total = 0, v;
	int			 next = 0;

	while (*s != '\0') {
		if (!isdigit((unsigned char)*s))
			return -1;
		for (v = 0; isdigit((unsigned char)*s); s++)
			if ((v = v * 10 + (*s - '0')) > max)
				return -1;
		if (*s == '\0' || (u = strchr(units + next, *s)) == NULL)
			return -1;
		next = (int)(u - units) + 1;
		total += v * mult[next - 1];
		if (total > max)
			return -1;
		s++;
	}
	return total > 0 ? (int)total : -1;
}
