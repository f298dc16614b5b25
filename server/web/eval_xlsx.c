/* eval_xlsx: the course evaluation as a workbook, the same figures as
   the page (eval_report.c): level-1 aggregates per version (never one
   answer), level 2 and 3 per cohort, level 4, the trainer's notes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "course.h"
#include "eval_page.h"
#include "evaluation.h"
#include "export.h"
#include "http.h"
#include "param.h"
#include "log.h"
#include "slug.h"
#include "store_eval.h"
#include "survey.h"
#include "view.h"
#include "wib.h"

static const struct export_col cols[] = {
	{ "level", "level", EXPORT_NUM, "Level", 7, "0" },
	{ "bagian", "bagian", EXPORT_TEXT, "Bagian", 28, NULL },
	{ "ukuran", "ukuran", EXPORT_TEXT, "Ukuran", 48, NULL },
	{ "versi", "versi", EXPORT_TEXT, "Versi kursus", 14, "@" },
	{ "nilai", "nilai", EXPORT_NUM, "Nilai", 10, "0.00" },
	{ "n", "n", EXPORT_NUM, "n", 8, "0" },
	{ "keterangan", "keterangan", EXPORT_TEXT, "Keterangan", 60, NULL },
};
#define NCOLS	((int)(sizeof(cols) / sizeof(cols[0])))

struct wb {
	struct export	*e;
	struct buf	*out;
	int		 rc;
};

static int
emit(void *arg, const void *p, size_t n)
{
	struct buf	*b = arg;

	buf_add(b, p, n);
	return b->oom ? -1 : 0;
}

static void
row(struct wb *w, int level, const char *part, const char *measure,
    const char *version, double value, int has_value, long long n,
    const char *note)
{
	char		 lv[8], val[32] = "", nn[24] = "";
	const char	*cells[NCOLS];

	snprintf(lv, sizeof(lv), "%d", level);
	if (has_value)
		snprintf(val, sizeof(val), "%.4f", value);
	if (n >= 0)
		snprintf(nn, sizeof(nn), "%lld", n);
	cells[0] = lv;
	cells[1] = part;
	cells[2] = measure;
	cells[3] = version ? version : "";
	cells[4] = val;
	cells[5] = nn;
	cells[6] = note ? note : "";
	if (w->rc == 0 && export_row(w->e, cells) == -1)
		w->rc = -1;
}

static void
l1_rows(struct wb *w, struct req *r, const struct course *c,
    const struct survey *s)
{
	struct eval_l1	*l1;
	const struct eval_version_agg *v;
	int		 i, b;

	if (s == NULL) {
		row(w, 1, "", T(r, M_EV_NO_INSTRUMENT), NULL, 0, 0, -1, NULL);
		return;
	}
	if ((l1 = calloc(1, sizeof(*l1))) == NULL ||
	    evaluation_l1(r->st, c->id, s, l1) == -1) {
		w->rc = -1;
		if (l1)
			evaluation_l1_free(l1);
		free(l1);
		return;
	}
	if (l1->n == 0)
		row(w, 1, "", T(r, M_EV_L1_FEW), NULL, 0, 0, -1, NULL);
	for (i = 0; i < l1->n; i++) {
		v = &l1->v[i];
		row(w, 1, T(r, M_EV_OVERALL), s->title, v->version, v->overall,
		    v->overall >= 0, v->released, NULL);
		for (b = 0; b < s->nblocks; b++)
			row(w, 1, s->blocks[b].title, T(r, M_EV_MEAN), v->version,
			    v->block_mean[b], v->block_mean[b] >= 0, -1, NULL);
		for (b = 0; b < s->nitems; b++)
			if (s->items[b].kind == SURVEY_SCALE)
				row(w, 1, s->blocks[s->items[b].block].title,
				    s->items[b].text, v->version,
				    v->item[b].mean, v->item[b].mean >= 0,
				    v->item[b].n, NULL);
	}
	evaluation_l1_free(l1);
	free(l1);
}

struct l4ctx {
	struct wb		*w;
	struct req		*r;
	const struct course	*c;
	int			 year;
	const char		*only;
};

static void
l4_unit(void *arg, const char *unit, int n)
{
	static const enum msg skp[EVAL_SKP_N] = { M_EV_SKP1, M_EV_SKP2,
	    M_EV_SKP3, M_EV_SKP4, M_EV_SKP5 };
	struct l4ctx	*x = arg;
	int64_t		 dist[EVAL_SKP_N];
	double		 ikm;
	char		 what[64];
	int		 y, j, rc;

	if (x->only[0] && strcmp(x->only, unit) != 0)
		return;
	row(x->w, 4, unit, T(x->r, M_EV_TRAINED), NULL, 0, 0, n, NULL);
	for (y = x->year - 1; y <= x->year + 1; y++) {
		if ((rc = evaluation_skp(x->r->st, x->c->id, unit, y, dist)) == 0)
			for (j = 0; j < EVAL_SKP_N; j++) {
				snprintf(what, sizeof(what), "%s %d: %s",
				    T(x->r, M_EV_SKP), y, T(x->r, skp[j]));
				row(x->w, 4, unit, what, NULL, 0, 0, dist[j], NULL);
			}
		else {
			snprintf(what, sizeof(what), "%s %d", T(x->r, M_EV_SKP), y);
			row(x->w, 4, unit, what, NULL, 0, 0, -1, rc == 1 ?
			    T(x->r, M_EV_NO_DATA) : T(x->r, M_ERR_500));
		}
		snprintf(what, sizeof(what), "%s %d", T(x->r, M_EV_IKM), y);
		rc = evaluation_ikm(x->r->st, unit, y, &ikm);
		row(x->w, 4, unit, what, NULL, ikm, rc == 0, -1, rc == 0 ? NULL :
		    rc == 1 ? T(x->r, M_EV_NO_DATA) : T(x->r, M_ERR_500));
	}
}

/* Level 4 per unit of the cohort, with the caveat first. */
static void
l4_rows(struct wb *w, struct req *r, const struct course *c, int year,
    int base, const char *unit)
{
	struct l4ctx	 x = { w, r, c, base, unit };

	row(w, 4, "", T(r, M_EV_L4), NULL, 0, 0, -1, T(r, M_EV_L4_CAVEAT));
	if (store_eval_units(r->st, c->id, year, l4_unit, &x) == -1)
		w->rc = -1;
}

static void
note_row(void *arg, const char *version, int64_t at, const char *author,
    const char *body)
{
	struct wb	*w = arg;
	char		 d[11];

	wib_ymd(at, d);
	row(w, 0, "Catatan perbaikan", d, version, 0, 0, -1, body);
	(void)author;
}

int
eval_report_xlsx(struct req *r)
{
	struct catalog	*cat = course_catalog();
	const struct course *c;
	struct eval_l2	 l2;
	struct eval_l3	 l3;
	struct wb	 w = { NULL, &r->out, 0 };
	struct buf	 bin = { 0 };
	const char	*y = http_query(r, "year"), *u = http_query(r, "unit");
	const char	*pairs[8];
	char		 err[256], fname[160], ys[16];
	int		 year = 0, status = 200;

	if ((c = course_find(cat, r->seg[2])) == NULL) {
		status = 404;
		goto out;
	}
	if (!evaluation_may_view(&r->user, c)) {
		status = 403;
		goto out;
	}
	if (y && y[0] && (status = param_int32(r, "year", y, 2000, 2100,
	    &year)) != 0)
		goto out;
	if (u == NULL)
		u = "";
	if (strlen(u) > 255 || !evaluation_text_ok(u, 255, 0)) {
		status = 400;
		goto out;
	}
	if (evaluation_l2_l3(r->st, c->id, c->pretest_file, year, u, r->now,
	    cfg.eval_followup_months, &l2, &l3) == -1) {
		status = 500;
		goto out;
	}
	if ((w.e = export_open(EXPORT_XLSX, "Evaluasi", cols, NCOLS, emit, &bin,
	    err, sizeof(err))) == NULL) {
		log_warnx("eval xlsx: %s", err);
		status = 500;
		goto out;
	}
	snprintf(ys, sizeof(ys), "%d", year);
	pairs[0] = "Kursus";
	pairs[1] = c->title;
	pairs[2] = "Tahun";
	pairs[3] = year ? ys : "semua";
	pairs[4] = "Unit kerja";
	pairs[5] = u[0] ? u : "semua";
	pairs[6] = "Versi kursus saat ini";
	pairs[7] = c->version;
	if (export_notes(w.e, "Evaluasi pelatihan (Kirkpatrick 1-4)", pairs,
	    4) == -1)
		w.rc = -1;
	l1_rows(&w, r, c, course_reaction(cat, c));
	row(&w, 2, c->competency, T(r, M_EV_L2_BOTH), NULL, 0, 0, l2.both, NULL);
	if (l2.both) {
		row(&w, 2, c->competency, T(r, M_EV_PRE), NULL, l2.pre, 1, -1, NULL);
		row(&w, 2, c->competency, T(r, M_EV_POST), NULL, l2.post, 1, -1,
		    NULL);
		row(&w, 2, c->competency, T(r, M_EV_RAW), NULL, l2.raw, 1, -1,
		    NULL);
		row(&w, 2, c->competency, T(r, M_EV_G), NULL, l2.g, l2.g_n > 0,
		    l2.g_n, NULL);
		row(&w, 2, c->competency, T(r, M_EV_G_COHORT), NULL, l2.g_cohort,
		    l2.pre < 100, l2.both, NULL);
	}
	row(&w, 3, c->competency, T(r, M_EV_L3_DUE), NULL, 0, 0, l3.due, NULL);
	row(&w, 3, c->competency, T(r, M_EV_L3_LEARNER), NULL, 0, 0, l3.learner,
	    NULL);
	row(&w, 3, c->competency, T(r, M_EV_L3_ATASAN), NULL, 0, 0, l3.atasan,
	    NULL);
	row(&w, 3, c->competency, T(r, M_EV_L3_OVERDUE), NULL, 0, 0, l3.overdue,
	    NULL);
	row(&w, 3, c->competency, T(r, M_EV_L3_CHANGE), NULL, l3.change_mean,
	    l3.change_mean >= 0, l3.atasan, NULL);
	l4_rows(&w, r, c, year, year ? year : wib_year(r->now), u);
	if (store_eval_notes(r->st, c->id, note_row, &w) == -1)
		w.rc = -1;
	if (w.rc == -1) {
		export_abort(w.e);
		status = 500;
		goto out;
	}
	if (export_finish(w.e, err, sizeof(err)) == -1) {
		log_warnx("eval xlsx: %s", err);
		status = 500;
		goto out;
	}
	snprintf(fname, sizeof(fname), "evaluasi");
	slug_append(fname, sizeof(fname), c->id);
	if (year)
		slug_append(fname, sizeof(fname), ys);
	slug_append(fname, sizeof(fname), u);
	buf_reset(&r->out);
	buf_add(&r->out, bin.p, bin.n);
	r->ctype = export_ctype(EXPORT_XLSX);
	buf_reset(&bin);
	snprintf(err, sizeof(err), "attachment; filename=\"%s.xlsx\"", fname);
	http_header(r, "Content-Disposition", err);
out:
	buf_free(&bin);
	course_release(cat);
	return status;
}
