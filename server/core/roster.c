/* roster: CSV roster reader, validation, import and its CLI. See roster.h. */
#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "config.h"
#include "csv.h"
#include "nip.h"
#include "roster.h"
#include "setup.h"
#include "siasn.h"
#include "store_siasn.h"
#include "xlsxread.h"

enum col { COL_NIP, COL_NAMA, COL_UNIT, COL_JABATAN, COL_GOLONGAN,
	COL_EMAIL, COL_ATASAN, COL_PNS, NCOLS };

static const struct {
	const char	*name;
	int		 required;
} cols[NCOLS] = {
	{ "nip", 1 }, { "nama", 1 }, { "unit_kerja", 1 }, { "jabatan", 1 },
	{ "golongan", 1 }, { "email", 0 }, { "nip_atasan", 0 },
	{ "pns_orang_id", 0 },
};

/* NIPs seen so far (open addressing, grows at half full). */
struct seen {
	char	 nip[NIP_LEN + 1];
	int	 line;
};

struct roster_reader {
	struct csv_reader	*csv;		/* one of csv and xl */
	struct xlsxread		*xl;
	const int		*types;		/* xl: cell types of the row */
	char			 xmsg[XLSXREAD_MSG_MAX];
	int			 idx[NCOLS];	/* field index per column */
	int			 header;	/* header read */
	int			 rows;
	char			 err[ROSTER_WHY_MAX];	/* sticky failure */
	int			 errline;
	struct seen		*seen;
	size_t			 cap, used;
};

#define OLE_MAGIC	"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"

static char	*trim(char *);

struct roster_reader *
roster_open(const char *data, size_t n)
{
	struct roster_reader *rd;

	if ((rd = calloc(1, sizeof(*rd))) == NULL)
		return NULL;
	if (n >= 8 && memcmp(data, OLE_MAGIC, 8) == 0) {
		/* Excel 97-2003, or any workbook saved with a password. */
		snprintf(rd->err, sizeof(rd->err), "file Excel lama (.xls) atau "
		    "berkata sandi tidak bisa dibaca: simpan sebagai \"Excel "
		    "Workbook (.xlsx)\" tanpa kata sandi, atau sebagai CSV UTF-8");
		rd->errline = 1;
		return rd;
	}
	if (xlsxread_is_zip(data, n))
		rd->xl = xlsxread_open(data, n);
	else
		rd->csv = csv_open(data, n);
	if (rd->xl == NULL && rd->csv == NULL) {
		free(rd);
		return NULL;
	}
	return rd;
}

/*
 * The next record of the CSV or the sheet: 1 ok, 2 a bad record (msg),
 * 0 end, -1 cannot go on (msg). Records whose cells are all blank (what
 * Excel leaves as ";;;;;;" lines) are skipped.
 */
static int
src_next(struct roster_reader *rd, char ***f, int *nf, int *line,
    const char **msg)
{
	int	 rc, i;

	for (;;) {
		rd->types = NULL;
		if (rd->xl) {
			rc = xlsxread_next(rd->xl, f, &rd->types, nf, line,
			    rd->xmsg, sizeof(rd->xmsg));
			*msg = rd->xmsg;
			if (rc == -1 && *line == 0)
				*line = 1;
		} else
			rc = csv_next(rd->csv, f, nf, line, msg);
		if (rc != 1)
			return rc;
		for (i = 0; i < *nf; i++)
			if (trim((*f)[i])[0] != '\0')
				return 1;
	}
}

/* A NIP cell that Excel holds as a number has lost digits (15 kept). */
static int
nip_was_number(struct roster_reader *rd, int col, const char *v)
{
	return rd->types != NULL && rd->idx[col] >= 0 &&
	    rd->types[rd->idx[col]] == XLSXREAD_T_NUMBER && !nip_format(v);
}

void
roster_close(struct roster_reader *rd)
{
	if (rd == NULL)
		return;
	csv_close(rd->csv);
	xlsxread_close(rd->xl);
	free(rd->seen);
	free(rd);
}

static int
fail(struct roster_reader *rd, int line, const char *msg, char *why,
    size_t whylen, struct roster_row *row)
{
	if (rd->err[0] == '\0') {
		snprintf(rd->err, sizeof(rd->err), "%s", msg);
		rd->errline = line;
	}
	snprintf(why, whylen, "%s", rd->err);
	row->line = rd->errline;
	return -1;
}

/* Trims spaces and tabs (Excel pads cells) in place. */
static char *
trim(char *s)
{
	size_t	 n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

static int
read_header(struct roster_reader *rd, struct roster_row *row, char *why,
    size_t whylen)
{
	char		**f, msg[ROSTER_WHY_MAX];
	const char	*cmsg;
	int		 nf, line, rc, i, c;

	if ((rc = src_next(rd, &f, &nf, &line, &cmsg)) == -1 || rc == 2)
		return fail(rd, line, cmsg, why, whylen, row);
	if (rc == 0)
		return fail(rd, 1, "file kosong: baris judul kolom tidak ada",
		    why, whylen, row);
	for (c = 0; c < NCOLS; c++)
		rd->idx[c] = -1;
	for (i = 0; i < nf; i++) {
		char	*h = trim(f[i]);

		for (c = 0; c < NCOLS; c++) {
			if (strcasecmp(h, cols[c].name) != 0)
				continue;
			if (rd->idx[c] != -1) {
				snprintf(msg, sizeof(msg), "kolom %s muncul "
				    "dua kali di baris judul", cols[c].name);
				return fail(rd, line, msg, why, whylen, row);
			}
			rd->idx[c] = i;
		}
	}
	for (c = 0; c < NCOLS; c++) {
		if (cols[c].required && rd->idx[c] == -1) {
			snprintf(msg, sizeof(msg), "kolom wajib %s tidak ada di "
			    "baris judul (perlu: nip, nama, unit_kerja, jabatan, "
			    "golongan)", cols[c].name);
			return fail(rd, line, msg, why, whylen, row);
		}
	}
	rd->header = 1;
	return 0;
}

static size_t
seen_hash(const char *nip)
{
	size_t	 h = 5381;

	while (*nip)
		h = h * 33 + (unsigned char)*nip++;
	return h;
}

/* Line where nip was seen before, 0 if new (then remembered), -1 OOM. */
static int
seen_add(struct roster_reader *rd, const char *nip, int line)
{
	struct seen	*s, *old = rd->seen;
	size_t		 i, ocap = rd->cap;

	if (rd->used * 2 >= rd->cap) {
		rd->cap = rd->cap ? rd->cap * 2 : 1024;
		if ((rd->seen = calloc(rd->cap, sizeof(*s))) == NULL) {
			rd->seen = old;
			rd->cap = ocap;
			return -1;
		}
		rd->used = 0;
		for (i = 0; i < ocap; i++)
			if (old[i].nip[0])
				seen_add(rd, old[i].nip, old[i].line);
		free(old);
	}
	for (i = seen_hash(nip) % rd->cap;; i = (i + 1) % rd->cap) {
		s = &rd->seen[i];
		if (s->nip[0] == '\0')
			break;
		if (strcmp(s->nip, nip) == 0)
			return s->line;
	}
	snprintf(s->nip, sizeof(s->nip), "%s", nip);
	s->line = line;
	rd->used++;
	return 0;
}

int
roster_golongan(const char *s, char *out, size_t outlen)
{
	static const char *const roman[] = { "I", "II", "III", "IV", "V",
		"VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
		"XV", "XVI", "XVII" };
	char	 t[16], *slash;
	size_t	 i, j;
	int	 r;

	/* Without spaces and upper-cased: "iii / a" -> "III/A". */
	for (i = j = 0; s[i]; i++) {
		if (s[i] == ' ')
			continue;
		if (j + 1 >= sizeof(t))
			return 0;
		t[j++] = (char)toupper((unsigned char)s[i]);
	}
	t[j] = '\0';
	if ((slash = strchr(t, '/')) != NULL)
		*slash = '\0';
	for (r = 0; r < 17; r++)
		if (strcmp(t, roman[r]) == 0)
			break;
	if (r == 17)
		return 0;
	if (slash == NULL) {
		/* PPPK grades run I..XVII; PNS always has a letter. */
		snprintf(out, outlen, "%s", t);
		return 1;
	}
	/* PNS: I/a-I/d, II/a-II/d, III/a-III/d, IV/a-IV/e. */
	if (r > 3 || slash[1] < 'A' || slash[1] > (r == 3 ? 'E' : 'D') ||
	    slash[2] != '\0')
		return 0;
	snprintf(out, outlen, "%s/%c", t, tolower((unsigned char)slash[1]));
	return 1;
}

int
roster_email_ok(const char *s)
{
	const char	*at = strchr(s, '@'), *dot;
	size_t		 n = strlen(s);

	if (at == NULL || at == s || strchr(at + 1, '@') != NULL ||
	    n > 254 || n >= STORE_TEXT_MAX)
		return 0;
	if (strpbrk(s, " \t,;<>()[]\\\"") != NULL || strstr(s, "..") != NULL)
		return 0;
	dot = strrchr(at + 1, '.');
	return dot != NULL && dot > at + 1 && dot[1] != '\0';
}

static int
has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

/* Copies v into dst if it fits; 0 and a reason if not. */
static int
put(char *dst, size_t len, const char *v, const char *col, char *why,
    size_t whylen)
{
	if (strlen(v) >= len) {
		snprintf(why, whylen, "%s lebih dari %zu byte", col, len - 1);
		return 0;
	}
	if (has_control(v)) {
		snprintf(why, whylen, "%s berisi karakter kontrol (baris baru "
		    "atau tab di dalam sel)", col);
		return 0;
	}
	memcpy(dst, v, strlen(v) + 1);
	return 1;
}

static int
check_row(struct roster_reader *rd, char **f, int nf, struct roster_row *row,
    char *why, size_t whylen)
{
	struct user	*u = &row->u;
	const char	*v[NCOLS];
	char		 reason[128];
	int		 c, prev;

	for (c = 0; c < NCOLS; c++)
		v[c] = rd->idx[c] >= 0 && rd->idx[c] < nf ?
		    trim(f[rd->idx[c]]) : "";
	if (v[COL_NIP][0] == '\0') {
		snprintf(why, whylen, "NIP kosong");
		return 0;
	}
	if (nip_was_number(rd, COL_NIP, v[COL_NIP])) {
		snprintf(why, whylen, "NIP tersimpan sebagai angka (%.24s): "
		    "Excel hanya menyimpan 15 digit, 3 digit terakhir hilang; "
		    "format kolom nip sebagai Teks lalu isi ulang", v[COL_NIP]);
		return 0;
	}
	if (!nip_valid(v[COL_NIP], reason, sizeof(reason))) {
		snprintf(why, whylen, "NIP \"%.40s\" tidak valid: %s",
		    v[COL_NIP], reason);
		return 0;
	}
	if ((prev = seen_add(rd, v[COL_NIP], row->line)) != 0) {
		if (prev == -1)
			snprintf(why, whylen, "memori tidak cukup");
		else
			snprintf(why, whylen, "NIP %s sudah ada di baris %d",
			    v[COL_NIP], prev);
		return 0;
	}
	snprintf(u->nip, sizeof(u->nip), "%s", v[COL_NIP]);
	if (v[COL_NAMA][0] == '\0' || v[COL_UNIT][0] == '\0') {
		snprintf(why, whylen, "%s kosong", v[COL_NAMA][0] ? "unit_kerja" :
		    "nama");
		return 0;
	}
	if (!put(u->name, sizeof(u->name), v[COL_NAMA], "nama", why, whylen) ||
	    !put(u->unit, sizeof(u->unit), v[COL_UNIT], "unit_kerja", why,
	    whylen) || !put(u->position, sizeof(u->position), v[COL_JABATAN],
	    "jabatan", why, whylen))
		return 0;
	if (v[COL_GOLONGAN][0] && !roster_golongan(v[COL_GOLONGAN],
	    u->golongan, sizeof(u->golongan))) {
		snprintf(why, whylen, "golongan \"%.20s\" tidak dikenal (contoh: "
		    "III/a untuk PNS, IX untuk PPPK)", v[COL_GOLONGAN]);
		return 0;
	}
	if (v[COL_EMAIL][0] && !roster_email_ok(v[COL_EMAIL])) {
		snprintf(why, whylen, "email \"%.60s\" tidak valid",
		    v[COL_EMAIL]);
		return 0;
	}
	snprintf(u->email, sizeof(u->email), "%s", v[COL_EMAIL]);
	if (v[COL_ATASAN][0]) {
		if (nip_was_number(rd, COL_ATASAN, v[COL_ATASAN])) {
			snprintf(why, whylen, "nip_atasan tersimpan sebagai "
			    "angka (%.24s): Excel hanya menyimpan 15 digit; "
			    "format kolom sebagai Teks lalu isi ulang",
			    v[COL_ATASAN]);
			return 0;
		}
		if (!nip_valid(v[COL_ATASAN], reason, sizeof(reason))) {
			snprintf(why, whylen, "nip_atasan \"%.40s\" tidak valid: "
			    "%s", v[COL_ATASAN], reason);
			return 0;
		}
		if (strcmp(v[COL_ATASAN], u->nip) == 0) {
			snprintf(why, whylen, "nip_atasan sama dengan NIP");
			return 0;
		}
		snprintf(u->nip_atasan, sizeof(u->nip_atasan), "%s",
		    v[COL_ATASAN]);
	}
	/* SIASN's person id: its own column, never derived from the NIP. */
	if (v[COL_PNS][0]) {
		if (!siasn_id_ok(v[COL_PNS])) {
			snprintf(why, whylen, "pns_orang_id \"%.70s\" tidak "
			    "valid: 1-%d karakter 0-9, A-Z, a-z atau -",
			    v[COL_PNS], SIASN_ID_MAX);
			return 0;
		}
		snprintf(row->pns_orang_id, sizeof(row->pns_orang_id), "%s",
		    v[COL_PNS]);
	}
	u->role = ROLE_LEARNER;
	u->active = 1;
	return 1;
}

int
roster_next(struct roster_reader *rd, struct roster_row *row, char *why,
    size_t whylen)
{
	char		**f, msg[ROSTER_WHY_MAX];
	const char	*cmsg;
	int		 nf, line, rc;

	memset(row, 0, sizeof(*row));
	why[0] = '\0';
	if (rd->err[0])
		return fail(rd, rd->errline, rd->err, why, whylen, row);
	if (!rd->header && read_header(rd, row, why, whylen) == -1)
		return -1;
	if ((rc = src_next(rd, &f, &nf, &line, &cmsg)) == 0)
		return 0;
	if (rc == -1)
		return fail(rd, line, cmsg, why, whylen, row);
	if (rc == 2) {
		/* Not valid UTF-8: reported, and reading goes on. */
		row->line = line;
		snprintf(why, whylen, "%s", cmsg);
		return 2;
	}
	if (++rd->rows > ROSTER_MAX_ROWS) {
		snprintf(msg, sizeof(msg), "lebih dari %d baris data; bagi "
		    "file menjadi beberapa bagian", ROSTER_MAX_ROWS);
		return fail(rd, line, msg, why, whylen, row);
	}
	row->line = line;
	return check_row(rd, f, nf, row, why, whylen) ? 1 : 2;
}

static void
problem(struct roster_report *rep, int line, const char *why)
{
	rep->nbad++;
	if (rep->nproblem == ROSTER_MAX_PROBLEMS)
		return;
	rep->problem[rep->nproblem].line = line;
	snprintf(rep->problem[rep->nproblem].why,
	    sizeof(rep->problem[0].why), "%s", why);
	rep->nproblem++;
}

static int
same_user(const struct user *a, const struct user *b)
{
	return strcmp(a->name, b->name) == 0 && strcmp(a->unit, b->unit) == 0 &&
	    strcmp(a->position, b->position) == 0 &&
	    strcmp(a->golongan, b->golongan) == 0 &&
	    strcmp(a->email, b->email) == 0 &&
	    strcmp(a->nip_atasan, b->nip_atasan) == 0;
}

/*
 * One valid row inside the transaction; write == 0 only classifies it
 * (a file already known bad still gets exact counts: a NIP occurs once
 * per file, so no earlier row's write could change the answer).
 */
static int
apply(struct store *st, struct roster_row *row, int write, int codes,
    int64_t now, struct roster_report *rep)
{
	struct user	 old;
	char		 code[SETUP_CODE_BUF], pns[STORE_SIASN_ID_MAX + 1];
	int		 rc, pns_new;

	if ((rc = store_user_by_nip(st, row->u.nip, &old, NULL, 0)) == -1)
		return -1;
	if (rc == 0) {
		/* An empty pns_orang_id cell keeps the stored id. */
		if (store_siasn_pns_get(st, old.id, pns, sizeof(pns)) == -1)
			return -1;
		pns_new = row->pns_orang_id[0] &&
		    strcmp(pns, row->pns_orang_id) != 0;
		if (same_user(&old, &row->u) && !pns_new) {
			rep->nsame++;
			return 0;
		}
		rep->nupdated++;
		if (!write)
			return 0;
		if (store_roster_update(st, &row->u) == -1)
			return -1;
		return pns_new ? store_siasn_pns_set(st, old.id,
		    row->pns_orang_id) : 0;
	}
	rep->nnew++;
	if (!write)
		return 0;
	/* Inside the import's transaction; a NIP inserted meanwhile by
	   another writer is a conflict and fails the import whole. */
	if (store_user_insert(st, &row->u, NULL, &row->u.id) != 0)
		return -1;
	if (row->pns_orang_id[0] && store_siasn_pns_set(st, row->u.id,
	    row->pns_orang_id) == -1)
		return -1;
	if (!codes)
		return 0;
	rep->ncodes++;
	if (setup_issue(st, &row->u, now, code) == -1)
		return -1;
	buf_addf(&rep->codes, "%s\t%s\t%s\n", row->u.nip, row->u.name, code);
	return 0;
}

int
roster_import(struct store *st, const char *data, size_t n, int dry_run,
    int codes, int64_t actor, const char *ip, int64_t now,
    struct roster_report *rep)
{
	struct roster_reader *rd;
	struct roster_row row;
	char		 why[ROSTER_WHY_MAX], detail[160];
	int		 rc;

	buf_free(&rep->codes);
	memset(rep, 0, sizeof(*rep));
	rep->dry_run = dry_run;
	if ((rd = roster_open(data, n)) == NULL)
		return -1;
	if (store_begin(st) == -1) {
		roster_close(rd);
		return -1;
	}
	while ((rc = roster_next(rd, &row, why, sizeof(why))) != 0) {
		if (rc != 1) {
			problem(rep, row.line, why);
			if (rc == -1)
				break;
			continue;
		}
		rep->rows++;
		/* After a problem nothing is kept: only count and check. */
		if (apply(st, &row, rep->nbad == 0, codes && !dry_run, now,
		    rep) == -1)
			goto err;
	}
	roster_close(rd);
	rd = NULL;
	snprintf(detail, sizeof(detail), "rows=%d new=%d updated=%d "
	    "unchanged=%d bad=%d codes=%d", rep->rows, rep->nnew,
	    rep->nupdated, rep->nsame, rep->nbad, rep->nbad || dry_run ? 0 :
	    rep->ncodes);
	if (rep->codes.oom) {
		/* The codes could not be shown: keep nothing. */
		store_rollback(st);
		buf_free(&rep->codes);
		return -1;
	}
	if (rep->nbad || dry_run) {
		store_rollback(st);
		buf_free(&rep->codes);
		/* Nothing was written, but the attempt is on record. */
		if (store_audit(st, actor, rep->nbad ? "roster.rejected" :
		    "roster.dry_run", detail, ip) == -1)
			return -1;
		return rep->nbad ? 1 : 0;
	}
	if (store_audit(st, actor, "roster.import", detail, ip) == -1 ||
	    store_commit(st) == -1) {
		buf_free(&rep->codes);
		return -1;
	}
	rep->written = 1;
	return 0;
err:
	roster_close(rd);
	store_rollback(st);
	buf_free(&rep->codes);
	return -1;
}

void
roster_report_free(struct roster_report *rep)
{
	if (rep != NULL)
		buf_free(&rep->codes);
}
