/* wib: see wib.h. */
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "wib.h"

void
wib_tm(int64_t t, struct tm *tm)
{
	time_t	 tt = (time_t)(t + WIB_OFFSET);

	if (gmtime_r(&tt, tm) == NULL)
		memset(tm, 0, sizeof(*tm));
}

int
wib_year(int64_t t)
{
	struct tm	 tm;

	wib_tm(t, &tm);
	return tm.tm_year + 1900;
}

void
wib_ymd(int64_t t, char out[11])
{
	struct tm	 tm;

	wib_tm(t, &tm);
	snprintf(out, 11, "%04d-%02d-%02d", (tm.tm_year + 1900) % 10000,
	    tm.tm_mon + 1, tm.tm_mday);
}

void
wib_date(int64_t t, int lang, char *out, size_t len)
{
	struct tm	 tm;

	wib_tm(t, &tm);
	snprintf(out, len, "%d %s %d", tm.tm_mday,
	    i18n(lang, (enum msg)(M_MONTH_1 + tm.tm_mon)), tm.tm_year + 1900);
}

int64_t
wib_midnight(int y, int m, int d)
{
	struct tm	 tm;
	time_t		 t;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	t = timegm(&tm);
	/* timegm normalises 2026-02-30 to March: refuse such dates. */
	if (tm.tm_year != y - 1900 || tm.tm_mon != m - 1 || tm.tm_mday != d)
		return -1;
	return (int64_t)t - WIB_OFFSET;
}

int64_t
wib_parse_ymd(const char *s)
{
	int	 i, v[3] = { 0, 0, 0 }, k = 0;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			k++;
			continue;
		}
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v[k] = v[k] * 10 + (s[i] - '0');
	}
	if (v[0] < 2000 || v[0] > 2100)
		return -1;
	return wib_midnight(v[0], v[1], v[2]);
}
