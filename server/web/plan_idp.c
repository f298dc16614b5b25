/* plan_idp: the individual plan, its gaps and recommendations, and the
   atasan's team and approval. See plan.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aplan.h"
#include "competency.h"
#include "course.h"
#include "http.h"
#include "param.h"
#include "idp.h"
#include "jprules.h"
#include "ledger.h"
#include "need.h"
#include "numfmt.h"
#include "plan.h"
#include "store_planb.h"
#include "view.h"

#define RECS_SHOWN	4	/* courses suggested per gap */
#define PLAN_YEAR_MIN	2000
#define PLAN_YEAR_MAX	2100

int
plan_year(struct req *r, const char *v)
{
	int64_t	 y;

	if (v == NULL || v[0] == '\0')
		return ledger_year(r->now);
	if (param_parse_int(v, PLAN_YEAR_MIN, PLAN_YEAR_MAX, &y) == -1)
		return -1;
	return (int)y;
}

static enum msg
status_msg(int s)
{
	switch (s) {
	case IDP_DRAFT:		return M_PB_ST_DRAFT;
	case IDP_SUBMITTED:	return M_PB_ST_SUBMITTED;
	case IDP_APPROVED:	return M_PB_ST_APPROVED;
	case IDP_RETURNED:	return M_PB_ST_RETURNED;
	default:		return M_PB_ST_NONE;
	}
}

static enum msg
source_msg(enum need_source s)
{
	switch (s) {
	case NEED_SRC_COURSE:	return M_PB_SRC_COURSE;
	case NEED_SRC_SELF:	return M_PB_SRC_SELF;
	case NEED_SRC_ATASAN:	return M_PB_SRC_ATASAN;
	case NEED_SRC_ASSESSMENT: return M_PB_SRC_ASSESSMENT;
	default:		return M_PB_SRC_NONE;
	}
}

static void
rupiah(struct req *r, int64_t v)
{
	buf_adds(&r->out, "Rp ");
	numfmt_int(&r->out, r->lang, (long long)v);
}

struct items {
	struct req	*r;
	int		 edit, n;
	int		 year;
};

static int
item_row(void *arg, const struct idp_item *it)
{
	struct items	*x = arg;
	struct req	*r = x->r;
	struct buf	*o = &r->out;
	const struct jpr_form *f = idp_route(it->route);

	x->n++;
	buf_adds(o, "<tr><td>");
	buf_html(o, it->competency);
	buf_addf(o, "</td><td>%d</td><td>", it->gap);
	buf_html(o, f ? f->name : it->route);
	buf_adds(o, "</td><td>");
	if (it->course[0]) {
		buf_adds(o, "<a href=\"/courses/");
		buf_url(o, it->course);
		buf_adds(o, "\">");
		buf_html(o, it->activity);
		buf_adds(o, "</a>");
	} else
		buf_html(o, it->activity);
	buf_addf(o, "</td><td class=\"right\">%d</td><td>", it->jp);
	buf_html(o, it->target);
	buf_adds(o, "</td><td class=\"right\">");
	rupiah(r, it->cost);
	buf_adds(o, "</td>");
	if (x->edit) {
		buf_addf(o, "<td><form method=\"post\" action=\"/plan/items/%lld/"
		    "delete\">", (long long)it->id);
		view_csrf(r);
		buf_addf(o, "<input type=\"hidden\" name=\"year\" value=\"%d\">"
		    "<button type=\"submit\" class=\"secondary\">%s</button>"
		    "</form></td>", x->year, T(r, M_PB_REMOVE));
	}
	buf_adds(o, "</tr>");
	return 0;
}

/* The plan's items table; edit adds the remove buttons. */
static int
items_table(struct req *r, const struct idp *p, int edit)
{
	struct buf	*o = &r->out;
	struct items	 x = { r, edit, 0, p->year };

	buf_addf(o, "<div class=\"table-wrap\" tabindex=\"0\"><table id=\"items\"><caption>%s"
	    "</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">"
	    "%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">JP</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th>%s</tr></thead><tbody>",
	    T(r, M_PB_ITEMS), T(r, M_COMPETENCY), T(r, M_PB_GAP),
	    T(r, M_PB_ROUTE), T(r, M_PB_ACTIVITY), T(r, M_PB_TARGET_DATE),
	    T(r, M_PB_COST), edit ? "<th scope=\"col\"></th>" : "");
	if (p->id && store_idp_items(r->st, p->id, item_row, &x) == -1)
		return -1;
	if (x.n == 0)
		buf_addf(o, "<tr><td colspan=\"%d\">%s</td></tr>", edit ? 8 : 7,
		    T(r, M_PB_NO_ITEMS));
	buf_addf(o, "</tbody><tfoot><tr><th scope=\"row\" colspan=\"4\">%s</th>"
	    "<td class=\"right\" id=\"plan-jp\">%lld</td><td></td>"
	    "<td class=\"right\" id=\"plan-cost\">", T(r, M_PB_TOTAL),
	    (long long)p->jp);
	rupiah(r, p->cost);
	buf_addf(o, "</td>%s</tr></tfoot></table></div>", edit ? "<td></td>" : "");
	return 0;
}

static int
status_card(struct req *r, const struct user *u, const struct idp *p)
{
	struct buf	*o = &r->out;
	int		 target = ledger_target_jp(u);
	int64_t		 done;

	if (aplan_achieved(r->st, u->id, p->year, &done) == -1)
		return -1;

	buf_addf(o, "<section class=\"card\" aria-labelledby=\"h-status\">"
	    "<h2 id=\"h-status\">%s %d</h2><p>%s: <strong id=\"plan-status\" "
	    "data-status=\"%s\">%s</strong></p><p class=\"big\"><strong>%lld"
	    "</strong> / %d JP</p>", T(r, M_PB_PLAN), p->year, T(r, M_PB_STATUS),
	    store_idp_status_name(p->status), T(r, status_msg(p->status)),
	    (long long)p->jp, target);
	view_progress(r, p->jp >= target ? 100 : (int)(p->jp * 100 / target),
	    T(r, M_PB_PLANNED_JP));
	buf_addf(o, "<p>%s: <strong id=\"achieved-jp\">%lld</strong> JP</p>",
	    T(r, M_PB_ACHIEVED_JP), (long long)done);
	if (p->status == IDP_RETURNED && p->note[0]) {
		buf_addf(o, "<p>%s:</p><blockquote id=\"note\">",
		    T(r, M_PB_ATASAN_NOTE));
		buf_html(o, p->note);
		buf_adds(o, "</blockquote>");
	}
	buf_adds(o, "</section>");
	return 0;
}

/* Gaps with the courses that close them; edit: "add" buttons. */
static void
gaps_table(struct req *r, const struct catalog *cat, const struct need_gap *g,
    int n, int year, int edit)
{
	struct buf	*o = &r->out;
	const struct course *rec[RECS_SHOWN];
	int		 i, k, nr;

	buf_addf(o, "<div class=\"table-wrap\" tabindex=\"0\"><table id=\"gaps\"><caption>%s"
	    "</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s"
	    "</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th></tr></thead><tbody>", T(r, M_PB_GAPS),
	    T(r, M_COMPETENCY), T(r, M_PB_REQUIRED), T(r, M_PB_ACHIEVED),
	    T(r, M_PB_GAP), T(r, M_PB_RECOMMENDED));
	for (i = 0; i < n; i++) {
		buf_addf(o, "<tr%s><th scope=\"row\">", g[i].gap ? " class=\"gap\"" :
		    "");
		buf_html(o, g[i].c.name);
		buf_addf(o, "<br><small>%s</small></th><td>%d</td><td>%d "
		    "<small>(%s)</small></td><td>%d</td><td>",
		    T(r, competency_type_msg(competency_type_parse(g[i].c.ctype))),
		    g[i].c.required, g[i].achieved, T(r, source_msg(g[i].src)),
		    g[i].gap);
		if (g[i].gap == 0) {
			buf_addf(o, "%s</td></tr>", T(r, M_PB_NO_GAP));
			continue;
		}
		nr = need_courses(cat, &g[i], rec, RECS_SHOWN);
		buf_adds(o, "<ul class=\"plain recs\">");
		for (k = 0; k < nr; k++) {
			buf_adds(o, "<li><a href=\"/courses/");
			buf_url(o, rec[k]->id);
			buf_adds(o, "\">");
			buf_html(o, rec[k]->title);
			buf_addf(o, "</a> <small>%s %d · %d JP</small>",
			    T(r, M_LEVEL), rec[k]->level, rec[k]->jp);
			if (edit) {
				buf_adds(o, "<form method=\"post\" "
				    "action=\"/plan/items\" class=\"inline\">");
				view_csrf(r);
				buf_addf(o, "<input type=\"hidden\" name=\"year\" "
				    "value=\"%d\"><input type=\"hidden\" "
				    "name=\"route\" value=\"e-learning\">"
				    "<input type=\"hidden\" name=\"course\" "
				    "value=\"", year);
				buf_html(o, rec[k]->id);
				buf_addf(o, "\"><input type=\"hidden\" "
				    "name=\"target\" value=\"%d-06-30\">"
				    "<input type=\"hidden\" name=\"cost\" "
				    "value=\"0\"> <button type=\"submit\" "
				    "class=\"secondary\" data-add=\"", year);
				buf_html(o, rec[k]->id);
				buf_addf(o, "\">%s</button></form>",
				    T(r, M_PB_ADD_TO_PLAN));
			}
			buf_adds(o, "</li>");
		}
		buf_addf(o, "<li><small>%s</small></li></ul></td></tr>",
		    T(r, M_PB_OTHER_ROUTES));
	}
	buf_adds(o, "</tbody></table></div>");
}

static void
add_form(struct req *r, const struct need_gap *g, int n, int year)
{
	struct buf	*o = &r->out;
	const struct jpr_form *f;
	int		 i, nf;

	buf_addf(o, "<section class=\"card wide\" aria-labelledby=\"h-add\">"
	    "<h2 id=\"h-add\">%s</h2><form method=\"post\" action=\"/plan/items\""
	    " class=\"settings\">", T(r, M_PB_ADD_OTHER));
	view_csrf(r);
	buf_addf(o, "<input type=\"hidden\" name=\"year\" value=\"%d\">"
	    "<label for=\"f-comp\">%s</label><select id=\"f-comp\" "
	    "name=\"competency\">", year, T(r, M_COMPETENCY));
	for (i = 0; i < n; i++) {
		buf_adds(o, "<option value=\"");
		buf_html(o, g[i].c.name);
		buf_adds(o, "\">");
		buf_html(o, g[i].c.name);
		if (g[i].gap)
			buf_addf(o, " (%s %d)", T(r, M_PB_GAP), g[i].gap);
		buf_adds(o, "</option>");
	}
	buf_addf(o, "</select><label for=\"f-route\">%s</label><select "
	    "id=\"f-route\" name=\"route\">", T(r, M_PB_ROUTE));
	f = idp_routes(&nf);
	for (i = 0; i < nf; i++) {
		buf_adds(o, "<option value=\"");
		buf_html(o, f[i].code);
		buf_addf(o, "\"%s>", strcmp(f[i].code, "mentoring") == 0 ?
		    " selected" : "");
		buf_html(o, f[i].name);
		buf_addf(o, " (%s)</option>", f[i].klasikal ? "klasikal" :
		    "nonklasikal");
	}
	buf_addf(o, "</select><label for=\"f-act\">%s</label><input id=\"f-act\""
	    " name=\"activity\" maxlength=\"200\" required>"
	    "<label for=\"f-jp\">JP</label><input id=\"f-jp\" name=\"jp\" "
	    "type=\"number\" min=\"1\" max=\"%d\" required>"
	    "<label for=\"f-target\">%s</label><input id=\"f-target\" "
	    "name=\"target\" type=\"date\" min=\"%d-01-01\" max=\"%d-12-31\" "
	    "required><label for=\"f-cost\">%s (Rp)</label><input id=\"f-cost\" "
	    "name=\"cost\" type=\"number\" min=\"0\" step=\"1000\" value=\"0\">"
	    "<p><button type=\"submit\">%s</button></p></form></section>",
	    T(r, M_PB_ACTIVITY), IDP_JP_MAX, T(r, M_PB_TARGET_DATE), year, year,
	    T(r, M_PB_COST), T(r, M_PB_ADD));
}

/* The owner's page; err: a refusal to show (status 400). */
static int
own_page(struct req *r, int year, enum msg err)
{
	struct buf	*o = &r->out;
	struct catalog	*cat;
	struct need_gap	*g;
	struct idp	 p;
	int		 n, edit, status = 500;
	const char	*ok = http_query(r, "ok");

	if (store_idp_get(r->st, r->user.id, year, &p) == -1)
		return 500;
	if ((g = calloc(NEED_MAX, sizeof(*g))) == NULL)
		return 503;
	cat = course_catalog();
	if ((n = need_gaps(r->st, &r->user, cat, g, NEED_MAX)) == -1)
		goto out;
	edit = p.status == IDP_NONE || p.status == IDP_DRAFT ||
	    p.status == IDP_RETURNED;
	buf_reset(o);
	view_begin(r, T(r, M_PB_MY_PLAN));
	buf_addf(o, "<h1>%s %d</h1><p>%s</p>", T(r, M_PB_MY_PLAN), year,
	    T(r, M_PB_PLAN_HELP));
	if (err)
		view_notice(r, "error", T(r, err));
	else if (ok && strcmp(ok, "submitted") == 0)
		view_notice(r, "ok", T(r, M_PB_SUBMITTED_OK));
	else if (ok)
		view_notice(r, "ok", T(r, M_SAVED));
	buf_adds(o, "<div class=\"home\">");
	if (status_card(r, &r->user, &p) == -1)
		goto out;
	buf_addf(o, "<section class=\"card\" aria-labelledby=\"h-links\"><h2 "
	    "id=\"h-links\">%s</h2><ul class=\"plain\"><li><a href=\"/plan/team\">"
	    "%s</a></li><li><a href=\"/notifications\">%s</a></li>",
	    T(r, M_PB_PLANNING), T(r, M_PB_TEAM), T(r, M_PB_NOTIFICATIONS));
	if (r->user.role & (ROLE_HR | ROLE_ADMIN))
		buf_addf(o, "<li><a href=\"/hr/survey\">%s</a></li><li><a "
		    "href=\"/hr/plan\">%s</a></li><li><a href=\"/hr/assign\">%s"
		    "</a></li>", T(r, M_PB_HR_SURVEYS), T(r, M_PB_AGENCY_PLAN),
		    T(r, M_PB_ASSIGNMENTS));
	buf_adds(o, "</ul></section></div>");
	items_table(r, &p, edit);
	if (edit && p.nitems > 0) {
		buf_adds(o, "<form method=\"post\" action=\"/plan/submit\">");
		view_csrf(r);
		buf_addf(o, "<input type=\"hidden\" name=\"year\" value=\"%d\">"
		    "<p><button type=\"submit\" id=\"submit-plan\">%s</button> "
		    "<small>%s %d JP</small></p></form>", year,
		    T(r, M_PB_SUBMIT), T(r, M_PB_SUBMIT_HINT),
		    ledger_target_jp(&r->user));
	}
	gaps_table(r, cat, g, n, year, edit);
	if (edit)
		add_form(r, g, n, year);
	view_end(r);
	status = err ? 400 : 200;
out:
	course_release(cat);
	free(g);
	return status;
}

int
plan_page(struct req *r)
{
	int	 year = plan_year(r, http_query(r, "year"));

	return year == -1 ? 400 : own_page(r, year, 0);
}

static int
after(struct req *r, int year, int rc, enum msg why, const char *ok)
{
	char	 loc[64];

	if (rc == -1)
		return 500;
	if (rc == 1)
		return own_page(r, year, why);
	snprintf(loc, sizeof(loc), "/plan?year=%d&ok=%s", year, ok);
	http_redirect(r, loc);
	return 303;
}

static int64_t
num(const char *s, int64_t bad)
{
	int64_t		 v;

	if (s == NULL || s[0] == '\0')
		return 0;
	return param_parse_int(s, -PARAM_ID_MAX, PARAM_ID_MAX, &v) == 0 ?
	    v : bad;
}

static void
copy(char *dst, size_t len, const char *s)
{
	snprintf(dst, len, "%s", s ? s : "");
}

int
plan_item_add(struct req *r)
{
	struct idp_item	 it;
	enum msg	 why = 0;
	int		 year = plan_year(r, http_param(r, "year")), rc;

	if (year == -1)
		return 400;
	memset(&it, 0, sizeof(it));
	copy(it.competency, sizeof(it.competency), http_param(r, "competency"));
	copy(it.route, sizeof(it.route), http_param(r, "route"));
	copy(it.course, sizeof(it.course), http_param(r, "course"));
	copy(it.activity, sizeof(it.activity), http_param(r, "activity"));
	copy(it.target, sizeof(it.target), http_param(r, "target"));
	it.jp = (int)num(http_param(r, "jp"), -1);
	if (it.jp < 0 || it.jp > IDP_JP_MAX)
		it.jp = -1;
	it.cost = num(http_param(r, "cost"), -1);
	rc = idp_add(r->st, &r->user, year, &it, r->now, r->ip, &why);
	return after(r, year, rc, why, "added");
}

int
plan_item_delete(struct req *r)
{
	int	 year = plan_year(r, http_param(r, "year")), rc;
	int64_t	 id = num(r->nseg > 2 ? r->seg[2] : NULL, -1);

	if (year == -1 || id <= 0)
		return 400;
	if ((rc = store_idp_item_delete(r->st, r->user.id, year, id, r->now,
	    r->ip)) == -1)
		return 500;
	return after(r, year, rc, M_PB_E_LOCKED, "deleted");
}

int
plan_submit(struct req *r)
{
	enum msg why = 0;
	int	 year = plan_year(r, http_param(r, "year")), rc;

	if (year == -1)
		return 400;
	rc = idp_submit(r->st, &r->user, year, r->now, r->ip, &why);
	return after(r, year, rc, why, "submitted");
}

/* ---- the atasan's side ---- */

struct team {
	struct req	*r;
	int		 year, n;
	struct survey_round open[8];
	int		 nopen;
};

static int
keep_round(void *arg, const struct survey_round *sr)
{
	struct team	*t = arg;

	if (t->nopen < 8)
		t->open[t->nopen++] = *sr;
	return 0;
}

static int
team_row(void *arg, const struct user *u)
{
	struct team	*t = arg;
	struct req	*r = t->r;
	struct buf	*o = &r->out;
	struct idp	 p;
	int		 i;

	if (store_idp_get(r->st, u->id, t->year, &p) == -1)
		return 1;
	t->n++;
	buf_adds(o, "<tr><th scope=\"row\"><a href=\"/plan/team/");
	buf_url(o, u->nip);
	buf_adds(o, "\">");
	buf_html(o, u->name);
	buf_adds(o, "</a><br><small>");
	buf_html(o, u->position);
	buf_addf(o, "</small></td><td data-status=\"%s\">%s</td><td>%lld</td>"
	    "<td>", store_idp_status_name(p.status), T(r, status_msg(p.status)),
	    (long long)p.jp);
	for (i = 0; i < t->nopen; i++) {
		buf_addf(o, "<a href=\"/survey/%lld/team/", (long long)t->open[i].id);
		buf_url(o, u->nip);
		buf_addf(o, "\">%s: ", T(r, M_PB_ASSESS));
		buf_html(o, t->open[i].title);
		buf_adds(o, "</a><br>");
	}
	buf_adds(o, "</td></tr>");
	return 0;
}

int
plan_team(struct req *r)
{
	struct buf	*o = &r->out;
	struct team	*t;
	int		 year = plan_year(r, http_query(r, "year")), rc;

	if (year == -1)
		return 400;
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return 503;
	t->r = r;
	t->year = year;
	/* The rounds open for the atasan's own unit; a subordinate in
	   another unit's round is reached from the round's link too. */
	if (plan_open_rounds(r, &r->user, keep_round, t) == -1) {
		free(t);
		return 500;
	}
	view_begin(r, T(r, M_PB_TEAM));
	buf_addf(o, "<h1>%s %d</h1><p>%s</p><div class=\"table-wrap\" tabindex=\"0\"><table "
	    "id=\"team\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">"
	    "%s</th><th scope=\"col\">JP</th><th scope=\"col\">%s</th></tr>"
	    "</thead><tbody>", T(r, M_PB_TEAM), year, T(r, M_PB_TEAM_HELP),
	    T(r, M_NAME), T(r, M_PB_STATUS), T(r, M_PB_SURVEY));
	rc = store_team(r->st, r->user.nip, team_row, t);
	if (rc == 0 && t->n == 0)
		buf_addf(o, "<tr><td colspan=\"4\">%s</td></tr>",
		    T(r, M_PB_NO_TEAM));
	free(t);
	if (rc != 0)
		return 500;
	buf_adds(o, "</tbody></table></div>");
	view_end(r);
	return 200;
}

/* The subordinate named by segment 2, or an HTTP status. */
static int
subordinate(struct req *r, struct user *u)
{
	int	 rc;

	if (r->nseg < 3 || (rc = store_user_by_nip(r->st, r->seg[2], u, NULL,
	    0)) == 1)
		return 404;
	if (rc == -1)
		return 500;
	return strcmp(u->nip_atasan, r->user.nip) == 0 && u->active ? 0 : 404;
}

static int
person_page(struct req *r, const struct user *u, int year, enum msg err)
{
	struct buf	*o = &r->out;
	struct catalog	*cat;
	struct need_gap	*g;
	struct idp	 p;
	int		 n, status = 500;

	if (store_idp_get(r->st, u->id, year, &p) == -1)
		return 500;
	if ((g = calloc(NEED_MAX, sizeof(*g))) == NULL)
		return 503;
	cat = course_catalog();
	if ((n = need_gaps(r->st, u, cat, g, NEED_MAX)) == -1)
		goto out;
	buf_reset(o);
	view_begin(r, u->name);
	buf_addf(o, "<p><a href=\"/plan/team\">%s</a></p><h1>", T(r, M_PB_TEAM));
	buf_html(o, u->name);
	buf_addf(o, "</h1><p>%s · ", u->nip);
	buf_html(o, u->position);
	buf_adds(o, "</p>");
	if (err)
		view_notice(r, "error", T(r, err));
	else if (http_query(r, "ok"))
		view_notice(r, "ok", T(r, M_SAVED));
	if (status_card(r, u, &p) == -1)
		goto out;
	items_table(r, &p, 0);
	if (p.status == IDP_SUBMITTED) {
		buf_adds(o, "<form method=\"post\" action=\"/plan/team/");
		buf_url(o, u->nip);
		buf_adds(o, "/decide\" class=\"settings\">");
		view_csrf(r);
		buf_addf(o, "<input type=\"hidden\" name=\"year\" value=\"%d\">"
		    "<label for=\"f-note\">%s</label><textarea id=\"f-note\" "
		    "name=\"note\" rows=\"3\" maxlength=\"%d\"></textarea><p>"
		    "<button type=\"submit\" name=\"decision\" value=\"approve\" "
		    "id=\"approve\">%s</button> <button type=\"submit\" "
		    "name=\"decision\" value=\"return\" class=\"secondary\" "
		    "id=\"return\">%s</button></p></form>", year,
		    T(r, M_PB_NOTE_LABEL), PLANB_NOTE_MAX, T(r, M_PB_APPROVE),
		    T(r, M_PB_RETURN));
	}
	gaps_table(r, cat, g, n, year, 0);
	view_end(r);
	status = err ? 400 : 200;
out:
	course_release(cat);
	free(g);
	return status;
}

int
plan_team_person(struct req *r)
{
	struct user	 u;
	int		 year = plan_year(r, http_query(r, "year")), rc;

	if (year == -1)
		return 400;
	if ((rc = subordinate(r, &u)) != 0)
		return rc;
	return person_page(r, &u, year, 0);
}

int
plan_team_decide(struct req *r)
{
	struct user	 u;
	enum msg	 why = 0;
	const char	*d = http_param(r, "decision");
	char		 loc[96];
	int		 year = plan_year(r, http_param(r, "year")), rc;

	if (year == -1 || d == NULL || (strcmp(d, "approve") != 0 &&
	    strcmp(d, "return") != 0))
		return 400;
	if ((rc = subordinate(r, &u)) != 0)
		return rc;
	rc = idp_decide(r->st, &r->user, &u, year, strcmp(d, "approve") == 0,
	    http_param(r, "note"), r->now, r->ip, &why);
	if (rc == -1)
		return 500;
	if (rc == 1)
		return person_page(r, &u, year, why);
	snprintf(loc, sizeof(loc), "/plan/team/%s?year=%d&ok=1", u.nip, year);
	http_redirect(r, loc);
	return 303;
}
