/* unit-layer: lib */
/* Unit tests for form: urlencoded/query parsing and cookie lookup. */
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "t.h"

static int
parse(struct form *f, const char *s)
{
	return form_parse(f, s, strlen(s));
}

static int
eq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

static void
test_parse(void)
{
	struct form	 f;
	char		*big, *p;
	int		 i;

	T_OK(parse(&f, "nip=1987&nama=Siti+Aminah&kota=Yogyakarta%20DIY") == 3 &&
	    eq(form_get(&f, "nama"), "Siti Aminah") &&
	    eq(form_get(&f, "kota"), "Yogyakarta DIY") &&
	    eq(form_get(&f, "nip"), "1987"), "form decoding and '+'");
	form_free(&f);
	T_OK(parse(&f, "q=a%2Bb%26c%3Dd&%6E%61me=x") == 2 &&
	    eq(form_get(&f, "q"), "a+b&c=d") && eq(form_get(&f, "name"), "x"),
	    "form escaped separators stay data");
	form_free(&f);
	T_OK(parse(&f, "jawaban=a&jawaban=c&jawaban=b") == 3 &&
	    eq(f.f[0].value, "a") && eq(f.f[1].value, "c") &&
	    eq(f.f[2].value, "b") && eq(form_get(&f, "jawaban"), "a"),
	    "form repeated names in order");
	form_free(&f);
	T_OK(parse(&f, "a=&b&c=1") == 3 && eq(form_get(&f, "a"), "") &&
	    eq(form_get(&f, "b"), "") && eq(form_get(&f, "c"), "1"),
	    "form empty values");
	form_free(&f);
	T_OK(parse(&f, "a&&b=") == 2 && eq(f.f[0].name, "a") &&
	    eq(f.f[1].name, "b") && eq(f.f[1].value, ""), "form a&&b=");
	form_free(&f);
	T_OK(parse(&f, "") == 0 && f.n == 0 && form_get(&f, "a") == NULL,
	    "form empty input");
	form_free(&f);
	T_OK(form_parse(&f, "a=1&b=2", 3) == 1 && eq(form_get(&f, "a"), "1") &&
	    form_get(&f, "b") == NULL, "form honours n (not NUL-terminated)");
	form_free(&f);
	T_OK(parse(&f, "a=b=c") == 1 && eq(form_get(&f, "a"), "b=c"),
	    "form value keeps later '='");
	form_free(&f);
	T_OK(parse(&f, "nama=Dw%C3%AD&kota=%E2%82%AC") == 2 &&
	    eq(form_get(&f, "nama"), "Dw\xc3\xad"), "form UTF-8 accepted");
	form_free(&f);
	T_OK(parse(&f, "a=%zz") == -1 && f.n == 0 && f.mem == NULL,
	    "form %zz → -1");
	T_OK(parse(&f, "a=%4") == -1, "form %4 → -1");
	T_OK(parse(&f, "a=1&b=%") == -1, "form trailing % → -1");
	T_OK(parse(&f, "%zz=1") == -1, "form bad escape in name → -1");
	T_OK(parse(&f, "a=x%00y") == -1, "form %00 → -1");
	T_OK(form_parse(&f, "a=x\0y", 5) == -1, "form raw NUL → -1");
	T_OK(parse(&f, "a=%FF") == -1, "form invalid UTF-8 → -1");
	T_OK(parse(&f, "a=%C0%AF") == -1, "form overlong UTF-8 → -1");
	T_OK(parse(&f, "a=%ED%A0%80") == -1, "form surrogate → -1");
	T_OK(parse(&f, "a=%E2%82") == -1, "form truncated UTF-8 → -1");
	T_OK(parse(&f, "a=\xff") == -1, "form raw invalid UTF-8 → -1");
	form_free(&f);
	form_free(&f);

	big = malloc(FORM_MAX_FIELDS * 4 + 8);
	for (p = big, i = 0; i < FORM_MAX_FIELDS; i++)
		p += sprintf(p, "a=%d&", i % 10);
	T_OK(parse(&f, big) == FORM_MAX_FIELDS &&
	    eq(f.f[FORM_MAX_FIELDS - 1].value, "5"), "form 256 fields ok");
	form_free(&f);
	strcpy(p, "z=1");
	T_OK(parse(&f, big) == -1 && f.n == 0, "form 257 fields → -1");
	free(big);
	big = calloc(1, FORM_MAX_INPUT + 2);
	memset(big, 'a', FORM_MAX_INPUT + 1);
	T_OK(form_parse(&f, big, FORM_MAX_INPUT) == 1 &&
	    strlen(f.f[0].name) == FORM_MAX_INPUT, "form 1 MiB accepted");
	form_free(&f);
	T_OK(form_parse(&f, big, FORM_MAX_INPUT + 1) == -1,
	    "form over 1 MiB → -1");
	free(big);
}

static void
test_cookie(void)
{
	char	 v[16];

	T_OK(form_cookie("sid=abc", "sid", v, sizeof(v)) == 3 &&
	    eq(v, "abc"), "cookie single");
	T_OK(form_cookie("theme=dark; sid=xyz; lang=id", "sid", v,
	    sizeof(v)) == 3 && eq(v, "xyz"), "cookie among several");
	T_OK(form_cookie("xsid=1; sid=2", "sid", v, sizeof(v)) == 1 &&
	    eq(v, "2"), "cookie prefix collision xsid");
	T_OK(form_cookie("sidx=1; sid=2", "sid", v, sizeof(v)) == 1 &&
	    eq(v, "2"), "cookie prefix collision sidx");
	T_OK(form_cookie("a=sid=3; sid=4", "sid", v, sizeof(v)) == 1 &&
	    eq(v, "4"), "cookie name inside a value");
	T_OK(form_cookie("  sid = 7 ;lang=id", "sid", v, sizeof(v)) == 1 &&
	    eq(v, "7"), "cookie spaces trimmed");
	T_OK(form_cookie("sid=\"q1\"", "sid", v, sizeof(v)) == 2 &&
	    eq(v, "q1"), "cookie quotes removed");
	T_OK(form_cookie("sid=1; sid=2", "sid", v, sizeof(v)) == 1 &&
	    eq(v, "1"), "cookie first of duplicates");
	T_OK(form_cookie("sid=", "sid", v, sizeof(v)) == 0 && eq(v, ""),
	    "cookie empty value");
	T_OK(form_cookie("xsid=1; lang=id", "sid", v, sizeof(v)) == -1,
	    "cookie absent");
	T_OK(form_cookie("sid", "sid", v, sizeof(v)) == -1,
	    "cookie without '=' ignored");
	T_OK(form_cookie(NULL, "sid", v, sizeof(v)) == -1 &&
	    form_cookie("sid=1", "", v, sizeof(v)) == -1,
	    "cookie NULL header / empty name");
	T_OK(form_cookie("sid=0123456789abcdef", "sid", v, sizeof(v)) == -2 &&
	    eq(v, ""), "cookie too long → -2");
	T_OK(form_cookie("sid=0123456789abcde", "sid", v, sizeof(v)) == 15,
	    "cookie exactly fits");
	T_OK(form_cookie("sid=1", "sid", v, 0) == -2, "cookie outlen 0");
}

int
main(void)
{
	test_parse();
	test_cookie();
	T_DONE();
}
