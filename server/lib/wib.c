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

int
wib_parse_ymd(const char *s, int *y, int *m, int *d)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	int		 i, yy, mm, dd, last;

	if (s == NULL)
		return -1;
	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return -1;
		} else if (s[i] < '0' || s[i] > '9')
			return -1;
	}
	if (s[10] != '\0')
		return -1;
	yy = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	mm = (s[5] - '0') * 10 + (s[6] - '0');
	dd = (s[8] - '0') * 10 + (s[9] - '0');
	if (yy < 1 || mm < 1 || mm > 12 || dd < 1)
		return -1;
	last = mdays[mm - 1];
	if (mm == 2 && yy % 4 == 0 && (yy % 100 != 0 || yy % 400 == 0))
		last = 29;
	if (dd > last)
		return -1;
	*y = yy;
	*m = mm;
	*d = dd;
	return 0;
}

int64_t
wib_parse_day(const char *s)
{
	int	 y, m, d;

	if (wib_parse_ymd(s, &y, &m, &d) == -1 || y < 2000 || y > 2100)
		return -1;
	return wib_midnight(y, m, d);
}
