/* siasn_batch: one SIASN upload batch as a ZIP. See siasn_batch.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <zip.h>

#include "certificate.h"
#include "cert.h"
#include "certpdf.h"
#include "csv.h"
#include "log.h"
#include "siasn.h"
#include "siasn_batch.h"
#include "slug.h"
#include "store_settings.h"
#include "wib.h"
#include "xlsx.h"

#define NCOLS		17
#define JSONL_NAME	"riwayat-kursus.jsonl"
#define XLSX_NAME	"riwayat-kursus.xlsx"
#define WARN_NAME	"peringatan.csv"
#define WARN_PNS	"pnsOrangId kosong: isi kolom pns_orang_id di roster " \
			"lalu unduh batch baru (entri ini akan dikirim ulang)"

struct pick {
	struct siasn_row	*rows;
	unsigned char		(*prev)[SIASN_HASH_LEN];	/* hash as stored */
	int			 n, nnew, nchanged, warnings, more;
	int			 all;		/* a batch again: every entry */
	const struct settings	*s;
};

static void
kursus(const struct settings *s, const struct siasn_row *r,
    struct siasn_kursus *k)
{
	memset(k, 0, sizeof(*k));
	k->siasn_id = r->siasn_id;
	k->instansi_id = s->siasn_instansi;
	k->institusi = s->institusi;
	/* Today's only approved ledger entries are e-learning courses. */
	k->jenis_diklat = SIASN_JENIS_ELEARNING;
	k->jenis_kursus = s->siasn_jenis_kursus;
	k->jp = r->c.jp;
	k->lokasi_id = s->siasn_lokasi;
	k->nama = r->c.course_title;
	k->nomor = r->c.cert_no;
	k->pns_orang_id = r->pns_orang_id;
	k->tahun = r->c.year;
	k->mulai = r->c.started_at;
	k->selesai = r->c.completed_at;
}

static int
pick_one(void *arg, const struct siasn_row *r)
{
	struct pick		*p = arg;
	struct siasn_kursus	 k;
	unsigned char		 h[SIASN_HASH_LEN];

	kursus(p->s, r, &k);
	if (siasn_hash(&k, h) == -1)
		return -1;
	if (!p->all && r->exported && memcmp(h, r->hash, sizeof(h)) == 0)
		return 0;		/* SIASN has this one as it is */
	if (p->n == SIASN_BATCH_MAX) {
		p->more = 1;
		return 1;
	}
	p->rows[p->n] = *r;
	memcpy(p->prev[p->n], r->hash, sizeof(h));
	memcpy(p->rows[p->n].hash, h, sizeof(h));
	p->n++;
	if (r->exported)
		p->nchanged++;
	else
		p->nnew++;
	if (r->pns_orang_id[0] == '\0')
		p->warnings++;
	return 0;
}

/* ------------------------------------------------------------ ZIP */

struct zw {
	zipFile		 z;
	zip_fileinfo	 fi;
	int		 failed;
};

static int
zw_open(struct zw *w, const char *name)
{
	if (zipOpenNewFileInZip64(w->z, name, &w->fi, NULL, 0, NULL, 0, NULL,
	    Z_DEFLATED, Z_DEFAULT_COMPRESSION, 0) != ZIP_OK) {
		w->failed = 1;
		return -1;
	}
	return 0;
}

static int
zw_write(void *arg, const void *p, size_t n)
{
	struct zw	*w = arg;

	if (n && zipWriteInFileInZip(w->z, p, (unsigned)n) != ZIP_OK) {
		w->failed = 1;
		return -1;
	}
	return 0;
}

static int
zw_close(struct zw *w)
{
	if (zipCloseFileInZip(w->z) != ZIP_OK) {
		w->failed = 1;
		return -1;
	}
	return 0;
}

static int
zw_file(struct zw *w, const char *name, const void *p, size_t n)
{
	if (zw_open(w, name) == -1)
		return -1;
	if (zw_write(w, p, n) == -1) {
		zipCloseFileInZip(w->z);
		return -1;
	}
	return zw_close(w);
}

/* ------------------------------------------------------------ parts */

static int
put_jsonl(struct zw *w, const struct pick *p)
{
	struct siasn_kursus	 k;
	struct buf		 b = { 0 };
	int			 i, rc = -1;

	for (i = 0; i < p->n; i++) {
		kursus(p->s, &p->rows[i], &k);
		siasn_line(&k, 1, &b);
		buf_addc(&b, '\n');
	}
	if (!b.oom)
		rc = zw_file(w, JSONL_NAME, b.p ? b.p : "", b.n);
	buf_free(&b);
	return rc;
}

static const char *const titles[NCOLS] = {
	"NIP", "Nama", "ID riwayat SIASN", "ID PNS SIASN", "Nama kursus",
	"Jenis diklat", "Jenis kursus", "Jenis sertipikat", "Jumlah jam (JP)",
	"Tahun kursus", "Tanggal mulai", "Tanggal selesai",
	"Nomor sertifikat", "Institusi penyelenggara", "ID instansi",
	"ID lokasi", "Dokumen sertifikat (881)",
};
static const char *const fields[NCOLS] = {
	"(NIP, tidak dikirim)", "(nama, tidak dikirim)", "id", "pnsOrangId",
	"namaKursus", "jenisDiklatId", "jenisKursus", "jenisKursusSertipikat",
	"jumlahJam", "tahunKursus", "tanggalKursus", "tanggalSelesaiKursus",
	"nomorSertipikat", "institusiPenyelenggara", "instansiId", "lokasiId",
	"path[0].dok_uri",
};

static int
put_xlsx(struct zw *w, const struct pick *p, const struct siasn_opts *o)
{
	static const double widths[NCOLS] = { 21, 28, 20, 38, 40, 12, 20, 14,
		14, 12, 14, 14, 20, 32, 20, 20, 36 };
	static const int kinds[NCOLS] = { XLSX_TEXT, XLSX_TEXT, XLSX_TEXT,
		XLSX_TEXT, XLSX_TEXT, XLSX_TEXT, XLSX_TEXT, XLSX_TEXT,
		XLSX_NUMBER, XLSX_NUMBER, XLSX_TEXT, XLSX_TEXT, XLSX_TEXT,
		XLSX_TEXT, XLSX_TEXT, XLSX_TEXT, XLSX_TEXT };
	const char	*notes[2 * (NCOLS + 8)], *cells[NCOLS];
	char		 err[128], jp[16], th[16], d1[11], d2[11], made[32];
	char		 count[16], pdf[SIASN_PDF_NAME_MAX];
	struct siasn_kursus k;
	struct xlsx	*x;
	struct tm	 tm;
	int		 i, c, nn = 0;

	if ((x = xlsx_open("Riwayat Kursus", titles, NCOLS, err,
	    sizeof(err))) == NULL) {
		log_warnx("siasn xlsx: %s", err);
		return -1;
	}
	for (c = 0; c < NCOLS; c++)
		if (xlsx_column(x, c, widths[c], kinds[c] == XLSX_NUMBER ?
		    "0" : "@") == -1)
			goto err;
	wib_tm(o->now, &tm);
	strftime(made, sizeof(made), "%Y-%m-%d %H:%M WIB", &tm);
	snprintf(count, sizeof(count), "%d", p->n);
	notes[nn++] = "Batch riwayat kursus SIASN (kursus/save)";
	notes[nn++] = NULL;
	notes[nn++] = "Filter";
	notes[nn++] = o->filters && o->filters[0] ? o->filters : "semua";
	notes[nn++] = "Dibuat";
	notes[nn++] = made;
	notes[nn++] = "Jumlah entri";
	notes[nn++] = count;
	notes[nn++] = "Kolom dan nama field SIASN";
	notes[nn++] = NULL;
	for (c = 0; c < NCOLS; c++) {
		notes[nn++] = titles[c];
		notes[nn++] = fields[c];
	}
	if (xlsx_notes(x, "Keterangan", notes, nn / 2) == -1)
		goto err;
	for (i = 0; i < p->n; i++) {
		kursus(p->s, &p->rows[i], &k);
		snprintf(jp, sizeof(jp), "%d", k.jp);
		snprintf(th, sizeof(th), "%d", k.tahun);
		siasn_date(k.mulai, d1);
		siasn_date(k.selesai, d2);
		siasn_pdf_name(k.nomor, pdf, sizeof(pdf));
		cells[0] = p->rows[i].c.nip;
		cells[1] = p->rows[i].c.name;
		cells[2] = k.siasn_id;
		cells[3] = k.pns_orang_id;
		cells[4] = k.nama;
		cells[5] = k.jenis_diklat;
		cells[6] = k.jenis_kursus;
		cells[7] = siasn_jenis_sertipikat(k.jenis_diklat);
		cells[8] = jp;
		cells[9] = th;
		cells[10] = d1;
		cells[11] = d2;
		cells[12] = k.nomor;
		cells[13] = k.institusi;
		cells[14] = k.instansi_id;
		cells[15] = k.lokasi_id;
		cells[16] = pdf;
		if (xlsx_row(x, cells, kinds, NCOLS) == -1)
			goto err;
	}
	if (zw_open(w, XLSX_NAME) == -1) {
		xlsx_abort(x);
		return -1;
	}
	if (xlsx_finish(x, zw_write, w) == -1) {
		zipCloseFileInZip(w->z);
		return -1;
	}
	return zw_close(w);
err:
	log_warnx("siasn xlsx: %s", xlsx_error(x));
	xlsx_abort(x);
	return -1;
}

static int
put_warnings(struct zw *w, const struct pick *p)
{
	struct buf	 b = { 0 };
	int		 i, rc = -1;

	if (p->warnings == 0)
		return 0;
	csv_field(&b, "nomor_sertifikat", 1);
	csv_field(&b, "nip", 0);
	csv_field(&b, "nama", 0);
	csv_field(&b, "peringatan", 0);
	csv_end(&b);
	for (i = 0; i < p->n; i++) {
		if (p->rows[i].pns_orang_id[0])
			continue;
		csv_field(&b, p->rows[i].c.cert_no, 1);
		csv_field(&b, p->rows[i].c.nip, 0);
		csv_field(&b, p->rows[i].c.name, 0);
		csv_field(&b, WARN_PNS, 0);
		csv_end(&b);
	}
	if (!b.oom)
		rc = zw_file(w, WARN_NAME, b.p, b.n);
	buf_free(&b);
	return rc;
}

/* Every entry's certificate PDF, made as record_pdf_send makes it. */
static int
put_pdfs(struct zw *w, const struct pick *p, const struct siasn_opts *o)
{
	struct buf	 logo = { 0 }, url = { 0 }, pdf = { 0 };
	char		 printed[CERT_CODE_PRINT_LEN], name[SIASN_PDF_NAME_MAX];
	struct certpdf	 in;
	int		 i, rc = 0;

	if (p->n && certificate_logo(p->s, &logo) == -1)
		log_warnx("siasn batch: logo %s unreadable", p->s->logo);
	for (i = 0; i < p->n && rc == 0; i++) {
		const struct completion *c = &p->rows[i].c;

		printed[0] = '\0';
		if (c->code[0])
			cert_code_print(c->code, printed);
		buf_reset(&url);
		certificate_url(o->base_url ? o->base_url : "", &url,
		    c->cert_no, c->code);
		if (url.oom) {
			rc = -1;
			break;
		}
		certificate_pdf_input(&in, p->s, c, url.p, printed, &logo);
		buf_reset(&pdf);
		if ((rc = o->bounded ? certpdf_render_bounded(&in, &pdf) :
		    certpdf_render(&in, &pdf)) != 0)
			break;
		siasn_pdf_name(c->cert_no, name, sizeof(name));
		if (zw_file(w, name, pdf.p, pdf.n) == -1)
			rc = -1;
	}
	buf_free(&logo);
	buf_free(&url);
	buf_free(&pdf);
	return rc;
}

static void
lines(struct siasn_result *res, const struct pick *p)
{
	int	 i;

	for (i = 0; i < p->n; i++)
		buf_addf(&res->lines, "%s %s %s %s\n", p->all ? "lagi" :
		    p->rows[i].exported ? "berubah" : "baru", p->rows[i].c.cert_no,
		    p->rows[i].c.nip, p->rows[i].c.name);
	for (i = 0; i < p->n; i++)
		if (p->rows[i].pns_orang_id[0] == '\0')
			buf_addf(&res->lines, "peringatan: %s %s %s: %s\n",
			    p->rows[i].c.cert_no, p->rows[i].c.nip,
			    p->rows[i].c.name, WARN_PNS);
}

int
siasn_batch_make(struct store *st, const struct siasn_opts *o,
    const char *path, struct siasn_result *res)
{
	struct settings		 s;
	struct pick		 p;
	struct zw		 w;
	struct siasn_sent	*sent = NULL;
	struct siasn_batch_row	 b;
	struct tm		 tm;
	int			 i, rc = -1;

	memset(res, 0, sizeof(*res));
	memset(&p, 0, sizeof(p));
	memset(&w, 0, sizeof(w));
	if (store_settings_get(st, &s) == -1) {
		snprintf(res->why, sizeof(res->why), "pengaturan tidak terbaca");
		return -1;
	}
	p.s = &s;
	p.all = o->f.batch > 0;
	if ((p.rows = calloc(SIASN_BATCH_MAX, sizeof(*p.rows))) == NULL ||
	    (p.prev = calloc(SIASN_BATCH_MAX, sizeof(*p.prev))) == NULL) {
		snprintf(res->why, sizeof(res->why), "memori tidak cukup");
		goto done;
	}
	if (store_siasn_entries(st, &o->f, pick_one, &p) == -1) {
		snprintf(res->why, sizeof(res->why), "basis data: entri tidak "
		    "terbaca");
		goto done;
	}
	res->entries = p.n;
	res->nnew = p.nnew;
	res->nchanged = p.nchanged;
	res->warnings = p.warnings;
	res->more = p.more;
	lines(res, &p);
	if (path == NULL) {
		rc = o->dry_run ? 0 : -1;
		goto done;
	}
	if ((w.z = zipOpen64(path, APPEND_STATUS_CREATE)) == NULL) {
		snprintf(res->why, sizeof(res->why), "tidak dapat menulis %s",
		    path);
		goto done;
	}
	wib_tm(o->now, &tm);
	w.fi.tmz_date.tm_sec = (unsigned)tm.tm_sec;
	w.fi.tmz_date.tm_min = (unsigned)tm.tm_min;
	w.fi.tmz_date.tm_hour = (unsigned)tm.tm_hour;
	w.fi.tmz_date.tm_mday = (unsigned)tm.tm_mday;
	w.fi.tmz_date.tm_mon = (unsigned)tm.tm_mon;
	w.fi.tmz_date.tm_year = (unsigned)tm.tm_year + 1900;
	if (put_jsonl(&w, &p) == -1 || put_xlsx(&w, &p, o) == -1 ||
	    put_warnings(&w, &p) == -1) {
		snprintf(res->why, sizeof(res->why), "ZIP tidak dapat ditulis");
		goto done;
	}
	if ((rc = put_pdfs(&w, &p, o)) != 0) {
		snprintf(res->why, sizeof(res->why), rc == -2 ? "server "
		    "sibuk membuat PDF; coba lagi" : "PDF sertifikat gagal "
		    "dibuat");
		goto done;
	}
	rc = -1;
	if (zipClose(w.z, NULL) != ZIP_OK) {
		w.z = NULL;
		snprintf(res->why, sizeof(res->why), "ZIP tidak dapat ditutup");
		goto done;
	}
	w.z = NULL;
	if (p.all && !o->dry_run) {
		/* Personal data leaves again: on record like the first time. */
		char	 detail[96];

		snprintf(detail, sizeof(detail), "batch=%lld entries=%d",
		    (long long)o->f.batch, p.n);
		if (store_audit(st, o->actor, "siasn.redownload", detail,
		    o->ip) == -1) {
			snprintf(res->why, sizeof(res->why), "basis data: "
			    "audit tidak tersimpan");
			goto done;
		}
	}
	if (o->dry_run || p.n == 0 || p.all) {
		res->batch = p.all ? o->f.batch : 0;
		rc = 0;
		goto done;
	}
	if ((sent = calloc((size_t)p.n, sizeof(*sent))) == NULL) {
		snprintf(res->why, sizeof(res->why), "memori tidak cukup");
		goto done;
	}
	for (i = 0; i < p.n; i++) {
		sent[i].id = p.rows[i].c.id;
		memcpy(sent[i].hash, p.rows[i].hash, sizeof(sent[i].hash));
		sent[i].was_exported = p.rows[i].exported;
		memcpy(sent[i].was_hash, p.prev[i], sizeof(sent[i].was_hash));
	}
	memset(&b, 0, sizeof(b));
	b.created_at = o->now;
	snprintf(b.filters, sizeof(b.filters), "%s", o->filters ?
	    o->filters : "");
	snprintf(b.fname, sizeof(b.fname), "%s", o->fname ? o->fname : "");
	b.entries = p.n;
	b.warnings = p.warnings;
	if ((i = store_siasn_save(st, &b, sent, p.n, o->actor, o->ip,
	    &res->batch)) != 0) {
		snprintf(res->why, sizeof(res->why), i == 1 ? "batch lain "
		    "dibuat bersamaan dan sudah memuat entri ini; unduh lagi" :
		    "basis data: status ekspor tidak tersimpan");
		rc = i == 1 ? -3 : -1;
		goto done;
	}
	rc = 0;
done:
	if (w.z != NULL)
		zipClose(w.z, NULL);
	free(sent);
	free(p.rows);
	free(p.prev);
	return rc;
}

/* ------------------------------------------------------------ record */

struct rec {
	int	 line;
	char	 cert[64];
	char	 id[SIASN_ID_MAX + 1];
};

int
siasn_record_csv(struct store *st, const char *data, size_t n,
    int64_t actor, const char *ip, int64_t now, struct siasn_result *res)
{
	struct csv_reader *rd;
	struct rec	*recs = NULL;
	char		**f, detail[96];
	const char	*msg;
	int		 nf, line, rc, i, ci = -1, si = -1, nrec = 0, bad = 0;

	memset(res, 0, sizeof(*res));
	if ((rd = csv_open(data, n)) == NULL ||
	    (recs = calloc(SIASN_RECORD_MAX_ROWS, sizeof(*recs))) == NULL) {
		csv_close(rd);
		return -1;
	}
	while ((rc = csv_next(rd, &f, &nf, &line, &msg)) != 0) {
		if (rc != 1) {
			buf_addf(&res->lines, "%d: %s\n", line, msg);
			bad++;
			if (rc == -1)
				break;
			continue;
		}
		if (ci < 0) {
			for (i = 0; i < nf; i++) {
				if (strcmp(f[i], "nomor_sertifikat") == 0)
					ci = i;
				else if (strcmp(f[i], "siasn_id") == 0)
					si = i;
			}
			if (ci < 0 || si < 0) {
				buf_addf(&res->lines, "%d: baris pertama harus "
				    "nomor_sertifikat,siasn_id\n", line);
				bad++;
				break;
			}
			continue;
		}
		if (nrec == SIASN_RECORD_MAX_ROWS) {
			buf_addf(&res->lines, "%d: lebih dari %d baris\n",
			    line, SIASN_RECORD_MAX_ROWS);
			bad++;
			break;
		}
		if (ci >= nf || si >= nf || f[ci][0] == '\0' ||
		    strlen(f[ci]) >= sizeof(recs[0].cert)) {
			buf_addf(&res->lines, "%d: nomor_sertifikat kosong "
			    "atau terlalu panjang\n", line);
			bad++;
			continue;
		}
		if (!siasn_id_ok(f[si])) {
			buf_addf(&res->lines, "%d: siasn_id \"%.70s\" tidak "
			    "valid (1-%d karakter 0-9 A-Z a-z -)\n", line,
			    f[si], SIASN_ID_MAX);
			bad++;
			continue;
		}
		recs[nrec].line = line;
		snprintf(recs[nrec].cert, sizeof(recs[0].cert), "%s", f[ci]);
		snprintf(recs[nrec].id, sizeof(recs[0].id), "%s", f[si]);
		nrec++;
	}
	csv_close(rd);
	if (ci < 0 && bad == 0) {
		buf_adds(&res->lines, "1: file kosong; baris pertama harus "
		    "nomor_sertifikat,siasn_id\n");
		bad++;
	}
	if (store_begin(st) == -1)
		goto err;
	for (i = 0; i < nrec; i++) {
		if ((rc = store_siasn_record(st, recs[i].cert, recs[i].id,
		    now)) == -1) {
			store_rollback(st);
			goto err;
		}
		if (rc == 1)
			buf_addf(&res->lines, "%d: sertifikat %s tidak ada\n",
			    recs[i].line, recs[i].cert);
		else if (rc == 2)
			buf_addf(&res->lines, "%d: sertifikat %s belum pernah "
			    "diekspor ke SIASN\n", recs[i].line, recs[i].cert);
		if (rc != 0)
			bad++;
	}
	res->entries = nrec;
	if (bad) {
		store_rollback(st);
		free(recs);
		return 1;
	}
	snprintf(detail, sizeof(detail), "recorded=%d", nrec);
	if (store_audit(st, actor, "siasn.record", detail, ip) == -1) {
		store_rollback(st);
		goto err;
	}
	if (store_commit(st) == -1)
		goto err;
	free(recs);
	return 0;
err:
	free(recs);
	return -1;
}

void
siasn_result_free(struct siasn_result *res)
{
	buf_free(&res->lines);
}

/* ------------------------------------------------------------ filters */

/* yyyy-mm-dd, a real date 2000..2100, as 00:00 WIB. */
static int
day(const char *s, int64_t *out)
{
	int		 y, m, d;

	/* wib_parse_ymd refuses dates that do not exist (2026-02-30). */
	if (wib_parse_ymd(s, &y, &m, &d) == -1 || y < 2000 || y > 2100 ||
	    (*out = wib_midnight(y, m, d)) == -1)
		return -1;
	return 0;
}

int
siasn_params(const char *year, const char *since, const char *until,
    const char *unit, struct siasn_params *p, char *why, size_t len)
{
	char		*end;
	long		 v;
	size_t		 i, n;

	memset(p, 0, sizeof(*p));
	year = year ? year : "";
	since = since ? since : "";
	until = until ? until : "";
	unit = unit ? unit : "";
	if (year[0]) {
		v = strtol(year, &end, 10);
		if (strlen(year) != 4 || *end != '\0' || v < 2000 || v > 2100) {
			snprintf(why, len, "tahun harus 4 digit, 2000..2100");
			return -1;
		}
		if (since[0] || until[0]) {
			snprintf(why, len, "pilih tahun atau rentang tanggal "
			    "(sejak/sampai), bukan keduanya");
			return -1;
		}
		p->f.year = (int)v;
	}
	if (since[0] && day(since, &p->f.since) == -1) {
		snprintf(why, len, "tanggal sejak harus yyyy-mm-dd (tanggal "
		    "nyata, 2000..2100)");
		return -1;
	}
	if (until[0]) {
		if (day(until, &p->f.until) == -1) {
			snprintf(why, len, "tanggal sampai harus yyyy-mm-dd "
			    "(tanggal nyata, 2000..2100)");
			return -1;
		}
		p->f.until += 86400;	/* the whole day */
		if (p->f.since && p->f.until <= p->f.since) {
			snprintf(why, len, "tanggal sampai sebelum tanggal "
			    "sejak");
			return -1;
		}
	}
	n = strlen(unit);
	for (i = 0; i < n; i++)
		if ((unsigned char)unit[i] < 0x20 || unit[i] == 0x7f)
			break;
	if (n >= sizeof(p->unit) || i < n) {
		snprintf(why, len, "unit kerja terlalu panjang atau berisi "
		    "karakter kendali");
		return -1;
	}
	snprintf(p->unit, sizeof(p->unit), "%s", unit);
	p->f.unit = p->unit;
	snprintf(p->filters, sizeof(p->filters), "year=%s since=%s until=%s "
	    "unit=%s", year[0] ? year : "-", since[0] ? since : "-",
	    until[0] ? until : "-", unit[0] ? unit : "-");
	snprintf(p->fname, sizeof(p->fname), "lentera-siasn-%s",
	    year[0] ? year : "all");
	if (unit[0]) {
		n = strlen(p->fname);
		slug_append(p->fname, sizeof(p->fname), unit);
		if (strlen(p->fname) == n)
			slug_append(p->fname, sizeof(p->fname), "unit");
	}
	if (since[0]) {
		slug_append(p->fname, sizeof(p->fname), "since");
		slug_append(p->fname, sizeof(p->fname), since);
	}
	if (until[0]) {
		slug_append(p->fname, sizeof(p->fname), "until");
		slug_append(p->fname, sizeof(p->fname), until);
	}
	n = strlen(p->fname);
	snprintf(p->fname + n, sizeof(p->fname) - n, ".zip");
	return 0;
}
