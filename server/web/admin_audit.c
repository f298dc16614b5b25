/* admin_audit: the audit log viewer (filters, pages). See admin.h. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "admin.h"
#include "http.h"
#include "nip.h"
#include "param.h"
#include "wib.h"
#include "view.h"

#define AUDIT_PAGE	50	/* rows per page */
#define AUDIT_Q_MAX	64	/* bytes of an actor search or event code */

/* Every event the server writes, with its readable name. */
static const struct {
	const char	*code;
	enum msg	 name;
} events[] = {
	{ "login.ok", M_EV_LOGIN_OK },
	{ "login.fail", M_EV_LOGIN_FAIL },
	{ "login.locked", M_EV_LOGIN_LOCKED },
	{ "logout", M_EV_LOGOUT },
	{ "user.add", M_EV_USER_ADD },
	{ "user.role", M_EV_USER_ROLE },
	{ "user.password_reset", M_EV_USER_PW },
	{ "user.deactivate", M_EV_USER_DEACT },
	{ "user.activate", M_EV_USER_ACT },
	{ "roster.import", M_EV_ROSTER_IMPORT },
	{ "roster.dry_run", M_EV_ROSTER_DRY },
	{ "roster.rejected", M_EV_ROSTER_REJ },
	{ "setup.issue", M_EV_SETUP_ISSUE },
	{ "setup.done", M_EV_SETUP_DONE },
	{ "setup.fail", M_EV_SETUP_FAIL },
	{ "setup.locked", M_EV_SETUP_LOCKED },
	{ "token.create", M_EV_TOKEN_CREATE },
	{ "token.revoke", M_EV_TOKEN_REVOKE },
	{ "api.call", M_EV_API_CALL },
	{ "quiz.regrade", M_EV_QUIZ_REGRADE },
	{ "demo.accounts", M_EV_DEMO },
};
#define NEVENTS	((int)(sizeof(events) / sizeof(events[0])))

/* The readable name of an event code; the code itself if unknown. */
static const char *
event_name(struct req *r, const char *code)
{
	int	 i;

	for (i = 0; i < NEVENTS; i++)
		if (strcmp(events[i].code, code) == 0)
			return T(r, events[i].name);
	return code;
}

/* What the filter form sent, checked. */
struct audit_q {
	char		 event[AUDIT_Q_MAX];
	char		 actor[AUDIT_Q_MAX];
	char		 from[11], to[11];
	struct audit_filter f;
	enum msg	 problem;	/* 0: none */
	int		 nomatch;	/* actor filter matches nobody */
};

static void
copy_param(struct req *r, const char *name, char *dst, size_t len)
{
	const char	*v = http_query(r, name);
	size_t		 n;

	while (v && (*v == ' ' || *v == '\t'))
		v++;
	snprintf(dst, len, "%s", v ? v : "");
	n = strlen(dst);
	while (n > 0 && (dst[n - 1] == ' ' || dst[n - 1] == '\t'))
		dst[--n] = '\0';
}

struct actor_match {
	int64_t	 id;
	int	 n;
};

static void
actor_found(void *arg, const struct user *u)
{
	struct actor_match *m = arg;

	m->id = u->id;
	m->n++;
}

/* Reads and checks the filters: 0 ok, 400 bad input, 500. */
static int
parse_filters(struct req *r, struct audit_q *q)
{
	struct actor_match m = { 0, 0 };
	struct user	 u;
	struct param_date day;
	const char	*c;
	int		 rc;

	memset(q, 0, sizeof(*q));
	copy_param(r, "event", q->event, sizeof(q->event));
	copy_param(r, "actor", q->actor, sizeof(q->actor));
	copy_param(r, "from", q->from, sizeof(q->from));
	copy_param(r, "to", q->to, sizeof(q->to));
	for (c = q->event; *c; c++)
		if (!islower((unsigned char)*c) && *c != '.' && *c != '_')
			return 400;
	q->f.event = q->event;
	q->f.limit = AUDIT_PAGE + 1;	/* one more tells "there is more" */
	/* Cursors: row ids; 0 (absent) means none. */
	if ((rc = param_int(r, "before", http_query(r, "before"), 1,
	    PARAM_ID_MAX, &q->f.before)) != 0 ||
	    (rc = param_int(r, "after", http_query(r, "after"), 1,
	    PARAM_ID_MAX, &q->f.after)) != 0)
		return rc;
	/* A bad date is shown on the form, beside the field. */
	if (q->from[0]) {
		if (param_parse_date(q->from, &day) == -1) {
			q->problem = M_AUDIT_BAD_DATE;
			return 400;
		}
		q->f.from = day.t;
	}
	if (q->to[0]) {
		if (param_parse_date(q->to, &day) == -1) {
			q->problem = M_AUDIT_BAD_DATE;
			return 400;
		}
		q->f.to = day.t + 86400;	/* the whole last day */
	}
	if (q->actor[0] == '\0')
		return 0;
	if (nip_format(q->actor)) {
		if ((rc = store_user_by_nip(r->st, q->actor, &u, NULL, 0)) == -1)
			return 500;
		m.n = rc == 0;
		m.id = u.id;
	} else if (store_user_search(r->st, q->actor, 2, actor_found,
	    &m) == -1)
		return 500;
	if (m.n == 1)
		q->f.actor = m.id;
	else {
		q->problem = m.n ? M_AUDIT_ACTOR_MANY : M_AUDIT_ACTOR_UNKNOWN;
		q->nomatch = 1;
	}
	return 0;
}

/* "?event=..&actor=..&from=..&to=.." of the current filters, then more. */
static void
filter_url(struct buf *o, const struct audit_q *q, const char *cur,
    int64_t id)
{
	buf_adds(o, "/admin/audit?event=");
	buf_url(o, q->event);
	buf_adds(o, "&amp;actor=");
	buf_url(o, q->actor);
	buf_adds(o, "&amp;from=");
	buf_url(o, q->from);
	buf_adds(o, "&amp;to=");
	buf_url(o, q->to);
	if (cur)
		buf_addf(o, "&amp;%s=%lld", cur, (long long)id);
}

static void
filter_form(struct req *r, const struct audit_q *q)
{
	struct buf	*o = &r->out;
	int		 i;

	buf_addf(o, "<form method=\"get\" action=\"/admin/audit\" "
	    "class=\"filters\" role=\"search\" aria-label=\"%s\">"
	    "<label>%s<select name=\"event\"><option value=\"\">%s</option>",
	    T(r, M_AUDIT_FILTER), T(r, M_EVENT), T(r, M_AUDIT_ALL_EVENTS));
	for (i = 0; i < NEVENTS; i++)
		buf_addf(o, "<option value=\"%s\"%s>%s</option>",
		    events[i].code, strcmp(q->event, events[i].code) == 0 ?
		    " selected" : "", T(r, events[i].name));
	buf_addf(o, "</select></label><label>%s<input name=\"actor\" "
	    "maxlength=\"%d\" placeholder=\"%s\" value=\"", T(r, M_ACTOR),
	    AUDIT_Q_MAX - 1, T(r, M_AUDIT_ACTOR_HINT));
	buf_html(o, q->actor);
	buf_addf(o, "\"></label><label>%s<input type=\"date\" name=\"from\" "
	    "value=\"", T(r, M_AUDIT_FROM));
	buf_html(o, q->from);
	buf_addf(o, "\"></label><label>%s<input type=\"date\" name=\"to\" "
	    "value=\"", T(r, M_AUDIT_TO));
	buf_html(o, q->to);
	buf_addf(o, "\"></label><div class=\"buttons\"><button type=\"submit\">"
	    "%s</button> <a href=\"/admin/audit\">%s</a></div></form>",
	    T(r, M_AUDIT_APPLY), T(r, M_AUDIT_RESET));
}

struct audit_rows {
	struct audit_row *row;
	int		 n;
};

static void
collect(void *arg, const struct audit_row *a)
{
	struct audit_rows *x = arg;

	if (x->n <= AUDIT_PAGE)
		x->row[x->n++] = *a;
}

static void
row_html(struct req *r, const struct audit_row *a)
{
	struct buf	*o = &r->out;

	buf_addf(o, "<tr data-id=\"%lld\"><td data-label=\"%s\">",
	    (long long)a->id, T(r, M_TIME));
	view_datetime(r, a->at);
	buf_addf(o, "</td><td data-label=\"%s\">", T(r, M_ACTOR));
	if (a->actor_nip[0]) {
		buf_html(o, a->actor_name);
		buf_adds(o, "<br><small class=\"nip\">");
		buf_html(o, a->actor_nip);
		buf_adds(o, "</small>");
	} else
		buf_html(o, T(r, M_AUDIT_SYSTEM));
	buf_addf(o, "</td><td data-label=\"%s\" data-event=\"", T(r, M_EVENT));
	buf_html(o, a->event);
	buf_adds(o, "\">");
	buf_html(o, event_name(r, a->event));
	buf_addf(o, "</td><td data-label=\"%s\" class=\"detail\">",
	    T(r, M_DETAIL));
	buf_html(o, a->detail);
	buf_addf(o, "</td><td data-label=\"%s\">", T(r, M_ADDRESS));
	buf_html(o, a->ip);
	buf_adds(o, "</td></tr>");
}

int
admin_audit(struct req *r)
{
	struct audit_rows x = { NULL, 0 };
	struct buf	*o = &r->out;
	struct audit_q	 q;
	int		 status, i, more, asc, newer, older;

	status = parse_filters(r, &q);
	if (status == 500)
		return 500;
	if (status == 400 && q.problem == 0)
		return 400;
	view_begin(r, T(r, M_AUDIT_TITLE));
	buf_addf(o, "<h1>%s</h1>", T(r, M_AUDIT_TITLE));
	filter_form(r, &q);
	if (q.problem)
		view_notice(r, "error", T(r, q.problem));
	if (status == 0 && !q.nomatch) {
		if ((x.row = calloc(AUDIT_PAGE + 1, sizeof(*x.row))) == NULL)
			return HTTP_OOM;
		if (store_audit_query(r->st, &q.f, collect, &x) == -1) {
			free(x.row);
			return 500;
		}
	}
	if (x.row != NULL && q.f.after > 0 && x.n <= AUDIT_PAGE) {
		/* Paged back up to the newest rows: that is the first page. */
		q.f.after = 0;
		x.n = 0;
		if (store_audit_query(r->st, &q.f, collect, &x) == -1) {
			free(x.row);
			return 500;
		}
	}
	asc = q.f.after > 0;
	more = x.n > AUDIT_PAGE;
	if (more)
		x.n = AUDIT_PAGE;
	/* Newer pages come oldest first: shown newest first like the rest. */
	newer = asc ? more : q.f.before > 0;
	older = asc ? x.n > 0 : more;
	if (x.n == 0)
		view_notice(r, "info", T(r, M_AUDIT_NONE));
	else {
		buf_addf(o, "<div class=\"scroll\"><table class=\"audit stack\">"
		    "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s"
		    "</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th></tr></thead><tbody>",
		    T(r, M_TIME), T(r, M_ACTOR), T(r, M_EVENT),
		    T(r, M_DETAIL), T(r, M_ADDRESS));
		for (i = 0; i < x.n; i++)
			row_html(r, &x.row[asc ? x.n - 1 - i : i]);
		buf_adds(o, "</tbody></table></div>");
	}
	buf_addf(o, "<nav class=\"pager\" aria-label=\"%s\">",
	    T(r, M_AUDIT_PAGES));
	if (newer) {
		buf_adds(o, "<a href=\"");
		filter_url(o, &q, NULL, 0);
		buf_addf(o, "\">%s</a> <a rel=\"prev\" href=\"", T(r, M_NEWEST));
		filter_url(o, &q, "after", x.n ? x.row[asc ? x.n - 1 : 0].id :
		    q.f.before - 1);
		buf_addf(o, "\">&larr; %s</a> ", T(r, M_NEWER));
	}
	if (older && x.n) {
		buf_adds(o, "<a rel=\"next\" href=\"");
		filter_url(o, &q, "before", x.row[asc ? 0 : x.n - 1].id);
		buf_addf(o, "\">%s &rarr;</a>", T(r, M_OLDER));
	}
	buf_adds(o, "</nav>");
	free(x.row);
	view_end(r);
	return status == 0 ? 200 : status;
}
