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
 * wib_parse_ymd reads s, exactly "yyyy-mm-dd" (ASCII digits, nothing
 *   before or after), into *y, *m, *d when it names a calendar day
 *   (leap years counted: 2024-02-29 is one, 2026-02-29 and 2026-04-31
 *   are not); 0 then, else -1 and *y, *m, *d are untouched. The one
 *   parser of a date written by people or machines (query parameters,
 *   CSV, the signed payload).
 * wib_parse_day reads a form's date field the same way (years
 *   2000..2100) and answers that day's 00:00 WIB, or -1.
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
int	wib_parse_ymd(const char *s, int *y, int *m, int *d);
/* A form's date field (years 2000..2100) as that day's 00:00 WIB, or -1. */
int64_t	wib_parse_day(const char *s);

#endif
