/* param: typed request parameters. See param.h. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "http.h"
#include "i18n.h"
#include "nip.h"
#include "param.h"
#include "utf8.h"
#include "wib.h"

static int
absent(const char *v)
{
	return v == NULL || v[0] == '\0';
}

int
param_parse_int(const char *v, int64_t lo, int64_t hi, int64_t *out)
{
	const char	*p = v;
	int64_t		 n = 0;
	int		 neg = 0, k;

	if (absent(v))
		return -1;
	if (*p == '-' && lo < 0) {
		neg = 1;
		p++;
	}
	for (k = 0; p[k] != '\0'; k++) {
		if (p[k] < '0' || p[k] > '9' || k == PARAM_INT_DIGITS)
			return -1;
		n = n * 10 + (p[k] - '0');	/* < 10^18: no overflow */
	}
	if (k == 0)
		return -1;
	if (neg)
		n = -n;
	if (n < lo || n > hi)
		return -1;
	*out = n;
	return 0;
}

int
param_parse_date(const char *v, struct param_date *out)
{
	struct param_date	 d;

	if (wib_parse_ymd(v, &d.y, &d.m, &d.d) == -1 ||
	    d.y < PARAM_YEAR_MIN || d.y > PARAM_YEAR_MAX ||
	    (d.t = wib_midnight(d.y, d.m, d.d)) == -1)
		return -1;
	*out = d;
	return 0;
}

int
param_parse_enum(const char *v, const char *const *vals, int *out)
{
	int	 i;

	if (absent(v))
		return -1;
	for (i = 0; vals[i] != NULL && i < PARAM_ENUM_MAX; i++)
		if (strcmp(v, vals[i]) == 0) {
			*out = i;
			return 0;
		}
	return -1;
}

int
param_parse_text(const char *v, size_t max)
{
	size_t	 n, i;

	if (v == NULL)
		return -1;
	if ((n = strlen(v)) > max || utf8_prefix(v, n, 0) != n)
		return -1;
	for (i = 0; i < n; i++)
		if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f)
			return -1;
	return 0;
}

/* The 400 answer: the message id's format, filled, in error_lang(r). */
static int
bad(struct req *r, enum msg m, const char *name, ...)
{
	char		 msg[ERROR_MSG_MAX];
	va_list		 ap;

	(void)name;
	va_start(ap, name);
	vsnprintf(msg, sizeof(msg), i18n(error_lang(r), m), ap);
	va_end(ap);
	return error_set(r, 400, msg);
}

int
param_int(struct req *r, const char *name, const char *v, int64_t lo,
    int64_t hi, int64_t *out)
{
	if (absent(v) || param_parse_int(v, lo, hi, out) == 0)
		return 0;
	return bad(r, M_PARAM_INT, name, name, (long long)lo, (long long)hi);
}

int
param_int32(struct req *r, const char *name, const char *v, int lo, int hi,
    int *out)
{
	int64_t	 n;
	int	 rc;

	if ((rc = param_int(r, name, v, lo, hi, &n)) == 0 && !absent(v))
		*out = (int)n;
	return rc;
}

int
param_date(struct req *r, const char *name, const char *v,
    struct param_date *out)
{
	if (absent(v) || param_parse_date(v, out) == 0)
		return 0;
	return bad(r, M_PARAM_DATE, name, name, PARAM_YEAR_MIN,
	    PARAM_YEAR_MAX);
}

int
param_enum(struct req *r, const char *name, const char *v,
    const char *const *vals, int *out)
{
	struct buf	 list = { 0 };
	int		 i, rc;

	if (absent(v) || param_parse_enum(v, vals, out) == 0)
		return 0;
	for (i = 0; vals[i] != NULL && i < PARAM_ENUM_MAX; i++)
		buf_addf(&list, "%s%s", i ? ", " : "", vals[i]);
	rc = bad(r, M_PARAM_ENUM, name, name, list.oom || list.p == NULL ?
	    "" : list.p);
	buf_free(&list);
	return rc;
}

int
param_nip(struct req *r, const char *name, const char *v, const char **out)
{
	if (absent(v))
		return 0;
	if (nip_format(v)) {
		*out = v;
		return 0;
	}
	return bad(r, M_PARAM_NIP, name, name);
}

int
param_text(struct req *r, const char *name, const char *v, size_t max,
    const char **out)
{
	if (absent(v))
		return 0;
	if (param_parse_text(v, max) == 0) {
		*out = v;
		return 0;
	}
	return bad(r, M_PARAM_TEXT, name, name, (long long)max);
}

int
param_need(struct req *r, const char *name, const char *v)
{
	return absent(v) ? bad(r, M_PARAM_REQUIRED, name, name) : 0;
}
