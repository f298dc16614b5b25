/* hr_roster: roster upload page, import report, setup codes. See hr.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth.h"
#include "hr.h"
#include "http.h"
#include "multipart.h"
#include "nip.h"
#include "roster.h"
#include "setup.h"
#include "view.h"

#define CSRF_MAX	80	/* a session CSRF token is 64 hex digits */

/* What the upload form sent. */
struct upload {
	const char	*csv;		/* not NUL-terminated when from multipart */
	size_t		 len;
	int		 dry, codes, file;
};

static void
count(struct req *r, const char *id, enum msg m, int n)
{
	buf_addf(&r->out, "<dt>%s</dt><dd id=\"%s\">%d</dd>", T(r, m), id, n);
}

/* "nip\tname\tcode\n" lines as a table; the buffer is consumed. */
static void
codes_table(struct req *r, struct buf *codes)
{
	struct buf	*o = &r->out;
	char		*line, *next, *name, *code;

	buf_addf(o, "<h3>%s</h3>", T(r, M_SETUP_CODES));
	view_notice(r, "info", T(r, M_SETUP_CODES_NOTE));
	buf_addf(o, "<div class=\"scroll\"><table id=\"codes\"><thead><tr>"
	    "<th scope=\"col\">NIP</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th></tr></thead><tbody>", T(r, M_NAME),
	    T(r, M_SETUP_CODE));
	for (line = codes->p; line && *line; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if ((name = strchr(line, '\t')) == NULL ||
		    (code = strchr(name + 1, '\t')) == NULL)
			break;
		*name++ = '\0';
		*code++ = '\0';
		buf_adds(o, "<tr><td>");
		buf_html(o, line);
		buf_adds(o, "</td><td>");
		buf_html(o, name);
		buf_adds(o, "</td><td><code>");
		buf_html(o, code);
		buf_adds(o, "</code></td></tr>");
	}
	buf_adds(o, "</tbody></table></div>");
}

static void
report(struct req *r, struct roster_report *rep, int rc)
{
	struct buf	*o = &r->out;
	int		 i;

	buf_addf(o, "<section class=\"card\" id=\"report\" aria-labelledby="
	    "\"report-h\"><h2 id=\"report-h\">%s</h2>", T(r, M_ROSTER_RESULT));
	if (rc == 1)
		view_notice(r, "error", T(r, M_ROSTER_REJECTED));
	else if (rep->dry_run)
		view_notice(r, "info", T(r, M_ROSTER_DRY_DONE));
	else
		view_notice(r, "ok", T(r, M_ROSTER_DONE));
	buf_adds(o, "<dl class=\"figures\">");
	count(r, "rep-rows", M_ROSTER_ROWS, rep->rows);
	count(r, "rep-new", M_ROSTER_NEW, rep->nnew);
	count(r, "rep-updated", M_ROSTER_UPDATED, rep->nupdated);
	count(r, "rep-same", M_ROSTER_SAME, rep->nsame);
	count(r, "rep-bad", M_ROSTER_BAD, rep->nbad);
	buf_adds(o, "</dl>");
	if (rep->nproblem) {
		buf_adds(o, "<ol class=\"problems\">");
		for (i = 0; i < rep->nproblem; i++) {
			buf_addf(o, "<li>%s %d: ", T(r, M_ROSTER_LINE),
			    rep->problem[i].line);
			buf_html(o, rep->problem[i].why);
			buf_adds(o, "</li>");
		}
		buf_adds(o, "</ol>");
		if (rep->nbad > rep->nproblem)
			buf_addf(o, "<p>+%d %s</p>", rep->nbad - rep->nproblem,
			    T(r, M_ROSTER_MORE));
	}
	if (rep->codes.n)
		codes_table(r, &rep->codes);
	buf_adds(o, "</section>");
}

static void
user_row(void *arg, const struct user *u)
{
	struct req	*r = arg;
	struct buf	*o = &r->out;

	hr_person_cells(o, u);
	buf_addf(o, "</td><td>%s</td><td>", T(r, u->has_password ?
	    M_SETUP_HAS_PW : M_SETUP_NO_PW));
	if (u->active && (u->role == ROLE_LEARNER ||
	    (r->user.role & ROLE_ADMIN))) {
		buf_addf(o, "<form method=\"post\" action=\"/hr/users/%s/"
		    "setup-code\" class=\"inline\">", u->nip);
		view_csrf(r);
		buf_addf(o, "<button type=\"submit\">%s</button></form>",
		    T(r, M_SETUP_ISSUE));
	}
	buf_adds(o, "</td></tr>");
}

/* keep: a rejected pasted CSV goes back into the textarea to be fixed. */
static int
roster_page(struct req *r, struct roster_report *rep, int rc,
    const char *error, int status, const struct upload *keep)
{
	struct buf	*o = &r->out;
	const char	*q = http_query(r, "q");

	buf_reset(o);
	view_begin(r, T(r, M_ROSTER_TITLE));
	buf_addf(o, "<p><a href=\"/hr\">%s</a></p><h1>%s</h1>",
	    T(r, M_NAV_HR), T(r, M_ROSTER_TITLE));
	if (error)
		view_notice(r, "error", error);
	if (rep)
		report(r, rep, rc);
	buf_addf(o, "<section class=\"card\"><p>%s</p><p>%s</p>"
	    "<form method=\"post\" action=\"/hr/roster\" "
	    "enctype=\"multipart/form-data\">", T(r, M_ROSTER_HELP),
	    T(r, M_ROSTER_FORMATS));
	view_csrf(r);
	buf_addf(o, "<label for=\"csv\">%s</label><textarea id=\"csv\" "
	    "name=\"csv\" rows=\"8\" spellcheck=\"false\" placeholder=\""
	    "nip,nama,unit_kerja,jabatan,golongan,email,nip_atasan\">",
	    T(r, M_ROSTER_PASTE));
	if (keep && !keep->file && keep->csv)
		buf_htmln(o, keep->csv, keep->len);
	buf_addf(o, "</textarea><label for=\"file\">%s</label><input id=\"file\" "
	    "name=\"file\" type=\"file\" accept=\".xlsx,.csv,.txt,.tsv,"
	    "text/csv,text/plain,application/vnd.openxmlformats-officedocument."
	    "spreadsheetml.sheet\">"
	    "<label><input type=\"checkbox\" name=\"dry_run\" value=\"1\"> %s"
	    "</label><label><input type=\"checkbox\" name=\"codes\" "
	    "value=\"1\"> %s</label><button type=\"submit\">%s</button>"
	    "</form></section>", T(r, M_ROSTER_FILE),
	    T(r, M_ROSTER_DRY), T(r, M_ROSTER_CODES), T(r, M_ROSTER_SUBMIT));
	buf_addf(o, "<section><h2>%s</h2><form method=\"get\" "
	    "action=\"/hr/roster\" role=\"search\"><label for=\"q\">%s "
	    "(NIP / %s)</label><input id=\"q\" name=\"q\" value=\"",
	    T(r, M_SETUP_ISSUE), T(r, M_SEARCH), T(r, M_NAME));
	buf_html(o, q ? q : "");
	buf_addf(o, "\"><button type=\"submit\">%s</button></form>",
	    T(r, M_SEARCH));
	if (q && q[0]) {
		buf_addf(o, "<div class=\"scroll\"><table id=\"users\"><thead>"
		    "<tr><th scope=\"col\">NIP</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">Status</th>"
		    "<th scope=\"col\"></th></tr></thead><tbody>",
		    T(r, M_NAME), T(r, M_UNIT));
		if (store_user_search(r->st, q, HR_SEARCH_MAX, user_row,
		    r) == -1)
			return 500;
		buf_adds(o, "</tbody></table></div>");
	}
	buf_adds(o, "</section>");
	view_end(r);
	return status;
}

int
hr_roster_page(struct req *r)
{
	return roster_page(r, NULL, 0, NULL, 200, NULL);
}

/* The CSV and options from a multipart or urlencoded body; 0 or 400. */
static int
upload(struct req *r, struct multipart *mp, struct upload *u)
{
	const struct mp_part *text, *file, *tok;
	const char	*ct = http_header_in(r, "Content-Type");
	char		 boundary[MP_BOUNDARY_MAX + 1], t[CSRF_MAX];

	if (ct == NULL || strncasecmp(ct, "multipart/form-data", 19) != 0) {
		if (!auth_csrf_ok(r))
			return 403;
		u->csv = http_param(r, "csv");
		u->len = u->csv ? strlen(u->csv) : 0;
		u->dry = http_param(r, "dry_run") != NULL;
		u->codes = http_param(r, "codes") != NULL;
		return 0;
	}
	if (multipart_boundary(ct, boundary, sizeof(boundary)) == -1 ||
	    multipart_parse(r->body, r->bodylen, boundary, mp) == -1)
		return 400;
	tok = multipart_get(mp, "csrf");
	if (tok == NULL || tok->len >= sizeof(t))
		return 403;
	memcpy(t, tok->data, tok->len);
	t[tok->len] = '\0';
	if (!auth_csrf_token_ok(r, t))
		return 403;
	text = multipart_get(mp, "csv");
	file = multipart_get(mp, "file");
	if (text && text->len && file && file->len)
		return 409;
	if ((u->file = file && file->len))
		text = file;
	u->csv = text ? text->data : NULL;
	u->len = text ? text->len : 0;
	u->dry = multipart_get(mp, "dry_run") != NULL;
	u->codes = multipart_get(mp, "codes") != NULL;
	return 0;
}

int
hr_roster_post(struct req *r)
{
	struct roster_report *rep = NULL;
	struct multipart *mp;
	struct upload	 u;
	int		 rc, status;

	if ((mp = calloc(1, sizeof(*mp))) == NULL)
		return HTTP_OOM;
	/* CSRF is checked in upload(): http.c cannot read multipart. */
	memset(&u, 0, sizeof(u));
	status = upload(r, mp, &u);
	if (status == 403) {
		free(mp);
		return 403;
	}
	if (status == 400 || status == 409 || u.len == 0) {
		free(mp);
		return roster_page(r, NULL, 0, T(r, status == 400 ?
		    M_ROSTER_BAD_UPLOAD : status == 409 ? M_ROSTER_BOTH :
		    M_ROSTER_EMPTY), 400, NULL);
	}
	if ((rep = calloc(1, sizeof(*rep))) == NULL) {
		free(mp);
		return HTTP_OOM;
	}
	rc = roster_import(r->st, u.csv, u.len, u.dry, u.codes, r->user.id,
	    r->ip, r->now, rep);
	status = rc == -1 ? 500 : roster_page(r, rep, rc, NULL, rc == 1 ?
	    400 : 200, rc == 1 ? &u : NULL);
	free(mp);
	roster_report_free(rep);
	free(rep);
	return status;
}

int
hr_setup_code(struct req *r)
{
	struct buf	*o = &r->out;
	struct user	 u;
	char		 code[SETUP_CODE_BUF];
	int		 rc;

	if (!nip_format(r->seg[2]))
		return 404;
	if ((rc = store_user_by_nip(r->st, r->seg[2], &u, NULL, 0)) != 0)
		return rc == 1 ? 404 : 500;
	/* HR may not take over staff accounts through a code. */
	if (!(r->user.role & ROLE_ADMIN) && u.role != ROLE_LEARNER)
		return roster_page(r, NULL, 0, T(r, M_SETUP_NOT_ALLOWED), 403,
		    NULL);
	if (!u.active)
		return roster_page(r, NULL, 0, T(r, M_INACTIVE), 409, NULL);
	/* The code and its audit row stand or fall together. */
	if (store_begin(r->st) == -1)
		return 500;
	if (setup_issue(r->st, &u, r->now, code) == -1 ||
	    store_audit(r->st, r->user.id, "setup.issue", u.nip, r->ip) == -1) {
		store_rollback(r->st);
		sodium_memzero(code, sizeof(code));
		return 500;
	}
	if (store_commit(r->st) == -1) {
		sodium_memzero(code, sizeof(code));
		return 500;
	}
	view_begin(r, T(r, M_SETUP_CODES));
	buf_addf(o, "<p><a href=\"/hr/roster\">%s</a></p><h1>%s</h1>"
	    "<section class=\"card\"><p>%s ", T(r, M_ROSTER_TITLE),
	    T(r, M_SETUP_CODES), T(r, M_SETUP_ISSUED_FOR));
	buf_html(o, u.name);
	buf_adds(o, " (");
	buf_html(o, u.nip);
	buf_addf(o, ")</p><p class=\"big\"><code id=\"setup-code\">%s</code>"
	    "</p><p>%s ", code, T(r, M_SETUP_VALID_UNTIL));
	view_datetime(r, r->now + SETUP_CODE_TTL);
	buf_adds(o, "</p>");
	view_notice(r, "info", T(r, M_SETUP_CODES_NOTE));
	buf_adds(o, "</section>");
	view_end(r);
	sodium_memzero(code, sizeof(code));
	return 200;
}
