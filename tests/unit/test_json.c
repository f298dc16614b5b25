/* unit-layer: lib */
/* Unit tests for json.c: the one JSON string reader. */
#include <string.h>

#include "json.h"
#include "t.h"

/* 0 and the value in out, with *rest what follows the string; -1. */
static int
rd(const char *s, char *out, size_t len, const char **rest)
{
	const char	*p = s;
	int		 rc = json_string(&p, out, len);

	*rest = p;
	return rc;
}

int
main(void)
{
	char		 o[32];
	const char	*rest;

	T_OK(rd("\"Sari\",", o, sizeof(o), &rest) == 0 && strcmp(o, "Sari") == 0 &&
	    strcmp(rest, ",") == 0, "json.plain_and_rest");
	T_OK(rd("\"a\\\"b\\\\c\\/d\\n\\t\"", o, sizeof(o), &rest) == 0 &&
	    strcmp(o, "a\"b\\c/d\n\t") == 0, "json.escapes");
	T_OK(rd("\"caf\\u00e9 \\u20AC\"", o, sizeof(o), &rest) == 0 &&
	    strcmp(o, "caf\xc3\xa9 \xe2\x82\xac") == 0, "json.u_escapes");
	T_OK(rd("\"\\ud83d\\ude00\"", o, sizeof(o), &rest) == 0 &&
	    strcmp(o, "\xf0\x9f\x98\x80") == 0, "json.surrogate_pair");
	T_OK(rd("\"\\ud83d\"", o, sizeof(o), &rest) == -1 &&
	    rd("\"\\ude00\"", o, sizeof(o), &rest) == -1 &&
	    rd("\"\\ud83d\\u0041\"", o, sizeof(o), &rest) == -1,
	    "json.lone_surrogates_refused");
	T_OK(rd("\"\\u0000\"", o, sizeof(o), &rest) == -1 &&
	    rd("\"\\u12g4\"", o, sizeof(o), &rest) == -1 &&
	    rd("\"\\x\"", o, sizeof(o), &rest) == -1, "json.bad_escapes_refused");
	T_OK(rd("\"a\tb\"", o, sizeof(o), &rest) == -1 &&
	    rd("\"open", o, sizeof(o), &rest) == -1 &&
	    rd("plain", o, sizeof(o), &rest) == -1 && strcmp(rest, "plain") == 0,
	    "json.controls_end_and_no_quote_refused");
	T_OK(rd("\"abcd\"", o, 5, &rest) == 0 && rd("\"abcde\"", o, 5, &rest) == -1 &&
	    rd("\"ab\\u00e9\"", o, 4, &rest) == -1, "json.length_bound");
	T_OK(rd("\"skip \\u00e9 me\"]", NULL, 0, &rest) == 0 &&
	    strcmp(rest, "]") == 0, "json.skip");
	T_DONE();
}
