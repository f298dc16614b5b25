/* api_download: what a download says about itself. See api.h. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "api.h"
#include "http.h"
#include "view.h"
#include "wib.h"
#include "slug.h"
#include "xlsx.h"

#define NOTES_MAX	12	/* label/value pairs on the notes sheet */

int
api_download_browser(struct req *r)
{
	const char	*accept = http_header_in(r, "Accept");

	return r->user.id != 0 && http_header_in(r, "Authorization") == NULL &&
	    accept != NULL && strstr(accept, "text/html") != NULL;
}

int
api_download_fail(struct req *r, int status, const char *msg,
    const char *detail, const char *csv_link)
{
	struct buf	*o = &r->out;

	buf_reset(o);
	r->ctype = NULL;	/* an HTML page, whatever api_begin set */
	view_begin(r, T(r, M_API_FAILED));
	buf_addf(o, "<h1>%s</h1>", T(r, M_API_FAILED));
	view_notice(r, "error", msg);
	if (detail != NULL) {
		buf_adds(o, "<p><code>");
		buf_html(o, detail);
		buf_adds(o, "</code></p>");
	}
	buf_adds(o, "<p>");
	if (csv_link != NULL) {
		buf_adds(o, "<a href=\"");
		buf_html(o, csv_link);
		buf_addf(o, "\">%s</a> · ", T(r, M_API_TAKE_CSV));
	}
	buf_addf(o, "<a href=\"/hr\">%s</a></p>", T(r, M_API_BACK_HR));
	view_end(r);
	return status;
}

void
api_download_query(struct buf *b, const struct report_filter *f,
    const char *since)
{
	if (f->year)
		buf_addf(b, "&year=%d", f->year);
	if (f->unit[0]) {
		buf_adds(b, "&unit=");
		buf_url(b, f->unit);
	}
	if (f->course[0]) {
		buf_adds(b, "&course=");
		buf_url(b, f->course);
	}
	if (f->ctype[0]) {
		buf_adds(b, "&type=");
		buf_url(b, f->ctype);
	}
	if (since && *since) {
		buf_adds(b, "&since=");
		buf_url(b, since);
	}
}

void
api_download_fname(char *out, size_t len, const char *base,
    const struct report_filter *f, const char *since)
{
	size_t	 n;

	if (f->year)
		snprintf(out, len, "%s-%d", base, f->year);
	else
		snprintf(out, len, "%s-all", base);
	if (f->unit[0]) {
		n = strlen(out);
		slug_append(out, len, f->unit);
		if (strlen(out) == n)	/* no ASCII letter or digit in it */
			slug_append(out, len, "unit");
	}
	slug_append(out, len, f->course);
	slug_append(out, len, f->ctype);
	if (since && *since) {
		slug_append(out, len, "since");
		slug_append(out, len, since);
	}
}

struct notes {
	const char	*cells[2 * NOTES_MAX];
	int		 n;
};

static void
note(struct notes *nt, const char *label, const char *value)
{
	if (nt->n < NOTES_MAX) {
		nt->cells[2 * nt->n] = label;
		nt->cells[2 * nt->n + 1] = value;
		nt->n++;
	}
}

int
api_download_notes(struct req *r, struct export *e, const char *title,
    const struct user *u, const struct report_filter *f, const char *since,
    int64_t rows)
{
	static const char all[] = "semua";
	struct notes	 nt;
	char		 year[16], nrows[32], made[32], d[11];
	struct tm	 tm;

	memset(&nt, 0, sizeof(nt));
	if (u != NULL) {
		note(&nt, "NIP", u->nip);
		note(&nt, "Nama", u->name);
	}
	snprintf(year, sizeof(year), "%d", f->year);
	note(&nt, "Tahun", f->year ? year : all);
	note(&nt, "Unit kerja", f->unit[0] ? f->unit : all);
	note(&nt, "Pelatihan (kode)", f->course[0] ? f->course : all);
	note(&nt, "Jenis kompetensi", f->ctype[0] ? f->ctype : all);
	if (since && *since)
		note(&nt, "Selesai sejak", since);
	api_date(r->now, d);
	wib_tm(r->now, &tm);
	snprintf(made, sizeof(made), "%s %02d:%02d WIB", d, tm.tm_hour,
	    tm.tm_min);
	note(&nt, "Dibuat", made);
	snprintf(nrows, sizeof(nrows), "%lld", (long long)rows);
	note(&nt, "Jumlah baris data", nrows);
	return export_notes(e, title, nt.cells, nt.n);
}

int
api_download_too_big(struct req *r, const char *path,
    const struct report_filter *f, const char *since, int64_t rows)
{
	struct buf	 link = { 0 };
	char		 msg[256];
	int		 rc;

	snprintf(msg, sizeof(msg), "%lld rows do not fit in one Excel sheet "
	    "(at most %d rows below the header): narrow the filters (year, "
	    "unit, course, type) or use format=csv", (long long)rows,
	    XLSX_MAX_ROWS);
	if (!api_download_browser(r))
		return api_fail(r, 422, msg);
	buf_adds(&link, path);
	buf_adds(&link, "?format=csv");
	api_download_query(&link, f, since);
	rc = api_download_fail(r, 422, T(r, M_API_XLSX_TOO_BIG), msg,
	    link.oom ? NULL : link.p);
	buf_free(&link);
	return rc;
}
