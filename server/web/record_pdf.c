/* record_pdf: the certificate as a PDF download. See record.h, certpdf.h. */
#include <stdio.h>
#include <string.h>

#include "admin_settings.h"
#include "cert.h"
#include "certificate.h"
#include "certpdf.h"
#include "http.h"
#include "log.h"
#include "nip.h"
#include "record.h"
#include "store_settings.h"

int
record_pdf_send(struct req *r, const struct completion *c)
{
	struct settings	 s;
	struct certpdf	 in;
	char		 printed[CERT_CODE_PRINT_LEN];
	struct buf	 url = { 0 }, logo = { 0 }, pdf = { 0 };
	char		 fname[96], cd[160];
	size_t		 i, n = 0;
	int		 rc, status = 500;

	printed[0] = '\0';
	if (c->code[0])
		cert_code_print(c->code, printed);
	if (store_settings_get(r->st, &s) == -1)
		return 500;
	/* A logo that vanished or broke is left out, not a failed download. */
	if (certificate_logo(&s, &logo) == -1)
		log_warnx("certificate pdf: logo %s unreadable", s.logo);
	record_verify_url(r, c, &url);
	if (url.oom) {
		status = HTTP_OOM;
		goto done;
	}
	certificate_pdf_input(&in, &s, c, url.p, printed, &logo);
	if ((rc = certpdf_render_bounded(&in, &pdf)) != 0) {
		status = rc == -2 ? 503 : 500;
		if (rc == -2)
			http_header(r, "Retry-After", "2");
		else
			log_warnx("certificate pdf: cannot render %s", c->cert_no);
		goto done;
	}
	/* sertifikat-LTR-2026-000001.pdf: the number, '/' as '-'. */
	n = (size_t)snprintf(fname, sizeof(fname), "sertifikat-");
	for (i = 0; c->cert_no[i] && n + 5 < sizeof(fname); i++) {
		char	 ch = c->cert_no[i];

		fname[n++] = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' &&
		    ch <= 'z') || (ch >= '0' && ch <= '9') ? ch : '-';
	}
	snprintf(fname + n, sizeof(fname) - n, ".pdf");
	snprintf(cd, sizeof(cd), "attachment; filename=\"%s\"", fname);
	http_header(r, "Content-Disposition", cd);
	buf_free(&r->out);
	r->out = pdf;
	pdf = (struct buf){ 0 };
	r->ctype = "application/pdf";
	status = 200;
done:
	buf_free(&url);
	buf_free(&logo);
	buf_free(&pdf);
	return status;
}

int
record_pdf_certificate(struct req *r)
{
	struct completion c;
	int		 rc;

	if (r->nseg != 3)
		return 404;
	/* The certificate page's rule: the learner's own completion only. */
	if ((rc = record_own_certificate(r, r->seg[1], &c)) != 0)
		return rc;
	return record_pdf_send(r, &c);
}

int
record_pdf_learner(struct req *r)
{
	struct completion c;
	struct user	 u;
	char		 detail[160];
	int		 rc;

	/* /hr/learners/<nip>/certificate/<course>/pdf */
	if (r->nseg != 6 || !nip_format(r->seg[2]))
		return 404;
	if ((rc = store_user_by_nip(r->st, r->seg[2], &u, NULL, 0)) != 0)
		return rc == 1 ? 404 : 500;
	if ((rc = store_completion_get(r->st, u.id, r->seg[4], &c)) != 0)
		return rc == 1 ? 404 : 500;
	if (c.cert_no[0] == '\0')
		return 404;
	if (store_completion_verify(r->st, c.cert_no, &c) != 0)
		return 500;
	/* Staff reading someone's record leaves a trace. */
	snprintf(detail, sizeof(detail), "%s %s", u.nip, c.cert_no);
	if (store_audit(r->st, r->user.id, "certificate.pdf", detail,
	    r->ip) == -1)
		return 500;
	return record_pdf_send(r, &c);
}
