/* view: page layout and small shared HTML pieces. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "http.h"
#include "learnrec.h"
#include "ledger.h"
#include "store_programme.h"
#include "numfmt.h"
#include "view.h"
#include "wib.h"


/* The layout is on every page: plain appends, no printf. */
static void
nav_link(struct req *r, const char *href, enum msg m)
{
	size_t	 n = strlen(href);
	int	 cur = strncmp(r->path, href, n) == 0 &&
		    (r->path[n] == '\0' || r->path[n] == '/');

	buf_adds(&r->out, "<a href=\"");
	buf_add(&r->out, href, n);
	buf_adds(&r->out, cur ? "\" aria-current=\"page\">" : "\">");
	buf_html(&r->out, T(r, m));
	buf_adds(&r->out, "</a>");
}

/* "Tim saya" for anyone who is someone's atasan; programmes for them,
   HR and anyone paired in one. */
static void
nav_team(struct req *r)
{
	int64_t	 n = 0;
	int	 member = 0;

	if (r->st != NULL && store_ledger_team_size(r->st, r->user.nip,
	    &n) == 0 && n > 0)
		nav_link(r, "/team", M_TEAM_TITLE);
	if (n > 0 || (r->user.role & (ROLE_HR | ROLE_ADMIN)) ||
	    (r->st != NULL && store_programme_member(r->st, r->user.id,
	    &member) == 0 && member))
		nav_link(r, "/programmes", M_NAV_PROGRAMMES);
}

/* The reminder: what waits for this user's review, when anything does
   (and always for HR, whose queue it is). */
static void
nav_review(struct req *r)
{
	int64_t	 n = 0;

	if (r->st == NULL || learnrec_pending_count(r->st, &r->user, &n) == -1)
		n = 0;
	if (n == 0 && !(r->user.role & (ROLE_HR | ROLE_ADMIN)))
		return;
	buf_addf(&r->out, "<a href=\"/review\"%s>",
	    strncmp(r->path, "/review", 7) == 0 ? " aria-current=\"page\"" : "");
	buf_html(&r->out, T(r, M_NAV_REVIEW));
	if (n > 0)
		buf_addf(&r->out, " <span class=\"count\" id=\"review-count\">"
		    "%lld</span>", (long long)n);
	buf_adds(&r->out, "</a>");
}

/* "/" is a prefix of every path: current only on the home page itself. */
static void
nav_home(struct req *r)
{
	buf_adds(&r->out, strcmp(r->path, "/") == 0 ?
	    "<a href=\"/\" aria-current=\"page\">" : "<a href=\"/\">");
	buf_html(&r->out, T(r, M_HOME));
	buf_adds(&r->out, "</a>");
}

void
view_begin(struct req *r, const char *title)
{
	struct buf	*o = &r->out;

	buf_reserve(o, VIEW_PAGE_RESERVE);
	buf_adds(o, "<!doctype html>\n<html lang=\"");
	buf_adds(o, T(r, M_LANG_CODE));
	buf_adds(o, "\"><head><meta charset=\"utf-8\">"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	    "<title>");
	buf_html(o, title);
	buf_adds(o, " · Lentera</title>"
	    "<link rel=\"stylesheet\" href=\"/static/lentera.css\">"
	    "<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">"
	    "</head><body>");
	buf_adds(o, "<a class=\"skip\" href=\"#main\">");
	buf_adds(o, T(r, M_SKIP_LINK));
	buf_adds(o, "</a>");
	buf_adds(o, "<header class=\"top\"><a class=\"brand\" href=\"/\">"
	    "<span aria-hidden=\"true\">✦</span> Lentera</a><nav aria-label=\"Menu\">");
	if (r->user.id) {
		nav_home(r);
		nav_link(r, "/courses", M_NAV_CATALOG);
		nav_link(r, "/grades", M_NAV_GRADES);
		nav_link(r, "/record", M_NAV_RECORD);
		nav_link(r, "/evaluasi", M_NAV_EVAL);
		nav_link(r, "/plan", M_PB_NAV_PLAN);
		nav_link(r, "/learning", M_NAV_LEARNING);
		nav_team(r);
		nav_review(r);
		if (r->user.role & (ROLE_TRAINER | ROLE_HR | ROLE_ADMIN))
			nav_link(r, "/trainer", M_NAV_TRAINER);
		if (r->user.role & (ROLE_HR | ROLE_ADMIN))
			nav_link(r, "/hr", M_NAV_HR);
		if (r->user.role & ROLE_ADMIN) {
			nav_link(r, "/admin/users", M_NAV_ADMIN);
			nav_link(r, "/admin/audit", M_NAV_AUDIT);
			nav_link(r, "/admin/settings", M_NAV_SETTINGS);
		}
	}
	buf_adds(o, "<a href=\"/lang/");
	buf_adds(o, T(r, M_LANG_OTHER));
	buf_adds(o, "?next=");
	buf_url(o, r->path);
	buf_adds(o, "\" lang=\"");
	buf_adds(o, T(r, M_LANG_OTHER));
	buf_adds(o, "\">");
	buf_adds(o, T(r, M_LANG_SWITCH));
	buf_adds(o, "</a>");
	if (r->user.id) {
		buf_adds(o, "<form method=\"post\" action=\"/logout\" class=\"inline\">");
		view_csrf(r);
		buf_adds(o, "<button class=\"link\" type=\"submit\">");
		buf_adds(o, T(r, M_LOGOUT));
		buf_adds(o, "</button></form>");
	}
	buf_adds(o, "</nav>");
	if (r->user.id) {
		buf_adds(o, "<p class=\"who\">");
		buf_html(o, r->user.name);
		buf_adds(o, " · ");
		buf_html(o, r->user.nip);
		buf_adds(o, "</p>");
	}
	buf_adds(o, "</header><main id=\"main\">");
	if (cfg.demo && r->user.id == 0)
		view_notice(r, "info", T(r, M_DEMO_NOTE));
}

void
view_end(struct req *r)
{
	buf_adds(&r->out, "</main><footer><p>Lentera · ");
	buf_adds(&r->out, T(r, M_APP_TAGLINE));
	buf_adds(&r->out, "</p></footer></body></html>\n");
}

void
view_csrf(struct req *r)
{
	buf_adds(&r->out, "<input type=\"hidden\" name=\"csrf\" value=\"");
	buf_adds(&r->out, r->csrf);
	buf_adds(&r->out, "\">");
}

void
view_progress(struct req *r, int pct, const char *label)
{
	if (pct < 0)
		pct = 0;
	if (pct > 100)
		pct = 100;
	buf_addf(&r->out, "<div class=\"progress\"><progress max=\"100\" "
	    "value=\"%d\" aria-label=\"", pct);
	buf_html(&r->out, label);
	buf_addf(&r->out, "\">%d%%</progress><span>", pct);
	numfmt_pct(&r->out, r->lang, pct, 0);	/* "50 %" / "50%" */
	buf_adds(&r->out, "</span></div>");
}

void
view_date(struct req *r, int64_t t)
{
	char	 s[64];

	wib_date(t, r->lang, s, sizeof(s));
	buf_adds(&r->out, s);
}

void
view_datetime(struct req *r, int64_t t)
{
	struct tm	 tm;

	wib_tm(t, &tm);
	view_date(r, t);
	buf_addf(&r->out, " %02d.%02d WIB", tm.tm_hour, tm.tm_min);
}

void
view_notice(struct req *r, const char *kind, const char *msg)
{
	buf_addf(&r->out, "<p class=\"notice %s\" role=\"%s\">", kind,
	    strcmp(kind, "error") == 0 ? "alert" : "status");
	buf_html(&r->out, msg);
	buf_adds(&r->out, "</p>");
}

void
view_cjp(struct req *r, struct buf *o, int64_t cjp)
{
	char	 t[LEDGER_CJP_STR];

	ledger_cjp_str(t, sizeof(t), cjp, T(r, M_NUM_DECIMAL)[0]);
	buf_adds(o, t);
}

void
view_cjp_progress(struct req *r, int64_t cjp, int64_t target,
    const char *label)
{
	view_progress(r, target <= 0 || cjp >= target ? 100 :
	    (int)(cjp * 100 / target), label);
}
