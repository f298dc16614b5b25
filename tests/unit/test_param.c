/* unit-layer: web (tests the request-edge parameter helpers) */
/* Unit tests for web/param (typed parameters) and the error answers they
   set (web/error), and wib_parse_ymd, the one date parser under them. */
#include <stdint.h>
#include <string.h>

#include "error.h"
#include "http.h"
#include "param.h"
#include "wib.h"
#include "t.h"

static void
test_int(void)
{
	static const char *const bad[] = {
		"x", "1x", " 1", "1 ", "+1", "-1", "1.0", "0x10", "1e3", "--1",
		"2101", "1999", "0002101", "9999999999999999999", "١٢",
	};
	int64_t	 v;
	size_t	 i;

	T_OK(param_parse_int("2026", 2000, 2100, &v) == 0 && v == 2026,
	    "int: in range");
	T_OK(param_parse_int("02026", 2000, 2100, &v) == 0 && v == 2026,
	    "int: leading zero");
	T_OK(param_parse_int("2000", 2000, 2100, &v) == 0 &&
	    param_parse_int("2100", 2000, 2100, &v) == 0, "int: bounds kept");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		T_OK(param_parse_int(bad[i], 2000, 2100, &v) == -1, bad[i]);
	T_OK(param_parse_int("-5", -10, 10, &v) == 0 && v == -5,
	    "int: minus when lo < 0");
	T_OK(param_parse_int("-", -10, 10, &v) == -1, "int: lone minus");
	T_OK(param_parse_int("", 0, 10, &v) == -1 &&
	    param_parse_int(NULL, 0, 10, &v) == -1, "int: absent is no int");
	T_OK(param_parse_int("999999999999999999", 0, INT64_MAX, &v) == 0 &&
	    v == 999999999999999999LL, "int: 18 digits");
	T_OK(param_parse_int("1000000000000000000", 0, INT64_MAX, &v) == -1,
	    "int: 19 digits refused, never overflows");
}

static void
test_date(void)
{
	static const char *const bad[] = {
		"2026-02-29", "2026-04-31", "2026-13-01", "2026-00-10",
		"2026-01-00", "2026-1-01", "2026/01/01", "2026-01-01x",
		" 2026-01-01", "26-01-01", "1999-12-31", "2101-01-01", "",
		"2026-01-0", "20260101", "2026-01-32",
	};
	struct param_date d;
	int		 y, m, dd;
	size_t		 i;

	T_OK(param_parse_date("2024-02-29", &d) == 0 && d.y == 2024 &&
	    d.m == 2 && d.d == 29, "date: leap day");
	T_OK(param_parse_date("2026-12-01", &d) == 0 &&
	    d.t == wib_midnight(2026, 12, 1), "date: midnight WIB");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		T_OK(param_parse_date(bad[i], &d) == -1, bad[i]);
	T_OK(wib_parse_ymd("2000-02-29", &y, &m, &dd) == 0 &&
	    wib_parse_ymd("2100-02-29", &y, &m, &dd) == -1,
	    "wib_parse_ymd: century leap rules");
	y = 7;
	T_OK(wib_parse_ymd("2026-02-30", &y, &m, &dd) == -1 && y == 7,
	    "wib_parse_ymd: untouched on failure");
	T_OK(wib_parse_ymd(NULL, &y, &m, &dd) == -1, "wib_parse_ymd: NULL");
}

static void
test_enum_text(void)
{
	static const char *const fmts[] = { "json", "csv", "xlsx", NULL };
	int	 k = -1;

	T_OK(param_parse_enum("csv", fmts, &k) == 0 && k == 1, "enum: found");
	T_OK(param_parse_enum("CSV", fmts, &k) == -1 &&
	    param_parse_enum("csv ", fmts, &k) == -1 &&
	    param_parse_enum("", fmts, &k) == -1, "enum: exact spelling only");
	T_OK(param_parse_text("Biro Umum — Jakarta", 64) == 0, "text: UTF-8");
	T_OK(param_parse_text("a\nb", 64) == -1 &&
	    param_parse_text("a\tb", 64) == -1 &&
	    param_parse_text("a\x7f", 64) == -1, "text: no controls");
	T_OK(param_parse_text("\xc3\x28", 64) == -1 &&
	    param_parse_text("\xed\xa0\x80", 64) == -1, "text: bad UTF-8");
	T_OK(param_parse_text("abcd", 4) == 0 &&
	    param_parse_text("abcde", 4) == -1, "text: max bytes");
}

/* The answers: status, message naming the parameter, kind by route. */
static void
test_answers(void)
{
	static const char *const fmts[] = { "json", "csv", NULL };
	struct req	 r;
	int64_t		 v = 42;
	int		 k = 9;
	const char	*s = "keep";
	struct param_date d = { 0 };

	memset(&r, 0, sizeof(r));
	r.api = 1;
	T_OK(param_int(&r, "page", NULL, 1, 10, &v) == 0 && v == 42 &&
	    param_int(&r, "page", "", 1, 10, &v) == 0 && v == 42 &&
	    r.out.n == 0, "absent: default stands, no answer");
	T_OK(param_int(&r, "page", "11", 1, 10, &v) == 400 && v == 42,
	    "int: 400");
	T_OK(r.ctype && strcmp(r.ctype, "application/json") == 0 && r.out.p &&
	    strstr(r.out.p, "{\"error\":\"page must be a whole number from 1 "
	    "to 10.\",\"status\":400}") != NULL, "api: JSON in English");
	T_OK(param_enum(&r, "format", "pdf", fmts, &k) == 400 && k == 9 &&
	    strstr(r.out.p, "format must be one of: json, csv.") != NULL,
	    "enum: lists the choices");
	T_OK(param_nip(&r, "nip", "12345", &s) == 400 && strcmp(s, "keep") ==
	    0 && strstr(r.out.p, "nip must be an 18-digit NIP") != NULL,
	    "nip: 400");
	T_OK(param_nip(&r, "nip", "199001012020121001", &s) == 0 &&
	    strcmp(s, "199001012020121001") == 0, "nip: good");
	T_OK(param_date(&r, "since", "2026-02-30", &d) == 400 &&
	    strstr(r.out.p, "since must be a calendar date") != NULL,
	    "date: 400");
	T_OK(param_need(&r, "code", "") == 400 &&
	    strstr(r.out.p, "code is required") != NULL, "need: 400");
	T_OK(param_text(&r, "unit", "a\rb", 10, &s) == 400 &&
	    strstr(r.out.p, "at most 10 bytes") != NULL, "text: 400");
	buf_free(&r.out);

	memset(&r, 0, sizeof(r));
	r.lang = LANG_ID;
	T_OK(param_int(&r, "tahun", "20x6", 2000, 2100, &v) == 400,
	    "page: 400");
	T_OK(r.ctype && strncmp(r.ctype, "text/html", 9) == 0 && r.out.p &&
	    strstr(r.out.p, "<h1>400</h1>") != NULL && strstr(r.out.p,
	    "tahun harus bilangan bulat dari 2000 sampai 2100.") != NULL,
	    "page: HTML in the request's language");
	T_OK(error_set(&r, 404, NULL) == 404 && strstr(r.out.p,
	    "<h1>404</h1>") != NULL && strstr(r.out.p, "tahun") == NULL,
	    "error_set: replaces the body, standard message");
	buf_free(&r.out);
	memset(&r, 0, sizeof(r));
	r.lang = LANG_EN;
	T_OK(param_int(&r, "year", "<b>", 2000, 2100, &v) == 400 &&
	    strstr(r.out.p, "year must be a whole number") != NULL,
	    "page: English when chosen");
	buf_free(&r.out);
}

int
main(void)
{
	test_int();
	test_date();
	test_enum_text();
	test_answers();
	T_DONE();
}
