/* unit-layer: lib */
/* Unit tests for csv.c: writer, reader, round trip, every error. */
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "t.h"

#define S(lit)	(lit), sizeof(lit) - 1

/* Expect one record of n fields equal to want[]; returns 1 if so. */
static int
rec_is(struct csv_reader *r, int wantline, int n, const char *const *want)
{
	char	**f;
	int	 nf, line, i;
	const char *msg;

	if (csv_next(r, &f, &nf, &line, &msg) != 1 || nf != n ||
	    line != wantline)
		return 0;
	for (i = 0; i < n; i++)
		if (strcmp(f[i], want[i]) != 0)
			return 0;
	return 1;
}

/* Parse s and expect an error at line wantline with message msg. */
static int
err_is(const char *s, size_t n, int wantline, const char *want)
{
	struct csv_reader *r;
	char	**f;
	int	 nf, line = 0, rc, ok;
	const char *msg = NULL;

	if ((r = csv_open(s, n)) == NULL)
		return 0;
	while ((rc = csv_next(r, &f, &nf, &line, &msg)) == 1)
		;
	ok = rc == -1 && line == wantline && msg != NULL &&
	    strstr(msg, want) != NULL;
	/* sticky */
	ok = ok && csv_next(r, &f, &nf, &line, &msg) == -1 &&
	    line == wantline;
	csv_close(r);
	return ok;
}

/* Records at lines l1 (and l2 if not 0) come back as 2 (invalid UTF-8);
   every other record as 1; then the end. */
static int
utf8_bad(const char *s, size_t n, int l1, int l2)
{
	struct csv_reader *r;
	char	**f;
	int	 nf, line = 0, rc, ok = 1, seen = 0;
	const char *msg = NULL;

	if ((r = csv_open(s, n)) == NULL)
		return 0;
	while ((rc = csv_next(r, &f, &nf, &line, &msg)) > 0) {
		if (rc == 2) {
			ok = ok && (line == l1 || line == l2) && msg &&
			    strstr(msg, "UTF-8") != NULL;
			seen++;
		} else
			ok = ok && line != l1 && line != l2;
	}
	csv_close(r);
	return ok && rc == 0 && seen == 1 + (l2 != 0);
}

static void
test_writer(void)
{
	struct buf b = {0};

	csv_field(&b, "Budi", 1);
	csv_field(&b, "Siregar, S.Kom", 0);
	csv_field(&b, "say \"hi\"", 0);
	csv_field(&b, NULL, 0);
	csv_num(&b, 87.5, 0);
	csv_num(&b, -3, 0);
	csv_end(&b);
	T_OK(b.p && strcmp(b.p,
	    "Budi,\"Siregar, S.Kom\",\"say \"\"hi\"\"\",,87.5,-3\r\n") == 0,
	    "csv writer quotes commas and doubles quotes");
	buf_reset(&b);
	csv_field(&b, "=HYPERLINK(\"http://x\")", 1);
	csv_field(&b, "+1", 0);
	csv_field(&b, "-2", 0);
	csv_field(&b, "@SUM(A1)", 0);
	csv_field(&b, "\tx", 0);
	csv_end(&b);
	T_OK(b.p && strcmp(b.p, "\"'=HYPERLINK(\"\"http://x\"\")\",'+1,'-2,"
	    "'@SUM(A1),'\tx\r\n") == 0, "csv writer guards formula cells");
	buf_reset(&b);
	csv_field(&b, " lead", 1);
	csv_field(&b, "trail ", 0);
	csv_field(&b, "a;b", 0);
	csv_field(&b, "line\nbreak", 0);
	csv_num(&b, 0.0 / 0.0, 0);
	csv_end(&b);
	T_OK(b.p && strcmp(b.p, "\" lead\",\"trail \",\"a;b\",\"line\nbreak\","
	    "\r\n") == 0, "csv writer quotes spaces, ; and newlines; NaN empty");
	buf_free(&b);
}

static void
test_roundtrip(void)
{
	static const char *const rows[3][4] = {
		{ "nama", "nip", "unit", "catatan" },
		{ "Siregar, Budi", "198501012010011001", "Dinas \"Kominfo\"",
		    "baris satu\r\nbaris dua" },
		{ "Ni Putu Ayu", "", "  spasi  ", "a;b\nc" },
	};
	struct buf b = {0};
	struct csv_reader *r;
	int	 i, j, ok = 1;
	char	**f;
	int	 nf, line;
	const char *msg;

	for (i = 0; i < 3; i++) {
		for (j = 0; j < 4; j++)
			csv_field(&b, rows[i][j], j == 0);
		csv_end(&b);
	}
	r = csv_open(b.p, b.n);
	ok = r != NULL && rec_is(r, 1, 4, rows[0]) &&
	    rec_is(r, 2, 4, rows[1]) && rec_is(r, 4, 4, rows[2]);
	T_OK(ok, "csv writer->reader round trip (commas, quotes, newlines)");
	T_OK(r && csv_next(r, &f, &nf, &line, &msg) == 0,
	    "csv reader reports end");
	csv_close(r);
	buf_free(&b);
}

static void
test_reader(void)
{
	static const char semi[] = "\xEF\xBB\xBFNama;NIP;Nilai\r\n"
	    "\"Tan, Ahmad\";198501012010011001;87,5\r\n\r\n"
	    "Sari;199001012015032002;90\r\n";
	static const char *const h[] = { "Nama", "NIP", "Nilai" };
	static const char *const r1[] = { "Tan, Ahmad", "198501012010011001",
	    "87,5" };
	static const char *const r2[] = { "Sari", "199001012015032002", "90" };
	static const char lf[] = "a,b\nc,\"d\"\"e\"\n\"f\ng\",h,\n";
	static const char *const l1[] = { "a", "b" };
	static const char *const l2[] = { "c", "d\"e" };
	static const char *const l3[] = { "f\ng", "h", "" };
	static const char cr[] = "x,y\ru,v";
	static const char *const c1[] = { "x", "y" };
	static const char *const c2[] = { "u", "v" };
	static const char bare[] = "5\" disk,ok\n";
	static const char *const b1[] = { "5\" disk", "ok" };
	struct csv_reader *r;
	char	**f;
	int	 nf, line;
	const char *msg;

	r = csv_open(semi, sizeof(semi) - 1);
	T_OK(r && rec_is(r, 1, 3, h), "csv BOM skipped, ; delimiter detected");
	T_OK(r && rec_is(r, 2, 3, r1), "csv ; file keeps decimal comma");
	T_OK(r && rec_is(r, 4, 3, r2), "csv blank CRLF line skipped");
	T_OK(r && csv_next(r, &f, &nf, &line, &msg) == 0, "csv ; end");
	csv_close(r);

	{
		static const char tsv[] = "nip\tnama, gelar\tunit\r\n"
		    "1\tDewi, S.Pd.\tDinas\r\n";
		const char *th[] = { "nip", "nama, gelar", "unit" };
		const char *t1[] = { "1", "Dewi, S.Pd.", "Dinas" };

		r = csv_open(tsv, sizeof(tsv) - 1);
		T_OK(r && rec_is(r, 1, 3, th) && rec_is(r, 2, 3, t1),
		    "csv TAB delimiter (pasted from Excel) detected");
		csv_close(r);
	}

	r = csv_open(lf, sizeof(lf) - 1);
	T_OK(r && rec_is(r, 1, 2, l1) && rec_is(r, 2, 2, l2) &&
	    rec_is(r, 3, 3, l3) &&
	    csv_next(r, &f, &nf, &line, &msg) == 0,
	    "csv LF, doubled quote, multi-line field, trailing empty field");
	csv_close(r);

	r = csv_open(cr, sizeof(cr) - 1);
	T_OK(r && rec_is(r, 1, 2, c1) && rec_is(r, 2, 2, c2),
	    "csv lone CR ends a record, last line without newline");
	csv_close(r);

	r = csv_open(bare, sizeof(bare) - 1);
	T_OK(r && rec_is(r, 1, 2, b1), "csv bare quote in unquoted field kept");
	csv_close(r);

	r = csv_open("", 0);
	T_OK(r && csv_next(r, &f, &nf, &line, &msg) == 0, "csv empty input");
	csv_close(r);
}

static void
test_errors(void)
{
	struct buf b = {0};
	int	 i;
	char	*big;

	T_OK(err_is(S("a,b\nc,\"open\nmore\n"), 2, "tidak ditutup"),
	    "csv unterminated quote, line of record start");
	T_OK(err_is(S("a\n\"x\"y,z\n"), 2, "setelah tanda kutip"),
	    "csv text after closing quote");
	for (i = 0; i < CSV_MAX_FIELDS + 1; i++)
		csv_field(&b, "x", i == 0);
	buf_adds(&b, "\n");
	for (i = 0; i < CSV_MAX_FIELDS; i++)
		csv_field(&b, "x", i == 0);	/* 64 is fine, but line 1 fails */
	T_OK(err_is(b.p, b.n, 1, "terlalu banyak kolom"),
	    "csv too many fields");
	buf_reset(&b);
	buf_adds(&b, "h\nok\n\"");
	for (i = 0; i < CSV_MAX_FIELD + 1; i++)
		buf_addc(&b, 'y');
	buf_adds(&b, "\"\n");
	T_OK(err_is(b.p, b.n, 3, "terlalu panjang"), "csv field too long");
	buf_reset(&b);
	buf_adds(&b, "h\n");
	for (i = 0; i < CSV_MAX_FIELD; i++)
		buf_addc(&b, 'y');
	buf_adds(&b, "\n");
	{
		struct csv_reader *r = csv_open(b.p, b.n);
		char	**f;
		int	 nf, line;
		const char *msg;

		T_OK(r && csv_next(r, &f, &nf, &line, &msg) == 1 &&
		    csv_next(r, &f, &nf, &line, &msg) == 1 &&
		    strlen(f[0]) == CSV_MAX_FIELD,
		    "csv field of exactly CSV_MAX_FIELD bytes accepted");
		csv_close(r);
	}
	T_OK(utf8_bad(S("nama\nJos\xe9\nok\nRen\xe9\n"), 2, 4),
	    "csv Windows-1252 bytes: every such record reported, reading goes on");
	T_OK(utf8_bad(S("nama\n\xC0\xAF\n"), 2, 0),
	    "csv overlong UTF-8 rejected");
	T_OK(utf8_bad(S("nama\n\xED\xA0\x80\n"), 2, 0),
	    "csv UTF-16 surrogate rejected");
	T_OK(err_is(S("a\nb\n\nc\0d\n"), 4, "NUL"), "csv NUL byte");
	T_OK(err_is(S("a\n\"b\"\0\n"), 2, "NUL"), "csv NUL after quote");
	big = malloc(CSV_MAX_INPUT + 1);
	if (big) {
		memset(big, 'a', CSV_MAX_INPUT + 1);
		T_OK(err_is(big, CSV_MAX_INPUT + 1, 1, "terlalu besar"),
		    "csv input over CSV_MAX_INPUT refused");
		free(big);
	}
	buf_free(&b);
}

int
main(void)
{
	test_writer();
	test_roundtrip();
	test_reader();
	test_errors();
	T_DONE();
}
