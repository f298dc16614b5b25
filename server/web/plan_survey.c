/* plan_survey: needs-survey forms, notifications, home cards. See plan.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "assign.h"
#include "competency.h"
#include "course.h"
#include "http.h"
#include "param.h"
#include "need.h"
#include "nip.h"
#include "plan.h"
#include "store_planb.h"
#include "needsurvey.h"
#include "view.h"

#define ROUNDS_SHOWN	20
#define NOTES_SHOWN	50

int64_t
plan_seg_id(struct req *r, int i)
{
	int64_t		 v;

	if (i >= r->nseg || param_parse_int(r->seg[i], 1, PARAM_ID_MAX,
	    &v) == -1)
		return -1;
	return v;
}

struct open_rounds {
	struct req	*r;
	const struct user *u;
	int		(*fn)(void *, const struct survey_round *);
	void		*arg;
	int		 err;
};

static int
open_one(void *arg, const struct survey_round *sr)
{
	struct open_rounds *o = arg;
	int		 rc;

	if (!needsurvey_is_open(sr, o->r->now))
		return 0;
	if ((rc = store_survey_covers(o->r->st, sr->id, o->u->unit)) == -1) {
		o->err = 1;
		return 1;
	}
	return rc == 1 ? o->fn(o->arg, sr) : 0;
}

int
plan_open_rounds(struct req *r, const struct user *u,
    int (*fn)(void *, const struct survey_round *), void *arg)
{
	struct open_rounds o = { r, u, fn, arg, 0 };

	if (store_survey_rounds(r->st, ROUNDS_SHOWN, open_one, &o) == -1 ||
	    o.err)
		return -1;
	return 0;
}

/* The subject and side of a survey request: self, or (team/<nip>) a
   subordinate assessed by the signed-in atasan. 0, or an HTTP status. */
static int
subject_of(struct req *r, struct survey_round *sr, struct user *subject,
    int *by_atasan)
{
	int64_t		 id = plan_seg_id(r, 1);
	int		 rc;

	if (id == -1 || (r->nseg != 2 && (r->nseg != 4 ||
	    strcmp(r->seg[2], "team") != 0)))
		return 404;
	if ((rc = store_survey_round_get(r->st, id, sr)) != 0)
		return rc == 1 ? 404 : 500;
	if (r->nseg == 2) {
		*subject = r->user;
		*by_atasan = 0;
		return 0;
	}
	if ((rc = store_user_by_nip(r->st, r->seg[3], subject, NULL, 0)) != 0)
		return rc == 1 ? 404 : 500;
	/* Someone else's subordinate looks like no one: 404, not 403. */
	if (strcmp(subject->nip_atasan, r->user.nip) != 0 || !subject->active)
		return 404;
	*by_atasan = 1;
	return 0;
}

struct prev {
	struct survey_answer *a;
	int		 n, max;
	int64_t		 at;
};

static int
prev_row(void *arg, const struct survey_answer *a, int64_t at)
{
	struct prev	*p = arg;

	if (p->n < p->max)
		p->a[p->n++] = *a;
	p->at = at;
	return 0;
}

static const struct survey_answer *
prev_find(const struct prev *p, const char *name)
{
	int	 i;

	for (i = 0; i < p->n; i++)
		if (strcasecmp(p->a[i].competency, name) == 0)
			return &p->a[i];
	return NULL;
}

static void
form_page(struct req *r, const struct survey_round *sr,
    const struct user *subject, int by_atasan, const struct need_comp *std,
    int n, const struct prev *pv, const struct prev *other, enum msg err)
{
	struct buf	*o = &r->out;
	const struct survey_answer *a, *b;
	int		 i, l;

	buf_reset(o);
	view_begin(r, T(r, M_PB_SURVEY));
	buf_adds(o, "<h1>");
	buf_html(o, sr->title);
	buf_adds(o, "</h1><p>");
	buf_addf(o, "%s: ", T(r, M_PB_PERIOD));
	view_date(r, sr->opens_at);
	buf_adds(o, " – ");
	view_date(r, sr->closes_at - 1);
	buf_adds(o, "</p>");
	if (by_atasan) {
		buf_addf(o, "<p id=\"subject\">%s: <strong>", T(r, M_PB_ASSESSING));
		buf_html(o, subject->name);
		buf_adds(o, "</strong> (");
		buf_html(o, subject->position);
		buf_adds(o, ")</p>");
	}
	if (err)
		view_notice(r, "error", T(r, err));
	else if (http_query(r, "ok"))
		view_notice(r, "ok", T(r, M_PB_SURVEY_SAVED));
	if (!needsurvey_is_open(sr, r->now))
		view_notice(r, "info", T(r, M_PB_E_CLOSED));
	buf_addf(o, "<p>%s</p>", T(r, by_atasan ? M_PB_SURVEY_HELP_ATASAN :
	    M_PB_SURVEY_HELP));
	if (pv->n > 0) {
		buf_addf(o, "<p class=\"muted\">%s ", T(r, M_PB_ANSWERED_ON));
		view_datetime(r, pv->at);
		buf_adds(o, "</p>");
	}
	buf_adds(o, "<form method=\"post\" class=\"survey\">");
	view_csrf(r);
	/* One fieldset per competency: readable at 360 px, where a
	   four-column table would hide the need field off to the side. */
	buf_addf(o, "<h2>%s</h2>", T(r, M_PB_SURVEY_CAPTION));
	for (i = 0; i < n; i++) {
		a = prev_find(pv, std[i].name);
		b = other ? prev_find(other, std[i].name) : NULL;
		buf_adds(o, "<fieldset class=\"card\"><legend>");
		buf_html(o, std[i].name);
		buf_addf(o, "</legend><p><small>%s · %s %d</small></p>"
		    "<input type=\"hidden\" name=\"comp_%d\" value=\"",
		    T(r, competency_type_msg(competency_type_parse(std[i].ctype))),
		    T(r, M_PB_REQUIRED), std[i].required, i);
		buf_html(o, std[i].name);
		buf_addf(o, "\"><label for=\"level_%d\">%s</label><select "
		    "id=\"level_%d\" name=\"level_%d\"><option value=\"\">–"
		    "</option>", i, T(r, M_PB_YOUR_LEVEL), i, i);
		for (l = COMPETENCY_LEVEL_MIN; l <= COMPETENCY_LEVEL_MAX; l++)
			buf_addf(o, "<option value=\"%d\"%s>%d</option>", l,
			    a && a->level == l ? " selected" : "", l);
		buf_adds(o, "</select>");
		if (b != NULL) {
			buf_addf(o, "<p class=\"self-said\"><small>%s: %d",
			    T(r, M_PB_SELF_SAID), b->level);
			if (b->need[0]) {
				buf_adds(o, " · ");
				buf_html(o, b->need);
			}
			buf_adds(o, "</small></p>");
		}
		buf_addf(o, "<label for=\"need_%d\">%s</label><textarea "
		    "id=\"need_%d\" name=\"need_%d\" rows=\"2\" maxlength=\"%d\">",
		    i, T(r, M_PB_NEED), i, i, PLANB_NEED_MAX);
		if (a)
			buf_html(o, a->need);
		buf_adds(o, "</textarea></fieldset>");
	}
	buf_addf(o, "<p><button type=\"submit\">%s</button></p></form>",
	    T(r, M_PB_SURVEY_SEND));
	buf_addf(o, "<p><a href=\"%s\">%s</a></p>", by_atasan ? "/plan/team" :
	    "/plan", T(r, by_atasan ? M_PB_TEAM : M_PB_MY_PLAN));
	view_end(r);
}

/* Shared by GET and POST: loads everything, with answers (POST) saved
   first. */
static int
survey(struct req *r, int post)
{
	struct survey_round *sr;
	struct survey_answer *ans = NULL;
	struct need_comp *std = NULL;
	struct catalog	*cat = NULL;
	struct prev	 pv, other;
	struct user	 subject;
	enum msg	 why = 0;
	char		 name[32], path[HTTP_MAX_PATH + 8];
	const char	*lv, *nd, *cp;
	int		 by_atasan, n, i, k, na = 0, rc, status;

	memset(&pv, 0, sizeof(pv));
	memset(&other, 0, sizeof(other));
	if ((sr = calloc(1, sizeof(*sr))) == NULL)
		return 503;
	if ((status = subject_of(r, sr, &subject, &by_atasan)) != 0)
		goto out;
	status = 500;
	if ((std = calloc(NEED_MAX, sizeof(*std))) == NULL ||
	    (ans = calloc(NEED_MAX, sizeof(*ans))) == NULL ||
	    (pv.a = calloc(NEED_MAX, sizeof(*pv.a))) == NULL ||
	    (other.a = calloc(NEED_MAX, sizeof(*other.a))) == NULL)
		goto out;
	pv.max = other.max = NEED_MAX;
	cat = course_catalog();
	n = need_standard(r->st, &subject, cat, std, NEED_MAX);
	if ((rc = store_survey_covers(r->st, sr->id, subject.unit)) == -1)
		goto out;
	if (rc == 0) {
		status = 404;
		goto out;
	}
	if (post) {
		/* Rows name their competency (comp_N), so a catalogue that
		   changed since the form was shown never shifts an answer onto
		   another competency; an unknown name is refused. */
		for (i = 0; i < NEED_MAX && na < NEED_MAX; i++) {
			snprintf(name, sizeof(name), "level_%d", i);
			lv = http_param(r, name);
			snprintf(name, sizeof(name), "need_%d", i);
			nd = http_param(r, name);
			snprintf(name, sizeof(name), "comp_%d", i);
			cp = http_param(r, name);
			if (lv == NULL || lv[0] == '\0')
				continue;
			if (cp == NULL || (k = need_find(std, n, cp)) < 0) {
				why = M_PB_E_COMPETENCY;
				break;
			}
			snprintf(ans[na].competency, sizeof(ans[na].competency),
			    "%s", std[k].name);
			snprintf(ans[na].ctype, sizeof(ans[na].ctype), "%s",
			    std[k].ctype);
			ans[na].level = lv[1] == '\0' ? lv[0] - '0' : 0;
			if (nd != NULL && strlen(nd) > PLANB_NEED_MAX) {
				why = M_PB_E_NEED;
				break;
			}
			snprintf(ans[na].need, sizeof(ans[na].need), "%s",
			    nd ? nd : "");
			na++;
		}
		if (why == 0 && (rc = needsurvey_answer(r->st, sr, &subject,
		    &r->user, by_atasan, ans, na, r->now, r->ip, &why)) == -1)
			goto out;
		if (why == 0) {
			snprintf(path, sizeof(path), "%s?ok=1", r->path);
			http_redirect(r, path);
			status = 303;
			goto out;
		}
	}
	if (store_survey_answers(r->st, sr->id, subject.id, by_atasan, prev_row,
	    &pv) == -1 || (by_atasan && store_survey_answers(r->st, sr->id,
	    subject.id, 0, prev_row, &other) == -1))
		goto out;
	form_page(r, sr, &subject, by_atasan, std, n, &pv,
	    by_atasan ? &other : NULL, why);
	status = why ? 400 : 200;
out:
	if (cat)
		course_release(cat);
	free(other.a);
	free(pv.a);
	free(ans);
	free(std);
	free(sr);
	return status;
}

int
plan_survey_page(struct req *r)
{
	return survey(r, 0);
}

int
plan_survey_post(struct req *r)
{
	return survey(r, 1);
}

/* ---- notifications ---- */

/* One line for a notification in the reader's language. */
static void
note_line(struct req *r, const struct notification *n)
{
	struct buf	*o = &r->out;
	enum msg	 m = M_PB_N_ASSIGNED;

	if (strcmp(n->kind, "survey") == 0)
		m = M_PB_N_SURVEY;
	else if (strcmp(n->kind, "idp-submitted") == 0)
		m = M_PB_N_SUBMITTED;
	else if (strcmp(n->kind, "idp-approved") == 0)
		m = M_PB_N_APPROVED;
	else if (strcmp(n->kind, "idp-returned") == 0)
		m = M_PB_N_RETURNED;
	buf_adds(o, "<a href=\"");
	buf_html(o, n->link[0] == '/' ? n->link : "/");
	buf_addf(o, "\">%s", T(r, m));
	if (strcmp(n->kind, "survey") != 0) {
		buf_adds(o, ": ");
		buf_html(o, n->ref);
	}
	buf_adds(o, "</a>");
}

static int
note_row(void *arg, const struct notification *n)
{
	struct req	*r = arg;

	buf_addf(&r->out, "<li%s>", n->read_at ? "" : " class=\"unread\"");
	note_line(r, n);
	buf_adds(&r->out, " <small>");
	view_datetime(r, n->at);
	buf_adds(&r->out, "</small></li>");
	return 0;
}

int
plan_notifications(struct req *r)
{
	struct buf	*o = &r->out;
	int64_t		 unread;

	if (store_notify_unread(r->st, r->user.id, &unread) == -1)
		return 500;
	view_begin(r, T(r, M_PB_NOTIFICATIONS));
	buf_addf(o, "<h1>%s</h1>", T(r, M_PB_NOTIFICATIONS));
	if (unread > 0) {
		buf_adds(o, "<form method=\"post\" action=\"/notifications/read\">");
		view_csrf(r);
		buf_addf(o, "<p>%lld %s <button type=\"submit\" class=\"secondary\">"
		    "%s</button></p></form>", (long long)unread,
		    T(r, M_PB_UNREAD), T(r, M_PB_MARK_READ));
	}
	buf_adds(o, "<ul class=\"plain notes\" id=\"notes\">");
	if (store_notify_list(r->st, r->user.id, NOTES_SHOWN, note_row, r) == -1)
		return 500;
	buf_adds(o, "</ul>");
	view_end(r);
	return 200;
}

int
plan_notifications_read(struct req *r)
{
	if (store_notify_read_all(r->st, r->user.id, r->now) == -1)
		return 500;
	http_redirect(r, "/notifications");
	return 303;
}

/* ---- home cards ---- */

struct home {
	struct req	*r;
	struct catalog	*cat;
	int		 n;
};

static int
assign_row(void *arg, const struct assign_row *a)
{
	struct home	*h = arg;
	struct req	*r = h->r;
	const struct course *c = course_find(h->cat, a->course);
	int		 late = assign_overdue(a, r->now);

	if (a->completed && a->due_at + 30 * 86400 < r->now)
		return 0;	/* done long ago: off the home page */
	h->n++;
	buf_addf(&r->out, "<li class=\"assignment%s\"><a href=\"/courses/",
	    late ? " late" : "");
	buf_url(&r->out, a->course);
	buf_adds(&r->out, "\">");
	buf_html(&r->out, c ? c->title : a->course);
	buf_addf(&r->out, "</a> <small>%s ", T(r, M_PB_DUE));
	view_date(r, a->due_at - 1);
	buf_addf(&r->out, "%s</small></li>", a->completed ?
	    T(r, M_PB_DONE_MARK) : late ? T(r, M_PB_LATE_MARK) : "");
	return 0;
}

static int
round_link(void *arg, const struct survey_round *sr)
{
	struct home	*h = arg;
	struct req	*r = h->r;

	h->n++;
	buf_addf(&r->out, "<li><a href=\"/survey/%lld\">", (long long)sr->id);
	buf_html(&r->out, sr->title);
	buf_addf(&r->out, "</a> <small>%s ", T(r, M_PB_UNTIL));
	view_date(r, sr->closes_at - 1);
	buf_adds(&r->out, "</small></li>");
	return 0;
}

int
plan_home_cards(struct req *r)
{
	struct buf	*o = &r->out;
	struct home	 h = { r, NULL, 0 };
	int64_t		 unread;
	int		 rc;

	if (store_notify_unread(r->st, r->user.id, &unread) == -1)
		return -1;
	h.cat = course_catalog();
	buf_addf(o, "<section class=\"card\" aria-labelledby=\"h-assign\">"
	    "<h2 id=\"h-assign\">%s</h2><ul class=\"plain\" id=\"assignments\">",
	    T(r, M_PB_ASSIGNED));
	rc = store_assign_user(r->st, r->user.id, assign_row, &h);
	course_release(h.cat);
	if (rc == -1)
		return -1;
	if (h.n == 0)
		buf_addf(o, "<li>%s</li>", T(r, M_PB_NO_ASSIGNMENTS));
	buf_adds(o, "</ul>");
	buf_addf(o, "<p><a href=\"/notifications\">%s</a>",
	    T(r, M_PB_NOTIFICATIONS));
	if (unread > 0)
		buf_addf(o, " <span class=\"tag\" id=\"unread\">%lld %s</span>",
		    (long long)unread, T(r, M_PB_UNREAD));
	buf_adds(o, "</p></section>");
	h.n = 0;
	buf_addf(o, "<section class=\"card\" aria-labelledby=\"h-survey\">"
	    "<h2 id=\"h-survey\">%s</h2><ul class=\"plain\" id=\"surveys\">",
	    T(r, M_PB_PLANNING));
	if (plan_open_rounds(r, &r->user, round_link, &h) == -1)
		return -1;
	buf_addf(o, "</ul><p><a href=\"/plan\">%s</a></p></section>",
	    T(r, M_PB_MY_PLAN));
	return 0;
}
