/* api_report: the HR report endpoints (completions, JP summary, ledger,
 * one learner's record) in JSON pages, CSV or XLSX: validated filters, the
 * column contracts, the streaming sink and the JSON pager. See api.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "competency.h"
#include "export.h"
#include "hr.h"
#include "http.h"
#include "ledger.h"
#include "log.h"
#include "param.h"
#include "record.h"
#include "view.h"
#include "wib.h"
#include "xlsx.h"

/*
 * Report columns. The CSV header names (and JSON keys) are a documented
 * contract; the XLSX shows the Indonesian label instead, in a column wide
 * enough for its content (an 18-digit NIP included), with real date cells
 * and the score to one decimal, as the CSV has it.
 */
static const struct export_col completion_cols[] = {
	{ "nip", "nip", EXPORT_TEXT, "NIP", 21, "@" },
	{ "nama", "name", EXPORT_TEXT, "Nama", 30, NULL },
	{ "unit_kerja", "unit", EXPORT_TEXT, "Unit Kerja", 34, NULL },
	{ "jabatan", "position", EXPORT_TEXT, "Jabatan", 26, NULL },
	{ "golongan", "golongan", EXPORT_TEXT, "Golongan", 11, NULL },
	{ "nama_kursus", "course_title", EXPORT_TEXT, "Nama Pelatihan", 36,
	    NULL },
	{ "kode_kursus", "course", EXPORT_TEXT, "Kode Pelatihan", 26, NULL },
	{ "kompetensi", "competency", EXPORT_TEXT, "Kompetensi", 34, NULL },
	{ "jenis_kompetensi", "competency_type", EXPORT_TEXT,
	    "Jenis Kompetensi", 19, NULL },
	{ "level", "level", EXPORT_NUM, "Level", 8, "0" },
	{ "jumlah_jp", "jp", EXPORT_NUM, "Jumlah JP", 12, "0" },
	{ "tanggal_mulai", "started", EXPORT_DATE, "Tanggal Mulai", 16, NULL },
	{ "tanggal_selesai", "completed", EXPORT_DATE, "Tanggal Selesai", 17,
	    NULL },
	{ "nilai", "score", EXPORT_NUM, "Nilai", 8, "0.0" },
	{ "nomor_sertifikat", "certificate", EXPORT_TEXT, "Nomor Sertifikat",
	    22, NULL },
	{ "tahun", "year", EXPORT_NUM, "Tahun", 8, "0" },
};
#define NELEM(a)	((int)(sizeof(a) / sizeof((a)[0])))
#define NCOMPLETION	NELEM(completion_cols)

static const struct export_col jp_cols[] = {
	{ "nip", "nip", EXPORT_TEXT, "NIP", 21, "@" },
	{ "nama", "name", EXPORT_TEXT, "Nama", 30, NULL },
	{ "unit_kerja", "unit", EXPORT_TEXT, "Unit Kerja", 34, NULL },
	{ "jabatan", "position", EXPORT_TEXT, "Jabatan", 26, NULL },
	{ "golongan", "golongan", EXPORT_TEXT, "Golongan", 11, NULL },
	{ "tahun", "year", EXPORT_NUM, "Tahun", 8, "0" },
	{ "jumlah_jp", "jp", EXPORT_NUM, "Jumlah JP", 12, "General" },
	{ "target_jp", "target", EXPORT_NUM, "Target JP", 12, "0" },
	{ "memenuhi_target", "meets_target", EXPORT_BOOL, "Memenuhi Target",
	    18, NULL },
	/* ledger: columns grow at the end, names above never change */
	{ "jenis_pegawai", "employee_type", EXPORT_TEXT, "Jenis Pegawai", 16,
	    NULL },
	{ "jp_menunggu", "jp_pending", EXPORT_NUM, "JP Menunggu Verifikasi",
	    25, "General" },
};
#define NJP		NELEM(jp_cols)

/* GET /api/v1/ledger: every ledger entry, every source and status. */
static const struct export_col ledger_cols[] = {
	{ "nip", "nip", EXPORT_TEXT, "NIP", 21, "@" },
	{ "nama", "name", EXPORT_TEXT, "Nama", 30, NULL },
	{ "unit_kerja", "unit", EXPORT_TEXT, "Unit Kerja", 34, NULL },
	{ "sumber", "source", EXPORT_TEXT, "Sumber", 12, NULL },
	{ "bentuk", "kind", EXPORT_TEXT, "Bentuk", 24, NULL },
	{ "judul", "title", EXPORT_TEXT, "Judul", 36, NULL },
	{ "kode_kursus", "course", EXPORT_TEXT, "Kode Pelatihan", 26, NULL },
	{ "tanggal", "date", EXPORT_DATE, "Tanggal", 12, NULL },
	{ "tahun", "year", EXPORT_NUM, "Tahun", 8, "0" },
	{ "jumlah_jp", "jp", EXPORT_NUM, "Jumlah JP", 12, "General" },
	{ "status", "status", EXPORT_TEXT, "Status", 12, NULL },
	{ "aturan", "rule_ref", EXPORT_TEXT, "Aturan", 26, NULL },
	{ "catatan", "note", EXPORT_TEXT, "Catatan", 30, NULL },
};
#define NLEDGER		((int)(sizeof(ledger_cols) / sizeof(ledger_cols[0])))

/* Validated query parameters shared by the report endpoints. */
struct params {
	enum export_fmt	 fmt;
	struct report_filter f;
	const char	*since;		/* as given, for the next link */
	int		 page, per_page;
};

/* Where report bytes go: r->out for JSON, the chunked socket otherwise. */
struct sink {
	struct req	*r;
	enum export_fmt	 fmt;
	char		 filename[API_FNAME_MAX + 8];
	int		 begun;
	int		 head;		/* HEAD: headers only, then stop */
};

/* Parse the shared parameters; 0 ok, else a 400 answer is set. */
static int
parse_params(struct req *r, struct params *p, int default_year)
{
	const char	*year = http_query(r, "year");
	const char	*unit = http_query(r, "unit");
	const char	*course = http_query(r, "course");
	const char	*type = http_query(r, "type");
	static const char *const fmts[] = { "json", "csv", "xlsx", NULL };
	static const enum export_fmt fmtv[] = { EXPORT_JSON, EXPORT_CSV,
	    EXPORT_XLSX };
	int		 fmt = 0, ctype, rc;

	memset(p, 0, sizeof(*p));
	p->f.year = default_year;
	p->page = 1;
	p->per_page = API_DEF_PER_PAGE;
	if ((rc = param_enum(r, "format", http_query(r, "format"), fmts,
	    &fmt)) != 0 ||
	    (rc = param_int32(r, "year", year, PARAM_YEAR_MIN, PARAM_YEAR_MAX,
	    &p->f.year)) != 0 ||
	    (rc = param_text(r, "unit", unit, API_UNIT_MAX, &unit)) != 0 ||
	    (rc = param_enum(r, "type", type, competency_type_ids,
	    &ctype)) != 0 ||
	    (rc = param_int32(r, "page", http_query(r, "page"), 1,
	    API_MAX_PAGE, &p->page)) != 0 ||
	    (rc = param_int32(r, "per_page", http_query(r, "per_page"), 1,
	    API_MAX_PER_PAGE, &p->per_page)) != 0)
		return rc;
	p->fmt = fmtv[fmt];
	snprintf(p->f.unit, sizeof(p->f.unit), "%s", unit ? unit : "");
	if (course && (strlen(course) > API_COURSE_MAX ||
	    strspn(course, "abcdefghijklmnopqrstuvwxyz0123456789-_") !=
	    strlen(course)))
		return api_fail(r, 400, "course must be a course id "
		    "(a-z, 0-9, '-', '_', at most 64)");
	snprintf(p->f.course, sizeof(p->f.course), "%s", course ? course : "");
	snprintf(p->f.ctype, sizeof(p->f.ctype), "%s", type ? type : "");
	p->since = http_query(r, "since");
	if (p->since && *p->since && (strlen(p->since) > API_SINCE_MAX ||
	    api_parse_since(p->since, &p->f.since) == -1))
		return api_fail(r, 400, API_SINCE_MSG);
	if (p->fmt == EXPORT_JSON) {
		/* One more than a page tells whether a next page exists. */
		p->f.offset = (int64_t)(p->page - 1) * p->per_page;
		p->f.limit = p->per_page + 1;
	}
	return 0;
}

static int
sink_emit(void *arg, const void *p, size_t n)
{
	struct sink	*k = arg;

	if (k->fmt == EXPORT_JSON) {
		buf_add(&k->r->out, p, n);
		return k->r->out.oom ? -1 : 0;
	}
	/* Headers go out with the first bytes, so an error before them can
	 * still be a clean JSON 500. */
	if (!k->begun) {
		if (http_stream_begin(k->r, 200, export_ctype(k->fmt),
		    k->filename) < 0)
			return -1;
		k->begun = 1;
	}
	if (k->head)
		return 1;	/* no body for HEAD: stop the export here */
	return http_chunk(k->r, p, n);
}

/* Open a writer on a sink for r; NULL with a 500 answer set. */
static struct export *
open_export(struct req *r, struct sink *k, enum export_fmt fmt,
    const char *sheet, const struct export_col *cols, int ncols,
    const char *fname)
{
	struct export	*e;
	char		 err[256];

	memset(k, 0, sizeof(*k));
	k->r = r;
	k->fmt = fmt;
	k->head = strcmp(r->method, "HEAD") == 0;
	snprintf(k->filename, sizeof(k->filename), "%s.%s", fname,
	    export_ext(fmt));
	if ((e = export_open(fmt, sheet, cols, ncols, sink_emit, k, err,
	    sizeof(err))) == NULL) {
		log_warnx("api: %s: %s", r->path, err);
		api_fail(r, 500, "export failed");
	}
	return e;
}

/* Finish the writer (and the chunked body); returns the final status. */
static int
close_export(struct req *r, struct sink *k, struct export *e, int store_rc)
{
	char	 err[256];

	if (store_rc == -1) {
		export_abort(e);
		snprintf(err, sizeof(err), "database error");
	} else if (export_finish(e, err, sizeof(err)) == 0) {
		if (k->begun && http_chunk(r, NULL, 0) == -1)
			log_warnx("api: %s: client went away", r->path);
		return 200;
	}
	if (k->head && k->begun)
		return 200;	/* stopped on purpose after the headers */
	log_warnx("api: %s: %s", r->path, err);
	if (k->begun)
		return 200;	/* status sent; body left unterminated */
	return api_fail(r, 500, "export failed");
}

/* A JSON page: at most max rows (0: all); more is set if one is left. */
struct pager {
	struct export	*e;
	int		 max, n, more;
};

/* 1 when the next row belongs in the page. */
static int
pager_take(struct pager *pg)
{
	if (pg->max && pg->n == pg->max) {
		pg->more = 1;
		return 0;
	}
	pg->n++;
	return 1;
}

struct comp_ctx {
	struct pager	 pg;		/* first: run_report passes &pg */
};

/* v in decimal into out[16], no printf (once per cell of an export). */
static void
itoa10(int v, char out[16])
{
	char		 t[16], *q = t + sizeof(t);
	unsigned	 u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
	size_t		 n;

	do
		*--q = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--q = '-';
	n = (size_t)(t + sizeof(t) - q);
	memcpy(out, q, n);
	out[n] = '\0';
}

/*
 * "%.1f" of v >= 0 without printf when that is exact: away from a tie
 * (x.x5) llround of v * 10 rounds as printf does (the product's error is
 * far below the distance to the tie); at a tie, or out of range, printf.
 */
static void
score1(double v, char out[32])
{
	double		 t = v * 10;
	long long	 k;
	char		 d[16];
	size_t		 n;

	if (!(t < 1e9) || fabs(t - floor(t) - 0.5) < 1e-6) {
		snprintf(out, 32, "%.1f", v);
		return;
	}
	k = llround(t);
	itoa10((int)(k / 10), d);
	n = strlen(d);
	memcpy(out, d, n);
	out[n] = '.';
	out[n + 1] = (char)('0' + k % 10);
	out[n + 2] = '\0';
}

static int
comp_row(void *arg, const struct completion *c)
{
	struct comp_ctx	*x = arg;
	char		 level[16], jp[16], start[11], end[11], score[32];
	char		 year[16];
	const char	*cells[NCOMPLETION];

	if (!pager_take(&x->pg))
		return 1;
	itoa10(c->level, level);
	itoa10(c->jp, jp);
	itoa10(c->year, year);
	api_date(c->started_at, start);
	api_date(c->completed_at, end);
	score[0] = '\0';
	if (c->score >= 0)
		score1(c->score, score);
	cells[0] = c->nip;
	cells[1] = c->name;
	cells[2] = c->unit;
	cells[3] = c->position;
	cells[4] = c->golongan;
	cells[5] = c->course_title;
	cells[6] = c->course;
	cells[7] = c->competency;
	cells[8] = c->ctype;
	cells[9] = level;
	cells[10] = jp;
	cells[11] = start;
	cells[12] = end;
	cells[13] = score;
	cells[14] = c->cert_no;
	cells[15] = year;
	return export_row(x->pg.e, cells) == 0 ? 0 : 1;
}

/* The next-page link: the same validated query, page + 1. */
static void
next_link(struct buf *b, const char *path, const struct params *p)
{
	buf_adds(b, path);
	buf_adds(b, "?format=json");
	api_download_query(b, &p->f, p->since);
	buf_addf(b, "&per_page=%d&page=%d", p->per_page, p->page + 1);
}

/* JSON page trailer: {"data":[...],"page":..,"per_page":..,"next":..}. */
static int
page_tail(struct export *e, const char *path, const struct params *p,
    int more)
{
	struct buf	 t = { 0 }, link = { 0 };
	int		 rc;

	buf_addf(&t, "],\"page\":%d,\"per_page\":%d,\"next\":", p->page,
	    p->per_page);
	if (more) {
		next_link(&link, path, p);
		buf_json_str(&t, link.p);
	} else
		buf_adds(&t, "null");
	buf_adds(&t, "}\n");
	rc = t.oom || link.oom ? -1 : export_raw(e, t.p);
	buf_free(&t);
	buf_free(&link);
	return rc;
}

/* A paginated report endpoint: its columns, its query and its count. */
struct report {
	const char		*path, *sheet, *fname, *title;
	const struct export_col	*cols;
	int			 ncols;
	int			(*query)(struct req *, const struct params *,
				    struct pager *);
	int			(*count)(struct req *, const struct params *,
				    int64_t *);
};

static int
run_report(struct req *r, const struct params *p, const struct report *rep,
    struct pager *pg)
{
	struct sink	 k;
	char		 fname[API_FNAME_MAX];
	int64_t		 rows = 0;
	int		 rc;

	api_download_fname(fname, sizeof(fname), rep->fname, &p->f, p->since);
	if (p->fmt == EXPORT_XLSX) {
		if (rep->count(r, p, &rows) == -1)
			return api_fail(r, 500, "server error");
		if (rows > XLSX_MAX_ROWS)
			return api_download_too_big(r, rep->path, &p->f,
			    p->since, rows);
	}
	if ((pg->e = open_export(r, &k, p->fmt, rep->sheet, rep->cols,
	    rep->ncols, fname)) == NULL)
		return 500;
	if (p->fmt == EXPORT_JSON) {
		pg->max = p->per_page;
		export_raw(pg->e, "{\"data\":[");
	}
	if (api_download_notes(r, pg->e, rep->title, NULL, &p->f, p->since,
	    rows) == -1)
		rc = -1;
	else
		rc = rep->query(r, p, pg);
	if (rc != -1 && p->fmt == EXPORT_JSON)
		page_tail(pg->e, rep->path, p, pg->more);
	return close_export(r, &k, pg->e, rc);
}

static int
query_completions(struct req *r, const struct params *p, struct pager *pg)
{
	return store_report_completions(r->st, &p->f, comp_row, pg);
}

static int
count_completions(struct req *r, const struct params *p, int64_t *n)
{
	return store_report_completions_count(r->st, &p->f, n);
}

int
api_completions(struct req *r)
{
	static const struct report rep = { "/api/v1/completions",
	    "Penyelesaian", "lentera-completions",
	    "Lentera: penyelesaian pelatihan (rekam jejak kompetensi)",
	    completion_cols, NCOMPLETION, query_completions,
	    count_completions };
	struct comp_ctx	 x;
	struct params	 p;
	int		 rc;

	if ((rc = api_begin(r)) != 0 || (rc = parse_params(r, &p, 0)) != 0)
		return rc;
	memset(&x, 0, sizeof(x));
	return run_report(r, &p, &rep, &x.pg);
}

struct jp_ctx {
	struct pager	 pg;		/* first: run_report passes &pg */
};

/* The report filter as the ledger's (ledger.h: the one JP sum). */
static void
ledger_filter_of(const struct report_filter *rf, struct ledger_filter *lf)
{
	memset(lf, 0, sizeof(*lf));
	lf->year = rf->year;
	lf->unit = rf->unit;
	lf->course = rf->course;
	lf->ctype = rf->ctype;
	lf->user_id = rf->user_id;
	lf->limit = rf->limit;
	lf->offset = rf->offset;
}

static int
jp_row(void *arg, const struct ledger_person *j)
{
	struct jp_ctx	*x = arg;
	char		 year[16], jp[LEDGER_CJP_STR], target[LEDGER_CJP_STR];
	char		 pend[LEDGER_CJP_STR];
	const char	*cells[NJP];

	if (!pager_take(&x->pg))
		return 1;
	snprintf(year, sizeof(year), "%d", j->year);
	ledger_cjp_str(jp, sizeof(jp), j->cjp, '.');
	ledger_cjp_str(target, sizeof(target), ledger_target_cjp(j->type), '.');
	ledger_cjp_str(pend, sizeof(pend), j->cjp_pending, '.');
	cells[0] = j->u.nip;
	cells[1] = j->u.name;
	cells[2] = j->u.unit;
	cells[3] = j->u.position;
	cells[4] = j->u.golongan;
	cells[5] = year;
	cells[6] = jp;
	cells[7] = target;
	cells[8] = ledger_meets(j) ? "1" : "0";
	cells[9] = j->type;
	cells[10] = pend;
	return export_row(x->pg.e, cells) == 0 ? 0 : 1;
}

static int
query_jp(struct req *r, const struct params *p, struct pager *pg)
{
	struct ledger_filter	 lf;

	ledger_filter_of(&p->f, &lf);
	return ledger_people(r->st, &lf, jp_row, pg);
}

static int
count_jp(struct req *r, const struct params *p, int64_t *n)
{
	struct ledger_filter	 lf;

	ledger_filter_of(&p->f, &lf);
	return ledger_people_count(r->st, &lf, n);
}

static int
ledger_row(void *arg, const struct ledger_row *x)
{
	struct pager	*pg = arg;
	char		 date[11], year[16], jp[LEDGER_CJP_STR];
	const char	*cells[NLEDGER];

	if (!pager_take(pg))
		return 1;
	api_date(x->e.at, date);
	snprintf(year, sizeof(year), "%d", x->e.year);
	ledger_cjp_str(jp, sizeof(jp), x->e.cjp, '.');
	cells[0] = x->nip;
	cells[1] = x->name;
	cells[2] = x->unit;
	cells[3] = x->e.source;
	cells[4] = x->e.kind;
	cells[5] = x->e.title;
	cells[6] = x->e.course;
	cells[7] = date;
	cells[8] = year;
	cells[9] = jp;
	cells[10] = x->e.status;
	cells[11] = x->e.rule_ref;
	cells[12] = x->e.note;
	return export_row(pg->e, cells) == 0 ? 0 : 1;
}

static int
query_ledger(struct req *r, const struct params *p, struct pager *pg)
{
	return store_ledger_entries(r->st, &p->f, ledger_row, pg);
}

static int
count_ledger(struct req *r, const struct params *p, int64_t *n)
{
	return store_ledger_entries_count(r->st, &p->f, n);
}

int
api_ledger(struct req *r)
{
	static const struct report rep = { "/api/v1/ledger",
	    "Buku JP", "lentera-ledger",
	    "Lentera: semua catatan JP (setiap sumber dan status; hanya "
	    "status approved yang dihitung)",
	    ledger_cols, NLEDGER, query_ledger, count_ledger };
	struct pager	 pg;
	struct params	 p;
	int		 rc;

	if ((rc = api_begin(r)) != 0 || (rc = parse_params(r, &p, 0)) != 0)
		return rc;
	memset(&pg, 0, sizeof(pg));
	return run_report(r, &p, &rep, &pg);
}

int
api_jp_summary(struct req *r)
{
	static const struct report rep = { "/api/v1/jp-summary",
	    "Rekap JP", "lentera-jp-summary",
	    "Lentera: rekap JP per ASN terhadap target 20 JP",
	    jp_cols, NJP, query_jp, count_jp };
	struct jp_ctx	 x;
	struct params	 p;
	int		 rc;

	if ((rc = api_begin(r)) != 0 ||
	    (rc = parse_params(r, &p, ledger_year(r->now))) != 0)
		return rc;
	if (p.f.since)
		return api_fail(r, 400, "jp-summary takes year, unit, course, "
		    "type, format, page and per_page only");
	memset(&x, 0, sizeof(x));
	return run_report(r, &p, &rep, &x.pg);
}

/* {"year":Y,"jp":N,"target":20,"meets_target":b,"jp_pending":N} per
   year with JP, newest first, from the ledger (every source). */
struct years_ctx {
	struct ledger_person	 y[2101 - 2000];
	int			 n;
};

static int
year_row(void *arg, const struct ledger_person *p)
{
	struct years_ctx	*x = arg;

	if ((p->cjp > 0 || p->cjp_pending > 0) &&
	    x->n < (int)(sizeof(x->y) / sizeof(x->y[0])))
		x->y[x->n++] = *p;
	return 0;
}

static int
jp_years(struct req *r, struct buf *b, const struct params *p)
{
	struct ledger_filter	 lf;
	struct years_ctx	*x;
	char			 jp[LEDGER_CJP_STR], pend[LEDGER_CJP_STR];
	char			 target[LEDGER_CJP_STR];
	int			 i, n = 0;

	if ((x = calloc(1, sizeof(*x))) == NULL)
		return -1;
	ledger_filter_of(&p->f, &lf);
	lf.limit = lf.offset = 0;
	if (ledger_people(r->st, &lf, year_row, x) == -1) {
		free(x);
		return -1;
	}
	buf_adds(b, "],\"jp_by_year\":[");
	for (i = x->n - 1; i >= 0; i--) {
		ledger_cjp_str(jp, sizeof(jp), x->y[i].cjp, '.');
		ledger_cjp_str(pend, sizeof(pend), x->y[i].cjp_pending, '.');
		ledger_cjp_str(target, sizeof(target),
		    ledger_target_cjp(x->y[i].type), '.');
		buf_addf(b, "%s{\"year\":%d,\"jp\":%s,\"target\":%s,"
		    "\"meets_target\":%s,\"jp_pending\":%s}", n++ ? "," : "",
		    x->y[i].year, jp, target,
		    ledger_meets(&x->y[i]) ? "true" : "false", pend);
	}
	buf_adds(b, "]}\n");
	free(x);
	return 0;
}

int
api_learner_record(struct req *r)
{
	struct comp_ctx	 x;
	struct params	 p;
	struct sink	 k;
	struct user	 u;
	struct buf	 head = { 0 };
	char		 fname[API_FNAME_MAX], base[64];
	const char	*nip;
	int64_t		 rows = 0;
	int		 rc;

	if ((rc = api_begin(r)) != 0 || (rc = parse_params(r, &p, 0)) != 0)
		return rc;
	if ((rc = param_nip(r, "nip", r->seg[3], &nip)) != 0)
		return rc;
	if ((rc = store_user_by_nip(r->st, nip, &u, NULL, 0)) == -1)
		return api_fail(r, 500, "server error");
	if (rc == 1)
		return api_fail(r, 404, "no ASN with this NIP");
	p.f.user_id = u.id;
	p.f.offset = 0;
	p.f.limit = 0;		/* one person's record: every row */
	snprintf(base, sizeof(base), "lentera-record-%s", u.nip);
	if (p.f.year || p.f.unit[0] || p.f.course[0] || p.f.ctype[0] ||
	    (p.since && *p.since))
		api_download_fname(fname, sizeof(fname), base, &p.f, p.since);
	else
		snprintf(fname, sizeof(fname), "%s", base);
	if (p.fmt == EXPORT_XLSX) {
		if (store_report_completions_count(r->st, &p.f, &rows) == -1)
			return api_fail(r, 500, "server error");
		if (rows > XLSX_MAX_ROWS)	/* one person: in theory only */
			return api_download_too_big(r, r->path, &p.f, p.since,
			    rows);
	}
	memset(&x, 0, sizeof(x));
	if ((x.pg.e = open_export(r, &k, p.fmt, "Rekam Jejak", completion_cols,
	    NCOMPLETION, fname)) == NULL)
		return 500;
	if (api_download_notes(r, x.pg.e, "Lentera: rekam jejak kompetensi "
	    "satu ASN", &u, &p.f, p.since, rows) == -1) {
		export_abort(x.pg.e);
		return api_fail(r, 500, "export failed");
	}
	if (p.fmt == EXPORT_JSON) {
		buf_adds(&head, "{\"nip\":");
		buf_json_str(&head, u.nip);
		buf_adds(&head, ",\"name\":");
		buf_json_str(&head, u.name);
		buf_adds(&head, ",\"unit\":");
		buf_json_str(&head, u.unit);
		buf_adds(&head, ",\"position\":");
		buf_json_str(&head, u.position);
		buf_adds(&head, ",\"golongan\":");
		buf_json_str(&head, u.golongan);
		buf_adds(&head, ",\"completions\":[");
		export_raw(x.pg.e, head.oom ? "" : head.p);
		buf_free(&head);
	}
	rc = store_report_completions(r->st, &p.f, comp_row, &x);
	if (rc != -1 && p.fmt == EXPORT_JSON) {
		if (jp_years(r, &head, &p) == -1)
			rc = -1;
		export_raw(x.pg.e, head.oom ? "" : head.p);
		buf_free(&head);
	}
	return close_export(r, &k, x.pg.e, rc);
}
