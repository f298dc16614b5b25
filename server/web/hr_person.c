/* hr_person: one ASN's record for HR (/hr/people/<nip>). See hr.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "course.h"
#include "hr.h"
#include "http.h"
#include "ledger.h"
#include "ledger_page.h"
#include "nip.h"
#include "param.h"
#include "record.h"
#include "view.h"

#define YEARS	(HR_YEAR_MAX - HR_YEAR_MIN + 1)

struct person {
	struct req	*r;
	int		 year;
	struct {
		int	 year, meets;
		int64_t	 cjp, target;
	}		 y[YEARS];	/* the ledger per year with JP */
	int		 ny;
	struct ledger_person now;	/* p->year */
	int		 ndone;
	struct buf	 done;		/* completion table rows */
	struct buf	 open;		/* in-progress table rows */
	int		 nopen;
	struct catalog	*cat;
};

static void
done_row(void *arg, const struct completion *c)
{
	struct person	*p = arg;
	struct req	*r = p->r;
	struct buf	*o = &r->out;	/* p->done while listing */

	p->ndone++;
	buf_adds(o, "<tr><td>");
	buf_html(o, c->course_title);
	buf_adds(o, "</td><td>");
	buf_html(o, c->competency);
	buf_adds(o, " (");
	buf_html(o, c->ctype);
	buf_addf(o, ", %s %d)</td><td>%d</td><td>%d</td><td>", T(r, M_LEVEL),
	    c->level, c->jp, c->year);
	view_date(r, c->completed_at);
	buf_adds(o, "</td><td>");
	if (c->score >= 0)
		buf_addf(o, "%.1f", c->score);
	buf_adds(o, "</td><td>");
	if (c->cert_no[0]) {
		buf_adds(o, "<a href=\"/verify/");
		buf_html(o, c->cert_no);
		buf_adds(o, "\">");
		buf_html(o, c->cert_no);
		buf_adds(o, "</a>");
	}
	buf_adds(o, "</td></tr>");
}

static void
open_row(void *arg, const char *course, int64_t done, int64_t first)
{
	struct person	*p = arg;
	struct req	*r = p->r;
	struct buf	*o = &r->out;	/* p->open while listing */
	const struct course *c = p->cat ? course_find(p->cat, course) : NULL;

	p->nopen++;
	buf_adds(o, "<tr><td>");
	if (c != NULL)
		buf_html(o, c->title);
	else {
		buf_html(o, course);
		buf_addf(o, " %s", T(r, M_HRP_UNKNOWN_COURSE));
	}
	if (c != NULL)
		buf_addf(o, "</td><td>%lld / %d</td><td>", (long long)done,
		    c->nmods);
	else
		buf_addf(o, "</td><td>%lld</td><td>", (long long)done);
	view_date(r, first);
	buf_adds(o, "</td></tr>");
}

static void
download(struct req *r, const char *nip, const char *fmt, const char *label)
{
	buf_adds(&r->out, "<a href=\"/api/v1/learners/");
	buf_url(&r->out, nip);
	buf_addf(&r->out, "/record?format=%s\" data-export=\"record-%s\">%s</a>",
	    fmt, fmt, label);
}

static void
identity(struct req *r, const struct user *u)
{
	struct buf	*o = &r->out;

	buf_adds(o, "<section class=\"card\" aria-labelledby=\"who-h\">"
	    "<h2 id=\"who-h\">");
	buf_html(o, u->name);
	buf_adds(o, "</h2><dl class=\"figures\"><dt>NIP</dt><dd id=\"nip\">");
	buf_html(o, u->nip);
	buf_addf(o, "</dd><dt>%s</dt><dd>", T(r, M_UNIT));
	buf_html(o, u->unit[0] ? u->unit : T(r, M_HR_NO_UNIT));
	buf_addf(o, "</dd><dt>%s</dt><dd>", T(r, M_POSITION));
	buf_html(o, u->position);
	buf_adds(o, "</dd><dt>Golongan</dt><dd>");
	buf_html(o, u->golongan);
	buf_addf(o, "</dd><dt>%s</dt><dd>%s</dd></dl>", T(r, M_ROLE),
	    T(r, u->role == ROLE_TRAINER ? M_ROLE_TRAINER : u->role == ROLE_HR ?
	    M_ROLE_HR : u->role == ROLE_ADMIN ? M_ROLE_ADMIN : M_ROLE_LEARNER));
	if (!u->active)
		view_notice(r, "info", T(r, M_HRP_INACTIVE));
	else if (u->role != ROLE_LEARNER)
		view_notice(r, "info", T(r, M_HRP_STAFF));
	buf_adds(o, "</section>");
}

static void
jp_card(struct req *r, const struct person *p)
{
	struct buf	*o = &r->out;
	int64_t		 target = ledger_target_cjp(p->now.type);

	buf_addf(o, "<section class=\"card\" aria-labelledby=\"jp-h\"><h2 "
	    "id=\"jp-h\">%s %d</h2><p class=\"big\"><strong id=\"jp-year\">",
	    T(r, M_HRP_JP_OF), p->year);
	view_cjp(r, o, p->now.cjp);
	buf_adds(o, "</strong> / ");
	view_cjp(r, o, target);
	buf_adds(o, " JP</p>");
	view_cjp_progress(r, p->now.cjp, target, T(r, M_HRP_JP_OF));
	buf_addf(o, "<p id=\"meets\">%s</p><p><small>",
	    T(r, ledger_meets(&p->now) ? M_HRP_MEETS : M_HRP_BELOW));
	ledger_page_target(r, p->now.type);
	buf_adds(o, "</small></p>");
	buf_adds(o, "</section>");
}

static int
year_row(void *arg, const struct ledger_person *lp)
{
	struct person	*p = arg;

	if (lp->cjp > 0 && p->ny < YEARS) {
		p->y[p->ny].year = lp->year;
		p->y[p->ny].cjp = lp->cjp;
		p->y[p->ny].target = ledger_target_cjp(lp->type);
		p->y[p->ny++].meets = ledger_meets(lp);
	}
	return 0;
}

static void
years_table(struct req *r, const struct person *p)
{
	struct buf	*o = &r->out;
	int		 i, any = 0;

	for (i = p->ny - 1; i >= 0; i--) {
		if (!any++)
			buf_addf(o, "<h2>%s</h2><div class=\"scroll\"><table "
			    "id=\"years\"><thead><tr><th scope=\"col\">%s</th>"
			    "<th scope=\"col\">JP</th><th scope=\"col\">%s</th>"
			    "</tr></thead><tbody>", T(r, M_HRP_BY_YEAR),
			    T(r, M_YEAR), T(r, M_HRP_MEETS));
		buf_addf(o, "<tr><th scope=\"row\">%d</th><td>", p->y[i].year);
		view_cjp(r, o, p->y[i].cjp);
		buf_adds(o, " / ");
		view_cjp(r, o, p->y[i].target);
		buf_addf(o, "</td><td>%s</td></tr>", T(r, p->y[i].meets ?
		    M_HRP_MEETS : M_HRP_BELOW));
	}
	if (any)
		buf_adds(o, "</tbody></table></div>");
}

static void
tables(struct req *r, const struct person *p)
{
	struct buf	*o = &r->out;

	buf_addf(o, "<h2>%s (%d)</h2>", T(r, M_RECORD_COURSES_DONE), p->ndone);
	if (p->ndone == 0)
		buf_addf(o, "<p>%s</p>", T(r, M_RECORD_NONE));
	else {
		buf_addf(o, "<div class=\"scroll\"><table id=\"done\"><thead><tr>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">JP</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th></tr></thead><tbody>",
		    T(r, M_HR_COURSE), T(r, M_COMPETENCY), T(r, M_YEAR),
		    T(r, M_COMPLETED_ON), T(r, M_SCORE),
		    T(r, M_CERTIFICATE));
		buf_add(o, p->done.p, p->done.n);
		buf_adds(o, "</tbody></table></div>");
	}
	buf_addf(o, "<h2>%s (%d)</h2>", T(r, M_HRP_IN_PROGRESS), p->nopen);
	if (p->nopen == 0)
		buf_addf(o, "<p>%s</p>", T(r, M_HRP_NO_PROGRESS));
	else {
		buf_addf(o, "<div class=\"scroll\"><table id=\"open\"><thead><tr>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th></tr></thead><tbody>",
		    T(r, M_HR_COURSE), T(r, M_RECORD_MODULES_DONE),
		    T(r, M_HRP_STARTED));
		buf_add(o, p->open.p, p->open.n);
		buf_adds(o, "</tbody></table></div>");
	}
}

int
hr_person(struct req *r)
{
	struct person	 p;
	struct user	 u;
	struct buf	 page;
	int		 rc, status = 500;

	if (r->nseg != 3 || !nip_format(r->seg[2]))
		return 404;
	memset(&p, 0, sizeof(p));
	p.r = r;
	/* ?year=: the dashboard's year, else the current WIB year. */
	p.year = ledger_year(r->now);
	if ((rc = param_int32(r, "year", http_query(r, "year"), HR_YEAR_MIN,
	    HR_YEAR_MAX, &p.year)) != 0)
		return rc;
	if ((rc = store_user_by_nip(r->st, r->seg[2], &u, NULL, 0)) != 0)
		return rc == 1 ? 404 : 500;
	p.cat = course_catalog();
	/* The table rows come first (the JP figure sums them) and are
	 * placed below it: list each into r->out, then take it aside. */
	page = r->out;
	memset(&r->out, 0, sizeof(r->out));
	rc = store_completion_list_user(r->st, u.id, done_row, &p);
	p.done = r->out;
	memset(&r->out, 0, sizeof(r->out));
	if (rc == 0)
		rc = store_progress_open(r->st, u.id, open_row, &p);
	p.open = r->out;
	r->out = page;
	if (rc == -1 || p.done.oom || p.open.oom) {
		status = rc == -1 ? 500 : HTTP_OOM;
		goto out;
	}
	{
		struct ledger_filter	 f;

		memset(&f, 0, sizeof(f));
		f.user_id = u.id;	/* year 0: a row per year */
		if (ledger_people(r->st, &f, year_row, &p) == -1 ||
		    ledger_person(r->st, u.id, p.year, &p.now) == -1)
			goto out;
	}
	view_begin(r, T(r, M_HRP_TITLE));
	buf_addf(&r->out, "<p><a href=\"/hr?year=%d\">%s</a></p><h1>%s</h1>",
	    p.year, T(r, M_API_BACK_HR), T(r, M_HRP_TITLE));
	identity(r, &u);
	jp_card(r, &p);
	buf_addf(&r->out, "<p class=\"downloads\">%s: ", T(r, M_HRP_DOWNLOAD));
	download(r, u.nip, "xlsx", T(r, M_HR_DL_XLSX));
	buf_adds(&r->out, " · ");
	download(r, u.nip, "csv", T(r, M_HR_DL_CSV));
	buf_adds(&r->out, "</p>");
	years_table(r, &p);
	if (ledger_page_entries(r, u.id) == -1)
		goto out;
	tables(r, &p);
	view_end(r);
	status = 200;
out:
	if (p.cat != NULL)
		course_release(p.cat);
	buf_free(&p.done);
	buf_free(&p.open);
	return status;
}
