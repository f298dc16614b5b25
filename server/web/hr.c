/* hr: the HR dashboard. See hr.h (roster pages: hr_roster.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "competency.h"
#include "eval_page.h"
#include "hr.h"
#include "http.h"
#include "ledger.h"
#include "param.h"
#include "record.h"
#include "view.h"

#define CHART_W		720	/* SVG user units */
#define CHART_BAR_W	560	/* longest bar */
#define CHART_ROW	40
/* Units summed before the top HR_UNITS_MAX (by JP) are kept. */
#define UNITS_SEEN_MAX	4096
#define UNITS_HASH	(2 * UNITS_SEEN_MAX)

struct unit_row {
	char	 unit[STORE_TEXT_MAX];
	int64_t	 jp, done, people;
};

struct dash {
	struct req	*r;
	struct ledger_filter f;
	int64_t		 people, meeting, below, done, cjp;
	int64_t		 listed;	/* below-target rows written */
	struct buf	 rows;		/* below-target table rows */
	struct unit_row	*units;		/* UNITS_SEEN_MAX */
	int		 nunits;
	int		*hash;		/* UNITS_HASH: index + 1, 0 empty */
};

/* Reads and checks the filters; 0 ok, -1 bad (400). */
static int
filters(struct req *r, struct dash *d)
{
	const char	*y = http_query(r, "year"), *t;
	int64_t		 v;
	int		 k;

	/* A bad filter is shown on the form (M_HR_BAD_FILTER names every
	   rule), so the checks alone, not param's error answer. */
	d->f.year = ledger_year(r->now);
	if (y != NULL && y[0] != '\0') {
		if (param_parse_int(y, HR_YEAR_MIN, HR_YEAR_MAX, &v) == -1)
			return -1;
		d->f.year = (int)v;
	}
	d->f.unit = http_query(r, "unit") ? http_query(r, "unit") : "";
	d->f.course = http_query(r, "course") ? http_query(r, "course") : "";
	d->f.ctype = t = http_query(r, "type") ? http_query(r, "type") : "";
	if (param_parse_text(d->f.unit, STORE_TEXT_MAX - 1) == -1 ||
	    param_parse_text(d->f.course, 64) == -1)
		return -1;
	return t[0] == '\0' || param_parse_enum(t, competency_type_ids,
	    &k) == 0 ? 0 : -1;
}

static void
opt(struct req *r, const char *value, const char *label, const char *cur)
{
	buf_adds(&r->out, "<option value=\"");
	buf_html(&r->out, value);
	buf_addf(&r->out, "\"%s>", strcmp(value, cur) == 0 ? " selected" : "");
	buf_html(&r->out, label);
	buf_adds(&r->out, "</option>");
}

static void
unit_opt(void *arg, const char *unit)
{
	struct dash	*d = arg;

	opt(d->r, unit, unit, d->f.unit);
}

static void
course_opt(void *arg, const char *id, const char *title)
{
	struct dash	*d = arg;

	opt(d->r, id, title && title[0] ? title : id, d->f.course);
}

static int
filter_form(struct req *r, struct dash *d)
{
	struct buf	*o = &r->out;
	size_t		 i;

	buf_addf(o, "<form method=\"get\" action=\"/hr\" class=\"grid\" "
	    "aria-label=\"%s\"><label for=\"year\">%s</label>"
	    "<input id=\"year\" name=\"year\" type=\"number\" min=\"%d\" "
	    "max=\"%d\" value=\"%d\"><label for=\"unit\">%s</label>"
	    "<select id=\"unit\" name=\"unit\">", T(r, M_HR_FILTER),
	    T(r, M_YEAR), HR_YEAR_MIN, HR_YEAR_MAX, d->f.year, T(r, M_UNIT));
	opt(r, "", T(r, M_HR_ALL), d->f.unit);
	if (store_hr_unit_names(r->st, HR_UNITS_MAX, unit_opt, d) == -1)
		return -1;
	buf_addf(o, "</select><label for=\"course\">%s</label>"
	    "<select id=\"course\" name=\"course\">", T(r, M_HR_COURSE));
	opt(r, "", T(r, M_HR_ALL), d->f.course);
	if (store_hr_courses(r->st, HR_COURSES_MAX, course_opt, d) == -1)
		return -1;
	buf_addf(o, "</select><label for=\"type\">%s</label>"
	    "<select id=\"type\" name=\"type\">", T(r, M_HR_TYPE));
	opt(r, "", T(r, M_HR_ALL), d->f.ctype);
	for (i = 0; i < CTYPE_N; i++)
		opt(r, competency_type_id((int)i), T(r, competency_type_msg((int)i)),
		    d->f.ctype);
	buf_addf(o, "</select><button type=\"submit\">%s</button></form>",
	    T(r, M_HR_FILTER));
	return 0;
}

void
hr_nip_link(struct buf *o, const char *nip, int year)
{
	buf_adds(o, "<a class=\"nip\" href=\"/hr/people/");
	buf_url(o, nip);
	if (year)
		buf_addf(o, "?year=%d", year);
	buf_adds(o, "\">");
	buf_html(o, nip);
	buf_adds(o, "</a>");
}

void
hr_person_cells(struct buf *o, const struct user *u)
{
	buf_adds(o, "<tr><td>");
	hr_nip_link(o, u->nip, 0);
	buf_adds(o, "</td><td>");
	buf_html(o, u->name);
	buf_adds(o, "</td><td>");
	buf_html(o, u->unit);
}


/* The unit row of name, added when new; NULL when UNITS_SEEN_MAX are. */
static struct unit_row *
unit_of(struct dash *d, const char *name)
{
	uint32_t	 h = 2166136261u;
	const char	*c;
	int		 i;

	for (c = name; *c; c++)
		h = (h ^ (unsigned char)*c) * 16777619u;
	for (i = (int)(h % UNITS_HASH); d->hash[i]; i = (i + 1) % UNITS_HASH)
		if (strcmp(d->units[d->hash[i] - 1].unit, name) == 0)
			return &d->units[d->hash[i] - 1];
	if (d->nunits >= UNITS_SEEN_MAX)
		return NULL;
	d->hash[i] = ++d->nunits;
	snprintf(d->units[d->nunits - 1].unit, sizeof(d->units[0].unit), "%s",
	    name);
	return &d->units[d->nunits - 1];
}

/* One counted person, lowest JP first: the figures, the unit sums and
   the below-target list all come from this one pass over the ledger. */
static void	below_row(struct dash *, const struct ledger_person *);

static int
person(void *arg, const struct ledger_person *p)
{
	struct dash	*d = arg;
	struct unit_row	*u;

	d->people++;
	d->done += p->completions;
	d->cjp += p->cjp;
	if ((u = unit_of(d, p->u.unit)) != NULL) {
		u->people++;
		u->done += p->completions;
		u->jp += p->cjp;
	}
	if (ledger_meets(p)) {
		d->meeting++;
		return 0;
	}
	if (d->below++ >= HR_BELOW_MAX)
		return 0;
	below_row(d, p);
	return 0;
}

/* The dashboard from the counters (ledger_dashboard): a unit's sums. */
static void
dash_unit(void *arg, const char *unit, int64_t people, int64_t done,
    int64_t cjp)
{
	struct dash	*d = arg;
	struct unit_row	*u;

	if ((u = unit_of(d, unit)) != NULL) {
		u->people = people;
		u->done = done;
		u->jp = cjp;
	}
}

/* ... and the people below target, lowest JP first, HR_BELOW_MAX of them. */
static int
dash_below(void *arg, const struct ledger_person *p)
{
	struct dash	*d = arg;

	below_row(d, p);
	return ++d->listed >= HR_BELOW_MAX;
}

static void
below_row(struct dash *d, const struct ledger_person *p)
{
	struct buf	*o = &d->rows;

	buf_adds(o, "<tr><td>");
	hr_nip_link(o, p->u.nip, d->f.year);
	buf_adds(o, "</td><td>");
	buf_html(o, p->u.name);
	buf_adds(o, "</td><td>");
	buf_html(o, p->u.unit);
	buf_adds(o, "</td><td>");
	view_cjp(d->r, o, p->cjp);
	buf_adds(o, "</td></tr>");
}

/* Most JP first, then by name (the order the unit table always had). */
static int
by_jp(const void *a, const void *b)
{
	const struct unit_row *x = a, *y = b;

	if (x->jp != y->jp)
		return x->jp > y->jp ? -1 : 1;
	return strcmp(x->unit, y->unit);
}

static const char *
unit_label(struct req *r, const char *unit)
{
	return unit[0] ? unit : T(r, M_HR_NO_UNIT);
}

/*
 * A download of the current view: the HR API with every filter of the
 * page, so the file holds what the page counts (and its name says which
 * filters). No download attribute: the server names the file, and an
 * export that cannot be made shows its error page instead of a broken
 * file.
 */
static void
api_link(struct req *r, struct dash *d, const char *api, const char *format,
    enum msg label)
{
	struct buf	*o = &r->out;

	buf_addf(o, "<a href=\"/api/v1/%s?format=%s&amp;year=%d", api, format,
	    d->f.year);
	if (d->f.unit[0]) {
		buf_adds(o, "&amp;unit=");
		buf_url(o, d->f.unit);
	}
	if (d->f.course[0]) {
		buf_adds(o, "&amp;course=");
		buf_url(o, d->f.course);
	}
	if (d->f.ctype[0]) {
		buf_adds(o, "&amp;type=");
		buf_url(o, d->f.ctype);
	}
	buf_addf(o, "\" data-export=\"%s-%s\">%s</a>", api, format,
	    T(r, label));
}

static void
downloads(struct req *r, struct dash *d, const char *api, enum msg what)
{
	buf_addf(&r->out, "<p class=\"downloads\">%s: ", T(r, what));
	api_link(r, d, api, "xlsx", M_HR_DL_XLSX);
	buf_adds(&r->out, " · ");
	api_link(r, d, api, "csv", M_HR_DL_CSV);
	buf_adds(&r->out, "</p>");
}

/* Bars with their labels above them; no style attributes (CSP). */
static void
chart(struct req *r, struct dash *d)
{
	struct buf	*o = &r->out;
	int64_t		 max = 1;
	int		 i, n = d->nunits < HR_CHART_MAX ? d->nunits : HR_CHART_MAX;
	long long	 w;

	for (i = 0; i < n; i++)
		if (d->units[i].jp > max)
			max = d->units[i].jp;
	buf_addf(o, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" "
	    "role=\"img\" aria-labelledby=\"jp-chart-title jp-chart-desc\" "
	    "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\">"
	    "<title id=\"jp-chart-title\">", CHART_W, n * CHART_ROW + 8,
	    CHART_W, n * CHART_ROW + 8);
	buf_html(o, T(r, M_HR_PER_UNIT));
	buf_addf(o, " %d</title><desc id=\"jp-chart-desc\">", d->f.year);
	buf_html(o, T(r, M_HR_CHART_DESC));
	buf_adds(o, "</desc>");
	for (i = 0; i < n; i++) {
		w = (long long)(d->units[i].jp * CHART_BAR_W / max);
		buf_addf(o, "<g><title>");
		buf_html(o, unit_label(r, d->units[i].unit));
		buf_adds(o, ": ");
		view_cjp(r, o, d->units[i].jp);
		buf_addf(o, " JP</title><text x=\"0\" y=\"%d\" "
		    "font-size=\"13\" fill=\"#1d2b28\">", i * CHART_ROW + 14);
		buf_html(o, unit_label(r, d->units[i].unit));
		buf_addf(o, "</text><rect x=\"0\" y=\"%d\" width=\"%lld\" "
		    "height=\"16\" fill=\"#0b6e4f\"/><text x=\"%lld\" y=\"%d\" "
		    "font-size=\"13\" fill=\"#1d2b28\">",
		    i * CHART_ROW + 18, w, w + 6, i * CHART_ROW + 31);
		view_cjp(r, o, d->units[i].jp);
		buf_adds(o, "</text></g>");
	}
	buf_adds(o, "</svg>");
}

static void
unit_table(struct req *r, struct dash *d)
{
	struct buf	*o = &r->out;
	int		 i;

	buf_addf(o, "<div class=\"scroll\"><table id=\"units\"><caption>%s"
	    "</caption><thead><tr><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">JP</th></tr></thead><tbody>",
	    T(r, M_HR_PER_UNIT), T(r, M_UNIT), T(r, M_HR_ASN),
	    T(r, M_HR_COMPLETIONS));
	for (i = 0; i < d->nunits; i++) {
		buf_adds(o, "<tr><th scope=\"row\">");
		buf_html(o, unit_label(r, d->units[i].unit));
		buf_addf(o, "</th><td>%lld</td><td>%lld</td><td>",
		    (long long)d->units[i].people, (long long)d->units[i].done);
		view_cjp(r, o, d->units[i].jp);
		buf_adds(o, "</td></tr>");
	}
	buf_adds(o, "</tbody></table></div>");
}

/* "66,7" (id) or "66.7" (en); share of meeting in people. */
static void
share(struct req *r, int64_t part, int64_t whole)
{
	long long	 tenths = whole ? (part * 1000 + whole / 2) / whole : 0;

	buf_addf(&r->out, "%lld%s%lld%%", tenths / 10, T(r, M_NUM_DECIMAL),
	    tenths % 10);
}

static int
dash_body(struct req *r, struct dash *d)
{
	struct buf	*o = &r->out;

	struct ledger_dash	 t;
	int			 rc;

	/* Year and unit: the counters kept with every ledger write (a few
	   rows per unit); a course or type filter: one pass over people. */
	if ((rc = ledger_dashboard(r->st, &d->f, &t, dash_unit, dash_below,
	    d)) == -1 || d->rows.oom)
		return -1;
	if (rc == 0) {
		d->people = t.people;
		d->meeting = t.meeting;
		d->done = t.done;
		d->cjp = t.cjp;
		d->below = t.people - t.meeting;
	} else {
		d->f.by_jp = 1;
		if (ledger_people(r->st, &d->f, person, d) == -1 ||
		    d->rows.oom)
			return -1;
	}
	qsort(d->units, (size_t)d->nunits, sizeof(d->units[0]), by_jp);
	if (d->nunits > HR_UNITS_MAX)
		d->nunits = HR_UNITS_MAX;
	buf_addf(o, "<section class=\"card\" aria-labelledby=\"fig-h\"><h2 "
	    "id=\"fig-h\">%s %d</h2><dl class=\"figures\">"
	    "<dt>%s</dt><dd id=\"completions\">%lld</dd>"
	    "<dt>%s</dt><dd id=\"jp-total\">", T(r, M_YEAR), d->f.year,
	    T(r, M_HR_COMPLETIONS), (long long)d->done, T(r, M_HR_JP_TOTAL));
	view_cjp(r, o, d->cjp);
	buf_addf(o, "</dd><dt>%s</dt><dd id=\"meeting\">%lld / %lld</dd>"
	    "<dt>%s</dt><dd id=\"share\">", T(r, M_HR_MEETING),
	    (long long)d->meeting, (long long)d->people, T(r, M_HR_SHARE));
	share(r, d->meeting, d->people);
	buf_addf(o, "</dd></dl><p id=\"counted-rule\"><small>%s</small></p>",
	    T(r, M_HR_COUNTED_RULE));
	downloads(r, d, "completions", M_HR_DL_COMPLETIONS);
	downloads(r, d, "jp-summary", M_HR_DL_JP);
	buf_adds(o, "<div id=\"excel-note\">");
	view_notice(r, "info", T(r, M_HR_EXCEL_NOTE));
	buf_adds(o, "</div>");
	buf_addf(o, "</section><section aria-labelledby=\"unit-h\"><h2 "
	    "id=\"unit-h\">%s</h2>", T(r, M_HR_PER_UNIT));
	chart(r, d);
	unit_table(r, d);
	buf_addf(o, "</section><section aria-labelledby=\"below-h\"><h2 "
	    "id=\"below-h\">%s (%lld)</h2>", T(r, M_HR_BELOW),
	    (long long)d->below);
	if (d->below == 0)
		buf_addf(o, "<p>%s</p>", T(r, M_HR_BELOW_NONE));
	else {
		buf_addf(o, "<div class=\"scroll\"><table id=\"below\"><thead>"
		    "<tr><th scope=\"col\">NIP</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">JP</th></tr>"
		    "</thead><tbody>", T(r, M_NAME), T(r, M_UNIT));
		buf_add(o, d->rows.p, d->rows.n);
		buf_adds(o, "</tbody></table></div>");
		if (d->below > HR_BELOW_MAX)
			view_notice(r, "info", T(r, M_HR_BELOW_MORE));
	}
	downloads(r, d, "jp-summary", M_HR_DL_JP);
	buf_adds(o, "</section>");
	return 0;
}

int
hr_dashboard(struct req *r)
{
	struct dash	 d;
	int		 status = 200;

	memset(&d, 0, sizeof(d));
	d.r = r;
	view_begin(r, T(r, M_NAV_HR));
	buf_addf(&r->out, "<h1>%s</h1><p><a href=\"/hr/roster\">%s</a> · "
	    "<a href=\"/hr/siasn\">%s</a> · <a href=\"/hr/perencanaan\">%s"
	    "</a> · <a href=\"/hr/learning\">%s</a></p>", T(r, M_HR_TITLE),
	    T(r, M_ROSTER_TITLE), T(r, M_SIASN_LINK), T(r, M_PLAN_TITLE),
	    T(r, M_LR_CLASS_TITLE));
	/* planb: the planning cycle's HR pages (hr_cycle.c). */
	buf_addf(&r->out, "<p id=\"planning-links\">%s: <a href=\"/hr/survey\">"
	    "%s</a> · <a href=\"/hr/plan\">%s</a> · <a href=\"/hr/assign\">%s"
	    "</a></p>", T(r, M_PB_PLANNING), T(r, M_PB_HR_SURVEYS),
	    T(r, M_PB_AGENCY_PLAN), T(r, M_PB_ASSIGNMENTS));
	if (filters(r, &d) == -1) {
		view_notice(r, "error", T(r, M_HR_BAD_FILTER));
		memset(&d.f, 0, sizeof(d.f));
		d.f.year = ledger_year(r->now);
		d.f.unit = d.f.course = d.f.ctype = "";
		status = 400;
	}
	if (filter_form(r, &d) == -1)
		goto err;
	if (status == 200) {
		if ((d.units = calloc(UNITS_SEEN_MAX, sizeof(*d.units))) ==
		    NULL || (d.hash = calloc(UNITS_HASH, sizeof(*d.hash))) ==
		    NULL) {
			status = HTTP_OOM;
			goto err;
		}
		if (dash_body(r, &d) == -1)
			goto err;
		eval_page_coverage(r, d.f.year, d.f.unit);	/* evaluation */
	}
	view_end(r);
	free(d.units);
	free(d.hash);
	buf_free(&d.rows);
	return status;
err:
	/* A store failure is 500; out of memory (the page or its rows) is
	   HTTP_OOM like everywhere else. */
	if (status != HTTP_OOM)
		status = d.rows.oom || r->out.oom ? HTTP_OOM : 500;
	free(d.units);
	free(d.hash);
	buf_free(&d.rows);
	buf_reset(&r->out);
	return status;
}
