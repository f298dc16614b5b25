/*
 * param: typed request parameters, the one way a handler reads an
 * integer, a date, a choice from a table, a NIP or bounded text from the
 * query string, the form body or a path segment.
 *
 * Each checker takes the parameter's name as the user sees it (the query
 * or form field: "year", "per_page") and its raw value v (http_query,
 * http_param or r->seg[i]), and returns
 *   0    the value is good and stored in *out; also when v is NULL or ""
 *        (absent): *out is left alone, so the default the caller put
 *        there stands (param_need says "required" instead);
 *   400  the value is bad: the 400 answer is already set in r by
 *        error_set (error.h: HTML page or JSON by route) with a message
 *        naming the parameter and what it must be, in error_lang(r);
 *        the handler returns the status as it is:
 *            if ((rc = param_int(r, "year", v, 2000, 2100, &y)) != 0)
 *                    return rc;
 *
 * Integers are plain decimal: ASCII digits, a '-' only when lo < 0, no
 * sign, blank or fraction, at most PARAM_INT_DIGITS digits. Dates are
 * "yyyy-mm-dd" naming a calendar day (wib.h) in PARAM_YEAR_MIN..MAX.
 * Text is valid UTF-8 without control characters, at most max bytes.
 *
 * The param_parse_* functions are the same checks without an answer, for
 * callers whose bad value means something else (a path id that is no
 * number is a 404: the page does not exist) and for unit tests.
 */
#ifndef LENTERA_PARAM_H
#define LENTERA_PARAM_H

#include <stddef.h>
#include <stdint.h>

struct req;

#define PARAM_INT_DIGITS	18	/* fits int64 with room */
#define PARAM_YEAR_MIN		2000	/* dates Lentera records */
#define PARAM_YEAR_MAX		2100
#define PARAM_ENUM_MAX		16	/* choices in one table */
#define PARAM_ID_MAX		999999999999999999LL	/* a row id (18 digits) */

/* A date parameter: the day and its 00:00 WIB. */
struct param_date {
	int	 y, m, d;
	int64_t	 t;
};

int	param_int(struct req *, const char *name, const char *v, int64_t lo,
	    int64_t hi, int64_t *out);
/* The same for an int (lo and hi within int). */
int	param_int32(struct req *, const char *name, const char *v, int lo,
	    int hi, int *out);
int	param_date(struct req *, const char *name, const char *v,
	    struct param_date *out);
/* vals: the accepted spellings, NULL-terminated; *out their index. */
int	param_enum(struct req *, const char *name, const char *v,
	    const char *const *vals, int *out);
/* An 18-digit NIP (nip_format); *out points at v. */
int	param_nip(struct req *, const char *name, const char *v,
	    const char **out);
/* *out points at v. */
int	param_text(struct req *, const char *name, const char *v, size_t max,
	    const char **out);
/* 400 "name is required" when v is NULL or "", else 0. */
int	param_need(struct req *, const char *name, const char *v);

/* The checks alone: 0 good (*out set), -1 bad or absent. */
int	param_parse_int(const char *v, int64_t lo, int64_t hi, int64_t *out);
int	param_parse_date(const char *v, struct param_date *out);
int	param_parse_enum(const char *v, const char *const *vals, int *out);
int	param_parse_text(const char *v, size_t max);

#endif
