/* programme_page: mentoring and coaching programmes. See programme_page.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "param.h"
#include "ledger.h"
#include "programme.h"
#include "programme_page.h"
#include "store_ledger.h"
#include "view.h"
#include "wib.h"

static int
list_row(void *arg, const struct programme *p)
{
	struct req	*r = arg;
	struct buf	*o = &r->out;

	buf_addf(o, "<tr data-id=\"%lld\"><td><a href=\"/programmes/%lld\">",
	    (long long)p->id, (long long)p->id);
	buf_html(o, p->name);
	buf_addf(o, "</a></td><td>%s</td><td>", strcmp(p->kind, "coaching") ==
	    0 ? "Coaching" : "Mentoring");
	buf_html(o, p->focus);
	buf_adds(o, "</td><td>");
	view_date(r, p->start_at);
	buf_adds(o, " – ");
	view_date(r, p->end_at);
	buf_addf(o, "</td><td class=\"num\">%lld</td></tr>", (long long)p->pairs);
	return 0;
}

static int
may_create(struct req *r)
{
	int64_t	 n = 0;

	if (r->user.role & (ROLE_HR | ROLE_ADMIN))
		return 1;
	return store_ledger_team_size(r->st, r->user.nip, &n) == 0 && n > 0;
}

static int
list_page(struct req *r, int status, const char *why)
{
	struct buf	*o = &r->out;
	size_t		 mark;

	view_begin(r, T(r, M_PG_TITLE));
	buf_addf(o, "<h1>%s</h1>", T(r, M_PG_TITLE));
	if (why != NULL && why[0]) {
		buf_adds(o, "<div id=\"form-error\">");
		view_notice(r, "error", why);
		buf_adds(o, "</div>");
	}
	buf_addf(o, "<div class=\"scroll\"><table id=\"programmes\"><thead><tr>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">"
	    "%s</th><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s"
	    "</th></tr></thead><tbody>", T(r, M_PG_NAME), T(r, M_PG_KIND),
	    T(r, M_PG_FOCUS), T(r, M_PG_PERIOD), T(r, M_PG_PAIRS));
	mark = o->n;
	if (store_programme_list(r->st, r->user.role & (ROLE_HR | ROLE_ADMIN) ?
	    0 : r->user.id, list_row, r) == -1)
		return 500;
	if (o->n == mark)
		buf_addf(o, "<tr><td colspan=\"5\">%s</td></tr>", T(r, M_PG_NONE));
	buf_adds(o, "</tbody></table></div>");
	if (may_create(r)) {
		buf_addf(o, "<section class=\"card\"><h2>%s</h2><form method=\"post\" "
		    "action=\"/programmes\" class=\"grid\" id=\"new-programme\">"
		    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		    "<label for=\"name\">%s</label><input id=\"name\" name=\"name\" "
		    "required maxlength=\"255\"><label for=\"kind\">%s</label>"
		    "<select id=\"kind\" name=\"kind\"><option value=\"mentoring\">"
		    "Mentoring</option><option value=\"coaching\">Coaching</option>"
		    "</select><label for=\"focus\">%s</label><input id=\"focus\" "
		    "name=\"focus\" maxlength=\"255\"><label for=\"start\">%s</label>"
		    "<input id=\"start\" name=\"start\" type=\"date\" required>"
		    "<label for=\"end\">%s</label><input id=\"end\" name=\"end\" "
		    "type=\"date\" required><button type=\"submit\">%s</button>"
		    "</form></section>", T(r, M_PG_NEW), r->csrf, T(r, M_PG_NAME),
		    T(r, M_PG_KIND), T(r, M_PG_FOCUS), T(r, M_LR_F_START),
		    T(r, M_LR_F_END), T(r, M_PG_CREATE));
	}
	view_end(r);
	return status;
}

int
programmes_page(struct req *r)
{
	return list_page(r, 200, NULL);
}


static int
copy(const char *v, char *dst, size_t len)
{
	if (v == NULL)
		v = "";
	if (strlen(v) >= len)
		return -1;
	memcpy(dst, v, strlen(v) + 1);
	return 0;
}

int
programmes_create(struct req *r)
{
	struct programme	 p;
	char			 why[LEARNREC_WHY_MAX], loc[48];
	int			 rc;

	memset(&p, 0, sizeof(p));
	if (copy(http_param(r, "name"), p.name, sizeof(p.name)) == -1 ||
	    copy(http_param(r, "kind"), p.kind, sizeof(p.kind)) == -1 ||
	    copy(http_param(r, "focus"), p.focus, sizeof(p.focus)) == -1)
		return list_page(r, 422, T(r, M_LR_E_LONG));
	if ((p.start_at = wib_parse_day(http_param(r, "start"))) == -1 ||
	    (p.end_at = wib_parse_day(http_param(r, "end"))) == -1)
		return list_page(r, 422, T(r, M_LR_E_PERIOD));
	p.end_at += 86400 - 1;		/* through the last day */
	rc = programme_create(r->st, &r->user, &p, r->now, why, sizeof(why));
	if (rc == 0) {
		snprintf(loc, sizeof(loc), "/programmes/%lld", (long long)p.id);
		http_redirect(r, loc);
		return 303;
	}
	return rc == 1 ? list_page(r, 422, why) : rc == 2 ? 403 : 500;
}

struct pairs {
	struct req		*r;
	const struct programme	*p;
	int			 n;
};

static int
pair_row(void *arg, const struct programme_pair *q)
{
	struct pairs	*x = arg;
	struct req	*r = x->r;
	struct buf	*o = &r->out;

	if (!programme_sees_pair(&r->user, x->p, q))
		return 0;
	x->n++;
	buf_addf(o, "<tr data-mentee=\"%s\"><td>", q->mentee_nip);
	buf_html(o, q->mentor_name);
	buf_addf(o, "<br><small>%s</small></td><td>", q->mentor_nip);
	buf_html(o, q->mentee_name);
	buf_addf(o, "<br><small>%s</small></td><td class=\"num sessions\">%lld / "
	    "%lld</td><td class=\"num\">%lld</td><td class=\"num jp\">",
	    q->mentee_nip, (long long)q->approved, (long long)q->sessions,
	    (long long)q->minutes);
	view_cjp(r, o, q->cjp);
	buf_addf(o, "</td><td class=\"num\">%lld / %lld</td></tr>",
	    (long long)q->rtl_done, (long long)q->rtl);
	return 0;
}

static int
detail(struct req *r, int64_t id, int status, const char *why,
    const struct learnclass_report *rep)
{
	struct programme	 p;
	struct pairs		 x;
	struct buf		*o = &r->out;
	const char		*v;
	int			 rc, i;

	if ((rc = store_programme_get(r->st, id, &p)) != 0)
		return rc == 1 ? 404 : 500;
	memset(&x, 0, sizeof(x));
	x.r = r;
	x.p = &p;
	view_begin(r, p.name);
	buf_addf(o, "<p><a href=\"/programmes\">%s</a></p><h1>", T(r, M_PG_TITLE));
	buf_html(o, p.name);
	buf_addf(o, "</h1><p>%s · ", strcmp(p.kind, "coaching") == 0 ?
	    "Coaching" : "Mentoring");
	buf_html(o, p.focus);
	buf_adds(o, " · ");
	view_date(r, p.start_at);
	buf_adds(o, " – ");
	view_date(r, p.end_at);
	buf_adds(o, "</p>");
	if (why != NULL && why[0]) {
		buf_adds(o, "<div id=\"form-error\">");
		view_notice(r, "error", why);
		buf_adds(o, "</div>");
	}
	if (rep != NULL && rep->nbad) {
		buf_addf(o, "<div id=\"problems\"><p>%s (%d)</p><ul>",
		    T(r, M_PG_PROBLEMS), rep->nbad);
		for (i = 0; i < rep->nproblem; i++) {
			buf_addf(o, "<li>%s %d: ", T(r, M_LR_LINE),
			    rep->problem[i].line);
			buf_html(o, rep->problem[i].why);
			buf_adds(o, "</li>");
		}
		buf_adds(o, "</ul></div>");
	}
	buf_addf(o, "<h2>%s</h2><div class=\"scroll\"><table id=\"pairs\"><thead>"
	    "<tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\" "
	    "class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
	    "<th scope=\"col\" class=\"num\">JP</th><th scope=\"col\" "
	    "class=\"num\">%s</th></tr></thead><tbody>", T(r, M_PG_PAIRS),
	    T(r, M_PG_MENTOR), T(r, M_PG_MENTEE), T(r, M_PG_SESSIONS),
	    T(r, M_PG_MINUTES), T(r, M_PG_RTL));
	if (store_programme_pairs(r->st, id, pair_row, &x) == -1)
		return 500;
	if (x.n == 0 && !programme_manages(&r->user, &p)) {
		buf_reset(o);
		return 404;	/* neither a manager nor in a pair */
	}
	if (x.n == 0)
		buf_addf(o, "<tr><td colspan=\"6\">%s</td></tr>",
		    T(r, M_PG_NO_PAIRS));
	buf_adds(o, "</tbody></table></div>");
	if (programme_manages(&r->user, &p)) {
		buf_addf(o, "<section class=\"card\"><h2>%s</h2><form method=\"post\" "
		    "action=\"/programmes/%lld/pairs\" id=\"pair-form\"><input "
		    "type=\"hidden\" name=\"csrf\" value=\"%s\"><label for=\"pairs-in\">"
		    "%s</label><textarea id=\"pairs-in\" name=\"pairs\" rows=\"6\" "
		    "required>", T(r, M_PG_PAIRS_ADD), (long long)id, r->csrf,
		    T(r, M_PG_PAIRS_HINT));
		if (rep != NULL && (v = http_param(r, "pairs")) != NULL)
			buf_html(o, v);
		buf_addf(o, "</textarea><button type=\"submit\">%s</button></form>"
		    "</section>", T(r, M_PG_SAVE_PAIRS));
	}
	view_end(r);
	return status;
}

static int64_t
id_of(const char *s)
{
	int64_t	 v;

	return param_parse_int(s, 1, PARAM_ID_MAX, &v) == 0 ? v : -1;
}

int
programme_page(struct req *r)
{
	int64_t	 id;

	if (r->nseg != 2 || (id = id_of(r->seg[1])) == -1)
		return 404;
	return detail(r, id, 200, NULL, NULL);
}

int
programme_pairs(struct req *r)
{
	struct learnclass_report *rep;
	const char	*text = http_param(r, "pairs");
	char		 why[LEARNREC_WHY_MAX], loc[48];
	int64_t		 id;
	int		 rc, status;

	if (r->nseg != 3 || (id = id_of(r->seg[1])) == -1)
		return 404;
	if ((rep = calloc(1, sizeof(*rep))) == NULL)
		return 503;
	if (text == NULL)
		text = "";
	rc = programme_pairs_import(r->st, &r->user, id, text, strlen(text),
	    r->now, rep, why, sizeof(why));
	if (rc == 0) {
		free(rep);
		snprintf(loc, sizeof(loc), "/programmes/%lld", (long long)id);
		http_redirect(r, loc);
		return 303;
	}
	status = rc == 1 ? detail(r, id, 422, why, rep) : rc == 2 ? 403 :
	    rc == 3 ? 404 : 500;
	free(rep);
	return status;
}
