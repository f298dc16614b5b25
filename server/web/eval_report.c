/* eval_report: the course evaluation page (levels 1-4 per cohort), its
   XLSX and the trainer's notes. See eval_page.h. */
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
#include "numfmt.h"
#include "slug.h"
#include "store_eval.h"
#include "survey.h"
#include "view.h"
#include "wib.h"

#define UNIT_MAX	255	/* bytes of a unit filter */
#define UNITS_SHOWN	50	/* units in the level-4 table */
#define TEXTS_SHOWN	200	/* free-text answers listed per section */

struct cohort {
	int	 year;			/* 0: all */
	char	 unit[UNIT_MAX + 1];	/* "": all */
};

static int
cohort_parse(struct req *r, struct cohort *k)
{
	const char	*y = http_query(r, "year"), *u = http_query(r, "unit");
	int64_t		 v;

	memset(k, 0, sizeof(*k));
	if (y != NULL && y[0] != '\0') {
		if (param_parse_int(y, 2000, 2100, &v) == -1)
			return -1;
		k->year = (int)v;
	}
	if (u != NULL) {
		if (strlen(u) > UNIT_MAX || !evaluation_text_ok(u, UNIT_MAX, 0) ||
		    strchr(u, '\n'))
			return -1;
		snprintf(k->unit, sizeof(k->unit), "%s", u);
	}
	return 0;
}

static void
num(struct req *r, double v, int dec)
{
	if (v < 0)
		buf_adds(&r->out, "—");
	else
		numfmt_dec(&r->out, r->lang, v, dec);
}

/* Horizontal bars: n labelled counts, as SVG drawn here. */
static void
bars(struct req *r, const char *title, const char *const *labels,
    const int *v, int n)
{
	int	 i, max = 1, w;

	for (i = 0; i < n; i++)
		if (v[i] > max)
			max = v[i];
	buf_addf(&r->out, "<svg class=\"chart\" viewBox=\"0 0 360 %d\" "
	    "width=\"360\" height=\"%d\" role=\"img\"><title>", 8 + n * 26,
	    8 + n * 26);
	buf_html(&r->out, title);
	buf_adds(&r->out, "</title>");
	for (i = 0; i < n; i++) {
		w = v[i] * 200 / max;
		buf_adds(&r->out, "<text x=\"0\" font-size=\"11\" fill=\"#1d2329\" ");
		buf_addf(&r->out, "y=\"%d\">", 22 + i * 26);
		buf_html(&r->out, labels[i]);
		buf_addf(&r->out, "</text><rect x=\"120\" y=\"%d\" width=\"%d\" "
		    "height=\"18\" fill=\"#0b5563\"></rect><text x=\"%d\" "
		    "y=\"%d\" font-size=\"11\" fill=\"#1d2329\">%d</text>",
		    8 + i * 26, w, 126 + w, 22 + i * 26, v[i]);
	}
	buf_adds(&r->out, "</svg>");
}

/* Pre and post per 10-point band, side by side. */
static void
prepost(struct req *r, const struct eval_l2 *l2)
{
	int	 i, max = 1, h;

	for (i = 0; i < 10; i++) {
		if (l2->pre_hist[i] > max)
			max = l2->pre_hist[i];
		if (l2->post_hist[i] > max)
			max = l2->post_hist[i];
	}
	buf_addf(&r->out, "<svg class=\"chart\" viewBox=\"0 0 360 170\" "
	    "width=\"360\" height=\"170\" role=\"img\"><title>%s</title>",
	    T(r, M_EV_DIST));
	for (i = 0; i < 10; i++) {
		h = l2->pre_hist[i] * 120 / max;
		buf_addf(&r->out, "<rect x=\"%d\" y=\"%d\" width=\"14\" "
		    "height=\"%d\" fill=\"#9aa5b1\"><title>%s %d-%d: %d</title>"
		    "</rect>", 10 + i * 34, 130 - h, h, T(r, M_EV_PRE), i * 10,
		    i * 10 + 10, l2->pre_hist[i]);
		h = l2->post_hist[i] * 120 / max;
		buf_addf(&r->out, "<rect x=\"%d\" y=\"%d\" width=\"14\" "
		    "height=\"%d\" fill=\"#0b5563\"><title>%s %d-%d: %d</title>"
		    "</rect><text x=\"%d\" y=\"148\" font-size=\"10\" "
		    "text-anchor=\"middle\" fill=\"#1d2329\">%d</text>",
		    24 + i * 34, 130 - h, h, T(r, M_EV_POST), i * 10,
		    i * 10 + 10, l2->post_hist[i], 24 + i * 34, i * 10);
	}
	buf_addf(&r->out, "<rect x=\"10\" y=\"156\" width=\"10\" height=\"10\" "
	    "fill=\"#9aa5b1\"></rect><text x=\"24\" y=\"165\" font-size=\"10\" "
	    "fill=\"#1d2329\">%s</text><rect x=\"120\" y=\"156\" width=\"10\" "
	    "height=\"10\" fill=\"#0b5563\"></rect><text x=\"134\" y=\"165\" "
	    "font-size=\"10\" fill=\"#1d2329\">%s</text></svg>",
	    T(r, M_EV_PRE), T(r, M_EV_POST));
}

static void
version_label(struct req *r, const struct course *c, const char *v)
{
	buf_adds(&r->out, "<code>");
	buf_html(&r->out, v);
	buf_adds(&r->out, "</code>");
	if (strcmp(v, c->version) == 0)
		buf_addf(&r->out, " <span class=\"tag ok\">%s</span>",
		    T(r, M_EV_CURRENT));
}

/* The "qid\ttext\n" lines of one question as a list. */
static void
texts_of(struct req *r, const struct buf *t, const char *qid)
{
	const char	*p, *nl, *tab;
	size_t		 n = strlen(qid);
	int		 shown = 0;

	for (p = t->p; p && *p; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			break;
		tab = strchr(p, '\t');
		if (tab == NULL || tab > nl || (size_t)(tab - p) != n ||
		    strncmp(p, qid, n) != 0 || shown++ >= TEXTS_SHOWN)
			continue;
		if (shown == 1)
			buf_adds(&r->out, "<ul class=\"texts\">");
		buf_adds(&r->out, "<li>");
		buf_htmln(&r->out, tab + 1, (size_t)(nl - tab - 1));
		buf_adds(&r->out, "</li>");
	}
	if (shown)
		buf_adds(&r->out, "</ul>");
}

static int
has_scale(const struct survey *s, int block)
{
	int	 i;

	for (i = 0; i < s->nitems; i++)
		if (s->items[i].block == block && s->items[i].kind == SURVEY_SCALE)
			return 1;
	return 0;
}

static void
level1(struct req *r, const struct course *c, const struct survey *s,
    const struct cohort *k)
{
	struct eval_l1	*l1;
	struct eval_rates rt;
	const struct eval_version_agg *v;
	int		 i, b, j;

	buf_addf(&r->out, "<section class=\"card\" id=\"l1\"><h2>%s</h2>",
	    T(r, M_EV_L1));
	if (s == NULL) {
		buf_addf(&r->out, "<p>%s</p></section>", T(r, M_EV_NO_INSTRUMENT));
		return;
	}
	if (store_eval_rates(r->st, c->id, k->year, k->unit, &rt) == 0) {
		buf_addf(&r->out, "<p>%s: <strong>%lld</strong> / %lld %s",
		    T(r, M_EV_RESPONSE_RATE), (long long)rt.reacted,
		    (long long)rt.completions, T(r, M_EV_COMPLETIONS));
		if (rt.completions) {
			buf_adds(&r->out, " (");
			numfmt_pct(&r->out, r->lang, 100.0 * rt.reacted /
			    rt.completions, 0);
			buf_adds(&r->out, ")");
		}
		buf_adds(&r->out, "</p>");
	}
	buf_addf(&r->out, "<p class=\"hint\">%s</p>", T(r, M_EV_L1_NOTE));
	if ((l1 = calloc(1, sizeof(*l1))) == NULL ||
	    evaluation_l1(r->st, c->id, s, l1) == -1) {
		buf_addf(&r->out, "<p>%s</p></section>", T(r, M_ERR_500));
		if (l1)
			evaluation_l1_free(l1);
		free(l1);
		return;
	}
	if (l1->pending_total)
		buf_addf(&r->out, "<p class=\"muted\">%d %s</p>",
		    l1->pending_total, T(r, M_EV_PENDING));
	if (l1->n == 0) {
		view_notice(r, "info", T(r, M_EV_L1_FEW));
		goto done;
	}
	/* The versions side by side: did a revision score better? */
	buf_addf(&r->out, "<h3>%s</h3><div class=\"table-wrap\"><table "
	    "class=\"versions\"><thead><tr><th>%s</th><th class=\"num\">%s</th>"
	    "<th class=\"num\">%s</th>", T(r, M_EV_BY_VERSION),
	    T(r, M_EV_VERSION), T(r, M_EV_ANSWERS), T(r, M_EV_OVERALL));
	for (b = 0; b < s->nblocks; b++) {
		if (!has_scale(s, b))
			continue;
		buf_adds(&r->out, "<th class=\"num\">");
		buf_html(&r->out, s->blocks[b].title);
		buf_adds(&r->out, "</th>");
	}
	buf_adds(&r->out, "</tr></thead><tbody>");
	for (i = 0; i < l1->n; i++) {
		v = &l1->v[i];
		buf_adds(&r->out, "<tr><td>");
		version_label(r, c, v->version);
		buf_addf(&r->out, "</td><td class=\"num\">%d</td><td "
		    "class=\"num\">", v->released);
		num(r, v->overall, 2);
		buf_adds(&r->out, "</td>");
		for (b = 0; b < s->nblocks; b++) {
			if (!has_scale(s, b))
				continue;
			buf_adds(&r->out, "<td class=\"num\">");
			num(r, v->block_mean[b], 2);
			buf_adds(&r->out, "</td>");
		}
		buf_adds(&r->out, "</tr>");
	}
	buf_addf(&r->out, "</tbody></table></div><p class=\"muted\">%s 1-%d</p>",
	    T(r, M_EV_SCALE), s->scale_max);
	/* The latest released version in detail. */
	v = &l1->v[l1->n - 1];
	buf_addf(&r->out, "<h3>%s ", T(r, M_EV_DETAIL));
	version_label(r, c, v->version);
	buf_addf(&r->out, " · %d %s</h3>", v->released, T(r, M_EV_ANSWERS));
	for (b = 0; b < s->nblocks; b++) {
		buf_adds(&r->out, "<h4>");
		buf_html(&r->out, s->blocks[b].title);
		buf_adds(&r->out, "</h4><ul class=\"plain\">");
		for (i = 0; i < s->nitems; i++) {
			const struct survey_item *it = &s->items[i];

			if (it->block != b)
				continue;
			buf_adds(&r->out, "<li>");
			buf_html(&r->out, it->text);
			if (it->kind == SURVEY_SCALE) {
				buf_adds(&r->out, ": <strong>");
				num(r, v->item[i].mean, 2);
				buf_addf(&r->out, "</strong> <small>(n = %d)</small>",
				    v->item[i].n);
			} else if (it->kind == SURVEY_CHOICE) {
				buf_adds(&r->out, "<ul>");
				for (j = 0; j < it->nopts; j++) {
					buf_adds(&r->out, "<li>");
					buf_html(&r->out, it->opts[j]);
					buf_addf(&r->out, ": %d</li>",
					    v->item[i].count[j]);
				}
				buf_adds(&r->out, "</ul>");
			} else {
				buf_addf(&r->out, " <small>%s</small>",
				    T(r, M_EV_TEXTS));
				texts_of(r, &v->texts, it->id);
			}
			buf_adds(&r->out, "</li>");
		}
		buf_adds(&r->out, "</ul>");
	}
done:
	buf_adds(&r->out, "</section>");
	evaluation_l1_free(l1);
	free(l1);
}

static void
numb(struct buf *b, int lang, double v, int dec)
{
	if (v < 0)
		buf_adds(b, "—");
	else
		numfmt_dec(b, lang, v, dec);
}

/* One pass over the cohort's completions feeds levels 2 and 3: the
   figures, the per-learner rows and the follow-up texts. */
struct pass {
	struct req	*r;
	struct eval_l23	 agg;
	struct buf	 rows;		/* level-2 table rows */
	int		 nrows;
	struct buf	 applied, comment;	/* NUL-separated texts */
	int		 na, nc;
};

static void
l2_row(struct pass *x, const struct eval_person *p)
{
	struct buf	*b = &x->rows;
	int		 lang = x->r->lang;
	double		 raw, g;
	int		 rc = evaluation_gain(p->pre, p->post, &raw, &g);

	if (x->nrows++ >= 500)
		return;
	buf_adds(b, "<tr><td>");
	buf_html(b, p->name);
	buf_adds(b, "</td><td class=\"num\">");
	numb(b, lang, p->pre, 1);
	buf_adds(b, "</td><td class=\"num\">");
	numb(b, lang, p->post, 1);
	buf_adds(b, "</td><td class=\"num\">");
	if (rc == -1)
		buf_addf(b, "</td><td class=\"num\"><small>%s</small>",
		    T(x->r, M_EV_L2_ONE_TEST));
	else {
		numfmt_dec(b, lang, raw, 1);
		buf_adds(b, "</td><td class=\"num\">");
		if (rc == 0)
			numfmt_dec(b, lang, g, 2);
		else
			buf_adds(b, "—");
	}
	buf_adds(b, "</td></tr>");
}

static void
pass_row(void *arg, const struct eval_person *p)
{
	struct pass	*x = arg;

	evaluation_l23_add(&x->agg, p);
	l2_row(x, p);
	if (p->applied[0] && x->na++ < TEXTS_SHOWN) {
		buf_adds(&x->applied, p->applied);
		if (p->example[0]) {
			buf_adds(&x->applied, " — ");
			buf_adds(&x->applied, p->example);
		}
		buf_addc(&x->applied, '\0');
	}
	if (p->comment[0] && x->nc++ < TEXTS_SHOWN) {
		buf_adds(&x->comment, p->comment);
		buf_addc(&x->comment, '\0');
	}
}

static void
pass_free(struct pass *x)
{
	buf_free(&x->rows);
	buf_free(&x->applied);
	buf_free(&x->comment);
}

static void
level2(struct req *r, const struct course *c, const struct eval_l2 *l2,
    const struct pass *x)
{
	const char	*gl[EVAL_GAIN_BINS] = { T(r, M_EV_G_NEG), T(r, M_EV_G_LOW),
			    T(r, M_EV_G_MED), T(r, M_EV_G_HIGH) };
	buf_addf(&r->out, "<section class=\"card\" id=\"l2\"><h2>%s</h2>",
	    T(r, M_EV_L2));
	buf_addf(&r->out, "<p>%s: ", T(r, M_COMPETENCY));
	buf_html(&r->out, c->competency);
	buf_addf(&r->out, "</p><p>%d / %d %s. %s</p>", l2->both, l2->people,
	    T(r, M_EV_L2_BOTH), T(r, M_EV_L2_ONLY_BOTH));
	if (c->pretest_file[0] == '\0')
		view_notice(r, "info", T(r, M_EV_L2_NO_PRE));
	if (l2->both == 0) {
		buf_adds(&r->out, "</section>");
		return;
	}
	buf_addf(&r->out, "<ul class=\"facts plain\"><li>%s: <strong>",
	    T(r, M_EV_PRE));
	num(r, l2->pre, 1);
	buf_addf(&r->out, "</strong></li><li>%s: <strong>", T(r, M_EV_POST));
	num(r, l2->post, 1);
	buf_addf(&r->out, "</strong></li><li>%s: <strong>", T(r, M_EV_RAW));
	numfmt_dec(&r->out, r->lang, l2->raw, 1);
	buf_addf(&r->out, "</strong></li><li>%s: <strong>", T(r, M_EV_G));
	num(r, l2->g_n ? l2->g : -1, 2);
	buf_addf(&r->out, "</strong> <small>(n = %d)</small></li><li>%s: "
	    "<strong>", l2->g_n, T(r, M_EV_G_COHORT));
	num(r, l2->pre < 100 ? l2->g_cohort : -1, 2);
	buf_adds(&r->out, "</strong></li></ul><div class=\"grid\"><div>");
	bars(r, T(r, M_EV_G_BANDS), gl, l2->g_bins, EVAL_GAIN_BINS);
	buf_adds(&r->out, "</div><div>");
	prepost(r, l2);
	buf_addf(&r->out, "</div></div><details><summary>%s</summary>"
	    "<div class=\"table-wrap\"><table><thead><tr><th>%s</th>"
	    "<th class=\"num\">%s</th><th class=\"num\">%s</th>"
	    "<th class=\"num\">%s</th><th class=\"num\">g</th></tr></thead>"
	    "<tbody>", T(r, M_EV_PER_LEARNER), T(r, M_NAME), T(r, M_EV_PRE),
	    T(r, M_EV_POST), T(r, M_EV_RAW));
	buf_add(&r->out, x->rows.p, x->rows.n);
	buf_adds(&r->out, "</tbody></table></div></details></section>");
}

static int
strp_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
sorted_list(struct req *r, enum msg title, const struct buf *b, int n)
{
	const char	**v;
	const char	*p;
	int		 i;

	if (n > TEXTS_SHOWN)
		n = TEXTS_SHOWN;
	if (n == 0 || (v = calloc((size_t)n, sizeof(*v))) == NULL)
		return;
	for (i = 0, p = b->p; i < n; i++, p += strlen(p) + 1)
		v[i] = p;
	qsort(v, (size_t)n, sizeof(*v), strp_cmp);
	buf_addf(&r->out, "<h3>%s</h3><ul class=\"texts\">", T(r, title));
	for (i = 0; i < n; i++) {
		buf_adds(&r->out, "<li>");
		buf_html(&r->out, v[i]);
		buf_adds(&r->out, "</li>");
	}
	buf_adds(&r->out, "</ul>");
	free(v);
}

static void
rate(struct req *r, int n, int of)
{
	buf_addf(&r->out, "<strong>%d</strong> / %d", n, of);
	if (of) {
		buf_adds(&r->out, " (");
		numfmt_pct(&r->out, r->lang, 100.0 * n / of, 0);
		buf_adds(&r->out, ")");
	}
}

static void
level3(struct req *r, const struct eval_l3 *l3, const struct pass *x)
{
	const char	*cl[4] = { T(r, M_EV_CH1), T(r, M_EV_CH2), T(r, M_EV_CH3),
			    T(r, M_EV_CH4) };
	buf_addf(&r->out, "<section class=\"card\" id=\"l3\"><h2>%s</h2>"
	    "<p class=\"hint\">%s %d %s.</p>", T(r, M_EV_L3),
	    T(r, M_EV_L3_WHEN), cfg.eval_followup_months, T(r, M_EV_MONTHS));
	buf_addf(&r->out, "<ul class=\"facts plain\"><li>%s: <strong>%d</strong>"
	    " / %d</li><li>%s: ", T(r, M_EV_L3_DUE), l3->due, l3->people,
	    T(r, M_EV_L3_LEARNER));
	rate(r, l3->learner, l3->due);
	buf_addf(&r->out, "</li><li>%s: ", T(r, M_EV_L3_ATASAN));
	rate(r, l3->atasan, l3->due - l3->no_atasan);
	buf_addf(&r->out, "</li><li>%s: <strong>%d</strong></li>",
	    T(r, M_EV_L3_OVERDUE), l3->overdue);
	if (l3->no_atasan)
		buf_addf(&r->out, "<li>%s: %d</li>", T(r, M_EV_L3_NOATASAN),
		    l3->no_atasan);
	buf_addf(&r->out, "<li>%s: <strong>", T(r, M_EV_L3_CHANGE));
	num(r, l3->change_mean, 2);
	buf_adds(&r->out, "</strong></li></ul>");
	if (l3->atasan)
		bars(r, T(r, M_EV_L3_CHANGE), cl, l3->change, 4);
	sorted_list(r, M_EV_L3_APPLIED, &x->applied, x->na);
	sorted_list(r, M_EV_L3_COMMENTS, &x->comment, x->nc);
	buf_adds(&r->out, "</section>");
}

static const enum msg skp_labels[EVAL_SKP_N] = { M_EV_SKP1, M_EV_SKP2,
    M_EV_SKP3, M_EV_SKP4, M_EV_SKP5 };

struct units {
	char	 unit[UNITS_SHOWN][STORE_TEXT_MAX];
	int	 n[UNITS_SHOWN];
	int	 count;
};

static void
unit_row(void *arg, const char *unit, int n)
{
	struct units	*u = arg;

	if (u->count < UNITS_SHOWN) {
		snprintf(u->unit[u->count], STORE_TEXT_MAX, "%s", unit);
		u->n[u->count++] = n;
	}
}

static void
level4(struct req *r, const struct course *c, const struct cohort *k,
    const struct units *u)
{
	int64_t		 dist[EVAL_SKP_N];
	double		 ikm;
	int		 i, j, y, base = k->year ? k->year : wib_year(r->now), rc;

	buf_addf(&r->out, "<section class=\"card\" id=\"l4\"><h2>%s</h2>",
	    T(r, M_EV_L4));
	view_notice(r, "info", T(r, M_EV_L4_CAVEAT));
	buf_addf(&r->out, "<div class=\"table-wrap\"><table><thead><tr>"
	    "<th>%s</th><th class=\"num\">%s</th>", T(r, M_UNIT),
	    T(r, M_EV_TRAINED));
	for (y = base - 1; y <= base + 1; y++)
		buf_addf(&r->out, "<th>%s %d</th>", T(r, M_EV_SKP), y);
	for (y = base - 1; y <= base + 1; y++)
		buf_addf(&r->out, "<th class=\"num\">%s %d</th>", T(r, M_EV_IKM),
		    y);
	buf_adds(&r->out, "</tr></thead><tbody>");
	for (i = 0; i < u->count; i++) {
		if (k->unit[0] && strcmp(k->unit, u->unit[i]) != 0)
			continue;
		buf_adds(&r->out, "<tr><td>");
		buf_html(&r->out, u->unit[i][0] ? u->unit[i] : "—");
		buf_addf(&r->out, "</td><td class=\"num\">%d</td>", u->n[i]);
		for (y = base - 1; y <= base + 1; y++) {
			buf_adds(&r->out, "<td>");
			if ((rc = evaluation_skp(r->st, c->id, u->unit[i], y,
			    dist)) == 0)
				for (j = 0; j < EVAL_SKP_N; j++)
					buf_addf(&r->out, "%s%s %lld", j ? ", " : "",
					    T(r, skp_labels[j]),
					    (long long)dist[j]);
			else
				buf_addf(&r->out, "<span class=\"muted\">%s</span>",
				    T(r, rc == 1 ? M_EV_NO_DATA : M_ERR_500));
			buf_adds(&r->out, "</td>");
		}
		for (y = base - 1; y <= base + 1; y++) {
			buf_adds(&r->out, "<td class=\"num\">");
			if ((rc = evaluation_ikm(r->st, u->unit[i], y, &ikm)) == 0)
				numfmt_dec(&r->out, r->lang, ikm, 2);
			else
				buf_addf(&r->out, "<span class=\"muted\">%s</span>",
				    T(r, rc == 1 ? M_EV_NO_DATA : M_ERR_500));
			buf_adds(&r->out, "</td>");
		}
		buf_adds(&r->out, "</tr>");
	}
	if (u->count == 0)
		buf_addf(&r->out, "<tr><td colspan=\"8\">%s</td></tr>",
		    T(r, M_EV_NO_DATA));
	buf_adds(&r->out, "</tbody></table></div></section>");
}

static void
note_row(void *arg, const char *version, int64_t at, const char *author,
    const char *body)
{
	struct req	*r = arg;

	buf_adds(&r->out, "<li><p><code>");
	buf_html(&r->out, version);
	buf_adds(&r->out, "</code> · ");
	view_date(r, at);
	buf_adds(&r->out, " · ");
	buf_html(&r->out, author);
	buf_adds(&r->out, "</p><p class=\"note\">");
	buf_html(&r->out, body);
	buf_adds(&r->out, "</p></li>");
}

static void
notes(struct req *r, const struct course *c, enum msg err)
{
	size_t	 mark;

	buf_addf(&r->out, "<section class=\"card\" id=\"catatan\"><h2>%s</h2>"
	    "<p class=\"hint\">%s</p>", T(r, M_EV_NOTES), T(r, M_EV_NOTES_HINT));
	if (http_query(r, "noted"))
		view_notice(r, "ok", T(r, M_EV_NOTE_SAVED));
	if (err)
		view_notice(r, "error", T(r, err));
	buf_adds(&r->out, "<ul class=\"plain notes\">");
	mark = r->out.n;
	store_eval_notes(r->st, c->id, note_row, r);
	if (r->out.n == mark)
		buf_addf(&r->out, "<li class=\"muted\">%s</li>",
		    T(r, M_EV_NOTE_NONE));
	buf_adds(&r->out, "</ul><form method=\"post\" action=\"/evaluasi/kursus/");
	buf_url(&r->out, c->id);
	buf_adds(&r->out, "/catatan\">");
	view_csrf(r);
	buf_addf(&r->out, "<label>%s (<code>%s</code>)<textarea name=\"body\" "
	    "rows=\"4\" maxlength=\"%d\" required></textarea></label>"
	    "<p><button>%s</button></p></form></section>",
	    T(r, M_EV_NOTE_TEXT), c->version, EVAL_NOTE_MAX,
	    T(r, M_EV_NOTE_ADD));
}

static void
filter_form(struct req *r, const struct course *c, const struct cohort *k,
    const struct units *u)
{
	int	 i;

	buf_adds(&r->out, "<form method=\"get\" class=\"filters\"><label>");
	buf_html(&r->out, T(r, M_YEAR));
	buf_adds(&r->out, "<input type=\"number\" name=\"year\" min=\"2000\" "
	    "max=\"2100\" value=\"");
	if (k->year)
		buf_addf(&r->out, "%d", k->year);
	buf_addf(&r->out, "\"></label><label>%s<select name=\"unit\">"
	    "<option value=\"\">%s</option>", T(r, M_UNIT), T(r, M_HR_ALL));
	for (i = 0; i < u->count; i++) {
		buf_adds(&r->out, "<option value=\"");
		buf_html(&r->out, u->unit[i]);
		buf_addf(&r->out, "\"%s>", strcmp(u->unit[i], k->unit) == 0 ?
		    " selected" : "");
		buf_html(&r->out, u->unit[i][0] ? u->unit[i] : "—");
		buf_adds(&r->out, "</option>");
	}
	buf_addf(&r->out, "</select></label><div class=\"buttons\"><button>%s"
	    "</button> <a class=\"button secondary\" href=\"/evaluasi/kursus/",
	    T(r, M_EV_FILTER));
	buf_url(&r->out, c->id);
	buf_adds(&r->out, "/xlsx?year=");
	if (k->year)
		buf_addf(&r->out, "%d", k->year);
	buf_adds(&r->out, "&amp;unit=");
	buf_url(&r->out, k->unit);
	buf_addf(&r->out, "\">%s</a></div></form>", T(r, M_EV_DOWNLOAD_XLSX));
}

static int
report(struct req *r, enum msg note_err)
{
	struct catalog	*cat = course_catalog();
	const struct course *c;
	struct cohort	 k;
	struct units	*u = NULL;
	struct pass	 x;
	int		 status = 200;

	memset(&x, 0, sizeof(x));
	x.r = r;
	evaluation_l23_init(&x.agg, r->now, cfg.eval_followup_months);
	if ((c = course_find(cat, r->seg[2])) == NULL) {
		status = 404;
		goto out;
	}
	if (!evaluation_may_view(&r->user, c)) {
		status = 403;
		goto out;
	}
	if (cohort_parse(r, &k) == -1) {
		status = 400;
		goto out;
	}
	if ((u = calloc(1, sizeof(*u))) == NULL ||
	    store_eval_units(r->st, c->id, k.year, unit_row, u) == -1 ||
	    store_eval_people(r->st, c->id, c->pretest_file, k.year, k.unit,
	    pass_row, &x) == -1) {
		status = 500;
		goto out;
	}
	evaluation_l23_finish(&x.agg);
	view_begin(r, T(r, M_EV_PAGE_TITLE));
	buf_addf(&r->out, "<h1>%s: ", T(r, M_EV_PAGE_TITLE));
	buf_html(&r->out, c->title);
	buf_addf(&r->out, "</h1><p class=\"meta\"><span>%s: ", T(r, M_COMPETENCY));
	buf_html(&r->out, c->competency);
	buf_addf(&r->out, "</span> <span>%s: <code>%s</code></span></p>",
	    T(r, M_EV_VERSION_NOW), c->version);
	filter_form(r, c, &k, u);
	level1(r, c, course_reaction(cat, c), &k);
	level2(r, c, &x.agg.l2, &x);
	level3(r, &x.agg.l3, &x);
	level4(r, c, &k, u);
	notes(r, c, note_err);
	view_end(r);
out:
	pass_free(&x);
	free(u);
	course_release(cat);
	return status;
}

int
eval_report_page(struct req *r)
{
	return report(r, 0);
}

int
eval_report_note(struct req *r)
{
	struct catalog	*cat = course_catalog();
	const struct course *c;
	const char	*body = http_param(r, "body");
	char		 ver[COURSE_VERSION_LEN + 1];
	int		 status;

	if ((c = course_find(cat, r->seg[2])) == NULL) {
		course_release(cat);
		return 404;
	}
	if (!evaluation_may_view(&r->user, c)) {
		course_release(cat);
		return 403;
	}
	snprintf(ver, sizeof(ver), "%s", c->version);
	course_release(cat);
	if (body == NULL || !evaluation_text_ok(body, EVAL_NOTE_MAX, 1))
		return (status = report(r, M_EV_NOTE_BAD)) == 200 ? 400 : status;
	if (store_eval_note_add(r->st, r->seg[2], ver, r->user.id, body,
	    r->now, r->ip) == -1)
		return 500;
	buf_adds(&r->out, "/evaluasi/kursus/");
	buf_url(&r->out, r->seg[2]);
	buf_adds(&r->out, "?noted=1#catatan");
	http_redirect(r, r->out.p);
	buf_reset(&r->out);
	return 303;
}
