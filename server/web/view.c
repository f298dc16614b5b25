/* view: page layout and small shared HTML pieces. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "http.h"
#include "learnrec.h"
#include "ledger.h"
#include "store_programme.h"
#include "numfmt.h"
#include "sesscache.h"
#include "store_ledger.h"
#include "view.h"
#include "wib.h"


/*
 * The layout is on every page: plain appends, no printf. The bar's
 * links are made once per language, plain and current (aria-current),
 * as ready HTML: a link is then a path check and one append.
 */
enum nav_item {
	NAV_HOME, NAV_CATALOG, NAV_GRADES, NAV_RECORD, NAV_EVAL, NAV_PLAN,
	NAV_LEARNING, NAV_TEAM, NAV_PROGRAMMES, NAV_TRAINER, NAV_HR,
	NAV_ADMIN, NAV_AUDIT, NAV_SETTINGS, NAV__COUNT
};

static const struct {
	const char	*href;
	enum msg	 m;
} nav_items[NAV__COUNT] = {
	[NAV_HOME] = { "/", M_HOME },
	[NAV_CATALOG] = { "/courses", M_NAV_CATALOG },
	[NAV_GRADES] = { "/grades", M_NAV_GRADES },
	[NAV_RECORD] = { "/record", M_NAV_RECORD },
	[NAV_EVAL] = { "/evaluasi", M_NAV_EVAL },
	[NAV_PLAN] = { "/plan", M_PB_NAV_PLAN },
	[NAV_LEARNING] = { "/learning", M_NAV_LEARNING },
	[NAV_TEAM] = { "/team", M_TEAM_TITLE },
	[NAV_PROGRAMMES] = { "/programmes", M_NAV_PROGRAMMES },
	[NAV_TRAINER] = { "/trainer", M_NAV_TRAINER },
	[NAV_HR] = { "/hr", M_NAV_HR },
	[NAV_ADMIN] = { "/admin/users", M_NAV_ADMIN },
	[NAV_AUDIT] = { "/admin/audit", M_NAV_AUDIT },
	[NAV_SETTINGS] = { "/admin/settings", M_NAV_SETTINGS },
};

#define NAV_LANGS	2	/* enum lang */

static struct buf	 nav_html[NAV_LANGS][NAV__COUNT][2];
static pthread_once_t	 nav_once = PTHREAD_ONCE_INIT;

static void
nav_build(void)
{
	int	 l, i, cur;

	for (l = 0; l < NAV_LANGS; l++)
		for (i = 0; i < NAV__COUNT; i++)
			for (cur = 0; cur < 2; cur++) {
				struct buf	*b = &nav_html[l][i][cur];

				buf_adds(b, "<a href=\"");
				buf_adds(b, nav_items[i].href);
				buf_adds(b, cur ? "\" aria-current=\"page\">" :
				    "\">");
				buf_html(b, i18n(l, nav_items[i].m));
				buf_adds(b, "</a>");
			}
}

static int
nav_current(const struct req *r, enum nav_item i)
{
	const char	*href = nav_items[i].href;
	size_t		 n = strlen(href);

	/* "/" is a prefix of every path: current only on the home page. */
	if (i == NAV_HOME)
		return strcmp(r->path, "/") == 0;
	return strncmp(r->path, href, n) == 0 &&
	    (r->path[n] == '\0' || r->path[n] == '/');
}

static void
nav_link(struct req *r, struct buf *o, enum nav_item i)
{
	const char	*href = nav_items[i].href;
	int		 cur, l = (unsigned)r->lang < NAV_LANGS ? (int)r->lang : 0;
	const struct buf *b;

	cur = nav_current(r, i);
	pthread_once(&nav_once, nav_build);
	b = &nav_html[l][i][cur];
	if (b->oom) {	/* out of memory at start-up: the slow way */
		buf_adds(o, "<a href=\"");
		buf_adds(o, href);
		buf_adds(o, cur ? "\" aria-current=\"page\">" : "\">");
		buf_html(o, T(r, nav_items[i].m));
		buf_adds(o, "</a>");
		return;
	}
	buf_add(o, b->p, b->n);
}

/*
 * What the bar shows beside the role: the review queue count, whether
 * the user is someone's atasan, whether they are in a programme. Three
 * queries, so they are cached in the session's entry (sesscache.h),
 * exact under the same epoch as the session itself: the writes that
 * change them raise it (store_perf_bump). A failed query shows the
 * link-less default and is not cached.
 */
static void
nav_facts(struct req *r, struct sesscache_nav *f)
{
	int64_t	 n = 0;
	int	 member = 0, ok = 1;

	memset(f, 0, sizeof(*f));
	if (r->epoch_ok && sesscache_nav(r->sid, r->epoch, f))
		return;
	if (r->st == NULL)
		return;
	if (store_ledger_team_size(r->st, r->user.nip, &n) == 0)
		f->team = n > 0;
	else
		ok = 0;
	if (store_programme_member(r->st, r->user.id, &member) == 0)
		f->member = member;
	else
		ok = 0;
	if (learnrec_pending_count(r->st, &r->user, &f->pending) == -1) {
		f->pending = 0;
		ok = 0;
	}
	if (ok && r->epoch_ok)
		sesscache_nav_put(r->sid, r->epoch, f);
}

/* "Tim saya" for anyone who is someone's atasan; programmes for them,
   HR and anyone paired in one. */
static void
nav_team(struct req *r, struct buf *o, const struct sesscache_nav *f)
{
	if (f->team)
		nav_link(r, o, NAV_TEAM);
	if (f->team || (r->user.role & (ROLE_HR | ROLE_ADMIN)) || f->member)
		nav_link(r, o, NAV_PROGRAMMES);
}

/* The reminder: what waits for this user's review, when anything does
   (and always for HR, whose queue it is). */
static void
nav_review(struct req *r, struct buf *o, const struct sesscache_nav *f)
{
	if (f->pending == 0 && !(r->user.role & (ROLE_HR | ROLE_ADMIN)))
		return;
	buf_adds(o, strncmp(r->path, "/review", 7) == 0 ?
	    "<a href=\"/review\" aria-current=\"page\">" :
	    "<a href=\"/review\">");
	buf_html(o, T(r, M_NAV_REVIEW));
	if (f->pending > 0) {
		buf_adds(o, " <span class=\"count\" id=\"review-count\">");
		buf_addi(o, f->pending);
		buf_adds(o, "</span>");
	}
	buf_adds(o, "</a>");
}

/*
 * Staff (trainer, HR, admin) have up to 15 links: grouped into menus by
 * area (a <details> each: no script, keyboard and screen readers know
 * it), the home, catalogue, evaluation and review links beside them. A
 * menu holding the current page is marked (lentera.css).
 */
static void
menu_begin(struct req *r, struct buf *o, enum msg label,
    const enum nav_item *items, size_t n)
{
	size_t	 i;
	int	 cur = 0;

	for (i = 0; i < n; i++)
		cur |= nav_current(r, items[i]);
	buf_adds(o, cur ? "<details class=\"menu current\"><summary>" :
	    "<details class=\"menu\"><summary>");
	buf_html(o, T(r, label));
	buf_adds(o, "</summary><div class=\"menu-items\">");
}

static void
menu(struct req *r, struct buf *o, enum msg label, const enum nav_item *items,
    size_t n)
{
	size_t	 i;

	if (n == 0)
		return;
	menu_begin(r, o, label, items, n);
	for (i = 0; i < n; i++)
		nav_link(r, o, items[i]);
	buf_adds(o, "</div></details>");
}

static void
nav_staff(struct req *r, struct buf *o)
{
	static const enum nav_item rec[] = { NAV_GRADES, NAV_RECORD,
	    NAV_LEARNING };
	struct sesscache_nav nav;
	enum nav_item	 plan[3], manage[5];
	size_t		 np = 0, nm = 0;

	nav_facts(r, &nav);
	plan[np++] = NAV_PLAN;
	if (nav.team)
		plan[np++] = NAV_TEAM;
	/* Staff with HR or admin always see programmes (nav_team). */
	if (nav.team || (r->user.role & (ROLE_HR | ROLE_ADMIN)) || nav.member)
		plan[np++] = NAV_PROGRAMMES;
	manage[nm++] = NAV_TRAINER;
	if (r->user.role & (ROLE_HR | ROLE_ADMIN))
		manage[nm++] = NAV_HR;
	if (r->user.role & ROLE_ADMIN) {
		manage[nm++] = NAV_ADMIN;
		manage[nm++] = NAV_AUDIT;
		manage[nm++] = NAV_SETTINGS;
	}
	nav_link(r, o, NAV_HOME);
	nav_link(r, o, NAV_CATALOG);
	menu(r, o, M_NAV_G_RECORD, rec, sizeof(rec) / sizeof(rec[0]));
	menu(r, o, M_NAV_G_PLAN, plan, np);
	nav_link(r, o, NAV_EVAL);
	nav_review(r, o, &nav);
	menu(r, o, M_NAV_G_MANAGE, manage, nm);
}

void
view_begin(struct req *r, const char *title)
{
	buf_reserve(&r->out, VIEW_PAGE_RESERVE);
	view_head(r, &r->out, title);
	view_header(r, &r->out);
}

void
view_head(struct req *r, struct buf *o, const char *title)
{
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
}

void
view_header(struct req *r, struct buf *o)
{
	struct sesscache_nav nav;

	if (r->user.id && (r->user.role & (ROLE_TRAINER | ROLE_HR |
	    ROLE_ADMIN)))
		nav_staff(r, o);
	else if (r->user.id) {
		nav_link(r, o, NAV_HOME);
		nav_link(r, o, NAV_CATALOG);
		nav_link(r, o, NAV_GRADES);
		nav_link(r, o, NAV_RECORD);
		nav_link(r, o, NAV_EVAL);
		nav_link(r, o, NAV_PLAN);
		nav_link(r, o, NAV_LEARNING);
		nav_facts(r, &nav);
		nav_team(r, o, &nav);
		nav_review(r, o, &nav);
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
		view_csrf_to(r, o);
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
	if (cfg.demo && r->user.id == 0) {
		buf_adds(o, "<p class=\"notice info\" role=\"status\">");
		buf_html(o, T(r, M_DEMO_NOTE));
		buf_adds(o, "</p>");
	}
}

void
view_end(struct req *r)
{
	view_foot(r, &r->out);
}

void
view_foot(struct req *r, struct buf *o)
{
	buf_adds(o, "</main><footer><p>Lentera · ");
	buf_adds(o, T(r, M_APP_TAGLINE));
	buf_adds(o, "</p></footer></body></html>\n");
}

void
view_csrf(struct req *r)
{
	view_csrf_to(r, &r->out);
}

void
view_csrf_to(struct req *r, struct buf *o)
{
	buf_adds(o, "<input type=\"hidden\" name=\"csrf\" value=\"");
	buf_adds(o, r->csrf);
	buf_adds(o, "\">");
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
