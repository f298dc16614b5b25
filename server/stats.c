/* stats: item analysis and the trainer's pages. See stats.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "course.h"
#include "csv.h"
#include "http.h"
#include "stats.h"
#include "view.h"

#define DISCRIM_GROUP	0.27	/* Kelley's upper/lower group share */

struct stats_cell {
	int	 person;
	int	 item;
	double	 frac;
	double	 score;
};

void
stats_init(struct stats *s)
{
	memset(s, 0, sizeof(*s));
	s->last_person = -1;
	s->alpha = NAN;
}

void
stats_free(struct stats *s)
{
	free(s->pct);
	free(s->cells);
	free(s->person_pct);
	s->pct = NULL;
	s->cells = NULL;
	s->person_pct = NULL;
}

static int
grow(void **p, int *cap, int need, size_t size)
{
	void	*np;
	int	 nc;

	if (need < *cap)
		return 0;
	nc = *cap ? *cap * 2 : 256;
	if ((np = realloc(*p, (size_t)nc * size)) == NULL)
		return -1;
	*p = np;
	*cap = nc;
	return 0;
}

void
stats_percent(struct stats *s, double pct)
{
	if (grow((void **)&s->pct, &s->cappct, s->npct, sizeof(double)) == 0)
		s->pct[s->npct++] = pct;
}

static int
item_index(struct stats *s, const char *qid)
{
	int	 i;

	for (i = 0; i < s->nitems; i++)
		if (strcmp(s->items[i].id, qid) == 0)
			return i;
	if (s->nitems == QUIZ_MAX_QUESTIONS)
		return -1;
	snprintf(s->items[s->nitems].id, QUIZ_ID_MAX, "%s", qid);
	return s->nitems++;
}

void
stats_mark(struct stats *s, int64_t attempt, double pct, const char *qid,
    double score, double points)
{
	struct stats_cell *c;
	int		 item;

	if (s->ncells >= STATS_MAX_CELLS) {
		s->truncated = 1;
		return;
	}
	if (attempt != s->last_person) {
		if (grow((void **)&s->person_pct, &s->capperson, s->people,
		    sizeof(double)) == -1)
			return;
		s->person_pct[s->people++] = pct;
		s->last_person = attempt;
	}
	if ((item = item_index(s, qid ? qid : "?")) == -1)
		return;
	if (s->ncells == s->capcells) {
		size_t	 nc = s->capcells ? s->capcells * 2 : 1024;
		void	*np = realloc(s->cells, nc * sizeof(*s->cells));

		if (np == NULL)
			return;
		s->cells = np;
		s->capcells = nc;
	}
	c = &s->cells[s->ncells++];
	c->person = s->people - 1;
	c->item = item;
	c->score = score;
	c->frac = points > 0 ? score / points : 0;
}

static int
dbl_cmp(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Sample variance from running sums. */
static double
variance(double sum, double sumsq, int n)
{
	return n > 1 ? (sumsq - sum * sum / n) / (n - 1) : 0;
}

int
stats_finish(struct stats *s)
{
	double	*sorted = NULL, lo_cut, hi_cut, *tot = NULL;
	double	 sum = 0, vsum = 0, tsum = 0, tsq = 0;
	double	*isum = NULL, *isq = NULL, *uf = NULL, *lf = NULL;
	int	*un = NULL, *ln = NULL, *every = NULL;
	int	 i, g, k = 0, rc = -1;
	size_t	 c;

	s->attempts = s->npct;
	for (i = 0; i < s->npct; i++) {
		sum += s->pct[i];
		g = (int)(s->pct[i] / (100.0 / STATS_BINS));
		s->hist[g < 0 ? 0 : g >= STATS_BINS ? STATS_BINS - 1 : g]++;
	}
	if (s->npct) {
		qsort(s->pct, s->npct, sizeof(double), dbl_cmp);
		s->mean = sum / s->npct;
		s->median = s->npct % 2 ? s->pct[s->npct / 2] :
		    (s->pct[s->npct / 2 - 1] + s->pct[s->npct / 2]) / 2;
	}
	if (s->people == 0)
		return 0;
	if ((sorted = malloc(s->people * sizeof(double))) == NULL ||
	    (tot = calloc(s->people, sizeof(double))) == NULL ||
	    (isum = calloc(s->nitems + 1, sizeof(double))) == NULL ||
	    (isq = calloc(s->nitems + 1, sizeof(double))) == NULL ||
	    (uf = calloc(s->nitems + 1, sizeof(double))) == NULL ||
	    (lf = calloc(s->nitems + 1, sizeof(double))) == NULL ||
	    (un = calloc(s->nitems + 1, sizeof(int))) == NULL ||
	    (ln = calloc(s->nitems + 1, sizeof(int))) == NULL ||
	    (every = calloc(s->nitems + 1, sizeof(int))) == NULL)
		goto out;
	memcpy(sorted, s->person_pct, s->people * sizeof(double));
	qsort(sorted, s->people, sizeof(double), dbl_cmp);
	g = (int)ceil(DISCRIM_GROUP * s->people);
	lo_cut = sorted[g - 1];			/* bottom group: <= lo_cut */
	hi_cut = sorted[s->people - g];		/* top group: >= hi_cut */
	for (c = 0; c < s->ncells; c++) {
		const struct stats_cell *x = &s->cells[c];
		double	 p = s->person_pct[x->person];

		s->items[x->item].n++;
		s->items[x->item].facility += x->frac;
		if (p >= hi_cut && s->people > 1) {
			uf[x->item] += x->frac;
			un[x->item]++;
		}
		if (p <= lo_cut && s->people > 1) {
			lf[x->item] += x->frac;
			ln[x->item]++;
		}
	}
	for (i = 0; i < s->nitems; i++) {
		struct stats_item *it = &s->items[i];

		it->facility = it->n ? it->facility / it->n : NAN;
		it->discrimination = un[i] && ln[i] ?
		    uf[i] / un[i] - lf[i] / ln[i] : NAN;
		every[i] = it->n == s->people;
		k += every[i];
	}
	/* Alpha over the items every first attempt answered. */
	if (k >= 2 && s->people >= 2) {
		for (c = 0; c < s->ncells; c++) {
			const struct stats_cell *x = &s->cells[c];

			if (!every[x->item])
				continue;
			isum[x->item] += x->score;
			isq[x->item] += x->score * x->score;
			tot[x->person] += x->score;
		}
		for (i = 0; i < s->nitems; i++)
			if (every[i])
				vsum += variance(isum[i], isq[i], s->people);
		for (i = 0; i < s->people; i++) {
			tsum += tot[i];
			tsq += tot[i] * tot[i];
		}
		if (variance(tsum, tsq, s->people) > 0)
			s->alpha = (double)k / (k - 1) * (1 - vsum /
			    variance(tsum, tsq, s->people));
		s->alpha_items = k;
	}
	rc = 0;
out:
	free(sorted);
	free(tot);
	free(isum);
	free(isq);
	free(uf);
	free(lf);
	free(un);
	free(ln);
	free(every);
	return rc;
}

static void
add_pct(void *arg, double pct)
{
	stats_percent(arg, pct);
}

static void
add_mark(void *arg, int64_t attempt, double pct, const char *qid,
    double score, double points)
{
	stats_mark(arg, attempt, pct, qid, score, points);
}

int
stats_index(struct req *r)
{
	struct catalog	*cat = course_catalog();
	const struct course *c;
	const char	*files[2];
	int		 i, j, n, people;

	view_begin(r, T(r, M_NAV_TRAINER));
	buf_addf(&r->out, "<h1>%s</h1><ul class=\"cards\">", T(r, M_NAV_TRAINER));
	for (i = 0; i < cat->n; i++) {
		c = cat->courses[i];
		files[0] = c->pretest_file;
		files[1] = c->final_file;
		buf_adds(&r->out, "<li class=\"card\"><h2>");
		buf_html(&r->out, c->title);
		buf_adds(&r->out, "</h2><ul>");
		for (j = 0; j < 2; j++) {
			if (!files[j][0])
				continue;
			if (store_stats_count(r->st, c->id, files[j], &n,
			    &people) == -1)
				n = people = 0;
			buf_adds(&r->out, "<li><a href=\"/trainer/");
			buf_url(&r->out, c->id);
			buf_addc(&r->out, '/');
			buf_url(&r->out, files[j]);
			buf_addf(&r->out, "\">%s</a> · %d %s, %d %s</li>",
			    T(r, j ? M_QUIZ_FINAL : M_QUIZ_PRE), n,
			    r->lang == LANG_EN ? "attempts" : "percobaan", people,
			    r->lang == LANG_EN ? "learners" : "peserta");
		}
		buf_adds(&r->out, "</ul></li>");
	}
	buf_adds(&r->out, "</ul>");
	view_end(r);
	course_release(cat);
	return 200;
}

static void
histogram(struct req *r, const struct stats *s)
{
	int	 i, max = 1, h;

	for (i = 0; i < STATS_BINS; i++)
		if (s->hist[i] > max)
			max = s->hist[i];
	buf_addf(&r->out, "<svg class=\"chart\" viewBox=\"0 0 340 170\" "
	    "width=\"340\" height=\"170\" role=\"img\" aria-labelledby=\"hist-t\">"
	    "<title id=\"hist-t\">%s</title>", r->lang == LANG_EN ?
	    "Score distribution (attempts per 10-point band)" :
	    "Sebaran nilai (jumlah percobaan per rentang 10 poin)");
	for (i = 0; i < STATS_BINS; i++) {
		h = s->hist[i] * 120 / max;
		buf_addf(&r->out, "<rect x=\"%d\" y=\"%d\" width=\"28\" "
		    "height=\"%d\" fill=\"#0b5563\"><title>%d-%d: %d</title>"
		    "</rect><text x=\"%d\" y=\"%d\" font-size=\"10\" "
		    "text-anchor=\"middle\" fill=\"#1d2329\">%d</text>"
		    "<text x=\"%d\" y=\"162\" font-size=\"9\" "
		    "text-anchor=\"middle\" fill=\"#56606b\">%d</text>",
		    10 + i * 32, 140 - h, h, i * 10, i * 10 + 10, s->hist[i],
		    24 + i * 32, 136 - h, s->hist[i], 24 + i * 32, i * 10);
	}
	buf_adds(&r->out, "</svg>");
}

static void
num(struct req *r, double v, const char *fmt)
{
	if (isnan(v))
		buf_adds(&r->out, "–");
	else
		buf_addf(&r->out, fmt, v);
}

static int
stats_csv(struct req *r, const struct stats *s, const char *course,
    const char *file)
{
	char	 fn[160];
	int	 i;

	csv_field(&r->out, "soal", 1);
	csv_field(&r->out, "jumlah_peserta", 0);
	csv_field(&r->out, "indeks_kesukaran", 0);
	csv_field(&r->out, "indeks_daya_beda", 0);
	csv_end(&r->out);
	for (i = 0; i < s->nitems; i++) {
		csv_field(&r->out, s->items[i].id, 1);
		csv_num(&r->out, s->items[i].n, 0);
		csv_num(&r->out, s->items[i].facility, 0);
		csv_num(&r->out, s->items[i].discrimination, 0);
		csv_end(&r->out);
	}
	/* The page's summary too, so the download carries the same numbers:
	   a blank line, then name,value rows. */
	csv_end(&r->out);
	csv_field(&r->out, "ringkasan", 1);
	csv_field(&r->out, "nilai", 0);
	csv_end(&r->out);
	csv_field(&r->out, "percobaan", 1);
	csv_num(&r->out, s->attempts, 0);
	csv_end(&r->out);
	csv_field(&r->out, "rata_rata", 1);
	csv_num(&r->out, s->attempts ? s->mean : NAN, 0);
	csv_end(&r->out);
	csv_field(&r->out, "median", 1);
	csv_num(&r->out, s->attempts ? s->median : NAN, 0);
	csv_end(&r->out);
	csv_field(&r->out, "alpha_cronbach", 1);
	csv_num(&r->out, s->alpha, 0);
	csv_end(&r->out);
	csv_field(&r->out, "butir_alpha", 1);
	csv_num(&r->out, s->alpha_items, 0);
	csv_end(&r->out);
	for (i = 0; i < STATS_BINS; i++) {
		snprintf(fn, sizeof(fn), "sebaran_%d_%d", i * 10, i * 10 + 10);
		csv_field(&r->out, fn, 1);
		csv_num(&r->out, s->hist[i], 0);
		csv_end(&r->out);
	}
	snprintf(fn, sizeof(fn), "attachment; filename=\"statistik-%s-%s.csv\"",
	    course, file);
	http_header(r, "Content-Disposition", fn);
	r->ctype = "text/csv; charset=utf-8";
	return 200;
}

int
stats_quiz(struct req *r)
{
	struct catalog	*cat = course_catalog();
	const struct course *c;
	struct quiz	*q;
	struct stats	*s = NULL;
	int		 i, status = 200, csv = r->nseg == 4;

	if (r->nseg == 4 && strcmp(r->seg[3], "csv") != 0) {
		status = 404;
		goto out;
	}
	if ((c = course_find(cat, r->seg[1])) == NULL ||
	    (q = course_quiz(c, r->seg[2])) == NULL) {
		status = 404;
		goto out;
	}
	if ((s = malloc(sizeof(*s))) == NULL) {
		status = 503;
		goto out;
	}
	stats_init(s);
	if (store_stats_percents(r->st, c->id, r->seg[2], add_pct, s) == -1 ||
	    store_stats_first_marks(r->st, c->id, r->seg[2], add_mark, s) == -1 ||
	    stats_finish(s) == -1) {
		status = 500;
		goto out;
	}
	if (csv) {
		status = stats_csv(r, s, c->id, r->seg[2]);
		goto out;
	}
	view_begin(r, quiz_info(q)->title);
	buf_adds(&r->out, "<p class=\"crumbs\"><a href=\"/trainer\">");
	buf_html(&r->out, T(r, M_NAV_TRAINER));
	buf_adds(&r->out, "</a></p><h1>");
	buf_html(&r->out, quiz_info(q)->title);
	buf_addf(&r->out, "</h1><section class=\"card\"><p>%s: <strong>%d"
	    "</strong> · %s: <strong>", r->lang == LANG_EN ? "Attempts" :
	    "Percobaan", s->attempts, r->lang == LANG_EN ? "mean" : "rata-rata");
	num(r, s->attempts ? s->mean : NAN, "%.1f");
	buf_addf(&r->out, "</strong> · %s: <strong>", "median");
	num(r, s->attempts ? s->median : NAN, "%.1f");
	buf_addf(&r->out, "</strong> · Cronbach α: <strong>");
	num(r, s->alpha, "%.2f");
	buf_addf(&r->out, "</strong> <small>(%d %s)</small></p>", s->alpha_items,
	    r->lang == LANG_EN ? "items answered by all" :
	    "soal yang dijawab semua peserta");
	histogram(r, s);
	buf_addf(&r->out, "</section><h2>%s</h2><p><small>%s</small></p>"
	    "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">n</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>"
	    "<tbody>", r->lang == LANG_EN ? "Item analysis (first attempts)" :
	    "Analisis butir soal (percobaan pertama)", r->lang == LANG_EN ?
	    "Facility: share of points earned. Discrimination: facility in the "
	    "top 27% minus the bottom 27%." :
	    "Indeks kesukaran: proporsi poin yang diperoleh. Daya beda: indeks "
	    "kesukaran kelompok atas 27% dikurangi kelompok bawah 27%.",
	    r->lang == LANG_EN ? "Question" : "Soal", r->lang == LANG_EN ?
	    "Facility" : "Kesukaran", r->lang == LANG_EN ? "Discrimination" :
	    "Daya beda");
	for (i = 0; i < s->nitems; i++) {
		buf_adds(&r->out, "<tr><td>");
		buf_html(&r->out, s->items[i].id);
		buf_addf(&r->out, "</td><td>%d</td><td>", s->items[i].n);
		num(r, s->items[i].facility, "%.2f");
		buf_adds(&r->out, "</td><td>");
		num(r, s->items[i].discrimination, "%.2f");
		buf_adds(&r->out, "</td></tr>");
	}
	buf_adds(&r->out, "</tbody></table><p><a href=\"/trainer/");
	buf_url(&r->out, c->id);
	buf_addc(&r->out, '/');
	buf_url(&r->out, r->seg[2]);
	buf_adds(&r->out, "/csv\">CSV</a></p>");
	view_end(r);
out:
	if (s)
		stats_free(s);
	free(s);
	course_release(cat);
	return status;
}
