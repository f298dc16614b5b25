/*
 * numfmt: numbers as people read them on a page. Bahasa Indonesia writes
 * the decimal mark as a comma and groups thousands with a dot
 * ("1.234.567,5"), puts a space before the percent sign ("18,2 %") and
 * writes rupiah as "Rp 4.000.000"; English pages get "1,234,567.5",
 * "18.2%" and "Rp 4,000,000". Pages only: machine formats (CSV, JSON,
 * API, stored data) keep C's "%.1f" and must never call this.
 *
 * Every function appends to a struct buf (see buf.h: out of memory sets
 * ->oom) and takes lang as enum lang from http.h (0 Indonesian, 1
 * English; anything else is Indonesian). Values are rounded half away
 * from zero to `decimals` places (clamped to 0..NUMFMT_DECIMALS_MAX);
 * "-0" is never written; NaN and infinities come out as "–".
 *
 *   numfmt_dec(b, lang, 50, 1)           "50,0"
 *   numfmt_dec(b, lang, 1234567.25, 2)   "1.234.567,25"
 *   numfmt_num(b, lang, 0.5)             "0,5"  (up to 6 places, trailing
 *                                                zeros dropped: points,
 *                                                typed answers)
 *   numfmt_pct(b, lang, 18.25, 1)        "18,3 %"  (value is a percent)
 *   numfmt_rp(b, lang, 4000000)          "Rp 4.000.000" (whole rupiah)
 *   numfmt_int(b, lang, 20000)           "20.000"
 *
 * numfmt_str() is numfmt_dec into a caller's char array (always
 * NUL-terminated; returns the length, or -1 when it did not fit).
 */
#ifndef LENTERA_NUMFMT_H
#define LENTERA_NUMFMT_H

#include <stddef.h>

struct buf;

#define NUMFMT_DECIMALS_MAX	6

void	numfmt_dec(struct buf *, int lang, double v, int decimals);
void	numfmt_num(struct buf *, int lang, double v);
void	numfmt_pct(struct buf *, int lang, double v, int decimals);
void	numfmt_rp(struct buf *, int lang, double v);
void	numfmt_int(struct buf *, int lang, long long v);
int	numfmt_str(char *dst, size_t len, int lang, double v, int decimals);

#endif
