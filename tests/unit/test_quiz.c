/* unit-layer: quiz */
/* Unit tests for the quiz engine: quiz.c, quizspec.c, paper.c, sandbox.c,
 * answer.c. Fixtures live in tests/unit/fixtures/quiz/. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "answer.h"
#include "buf.h"
#include "quiz.h"
#include "t.h"

#define FIX	"tests/unit/fixtures/quiz/"
#define NRESP	64

struct form {
	int			 n;
	struct quiz_response	 r[NRESP];
	char			 store[NRESP][2][96];
};

static double
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
put(struct form *f, const char *name, const char *value)
{
	snprintf(f->store[f->n][0], sizeof(f->store[0][0]), "%s", name);
	snprintf(f->store[f->n][1], sizeof(f->store[0][1]), "%s", value);
	f->r[f->n].name = f->store[f->n][0];
	f->r[f->n].value = f->store[f->n][1];
	f->n++;
}

static void
puti(struct form *f, const char *name, int v)
{
	char	 tmp[16];

	snprintf(tmp, sizeof(tmp), "%d", v);
	put(f, name, tmp);
}

static const struct quiz_item *
item(const struct quiz_paper *p, const char *id)
{
	int	 i;

	for (i = 0; i < p->nitems; i++)
		if (strcmp(p->items[i].id, id) == 0)
			return &p->items[i];
	return NULL;
}

/* Displayed index of text among choices (options when opt). */
static int
shown(const struct quiz_item *it, const char *text, int opt)
{
	int	 i, n = opt ? it->noptions : it->nchoices;

	for (i = 0; i < n; i++)
		if (strcmp(opt ? it->options[i] : it->choices[i], text) == 0)
			return i;
	return -1;
}

static const struct quiz_mark *
mark(const struct quiz_result *r, const char *id)
{
	int	 i;

	for (i = 0; i < r->nmarks; i++)
		if (strcmp(r->marks[i].id, id) == 0)
			return &r->marks[i];
	return NULL;
}

static const char **
ids_of(const struct quiz_paper *p, const char **ids)
{
	int	 i;

	for (i = 0; i < p->nitems; i++)
		ids[i] = p->items[i].id;
	return ids;
}

/* Grades one form against paper p; returns the mark of id (score/points). */
static double
grade1(const struct quiz *qz, uint64_t seed, const struct quiz_paper *p,
    const struct form *f, const char *id)
{
	struct quiz_result	 res;
	struct buf		 err = { 0 };
	const char		*ids[QUIZ_MAX_QUESTIONS];
	const struct quiz_mark	*m;
	double			 v = -1;

	if (quiz_grade(qz, seed, ids_of(p, ids), p->nitems, f->r, f->n, &res,
	    &err) == 0) {
		if ((m = mark(&res, id)) != NULL && m->points > 0)
			v = m->score / m->points;
		quiz_result_free(&res);
	} else
		printf("# grade error: %s", err.p);
	buf_free(&err);
	return v;
}

static const char *const order7[] = { "Penerimaan", "Verifikasi",
	"Tindak lanjut", "Pelaporan" };
static const char *const left6[] = { "SKM", "SPM", "SOP" };
static const char *const right6[] = { "Survei Kepuasan Masyarakat",
	"Standar Pelayanan Minimal", "Standar Operasional Prosedur" };

static void
test_types(void)
{
	struct quiz		*qz;
	struct quiz_paper	 p;
	struct buf		 err = { 0 };
	const struct quiz_item	*it;
	struct form		 f;
	const uint64_t		 seed = 12345;
	char			 name[32];
	int			 i, ok;

	T_OK(quiz_load(FIX "all_types.lua", &qz, &err) == 0, "load all types");
	if (qz == NULL) {
		printf("# %s", err.p);
		return;
	}
	T_OK(strcmp(quiz_info(qz)->title, "Tes Akhir: Pelayanan Publik "
	    "Prima") == 0 && quiz_info(qz)->pass == 70 &&
	    quiz_info(qz)->attempts == 3 && quiz_info(qz)->time_limit_s ==
	    5400 && quiz_info(qz)->shuffle && quiz_info(qz)->nquestions == 7 &&
	    quiz_info(qz)->review == QUIZ_REVIEW_AFTER_SUBMIT, "quiz info");
	T_OK(quiz_build(qz, seed, NULL, 0, &p, &err) == 0 && p.nitems == 7,
	    "build paper of 7");

	/* single */
	it = item(&p, "q1");
	memset(&f, 0, sizeof(f));
	puti(&f, "q_q1", shown(it, "Ombudsman RI", 0));
	T_OK(grade1(qz, seed, &p, &f, "q1") == 1, "single right");
	memset(&f, 0, sizeof(f));
	puti(&f, "q_q1", shown(it, "KPK", 0));
	T_OK(grade1(qz, seed, &p, &f, "q1") == 0, "single wrong");
	memset(&f, 0, sizeof(f));
	put(&f, "q_q1", "7");
	T_OK(grade1(qz, seed, &p, &f, "q1") == 0, "single out of range = wrong");

	/* multiple: answer {1,3,4}, partial */
	it = item(&p, "q2");
	memset(&f, 0, sizeof(f));
	puti(&f, "q_q2", shown(it, "Kepastian hukum", 0));
	puti(&f, "q_q2", shown(it, "Keterbukaan", 0));
	puti(&f, "q_q2", shown(it, "Kecepatan", 0));
	T_OK(grade1(qz, seed, &p, &f, "q2") == 1, "multiple right");
	memset(&f, 0, sizeof(f));
	puti(&f, "q_q2", shown(it, "Kepastian hukum", 0));
	puti(&f, "q_q2", shown(it, "Keterbukaan", 0));
	T_OK(fabs(grade1(qz, seed, &p, &f, "q2") - 2.0 / 3) < 1e-9,
	    "multiple partial 2 of 3");
	puti(&f, "q_q2", shown(it, "Diskriminatif", 0));
	T_OK(fabs(grade1(qz, seed, &p, &f, "q2") - 1.0 / 3) < 1e-9,
	    "multiple partial 2 right 1 wrong = 1/3");
	memset(&f, 0, sizeof(f));
	puti(&f, "q_q2", shown(it, "Diskriminatif", 0));
	T_OK(grade1(qz, seed, &p, &f, "q2") == 0, "multiple wrong floored at 0");

	/* true/false */
	memset(&f, 0, sizeof(f));
	put(&f, "q_q3", "true");
	T_OK(grade1(qz, seed, &p, &f, "q3") == 1, "true_false right");
	memset(&f, 0, sizeof(f));
	put(&f, "q_q3", "false");
	T_OK(grade1(qz, seed, &p, &f, "q3") == 0, "true_false wrong");

	/* short: case, accents, whitespace */
	memset(&f, 0, sizeof(f));
	put(&f, "q_q4", "  ombudsman   ri ");
	T_OK(grade1(qz, seed, &p, &f, "q4") == 1, "short case/space");
	memset(&f, 0, sizeof(f));
	put(&f, "q_q4", "OMBUDSMÁN Repúblik\tÏndonesia");
	T_OK(grade1(qz, seed, &p, &f, "q4") == 1, "short accents");
	memset(&f, 0, sizeof(f));
	put(&f, "q_q4", "Ombudsman");
	T_OK(grade1(qz, seed, &p, &f, "q4") == 0, "short wrong");

	/* numeric: Indonesian formats */
	{
		static const char *const good[] = { "1.250.000", "Rp 1.250.000",
		    "1250000", "Rp1.250.000,-", "1.250.000,00", "rp. 1250000" };
		static const char *const bad[] = { "1.250", "125.000", "12,5",
		    "satu juta", "" };

		for (i = 0, ok = 1; i < 6; i++) {
			memset(&f, 0, sizeof(f));
			put(&f, "q_q5", good[i]);
			ok &= grade1(qz, seed, &p, &f, "q5") == 1;
		}
		T_OK(ok, "numeric Indonesian formats right");
		for (i = 0, ok = 1; i < 5; i++) {
			memset(&f, 0, sizeof(f));
			put(&f, "q_q5", bad[i]);
			ok &= grade1(qz, seed, &p, &f, "q5") == 0;
		}
		T_OK(ok, "numeric wrong values");
	}

	/* matching: per pair partial */
	it = item(&p, "q6");
	T_OK(it != NULL && it->nchoices == 3 && it->noptions == 3,
	    "matching has 3 left, 3 options");
	memset(&f, 0, sizeof(f));
	for (i = 0; i < 3; i++) {
		int l = shown(it, left6[i], 0);
		snprintf(name, sizeof(name), "q_q6_%d", l);
		puti(&f, name, shown(it, right6[i], 1));
	}
	T_OK(grade1(qz, seed, &p, &f, "q6") == 1, "matching right");
	f.n = 1;	/* keep only the first pair */
	T_OK(fabs(grade1(qz, seed, &p, &f, "q6") - 1.0 / 3) < 1e-9,
	    "matching partial 1 of 3");
	memset(&f, 0, sizeof(f));
	for (i = 0; i < 3; i++) {
		snprintf(name, sizeof(name), "q_q6_%d", shown(it, left6[i], 0));
		puti(&f, name, shown(it, right6[(i + 1) % 3], 1));
	}
	T_OK(grade1(qz, seed, &p, &f, "q6") == 0, "matching wrong");

	/* ordering: per position partial */
	it = item(&p, "q7");
	for (i = 0, ok = 1; i < 4; i++)
		ok &= strcmp(it->choices[i], order7[i]) == 0;
	T_OK(!ok, "ordering never shown in the correct order");
	memset(&f, 0, sizeof(f));
	for (i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "q_q7_%d", shown(it, order7[i], 0));
		puti(&f, name, i + 1);
	}
	T_OK(grade1(qz, seed, &p, &f, "q7") == 1, "ordering right");
	/* swap the last two: 2 of 4 positions right */
	snprintf(f.store[2][1], sizeof(f.store[2][1]), "4");
	snprintf(f.store[3][1], sizeof(f.store[3][1]), "3");
	T_OK(fabs(grade1(qz, seed, &p, &f, "q7") - 0.5) < 1e-9,
	    "ordering partial 2 of 4");

	/* no answers on the paper */
	ok = strstr(p.snapshot_json, "Ombudsman Republik") == NULL &&
	    strstr(p.snapshot_json, "1250000") == NULL &&
	    strstr(p.snapshot_json, "1.250.000") == NULL &&
	    strstr(p.snapshot_json, "mengawasi penyelenggaraan") == NULL &&
	    strstr(p.snapshot_json, "\"answer") == NULL &&
	    strstr(p.snapshot_json, "Penerimaan\",\"Verifikasi\",\"Tindak "
	    "lanjut\",\"Pelaporan") == NULL;
	for (i = 0; i < p.nitems; i++) {
		int j;
		ok &= strstr(p.items[i].text, "Ombudsman Republik") == NULL &&
		    strstr(p.items[i].text, "1250000") == NULL;
		for (j = 0; j < p.items[i].nchoices; j++)
			ok &= strstr(p.items[i].choices[j], "Ombudsman Rep") ==
			    NULL;
	}
	T_OK(ok, "paper and snapshot carry no answers");
	T_OK(item(&p, "q3")->nchoices == 0 && item(&p, "q4")->nchoices == 0 &&
	    item(&p, "q5")->nchoices == 0, "t/f, short, numeric show no choices");

	/* rebuild reproduces the exact paper; the result carries review data */
	{
		struct quiz_paper	 p2;
		struct quiz_result	 res;
		const char		*ids[QUIZ_MAX_QUESTIONS];

		T_OK(quiz_rebuild(qz, seed, ids_of(&p, ids), p.nitems, &p2,
		    &err) == 0 && strcmp(p.snapshot_json, p2.snapshot_json) ==
		    0, "rebuild gives the same paper");
		quiz_paper_free(&p2);
		memset(&f, 0, sizeof(f));
		put(&f, "q_q3", "true");
		ids[p.nitems] = "removed-question";
		T_OK(quiz_grade(qz, seed, ids, p.nitems + 1, f.r, f.n, &res,
		    &err) == 0 && res.max == 9 && res.score == 1 &&
		    mark(&res, "removed-question")->points == 0 && !res.passed,
		    "grade totals; removed question scores 0 of 0");
		T_OK(strcmp(mark(&res, "q5")->expected, "1.250.000") == 0 &&
		    strcmp(mark(&res, "q3")->expected, "Benar") == 0 &&
		    strcmp(mark(&res, "q1")->feedback, "Ombudsman RI mengawasi "
		    "penyelenggaraan pelayanan publik.") == 0,
		    "marks carry expected answer and feedback");
		quiz_result_free(&res);
		ids[1] = ids[0];
		T_OK(quiz_rebuild(qz, seed, ids, 2, &p2, &err) == -1 &&
		    strstr(err.p, "twice") != NULL, "duplicate ids refused");
		quiz_paper_free(&p2);
	}
	quiz_paper_free(&p);
	quiz_free(qz);
	buf_free(&err);
}

static void
test_answer_parsing(void)
{
	static const struct { const char *in; double v; } ok[] = {
		{ "1.250.000", 1250000 }, { "1.250.000,50", 1250000.5 },
		{ "2,5", 2.5 }, { "Rp 1.250.000", 1250000 },
		{ "1250000", 1250000 }, { "2.5", 2.5 }, { "1.250", 1250 },
		{ "0.250", 0.25 }, { "1,250,000.75", 1250000.75 },
		{ "-3,25", -3.25 }, { "Rp 5.000,-", 5000 }, { "1 250 000", 1250000 }
	};
	static const char *const bad[] = { "1.25.000", "1,2,3", "abc", "1..2",
	    "", "Rp", "12.3456.789", ",5x" };
	char	 out[64];
	double	 v;
	size_t	 i;
	int	 good = 1;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (answer_number(ok[i].in, &v) != 0 || fabs(v - ok[i].v) > 1e-9) {
			printf("# %s -> %g\n", ok[i].in, v);
			good = 0;
		}
	T_OK(good, "answer_number accepts Indonesian and plain formats");
	for (i = 0, good = 1; i < sizeof(bad) / sizeof(bad[0]); i++)
		good &= answer_number(bad[i], &v) == -1;
	T_OK(good, "answer_number rejects malformed numbers");
	answer_normalize(" Crème  Brûlée\xc2\xa0Straße ", out, sizeof(out));
	T_OK(strcmp(out, "cremebruleestrasse") == 0, "normalize folds Latin-1");
	answer_normalize("Caf" "e\xcc\x81", out, sizeof(out));
	T_OK(strcmp(out, "cafe") == 0, "normalize drops combining accents");
	T_OK(answer_duration("1h30m", 86400) == 5400 &&
	    answer_duration("90s", 86400) == 90 &&
	    answer_duration("20m", 86400) == 1200 &&
	    answer_duration("30m1h", 86400) == -1 &&
	    answer_duration("25h", 86400) == -1 &&
	    answer_duration("10", 86400) == -1, "durations");
}

static void
test_generated(void)
{
	struct quiz		*qz;
	struct quiz_paper	 p, p2;
	struct buf		 err = { 0 };
	const struct quiz_item	*it;
	struct form		 f;
	char			 txt[8][256], ans[32];
	int			 i, hari, tarif, same = 1, differ = 0;

	T_OK(quiz_load(FIX "generated.lua", &qz, &err) == 0, "load generated");
	if (qz == NULL) {
		printf("# %s", err.p);
		return;
	}
	for (i = 0; i < 8; i++) {
		if (quiz_build(qz, 100 + i, NULL, 0, &p, &err) == -1) {
			printf("# %s", err.p);
			same = 0;
			break;
		}
		snprintf(txt[i], sizeof(txt[i]), "%s", item(&p, "uang-harian")->text);
		quiz_paper_free(&p);
		quiz_build(qz, 100 + i, NULL, 0, &p, &err);
		same &= strcmp(txt[i], item(&p, "uang-harian")->text) == 0;
		quiz_paper_free(&p);
		differ += i > 0 && strcmp(txt[i], txt[0]) != 0;
	}
	T_OK(same, "generated question reproducible from its seed");
	T_OK(differ >= 4, "generated question differs across seeds");

	quiz_build(qz, 77, NULL, 0, &p, &err);
	it = item(&p, "uang-harian");
	T_OK(it != NULL && sscanf(it->text, "Perjalanan dinas %d hari, uang "
	    "harian Rp %d", &hari, &tarif) == 2, "generated text filled in");
	memset(&f, 0, sizeof(f));
	snprintf(ans, sizeof(ans), "%d", hari * tarif);
	put(&f, "q_uang-harian", ans);
	T_OK(grade1(qz, 77, &p, &f, "uang-harian") == 1,
	    "generated graded right from the regenerated answer");
	memset(&f, 0, sizeof(f));
	snprintf(ans, sizeof(ans), "%d", hari * tarif + 1000);
	put(&f, "q_uang-harian", ans);
	T_OK(grade1(qz, 77, &p, &f, "uang-harian") == 0, "generated wrong");
	T_OK(strstr(p.snapshot_json, ans) == NULL, "generated answer not shown");

	/* question variant independent of the other questions on the paper */
	{
		const char *one[] = { "uang-harian" };
		quiz_rebuild(qz, 77, one, 1, &p2, &err);
		T_OK(p2.nitems == 1 && strcmp(p2.items[0].text, it->text) == 0,
		    "variant depends only on (seed, id)");
		quiz_paper_free(&p2);
	}

	/* custom score(): 1, 0.5, 0 */
	it = item(&p, "custom");
	memset(&f, 0, sizeof(f));
	puti(&f, "q_custom", shown(it, "Hampir tepat", 0));
	T_OK(grade1(qz, 77, &p, &f, "custom") == 0.5, "custom score partial");
	memset(&f, 0, sizeof(f));
	puti(&f, "q_custom", shown(it, "Tepat", 0));
	T_OK(grade1(qz, 77, &p, &f, "custom") == 1, "custom score right");
	quiz_paper_free(&p);
	quiz_free(qz);
	buf_free(&err);
}

static void
test_pick(void)
{
	struct quiz		*qz;
	struct quiz_paper	 p1, p2, p3;
	struct buf		 err = { 0 };
	const char		*seen[12];
	int			 i, j, overlap = 0, dasar = 0, hitung = 0, ok = 1;

	T_OK(quiz_load(FIX "pick_n.lua", &qz, &err) == 0 &&
	    quiz_info(qz)->nquestions == 3 && quiz_info(qz)->npool == 6,
	    "load pick 3 of 6");
	quiz_build(qz, 5, NULL, 0, &p1, &err);
	ids_of(&p1, seen);
	quiz_build(qz, 6, seen, p1.nitems, &p2, &err);
	for (i = 0; i < p2.nitems; i++)
		for (j = 0; j < p1.nitems; j++)
			overlap += strcmp(p2.items[i].id, p1.items[j].id) == 0;
	T_OK(p1.nitems == 3 && p2.nitems == 3 && overlap == 0,
	    "pick prefers unseen questions");
	ids_of(&p2, seen + 3);
	T_OK(quiz_build(qz, 7, seen, 6, &p3, &err) == 0 && p3.nitems == 3,
	    "pick still works when all were seen");
	quiz_paper_free(&p1);
	quiz_paper_free(&p2);
	quiz_paper_free(&p3);
	quiz_free(qz);

	T_OK(quiz_load(FIX "pick_tags.lua", &qz, &err) == 0, "load pick per tag");
	for (i = 0; i < 10 && qz != NULL; i++) {
		dasar = hitung = 0;
		quiz_build(qz, (uint64_t)i, NULL, 0, &p1, &err);
		for (j = 0; j < p1.nitems; j++) {
			dasar += p1.items[j].id[0] == 'd';
			hitung += p1.items[j].id[0] == 'h';
		}
		ok &= p1.nitems == 3 && dasar == 2 && hitung == 1;
		quiz_paper_free(&p1);
	}
	T_OK(ok, "pick per tag draws 2 dasar + 1 hitung");
	quiz_free(qz);
	buf_free(&err);
}

static void
test_hostile(void)
{
	static const char *const bad[] = { "hostile_loop", "hostile_pcall_loop",
	    "hostile_rep", "hostile_concat", "hostile_table_bomb",
	    "hostile_recursion", "hostile_pattern", "hostile_move",
	    "hostile_sort" };
	struct quiz		*qz;
	struct quiz_paper	 p;
	struct quiz_result	 res;
	struct buf		 err = { 0 };
	char			 path[256], name[96];
	const char		*ids[1] = { "s" };
	double			 t0, ms;
	size_t			 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(path, sizeof(path), FIX "%s.lua", bad[i]);
		buf_reset(&err);
		t0 = now_ms();
		snprintf(name, sizeof(name), "%s stopped with an error", bad[i]);
		T_OK(quiz_load(path, &qz, &err) == -1 && qz == NULL &&
		    err.p != NULL && strstr(err.p, path) != NULL, name);
		ms = now_ms() - t0;
		snprintf(name, sizeof(name), "%s stopped in < 1 s", bad[i]);
		T_OK(ms < 1000, name);
		printf("# %s: %.0f ms: %s", bad[i], ms, err.p ? err.p : "\n");
	}
	buf_reset(&err);
	T_OK(quiz_load(FIX "hostile_escape.lua", &qz, &err) == 0,
	    "no dangerous globals in the sandbox");
	if (err.p)
		printf("# %s", err.p);
	quiz_free(qz);

	buf_reset(&err);
	t0 = now_ms();
	T_OK(quiz_load(FIX "hostile_generate.lua", &qz, &err) == 0 &&
	    quiz_build(qz, 1, NULL, 0, &p, &err) == -1 && p.nitems == 0 &&
	    strstr(err.p, "too long") != NULL && now_ms() - t0 < 1000,
	    "runaway generate() fails the build quickly");
	printf("# %s", err.p ? err.p : "\n");
	quiz_free(qz);

	buf_reset(&err);
	t0 = now_ms();
	T_OK(quiz_load(FIX "hostile_score.lua", &qz, &err) == 0 &&
	    quiz_grade(qz, 1, ids, 1, NULL, 0, &res, &err) == -1 &&
	    res.nmarks == 0 && now_ms() - t0 < 1000,
	    "runaway score() fails the grade quickly");
	printf("# %s", err.p ? err.p : "\n");
	quiz_free(qz);
	buf_free(&err);
}

static void
check_expect(const char *file, const char *want)
{
	struct buf	 out = { 0 };
	char		 path[256], name[160];
	int		 n;

	snprintf(path, sizeof(path), FIX "%s", file);
	n = quiz_check(path, &out);
	snprintf(name, sizeof(name), "check %s reports \"%s\"", file, want);
	T_OK(n > 0 && out.p != NULL && strstr(out.p, want) != NULL, name);
	printf("# %s", out.p ? out.p : "(nothing)\n");
	buf_free(&out);
}

/* The Lua blocks of the trainer documentation, run through quiz_check. */
static int
docs_examples_check(struct buf *out)
{
	struct buf	 lua = { 0 };
	char		 line[1024], path[] = "/tmp/quiz-docs-XXXXXX";
	FILE		*f;
	int		 in = 0, fd, n = -1;

	if ((f = fopen("docs/quiz-format.md", "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, "```", 3) == 0)
			in = strncmp(line, "```lua", 6) == 0;
		else if (in)
			buf_adds(&lua, line);
	}
	fclose(f);
	if ((fd = mkstemp(path)) != -1 && lua.n > 0 &&
	    write(fd, lua.p, lua.n) == (ssize_t)lua.n) {
		n = quiz_check(path, out);
		if (out->p)
			printf("# %s", out->p);
	}
	if (fd != -1) {
		close(fd);
		unlink(path);
	}
	buf_free(&lua);
	return n;
}

static void
test_check(void)
{
	struct buf	 out = { 0 };

	T_OK(quiz_check(FIX "all_types.lua", &out) == 0 && out.n == 0,
	    "check passes a good quiz");
	T_OK(quiz_check(FIX "generated.lua", &out) == 0 && out.n == 0,
	    "check passes generated and custom-scored questions");
	T_OK(docs_examples_check(&out) == 0 && out.n == 0,
	    "every example in docs/quiz-format.md passes check");
	if (out.p)
		printf("# %s", out.p);
	buf_free(&out);
	check_expect("bad_syntax.lua", FIX "bad_syntax.lua:3:");
	check_expect("bad_unknown_field.lua", FIX "bad_unknown_field.lua:3: "
	    "question 'q1': unknown field 'anwser'");
	check_expect("bad_range.lua", FIX "bad_range.lua:3: question 'q1': "
	    "'answer' must be a choice number from 1 to 3");
	check_expect("bad_duplicate.lua", FIX "bad_duplicate.lua:4: question "
	    "'q1': duplicate id (first used at line 2)");
	check_expect("bad_unanswerable.lua", FIX "bad_unanswerable.lua:3: "
	    "question 'third' cannot be answered correctly");
	check_expect("bad_unanswerable.lua", FIX "bad_unanswerable.lua:4: "
	    "question 'never' cannot be answered correctly");
	check_expect("bad_pick.lua", FIX "bad_pick.lua:1: pick = 5 is larger "
	    "than the pool of 2");
	check_expect("bad_generate.lua", FIX "bad_generate.lua:2: question "
	    "'g' (seed 1): 'answer' must be a choice number");
	check_expect("bad_nondeterministic.lua", "two different papers");
	check_expect("hostile_loop.lua", "too long");
	{
		struct quiz		*qz;
		struct quiz_paper	 p;

		T_OK(quiz_check(FIX "pairs_sorted.lua", &out) == 0 &&
		    quiz_load(FIX "pairs_sorted.lua", &qz, &out) == 0 &&
		    quiz_build(qz, 1, NULL, 0, &p, &out) == 0 &&
		    strcmp(p.items[0].text, "1 2 alpha beta delta epsilon gamma "
		    "zeta ") == 0, "pairs() iterates in key order");
		quiz_paper_free(&p);
		quiz_free(qz);
		buf_free(&out);
	}
}

struct worker {
	const struct quiz	*qz;
	int			 bad;
};

static void *
work(void *arg)
{
	struct worker		*w = arg;
	struct quiz_paper	 p;
	struct quiz_result	 res;
	struct buf		 err = { 0 };
	const char		*ids[QUIZ_MAX_QUESTIONS];
	int			 i;

	for (i = 0; i < 200; i++) {
		if (quiz_build(w->qz, (uint64_t)(i % 5), NULL, 0, &p, &err) ||
		    quiz_grade(w->qz, (uint64_t)(i % 5), ids_of(&p, ids),
		    p.nitems, NULL, 0, &res, &err)) {
			w->bad++;
			continue;
		}
		w->bad += strstr(p.snapshot_json, "Perjalanan dinas") == NULL;
		quiz_result_free(&res);
		quiz_paper_free(&p);
	}
	buf_free(&err);
	return NULL;
}

static void
test_threads_and_cost(void)
{
	struct quiz		*qz[2];
	struct quiz_paper	 p;
	struct quiz_result	 res;
	struct buf		 err = { 0 };
	struct worker		 w[4];
	pthread_t		 th[4];
	const char		*ids[QUIZ_MAX_QUESTIONS];
	const char		*files[2] = { FIX "all_types.lua",
	    FIX "generated.lua" };
	double			 t0;
	int			 i, k, bad = 0, n = 2000;

	for (k = 0; k < 2; k++) {
		quiz_load(files[k], &qz[k], &err);
		t0 = now_ms();
		for (i = 0; i < n; i++) {
			quiz_build(qz[k], (uint64_t)i, NULL, 0, &p, &err);
			quiz_grade(qz[k], (uint64_t)i, ids_of(&p, ids), p.nitems,
			    NULL, 0, &res, &err);
			quiz_result_free(&res);
			quiz_paper_free(&p);
		}
		printf("# quiz cost: %.0f us per build+grade (%s)\n",
		    (now_ms() - t0) * 1000 / n, files[k]);
	}
	for (i = 0; i < 4; i++) {
		w[i].qz = qz[1];
		w[i].bad = 0;
		pthread_create(&th[i], NULL, work, &w[i]);
	}
	for (i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		bad += w[i].bad;
	}
	T_OK(bad == 0, "concurrent build+grade on one quiz from 4 threads");
	quiz_free(qz[0]);
	quiz_free(qz[1]);
	buf_free(&err);
}

static void
test_seed(void)
{
	unsigned char	 key[32] = { 1, 2, 3 };

	T_OK(quiz_seed(key, "198001012005011001", "k1", 1) ==
	    quiz_seed(key, "198001012005011001", "k1", 1) &&
	    quiz_seed(key, "198001012005011001", "k1", 1) !=
	    quiz_seed(key, "198001012005011001", "k1", 2) &&
	    quiz_seed(key, "198001012005011001", "k1", 1) !=
	    quiz_seed(key, "198001012005011002", "k1", 1), "quiz_seed");
}

int
main(void)
{
	test_answer_parsing();
	test_types();
	test_generated();
	test_pick();
	test_hostile();
	test_check();
	test_seed();
	test_threads_and_cost();
	T_DONE();
}
