/* learning: record and review learning outside the courses. See learning.h. */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "auth.h"
#include "evidence.h"
#include "http.h"
#include "param.h"
#include "jprules.h"
#include "learning.h"
#include "learnrec.h"
#include "ledger.h"
#include "log.h"
#include "multipart.h"
#include "view.h"
#include "wib.h"

#define FIELD_MAX	1024	/* bytes of one text field */

/* The multipart form of a POST: 0, 400 (malformed) or 403 (CSRF). */
static int
read_mp(struct req *r, struct multipart *mp)
{
	const struct mp_part *p;
	const char	*ct = http_header_in(r, "Content-Type");
	char		 boundary[MP_BOUNDARY_MAX + 1], t[128];

	if (ct == NULL || strncasecmp(ct, "multipart/form-data", 19) != 0 ||
	    multipart_boundary(ct, boundary, sizeof(boundary)) == -1 ||
	    multipart_parse(r->body, r->bodylen, boundary, mp) == -1)
		return 400;
	if ((p = multipart_get(mp, "csrf")) == NULL || p->len >= sizeof(t))
		return 403;
	memcpy(t, p->data, p->len);
	t[p->len] = '\0';
	return auth_csrf_token_ok(r, t) ? 0 : 403;
}

/* Text field name into dst (NUL-terminated; "" when absent). -1: too
   long or a NUL inside. */
static int
field(const struct multipart *mp, const char *name, char *dst, size_t len)
{
	const struct mp_part *p = multipart_get(mp, name);

	dst[0] = '\0';
	if (p == NULL)
		return 0;
	if (p->len >= len || memchr(p->data, '\0', p->len) != NULL)
		return -1;
	memcpy(dst, p->data, p->len);
	dst[p->len] = '\0';
	return 0;
}


/* "2,5" / "2.5" / "12" as cJP; -1 bad. */
static int64_t
cjp_of(const char *s)
{
	int64_t	 whole = 0, frac = 0;
	int	 digits = 0, fd = 0;

	for (; *s >= '0' && *s <= '9' && digits < 6; s++, digits++)
		whole = whole * 10 + (*s - '0');
	if (digits == 0)
		return -1;
	if (*s == ',' || *s == '.')
		for (s++; *s >= '0' && *s <= '9' && fd < 2; s++, fd++)
			frac = frac * 10 + (*s - '0');
	if (*s != '\0')
		return -1;
	return whole * 100 + (fd == 1 ? frac * 10 : frac);
}

static void
input(struct req *r, const char *id, enum msg label, const char *type,
    const char *extra)
{
	buf_addf(&r->out, "<label for=\"%s\">%s</label><input id=\"%s\" "
	    "name=\"%s\" type=\"%s\"%s>", id, T(r, label), id, id, type, extra);
}

static void
kind_select(struct req *r, int sessions)
{
	const struct jpr_rules	*rules = ledger_rules();
	int			 i;

	buf_addf(&r->out, "<label for=\"kind-%d\">%s</label><select "
	    "id=\"kind-%d\" name=\"kind\" required>", sessions,
	    T(r, M_LEDGER_FORM), sessions);
	for (i = 0; rules && i < rules->nforms; i++) {
		const struct jpr_form *f = &rules->form[i];
		int	 s = strcmp(f->code, "mentoring") == 0 ||
		    strcmp(f->code, "coaching") == 0;

		if (s != sessions || strcmp(f->code, "e-learning") == 0)
			continue;
		buf_adds(&r->out, "<option value=\"");
		buf_html(&r->out, f->code);
		buf_adds(&r->out, "\">");
		buf_html(&r->out, f->name);
		buf_adds(&r->out, "</option>");
	}
	buf_adds(&r->out, "</select>");
}

static void
form_training(struct req *r, int64_t id)
{
	buf_addf(&r->out, "<form method=\"post\" action=\"/learning\" "
	    "enctype=\"multipart/form-data\" class=\"grid\" id=\"new-training\">"
	    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", r->csrf);
	if (id)
		buf_addf(&r->out, "<input type=\"hidden\" name=\"id\" "
		    "value=\"%lld\">", (long long)id);
	buf_adds(&r->out, "<input type=\"hidden\" name=\"what\" "
	    "value=\"training\">");
	kind_select(r, 0);
	input(r, "title", M_LR_F_TITLE, "text", " required maxlength=\"255\"");
	input(r, "provider", M_LR_F_PROVIDER, "text", " maxlength=\"255\"");
	input(r, "start", M_LR_F_START, "date", " required");
	input(r, "end", M_LR_F_END, "date", " required");
	input(r, "jp", M_LR_F_JP, "text", " inputmode=\"decimal\" required");
	input(r, "cert_no", M_LR_F_CERT_NO, "text", " required maxlength=\"63\"");
	input(r, "evidence", M_LR_F_FILE, "file",
	    " accept=\"application/pdf,image/jpeg,image/png\"");
	buf_addf(&r->out, "<button type=\"submit\">%s</button></form>",
	    T(r, M_LR_SUBMIT));
}

static void
form_session(struct req *r, int64_t id)
{
	buf_addf(&r->out, "<form method=\"post\" action=\"/learning\" "
	    "enctype=\"multipart/form-data\" class=\"grid\" id=\"new-session\">"
	    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", r->csrf);
	if (id)
		buf_addf(&r->out, "<input type=\"hidden\" name=\"id\" "
		    "value=\"%lld\">", (long long)id);
	buf_adds(&r->out, "<input type=\"hidden\" name=\"what\" "
	    "value=\"session\">");
	kind_select(r, 1);
	input(r, "mentor", M_LR_F_MENTOR, "text",
	    " required inputmode=\"numeric\" pattern=\"[0-9]{18}\"");
	input(r, "start", M_LR_F_DATE, "date", " required");
	input(r, "minutes", M_LR_F_MINUTES, "number",
	    " required min=\"1\" max=\"1440\"");
	buf_addf(&r->out, "<label for=\"mode\">%s</label><select id=\"mode\" "
	    "name=\"mode\"><option value=\"tatap-muka\">%s</option><option "
	    "value=\"daring\">%s</option></select>", T(r, M_LR_F_MODE),
	    T(r, M_LR_MODE_TM), T(r, M_LR_MODE_DARING));
	input(r, "title", M_LR_F_TITLE, "text", " required maxlength=\"255\"");
	input(r, "competency", M_LR_F_COMPETENCY, "text", " maxlength=\"255\"");
	buf_addf(&r->out, "<label for=\"notes\">%s</label><textarea id=\"notes\" "
	    "name=\"notes\" maxlength=\"1000\" rows=\"3\"></textarea>",
	    T(r, M_LR_F_NOTES));
	input(r, "rtl", M_LR_F_RTL, "text", " maxlength=\"255\"");
	input(r, "rtl_due", M_LR_F_RTL_DUE, "date", "");
	input(r, "evidence", M_LR_F_FILE, "file",
	    " accept=\"application/pdf,image/jpeg,image/png\"");
	buf_addf(&r->out, "<button type=\"submit\">%s</button></form>",
	    T(r, M_LR_SUBMIT));
}

static enum msg
stage_msg(const char *stage, const char *status)
{
	if (strcmp(status, "approved") == 0)
		return M_LEDGER_ST_APPROVED;
	if (strcmp(stage, "returned") == 0)
		return M_LEDGER_ST_RETURNED;
	return M_LEDGER_ST_PENDING;
}

/* One record's cells (shared by the learner's list and the queues). */
static void
rec_cells(struct req *r, const struct learnrec *x)
{
	struct buf	*o = &r->out;

	buf_adds(o, "<td>");
	buf_html(o, x->title);
	if (x->provider[0]) {
		buf_adds(o, "<br><small>");
		buf_html(o, x->provider);
		buf_adds(o, "</small>");
	}
	buf_adds(o, "</td><td>");
	{
		const struct jpr_form *f = ledger_rules() ?
		    jprules_form(ledger_rules(), x->kind) : NULL;

		buf_html(o, f != NULL ? f->name : x->kind);
	}
	buf_adds(o, "</td><td>");
	view_date(r, x->start_at);
	if (x->minutes && x->mentor_id)
		buf_addf(o, "<br><small>%d %s</small>", x->minutes,
		    T(r, M_LR_MINUTES));
	buf_adds(o, "</td><td class=\"num\">");
	view_cjp(r, o, x->cjp);
	buf_adds(o, "</td><td>");
	if (x->evidence[0])
		buf_addf(o, "<a href=\"/evidence/%lld\" data-evidence>%s</a>",
		    (long long)x->id, T(r, M_LR_EVIDENCE));
	buf_adds(o, "</td>");
}

static int
mine_row(void *arg, const struct learnrec *x)
{
	struct req	*r = arg;
	struct buf	*o = &r->out;

	buf_addf(o, "<tr data-id=\"%lld\" data-stage=\"%s\">", (long long)x->id,
	    x->stage);
	rec_cells(r, x);
	buf_addf(o, "<td>%s", T(r, stage_msg(x->stage, x->status)));
	if (strcmp(x->stage, "returned") == 0 && x->note[0]) {
		buf_addf(o, "<br><strong class=\"returned-note\">%s: ",
		    T(r, M_LR_RETURNED_HINT));
		buf_html(o, x->note);
		buf_adds(o, "</strong>");
	}
	if (x->why[0] && strcmp(x->status, "approved") == 0) {
		buf_adds(o, "<br><small class=\"why\">");
		buf_html(o, x->why);
		buf_adds(o, "</small>");
	}
	buf_adds(o, "</td></tr>");
	if (strcmp(x->stage, "returned") == 0) {
		buf_addf(o, "<tr><td colspan=\"6\"><details><summary>%s</summary>",
		    T(r, M_LR_FIX));
		if (x->mentor_id)
			form_session(r, x->id);
		else
			form_training(r, x->id);
		buf_adds(o, "</details></td></tr>");
	}
	return 0;
}

static void
head_row(struct req *r, int extra)
{
	buf_addf(&r->out, "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">"
	    "%s</th><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">JP"
	    "</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr>"
	    "</thead>", T(r, M_LR_F_TITLE), T(r, M_LEDGER_FORM), T(r, M_DATE),
	    T(r, M_LR_EVIDENCE), T(r, extra ? M_LR_NOTE : M_STATUS));
}

static int
page(struct req *r, int status, const char *why)
{
	size_t	 mark;

	view_begin(r, T(r, M_LR_TITLE));
	buf_addf(&r->out, "<h1>%s</h1><p>%s</p>", T(r, M_LR_TITLE),
	    T(r, M_LR_INTRO));
	if (why != NULL && why[0]) {
		buf_adds(&r->out, "<div id=\"form-error\">");
		view_notice(r, "error", why);
		buf_adds(&r->out, "</div>");
	} else if (http_query(r, "ok") != NULL)
		view_notice(r, "ok", T(r, M_LR_SAVED));
	buf_addf(&r->out, "<h2>%s</h2><div class=\"scroll\"><table id=\"mine\">",
	    T(r, M_LR_MINE));
	head_row(r, 0);
	buf_adds(&r->out, "<tbody>");
	mark = r->out.n;
	if (store_learnrec_list_user(r->st, r->user.id, mine_row, r) == -1)
		return 500;
	if (r->out.n == mark)
		buf_addf(&r->out, "<tr><td colspan=\"6\">%s</td></tr>",
		    T(r, M_RECORD_NONE));
	buf_adds(&r->out, "</tbody></table></div>");
	buf_addf(&r->out, "<section class=\"card\"><h2>%s</h2>",
	    T(r, M_LR_NEW_TRAINING));
	form_training(r, 0);
	buf_addf(&r->out, "</section><section class=\"card\"><h2>%s</h2>",
	    T(r, M_LR_NEW_SESSION));
	form_session(r, 0);
	buf_adds(&r->out, "</section>");
	view_end(r);
	return status;
}

int
learning_page(struct req *r)
{
	return page(r, 200, NULL);
}

int
learning_submit(struct req *r)
{
	struct multipart	 mp;
	struct learnrec		 x;
	struct learnrec_file	 file = { NULL, 0 };
	const struct mp_part	*ev;
	char			 what[16], id[24], start[16], end[16], jp[16];
	char			 minutes[16], due[16], mentor[32];
	char			 why[LEARNREC_WHY_MAX];
	int			 rc, session;

	if ((rc = read_mp(r, &mp)) != 0)
		return rc;
	memset(&x, 0, sizeof(x));
	if (field(&mp, "what", what, sizeof(what)) == -1 ||
	    field(&mp, "id", id, sizeof(id)) == -1 ||
	    field(&mp, "kind", x.kind, sizeof(x.kind)) == -1 ||
	    field(&mp, "title", x.title, sizeof(x.title)) == -1 ||
	    field(&mp, "provider", x.provider, sizeof(x.provider)) == -1 ||
	    field(&mp, "start", start, sizeof(start)) == -1 ||
	    field(&mp, "end", end, sizeof(end)) == -1 ||
	    field(&mp, "jp", jp, sizeof(jp)) == -1 ||
	    field(&mp, "cert_no", x.cert_no, sizeof(x.cert_no)) == -1 ||
	    field(&mp, "mentor", mentor, sizeof(mentor)) == -1 ||
	    field(&mp, "minutes", minutes, sizeof(minutes)) == -1 ||
	    field(&mp, "mode", x.mode, sizeof(x.mode)) == -1 ||
	    field(&mp, "competency", x.competency, sizeof(x.competency)) == -1 ||
	    field(&mp, "notes", x.notes, sizeof(x.notes)) == -1 ||
	    field(&mp, "rtl", x.rtl, sizeof(x.rtl)) == -1 ||
	    field(&mp, "rtl_due", due, sizeof(due)) == -1)
		return page(r, 422, T(r, M_LR_E_LONG));
	session = strcmp(what, "session") == 0;
	if (id[0] && param_parse_int(id, 1, PARAM_ID_MAX, &x.id) == -1)
		return 400;
	x.start_at = wib_parse_day(start);
	x.end_at = session ? x.start_at : wib_parse_day(end);
	if (x.start_at == -1 || x.end_at == -1)
		return page(r, 422, T(r, M_LR_E_DATE));
	if (session) {
		int64_t	 m;

		if (param_parse_int(minutes, 1, LEARNREC_MINUTES_MAX, &m) == -1)
			return page(r, 422, T(r, M_LR_E_MINUTES));
		x.minutes = (int)m;
		if (due[0] && (x.rtl_due = wib_parse_day(due)) == -1)
			return page(r, 422, T(r, M_LR_E_RTL));
	} else if ((x.stated_cjp = cjp_of(jp)) == -1)
		return page(r, 422, T(r, M_LR_E_JP));
	if ((ev = multipart_get(&mp, "evidence")) != NULL && ev->len) {
		file.data = ev->data;
		file.len = ev->len;
	}
	rc = learnrec_submit(r->st, &r->user, &x, session ? mentor : NULL,
	    &file, r->now, why, sizeof(why));
	if (rc == 0) {
		http_redirect(r, "/learning?ok=1");
		return 303;
	}
	if (rc == 1)
		return page(r, 422, why);
	return rc == 2 ? 403 : rc == 3 ? 404 : 500;
}

struct queue {
	struct req	*r;
	int		 n;
	const char	*action;	/* confirm | approve */
	enum msg	 label;
};

static int
queue_row(void *arg, const struct learnrec *x)
{
	struct queue	*q = arg;
	struct req	*r = q->r;
	struct buf	*o = &r->out;
	int64_t		 dups = 0;

	q->n++;
	if (x->cert_no[0] && store_learnrec_cert_dups(r->st, x->cert_no, x->id,
	    &dups) == -1)
		return 1;
	buf_addf(o, "<tr data-id=\"%lld\"%s>", (long long)x->id,
	    dups ? " data-duplicate" : "");
	rec_cells(r, x);
	buf_adds(o, "<td><small>");
	buf_html(o, x->name);
	buf_adds(o, " · ");
	buf_html(o, x->nip);
	if (x->cert_no[0]) {
		buf_addf(o, "<br>%s: ", T(r, M_LR_F_CERT_NO));
		buf_html(o, x->cert_no);
	}
	if (x->notes[0]) {
		buf_adds(o, "<br>");
		buf_html(o, x->notes);
	}
	if (x->rtl[0]) {
		buf_adds(o, "<br>RTL: ");
		buf_html(o, x->rtl);
	}
	buf_adds(o, "</small>");
	if (dups) {
		buf_adds(o, "<div class=\"dup\">");
		view_notice(r, "error", T(r, M_LR_DUP));
		buf_adds(o, "</div>");
	}
	buf_addf(o, "<form method=\"post\" action=\"/review/%lld\" "
	    "class=\"review\"><input type=\"hidden\" name=\"csrf\" "
	    "value=\"%s\"><label for=\"note-%lld\">%s</label><input "
	    "id=\"note-%lld\" name=\"note\" maxlength=\"255\"><button "
	    "name=\"action\" value=\"%s\">%s</button> <button name=\"action\" "
	    "value=\"return\">%s</button></form></td></tr>", (long long)x->id,
	    r->csrf, (long long)x->id, T(r, M_LR_NOTE), (long long)x->id,
	    q->action, T(r, q->label), T(r, M_LR_RETURN));
	return 0;
}

static int
queue(struct req *r, enum learnrec_queue which, enum msg title,
    const char *action, enum msg label, const char *id)
{
	struct queue	 q = { r, 0, action, label };
	size_t		 mark;

	buf_addf(&r->out, "<h2>%s</h2><div class=\"scroll\"><table id=\"%s\">",
	    T(r, title), id);
	head_row(r, 1);
	buf_adds(&r->out, "<tbody>");
	mark = r->out.n;
	if (store_learnrec_queue(r->st, which, &r->user, queue_row, &q) != 0)
		return -1;
	if (r->out.n == mark)
		buf_addf(&r->out, "<tr><td colspan=\"6\">%s</td></tr>",
		    T(r, M_LR_Q_EMPTY));
	buf_adds(&r->out, "</tbody></table></div>");
	return 0;
}

int
review_page(struct req *r)
{
	view_begin(r, T(r, M_LR_REVIEW_TITLE));
	buf_addf(&r->out, "<h1>%s</h1><p><a href=\"/programmes\">%s</a></p>",
	    T(r, M_LR_REVIEW_TITLE), T(r, M_PG_TITLE));
	if (http_query(r, "ok") != NULL)
		view_notice(r, "ok", T(r, M_LR_DONE));
	if (queue(r, LEARNREC_Q_MENTOR, M_LR_Q_MENTOR, "confirm", M_LR_CONFIRM,
	    "q-mentor") == -1 || queue(r, LEARNREC_Q_ATASAN, M_LR_Q_ATASAN,
	    "approve", M_LR_APPROVE, "q-atasan") == -1)
		return 500;
	if ((r->user.role & (ROLE_HR | ROLE_ADMIN)) && queue(r, LEARNREC_Q_HR,
	    M_LR_Q_HR, "approve", M_LR_APPROVE, "q-hr") == -1)
		return 500;
	view_end(r);
	return 200;
}

int
review_act(struct req *r)
{
	const char	*action = http_param(r, "action");
	char		 why[LEARNREC_WHY_MAX];
	int64_t		 id;
	int		 rc;

	if (r->nseg != 2 || param_parse_int(r->seg[1], 1, PARAM_ID_MAX,
	    &id) == -1 || action == NULL)
		return 400;
	rc = learnrec_review(r->st, &r->user, id, action, http_param(r, "note"),
	    r->now, why, sizeof(why));
	if (rc == 0) {
		http_redirect(r, "/review?ok=1");
		return 303;
	}
	if (rc == 1) {
		view_begin(r, T(r, M_LR_REVIEW_TITLE));
		buf_addf(&r->out, "<h1>%s</h1><div id=\"form-error\">",
		    T(r, M_LR_REVIEW_TITLE));
		view_notice(r, "error", why);
		buf_addf(&r->out, "</div><p><a href=\"/review\">%s</a></p>",
		    T(r, M_NAV_REVIEW));
		view_end(r);
		return 422;
	}
	return rc == 2 ? 403 : rc == 3 ? 404 : 500;
}

int
evidence_get(struct req *r)
{
	struct learnrec	 x;
	struct stat	 sb;
	char		 path[sizeof(cfg.datadir) + 64], name[64];
	int64_t		 id;
	int		 fd, rc;

	if (r->nseg != 2 || param_parse_int(r->seg[1], 1, PARAM_ID_MAX,
	    &id) == -1)
		return 404;
	if ((rc = store_learnrec_get(r->st, id, &x)) != 0)
		return rc == 1 ? 404 : 500;
	/* Someone else's evidence is "not found", not "forbidden": ids
	   are sequential and must not confirm that a record exists. */
	if (!learnrec_can_view(&r->user, &x) || !evidence_name_ok(x.evidence))
		return 404;
	evidence_path(path, sizeof(path), x.evidence);
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return 404;
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    (size_t)sb.st_size > EVIDENCE_MAX) {
		close(fd);
		return 500;
	}
	buf_reset(&r->out);
	while (r->out.n < (size_t)sb.st_size) {
		char	 chunk[16384];
		ssize_t	 n = read(fd, chunk, sizeof(chunk));

		if (n <= 0)
			break;
		buf_add(&r->out, chunk, (size_t)n);
	}
	close(fd);
	if (r->out.oom || r->out.n != (size_t)sb.st_size) {
		buf_reset(&r->out);
		return 500;
	}
	r->ctype = x.evidence_type[0] ? x.evidence_type :
	    "application/octet-stream";
	snprintf(name, sizeof(name), "attachment; filename=\"bukti-%lld%s\"",
	    (long long)x.id, evidence_ext(x.evidence_type) ?
	    evidence_ext(x.evidence_type) : "");
	http_header(r, "Content-Disposition", name);
	http_header(r, "Content-Security-Policy", "sandbox; default-src 'none'");
	http_header(r, "Cache-Control", "private, no-store");
	return 200;
}

static void
class_form(struct req *r)
{
	const char	*v;

	buf_addf(&r->out, "<form method=\"post\" action=\"/hr/learning\" "
	    "class=\"grid\" id=\"class-form\"><input type=\"hidden\" "
	    "name=\"csrf\" value=\"%s\">", r->csrf);
	kind_select(r, 0);
	input(r, "title", M_LR_F_TITLE, "text", " required maxlength=\"255\"");
	input(r, "provider", M_LR_F_PROVIDER, "text", " maxlength=\"255\"");
	input(r, "start", M_LR_F_START, "date", " required");
	input(r, "end", M_LR_F_END, "date", " required");
	input(r, "jp", M_LR_F_JP, "text", " inputmode=\"decimal\" required");
	input(r, "cert_no", M_LR_F_CERT_NO, "text", " required maxlength=\"63\"");
	buf_addf(&r->out, "<label for=\"participants\">%s</label><textarea "
	    "id=\"participants\" name=\"participants\" rows=\"8\" required>",
	    T(r, M_LR_CLASS_LIST));
	if ((v = http_param(r, "participants")) != NULL)
		buf_html(&r->out, v);
	buf_addf(&r->out, "</textarea><button type=\"submit\">%s</button>"
	    "</form>", T(r, M_LR_CLASS_SAVE));
}

static int
class_page(struct req *r, int status, const char *why,
    const struct learnclass_report *rep)
{
	int	 i;

	view_begin(r, T(r, M_LR_CLASS_TITLE));
	buf_addf(&r->out, "<p><a href=\"/hr\">%s</a></p><h1>%s</h1><p>%s</p>",
	    T(r, M_API_BACK_HR), T(r, M_LR_CLASS_TITLE), T(r, M_LR_CLASS_INTRO));
	if (why != NULL && why[0]) {
		buf_adds(&r->out, "<div id=\"form-error\">");
		view_notice(r, "error", why);
		buf_adds(&r->out, "</div>");
	}
	if (rep != NULL && rep->nbad) {
		buf_addf(&r->out, "<div id=\"problems\"><p>%s (%d)</p><ul>",
		    T(r, M_LR_CLASS_PROBLEMS), rep->nbad);
		for (i = 0; i < rep->nproblem; i++) {
			buf_addf(&r->out, "<li>%s %d: ", T(r, M_LR_LINE),
			    rep->problem[i].line);
			buf_html(&r->out, rep->problem[i].why);
			buf_adds(&r->out, "</li>");
		}
		buf_adds(&r->out, "</ul></div>");
	}
	if (http_query(r, "ok") != NULL) {
		buf_adds(&r->out, "<div id=\"class-ok\">");
		view_notice(r, "ok", T(r, M_LR_DONE));
		buf_adds(&r->out, "</div>");
	}
	class_form(r);
	view_end(r);
	return status;
}

int
hr_learning_page(struct req *r)
{
	return class_page(r, 200, NULL, NULL);
}

/* A POST field into dst; -1 when it does not fit. */
static int
param(struct req *r, const char *name, char *dst, size_t len)
{
	const char	*v = http_param(r, name);

	dst[0] = '\0';
	if (v == NULL)
		return 0;
	if (strlen(v) >= len)
		return -1;
	memcpy(dst, v, strlen(v) + 1);
	return 0;
}

int
hr_learning_post(struct req *r)
{
	struct learnrec			 t;
	struct learnclass_report	*rep;
	const char			*v, *list;
	char				 why[LEARNREC_WHY_MAX];
	int				 rc, status;

	memset(&t, 0, sizeof(t));
	if (param(r, "kind", t.kind, sizeof(t.kind)) == -1 ||
	    param(r, "title", t.title, sizeof(t.title)) == -1 ||
	    param(r, "provider", t.provider, sizeof(t.provider)) == -1 ||
	    param(r, "cert_no", t.cert_no, sizeof(t.cert_no)) == -1)
		return class_page(r, 422, T(r, M_LR_E_LONG), NULL);
	t.start_at = wib_parse_day((v = http_param(r, "start")) ? v : "");
	t.end_at = wib_parse_day((v = http_param(r, "end")) ? v : "");
	if (t.start_at == -1 || t.end_at == -1)
		return class_page(r, 422, T(r, M_LR_E_DATE), NULL);
	if ((t.stated_cjp = cjp_of((v = http_param(r, "jp")) ? v : "")) == -1)
		return class_page(r, 422, T(r, M_LR_E_JP), NULL);
	if ((list = http_param(r, "participants")) == NULL)
		list = "";
	if ((rep = calloc(1, sizeof(*rep))) == NULL)
		return 503;
	rc = learnclass_import(r->st, &r->user, &t, list, strlen(list), r->now,
	    rep, why, sizeof(why));
	if (rc == 0) {
		free(rep);
		http_redirect(r, "/hr/learning?ok=1");
		return 303;
	}
	status = rc == 1 ? class_page(r, 422, why, rep) : rc == 2 ? 403 : 500;
	free(rep);
	return status;
}
