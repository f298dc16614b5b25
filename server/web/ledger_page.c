/* ledger_page: ledger entries and "Tim saya" on pages. See ledger_page.h. */
#include <stdio.h>
#include <string.h>

#include "http.h"
#include "jprules.h"
#include "ledger.h"
#include "ledger_page.h"
#include "view.h"

static enum msg
source_msg(const char *s)
{
	if (strcmp(s, "mentoring") == 0)
		return M_LEDGER_SRC_MENTORING;
	if (strcmp(s, "coaching") == 0)
		return M_LEDGER_SRC_COACHING;
	if (strcmp(s, "classroom") == 0)
		return M_LEDGER_SRC_CLASSROOM;
	if (strcmp(s, "external") == 0)
		return M_LEDGER_SRC_EXTERNAL;
	return M_LEDGER_SRC_ELEARNING;
}

static enum msg
status_msg(const char *s)
{
	if (strcmp(s, "approved") == 0)
		return M_LEDGER_ST_APPROVED;
	if (strcmp(s, "returned") == 0)
		return M_LEDGER_ST_RETURNED;
	return M_LEDGER_ST_PENDING;
}

/* The form's name in the rules in force, else its code. */
static const char *
form_name(const char *code)
{
	const struct jpr_form	*f = ledger_rules() ?
	    jprules_form(ledger_rules(), code) : NULL;

	return f != NULL ? f->name : code;
}

/* "PNS", "PPPK": the type code as people write it. */
static void
type_text(struct buf *o, const char *type)
{
	for (; *type; type++)
		buf_addc(o, (char)(*type >= 'a' && *type <= 'z' ?
		    *type - 'a' + 'A' : *type));
}

struct entries {
	struct req	*r;
	struct buf	 rows;		/* taken from r->out after listing */
	int		 n;
};

static int
entry_row(void *arg, const struct ledger_entry *e)
{
	struct entries	*x = arg;
	struct req	*r = x->r;
	struct buf	*o = &r->out;	/* the rows while listing */

	x->n++;
	buf_addf(o, "<tr data-status=\"%s\"><td>", strcmp(e->status,
	    "approved") == 0 ? "approved" : strcmp(e->status, "returned") == 0 ?
	    "returned" : "pending");
	buf_html(o, e->title);
	buf_addf(o, "</td><td>%s</td><td>", T(r, source_msg(e->source)));
	buf_html(o, form_name(e->kind));
	buf_adds(o, "</td><td class=\"num\">");
	view_cjp(r, o, e->cjp);
	buf_adds(o, "</td><td>");
	view_date(r, e->at);
	buf_addf(o, "</td><td>%s", T(r, status_msg(e->status)));
	if (e->note[0]) {
		buf_adds(o, "<br><small>");
		buf_html(o, e->note);
		buf_adds(o, "</small>");
	}
	buf_adds(o, "</td><td><code>");
	buf_html(o, e->rule_ref);
	buf_adds(o, "</code></td></tr>");
	return 0;
}

int
ledger_page_entries(struct req *r, int64_t user)
{
	struct entries	 x;
	struct buf	*o, save;
	int		 rc;

	memset(&x, 0, sizeof(x));
	x.r = r;
	/* Rows first (the heading counts them), built in r->out so that
	   view_* helpers write into them; then put back below the head. */
	save = r->out;
	memset(&r->out, 0, sizeof(r->out));
	rc = store_ledger_list_user(r->st, user, entry_row, &x);
	x.rows = r->out;
	r->out = save;
	o = &r->out;
	if (rc == -1 || x.rows.oom) {
		buf_free(&x.rows);
		return -1;
	}
	buf_addf(o, "<h2 id=\"entries-h\">%s (%d)</h2><p><small>%s</small></p>",
	    T(r, M_LEDGER_ENTRIES), x.n, T(r, M_LEDGER_ONLY_APPROVED));
	if (x.n == 0)
		buf_addf(o, "<p>%s</p>", T(r, M_RECORD_NONE));
	else {
		buf_addf(o, "<div class=\"scroll\"><table id=\"entries\" "
		    "aria-labelledby=\"entries-h\"><thead><tr>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">JP"
		    "</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th></tr></thead><tbody>",
		    T(r, M_HR_COURSE), T(r, M_LEDGER_SOURCE),
		    T(r, M_LEDGER_FORM), T(r, M_DATE), T(r, M_STATUS),
		    T(r, M_LEDGER_RULE));
		buf_add(o, x.rows.p, x.rows.n);
		buf_adds(o, "</tbody></table></div>");
	}
	buf_free(&x.rows);
	return 0;
}

struct team {
	struct req	*r;
	struct buf	 rows;
	int		 n;
};

static int
member_row(void *arg, const struct ledger_person *p)
{
	struct team	*t = arg;
	struct req	*r = t->r;
	struct buf	*o = &r->out;	/* the rows while listing */

	t->n++;
	buf_addf(o, "<tr data-nip=\"%s\"><td>", p->u.nip);
	buf_html(o, p->u.name);
	buf_adds(o, "<br><small>");
	buf_html(o, p->u.nip);
	buf_adds(o, " · ");
	buf_html(o, p->u.position);
	buf_adds(o, "</small></td><td>");
	type_text(o, p->type);
	buf_adds(o, "</td><td class=\"num jp\">");
	view_cjp(r, o, p->cjp);
	buf_adds(o, " / ");
	view_cjp(r, o, ledger_target_cjp(p->type));
	buf_adds(o, "</td><td>");
	view_cjp_progress(r, p->cjp, ledger_target_cjp(p->type),
	    T(r, M_TEAM_TARGET));
	buf_adds(o, "</td><td class=\"num pending\">");
	view_cjp(r, o, p->cjp_pending);
	buf_adds(o, "</td></tr>");
	return 0;
}

int
team_page(struct req *r)
{
	struct ledger_filter	 f;
	struct team		 t;
	struct buf		*o = &r->out;
	int			 year = ledger_year(r->now);

	memset(&t, 0, sizeof(t));
	t.r = r;
	memset(&f, 0, sizeof(f));
	f.year = year;
	f.atasan = r->user.nip;		/* the session's own team, only */
	{
		struct buf	 save = r->out;
		int		 rc;

		memset(&r->out, 0, sizeof(r->out));
		rc = r->user.nip[0] == '\0' ? -1 :
		    ledger_people(r->st, &f, member_row, &t);
		t.rows = r->out;
		r->out = save;
		if (rc == -1 || t.rows.oom) {
			buf_free(&t.rows);
			return 500;
		}
	}
	view_begin(r, T(r, M_TEAM_TITLE));
	buf_addf(o, "<h1>%s</h1><p>%s</p>", T(r, M_TEAM_TITLE),
	    T(r, M_TEAM_INTRO));
	if (t.n == 0)
		buf_addf(o, "<p id=\"team-none\">%s</p>", T(r, M_TEAM_NONE));
	else {
		buf_addf(o, "<div class=\"scroll\"><table id=\"team\"><caption>"
		    "%s %d</caption><thead><tr><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">JP"
		    "</th><th scope=\"col\">%s</th><th scope=\"col\" "
		    "class=\"num\">%s</th></tr></thead><tbody>",
		    T(r, M_RECORD_JP_YEAR), year, T(r, M_TEAM_MEMBER),
		    T(r, M_TEAM_TYPE), T(r, M_TEAM_TARGET),
		    T(r, M_TEAM_PENDING));
		buf_add(o, t.rows.p, t.rows.n);
		buf_adds(o, "</tbody></table></div>");
	}
	buf_free(&t.rows);
	view_end(r);
	return 200;
}

void
ledger_page_target(struct req *r, const char *type)
{
	const struct jpr_rules	*rules = ledger_rules();
	const struct jpr_target	*t = NULL;
	char			 jp[LEDGER_CJP_STR], line[160];

	if (rules != NULL && (t = jprules_target(rules, type)) == NULL)
		t = jprules_target(rules, "pns");
	if (t == NULL) {
		buf_html(&r->out, T(r, M_RECORD_TARGET));
		return;
	}
	ledger_cjp_str(jp, sizeof(jp), t->min_cjp_year > 0 ? t->min_cjp_year :
	    t->max_cjp_year, T(r, M_NUM_DECIMAL)[0]);
	snprintf(line, sizeof(line), T(r, t->min_cjp_year > 0 ?
	    M_LEDGER_TARGET_MIN : M_LEDGER_TARGET_MAX), jp);
	buf_html(&r->out, line);
	if (t->source[0]) {
		buf_adds(&r->out, " (");
		buf_html(&r->out, t->source);
		buf_adds(&r->out, ")");
	}
}
