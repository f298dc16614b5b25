/* numfmt: Indonesian (and English) number formatting for pages. See numfmt.h. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "i18n.h"
#include "numfmt.h"

/* Writes v into out (>= 64 bytes); trim drops trailing fraction zeros. */
static void
format(char *out, size_t len, int lang, double v, int dec, int trim)
{
	char	 digits[64], *dot, *e;
	char	 thou = i18n(lang, M_NUM_THOUSANDS)[0];
	char	 mark = i18n(lang, M_NUM_DECIMAL)[0];
	size_t	 n, i, o = 0;

	if (!isfinite(v) || fabs(v) >= 1e15) {
		snprintf(out, len, "%s", "–");
		return;
	}
	if (dec < 0)
		dec = 0;
	if (dec > NUMFMT_DECIMALS_MAX)
		dec = NUMFMT_DECIMALS_MAX;
	/* Round half away from zero as people do on the decimal they read:
	   nudge by 4 ulp so 0.125 (a tie glibc rounds to even) and 2.675
	   (stored as 2.67499...) round up. */
	snprintf(digits, sizeof(digits), "%.*f", dec, fabs(v) *
	    (1 + 4 * 2.2e-16));
	dot = strchr(digits, '.');
	if (trim && dot != NULL) {
		for (e = digits + strlen(digits) - 1; e > dot && *e == '0'; e--)
			*e = '\0';
		if (e == dot)
			*e = '\0', dot = NULL;
	}
	n = dot ? (size_t)(dot - digits) : strlen(digits);
	if (v < 0 && strspn(digits, "0.") != strlen(digits))
		out[o++] = '-';
	for (i = 0; i < n && o + 2 < len; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = thou;
		out[o++] = digits[i];
	}
	if (dot != NULL) {
		out[o++] = mark;
		for (i = n + 1; digits[i] && o + 1 < len; i++)
			out[o++] = digits[i];
	}
	out[o] = '\0';
}

void
numfmt_dec(struct buf *b, int lang, double v, int decimals)
{
	char	 s[96];

	format(s, sizeof(s), lang, v, decimals, 0);
	buf_adds(b, s);
}

void
numfmt_num(struct buf *b, int lang, double v)
{
	char	 s[96];

	format(s, sizeof(s), lang, v, NUMFMT_DECIMALS_MAX, 1);
	buf_adds(b, s);
}

void
numfmt_pct(struct buf *b, int lang, double v, int decimals)
{
	numfmt_dec(b, lang, v, decimals);
	buf_adds(b, i18n(lang, M_NUM_PCT));
}

void
numfmt_rp(struct buf *b, int lang, double v)
{
	char	 s[96];

	format(s, sizeof(s), lang, v, 0, 0);
	if (s[0] == '-')
		buf_addf(b, "-Rp %s", s + 1);
	else
		buf_addf(b, "Rp %s", s);
}

void
numfmt_int(struct buf *b, int lang, long long v)
{
	numfmt_dec(b, lang, (double)v, 0);
}

int
numfmt_str(char *dst, size_t len, int lang, double v, int decimals)
{
	char	 s[96];
	size_t	 n;

	if (len == 0)
		return -1;
	format(s, sizeof(s), lang, v, decimals, 0);
	n = strlen(s);
	if (n >= len) {
		dst[0] = '\0';
		return -1;
	}
	memcpy(dst, s, n + 1);
	return (int)n;
}
