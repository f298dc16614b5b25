/* jprules: the JP rules file, its defaults and the credit rule. See
   jprules.h and docs/jp-rules.md. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "jprules.h"
#include "utf8.h"

#define LINE_MAX_BYTES	1024

/*
 * The defaults. Figures marked belum-pasti come from a provincial IDP
 * form seen only in a third-party application (shared/DOMAIN.md §1.2):
 * they are data for the agency to confirm, never constants in code.
 */
static const char defaults[] =
"# Aturan JP Lentera: bawaan. Salin berkas ini (`lentera jp-rules >\n"
"# aturan-jp.txt`), ubah sesuai keputusan instansi, lalu periksa dengan\n"
"# `lentera jp-rules aturan-jp.txt`. Format: docs/jp-rules.md.\n"
"\n"
"[sasaran pns]\n"
"min_jp_tahun = 20\n"
"status = pasti\n"
"sumber = PP 11/2017 pasal 203 ayat (4), diubah PP 17/2020\n"
"\n"
"[sasaran pppk]\n"
"maks_jp_tahun = 24\n"
"status = belum-pasti\n"
"sumber = PerLAN 15/2020 (paling banyak 24 JP per tahun masa kontrak)\n"
"\n"
"# Klasikal: JP menurut sertifikat atau surat keterangan.\n"
"[bentuk pelatihan-struktural]\nnama = Pelatihan Struktural Kepemimpinan\njalur = klasikal\nsiasn = 1\njp = sertifikat\nstatus = pasti\nsumber = Peraturan LAN 10/2018\n\n"
"[bentuk pelatihan-fungsional]\nnama = Pelatihan Fungsional\njalur = klasikal\nsiasn = 2\njp = sertifikat\nstatus = pasti\nsumber = Peraturan LAN 10/2018\n\n"
"[bentuk pelatihan-teknis]\nnama = Pelatihan Teknis\njalur = klasikal\nsiasn = 3\njp = sertifikat\nstatus = pasti\nsumber = Peraturan LAN 10/2018\n\n"
"[bentuk workshop]\nnama = Workshop\njalur = klasikal\nsiasn = 4\njp = sertifikat\nstatus = pasti\nsumber = Peraturan LAN 10/2018\n\n"
"[bentuk pelatihan-manajerial]\nnama = Pelatihan Manajerial\njalur = klasikal\nsiasn = 5\njp = sertifikat\nstatus = pasti\nsumber = Peraturan LAN 10/2018\n\n"
"[bentuk pelatihan-sosial-kultural]\nnama = Pelatihan Sosial Kultural\njalur = klasikal\nsiasn = 6\njp = sertifikat\nstatus = pasti\nsumber = Peraturan LAN 10/2018\n\n"
"[bentuk sosialisasi]\nnama = Sosialisasi\njalur = klasikal\nsiasn = 7\njp = sertifikat\nstatus = pasti\nsumber = Peraturan LAN 10/2018\n\n"
"[bentuk bimtek]\nnama = Bimbingan Teknis\njalur = klasikal\nsiasn = 8\njp = sertifikat\nstatus = pasti\nsumber = Peraturan LAN 10/2018\n\n"
"[bentuk seminar]\nnama = Seminar\njalur = klasikal\nsiasn = 9\njp = sertifikat\nstatus = pasti\nsumber = Peraturan LAN 10/2018\n\n"
"[bentuk kursus]\nnama = Kursus\njalur = klasikal\nsiasn = 11\njp = sertifikat\nstatus = pasti\nsumber = Peraturan LAN 10/2018\n\n"
"[bentuk penataran]\nnama = Penataran\njalur = klasikal\nsiasn = 12\njp = sertifikat\nstatus = pasti\nsumber = Peraturan LAN 10/2018\n\n"
"[bentuk klasikal-lainnya]\nnama = Klasikal lainnya\njalur = klasikal\nsiasn = 13\njp = sertifikat\nstatus = pasti\nsumber = Peraturan LAN 10/2018\n\n"
"# Nonklasikal.\n"
"[bentuk e-learning]\nnama = E-Learning\njalur = nonklasikal\nsiasn = 16\nmenit_per_jp = 45\nstatus = pasti\nsumber = 1 JP = 45 menit (PerLAN 5/2018; dipertahankan PerLAN 10/2018)\n\n"
"[bentuk coaching]\nnama = Coaching\njalur = nonklasikal\nsiasn = 14\nmenit_per_jp = 45\nmaks_jp_sesi = 2\nmaks_sesi_bulan = 2\nstatus = belum-pasti\nsumber = formulir IDP provinsi (bukan teks peraturan): 2 JP per sesi, paling banyak 2 sesi sebulan\n\n"
"[bentuk mentoring]\nnama = Mentoring\njalur = nonklasikal\nsiasn = 15\nmenit_per_jp = 45\nmaks_jp_sesi = 2\nmaks_sesi_bulan = 2\nstatus = belum-pasti\nsumber = formulir IDP provinsi (bukan teks peraturan): 2 JP per sesi, paling banyak 2 sesi sebulan\n\n"
"[bentuk pjj]\nnama = Pelatihan Jarak Jauh\njalur = nonklasikal\nsiasn = 17\njp = sertifikat\nstatus = pasti\nsumber = Peraturan LAN 10/2018\n\n"
"[bentuk detasering]\nnama = Detasering\njalur = nonklasikal\nsiasn = 18\njp_tetap = 20\nstatus = belum-pasti\nsumber = formulir IDP provinsi (bukan teks peraturan)\n\n"
"[bentuk outbond]\nnama = Outbond\njalur = nonklasikal\nsiasn = 19\njp = sertifikat\nstatus = belum-pasti\nsumber = Lampiran PerLAN 10/2018 (\"sesuai JP program\"; teks lengkap belum ditemukan)\n\n"
"[bentuk benchmarking]\nnama = Benchmarking\njalur = nonklasikal\nsiasn = 20\njp_tetap = 10\nstatus = belum-pasti\nsumber = formulir IDP provinsi (bukan teks peraturan)\n\n"
"[bentuk pertukaran]\nnama = Pertukaran PNS dengan pegawai swasta\njalur = nonklasikal\nsiasn = 21\njp_tetap = 20\nstatus = belum-pasti\nsumber = formulir IDP provinsi (bukan teks peraturan)\n\n"
"[bentuk magang]\nnama = Magang\njalur = nonklasikal\nsiasn = 10\njp_tetap = 20\nstatus = belum-pasti\nsumber = formulir IDP provinsi (bukan teks peraturan)\n\n"
"[bentuk belajar-mandiri]\nnama = Belajar Mandiri\njalur = nonklasikal\nsiasn = 22\nmenit_per_jp = 45\nmaks_jp_hari = 2\nstatus = belum-pasti\nsumber = formulir IDP provinsi (bukan teks peraturan): paling banyak 2 JP sehari\n\n"
"[bentuk cop]\nnama = Komunitas Belajar (CoP)\njalur = nonklasikal\nsiasn = 23\nmenit_per_jp = 45\nmaks_jp_hari = 2\nstatus = belum-pasti\nsumber = formulir IDP provinsi (bukan teks peraturan): paling banyak 2 JP sehari\n\n"
"[bentuk bimbingan-tempat-kerja]\nnama = Bimbingan di Tempat Kerja\njalur = nonklasikal\nsiasn = 24\nmenit_per_jp = 45\nstatus = belum-pasti\nsumber = Peraturan LAN 10/2018 (konversi JP belum ditemukan)\n\n"
"[bentuk nonklasikal-lainnya]\nnama = Nonklasikal lainnya\njalur = nonklasikal\nsiasn = 25\njp = sertifikat\nstatus = pasti\nsumber = Peraturan LAN 10/2018\n";

const char *
jprules_default_text(void)
{
	return defaults;
}

int
jprules_defaults(struct jpr_rules *r)
{
	struct buf	 err = { 0 };
	int		 rc;

	rc = jprules_parse("bawaan", defaults, sizeof(defaults) - 1, r, &err);
	buf_free(&err);
	return rc;
}

static char *
trim(char *s)
{
	char	*e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static int
code_ok(const char *s)
{
	size_t	 n = strlen(s);

	return n > 0 && n < JPR_CODE_MAX &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n &&
	    s[0] != '-' && s[n - 1] != '-';
}

/* A whole number lo..hi: 0 ok, -1 not. */
static int
whole(const char *v, long lo, long hi, int *out)
{
	char	*end;
	long	 n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (end == v || *end != '\0' || errno || n < lo || n > hi)
		return -1;
	*out = (int)n;
	return 0;
}

/* JP as written by people: "2", "2,5", "2.25" -> cJP; -1 not a JP. */
static int
jp_value(const char *v, int *cjp)
{
	long	 whole_jp = 0, frac = 0;
	int	 digits = 0;
	const char *p = v;

	if (!isdigit((unsigned char)*p))
		return -1;
	while (isdigit((unsigned char)*p) && whole_jp <= JPR_CJP_MAX / 100)
		whole_jp = whole_jp * 10 + (*p++ - '0');
	if (*p == ',' || *p == '.') {
		for (p++; isdigit((unsigned char)*p) && digits < 2; digits++)
			frac = frac * 10 + (*p++ - '0');
		if (digits == 0)
			return -1;
		if (digits == 1)
			frac *= 10;
	}
	if (*p != '\0' || whole_jp * 100 + frac > JPR_CJP_MAX)
		return -1;
	*cjp = (int)(whole_jp * 100 + frac);
	return 0;
}

static void
make_ref(struct jpr_form *f)
{
	char		 canon[1024];
	unsigned char	 h[4];

	/* The settings that decide a credit, in a fixed order: the ref
	   changes exactly when a credit could. */
	snprintf(canon, sizeof(canon), "%s|%d|%d|%d|%d|%d|%d|%d", f->code,
	    f->siasn, (int)f->basis, f->minutes_per_jp, f->fixed_cjp,
	    f->cap_session_cjp, f->cap_day_cjp, f->cap_sessions_month);
	crypto_generichash(h, sizeof(h), (const unsigned char *)canon,
	    strlen(canon), NULL, 0);
	snprintf(f->ref, sizeof(f->ref), "%s@%02x%02x%02x%02x", f->code, h[0],
	    h[1], h[2], h[3]);
}

/* Checks a finished [bentuk] section. */
static void
form_done(struct jpr_form *f, int have_basis, const char *file,
    struct buf *err)
{
	if (f->name[0] == '\0')
		buf_problem(err, file, f->line, "[bentuk %s]: \"nama\" wajib diisi",
		    f->code);
	if (f->siasn == 0)
		buf_problem(err, file, f->line, "[bentuk %s]: \"siasn\" (kode "
		    "jenis diklat 1..25) wajib diisi", f->code);
	if (have_basis == 0)
		buf_problem(err, file, f->line, "[bentuk %s]: tulis salah satu dari "
		    "\"menit_per_jp\", \"jp_tetap\" atau \"jp = sertifikat\"",
		    f->code);
	else if (have_basis > 1)
		buf_problem(err, file, f->line, "[bentuk %s]: \"menit_per_jp\", "
		    "\"jp_tetap\" dan \"jp = sertifikat\" saling meniadakan: "
		    "pilih satu", f->code);
	if (f->basis != JPR_MINUTES && f->cap_day_cjp)
		buf_problem(err, file, f->line, "[bentuk %s]: \"maks_jp_hari\" hanya "
		    "untuk bentuk yang dihitung dari menit", f->code);
	make_ref(f);
}

int
jprules_parse(const char *file, const char *src, size_t n,
    struct jpr_rules *r, struct buf *err)
{
	struct jpr_form	*f = NULL;
	struct jpr_target *t = NULL;
	char		 line[LINE_MAX_BYTES + 2], *k, *v, *eq;
	size_t		 i = 0, e, before = err->n;
	int		 ln = 0, basis = 0, j, bad;

	memset(r, 0, sizeof(*r));
	if (n > JPR_SRC_MAX) {
		buf_problem(err, file, 1, "berkas lebih dari %u byte", JPR_SRC_MAX);
		return -1;
	}
	if (utf8_prefix(src, n, 0) != n) {
		size_t	 at = utf8_prefix(src, n, 0);

		for (ln = 1, e = 0; e < at; e++)
			ln += src[e] == '\n';
		buf_problem(err, file, ln, "bukan UTF-8 (simpan berkas sebagai "
		    "UTF-8)");
		return -1;
	}
	for (; i < n; i = e + 1) {
		for (e = i; e < n && src[e] != '\n'; e++)
			;
		ln++;
		if (e - i > LINE_MAX_BYTES) {
			buf_problem(err, file, ln, "baris lebih dari %d byte",
			    LINE_MAX_BYTES);
			continue;
		}
		memcpy(line, src + i, e - i);
		line[e - i] = '\0';
		k = trim(line);
		if (*k == '\0' || *k == '#' || *k == ';')
			continue;
		if (*k == '[') {
			char	*close = strchr(k, ']'), *sp;

			if (f)
				form_done(f, basis, file, err);
			f = NULL;
			t = NULL;
			basis = 0;
			if (close == NULL || trim(close + 1)[0] != '\0') {
				buf_problem(err, file, ln, "judul bagian harus "
				    "\"[bentuk KODE]\" atau \"[sasaran JENIS]\"");
				continue;
			}
			*close = '\0';
			k = trim(k + 1);
			sp = k + strcspn(k, " \t");
			if (*sp)
				*sp++ = '\0';
			sp = trim(sp);
			if (!code_ok(sp)) {
				buf_problem(err, file, ln, "kode \"%s\": hanya huruf "
				    "kecil a-z, angka dan '-', paling banyak %d",
				    sp, JPR_CODE_MAX - 1);
				continue;
			}
			if (strcmp(k, "bentuk") == 0) {
				if (jprules_form(r, sp)) {
					buf_problem(err, file, ln, "[bentuk %s] "
					    "ditulis dua kali", sp);
					continue;
				}
				if (r->nforms == JPR_FORMS_MAX) {
					buf_problem(err, file, ln, "lebih dari %d "
					    "bentuk", JPR_FORMS_MAX);
					continue;
				}
				f = &r->form[r->nforms++];
				snprintf(f->code, sizeof(f->code), "%s", sp);
				f->line = ln;
			} else if (strcmp(k, "sasaran") == 0) {
				if (jprules_target(r, sp)) {
					buf_problem(err, file, ln, "[sasaran %s] "
					    "ditulis dua kali", sp);
					continue;
				}
				if (r->ntargets == JPR_TARGETS_MAX) {
					buf_problem(err, file, ln, "lebih dari %d "
					    "sasaran", JPR_TARGETS_MAX);
					continue;
				}
				t = &r->target[r->ntargets++];
				snprintf(t->kind, sizeof(t->kind), "%s", sp);
				t->line = ln;
			} else
				buf_problem(err, file, ln, "bagian \"[%s]\" tidak "
				    "dikenal: \"bentuk\" atau \"sasaran\"", k);
			continue;
		}
		if ((eq = strchr(k, '=')) == NULL) {
			buf_problem(err, file, ln, "harus \"kunci = nilai\"");
			continue;
		}
		*eq = '\0';
		v = trim(eq + 1);
		k = trim(k);
		if (f == NULL && t == NULL) {
			buf_problem(err, file, ln, "\"%s\" di luar bagian [bentuk …] "
			    "atau [sasaran …]", k);
			continue;
		}
		bad = 0;
		if (strcmp(k, "status") == 0) {
			if (strcmp(v, "pasti") != 0 &&
			    strcmp(v, "belum-pasti") != 0) {
				buf_problem(err, file, ln, "status: \"pasti\" atau "
				    "\"belum-pasti\", bukan \"%s\"", v);
				bad = 2;
			} else if (f)
				f->confirmed = v[0] == 'p';
			else
				t->confirmed = v[0] == 'p';
		} else if (strcmp(k, "sumber") == 0) {
			if (strlen(v) >= JPR_TEXT_MAX)
				bad = 1;
			else
				snprintf(f ? f->source : t->source, JPR_TEXT_MAX,
				    "%s", v);
		} else if (t && strcmp(k, "min_jp_tahun") == 0) {
			bad = jp_value(v, &t->min_cjp_year) == -1;
		} else if (t && strcmp(k, "maks_jp_tahun") == 0) {
			bad = jp_value(v, &t->max_cjp_year) == -1;
		} else if (f && strcmp(k, "nama") == 0) {
			if (*v == '\0' || strlen(v) >= JPR_TEXT_MAX)
				bad = 1;
			else
				snprintf(f->name, sizeof(f->name), "%s", v);
		} else if (f && strcmp(k, "jalur") == 0) {
			if (strcmp(v, "klasikal") == 0)
				f->klasikal = 1;
			else if (strcmp(v, "nonklasikal") == 0)
				f->klasikal = 0;
			else
				bad = 1;
		} else if (f && strcmp(k, "siasn") == 0) {
			bad = whole(v, 1, 25, &f->siasn) == -1;
		} else if (f && strcmp(k, "menit_per_jp") == 0) {
			bad = whole(v, 1, 600, &f->minutes_per_jp) == -1;
			f->basis = JPR_MINUTES;
			basis++;
		} else if (f && strcmp(k, "jp_tetap") == 0) {
			bad = jp_value(v, &f->fixed_cjp) == -1 ||
			    f->fixed_cjp == 0;
			f->basis = JPR_FIXED;
			basis++;
		} else if (f && strcmp(k, "jp") == 0) {
			bad = strcmp(v, "sertifikat") != 0;
			f->basis = JPR_STATED;
			basis++;
		} else if (f && strcmp(k, "maks_jp_sesi") == 0) {
			bad = jp_value(v, &f->cap_session_cjp) == -1 ||
			    f->cap_session_cjp == 0;
		} else if (f && strcmp(k, "maks_jp_hari") == 0) {
			bad = jp_value(v, &f->cap_day_cjp) == -1 ||
			    f->cap_day_cjp == 0;
		} else if (f && strcmp(k, "maks_sesi_bulan") == 0) {
			bad = whole(v, 1, 31, &f->cap_sessions_month) == -1;
		} else {
			buf_problem(err, file, ln, "kunci \"%s\" tidak dikenal di "
			    "[%s %s]", k, f ? "bentuk" : "sasaran",
			    f ? f->code : t->kind);
			continue;
		}
		if (bad == 1)
			buf_problem(err, file, ln, "%s: nilai \"%s\" tidak sah (lihat "
			    "docs/jp-rules.md)", k, v);
	}
	if (f)
		form_done(f, basis, file, err);
	for (j = 0; j < r->ntargets; j++)
		if (r->target[j].min_cjp_year == 0 &&
		    r->target[j].max_cjp_year == 0)
			buf_problem(err, file, r->target[j].line, "[sasaran %s]: isi "
			    "\"min_jp_tahun\" atau \"maks_jp_tahun\"",
			    r->target[j].kind);
	if (err->n != before) {
		memset(r, 0, sizeof(*r));
		return -1;
	}
	return 0;
}

const struct jpr_form *
jprules_form(const struct jpr_rules *r, const char *code)
{
	int	 i;

	for (i = 0; i < r->nforms; i++)
		if (strcmp(r->form[i].code, code) == 0)
			return &r->form[i];
	return NULL;
}

const struct jpr_target *
jprules_target(const struct jpr_rules *r, const char *kind)
{
	int	 i;

	for (i = 0; i < r->ntargets; i++)
		if (strcmp(r->target[i].kind, kind) == 0)
			return &r->target[i];
	return NULL;
}

int
jprules_credit(const struct jpr_form *f, const struct jpr_claim *c,
    struct jpr_credit *out)
{
	long	 cjp = 0;

	memset(out, 0, sizeof(*out));
	snprintf(out->ref, sizeof(out->ref), "%s", f->ref);
	switch (f->basis) {
	case JPR_MINUTES:
		/* Rounded down to the hundredth: never credit more than
		   was spent. */
		cjp = c->minutes > 0 ? (long)c->minutes * 100 /
		    f->minutes_per_jp : 0;
		break;
	case JPR_FIXED:
		cjp = f->fixed_cjp;
		break;
	case JPR_STATED:
		cjp = c->stated_cjp > 0 ? c->stated_cjp : 0;
		break;
	}
	if (cjp > JPR_CJP_MAX)
		cjp = JPR_CJP_MAX;
	if (cjp == 0) {
		out->why = JPR_NOTHING;
		return 0;
	}
	if (f->cap_sessions_month && c->sessions_month >= f->cap_sessions_month) {
		out->why = JPR_MONTH_CAP;
		return 0;
	}
	out->why = JPR_OK;
	if (f->cap_session_cjp && cjp > f->cap_session_cjp) {
		cjp = f->cap_session_cjp;
		out->why = JPR_SESSION_CAP;
	}
	if (f->cap_day_cjp && c->cjp_day + cjp > f->cap_day_cjp) {
		cjp = f->cap_day_cjp - c->cjp_day;
		if (cjp < 0)
			cjp = 0;
		out->why = JPR_DAY_CAP;
	}
	out->cjp = (int)cjp;
	return 0;
}
