/* record: completion rule, certificates, Rekam Jejak. See record.h. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "api.h"
#include "certificate.h"
#include "competency.h"
#include "course.h"
#include "ledger.h"
#include "ledger_page.h"
#include "http.h"
#include "log.h"
#include "record.h"
#include "verify.h"
#include "view.h"
#include "wib.h"

struct rec {
	struct req	*r;
	int		 year, n;
	int		 by_type[CTYPE_N][COMPETENCY_LEVEL_MAX + 1];
				/* competency type × level reached */
};


static void
rec_row(void *arg, const struct completion *c)
{
	struct rec	*x = arg;
	struct req	*r = x->r;
	int		 i;

	if ((i = competency_type_parse(c->ctype)) != -1 &&
	    competency_level_ok(c->level))
		x->by_type[i][c->level]++;
	if (x->n++ == 0)
		buf_addf(&r->out, "<table><caption>%s</caption><thead><tr>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th></tr></thead><tbody>",
		    T(r, M_RECORD_COURSES_DONE), T(r, M_HR_COURSE),
		    T(r, M_COMPETENCY), T(r, M_JP), T(r, M_COMPLETED_ON),
		    T(r, M_CERTIFICATE));
	buf_adds(&r->out, "<tr><td>");
	buf_html(&r->out, c->course_title);
	buf_adds(&r->out, "</td><td>");
	buf_html(&r->out, c->competency);
	buf_addf(&r->out, " (%s, %s %d)", c->ctype, T(r, M_LEVEL), c->level);
	buf_addf(&r->out, "</td><td>%d</td><td>", c->jp);
	view_date(r, c->completed_at);
	buf_adds(&r->out, "</td><td>");
	if (c->cert_no[0]) {
		buf_adds(&r->out, "<a href=\"/certificate/");
		buf_url(&r->out, c->course);
		buf_adds(&r->out, "\">");
		buf_html(&r->out, c->cert_no);
		buf_adds(&r->out, "</a> · <a href=\"/certificate/");
		buf_url(&r->out, c->course);
		buf_addf(&r->out, "/badge.json\" download>%s</a>",
		    T(r, M_BADGE_SHORT));
	}
	buf_adds(&r->out, "</td></tr>");
}

int
record_page(struct req *r)
{
	struct rec	 x;
	struct ledger_person lp;
	struct buf	*o = &r->out;
	int		 i, l, any = 0;

	memset(&x, 0, sizeof(x));
	x.r = r;
	x.year = ledger_year(r->now);
	view_begin(r, T(r, M_NAV_RECORD));
	buf_addf(o, "<h1>%s</h1>", T(r, M_RECORD_TITLE));
	/* The table streams first; the summary is placed before it. */
	{
		struct buf	 table = { 0 }, save = *o;

		r->out = table;
		if (store_completion_list_user(r->st, r->user.id, rec_row,
		    &x) == -1) {
			buf_free(&r->out);
			r->out = save;
			return 500;
		}
		if (x.n)
			buf_adds(&r->out, "</tbody></table>");
		table = r->out;
		r->out = save;
		if (ledger_person(r->st, r->user.id, x.year, &lp) == -1) {
			buf_free(&table);
			return 500;
		}
		buf_addf(o, "<section class=\"card\"><h2>%s %d</h2>"
		    "<p class=\"big\"><strong id=\"jp-year\">",
		    T(r, M_RECORD_JP_YEAR), x.year);
		view_cjp(r, o, lp.cjp);
		buf_adds(o, "</strong> / ");
		view_cjp(r, o, ledger_target_cjp(lp.type));
		buf_adds(o, " JP</p>");
		view_cjp_progress(r, lp.cjp, ledger_target_cjp(lp.type),
		    T(r, M_RECORD_JP_YEAR));
		if (lp.cjp_pending > 0) {
			buf_addf(o, "<p id=\"jp-pending\">%s: ",
			    T(r, M_LEDGER_PENDING_JP));
			view_cjp(r, o, lp.cjp_pending);
			buf_adds(o, " JP</p>");
		}
		buf_adds(o, "<p>");
		ledger_page_target(r, lp.type);
		buf_adds(o, "</p></section>");
		if (x.n)
			buf_add(o, table.p, table.n);
		else
			buf_addf(o, "<p>%s</p>", T(r, M_RECORD_NONE));
		buf_free(&table);
	}
	if (ledger_page_entries(r, r->user.id) == -1)
		return 500;
	buf_addf(o, "<h2>%s</h2><ul class=\"competencies\">", T(r, M_COMPETENCY));
	for (i = 0; i < CTYPE_N; i++)
		for (l = COMPETENCY_LEVEL_MAX; l >= COMPETENCY_LEVEL_MIN; l--)
			if (x.by_type[i][l]) {
				buf_addf(o, "<li>%s: %s %d</li>",
				    T(r, competency_type_msg(i)),
				    T(r, M_LEVEL), l);
				any = 1;
				break;
			}
	if (!any)
		buf_addf(o, "<li>%s</li>", T(r, M_RECORD_NONE));
	buf_adds(o, "</ul>");
	view_end(r);
	return 200;
}

static void
cert_body(struct req *r, const struct completion *c, const char *code)
{
	struct buf	*o = &r->out, url = { 0 };
	char		 printed[CERT_CODE_PRINT_LEN];

	buf_adds(o, "<article class=\"certificate\"><p class=\"cert-kicker\">"
	    "SERTIFIKAT PENGEMBANGAN KOMPETENSI</p><p>Diberikan kepada</p>"
	    "<h1 class=\"cert-name\">");
	/* The name it was issued to (and signed), not a later rename. */
	buf_html(o, c->holder_name[0] ? c->holder_name : c->name);
	buf_adds(o, "</h1><p>NIP ");
	buf_html(o, c->nip);
	buf_adds(o, "</p><p>telah menyelesaikan pelatihan</p><h2>");
	buf_html(o, c->course_title);
	buf_adds(o, "</h2><p>Kompetensi ");
	buf_html(o, c->competency);
	buf_addf(o, " (%s, level %d) · %d JP", c->ctype, c->level, c->jp);
	if (c->score >= 0)
		buf_addf(o, " · nilai %.1f", c->score);
	buf_adds(o, "</p><p>");
	view_date(r, c->completed_at);
	buf_adds(o, "</p><p class=\"cert-no\">Nomor ");
	buf_html(o, c->cert_no);
	buf_adds(o, "</p>");
	if (code[0]) {
		/* The code is what makes /verify answer: print it, and the
		   whole address (a QR code will carry the same URL). */
		cert_code_print(code, printed);
		buf_addf(o, "<p class=\"cert-code\">%s <strong>",
		    T(r, M_CERT_CODE));
		buf_html(o, printed);
		buf_addf(o, "</strong></p><p class=\"cert-verify\">%s ",
		    T(r, M_CERT_VERIFY_AT));
		verify_url(r, &url, c->cert_no, code);
		buf_html(o, url.oom ? "" : url.p);
		buf_free(&url);
		buf_adds(o, "</p>");
	}
	buf_adds(o, "</article>");
}

int
record_own_certificate(struct req *r, const char *course,
    struct completion *c)
{
	int	 rc;

	/* Own certificate only: the URL names a course, never another user. */
	if ((rc = store_completion_get(r->st, r->user.id, course, c)) != 0)
		return rc == 1 ? 404 : 500;
	if (c->cert_no[0] == '\0')
		return 404;
	/* Again by number: the code and the name as issued. */
	if (store_completion_verify(r->st, c->cert_no, c) != 0)
		return 500;
	return 0;
}

int
record_certificate(struct req *r)
{
	struct completion c;
	int		 rc;

	if (r->nseg != 2)
		return 404;
	if ((rc = record_own_certificate(r, r->seg[1], &c)) != 0)
		return rc;
	view_begin(r, c.cert_no);
	cert_body(r, &c, c.code);
	/* The official PDF (record_pdf.c); hidden when printing. */
	buf_adds(&r->out, "<p class=\"cert-actions noprint\"><a class=\"button\" "
	    "id=\"cert-pdf\" href=\"/certificate/");
	buf_url(&r->out, c.course);
	buf_addf(&r->out, "/pdf\" download>%s</a> <small>%s</small></p>",
	    T(r, M_CERT_PDF), T(r, M_CERT_PDF_HINT));
	/* The same completion as a portable Open Badges credential. */
	buf_adds(&r->out, "<p class=\"cert-actions noprint\"><a class=\"button "
	    "secondary\" id=\"cert-badge\" href=\"/certificate/");
	buf_url(&r->out, c.course);
	buf_addf(&r->out, "/badge.json\" download>%s</a> <small>%s</small></p>",
	    T(r, M_BADGE_DOWNLOAD), T(r, M_BADGE_HINT));
	view_end(r);
	return 200;
}

/* The verification URL of c for the PDF and its QR code: verify.c's
   one builder, with the certificate's code. */
void
record_verify_url(struct req *r, const struct completion *c, struct buf *b)
{
	verify_url(r, b, c->cert_no, c->code);
}
