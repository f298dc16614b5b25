/* eval_page: level-1 survey, level-3 follow-ups, the evaluation list and
   reminders. See eval_page.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "course.h"
#include "eval_page.h"
#include "evalcov.h"
#include "evaluation.h"
#include "http.h"
#include "param.h"
#include "numfmt.h"
#include "store_eval.h"
#include "survey.h"
#include "view.h"
#include "wib.h"

#define LIST_MAX	200	/* rows of a list on the page */

/* Was option k (1..9) the value sent back? */
static int
picked(const char *cur, int k)
{
	int64_t	 v;

	return cur != NULL && param_parse_int(cur, 1, 9, &v) == 0 && v == k;
}

static const char *
post_get(void *arg, const char *name)
{
	return http_param(arg, name);
}

static void
back_link(struct req *r)
{
	buf_addf(&r->out, "<p><a href=\"/evaluasi\">%s</a></p>",
	    T(r, M_EV_BACK));
}

/* A page that is only a notice (and the way back). */
static int
notice_page(struct req *r, int status, const char *title, const char *kind,
    enum msg m)
{
	view_begin(r, title);
	buf_adds(&r->out, "<h1>");
	buf_html(&r->out, title);
	buf_adds(&r->out, "</h1>");
	view_notice(r, kind, T(r, m));
	back_link(r);
	view_end(r);
	return status;
}

static void
scale_item(struct req *r, const struct survey *s, const struct survey_item *it)
{
	const char	*cur;
	char		 name[SURVEY_ID_MAX + 2];
	int		 k, max = it->kind == SURVEY_SCALE ? s->scale_max :
			    it->nopts;

	snprintf(name, sizeof(name), "q_%s", it->id);
	cur = r->post ? http_param(r, name) : NULL;
	buf_addf(&r->out, "<fieldset class=\"likert\"><legend>");
	buf_html(&r->out, it->text);
	buf_adds(&r->out, "</legend>");
	for (k = 1; k <= max; k++) {
		buf_addf(&r->out, "<label><input type=\"radio\" name=\"%s\" "
		    "value=\"%d\"%s> <span>", name, k, picked(cur, k) ?
		    " checked" : "");
		if (it->kind == SURVEY_CHOICE)
			buf_html(&r->out, it->opts[k - 1]);
		else {
			buf_addf(&r->out, "%d", k);
			if (s->labels[k - 1][0]) {
				buf_adds(&r->out, " ");
				buf_html(&r->out, s->labels[k - 1]);
			}
		}
		buf_adds(&r->out, "</span></label>");
	}
	buf_adds(&r->out, "</fieldset>");
}

static void
reaction_form(struct req *r, const struct course *c, const struct survey *s)
{
	const struct survey_item *it;
	char		 name[SURVEY_ID_MAX + 2];
	const char	*cur;
	int		 b, i;

	buf_addf(&r->out, "<p class=\"hint\">%s</p>", T(r, M_EV_REACT_INTRO));
	buf_adds(&r->out, "<form method=\"post\" action=\"/evaluasi/reaksi/");
	buf_url(&r->out, c->id);
	buf_adds(&r->out, "\" class=\"survey\">");
	view_csrf(r);
	for (b = 0; b < s->nblocks; b++) {
		buf_adds(&r->out, "<section class=\"card\"><h2>");
		buf_html(&r->out, s->blocks[b].title);
		buf_adds(&r->out, "</h2>");
		for (i = 0; i < s->nitems; i++) {
			it = &s->items[i];
			if (it->block != b)
				continue;
			if (it->kind != SURVEY_TEXT) {
				scale_item(r, s, it);
				continue;
			}
			snprintf(name, sizeof(name), "q_%s", it->id);
			cur = r->post ? http_param(r, name) : NULL;
			buf_addf(&r->out, "<label>");
			buf_html(&r->out, it->text);
			buf_addf(&r->out, "<textarea name=\"%s\" rows=\"4\" "
			    "maxlength=\"%d\">", name, SURVEY_ANSWER_MAX);
			buf_html(&r->out, cur ? cur : "");
			buf_adds(&r->out, "</textarea></label>");
		}
		buf_adds(&r->out, "</section>");
	}
	buf_addf(&r->out, "<p><button>%s</button></p></form>",
	    T(r, M_EV_SUBMIT));
}

int
eval_page_reaction(struct req *r)
{
	struct catalog	*cat = course_catalog();
	const struct course *c;
	const struct survey *s;
	struct completion comp;
	int		 done, rc, why = 0, status = 200;

	if ((c = course_find(cat, r->seg[2])) == NULL) {
		status = 404;
		goto out;
	}
	if ((s = course_reaction(cat, c)) == NULL) {
		status = notice_page(r, 404, c->title, "info",
		    M_EV_NO_INSTRUMENT);
		goto out;
	}
	if ((rc = store_completion_get(r->st, r->user.id, c->id, &comp)) == -1 ||
	    store_eval_reaction_done(r->st, r->user.id, c->id, &done) == -1) {
		status = 500;
		goto out;
	}
	if (rc == 1) {
		status = notice_page(r, 403, c->title, "info", M_EV_NOT_DONE);
		goto out;
	}
	if (done && !r->post) {
		status = notice_page(r, 200, c->title, "ok",
		    http_query(r, "ok") ? M_EV_THANKS : M_EV_ALREADY);
		goto out;
	}
	if (r->post) {
		rc = evaluation_reaction_submit(r->st, &r->user, c, s,
		    post_get, r, r->now, &why);
		if (rc == -1) {
			status = 500;
			goto out;
		}
		if (rc == 0 || rc == 1) {
			buf_reset(&r->out);
			buf_adds(&r->out, "/evaluasi/reaksi/");
			buf_url(&r->out, c->id);
			buf_adds(&r->out, rc == 0 ? "?ok=1" : "");
			http_redirect(r, r->out.p);
			buf_reset(&r->out);
			status = 303;
			goto out;
		}
		status = 400;
	}
	view_begin(r, s->title);
	buf_adds(&r->out, "<h1>");
	buf_html(&r->out, s->title);
	buf_adds(&r->out, "</h1><p class=\"meta\">");
	buf_html(&r->out, c->title);
	buf_adds(&r->out, "</p>");
	if (why)
		view_notice(r, "error", T(r, why));
	reaction_form(r, c, s);
	view_end(r);
out:
	course_release(cat);
	return status;
}

/* The follow-up of p is open (due); otherwise a notice with the date. */
static int
fu_open(struct req *r, const struct eval_person *p, const char *title)
{
	int64_t	 due = evaluation_due(p->completed_at, cfg.eval_followup_months);

	if (due <= r->now)
		return 1;
	view_begin(r, title);
	buf_adds(&r->out, "<h1>");
	buf_html(&r->out, title);
	buf_addf(&r->out, "</h1><p class=\"notice info\" role=\"status\">%s ",
	    T(r, M_EV_FU_NOT_YET));
	view_date(r, due);
	buf_adds(&r->out, ".</p>");
	back_link(r);
	view_end(r);
	return 0;
}

static void
fu_head(struct req *r, const struct eval_person *p, const char *title)
{
	view_begin(r, title);
	buf_adds(&r->out, "<h1>");
	buf_html(&r->out, title);
	buf_adds(&r->out, "</h1><p class=\"meta\">");
	buf_html(&r->out, p->course_title);
	buf_addf(&r->out, " · %s: ", T(r, M_COMPETENCY));
	buf_html(&r->out, p->competency);
	buf_addf(&r->out, " · %s ", T(r, M_COMPLETED_ON));
	view_date(r, p->completed_at);
	buf_adds(&r->out, "</p>");
}

static void
textarea(struct req *r, const char *name, enum msg label, int required)
{
	const char	*cur = r->post ? http_param(r, name) : NULL;

	buf_adds(&r->out, "<label>");
	buf_html(&r->out, T(r, label));
	buf_addf(&r->out, "<textarea name=\"%s\" rows=\"5\" maxlength=\"%d\"%s>",
	    name, SURVEY_ANSWER_MAX, required ? " required" : "");
	buf_html(&r->out, cur ? cur : "");
	buf_adds(&r->out, "</textarea></label>");
}

static const char *
field_or_empty(struct req *r, const char *name)
{
	const char	*v = http_param(r, name);

	return v ? v : "";
}

int
eval_page_followup(struct req *r)
{
	struct eval_person *p;
	const char	*applied, *example, *title = T(r, M_EV_FU_TITLE);
	enum msg	 err = 0;
	int		 rc, status = 200;

	if ((p = malloc(sizeof(*p))) == NULL)
		return 503;
	if ((rc = store_eval_person(r->st, r->user.id, r->seg[2], p)) != 0) {
		status = rc == 1 ? 404 : 500;
		goto out;
	}
	if (!fu_open(r, p, title))
		goto out;
	if (p->learner_at) {
		fu_head(r, p, title);
		view_notice(r, "ok", T(r, M_EV_FU_DONE));
		buf_addf(&r->out, "<dl class=\"answers\"><dt>%s</dt><dd>",
		    T(r, M_EV_FU_APPLIED));
		buf_html(&r->out, p->applied);
		buf_addf(&r->out, "</dd><dt>%s</dt><dd>", T(r, M_EV_FU_EXAMPLE));
		buf_html(&r->out, p->example[0] ? p->example : "—");
		buf_adds(&r->out, "</dd></dl>");
		back_link(r);
		view_end(r);
		goto out;
	}
	if (r->post) {
		applied = field_or_empty(r, "applied");
		example = field_or_empty(r, "example");
		if (!evaluation_text_ok(applied, SURVEY_ANSWER_MAX, 1))
			err = M_EV_FU_NEED;
		else if (!evaluation_text_ok(example, SURVEY_ANSWER_MAX, 0))
			err = M_EV_BAD_TEXT;
		else if ((rc = store_eval_followup_save(r->st, r->user.id,
		    p->course, "learner", r->user.id, 0, applied, example,
		    r->now, r->ip)) == -1) {
			status = 500;
			goto out;
		} else {
			buf_adds(&r->out, "/evaluasi/tindak-lanjut/");
			buf_url(&r->out, p->course);
			http_redirect(r, r->out.p);
			buf_reset(&r->out);
			status = 303;
			goto out;
		}
		status = 400;
	}
	fu_head(r, p, title);
	if (err)
		view_notice(r, "error", T(r, err));
	buf_addf(&r->out, "<p class=\"hint\">%s</p>", T(r, M_EV_FU_INTRO));
	buf_adds(&r->out, "<form method=\"post\" class=\"card\">");
	view_csrf(r);
	textarea(r, "applied", M_EV_FU_APPLIED, 1);
	textarea(r, "example", M_EV_FU_EXAMPLE, 0);
	buf_addf(&r->out, "<p><button>%s</button></p></form>",
	    T(r, M_EV_SUBMIT));
	back_link(r);
	view_end(r);
out:
	free(p);
	return status;
}

static void
change_scale(struct req *r)
{
	const char	*cur = r->post ? http_param(r, "change") : NULL;
	int		 k;

	buf_addf(&r->out, "<fieldset class=\"likert\"><legend>%s</legend>",
	    T(r, M_EV_AT_CHANGE));
	for (k = 1; k <= 4; k++)
		buf_addf(&r->out, "<label><input type=\"radio\" name=\"change\" "
		    "value=\"%d\" required%s> <span>%d %s</span></label>", k,
		    picked(cur, k) ? " checked" : "", k,
		    T(r, M_EV_CH1 + k - 1));
	buf_adds(&r->out, "</fieldset>");
}

int
eval_page_atasan(struct req *r)
{
	struct eval_person *p;
	struct user	 sub;
	const char	*v, *comment, *title = T(r, M_EV_AT_TITLE);
	enum msg	 err = 0;
	int		 rc, change = 0, status = 200;

	if ((p = malloc(sizeof(*p))) == NULL)
		return 503;
	if ((rc = store_user_by_nip(r->st, r->seg[2], &sub, NULL, 0)) != 0) {
		status = rc == 1 ? 404 : 500;
		goto out;
	}
	/* Only the atasan on record answers for a subordinate. */
	if (strcmp(sub.nip_atasan, r->user.nip) != 0) {
		status = 403;
		goto out;
	}
	if ((rc = store_eval_person(r->st, sub.id, r->seg[3], p)) != 0) {
		status = rc == 1 ? 404 : 500;
		goto out;
	}
	if (!fu_open(r, p, title))
		goto out;
	if (p->atasan_at) {
		fu_head(r, p, title);
		view_notice(r, "ok", T(r, M_EV_FU_DONE));
		back_link(r);
		view_end(r);
		goto out;
	}
	if (r->post) {
		v = field_or_empty(r, "change");
		comment = field_or_empty(r, "comment");
		if (v[0] >= '1' && v[0] <= '4' && v[1] == '\0')
			change = v[0] - '0';
		if (change == 0)
			err = M_EV_AT_NEED;
		else if (!evaluation_text_ok(comment, SURVEY_ANSWER_MAX, 0))
			err = M_EV_BAD_TEXT;
		else if (store_eval_followup_save(r->st, sub.id, p->course,
		    "atasan", r->user.id, change, comment, "", r->now,
		    r->ip) == -1) {
			status = 500;
			goto out;
		} else {
			http_redirect(r, "/evaluasi?ok=1");
			status = 303;
			goto out;
		}
		status = 400;
	}
	fu_head(r, p, title);
	buf_adds(&r->out, "<p><strong>");
	buf_html(&r->out, sub.name);
	buf_adds(&r->out, "</strong> · ");
	buf_html(&r->out, sub.nip);
	buf_adds(&r->out, "</p>");
	if (err)
		view_notice(r, "error", T(r, err));
	buf_addf(&r->out, "<p class=\"hint\">%s</p>", T(r, M_EV_AT_INTRO));
	buf_adds(&r->out, "<form method=\"post\" class=\"card\">");
	view_csrf(r);
	change_scale(r);
	textarea(r, "comment", M_EV_AT_COMMENT, 0);
	buf_addf(&r->out, "<p><button>%s</button></p></form>",
	    T(r, M_EV_SUBMIT));
	back_link(r);
	view_end(r);
out:
	free(p);
	return status;
}

/* What is waiting for r->user: the learner's own, and their team's. */
struct todo {
	struct req		*r;
	const struct catalog	*cat;
	struct buf		 react, fu, team;
	int			 nreact, nfu, nteam;
};

static void
todo_own(void *arg, const struct eval_person *p)
{
	struct todo	*t = arg;
	struct req	*r = t->r;
	const struct course *c = course_find(t->cat, p->course);
	int64_t		 due = evaluation_due(p->completed_at,
			    cfg.eval_followup_months);
	int		 done = 1;
	char		 d[64];

	if (c != NULL && course_reaction(t->cat, c) != NULL &&
	    store_eval_reaction_done(r->st, r->user.id, p->course, &done) == 0 &&
	    !done && t->nreact++ < LIST_MAX) {
		buf_adds(&t->react, "<li><a href=\"/evaluasi/reaksi/");
		buf_url(&t->react, p->course);
		buf_adds(&t->react, "\">");
		buf_html(&t->react, p->course_title);
		buf_addf(&t->react, "</a> · %s</li>", T(r, M_EV_RATE));
	}
	if (p->learner_at || due > r->now || t->nfu++ >= LIST_MAX)
		return;
	buf_adds(&t->fu, "<li><a href=\"/evaluasi/tindak-lanjut/");
	buf_url(&t->fu, p->course);
	buf_adds(&t->fu, "\">");
	buf_html(&t->fu, p->course_title);
	wib_date(due, r->lang, d, sizeof(d));
	buf_addf(&t->fu, "</a> · %s ", T(r, M_EV_DUE_ON));
	buf_html(&t->fu, d);
	buf_adds(&t->fu, "</li>");
}

static void
todo_team(void *arg, const struct eval_person *p)
{
	struct todo	*t = arg;
	struct req	*r = t->r;
	int64_t		 due = evaluation_due(p->completed_at,
			    cfg.eval_followup_months);

	if (p->atasan_at || due > r->now || t->nteam++ >= LIST_MAX)
		return;
	buf_adds(&t->team, "<li><a href=\"/evaluasi/atasan/");
	buf_url(&t->team, p->nip);
	buf_addc(&t->team, '/');
	buf_url(&t->team, p->course);
	buf_adds(&t->team, "\">");
	buf_html(&t->team, p->name);
	buf_adds(&t->team, "</a> · ");
	buf_html(&t->team, p->course_title);
	buf_adds(&t->team, "</li>");
}

static int
todo_scan(struct req *r, const struct catalog *cat, struct todo *t)
{
	memset(t, 0, sizeof(*t));
	t->r = r;
	t->cat = cat;
	if (store_eval_people_user(r->st, r->user.id, todo_own, t) == -1)
		return -1;
	if (store_eval_team(r->st, r->user.nip, todo_team, t) == -1)
		return -1;
	return 0;
}

static void
todo_free(struct todo *t)
{
	buf_free(&t->react);
	buf_free(&t->fu);
	buf_free(&t->team);
}

void
eval_page_reminder(struct req *r)
{
	struct catalog	*cat = course_catalog();
	struct todo	 t;

	if (todo_scan(r, cat, &t) == 0 && t.nreact + t.nfu + t.nteam > 0)
		buf_addf(&r->out, "<p class=\"notice info\" role=\"status\">"
		    "%s: %d · <a href=\"/evaluasi\">%s</a></p>",
		    T(r, M_EV_REMINDER), t.nreact + t.nfu + t.nteam,
		    T(r, M_EV_OPEN_LIST));
	todo_free(&t);
	course_release(cat);
}

void
eval_page_offer(struct req *r, const struct catalog *cat,
    const struct course *c)
{
	struct eval_person *p;
	int		 done = 1;

	if (course_reaction(cat, c) != NULL &&
	    store_eval_reaction_done(r->st, r->user.id, c->id, &done) == 0) {
		buf_adds(&r->out, "<p class=\"notice info\">");
		if (done)
			buf_html(&r->out, T(r, M_EV_RATED));
		else {
			buf_html(&r->out, T(r, M_EV_RATE_PROMPT));
			buf_adds(&r->out, " <a class=\"button\" href=\"/evaluasi/"
			    "reaksi/");
			buf_url(&r->out, c->id);
			buf_addf(&r->out, "\">%s</a>", T(r, M_EV_RATE));
		}
		buf_adds(&r->out, "</p>");
	}
	if ((p = malloc(sizeof(*p))) == NULL)
		return;
	if (store_eval_person(r->st, r->user.id, c->id, p) == 0 &&
	    !p->learner_at && evaluation_due(p->completed_at,
	    cfg.eval_followup_months) <= r->now) {
		buf_adds(&r->out, "<p class=\"notice info\">");
		buf_html(&r->out, T(r, M_EV_FU_PROMPT));
		buf_adds(&r->out, " <a class=\"button\" href=\"/evaluasi/"
		    "tindak-lanjut/");
		buf_url(&r->out, c->id);
		buf_addf(&r->out, "\">%s</a></p>", T(r, M_EV_ANSWER));
	}
	free(p);
}

static void
section(struct req *r, enum msg title, const struct buf *items, int n)
{
	buf_addf(&r->out, "<section class=\"card\"><h2>%s</h2>", T(r, title));
	if (n == 0)
		buf_addf(&r->out, "<p class=\"muted\">%s</p>",
		    T(r, M_EV_NOTHING_TODO));
	else {
		buf_adds(&r->out, "<ul class=\"plain\">");
		buf_add(&r->out, items->p, items->n);
		buf_adds(&r->out, "</ul>");
	}
	buf_adds(&r->out, "</section>");
}

struct overdue {
	struct req	*r;
	int		 n;
};

static void
overdue_row(void *arg, const struct eval_person *p)
{
	struct overdue	*o = arg;
	struct req	*r = o->r;
	int64_t		 due = evaluation_due(p->completed_at,
			    cfg.eval_followup_months);
	int		 need_atasan = !p->atasan_at && p->nip_atasan[0];

	if (due + (int64_t)EVAL_OVERDUE_DAYS * 86400 > r->now ||
	    (p->learner_at && !need_atasan) || o->n++ >= LIST_MAX)
		return;
	buf_adds(&r->out, "<tr><td>");
	buf_html(&r->out, p->name);
	buf_adds(&r->out, "<br><small>");
	buf_html(&r->out, p->nip);
	buf_adds(&r->out, "</small></td><td>");
	buf_html(&r->out, p->unit);
	buf_adds(&r->out, "</td><td>");
	buf_html(&r->out, p->course_title);
	buf_adds(&r->out, "</td><td>");
	view_date(r, due);
	buf_adds(&r->out, "</td><td>");
	if (!p->learner_at)
		buf_addf(&r->out, "<span class=\"tag warn\">%s</span> ",
		    T(r, M_EV_WHO_LEARNER));
	if (need_atasan)
		buf_addf(&r->out, "<span class=\"tag warn\">%s</span>",
		    T(r, M_EV_WHO_ATASAN));
	buf_adds(&r->out, "</td></tr>");
}

static void
hr_overdue(struct req *r)
{
	struct overdue	 o = { r, 0 };
	size_t		 mark;

	buf_addf(&r->out, "<section class=\"card\" id=\"terlambat\"><h2>%s</h2>"
	    "<div class=\"table-wrap\"><table><thead><tr><th>%s</th><th>%s</th>"
	    "<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
	    T(r, M_EV_OVERDUE), T(r, M_NAME), T(r, M_UNIT), T(r, M_HR_COURSE),
	    T(r, M_EV_DUE_ON), T(r, M_EV_MISSING));
	mark = r->out.n;
	if (store_eval_people(r->st, "", "", 0, "", overdue_row, &o) == -1)
		buf_addf(&r->out, "<tr><td colspan=\"5\">%s</td></tr>",
		    T(r, M_ERR_500));
	else if (r->out.n == mark)
		buf_addf(&r->out, "<tr><td colspan=\"5\">%s</td></tr>",
		    T(r, M_EV_OVERDUE_NONE));
	buf_adds(&r->out, "</tbody></table></div>");
	if (o.n > LIST_MAX)
		buf_addf(&r->out, "<p class=\"muted\">%s %d</p>",
		    T(r, M_EV_MORE), o.n - LIST_MAX);
	buf_adds(&r->out, "</section>");
}

/* One course of the overview: completions, level-1 response rate, mean
   g (level 2) and follow-ups answered (level 3), all years. */
static void
overview_row(struct req *r, const struct course *c)
{
	struct eval_rates rt;
	struct eval_l2	 l2;
	struct eval_l3	 l3;

	if (store_eval_rates(r->st, c->id, 0, "", &rt) == -1 ||
	    evaluation_l2_l3(r->st, c->id, c->pretest_file, 0, "", r->now,
	    cfg.eval_followup_months, &l2, &l3) == -1)
		return;
	buf_adds(&r->out, "<tr><td><a href=\"/evaluasi/kursus/");
	buf_url(&r->out, c->id);
	buf_adds(&r->out, "\">");
	buf_html(&r->out, c->title);
	buf_adds(&r->out, "</a></td><td>");
	buf_html(&r->out, c->competency);
	buf_addf(&r->out, "</td><td class=\"num\">%lld</td><td class=\"num\">",
	    (long long)rt.completions);
	if (rt.completions)
		numfmt_pct(&r->out, r->lang, 100.0 * rt.reacted / rt.completions, 0);
	else
		buf_adds(&r->out, "—");
	buf_adds(&r->out, "</td><td class=\"num\">");
	if (l2.g_n)
		numfmt_dec(&r->out, r->lang, l2.g, 2);
	else
		buf_adds(&r->out, "—");
	buf_addf(&r->out, "</td><td class=\"num\">%d / %d</td></tr>",
	    l3.learner + l3.atasan, 2 * l3.due - l3.no_atasan);
}

int
eval_page_list(struct req *r)
{
	struct catalog	*cat = course_catalog();
	struct todo	 t;
	const struct course *c;
	int		 i, status = 200, any = 0;

	if (todo_scan(r, cat, &t) == -1) {
		status = 500;
		goto out;
	}
	view_begin(r, T(r, M_EV_MY_TITLE));
	buf_addf(&r->out, "<h1>%s</h1>", T(r, M_EV_MY_TITLE));
	if (http_query(r, "ok"))
		view_notice(r, "ok", T(r, M_EV_SAVED));
	buf_adds(&r->out, "<div class=\"grid\">");
	section(r, M_EV_TODO_REACT, &t.react, t.nreact);
	section(r, M_EV_TODO_FU, &t.fu, t.nfu);
	if (t.nteam > 0)
		section(r, M_EV_TODO_TEAM, &t.team, t.nteam);
	buf_adds(&r->out, "</div>");
	for (i = 0; i < cat->n; i++) {
		c = cat->courses[i];
		if (!evaluation_may_view(&r->user, c))
			continue;
		if (!any++)
			buf_addf(&r->out, "<section class=\"card\"><h2>%s</h2>"
			    "<div class=\"table-wrap\"><table class=\"overview\">"
			    "<thead><tr><th>%s</th><th>%s</th><th class=\"num\">%s"
			    "</th><th class=\"num\">%s</th><th class=\"num\">g</th>"
			    "<th class=\"num\">%s</th></tr></thead><tbody>",
			    T(r, M_EV_COURSES), T(r, M_HR_COURSE), T(r, M_COMPETENCY),
			    T(r, M_EV_COMPLETIONS_H), T(r, M_EV_L1_SHORT),
			    T(r, M_EV_L3_SHORT));
		overview_row(r, c);
	}
	if (any)
		buf_adds(&r->out, "</tbody></table></div></section>");
	if (r->user.role & (ROLE_HR | ROLE_ADMIN))
		hr_overdue(r);
	view_end(r);
out:
	todo_free(&t);
	course_release(cat);
	return status;
}

/* The HR dashboard's evaluation coverage for its year and unit filter:
   share of completions with a level-1 answer, share of follow-ups due
   that were answered (learner and atasan). */
void
eval_page_coverage(struct req *r, int year, const char *unit)
{
	struct eval_rates rt;
	struct eval_l3	 l3;
	int		 asked;

	/* perfdata: from the per-day completion counters (evalcov.h), the
	   figures store_eval_rates and evaluation_l2_l3 give. */
	if (evalcov_dashboard(r->st, year, unit, r->now,
	    cfg.eval_followup_months, &rt, &l3) == -1)
		return;
	asked = 2 * l3.due - l3.no_atasan;
	buf_addf(&r->out, "<section class=\"card\" id=\"eval-coverage\">"
	    "<h2>%s</h2><ul class=\"facts plain\"><li><strong id=\"cov-l1\">",
	    T(r, M_EV_COVERAGE));
	if (rt.completions)
		numfmt_pct(&r->out, r->lang, 100.0 * rt.reacted / rt.completions,
		    0);
	else
		buf_adds(&r->out, "—");
	buf_addf(&r->out, "</strong> %s (%lld / %lld)</li><li><strong "
	    "id=\"cov-l3\">", T(r, M_EV_COV_L1), (long long)rt.reacted,
	    (long long)rt.completions);
	if (asked > 0)
		numfmt_pct(&r->out, r->lang, 100.0 * (l3.learner + l3.atasan) /
		    asked, 0);
	else
		buf_adds(&r->out, "—");
	buf_addf(&r->out, "</strong> %s (%d / %d)</li></ul><p><a href=\""
	    "/evaluasi#terlambat\">%s: %d</a></p></section>",
	    T(r, M_EV_COV_L3), l3.learner + l3.atasan, asked,
	    T(r, M_EV_OVERDUE), l3.overdue);
}
