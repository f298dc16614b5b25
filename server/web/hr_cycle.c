/* hr_cycle: HR's survey rounds, agency plan and budget, realisation and
   assignments. See plan.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aplan.h"
#include "assign.h"
#include "competency.h"
#include "course.h"
#include "http.h"
#include "param.h"
#include "log.h"
#include "numfmt.h"
#include "outbox.h"
#include "plan.h"
#include "slug.h"
#include "store_planb.h"
#include "needsurvey.h"
#include "view.h"
#include "wib.h"

#define HR_ROUNDS_SHOWN		50
#define HR_ASSIGN_SHOWN		50
#define HR_OVERDUE_SHOWN	200
#define HR_PLAN_ROWS_SHOWN	500	/* the export has every row */

static void
rupiah(struct req *r, int64_t v)
{
	buf_adds(&r->out, "Rp ");
	numfmt_int(&r->out, r->lang, (long long)v);
}

/* ---- survey rounds ---- */

static int
round_row(void *arg, const struct survey_round *sr)
{
	struct req	*r = arg;
	struct buf	*o = &r->out;

	buf_addf(o, "<tr><td><a href=\"/hr/survey/%lld\">", (long long)sr->id);
	buf_html(o, sr->title);
	buf_addf(o, "</a></td><td>%d</td><td>", sr->year);
	view_date(r, sr->opens_at);
	buf_adds(o, " – ");
	view_date(r, sr->closes_at - 1);
	buf_addf(o, "</td><td>%s</td></tr>", T(r, needsurvey_is_open(sr, r->now) ?
	    M_PB_OPEN : M_PB_CLOSED));
	return 0;
}

static int
survey_list(struct req *r, enum msg err)
{
	struct buf	*o = &r->out;
	char		 today[11];

	buf_reset(o);
	view_begin(r, T(r, M_PB_HR_SURVEYS));
	buf_addf(o, "<p><a href=\"/hr\">%s</a> · <a href=\"/hr/plan\">%s</a> · "
	    "<a href=\"/hr/assign\">%s</a></p><h1>%s</h1><p>%s</p>",
	    T(r, M_NAV_HR), T(r, M_PB_AGENCY_PLAN), T(r, M_PB_ASSIGNMENTS),
	    T(r, M_PB_HR_SURVEYS), T(r, M_PB_HR_SURVEYS_HELP));
	if (err)
		view_notice(r, "error", T(r, err));
	wib_ymd(r->now, today);
	buf_addf(o, "<section class=\"card wide\" aria-labelledby=\"h-new\"><h2 "
	    "id=\"h-new\">%s</h2><form method=\"post\" action=\"/hr/survey\" "
	    "class=\"settings\">", T(r, M_PB_OPEN_ROUND));
	view_csrf(r);
	buf_addf(o, "<label for=\"f-title\">%s</label><input id=\"f-title\" "
	    "name=\"title\" maxlength=\"%d\" required><label for=\"f-from\">%s"
	    "</label><input id=\"f-from\" name=\"from\" type=\"date\" "
	    "value=\"%s\" required><label for=\"f-to\">%s</label><input "
	    "id=\"f-to\" name=\"to\" type=\"date\" required><label "
	    "for=\"f-units\">%s</label><textarea id=\"f-units\" name=\"units\" "
	    "rows=\"3\"></textarea><p><small>%s</small></p><p><button "
	    "type=\"submit\">%s</button></p></form></section>",
	    T(r, M_PB_TITLE), NEEDSURVEY_TITLE_MAX, T(r, M_PB_FROM), today,
	    T(r, M_PB_TO), T(r, M_PB_UNITS), T(r, M_PB_UNITS_HINT),
	    T(r, M_PB_OPEN_ROUND));
	buf_addf(o, "<div class=\"table-wrap\" tabindex=\"0\"><table id=\"rounds\"><thead><tr>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">"
	    "%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
	    T(r, M_PB_TITLE), T(r, M_YEAR), T(r, M_PB_PERIOD), T(r, M_PB_STATUS));
	if (store_survey_rounds(r->st, HR_ROUNDS_SHOWN, round_row, r) == -1)
		return 500;
	buf_adds(o, "</tbody></table></div>");
	view_end(r);
	return err ? 400 : 200;
}

int
hr_cycle_survey(struct req *r)
{
	return survey_list(r, 0);
}

int
hr_cycle_survey_open(struct req *r)
{
	enum msg why = 0;
	int64_t	 id;
	char	 loc[64];
	int	 rc;

	rc = needsurvey_open(r->st, http_param(r, "title") ? http_param(r, "title") :
	    "", http_param(r, "from"), http_param(r, "to"), http_param(r,
	    "units"), r->now, r->user.id, r->ip, &id, &why);
	if (rc == -1)
		return 500;
	if (rc == 1)
		return survey_list(r, why);
	snprintf(loc, sizeof(loc), "/hr/survey/%lld", (long long)id);
	http_redirect(r, loc);
	return 303;
}

struct rates {
	struct req	*r;
	int64_t		 people, self, atasan;
};

static void
pct(struct buf *o, int64_t part, int64_t whole)
{
	buf_addf(o, "%lld%%", whole ? (long long)(part * 100 / whole) : 0LL);
}

static int
rate_row(void *arg, const char *unit, int64_t people, int64_t self,
    int64_t atasan)
{
	struct rates	*x = arg;
	struct buf	*o = &x->r->out;

	x->people += people;
	x->self += self;
	x->atasan += atasan;
	buf_adds(o, "<tr><th scope=\"row\">");
	buf_html(o, unit[0] ? unit : T(x->r, M_HR_NO_UNIT));
	buf_addf(o, "</th><td class=\"right\">%lld</td><td class=\"right\">%lld "
	    "(", (long long)people, (long long)self);
	pct(o, self, people);
	buf_addf(o, ")</td><td class=\"right\">%lld (", (long long)atasan);
	pct(o, atasan, people);
	buf_adds(o, ")</td></tr>");
	return 0;
}

int
hr_cycle_survey_round(struct req *r)
{
	struct buf	*o = &r->out;
	struct survey_round *sr;
	struct rates	 x = { r, 0, 0, 0 };
	const char	*ok = http_query(r, "reminded");
	int64_t		 id = plan_seg_id(r, 2);
	int		 rc, i;

	if (id == -1)
		return 404;
	if ((sr = calloc(1, sizeof(*sr))) == NULL)
		return 503;
	if ((rc = store_survey_round_get(r->st, id, sr)) != 0) {
		free(sr);
		return rc == 1 ? 404 : 500;
	}
	view_begin(r, sr->title);
	buf_addf(o, "<p><a href=\"/hr/survey\">%s</a></p><h1>",
	    T(r, M_PB_HR_SURVEYS));
	buf_html(o, sr->title);
	buf_addf(o, "</h1><p>%s: ", T(r, M_PB_PERIOD));
	view_date(r, sr->opens_at);
	buf_adds(o, " – ");
	view_date(r, sr->closes_at - 1);
	buf_addf(o, " · %s</p><p>%s: ", T(r, needsurvey_is_open(sr, r->now) ?
	    M_PB_OPEN : M_PB_CLOSED), T(r, M_PB_UNITS));
	if (sr->nunits == 0)
		buf_adds(o, T(r, M_PB_ALL_UNITS));
	for (i = 0; i < sr->nunits; i++) {
		if (i)
			buf_adds(o, ", ");
		buf_html(o, sr->units[i]);
	}
	buf_adds(o, "</p>");
	if (ok) {
		buf_addf(o, "<div class=\"notice ok\" role=\"status\"><p>%s: ",
		    T(r, M_PB_REMINDED));
		buf_html(o, ok);
		buf_adds(o, "</p></div>");
	}
	buf_addf(o, "<div class=\"table-wrap\" tabindex=\"0\"><table id=\"rates\"><caption>%s"
	    "</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">"
	    "%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr>"
	    "</thead><tbody>", T(r, M_PB_RATES), T(r, M_UNIT), T(r, M_PB_ASN),
	    T(r, M_PB_SELF_DONE), T(r, M_PB_ATASAN_DONE));
	if (store_survey_rates(r->st, id, rate_row, &x) == -1) {
		free(sr);
		return 500;
	}
	buf_addf(o, "</tbody><tfoot><tr><th scope=\"row\">%s</th><td "
	    "class=\"right\">%lld</td><td class=\"right\" id=\"rate-self\">%lld "
	    "(", T(r, M_PB_TOTAL), (long long)x.people, (long long)x.self);
	pct(o, x.self, x.people);
	buf_addf(o, ")</td><td class=\"right\">%lld (", (long long)x.atasan);
	pct(o, x.atasan, x.people);
	buf_adds(o, ")</td></tr></tfoot></table></div>");
	if (needsurvey_is_open(sr, r->now)) {
		buf_addf(o, "<form method=\"post\" action=\"/hr/survey/%lld/remind\">",
		    (long long)id);
		view_csrf(r);
		buf_addf(o, "<p><button type=\"submit\" class=\"secondary\">%s"
		    "</button> <small>%s</small></p></form>", T(r, M_PB_REMIND),
		    T(r, M_PB_REMIND_HINT));
	}
	free(sr);
	view_end(r);
	return 200;
}

int
hr_cycle_survey_remind(struct req *r)
{
	struct survey_round *sr;
	int64_t		 id = plan_seg_id(r, 2), n;
	char		 loc[96];
	int		 rc;

	if (id == -1)
		return 404;
	if ((sr = calloc(1, sizeof(*sr))) == NULL)
		return 503;
	rc = store_survey_round_get(r->st, id, sr);
	if (rc == 0 && !needsurvey_is_open(sr, r->now))
		rc = 2;
	free(sr);
	if (rc == 1)
		return 404;
	if (rc == 2)
		return 409;
	if (rc == -1 || store_survey_remind(r->st, id, r->now, r->user.id,
	    r->ip, &n) == -1)
		return 500;
	snprintf(loc, sizeof(loc), "/hr/survey/%lld?reminded=%lld",
	    (long long)id, (long long)n);
	http_redirect(r, loc);
	return 303;
}

/* ---- agency plan ---- */

/* From the plan: assign the row's course to the people of its unit who
   planned it, due on the row's last target date (two weeks from now
   when that has passed). */
static void
assign_button(struct req *r, int year, const struct aplan_row *row)
{
	struct buf	*o = &r->out;
	char		 today[11], later[11];

	wib_ymd(r->now, today);
	wib_ymd(r->now + 14 * 86400, later);
	buf_adds(o, "<form method=\"post\" action=\"/hr/assign\">");
	view_csrf(r);
	buf_addf(o, "<input type=\"hidden\" name=\"kind\" value=\"plan\">"
	    "<input type=\"hidden\" name=\"year\" value=\"%d\"><input "
	    "type=\"hidden\" name=\"course\" value=\"", year);
	buf_html(o, row->course);
	buf_adds(o, "\"><input type=\"hidden\" name=\"target\" value=\"");
	buf_html(o, row->unit);
	buf_adds(o, "\"><input type=\"hidden\" name=\"due\" value=\"");
	buf_html(o, strcmp(row->last, today) >= 0 ? row->last : later);
	buf_adds(o, "\"><button type=\"submit\" class=\"secondary\" "
	    "data-assign=\"");
	buf_html(o, row->course);
	buf_addf(o, "\">%s</button></form>", T(r, M_PB_ASSIGN));
}

static void
plan_rows(struct req *r, const struct aplan *p)
{
	struct buf	*o = &r->out;
	int		 i;

	buf_addf(o, "<div class=\"table-wrap\" tabindex=\"0\"><table id=\"plan\"><caption>%s"
	    "</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s"
	    "</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">"
	    "%s</th><th scope=\"col\">JP</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th></tr></thead><tbody>",
	    T(r, M_PB_PLAN_CAPTION), T(r, M_PB_PRIORITY), T(r, M_UNIT),
	    T(r, M_COMPETENCY), T(r, M_PB_ASN), T(r, M_PB_ROUTE),
	    T(r, M_PB_ACTIVITY), T(r, M_PB_SCHEDULE), T(r, M_PB_COST),
	    T(r, M_PB_LINE));
	for (i = 0; i < p->n && i < HR_PLAN_ROWS_SHOWN; i++) {
		const struct aplan_item *it = &p->items[i];

		buf_addf(o, "<tr%s><td class=\"right\">%d</td><td>",
		    it->below ? " class=\"below\"" : "", it->priority);
		buf_html(o, it->row.unit);
		buf_adds(o, "</td><td>");
		buf_html(o, it->row.competency);
		buf_addf(o, "<br><small>%s · %s %d</small></td><td class=\"right\">"
		    "%lld</td><td>", T(r, competency_type_msg(
		    competency_type_parse(it->row.ctype))), T(r, M_PB_GAP),
		    it->row.max_gap, (long long)it->row.people);
		buf_html(o, aplan_route_name(it->row.route));
		buf_adds(o, "<br><small>");
		buf_html(o, aplan_route_jalur(it->row.route));
		buf_adds(o, "</small></td><td>");
		buf_html(o, it->row.activity);
		buf_adds(o, "</td><td>");
		buf_html(o, it->row.first);
		if (strcmp(it->row.first, it->row.last) != 0) {
			buf_adds(o, " – ");
			buf_html(o, it->row.last);
		}
		buf_addf(o, "</td><td class=\"right\">%lld</td><td class=\"right\">",
		    (long long)it->row.jp);
		rupiah(r, it->row.cost);
		buf_addf(o, "</td><td>%s", T(r, it->below ? M_PB_BELOW_LINE :
		    M_PB_WITHIN));
		if (it->row.course[0])
			assign_button(r, p->year, &it->row);
		buf_adds(o, "</td></tr>");
	}
	if (p->n == 0)
		buf_addf(o, "<tr><td colspan=\"10\">%s</td></tr>",
		    T(r, M_PB_NO_PLAN_ROWS));
	buf_adds(o, "</tbody></table></div>");
	if (p->n > HR_PLAN_ROWS_SHOWN)
		buf_addf(o, "<p>%s</p>", T(r, M_PB_MORE_IN_EXPORT));
}

static int
realisation(struct req *r, int year)
{
	struct buf	*o = &r->out;
	struct aplan_unit *u;
	int64_t		 planned = 0, achieved = 0;
	int		 i, n;

	if (aplan_units(r->st, year, &u, &n) == -1)
		return -1;
	buf_addf(o, "<h1 id=\"h-real\">%s %d</h1><p>%s</p><div class=\"table-wrap\" tabindex=\"0\">"
	    "<table id=\"realisation\"><thead><tr><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th></tr></thead>"
	    "<tbody>", T(r, M_PB_REALISATION), year, T(r, M_PB_REAL_HELP),
	    T(r, M_UNIT), T(r, M_PB_ASN), T(r, M_PB_PLANNERS),
	    T(r, M_PB_PLANNED_JP), T(r, M_PB_ACHIEVED_JP), T(r, M_PB_REALISED));
	for (i = 0; i < n; i++) {
		planned += u[i].planned;
		achieved += u[i].achieved;
		buf_addf(o, "<tr><th scope=\"row\"><a href=\"/hr/plan/realisation?year=%d&amp;"
		    "unit=", year);
		buf_url(o, u[i].unit);
		buf_adds(o, "#h-people\">");
		buf_html(o, u[i].unit[0] ? u[i].unit : T(r, M_HR_NO_UNIT));
		buf_addf(o, "</a></th><td class=\"right\">%lld</td><td class=\"right\">"
		    "%lld</td><td class=\"right\">%lld</td><td class=\"right\">%lld"
		    "</td><td class=\"right\">", (long long)u[i].people,
		    (long long)u[i].planners, (long long)u[i].planned,
		    (long long)u[i].achieved);
		pct(o, u[i].achieved, u[i].planned);
		buf_adds(o, "</td></tr>");
	}
	free(u);
	buf_addf(o, "</tbody><tfoot><tr><th scope=\"row\" colspan=\"3\">%s</th>"
	    "<td class=\"right\" id=\"real-planned\">%lld</td><td class=\"right\""
	    " id=\"real-achieved\">%lld</td><td class=\"right\">",
	    T(r, M_PB_AGENCY), (long long)planned, (long long)achieved);
	pct(o, achieved, planned);
	buf_adds(o, "</td></tr></tfoot></table></div>");
	return 0;
}

#define HR_PEOPLE_SHOWN	500	/* people of one unit on the page */

struct prows {
	struct req	*r;
	int		 n, more;
};

static int
person_row(void *arg, const struct user *u, int64_t planned, int64_t achieved)
{
	struct prows	*x = arg;
	struct req	*r = x->r;
	struct buf	*o = &r->out;

	if (x->n == HR_PEOPLE_SHOWN) {
		x->more = 1;
		return 1;
	}
	x->n++;
	buf_adds(o, "<tr><th scope=\"row\"><a href=\"/hr/people/");
	buf_url(o, u->nip);
	buf_adds(o, "\">");
	buf_html(o, u->name);
	buf_adds(o, "</a><br><small>");
	buf_html(o, u->position);
	buf_addf(o, "</small></th><td class=\"right\">%lld</td><td "
	    "class=\"right\">%lld</td><td class=\"right\">", (long long)planned,
	    (long long)achieved);
	pct(o, achieved, planned);
	buf_adds(o, "</td></tr>");
	return 0;
}

/* Realisation per person of one unit (?unit=). */
static int
people(struct req *r, int year, const char *unit)
{
	struct buf	*o = &r->out;
	struct prows	 x = { r, 0, 0 };

	buf_adds(o, "<h2 id=\"h-people\">");
	buf_html(o, unit[0] ? unit : T(r, M_HR_NO_UNIT));
	buf_addf(o, "</h2><div class=\"table-wrap\" tabindex=\"0\"><table "
	    "id=\"people\"><thead><tr><th scope=\"col\">%s</th><th "
	    "scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">"
	    "%s</th></tr></thead><tbody>", T(r, M_NAME), T(r, M_PB_PLANNED_JP),
	    T(r, M_PB_ACHIEVED_JP), T(r, M_PB_REALISED));
	if (aplan_people(r->st, year, unit, person_row, &x) == -1)
		return -1;
	buf_adds(o, "</tbody></table></div>");
	if (x.more)
		buf_addf(o, "<p>%s %d.</p>", T(r, M_PB_FIRST_SHOWN),
		    HR_PEOPLE_SHOWN);
	return 0;
}

static int
plan_view(struct req *r, int year, enum msg err)
{
	struct buf	*o = &r->out;
	struct aplan	 p;
	const char	*ok = http_query(r, "ok");

	if (aplan_build(r->st, year, &p) == -1)
		return 500;
	buf_reset(o);
	view_begin(r, T(r, M_PB_AGENCY_PLAN));
	buf_addf(o, "<p><a href=\"/hr\">%s</a> · <a href=\"/hr/survey\">%s</a> · "
	    "<a href=\"/hr/assign\">%s</a></p><h1>%s %d</h1><p>%s</p>",
	    T(r, M_NAV_HR), T(r, M_PB_HR_SURVEYS), T(r, M_PB_ASSIGNMENTS),
	    T(r, M_PB_AGENCY_PLAN), year, T(r, M_PB_AGENCY_HELP));
	if (err)
		view_notice(r, "error", T(r, err));
	else if (ok)
		view_notice(r, "ok", T(r, M_SAVED));
	buf_addf(o, "<div class=\"home\"><section class=\"card\" aria-labelledby="
	    "\"h-budget\"><h2 id=\"h-budget\">%s</h2><dl class=\"figures\"><dt>%s"
	    "</dt><dd id=\"ceiling\">", T(r, M_PB_BUDGET), T(r, M_PB_CEILING));
	if (p.has_ceiling)
		rupiah(r, p.ceiling);
	else
		buf_adds(o, T(r, M_PB_NO_CEILING));
	buf_addf(o, "</dd><dt>%s</dt><dd id=\"total-cost\">", T(r, M_PB_TOTAL_COST));
	rupiah(r, p.cost);
	buf_addf(o, "</dd><dt>%s</dt><dd id=\"below-count\">%d (", T(r,
	    M_PB_BELOW_LINE), p.nbelow);
	rupiah(r, p.below_cost);
	buf_addf(o, ")</dd><dt>JP</dt><dd>%lld</dd></dl>", (long long)p.jp);
	if (p.has_ceiling && p.ceiling > 0)
		view_progress(r, p.cost >= p.ceiling ? 100 :
		    (int)(p.cost * 100 / p.ceiling), T(r, M_PB_TOTAL_COST));
	buf_adds(o, "<form method=\"post\" action=\"/hr/plan/budget\" "
	    "class=\"settings\">");
	view_csrf(r);
	buf_addf(o, "<input type=\"hidden\" name=\"year\" value=\"%d\"><label "
	    "for=\"f-ceiling\">%s (Rp)</label><input id=\"f-ceiling\" "
	    "name=\"ceiling\" type=\"number\" min=\"0\" step=\"1000\" "
	    "value=\"%lld\" required><p><button type=\"submit\">%s</button></p>"
	    "</form></section>", year, T(r, M_PB_CEILING),
	    (long long)p.ceiling, T(r, M_SAVE));
	buf_addf(o, "<section class=\"card\" aria-labelledby=\"h-export\"><h2 "
	    "id=\"h-export\">%s</h2><p>%s</p><p><a class=\"button\" "
	    "href=\"/hr/plan/export?year=%d&amp;format=xlsx\" "
	    "data-export=\"xlsx\">XLSX</a> <a class=\"button secondary\" "
	    "href=\"/hr/plan/export?year=%d&amp;format=csv\" "
	    "data-export=\"csv\">CSV</a></p><form method=\"get\" "
	    "action=\"/hr/plan\"><label for=\"f-year\">%s</label> <input "
	    "id=\"f-year\" name=\"year\" type=\"number\" min=\"2000\" "
	    "max=\"2100\" value=\"%d\"> <button type=\"submit\" "
	    "class=\"secondary\">%s</button></form></section></div>",
	    T(r, M_PB_EXPORT), T(r, M_PB_EXPORT_HELP), year, year, T(r, M_YEAR),
	    year, T(r, M_PB_SHOW));
	plan_rows(r, &p);
	aplan_free(&p);
	buf_addf(o, "<p><a href=\"/hr/plan/realisation?year=%d\">%s</a></p>",
	    year, T(r, M_PB_REALISATION));
	view_end(r);
	return err ? 400 : 200;
}

int
hr_cycle_realisation(struct req *r)
{
	struct buf	*o = &r->out;
	int		 year = plan_year(r, http_query(r, "year"));

	if (year == -1)
		return 400;
	view_begin(r, T(r, M_PB_REALISATION));
	buf_addf(o, "<p><a href=\"/hr/plan?year=%d\">%s</a></p>", year,
	    T(r, M_PB_AGENCY_PLAN));
	if (realisation(r, year) == -1)
		return 500;
	if (http_query(r, "unit") != NULL && people(r, year,
	    http_query(r, "unit")) == -1)
		return 500;
	view_end(r);
	return 200;
}

int
hr_cycle_page(struct req *r)
{
	int	 year = plan_year(r, http_query(r, "year"));

	return year == -1 ? 400 : plan_view(r, year, 0);
}

#define BUDGET_MAX	1000000000000LL

int
hr_cycle_budget(struct req *r)
{
	const char	*v = http_param(r, "ceiling");
	char		 loc[48];
	int64_t		 c;
	int		 year = plan_year(r, http_param(r, "year"));

	if (year == -1)
		return 400;
	if (param_parse_int(v, 0, BUDGET_MAX, &c) == -1)
		return plan_view(r, year, M_PB_E_BUDGET);
	if (store_budget_set(r->st, year, c, r->user.id, r->now, r->ip) == -1)
		return 500;
	snprintf(loc, sizeof(loc), "/hr/plan?year=%d&ok=1", year);
	http_redirect(r, loc);
	return 303;
}

struct sink {
	struct req	*r;
	enum export_fmt	 fmt;
	char		 fname[96];
	int		 begun;
};

static int
sink_emit(void *arg, const void *p, size_t n)
{
	struct sink	*k = arg;

	if (!k->begun) {
		if (http_stream_begin(k->r, 200, export_ctype(k->fmt),
		    k->fname) < 0)
			return -1;
		k->begun = 1;
	}
	return http_chunk(k->r, p, n);
}

int
hr_cycle_export(struct req *r)
{
	struct aplan	 p;
	struct sink	 k;
	char		 err[256];
	int		 year = plan_year(r, http_query(r, "year")), rc;

	memset(&k, 0, sizeof(k));
	if (year == -1 || export_parse_fmt(http_query(r, "format"), &k.fmt) ==
	    -1 || k.fmt == EXPORT_JSON)
		return 400;
	if (aplan_build(r->st, year, &p) == -1)
		return 500;
	k.r = r;
	snprintf(k.fname, sizeof(k.fname), "rencana-pengembangan-%d.%s", year,
	    export_ext(k.fmt));
	rc = aplan_export(&p, k.fmt, sink_emit, &k, err, sizeof(err));
	aplan_free(&p);
	if (rc == 0) {
		if (!k.begun && sink_emit(&k, "", 0) == -1)
			return 500;
		http_chunk(r, NULL, 0);
		return 200;
	}
	log_warnx("hr plan export: %s", err);
	return k.begun ? 200 : 500;
}

/* ---- assignments ---- */

struct alist {
	struct req	*r;
	struct catalog	*cat;
	int		 n;
};

static void
course_title(struct buf *o, const struct catalog *cat, const char *id)
{
	const struct course *c = course_find(cat, id);

	buf_html(o, c ? c->title : id);
}

static int
assign_row(void *arg, const struct assign_row *a)
{
	struct alist	*x = arg;
	struct buf	*o = &x->r->out;
	static const enum msg kinds[] = { M_PB_K_PERSON, M_PB_K_UNIT,
	    M_PB_K_POSITION, M_PB_K_PLAN };

	x->n++;
	buf_adds(o, "<tr><td>");
	course_title(o, x->cat, a->course);
	buf_addf(o, "</td><td>%s: ", T(x->r, kinds[a->kind]));
	buf_html(o, a->target);
	buf_adds(o, "</td><td>");
	view_date(x->r, a->due_at - 1);
	buf_addf(o, "</td><td class=\"right\">%lld</td></tr>",
	    (long long)a->people);
	return 0;
}

static int
overdue_row(void *arg, const struct assign_row *a)
{
	struct alist	*x = arg;
	struct buf	*o = &x->r->out;

	x->n++;
	buf_adds(o, "<tr><td><a href=\"/hr/people/");
	buf_url(o, a->nip);
	buf_adds(o, "\">");
	buf_html(o, a->name);
	buf_adds(o, "</a></td><td>");
	buf_html(o, a->unit);
	buf_adds(o, "</td><td>");
	course_title(o, x->cat, a->course);
	buf_adds(o, "</td><td>");
	view_date(x->r, a->due_at - 1);
	buf_addf(o, "</td><td class=\"right\">%lld</td></tr>",
	    (long long)((x->r->now - a->due_at) / 86400 + 1));
	return 0;
}

static int
assign_view(struct req *r, enum msg err, const char *ok)
{
	struct buf	*o = &r->out;
	struct alist	 x = { r, NULL, 0 };
	int64_t		 pending, sent, next;
	int		 i, rc;
	char		 day[11];

	if (store_outbox_counts(r->st, &pending, &sent, &next) == -1)
		return 500;
	buf_reset(o);
	x.cat = course_catalog();
	view_begin(r, T(r, M_PB_ASSIGNMENTS));
	buf_addf(o, "<p><a href=\"/hr\">%s</a> · <a href=\"/hr/survey\">%s</a> · "
	    "<a href=\"/hr/plan\">%s</a></p><h1>%s</h1>", T(r, M_NAV_HR),
	    T(r, M_PB_HR_SURVEYS), T(r, M_PB_AGENCY_PLAN), T(r, M_PB_ASSIGNMENTS));
	if (err)
		view_notice(r, "error", T(r, err));
	else if (ok) {
		const char *m = http_query(r, "mails");
		int64_t	 people = 0, mails = 0;

		/* Counts of our own redirect: anything else shows 0. */
		(void)param_parse_int(ok, 0, PARAM_ID_MAX, &people);
		if (m != NULL)
			(void)param_parse_int(m, 0, PARAM_ID_MAX, &mails);
		buf_addf(o, "<div class=\"notice ok\" role=\"status\"><p "
		    "id=\"assigned\">%s: %lld · %s: %lld</p></div>",
		    T(r, M_PB_ASSIGNED_OK), (long long)people,
		    T(r, M_PB_MAIL_QUEUED), (long long)mails);
	}
	wib_ymd(r->now + 14 * 86400, day);
	buf_addf(o, "<section class=\"card wide\" aria-labelledby=\"h-assign\">"
	    "<h2 id=\"h-assign\">%s</h2><form method=\"post\" action=\"/hr/assign\""
	    " class=\"settings\">", T(r, M_PB_ASSIGN_NEW));
	view_csrf(r);
	buf_addf(o, "<label for=\"f-course\">%s</label><select id=\"f-course\" "
	    "name=\"course\">", T(r, M_HR_COURSE));
	for (i = 0; i < x.cat->n; i++) {
		buf_adds(o, "<option value=\"");
		buf_html(o, x.cat->courses[i]->id);
		buf_adds(o, "\">");
		buf_html(o, x.cat->courses[i]->title);
		buf_adds(o, "</option>");
	}
	buf_addf(o, "</select><fieldset><legend>%s</legend><label><input "
	    "type=\"radio\" name=\"kind\" value=\"person\" checked> %s</label> "
	    "<label><input type=\"radio\" name=\"kind\" value=\"unit\"> %s"
	    "</label> <label><input type=\"radio\" name=\"kind\" "
	    "value=\"position\"> %s</label></fieldset><label for=\"f-target\">"
	    "%s</label><input id=\"f-target\" name=\"target\" maxlength=\"%d\" "
	    "required><label for=\"f-due\">%s</label><input id=\"f-due\" "
	    "name=\"due\" type=\"date\" value=\"%s\" required><p><button "
	    "type=\"submit\">%s</button></p></form>", T(r, M_PB_TARGET),
	    T(r, M_PB_K_PERSON), T(r, M_PB_K_UNIT), T(r, M_PB_K_POSITION),
	    T(r, M_PB_TARGET_VALUE), STORE_TEXT_MAX - 1, T(r, M_PB_DUE), day,
	    T(r, M_PB_ASSIGN));
	buf_addf(o, "<p id=\"mail-state\"><small>%s", T(r, outbox_enabled() ?
	    M_PB_MAIL_ON : M_PB_MAIL_OFF));
	buf_addf(o, " · %s: %lld · %s: %lld</small></p></section>",
	    T(r, M_PB_MAIL_PENDING), (long long)pending, T(r, M_PB_MAIL_SENT),
	    (long long)sent);
	buf_addf(o, "<h2>%s</h2><div class=\"table-wrap\" tabindex=\"0\"><table id=\"overdue\">"
	    "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">"
	    "%s</th></tr></thead><tbody>", T(r, M_PB_OVERDUE), T(r, M_NAME),
	    T(r, M_UNIT), T(r, M_HR_COURSE), T(r, M_PB_DUE), T(r, M_PB_DAYS_LATE));
	rc = store_assign_overdue(r->st, r->now, HR_OVERDUE_SHOWN, overdue_row, &x);
	if (rc == 0 && x.n == 0)
		buf_addf(o, "<tr><td colspan=\"5\">%s</td></tr>", T(r, M_PB_NONE_LATE));
	buf_addf(o, "</tbody></table></div><h2>%s</h2><div class=\"table-wrap\" tabindex=\"0\">"
	    "<table id=\"assignment-list\"><thead><tr><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">"
	    "%s</th></tr></thead><tbody>",
	    T(r, M_PB_RECENT), T(r, M_HR_COURSE), T(r, M_PB_TARGET), T(r, M_PB_DUE),
	    T(r, M_PB_ASN));
	if (rc == 0)
		rc = store_assign_list(r->st, HR_ASSIGN_SHOWN, assign_row, &x);
	course_release(x.cat);
	if (rc == -1)
		return 500;
	buf_adds(o, "</tbody></table></div>");
	view_end(r);
	return err ? 400 : 200;
}

int
hr_cycle_assign(struct req *r)
{
	return assign_view(r, 0, http_query(r, "people"));
}

int
hr_cycle_assign_post(struct req *r)
{
	enum msg why = 0;
	int64_t	 people, mails;
	char	 loc[96];
	int	 rc;

	int	 year = plan_year(r, http_param(r, "year"));

	if (year == -1)
		return 400;
	rc = assign_create(r->st, http_param(r, "course"), http_param(r, "due"),
	    http_param(r, "kind"), http_param(r, "target"), year, r->user.id,
	    r->now, r->ip, &people, &mails, &why);
	if (rc == -1)
		return 500;
	if (rc == 1)
		return assign_view(r, why, NULL);
	snprintf(loc, sizeof(loc), "/hr/assign?people=%lld&mails=%lld",
	    (long long)people, (long long)mails);
	http_redirect(r, loc);
	return 303;
}
