/* home: Beranda and Nilai. See home.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "course.h"
#include "eval_page.h"
#include "exam.h"
#include "grade.h"
#include "home.h"
#include "http.h"
#include "ledger.h"
#include "ledger_page.h"
#include "numfmt.h"
#include "plan.h"
#include "progress.h"
#include "quiz.h"
#include "record.h"
#include "view.h"

/* What one pass over the user's attempts collects. */
struct seen_course {
	const struct course	*c;
	int64_t			 last;		/* latest activity */
	struct progress		 p;
};

struct scan {
	struct req		*r;
	const struct catalog	*cat;
	int64_t			 open_id;	/* newest open attempt */
	char			 open_course[COURSE_ID_MAX];
	char			 open_quiz[64];
	int			 open_no;
	int			 nrecent;
	struct buf		 recent;	/* rows of the results table */
	struct seen_course	 courses[COURSE_MAX];
	int			 ncourses;
	int			 grades;	/* /grades: every row */
};

/* The entry of course (added with activity at); NULL if not a course. */
static struct seen_course *
touch(struct scan *s, const char *course, int64_t at)
{
	const struct course	*c = course_find(s->cat, course);
	int			 i;

	if (c == NULL)
		return NULL;
	for (i = 0; i < s->ncourses; i++)
		if (s->courses[i].c == c) {
			if (at > s->courses[i].last)
				s->courses[i].last = at;
			return &s->courses[i];
		}
	if (s->ncourses == COURSE_MAX)
		return NULL;
	s->courses[s->ncourses].c = c;
	s->courses[s->ncourses].last = at;
	return &s->courses[s->ncourses++];
}

/* The entry of c if the user touched it (a quiz attempt seen so far). */
static struct seen_course *
seen(struct scan *s, const struct course *c)
{
	int	 i;

	for (i = 0; i < s->ncourses; i++)
		if (s->courses[i].c == c)
			return &s->courses[i];
	return NULL;
}

/* One results-table row: course, quiz, attempt, date, score, verdict. */
static void
result_row(struct scan *s, const struct attempt *a)
{
	struct req		*r = s->r;
	struct buf		*o = &s->recent, save = r->out;
	const struct course	*c = course_find(s->cat, a->course);
	struct quiz		*q = c ? course_quiz(c, a->quiz) : NULL;
	const struct quiz_info	*qi = q ? quiz_info(q) : NULL;
	const char		*cls;
	enum msg		 v = grade_verdict(qi, a, &cls);

	/* view_* helpers write r->out: point it at the table for a moment.
	   data-label names each cell where 360 px shows rows as cards. */
	r->out = *o;
	buf_addf(&r->out, "<tr><td data-label=\"%s\">", T(r, M_COURSE));
	buf_html(&r->out, c ? c->title : a->course);
	buf_addf(&r->out, "</td><td data-label=\"%s\"><a href=\"/attempt/%lld\">",
	    T(r, M_QUIZ), (long long)a->id);
	buf_html(&r->out, qi ? qi->title : a->quiz);
	buf_addf(&r->out, "</a></td><td data-label=\"%s\">#%d</td>"
	    "<td data-label=\"%s\">", T(r, M_ATTEMPT), a->attempt_no,
	    T(r, M_DATE));
	view_date(r, a->submitted_at ? a->submitted_at : a->started_at);
	buf_addf(&r->out, "</td><td class=\"num\" data-label=\"%s\">",
	    T(r, M_SCORE));
	if (a->submitted_at && (qi == NULL || qi->review != QUIZ_REVIEW_NEVER))
		numfmt_dec(&r->out, r->lang, a->percent, 1);
	else
		buf_adds(&r->out, "–");
	buf_addf(&r->out, "</td><td data-label=\"%s\"><strong class=\"%s\">%s"
	    "</strong></td></tr>", T(r, M_STATUS), cls, T(r, v));
	*o = r->out;
	r->out = save;
}

static void
scan_row(void *arg, const struct attempt *a)
{
	struct scan	*s = arg;

	touch(s, a->course, a->submitted_at ? a->submitted_at : a->started_at);
	if (!a->submitted_at && s->open_id == 0 &&
	    (a->deadline == 0 || s->r->now <= a->deadline + GRADE_GRACE_S)) {
		s->open_id = a->id;
		s->open_no = a->attempt_no;
		snprintf(s->open_course, sizeof(s->open_course), "%s", a->course);
		snprintf(s->open_quiz, sizeof(s->open_quiz), "%s", a->quiz);
	}
	if (s->grades || (a->submitted_at && s->nrecent < HOME_RECENT)) {
		if (a->submitted_at)
			s->nrecent++;
		result_row(s, a);
	}
}

static void
results_table(struct req *r, struct scan *s, enum msg caption, int visible)
{
	buf_addf(&r->out, "<div class=\"table-wrap\"><table class=\"results\">"
	    "<caption%s>%s"
	    "</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">"
	    "%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th>"
	    "</tr></thead><tbody>", visible ? "" : " class=\"sr\"",
	    T(r, caption), T(r, M_COURSE),
	    T(r, M_QUIZ), T(r, M_ATTEMPT), T(r, M_DATE), T(r, M_SCORE),
	    T(r, M_STATUS));
	buf_add(&r->out, s->recent.p, s->recent.n);
	buf_adds(&r->out, "</tbody></table></div>");
}

static void
link_step(struct req *r, const char *href_a, const char *href_b,
    enum msg label, const char *what)
{
	buf_addf(&r->out, "<p><a class=\"button\" href=\"%s", href_a);
	buf_url(&r->out, href_b);
	buf_addf(&r->out, "\">%s: ", T(r, label));
	buf_html(&r->out, what);
	buf_adds(&r->out, "</a></p>");
}

/* The next thing to do in c, as a button; 0 when nothing is left. */
static int
next_step(struct req *r, const struct course *c, const struct progress *p)
{
	struct buf	 h = { 0 };
	int		 any = 1;

	if (p->next < 0 && !(p->has_final && !p->final_passed && c->final))
		return 0;
	buf_adds(&r->out, "<p>");
	buf_html(&r->out, c->title);
	buf_adds(&r->out, "</p>");
	buf_adds(&h, "/courses/");
	buf_url(&h, c->id);
	if (p->next >= 0) {
		buf_addc(&h, '/');
		link_step(r, h.p ? h.p : "", c->mods[p->next].slug, M_CONTINUE,
		    c->mods[p->next].title);
	} else if (p->has_final && !p->final_passed && c->final) {
		buf_reset(&h);
		buf_adds(&h, "/quiz/");
		buf_url(&h, c->id);
		buf_addc(&h, '/');
		link_step(r, h.p ? h.p : "", c->final_file, M_CONTINUE,
		    quiz_info(c->final)->title);
	} else
		any = 0;
	buf_free(&h);
	return any;
}

static int
by_last(const void *a, const void *b)
{
	const struct seen_course *x = a, *y = b;

	return (x->last < y->last) - (x->last > y->last);
}

int
home_page(struct req *r)
{
	struct catalog	*cat = course_catalog();
	struct scan	*s;
	struct progress	 p;
	const struct course *c;
	struct quiz	*q;
	struct ledger_person lp;
	int		 i, shown = 0, status = 200, did_next = 0;

	if ((s = calloc(1, sizeof(*s))) == NULL) {
		course_release(cat);
		return HTTP_OOM;
	}
	s->r = r;
	s->cat = cat;
	if (store_attempt_list_user(r->st, r->user.id, HOME_ATTEMPTS, scan_row,
	    s) == -1 || ledger_person(r->st, r->user.id, ledger_year(r->now),
	    &lp) == -1) {
		status = 500;
		goto out;
	}
	/* Courses with modules read count as touched too; each course's
	   progress is read once, here. */
	for (i = 0; i < cat->n; i++) {
		struct seen_course *sc;

		if (progress_course(r->st, r->user.id, cat->courses[i], &p) == -1) {
			status = 500;
			goto out;
		}
		if ((sc = p.last_at ? touch(s, cat->courses[i]->id, p.last_at) :
		    seen(s, cat->courses[i])) != NULL)
			sc->p = p;
	}
	qsort(s->courses, (size_t)s->ncourses, sizeof(s->courses[0]), by_last);

	view_begin(r, T(r, M_HOME));
	eval_page_reminder(r);	/* evaluations waiting for this user */
	buf_addf(&r->out, "<h1>%s</h1><div class=\"home\">"
	    "<section class=\"card wide\" aria-labelledby=\"h-next\">"
	    "<h2 id=\"h-next\">%s</h2>", T(r, M_HOME), T(r, M_HOME_CONTINUE));
	if (s->open_id && (c = course_find(cat, s->open_course)) != NULL &&
	    (q = course_quiz(c, s->open_quiz)) != NULL) {
		buf_addf(&r->out, "<p>%s #%d · ", T(r, M_ATTEMPT), s->open_no);
		buf_html(&r->out, c->title);
		buf_addf(&r->out, "</p><p><a class=\"button\" href=\"/attempt/"
		    "%lld\">%s: ", (long long)s->open_id, T(r, M_CONTINUE));
		buf_html(&r->out, quiz_info(q)->title);
		buf_adds(&r->out, "</a></p>");
		did_next = 1;
	}
	for (i = 0; i < s->ncourses && !did_next; i++) {
		if (s->courses[i].p.complete)
			continue;
		did_next = next_step(r, s->courses[i].c, &s->courses[i].p);
	}
	if (!did_next)
		buf_addf(&r->out, "<p>%s</p><p><a class=\"button\" href=\"/courses\">"
		    "%s</a></p>", T(r, M_HOME_NOTHING), T(r, M_CATALOG_TITLE));
	buf_adds(&r->out, "</section>");

	buf_addf(&r->out, "<section class=\"card\" aria-labelledby=\"h-jp\">"
	    "<h2 id=\"h-jp\">%s %d</h2><p class=\"big\"><strong>",
	    T(r, M_RECORD_JP_YEAR), lp.year);
	view_cjp(r, &r->out, lp.cjp);
	buf_adds(&r->out, "</strong> / ");
	view_cjp(r, &r->out, ledger_target_cjp(lp.type));
	buf_adds(&r->out, " JP</p>");
	view_cjp_progress(r, lp.cjp, ledger_target_cjp(lp.type),
	    T(r, M_RECORD_JP_YEAR));
	buf_adds(&r->out, "<p><small>");
	ledger_page_target(r, lp.type);
	buf_addf(&r->out, "</small></p><p><a href=\"/record\">%s</a>"
	    "</p></section>", T(r, M_NAV_RECORD));

	/* Assignments, open surveys, notifications (plan_survey.c). */
	if (plan_home_cards(r) == -1) {
		status = 500;
		goto out;
	}
	buf_addf(&r->out, "<section class=\"card\" aria-labelledby=\"h-prog\">"
	    "<h2 id=\"h-prog\">%s</h2><ul class=\"plain\">",
	    T(r, M_HOME_IN_PROGRESS));
	for (i = 0; i < s->ncourses; i++) {
		c = s->courses[i].c;
		p = s->courses[i].p;
		if (p.complete)
			continue;
		buf_adds(&r->out, "<li><a href=\"/courses/");
		buf_url(&r->out, c->id);
		buf_adds(&r->out, "\">");
		buf_html(&r->out, c->title);
		buf_adds(&r->out, "</a>");
		view_progress(r, p.percent, c->title);
		buf_adds(&r->out, "</li>");
		shown++;
	}
	if (!shown)
		buf_addf(&r->out, "<li>%s</li>", T(r, M_HOME_NONE_IN_PROGRESS));
	buf_adds(&r->out, "</ul></section></div>");

	buf_addf(&r->out, "<section aria-labelledby=\"h-res\"><h2 id=\"h-res\">"
	    "%s</h2>", T(r, M_HOME_RECENT));
	if (s->nrecent)
		results_table(r, s, M_HOME_RECENT, 0);
	else
		buf_addf(&r->out, "<p>%s</p>", T(r, M_GRADES_NONE));
	buf_addf(&r->out, "<p><a href=\"/grades\">%s</a></p></section>",
	    T(r, M_HOME_ALL_GRADES));
	view_end(r);
out:
	buf_free(&s->recent);
	free(s);
	course_release(cat);
	return status;
}

int
home_grades(struct req *r)
{
	struct catalog	*cat = course_catalog();
	struct scan	*s;
	int		 status = 200;

	if ((s = calloc(1, sizeof(*s))) == NULL) {
		course_release(cat);
		return HTTP_OOM;
	}
	s->r = r;
	s->cat = cat;
	s->grades = 1;
	if (store_attempt_list_user(r->st, r->user.id, HOME_ATTEMPTS, scan_row,
	    s) == -1) {
		status = 500;
		goto out;
	}
	view_begin(r, T(r, M_GRADES_TITLE));
	buf_addf(&r->out, "<h1>%s</h1>", T(r, M_GRADES_TITLE));
	if (s->recent.n)
		results_table(r, s, M_GRADES_CAPTION, 1);
	else
		buf_addf(&r->out, "<p>%s</p><p><a href=\"/courses\">%s</a></p>",
		    T(r, M_GRADES_NONE), T(r, M_CATALOG_TITLE));
	view_end(r);
out:
	buf_free(&s->recent);
	free(s);
	course_release(cat);
	return status;
}
