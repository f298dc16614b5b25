/* unit-layer: core */
/* Unit tests for jprules.c: the JP rules file, its defaults, the credit
   rule (minutes, fixed, stated; session, day and month caps) and refs. */
#include <string.h>

#include "jprules.h"
#include "t.h"

static struct jpr_rules R;

static int
credit(const char *code, int minutes, int stated, int month, int day,
    enum jpr_why *why)
{
	const struct jpr_form *f = jprules_form(&R, code);
	struct jpr_claim c = { minutes, stated, month, day };
	struct jpr_credit out;

	if (f == NULL || jprules_credit(f, &c, &out) != 0)
		return -1;
	*why = out.why;
	return strcmp(out.ref, f->ref) == 0 ? out.cjp : -2;
}

static void
test_defaults(void)
{
	const struct jpr_target *t;

	T_OK(jprules_defaults(&R) == 0, "jprules defaults parse");
	T_OK(R.nforms == 25, "jprules defaults: 25 forms (SIASN 1..25 but 1 code)");
	T_OK((t = jprules_target(&R, "pns")) && t->min_cjp_year == 2000 &&
	    t->confirmed, "jprules PNS: at least 20 JP a year, confirmed");
	T_OK((t = jprules_target(&R, "pppk")) && t->max_cjp_year == 2400 &&
	    !t->confirmed, "jprules PPPK: at most 24 JP, marked unconfirmed");
	T_OK(jprules_form(&R, "coaching") && jprules_form(&R, "coaching")->siasn
	    == 14 && jprules_form(&R, "mentoring")->siasn == 15 &&
	    jprules_form(&R, "e-learning")->siasn == 16,
	    "jprules SIASN codes 14 coaching, 15 mentoring, 16 e-learning");
	T_OK(!jprules_form(&R, "coaching")->confirmed &&
	    jprules_form(&R, "e-learning")->confirmed,
	    "jprules unconfirmed figures are marked so");
}

static void
test_credit(void)
{
	enum jpr_why w;

	T_OK(credit("e-learning", 100, 0, 0, 0, &w) == 222 && w == JPR_OK,
	    "jprules 100 minutes at 45 = 2,22 JP (rounded down)");
	T_OK(credit("e-learning", 45, 0, 0, 0, &w) == 100, "jprules 45 min = 1 JP");
	T_OK(credit("coaching", 60, 0, 0, 0, &w) == 133 && w == JPR_OK,
	    "jprules coaching 60 minutes = 1,33 JP");
	T_OK(credit("coaching", 180, 0, 1, 0, &w) == 200 &&
	    w == JPR_SESSION_CAP, "jprules coaching capped at 2 JP a session");
	T_OK(credit("coaching", 90, 0, 2, 0, &w) == 0 && w == JPR_MONTH_CAP,
	    "jprules a third coaching session in a month earns nothing");
	T_OK(credit("belajar-mandiri", 180, 0, 0, 0, &w) == 200 &&
	    w == JPR_DAY_CAP, "jprules belajar mandiri at most 2 JP a day");
	T_OK(credit("belajar-mandiri", 90, 0, 0, 150, &w) == 50 &&
	    w == JPR_DAY_CAP, "jprules the day's cap counts what was credited");
	T_OK(credit("belajar-mandiri", 90, 0, 0, 200, &w) == 0 &&
	    w == JPR_DAY_CAP, "jprules a full day credits 0");
	T_OK(credit("magang", 0, 0, 0, 0, &w) == 2000 && w == JPR_OK,
	    "jprules magang: a fixed 20 JP");
	T_OK(credit("benchmarking", 30, 0, 0, 0, &w) == 1000,
	    "jprules benchmarking: a fixed 10 JP whatever the minutes");
	T_OK(credit("seminar", 999, 1234, 0, 0, &w) == 1234 && w == JPR_OK,
	    "jprules seminar: the JP on the certificate");
	T_OK(credit("e-learning", 0, 0, 0, 0, &w) == 0 && w == JPR_NOTHING,
	    "jprules no minutes, nothing");
	T_OK(credit("e-learning", 100000000, 0, 0, 0, &w) == JPR_CJP_MAX,
	    "jprules one credit is bounded");
}

static void
test_refs(void)
{
	static const char a[] = "[bentuk x]\nnama = X\nsiasn = 25\n"
	    "menit_per_jp = 45\nsumber = satu\n";
	static const char b[] = "[bentuk x]\nnama = Nama lain\nsiasn = 25\n"
	    "menit_per_jp = 45\nsumber = dua\nstatus = pasti\n";
	static const char c[] = "[bentuk x]\nnama = X\nsiasn = 25\n"
	    "menit_per_jp = 60\n";
	struct jpr_rules x, y;
	struct buf	 err = { 0 };
	char		 ra[JPR_REF_MAX];

	T_OK(jprules_parse("a", a, sizeof(a) - 1, &x, &err) == 0, "jprules a");
	snprintf(ra, sizeof(ra), "%s", x.form[0].ref);
	T_OK(jprules_parse("b", b, sizeof(b) - 1, &y, &err) == 0 &&
	    strcmp(y.form[0].ref, ra) == 0,
	    "jprules ref ignores name, source and status");
	T_OK(jprules_parse("c", c, sizeof(c) - 1, &y, &err) == 0 &&
	    strcmp(y.form[0].ref, ra) != 0 && strncmp(ra, "x@", 2) == 0,
	    "jprules ref changes with what changes a credit");
	buf_free(&err);
}

static void
test_errors(void)
{
	static const char bad[] =
	    "# komentar\n"				/* 1 */
	    "nama = di luar\n"				/* 2 */
	    "[bentuk coaching]\n"			/* 3 */
	    "nama = Coaching\n"				/* 4 */
	    "siasn = 26\n"				/* 5 */
	    "menit_per_jp = 45\n"			/* 6 */
	    "jp_tetap = 2\n"				/* 7 */
	    "anwser = 1\n"				/* 8 */
	    "status = mungkin\n"			/* 9 */
	    "[bentuk coaching]\n"			/* 10 */
	    "[kelompok x]\n"				/* 11 */
	    "[bentuk Besar]\n"				/* 12 */
	    "[sasaran pns]\n"				/* 13 */
	    "min_jp_tahun = dua puluh\n"		/* 14 */
	    "tanpa sama dengan\n";			/* 15 */
	struct jpr_rules x;
	struct buf	 err = { 0 };
	char		*e;

	T_OK(jprules_parse("r.txt", bad, sizeof(bad) - 1, &x, &err) == -1 &&
	    x.nforms == 0, "jprules a bad file is refused whole");
	buf_addc(&err, '\0');
	e = err.p;
	T_OK(strstr(e, "r.txt:2: \"nama\" di luar"), "jprules line 2: outside");
	T_OK(strstr(e, "r.txt:5: siasn"), "jprules line 5: siasn 26");
	T_OK(strstr(e, "r.txt:8: kunci \"anwser\""), "jprules line 8: typo");
	T_OK(strstr(e, "r.txt:9: status"), "jprules line 9: status");
	T_OK(strstr(e, "r.txt:3: [bentuk coaching]: \"menit_per_jp\""),
	    "jprules line 3: two bases");
	T_OK(strstr(e, "r.txt:10: [bentuk coaching] ditulis dua kali"),
	    "jprules line 10: twice");
	T_OK(strstr(e, "r.txt:11: bagian"), "jprules line 11: unknown section");
	T_OK(strstr(e, "r.txt:12: kode"), "jprules line 12: code case");
	T_OK(strstr(e, "r.txt:14: min_jp_tahun"), "jprules line 14: not a number");
	T_OK(strstr(e, "r.txt:15: harus"), "jprules line 15: no '='");
	buf_free(&err);
	{
		static const char w[] = "[bentuk a]\nnama = Caf\xe9\n";
		int	 rc = jprules_parse("w.txt", w, sizeof(w) - 1, &x, &err);

		buf_addc(&err, '\0');
		T_OK(rc == -1 && strstr(err.p, "w.txt:2: bukan UTF-8"),
		    "jprules Windows-1252 text names its line");
	}
	buf_free(&err);
}

int
main(void)
{
	test_defaults();
	test_credit();
	test_refs();
	test_errors();
	T_DONE();
}
