/* hr_siasn: the SIASN export page. See hr_siasn.h. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api.h"
#include "csv.h"
#include "hr.h"
#include "hr_siasn.h"
#include "http.h"
#include "ledger.h"
#include "log.h"
#include "param.h"
#include "record.h"
#include "siasn.h"
#include "siasn_batch.h"
#include "store_settings.h"
#include "view.h"

#define ZIP_CHUNK	65536
/* minizip keeps a 64 KiB buffer on the stack (zipOpen3) and libxlsxwriter
   and zlib want more: a CivetWeb worker's 100 KiB stack overflowed. */
#define BATCH_STACK	((size_t)4 << 20)

struct job {
	struct store		*st;
	const struct siasn_opts	*o;
	const char		*path;
	struct siasn_result	*res;
	int			 rc;
};

static void *
job_run(void *arg)
{
	struct job	*j = arg;

	j->rc = siasn_batch_make(j->st, j->o, j->path, j->res);
	return NULL;
}

/* siasn_batch_make on a thread of its own with BATCH_STACK; the worker
   waits, so r->st is still used by one thread at a time. */
static int
make(struct store *st, const struct siasn_opts *o, const char *path,
    struct siasn_result *res)
{
	struct job	 j = { st, o, path, res, -1 };
	pthread_attr_t	 at;
	pthread_t	 t;
	int		 rc;

	memset(res, 0, sizeof(*res));
	if (pthread_attr_init(&at) != 0)
		return -1;
	rc = pthread_attr_setstacksize(&at, BATCH_STACK) == 0 &&
	    pthread_create(&t, &at, job_run, &j) == 0;
	pthread_attr_destroy(&at);
	if (!rc) {
		snprintf(res->why, sizeof(res->why), "thread");
		return -1;
	}
	pthread_join(t, NULL);
	return j.rc;
}

/* The filters as typed (echoed back into the form, escaped). */
struct in {
	const char	*year, *since, *until, *unit;
};

static const char *
nz(const char *s)
{
	return s ? s : "";
}

static void
opt(struct req *r, const char *value, const char *label, const char *cur)
{
	buf_adds(&r->out, "<option value=\"");
	buf_html(&r->out, value);
	buf_addf(&r->out, "\"%s>", strcmp(value, cur) == 0 ? " selected" : "");
	buf_html(&r->out, label);
	buf_adds(&r->out, "</option>");
}

struct unit_arg {
	struct req	*r;
	const char	*cur;
};

static void
unit_opt(void *arg, const char *unit)
{
	struct unit_arg	*u = arg;

	opt(u->r, unit, unit, u->cur);
}

static void
value(struct buf *o, const char *v)
{
	buf_adds(o, " value=\"");
	buf_html(o, nz(v));
	buf_adds(o, "\"");
}

/* The filter fields, shared by the check (GET) and download (POST) forms. */
static int
fields(struct req *r, const struct in *in, const char *sfx)
{
	struct buf	*o = &r->out;
	struct unit_arg	 ua = { r, nz(in->unit) };

	buf_addf(o, "<label for=\"year%s\">%s</label><input id=\"year%s\" "
	    "name=\"year\" inputmode=\"numeric\" maxlength=\"4\"", sfx,
	    T(r, M_YEAR), sfx);
	value(o, in->year);
	buf_addf(o, "><label for=\"since%s\">%s</label><input id=\"since%s\" "
	    "name=\"since\" type=\"date\"", sfx, T(r, M_SIASN_SINCE), sfx);
	value(o, in->since);
	buf_addf(o, "><label for=\"until%s\">%s</label><input id=\"until%s\" "
	    "name=\"until\" type=\"date\"", sfx, T(r, M_SIASN_UNTIL), sfx);
	value(o, in->until);
	buf_addf(o, "><label for=\"unit%s\">%s</label><select id=\"unit%s\" "
	    "name=\"unit\">", sfx, T(r, M_UNIT), sfx);
	opt(r, "", T(r, M_HR_ALL), nz(in->unit));
	if (store_hr_unit_names(r->st, HR_UNITS_MAX, unit_opt, &ua) == -1)
		return -1;
	buf_adds(o, "</select>");
	return 0;
}

struct rows {
	struct req	*r;
	struct buf	 b;
	int		 n;
};

static void
batch_row(void *arg, const struct siasn_batch_row *b)
{
	struct rows	*rw = arg;
	struct req	*r = rw->r;
	struct buf	*o = &rw->b;

	rw->n++;
	buf_addf(o, "<tr><td>%lld</td><td>", (long long)b->id);
	/* view_datetime writes to r->out: swap it in for the cell. */
	{
		struct buf	 keep = r->out;

		r->out = rw->b;
		view_datetime(r, b->created_at);
		rw->b = r->out;
		r->out = keep;
	}
	buf_adds(o, "</td><td>");
	buf_html(o, b->actor_nip[0] ? b->actor_nip : "cli");
	buf_adds(o, "</td><td>");
	buf_html(o, b->filters);
	buf_addf(o, "</td><td>%d</td><td>%d</td><td>", b->entries,
	    b->warnings);
	buf_html(o, b->fname);
	buf_adds(o, "</td><td><form method=\"post\" "
	    "action=\"/hr/siasn/batch\">");
	buf_adds(o, "<input type=\"hidden\" name=\"csrf\" value=\"");
	buf_html(o, r->csrf);
	buf_addf(o, "\"><input type=\"hidden\" name=\"batch\" value=\"%lld\">"
	    "<button type=\"submit\" class=\"secondary\">%s</button></form>"
	    "</td></tr>", (long long)b->id, T(r, M_SIASN_AGAIN));

}

static void
code_input(struct req *r, const char *name, const char *v, int admin)
{
	struct buf	*o = &r->out;

	buf_addf(o, "<label for=\"%s\">%s</label><input id=\"%s\" name=\"%s\" "
	    "maxlength=\"%d\" spellcheck=\"false\"%s", name, name, name, name,
	    SETTINGS_SIASN_MAX, admin ? "" : " readonly");
	value(o, v);
	buf_adds(o, ">");
}

/* The whole page; notices first. msg_lines: problems, one per line. */
static int
page(struct req *r, const struct in *in, const char *kind, const char *msg,
    const char *msg_lines, int status)
{
	struct buf		*o = &r->out;
	struct siasn_params	 p;
	struct siasn_opts	 so;
	struct siasn_result	 res;
	struct settings		 s;
	char			 why[SIASN_WHY_MAX];
	int64_t			 nexp = 0, nrec = 0;
	int			 admin = r->user.role == ROLE_ADMIN, ok;
	struct rows		 rw = { r, { 0 }, 0 };
	const char		*l, *e;

	memset(&res, 0, sizeof(res));
	buf_reset(o);
	if (store_settings_get(r->st, &s) == -1 ||
	    store_siasn_counts(r->st, &nexp, &nrec) == -1)
		return 500;
	view_begin(r, T(r, M_SIASN_TITLE));
	buf_addf(o, "<p><a href=\"/hr\">%s</a></p><h1>%s</h1><p>%s</p>",
	    T(r, M_NAV_HR), T(r, M_SIASN_TITLE), T(r, M_SIASN_HELP));
	if (msg) {
		view_notice(r, kind, msg);
		if (msg_lines && *msg_lines) {
			buf_adds(o, "<ul class=\"problems\">");
			for (l = msg_lines; (e = strchr(l, '\n')) != NULL;
			    l = e + 1) {
				buf_adds(o, "<li>");
				buf_htmln(o, l, (size_t)(e - l));
				buf_adds(o, "</li>");
			}
			buf_adds(o, "</ul>");
		}
	}
	if (s.institusi[0]) {
		buf_addf(o, "<p>%s: ", T(r, M_SIASN_INSTITUSI));
		buf_html(o, s.institusi);
		buf_adds(o, "</p>");
	} else
		view_notice(r, "error", T(r, M_SIASN_NO_INSTITUSI));
	/* What a batch with these filters would hold. */
	ok = siasn_params(in->year, in->since, in->until, in->unit, &p, why,
	    sizeof(why)) == 0;
	buf_addf(o, "<section class=\"card\"><form method=\"get\" "
	    "action=\"/hr/siasn\" class=\"grid\">");
	if (fields(r, in, "") == -1)
		goto err;
	buf_addf(o, "<button type=\"submit\">%s</button></form>",
	    T(r, M_SIASN_CHECK));
	if (!ok)
		view_notice(r, "error", why);
	else {
		memset(&so, 0, sizeof(so));
		so.f = p.f;
		so.dry_run = 1;
		if (make(r->st, &so, NULL, &res) != 0)
			goto err;
		if (res.entries == 0)
			buf_addf(o, "<p id=\"pending\">%s</p>",
			    T(r, M_SIASN_NONE));
		else {
			buf_adds(o, "<p id=\"pending\">");
			buf_addf(o, T(r, M_SIASN_PENDING), res.entries,
			    res.nnew, res.nchanged);
			buf_adds(o, "</p>");
		}
		if (res.warnings) {
			buf_adds(o, "<p class=\"notice error\" id=\"no-pns\">");
			buf_addf(o, T(r, M_SIASN_NO_PNS), res.warnings);
			buf_adds(o, "</p>");
		}
		if (res.more) {
			buf_adds(o, "<p>");
			buf_addf(o, T(r, M_SIASN_MORE), SIASN_BATCH_MAX);
			buf_adds(o, "</p>");
		}
		if (res.entries == 0)
			goto form_done;
		buf_adds(o, "<form method=\"post\" action=\"/hr/siasn/batch\">");
		view_csrf(r);
		/* The checked filters, as hidden fields. */
		buf_adds(o, "<input type=\"hidden\" name=\"year\"");
		value(o, in->year);
		buf_adds(o, "><input type=\"hidden\" name=\"since\"");
		value(o, in->since);
		buf_adds(o, "><input type=\"hidden\" name=\"until\"");
		value(o, in->until);
		buf_adds(o, "><input type=\"hidden\" name=\"unit\"");
		value(o, in->unit);
		buf_addf(o, "><button type=\"submit\">%s</button></form>"
		    "<p>%s</p>", T(r, M_SIASN_DOWNLOAD),
		    T(r, M_SIASN_DOWNLOAD_NOTE));
	}
form_done:
	buf_adds(o, "</section>");
	/* Recording SIASN ids back. */
	buf_addf(o, "<section class=\"card\"><h2>%s</h2><p>%s</p>"
	    "<form method=\"post\" action=\"/hr/siasn/record\">",
	    T(r, M_SIASN_RECORD_TITLE), T(r, M_SIASN_RECORD_HELP));
	view_csrf(r);
	buf_addf(o, "<label for=\"csv\">%s</label><textarea id=\"csv\" "
	    "name=\"csv\" rows=\"5\" spellcheck=\"false\" placeholder=\""
	    "nomor_sertifikat,siasn_id\"></textarea>"
	    "<label for=\"nomor_sertifikat\">%s</label><input "
	    "id=\"nomor_sertifikat\" name=\"nomor_sertifikat\" maxlength=\"63\">"
	    "<label for=\"siasn_id\">%s</label><input id=\"siasn_id\" "
	    "name=\"siasn_id\" maxlength=\"%d\" spellcheck=\"false\">"
	    "<button type=\"submit\">%s</button></form></section>",
	    T(r, M_SIASN_RECORD_CSV), T(r, M_SIASN_CERT), T(r, M_SIASN_ID),
	    SIASN_ID_MAX, T(r, M_SIASN_RECORD_SAVE));
	/* Recent batches and totals. */
	buf_addf(o, "<section><h2>%s</h2><p id=\"totals\">",
	    T(r, M_SIASN_BATCHES));
	buf_addf(o, T(r, M_SIASN_TOTALS), (long long)nexp, (long long)nrec);
	buf_adds(o, "</p>");
	if (store_siasn_batches(r->st, HR_SIASN_BATCHES, batch_row, &rw) == -1)
		goto err;
	if (rw.b.oom)
		goto err;
	if (rw.n == 0)
		buf_addf(o, "<p>%s</p>", T(r, M_SIASN_B_NONE));
	else
		buf_addf(o, "<div class=\"table-wrap\"><table><thead><tr>"
		    "<th scope=\"col\">#</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">pnsOrangId "
		    "∅</th><th scope=\"col\">%s</th><th scope=\"col\"></th>"
		    "</tr></thead><tbody>%s</tbody></table></div>",
		    T(r, M_SIASN_B_MADE), T(r, M_SIASN_B_BY),
		    T(r, M_SIASN_B_FILTERS), T(r, M_SIASN_B_ENTRIES),
		    T(r, M_SIASN_B_FILE), rw.b.p);
	buf_adds(o, "</section>");
	/* The agency's SIASN codes. */
	buf_addf(o, "<section class=\"card\"><h2>%s</h2><p>%s</p>"
	    "<form method=\"post\" action=\"/hr/siasn/settings\">",
	    T(r, M_SIASN_SETTINGS), T(r, M_SIASN_SETTINGS_HELP));
	view_csrf(r);
	code_input(r, "instansiId", s.siasn_instansi, admin);
	code_input(r, "lokasiId", s.siasn_lokasi, admin);
	code_input(r, "jenisKursus", s.siasn_jenis_kursus, admin);
	if (admin)
		buf_addf(o, "<button type=\"submit\">%s</button>",
		    T(r, M_SIASN_SETTINGS_SAVE));
	buf_adds(o, "</form></section>");
	view_end(r);
	siasn_result_free(&res);
	buf_free(&rw.b);
	return o->oom ? HTTP_OOM : status;
err:
	siasn_result_free(&res);
	buf_free(&rw.b);
	buf_reset(o);
	return 500;
}

static void
get_in(struct req *r, struct in *in, int post)
{
	const char *(*get)(struct req *, const char *) = post ? http_param :
	    http_query;

	in->year = get(r, "year");
	in->since = get(r, "since");
	in->until = get(r, "until");
	in->unit = get(r, "unit");
}

int
hr_siasn_page(struct req *r)
{
	struct in	 in;
	char		 year[8];

	get_in(r, &in, 0);
	/* First visit: this year. */
	if (in.year == NULL && in.since == NULL && in.until == NULL) {
		snprintf(year, sizeof(year), "%d", ledger_year(r->now));
		in.year = year;
	}
	return page(r, &in, NULL, NULL, NULL, 200);
}

/* Sends the file at path as the answer; the file is removed. */
static int
send_zip(struct req *r, const char *path, const char *fname)
{
	char	*chunk;
	ssize_t	 n;
	int	 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 ||
	    (chunk = malloc(ZIP_CHUNK)) == NULL) {
		if (fd != -1)
			close(fd);
		unlink(path);
		return fd == -1 ? 500 : HTTP_OOM;
	}
	unlink(path);
	if (http_stream_begin(r, 200, "application/zip", fname) == -1)
		goto out;
	while ((n = read(fd, chunk, ZIP_CHUNK)) > 0)
		if (http_chunk(r, chunk, (size_t)n) == -1)
			goto out;
	if (n == 0)
		http_chunk(r, NULL, 0);
	/* else: the body stays unterminated, so the client sees a failure */
out:
	free(chunk);
	close(fd);
	return 200;
}

int
hr_siasn_batch(struct req *r)
{
	struct in		 in;
	struct siasn_params	 p;
	struct siasn_opts	 o;
	struct siasn_result	 res;
	struct buf		 base = { 0 };
	char			 why[SIASN_WHY_MAX], path[256], hdr[32];
	const char		*tmp = getenv("TMPDIR"), *again;
	int			 fd, rc;

	get_in(r, &in, 1);
	if ((again = http_param(r, "batch")) != NULL && again[0]) {
		/* A batch made again: its entries, whatever the filters. */
		memset(&p, 0, sizeof(p));
		if ((rc = param_int(r, "batch", again, 1, PARAM_ID_MAX,
		    &p.f.batch)) != 0)
			return rc;
		snprintf(p.fname, sizeof(p.fname), "lentera-siasn-batch-%lld.zip",
		    (long long)p.f.batch);
		snprintf(p.filters, sizeof(p.filters), "batch=%lld",
		    (long long)p.f.batch);
	} else if (siasn_params(in.year, in.since, in.until, in.unit, &p, why,
	    sizeof(why)) == -1)
		return page(r, &in, "error", why, NULL, 400);
	snprintf(path, sizeof(path), "%s/lentera-siasn-XXXXXX",
	    tmp && *tmp ? tmp : "/tmp");
	if ((fd = mkstemp(path)) == -1) {
		log_warnx("siasn batch: %s: %s", path, strerror(errno));
		return 500;
	}
	close(fd);
	api_public_url(&base);
	memset(&o, 0, sizeof(o));
	o.f = p.f;
	o.filters = p.filters;
	o.fname = p.fname;
	o.base_url = base.p ? base.p : "";
	o.bounded = 1;
	o.now = r->now;
	o.actor = r->user.id;
	o.ip = r->ip;
	rc = base.oom ? -1 : make(r->st, &o, path, &res);
	buf_free(&base);
	if (rc != 0) {
		unlink(path);
		log_warnx("siasn batch: %s", res.why);
		siasn_result_free(&res);
		if (rc == -2) {
			http_header(r, "Retry-After", "5");
			return page(r, &in, "error", T(r, M_SIASN_BUSY), NULL,
			    503);
		}
		if (rc == -3)
			return page(r, &in, "error", T(r, M_SIASN_CONFLICT),
			    NULL, 409);
		return 500;
	}
	snprintf(hdr, sizeof(hdr), "%lld", (long long)res.batch);
	http_header(r, "X-Siasn-Batch", hdr);
	snprintf(hdr, sizeof(hdr), "%d", res.entries);
	http_header(r, "X-Siasn-Entries", hdr);
	siasn_result_free(&res);
	return send_zip(r, path, p.fname);
}

int
hr_siasn_record(struct req *r)
{
	struct siasn_result	 res;
	struct in		 in = { 0 };
	struct buf		 one = { 0 };
	const char		*csv = http_param(r, "csv");
	const char		*cert = http_param(r, "nomor_sertifikat");
	const char		*id = http_param(r, "siasn_id");
	char			 msg[128];
	int			 rc, status;

	if ((csv == NULL || csv[0] == '\0') && cert && cert[0]) {
		/* One entry: the same path as a file of one line. */
		buf_adds(&one, "nomor_sertifikat,siasn_id\n");
		csv_field(&one, cert, 1);
		csv_field(&one, id ? id : "", 0);
		csv_end(&one);
		if (one.oom)
			return 500;
		csv = one.p;
	}
	rc = siasn_record_csv(r->st, csv ? csv : "", csv ? strlen(csv) : 0,
	    r->user.id, r->ip, r->now, &res);
	buf_free(&one);
	if (rc == -1) {
		siasn_result_free(&res);
		return 500;
	}
	if (rc == 0)
		snprintf(msg, sizeof(msg), T(r, M_SIASN_RECORDED), res.entries);
	status = page(r, &in, rc == 0 ? "ok" : "error", rc == 0 ? msg :
	    T(r, M_SIASN_RECORD_BAD), rc == 0 ? NULL : res.lines.p,
	    rc == 0 ? 200 : 400);
	siasn_result_free(&res);
	return status;
}

int
hr_siasn_settings(struct req *r)
{
	static const char *const names[3] = { "instansiId", "lokasiId",
		"jenisKursus" };
	struct settings	 s;
	struct in	 in = { 0 };
	char		*dst[3];
	const char	*v;
	char		 detail[300];
	int		 i;

	if (store_settings_get(r->st, &s) == -1)
		return 500;
	dst[0] = s.siasn_instansi;
	dst[1] = s.siasn_lokasi;
	dst[2] = s.siasn_jenis_kursus;
	for (i = 0; i < 3; i++) {
		if ((v = http_param(r, names[i])) == NULL)
			continue;	/* absent: kept */
		if (v[0] && !siasn_id_ok(v))
			return page(r, &in, "error", T(r, M_SIASN_ERR_CODE),
			    NULL, 400);
		snprintf(dst[i], SETTINGS_SIASN_MAX + 1, "%s", v);
	}
	snprintf(detail, sizeof(detail), "instansiId=%s lokasiId=%s "
	    "jenisKursus=%s", s.siasn_instansi[0] ? s.siasn_instansi : "-",
	    s.siasn_lokasi[0] ? s.siasn_lokasi : "-",
	    s.siasn_jenis_kursus[0] ? s.siasn_jenis_kursus : "-");
	if (store_settings_save(r->st, &s, r->now, r->user.id,
	    "settings.siasn", detail, r->ip) == -1)
		return 500;
	return page(r, &in, "ok", T(r, M_SAVED), NULL, 200);
}
