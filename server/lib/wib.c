/* wib: see wib.h. */
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "wib.h"

/*
 * The civil time of t + WIB_OFFSET, as gmtime_r would give it, by
 * arithmetic (H. Hinnant's days-to-civil): gmtime_r takes glibc's
 * time-zone lock on every call, and exports convert two dates a row.
 */
void
wib_tm(int64_t t, struct tm *tm)
{
	static const int cum[12] = { 0, 31, 59, 90, 120, 151, 181, 212, 243,
	    273, 304, 334 };
	int64_t		 s = t + WIB_OFFSET, days, secs, z, era, doe, yoe, y, doy, mp;
	int		 m, d, leap;

	memset(tm, 0, sizeof(*tm));
	days = s / 86400;
	secs = s % 86400;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = (int)(doy - (153 * mp + 2) / 5 + 1);
	m = (int)(mp < 10 ? mp + 3 : mp - 9);
	if (m <= 2)
		y++;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	tm->tm_sec = (int)(secs % 60);
	tm->tm_min = (int)(secs / 60 % 60);
	tm->tm_hour = (int)(secs / 3600);
	tm->tm_mday = d;
	tm->tm_mon = m - 1;
	tm->tm_year = (int)(y - 1900);
	tm->tm_wday = (int)((days % 7 + 11) % 7);	/* 1970-01-01: Thursday */
	tm->tm_yday = cum[m - 1] + d - 1 + (m > 2 && leap);
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

	int		 y;

	/* Digits by hand: exports write two dates per row. */
	wib_tm(t, &tm);
	y = (tm.tm_year + 1900) % 10000;
	if (y < 0)
		y = 0;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + (tm.tm_mon + 1) / 10);
	out[6] = (char)('0' + (tm.tm_mon + 1) % 10);
	out[7] = '-';
	out[8] = (char)('0' + tm.tm_mday / 10);
	out[9] = (char)('0' + tm.tm_mday % 10);
	out[10] = '\0';
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
