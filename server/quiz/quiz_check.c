/*
 * quiz_check: what `lentera check` and the course loader verify on a
 * loaded quiz (see quiz.h: quiz_verify, quiz_load_checked, quiz_check).
 * Papers are built and graded with fixed seeds exactly as for learners;
 * every generated question is also tried alone over QUIZ_CHECK_GEN_SEEDS
 * seeds. Problems are "path:line: message" lines naming the question and,
 * for generated ones, the seed.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "answer.h"
#include "buf.h"
#include "paper.h"
#include "quiz.h"
#include "quizspec.h"
#include "sandbox.h"

/* Response sets for quiz_check: names and values owned here. */
struct respset {
	int			 n;
	struct quiz_response	 r[QUIZ_MAX_QUESTIONS * QUIZ_MAX_CHOICES];
};

static void
rs_add(struct respset *s, const char *id, int item, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
rs_add(struct respset *s, const char *id, int item, const char *fmt, ...)
{
	struct buf	 name = { 0 }, val = { 0 };
	va_list		 ap;

	if (s->n == (int)(sizeof(s->r) / sizeof(s->r[0])))
		return;
	buf_addf(&name, item < 0 ? "q_%s" : "q_%s_%d", id, item);
	va_start(ap, fmt);
	buf_vaddf(&val, fmt, ap);
	va_end(ap);
	buf_addc(&val, '\0');	/* "" must still be a string */
	s->r[s->n].name = buf_take(&name);
	s->r[s->n].value = buf_take(&val);
	s->n++;
}

static void
rs_free(struct respset *s)
{
	int	 i;

	for (i = 0; i < s->n; i++) {
		free((char *)s->r[i].name);
		free((char *)s->r[i].value);
	}
	s->n = 0;
}

static int
find_text(char *const *v, int n, const int *perm, const char *want)
{
	int	 i;

	for (i = 0; i < n; i++)
		if (strcmp(v[perm ? perm[i] : i], want) == 0)
			return i;
	return 0;
}

/* The responses a learner who knows everything (or nothing) would send. */
static void
respond(const struct paper_inst *in, int wrong, struct respset *s)
{
	const struct question	*q = in->q;
	struct buf		 num = { 0 };
	int			 i, d, ok;

	switch (q->type) {
	case QUIZ_SINGLE:
	case QUIZ_MULTIPLE:
		for (i = 0; i < q->n; i++) {
			ok = (q->answer >> in->perm[i]) & 1;
			if (ok != wrong)
				rs_add(s, q->id, -1, "%d", i);
			if (ok != wrong && q->type == QUIZ_SINGLE)
				break;
		}
		break;
	case QUIZ_TRUE_FALSE:
		rs_add(s, q->id, -1, "%s", (int)q->answer != wrong ? "true" :
		    "false");
		break;
	case QUIZ_SHORT:
		rs_add(s, q->id, -1, "%s", wrong ? "~salah~" : q->left[0]);
		break;
	case QUIZ_NUMERIC:
		answer_format_number(&num, wrong ? q->number + 2 * q->tolerance +
		    1 + fabs(q->number) : q->number);
		rs_add(s, q->id, -1, "%s", num.p ? num.p : "");
		buf_free(&num);
		break;
	case QUIZ_MATCHING:
		for (i = 0; i < q->n; i++) {
			d = find_text(q->right, q->n, in->operm,
			    q->right[in->perm[i]]);
			rs_add(s, q->id, i, "%d", wrong ? (d + 1) % q->n : d);
		}
		break;
	case QUIZ_ORDERING:
		for (i = 0; i < q->n; i++) {
			d = find_text(q->left, q->n, NULL, q->left[in->perm[i]]);
			rs_add(s, q->id, i, "%d", (wrong ? (d + 1) % q->n : d) + 1);
		}
		break;
	}
}

static int
check_responses(const struct quiz *qz, uint64_t seed,
    const struct quiz_paper *p, struct respset *right, struct respset *wrong,
    struct buf *out)
{
	struct paper_run	 r = { qz, seed, NULL, 0, out, 0 };
	struct paper_inst	 in;
	int			 i, idx;

	memset(&in, 0, sizeof(in));
	in.ref = LUA_NOREF;
	for (i = 0; i < p->nitems; i++) {
		if (paper_map_ids(qz, (const char *const []){ p->items[i].id },
		    1, &idx, 0, out) == -1 ||
		    paper_inst_make(&r, &qz->q[idx], &in) == -1) {
			paper_inst_free(&r, &in);
			paper_run_end(&r);
			return -1;
		}
		respond(&in, 0, right);
		respond(&in, 1, wrong);
		paper_inst_free(&r, &in);
	}
	paper_run_end(&r);
	return 0;
}

static int
count_lines(const struct buf *b, size_t from)
{
	size_t	 i;
	int	 n = 0;

	for (i = from; i < b->n; i++)
		n += b->p[i] == '\n';
	return n;
}

static void
report_unanswerable(const struct quiz *qz, const struct question *q,
    uint64_t seed, const struct quiz_mark *m, struct buf *out)
{
	char	 sd[40] = "";

	if (q->generated)
		snprintf(sd, sizeof(sd), " (seed %llu)",
		    (unsigned long long)seed);
	buf_addf(out, "%s:%d: question '%s'%s cannot be answered correctly (a "
	    "right answer scored %g of %g)\n", qz->path, q->line, q->id, sd,
	    m->score, m->points);
}

/* One seed's round of checks; problems already reported are skipped. */
static void
check_seed(const struct quiz *qz, uint64_t seed, char *reported,
    struct respset *right, struct respset *wrong, struct buf *out)
{
	struct quiz_paper	 p1, p2 = { 0 }, p3 = { 0 };
	struct quiz_result	 res;
	const char		*ids[QUIZ_MAX_QUESTIONS];
	int			 i, k;

	if (quiz_build(qz, seed, NULL, 0, &p1, out) == -1) {
		reported[QUIZ_MAX_QUESTIONS] = 1;
		return;
	}
	for (i = 0; i < p1.nitems; i++)
		ids[i] = p1.items[i].id;
	if (quiz_build(qz, seed, NULL, 0, &p2, out) == 0 &&
	    quiz_rebuild(qz, seed, ids, p1.nitems, &p3, out) == 0 &&
	    (strcmp(p1.snapshot_json, p2.snapshot_json) != 0 ||
	    strcmp(p1.snapshot_json, p3.snapshot_json) != 0) &&
	    !reported[QUIZ_MAX_QUESTIONS + 1]++)
		buf_addf(out, "%s: the same seed gave two different papers "
		    "(scripts must not depend on pairs() order or on state "
		    "kept between calls)\n", qz->path);
	quiz_paper_free(&p2);
	quiz_paper_free(&p3);
	/* A score() that fails is reported once, with this seed. */
	if (check_responses(qz, seed, &p1, right, wrong, out) == -1 ||
	    quiz_grade(qz, seed, ids, p1.nitems, right->r, right->n, &res,
	    out) == -1) {
		reported[QUIZ_MAX_QUESTIONS] = 1;
		goto done;
	}
	for (i = 0; i < res.nmarks; i++) {
		if (paper_map_ids(qz, &ids[i], 1, &k, 0, out) == 0 &&
		    !res.marks[i].correct && !reported[k]++)
			report_unanswerable(qz, &qz->q[k], seed, &res.marks[i],
			    out);
	}
	quiz_result_free(&res);
	if (quiz_grade(qz, seed, ids, p1.nitems, wrong->r, wrong->n, &res,
	    out) == -1) {
		reported[QUIZ_MAX_QUESTIONS] = 1;
		goto done;
	}
	/* pass = 0 is a diagnostic test (pre-test): anyone passes. */
	if (res.passed && qz->info.pass > 0 &&
	    !reported[QUIZ_MAX_QUESTIONS + 2]++)
		buf_addf(out, "%s:%d: an all-wrong answer sheet passes with "
		    "%.0f%%\n", qz->path, qz->header_line, res.percent);
	quiz_result_free(&res);
done:
	rs_free(right);
	rs_free(wrong);
	quiz_paper_free(&p1);
}

/*
 * Numeric answers must be typeable: the expected value as the review
 * shows it (answer_format_number, at most 6 decimals) must parse back
 * within the tolerance, or no learner can ever get it right.
 */
static void
check_typeable(const struct quiz *qz, const struct question *q, int line,
    int has_seed, uint64_t seed, struct buf *out)
{
	struct buf	 num = { 0 };
	double		 x;

	if (q->type != QUIZ_NUMERIC)
		return;
	answer_format_number(&num, q->number);
	if (num.p == NULL || answer_number(num.p, &x) == -1 ||
	    fabs(x - q->number) > q->tolerance + 1e-9 * fmax(1,
	    fabs(q->number))) {
		buf_addf(out, "%s:%d: question '%s'", qz->path, line, q->id);
		if (has_seed)
			buf_addf(out, " (seed %llu)", (unsigned long long)seed);
		buf_addf(out, " cannot be answered correctly: the answer %.17g "
		    "cannot be typed: written as "
		    "learners can (\"%s\") it is off by more than the "
		    "tolerance %g; round the answer (e.g. %.6g) or give a "
		    "tolerance\n", q->number, num.p ? num.p : "", q->tolerance,
		    q->number);
	}
	buf_free(&num);
}

/*
 * Each generated question on its own, over many seeds; returns 1 when a
 * generate() failed (reported with its seed).
 */
static int
check_generated(const struct quiz *qz, char *reported, struct buf *out)
{
	struct paper_run	 r;
	struct paper_inst	 in;
	size_t			 before;
	uint64_t		 s;
	int			 i, failed = 0;

	for (i = 0; i < qz->nq; i++) {
		if (!qz->q[i].generated || reported[i])
			continue;
		memset(&r, 0, sizeof(r));
		r.qz = qz;
		r.err = out;
		for (s = 1; s <= QUIZ_CHECK_GEN_SEEDS && !reported[i]; s++) {
			r.seed = s;
			r.text = 0;
			before = out->n;
			if (paper_inst_make(&r, &qz->q[i], &in) == 0)
				check_typeable(qz, in.q, qz->q[i].line, 1, s, out);
			else
				failed = 1;
			paper_inst_free(&r, &in);
			reported[i] = out->n != before;
			if (r.lua_failed || failed)
				break;
		}
		paper_run_end(&r);
		if (failed)
			break;	/* once is enough */
	}
	return failed;
}

int
quiz_verify(const struct quiz *qz, struct buf *out)
{
	static const uint64_t	 seeds[] = { 1, 2, 3, 42, 0x5eed5eed5eedULL,
	    UINT64_MAX };
	char			 reported[QUIZ_MAX_QUESTIONS + 3] = { 0 };
	struct respset		*right = NULL, *wrong = NULL;
	size_t			 before = out->n, n;
	size_t			 i;
	int			 k;

	for (k = 0; k < qz->nq; k++)
		if (!qz->q[k].generated) {
			n = out->n;
			check_typeable(qz, &qz->q[k], qz->q[k].line, 0, 0, out);
			reported[k] = out->n != n;
		}
	if ((right = calloc(1, sizeof(*right))) == NULL ||
	    (wrong = calloc(1, sizeof(*wrong))) == NULL) {
		buf_addf(out, "%s: out of memory\n", qz->path);
		goto done;
	}
	if (check_generated(qz, reported, out))
		goto done;	/* the script fails: once is enough */
	for (i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++) {
		check_seed(qz, seeds[i], reported, right, wrong, out);
		if (reported[QUIZ_MAX_QUESTIONS])
			break;
	}
done:
	free(right);
	free(wrong);
	return count_lines(out, before);
}

int
quiz_load_checked(const char *path, struct quiz **out, struct buf *err)
{
	size_t	 before = err->n;
	int	 n = 0;

	sandbox_pool_begin(QUIZ_CHECK_CPU_MS);
	if (quiz_load(path, out, err) == 0)
		n = quiz_verify(*out, err);
	else
		n = -1;
	if (sandbox_pool_end() == -1 && err->n == before) {
		buf_addf(err, "%s: the quiz's scripts took too long to load and "
		    "check (limit %d ms of CPU)\n", path, QUIZ_CHECK_CPU_MS);
		n = n < 0 ? n : n + 1;
	}
	if (n != 0) {
		quiz_free(*out);
		*out = NULL;
		if (err->n == before)
			buf_addf(err, "%s: could not load the quiz\n", path);
		return -1;
	}
	return 0;
}

int
quiz_check(const char *path, struct buf *out)
{
	struct quiz	*qz;
	size_t		 before = out->n;
	int		 n;

	quiz_load_checked(path, &qz, out);
	quiz_free(qz);
	n = count_lines(out, before);
	return n;
}
