/* stats_page: the trainer's quiz statistics pages. See stats.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "course.h"
#include "csv.h"
#include "http.h"
#include "stats.h"
#include "view.h"

#define PEOPLE_MAX	500	/* people listed on the page */
#define WEAK_DISCRIM	0.2	/* below: the item barely separates groups */

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

struct choices_ctx {
	struct stats		*s;
	const struct quiz	*q;
};

static void
add_choices(void *arg, const struct attempt *a)
{
	struct choices_ctx *x = arg;

	(void)stats_choices(x->s, x->q, a);
}

/* Names on the trainer pages: HR and admin see all; a trainer only on
   the courses whose `trainers:` field names their NIP. */
static int
sees_people(const struct req *r, const struct course *c)
{
	const char	*p = c->trainers;
	size_t		 n = strlen(r->user.nip);

	if (r->user.role & (ROLE_HR | ROLE_ADMIN))
		return 1;
	while (n == STORE_NIP_LEN && (p = strstr(p, r->user.nip)) != NULL) {
		if ((p == c->trainers || p[-1] == ',' || p[-1] == ' ') &&
		    (p[n] == '\0' || p[n] == ',' || p[n] == ' '))
			return 1;
		p += n;
	}
	return 0;
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
			    T(r, M_ST_ATTEMPTS_N), people, T(r, M_ST_LEARNERS_N));
		}
		buf_adds(&r->out, "</ul></li>");
	}
	buf_adds(&r->out, "</ul>");
	view_end(r);
	course_release(cat);
	return 200;
}

/* Bars per 10-point band, and the pass mark as a dashed line. */
static void
histogram(struct req *r, const struct stats *s, int pass)
{
	int	 i, max = 1, h, x;

	for (i = 0; i < STATS_BINS; i++)
		if (s->hist[i] > max)
			max = s->hist[i];
	buf_addf(&r->out, "<svg class=\"chart\" viewBox=\"0 0 340 170\" "
	    "width=\"340\" height=\"170\" role=\"img\" aria-labelledby=\"hist-t\">"
	    "<title id=\"hist-t\">%s", T(r, M_ST_HIST_TITLE));
	if (pass > 0)
		buf_addf(&r->out, "; %s %d", T(r, M_ST_PASS_MARK), pass);
	buf_adds(&r->out, "</title>");
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
	if (pass > 0) {
		/* Bands are 32 px wide from x = 10: percent p sits at
		   10 + p * 3.2 (a bar's gap is part of its band). */
		x = 10 + pass * 32 / 10;
		buf_addf(&r->out, "<line class=\"passline\" x1=\"%d\" y1=\"10\" "
		    "x2=\"%d\" y2=\"150\" stroke=\"#b42318\" stroke-width=\"2\" "
		    "stroke-dasharray=\"5 3\"/><text x=\"%d\" y=\"9\" "
		    "font-size=\"9\" text-anchor=\"%s\" fill=\"#b42318\">%s %d"
		    "</text>", x, x, x, pass > 70 ? "end" : "start",
		    T(r, M_ST_PASS_MARK), pass);
	}
	buf_adds(&r->out, "</svg>");
}

/* A decimal in the page's language: 0,42 in Indonesian. */
static void
num(struct req *r, double v, int decimals)
{
	char	 tmp[64], *p;

	if (isnan(v)) {
		buf_adds(&r->out, "–");
		return;
	}
	snprintf(tmp, sizeof(tmp), "%.*f", decimals, v);
	if ((p = strchr(tmp, '.')) != NULL)
		*p = T(r, M_NUM_DECIMAL)[0];
	buf_adds(&r->out, tmp);
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
	csv_field(&r->out, "teks_soal", 0);
	csv_end(&r->out);
	for (i = 0; i < s->nitems; i++) {
		csv_field(&r->out, s->items[i].id, 1);
		csv_num(&r->out, s->items[i].n, 0);
		csv_num(&r->out, s->items[i].facility, 0);
		csv_num(&r->out, s->items[i].discrimination, 0);
		csv_field(&r->out, s->items[i].text ? s->items[i].text : "", 0);
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

/* One row per shown choice of each choice question (first attempts). */
static int
distractors_csv(struct req *r, const struct stats *s, const char *course,
    const char *file)
{
	char	 fn[160];
	int	 i, j;

	csv_field(&r->out, "soal", 1);
	csv_field(&r->out, "pilihan", 0);
	csv_field(&r->out, "dipilih", 0);
	csv_field(&r->out, "dipilih_dan_benar", 0);
	csv_field(&r->out, "percobaan_dihitung", 0);
	csv_end(&r->out);
	for (i = 0; i < s->nitems; i++) {
		const struct stats_item *it = &s->items[i];

		for (j = 0; j < it->nopt; j++) {
			csv_field(&r->out, it->id, 1);
			csv_field(&r->out, it->opt[j].text, 0);
			csv_num(&r->out, it->opt[j].picks, 0);
			csv_num(&r->out, it->opt[j].right, 0);
			csv_num(&r->out, it->tallied, 0);
			csv_end(&r->out);
		}
		if (it->tallied) {
			csv_field(&r->out, it->id, 1);
			csv_field(&r->out, "", 0);	/* nothing chosen */
			csv_num(&r->out, it->blank, 0);
			csv_num(&r->out, 0, 0);
			csv_num(&r->out, it->tallied, 0);
			csv_end(&r->out);
		}
	}
	snprintf(fn, sizeof(fn), "attachment; filename=\"pengecoh-%s-%s.csv\"",
	    course, file);
	http_header(r, "Content-Disposition", fn);
	r->ctype = "text/csv; charset=utf-8";
	return 200;
}

static void
summary(struct req *r, const struct stats *s, int pass)
{
	buf_addf(&r->out, "<section class=\"card\"><p>%s: <strong>%d</strong>"
	    " · %s: <strong>", T(r, M_ST_ATTEMPTS), s->attempts,
	    T(r, M_ST_MEAN));
	num(r, s->attempts ? s->mean : NAN, 1);
	buf_addf(&r->out, "</strong> · %s: <strong>", T(r, M_ST_MEDIAN));
	num(r, s->attempts ? s->median : NAN, 1);
	buf_addf(&r->out, "</strong> · %s: <strong>", T(r, M_ST_PASS_MARK));
	if (pass > 0)
		buf_addf(&r->out, "%d</strong>", pass);
	else
		buf_addf(&r->out, "–</strong> <small>(%s)</small>",
		    T(r, M_ST_DIAGNOSTIC));
	buf_adds(&r->out, " · Cronbach α: <strong>");
	num(r, s->alpha, 2);
	buf_addf(&r->out, "</strong> <small>(%d %s)</small></p>",
	    s->alpha_items, T(r, M_ST_ALPHA_ITEMS));
	if (!isnan(s->alpha) && (s->alpha_items < STATS_ALPHA_MIN_ITEMS ||
	    s->people < STATS_ALPHA_MIN_PEOPLE)) {
		char	 msg[512];

		snprintf(msg, sizeof(msg), T(r, M_ST_ALPHA_WEAK),
		    s->alpha_items, s->people, STATS_ALPHA_MIN_ITEMS,
		    STATS_ALPHA_MIN_PEOPLE);
		view_notice(r, "info", msg);
	}
	histogram(r, s, pass);
	buf_adds(&r->out, "</section>");
}

static void
item_label(struct req *r, const struct stats_item *it)
{
	if (it->text) {
		buf_html(&r->out, it->text);
		buf_adds(&r->out, " <small class=\"muted\">");
		buf_html(&r->out, it->id);
		buf_adds(&r->out, "</small>");
	} else
		buf_html(&r->out, it->id);
}

static void
items(struct req *r, const struct stats *s)
{
	int	 i;

	buf_addf(&r->out, "<h2>%s</h2><p><small>%s</small></p>"
	    "<div class=\"scroll\"><table><thead><tr><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">n</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th></tr></thead><tbody>",
	    T(r, M_ST_ITEMS_TITLE), T(r, M_ST_ITEMS_HELP), T(r, M_ST_QUESTION),
	    T(r, M_ST_FACILITY), T(r, M_ST_DISCRIM));
	for (i = 0; i < s->nitems; i++) {
		const struct stats_item *it = &s->items[i];

		buf_adds(&r->out, "<tr><td>");
		item_label(r, it);
		buf_addf(&r->out, "</td><td>%d</td><td>", it->n);
		num(r, it->facility, 2);
		buf_adds(&r->out, "</td><td>");
		num(r, it->discrimination, 2);
		if (!isnan(it->discrimination) &&
		    it->discrimination < WEAK_DISCRIM)
			buf_addf(&r->out, " <span class=\"tag warn\">%s</span>",
			    T(r, M_ST_REVIEW));
		buf_adds(&r->out, "</td></tr>");
	}
	buf_adds(&r->out, "</tbody></table></div>");
}

static void
choice_text(struct req *r, const struct stats_item *it, const char *t)
{
	if (it->type == QUIZ_TRUE_FALSE)
		buf_html(&r->out, T(r, strcmp(t, "true") == 0 ?
		    M_ST_TRUE : M_ST_FALSE));
	else
		buf_html(&r->out, t);
}

/* How often each shown choice was picked; the key (a single or
   true/false choice whose picks all earned the points) is marked, and a
   distractor nobody picked is called out: it does not work. */
static void
distractors(struct req *r, const struct stats *s)
{
	char	 msg[256];
	int	 i, j, any = 0;

	for (i = 0; i < s->nitems; i++)
		any |= s->items[i].tallied > 0;
	if (!any)
		return;
	buf_addf(&r->out, "<h2>%s</h2><p><small>%s</small></p>",
	    T(r, M_ST_DISTRACT_TITLE), T(r, M_ST_DISTRACT_HELP));
	if (s->rebuild_truncated) {
		snprintf(msg, sizeof(msg), T(r, M_ST_DISTRACT_CAP),
		    STATS_MAX_REBUILD);
		buf_adds(&r->out, "<p><small>");
		buf_html(&r->out, msg);
		buf_adds(&r->out, "</small></p>");
	}
	for (i = 0; i < s->nitems; i++) {
		const struct stats_item *it = &s->items[i];

		if (!it->tallied)
			continue;
		buf_adds(&r->out, "<section class=\"card distractor\"><h3>");
		item_label(r, it);
		buf_addf(&r->out, "</h3><table><thead><tr><th scope=\"col\">%s"
		    "</th><th scope=\"col\">%s</th><th scope=\"col\">%%</th>"
		    "</tr></thead><tbody>", T(r, M_ST_CHOICE),
		    T(r, M_ST_PICKED));
		for (j = 0; j < it->nopt; j++) {
			const struct stats_option *o = &it->opt[j];
			int	 key = it->type != QUIZ_MULTIPLE &&
			    o->picks > 0 && o->right == o->picks;

			buf_adds(&r->out, "<tr><td>");
			choice_text(r, it, o->text);
			if (key)
				buf_addf(&r->out, " <span class=\"tag ok\">%s"
				    "</span>", T(r, M_ST_KEY));
			buf_addf(&r->out, "</td><td>%d</td><td>", o->picks);
			num(r, 100.0 * o->picks / it->tallied, 1);
			buf_adds(&r->out, "</td></tr>");
		}
		if (it->other)
			buf_addf(&r->out, "<tr><td>%s</td><td>%d</td><td>"
			    "</td></tr>", T(r, M_ST_OTHER), it->other);
		buf_addf(&r->out, "<tr><td><em>%s</em></td><td>%d</td><td>",
		    T(r, M_ST_BLANK), it->blank);
		num(r, 100.0 * it->blank / it->tallied, 1);
		buf_adds(&r->out, "</td></tr></tbody></table>");
		if (it->type == QUIZ_SINGLE && it->nopt > 0 && it->nopt < 3)
			buf_addf(&r->out, "<p><small>%s</small></p>",
			    T(r, M_ST_UNPICKED));
		buf_adds(&r->out, "</section>");
	}
}

static void
person_row(void *arg, const struct stats_person *p)
{
	struct req	*r = arg;

	buf_adds(&r->out, "<tr><td>");
	buf_html(&r->out, p->name);
	buf_adds(&r->out, "</td><td class=\"nip\">");
	buf_html(&r->out, p->nip);
	buf_adds(&r->out, "</td><td>");
	buf_html(&r->out, p->unit);
	buf_addf(&r->out, "</td><td>%d</td><td>", p->attempts);
	num(r, p->best, 1);
	buf_adds(&r->out, "</td><td>");
	num(r, p->last, 1);
	buf_addf(&r->out, "</td><td>%s</td><td>", p->passed ?
	    T(r, M_ST_YES) : "–");
	view_date(r, p->last_at);
	buf_adds(&r->out, "</td></tr>");
}

static int
people(struct req *r, const struct course *c, const char *file,
    const struct quiz *q)
{
	int	 more = 0, pass = quiz_info(q)->pass;

	buf_addf(&r->out, "<h2>%s</h2>", T(r, M_ST_PEOPLE_TITLE));
	if (!sees_people(r, c)) {
		buf_addf(&r->out, "<p>%s</p>", T(r, M_ST_PEOPLE_HIDDEN));
		return 0;
	}
	buf_addf(&r->out, "<div class=\"scroll\"><table class=\"people\">"
	    "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">NIP</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>"
	    "<tbody>", T(r, M_NAME), T(r, M_UNIT), T(r, M_ST_ATTEMPTS),
	    T(r, M_ST_BEST), T(r, M_ST_LAST), pass > 0 ? T(r, M_ST_PASSED) :
	    T(r, M_ST_PASSED_NA), T(r, M_ST_LAST_AT));
	if (store_stats_people(r->st, c->id, file, PEOPLE_MAX, person_row, r,
	    &more) == -1)
		return -1;
	buf_adds(&r->out, "</tbody></table></div>");
	if (more) {
		char	 msg[256];

		snprintf(msg, sizeof(msg), T(r, M_ST_PEOPLE_MORE), PEOPLE_MAX);
		buf_adds(&r->out, "<p><small>");
		buf_html(&r->out, msg);
		buf_adds(&r->out, "</small></p>");
	}
	return 0;
}

int
stats_quiz(struct req *r)
{
	struct catalog	*cat = course_catalog();
	const struct course *c;
	struct quiz	*q;
	struct stats	*s = NULL;
	struct choices_ctx x;
	int		 status = 200, csv = 0, pass;

	if (r->nseg == 4 && strcmp(r->seg[3], "csv") == 0)
		csv = 1;
	else if (r->nseg == 4 && strcmp(r->seg[3], "distractors.csv") == 0)
		csv = 2;
	else if (r->nseg == 4) {
		status = 404;
		goto out;
	}
	if ((c = course_find(cat, r->seg[1])) == NULL ||
	    (q = course_quiz(c, r->seg[2])) == NULL) {
		status = 404;
		goto out;
	}
	if ((s = malloc(sizeof(*s))) == NULL) {
		status = HTTP_OOM;
		goto out;
	}
	stats_init(s);
	x.s = s;
	x.q = q;
	if (store_stats_percents(r->st, c->id, r->seg[2], add_pct, s) == -1 ||
	    store_stats_first_marks(r->st, c->id, r->seg[2], add_mark, s) == -1 ||
	    store_attempt_first_each(r->st, c->id, r->seg[2],
	    STATS_MAX_REBUILD + 1, add_choices, &x) == -1 ||
	    stats_finish(s) == -1) {
		status = 500;
		goto out;
	}
	if (csv) {
		status = csv == 1 ? stats_csv(r, s, c->id, r->seg[2]) :
		    distractors_csv(r, s, c->id, r->seg[2]);
		goto out;
	}
	pass = quiz_info(q)->pass;
	view_begin(r, quiz_info(q)->title);
	buf_adds(&r->out, "<p class=\"crumbs\"><a href=\"/trainer\">");
	buf_html(&r->out, T(r, M_NAV_TRAINER));
	buf_adds(&r->out, "</a></p><h1>");
	buf_html(&r->out, quiz_info(q)->title);
	buf_adds(&r->out, "</h1><p class=\"muted\">");
	buf_html(&r->out, c->title);
	buf_adds(&r->out, "</p>");
	summary(r, s, pass);
	items(r, s);
	distractors(r, s);
	if (people(r, c, r->seg[2], q) == -1) {
		r->out.n = 0;	/* the error page, not half a page */
		status = 500;
		goto out;
	}
	buf_adds(&r->out, "<p><a href=\"/trainer/");
	buf_url(&r->out, c->id);
	buf_addc(&r->out, '/');
	buf_url(&r->out, r->seg[2]);
	buf_addf(&r->out, "/csv\">%s</a> · <a href=\"/trainer/", T(r, M_ST_CSV));
	buf_url(&r->out, c->id);
	buf_addc(&r->out, '/');
	buf_url(&r->out, r->seg[2]);
	buf_addf(&r->out, "/distractors.csv\">%s</a></p>", T(r, M_ST_CSV_DISTRACT));
	view_end(r);
out:
	if (s)
		stats_free(s);
	free(s);
	course_release(cat);
	return status;
}
