/*
 * wib: Western Indonesia Time (UTC+7 all year, no daylight saving), the
 * one zone Lentera counts days and years in and shows times in. The one
 * home of the offset and of the date formats built on it. Pure
 * functions; no allocation; they read no clock (callers pass r->now).
 *
 * wib_tm fills *tm with the WIB calendar time of Unix time t.
 * wib_year returns t's WIB year (a record's reporting year).
 * wib_ymd writes t's WIB date as "yyyy-mm-dd" (machine formats: CSV, JSON,
 *   the signed certificate payload).
 * wib_date writes t's WIB date for people, "1 Januari 2026" (lang as
 *   i18n.h: 0 Indonesian, 1 English), truncated to len.
 * wib_midnight returns the Unix time of 00:00 WIB on y-m-d, or -1 when
 *   that is no calendar date (2026-02-30).
 * wib_parse_ymd reads exactly "yyyy-mm-dd" (digits only, years
 *   2000..2100; a form's date field) as that day's 00:00 WIB, or -1.
 */
#ifndef LENTERA_WIB_H
#define LENTERA_WIB_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define WIB_OFFSET	(7 * 3600)	/* seconds east of UTC */

void	wib_tm(int64_t t, struct tm *tm);
int	wib_year(int64_t t);
void	wib_ymd(int64_t t, char out[11]);
void	wib_date(int64_t t, int lang, char *out, size_t len);
int64_t	wib_midnight(int y, int m, int d);
int64_t	wib_parse_ymd(const char *s);

#endif
