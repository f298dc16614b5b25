/* export: streaming JSON/CSV/XLSX row writer. See export.h. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csv.h"
#include "export.h"
#include "xlsx.h"

/*
 * libxlsxwriter packs the workbook with minizip, whose zipOpen3 keeps a
 * 64 KiB buffer on the stack; Debian's CivetWeb runs handlers on 100 KiB
 * thread stacks, where that overflows (SIGSEGV). So closing a workbook
 * (finish or abort) runs on a helper thread with this much stack while
 * the caller waits for it.
 */
#define XLSX_STACK	((size_t)2 << 20)

struct export {
	enum export_fmt		 fmt;
	const struct export_col	*cols;
	int			 ncols;
	int			 kind[EXPORT_MAX_COLS];	/* XLSX_* */
	export_emit		 emit;
	void			*arg;
	struct xlsx		*x;
	struct buf		 b;
	long long		 rows;
	char			 err[256];
};

int
export_parse_fmt(const char *s, enum export_fmt *f)
{
	if (s == NULL || *s == '\0' || strcmp(s, "json") == 0)
		*f = EXPORT_JSON;
	else if (strcmp(s, "csv") == 0)
		*f = EXPORT_CSV;
	else if (strcmp(s, "xlsx") == 0)
		*f = EXPORT_XLSX;
	else
		return -1;
	return 0;
}

const char *
export_ctype(enum export_fmt f)
{
	switch (f) {
	case EXPORT_CSV:
		return "text/csv; charset=utf-8; header=present";
	case EXPORT_XLSX:
		return "application/"
		    "vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	default:
		return "application/json";
	}
}

const char *
export_ext(enum export_fmt f)
{
	return f == EXPORT_CSV ? "csv" : f == EXPORT_XLSX ? "xlsx" : "json";
}

/* A plain decimal number: optional '-', digits, optional fraction. */
static int
is_decimal(const char *s)
{
	int	 digits = 0;

	if (*s == '-')
		s++;
	for (; *s >= '0' && *s <= '9'; s++)
		digits++;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			digits++;
	return digits > 0 && *s == '\0';
}

static int
flush(struct export *e, int force)
{
	if (e->b.oom) {
		snprintf(e->err, sizeof(e->err), "out of memory");
		return -1;
	}
	if (e->b.n == 0 || (!force && e->b.n < EXPORT_FLUSH))
		return 0;
	if (e->emit(e->arg, e->b.p, e->b.n) != 0) {
		snprintf(e->err, sizeof(e->err), "output stopped");
		return -1;
	}
	buf_reset(&e->b);
	return 0;
}

struct export *
export_open(enum export_fmt fmt, const char *sheet,
    const struct export_col *cols, int ncols, export_emit emit, void *arg,
    char *err, size_t errlen)
{
	const char	*hdr[EXPORT_MAX_COLS];
	struct export	*e;
	int		 i;

	if (ncols < 1 || ncols > EXPORT_MAX_COLS || emit == NULL) {
		snprintf(err, errlen, "export: 1..%d columns and a sink needed",
		    EXPORT_MAX_COLS);
		return NULL;
	}
	if ((e = calloc(1, sizeof(*e))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	e->fmt = fmt;
	e->cols = cols;
	e->ncols = ncols;
	e->emit = emit;
	e->arg = arg;
	for (i = 0; i < ncols; i++) {
		hdr[i] = fmt == EXPORT_XLSX && cols[i].label ? cols[i].label :
		    cols[i].csv;
		e->kind[i] = cols[i].type == EXPORT_NUM ? XLSX_NUMBER :
		    cols[i].type == EXPORT_DATE ? XLSX_DATE : XLSX_TEXT;
	}
	if (fmt == EXPORT_XLSX) {
		if ((e->x = xlsx_open(sheet, hdr, ncols, err, errlen)) == NULL)
			goto err;
		for (i = 0; i < ncols; i++)
			if ((cols[i].width > 0 || cols[i].xfmt != NULL) &&
			    xlsx_column(e->x, i, cols[i].width,
			    cols[i].xfmt) == -1) {
				snprintf(err, errlen, "%s", xlsx_error(e->x));
				goto err;
			}
	} else if (fmt == EXPORT_CSV) {
		for (i = 0; i < ncols; i++)
			csv_field(&e->b, hdr[i], i == 0);
		csv_end(&e->b);
	}
	return e;
err:
	export_abort(e);
	return NULL;
}

int
export_notes(struct export *e, const char *title, const char *const *pairs,
    int npairs)
{
	const char	**cells;
	int		 i, n = 0, rc;

	if (e->fmt != EXPORT_XLSX || e->err[0] != '\0')
		return e->err[0] != '\0' ? -1 : 0;
	if ((cells = calloc((size_t)(npairs + e->ncols + 4) * 2,
	    sizeof(*cells))) == NULL) {
		snprintf(e->err, sizeof(e->err), "out of memory");
		return -1;
	}
	cells[n++] = title;
	cells[n++] = NULL;
	for (i = 0; i < npairs * 2; i++)
		cells[n++] = pairs[i];
	cells[n++] = "";
	cells[n++] = "";
	cells[n++] = "Kolom di lembar data";
	cells[n++] = NULL;
	cells[n++] = "Judul kolom";
	cells[n++] = "Nama kolom di CSV dan API (tetap)";
	for (i = 0; i < e->ncols; i++) {
		cells[n++] = e->cols[i].label ? e->cols[i].label :
		    e->cols[i].csv;
		cells[n++] = e->cols[i].csv;
	}
	rc = xlsx_notes(e->x, EXPORT_NOTES_SHEET, cells, n / 2);
	free(cells);
	if (rc == -1)
		snprintf(e->err, sizeof(e->err), "%s", xlsx_error(e->x));
	return rc;
}

static void
json_cell(struct export *e, const struct export_col *c, const char *v)
{
	if (c->type == EXPORT_BOOL)
		buf_adds(&e->b, v && strcmp(v, "1") == 0 ? "true" : "false");
	else if (c->type == EXPORT_NUM && (v == NULL || *v == '\0'))
		buf_adds(&e->b, "null");
	else if (c->type == EXPORT_NUM && is_decimal(v))
		buf_adds(&e->b, v);
	else
		buf_json_str(&e->b, v);
}

static void
csv_cell(struct export *e, const struct export_col *c, const char *v,
    int first)
{
	if (c->type == EXPORT_BOOL)
		csv_field(&e->b, v && strcmp(v, "1") == 0 ? "ya" : "tidak",
		    first);
	else if (c->type == EXPORT_NUM && v && is_decimal(v)) {
		/* Bare, so a negative number is not formula-guarded. */
		if (!first)
			buf_addc(&e->b, ',');
		buf_adds(&e->b, v);
	} else
		csv_field(&e->b, v, first);
}

int
export_row(struct export *e, const char *const *cells)
{
	const char	*xc[EXPORT_MAX_COLS];
	int		 i;

	if (e->err[0] != '\0')
		return -1;
	if (e->fmt == EXPORT_XLSX) {
		for (i = 0; i < e->ncols; i++)
			xc[i] = e->cols[i].type != EXPORT_BOOL ? cells[i] :
			    cells[i] && strcmp(cells[i], "1") == 0 ? "ya" :
			    "tidak";
		if (xlsx_row(e->x, xc, e->kind, e->ncols) == -1) {
			snprintf(e->err, sizeof(e->err), "%s",
			    xlsx_error(e->x));
			return -1;
		}
		e->rows++;
		return 0;
	}
	if (e->fmt == EXPORT_JSON) {
		buf_adds(&e->b, e->rows ? ",{" : "{");
		for (i = 0; i < e->ncols; i++) {
			if (i)
				buf_addc(&e->b, ',');
			buf_json_str(&e->b, e->cols[i].json);
			buf_addc(&e->b, ':');
			json_cell(e, &e->cols[i], cells[i]);
		}
		buf_addc(&e->b, '}');
	} else {
		for (i = 0; i < e->ncols; i++)
			csv_cell(e, &e->cols[i], cells[i], i == 0);
		csv_end(&e->b);
	}
	e->rows++;
	return flush(e, 0);
}

int
export_raw(struct export *e, const char *json)
{
	if (e->err[0] != '\0')
		return -1;
	if (e->fmt != EXPORT_JSON) {
		snprintf(e->err, sizeof(e->err), "export_raw: JSON only");
		return -1;
	}
	buf_adds(&e->b, json);
	return flush(e, 0);
}

struct close_job {
	struct xlsx	*x;
	export_emit	 emit;		/* NULL: abort */
	void		*arg;
	int		 rc;
};

static void *
close_run(void *arg)
{
	struct close_job *j = arg;

	if (j->emit != NULL)
		j->rc = xlsx_finish(j->x, j->emit, j->arg);
	else
		xlsx_abort(j->x);
	return NULL;
}

/* xlsx_finish or (emit NULL) xlsx_abort on a thread with a big stack. */
static int
xlsx_close(struct xlsx *x, export_emit emit, void *arg)
{
	struct close_job j = { x, emit, arg, -1 };
	pthread_attr_t	 a;
	pthread_t	 t;
	int		 ok;

	if (x == NULL)
		return 0;
	ok = pthread_attr_init(&a) == 0;
	if (ok && pthread_attr_setstacksize(&a, XLSX_STACK) == 0 &&
	    pthread_create(&t, &a, close_run, &j) == 0)
		pthread_join(t, NULL);
	else
		close_run(&j);	/* no thread: try here (fine on main) */
	if (ok)
		pthread_attr_destroy(&a);
	return j.rc;
}

int
export_finish(struct export *e, char *err, size_t errlen)
{
	int	 rc = -1;

	if (e->err[0] != '\0')
		goto out;
	if (e->fmt == EXPORT_XLSX) {
		rc = xlsx_close(e->x, e->emit, e->arg);
		e->x = NULL;
		if (rc == -1)
			snprintf(e->err, sizeof(e->err), "xlsx: finishing the "
			    "workbook failed or output stopped");
		goto out;
	}
	rc = flush(e, 1);
out:
	snprintf(err, errlen, "%s", e->err);
	export_abort(e);
	return rc;
}

void
export_abort(struct export *e)
{
	if (e == NULL)
		return;
	xlsx_close(e->x, NULL, NULL);
	buf_free(&e->b);
	free(e);
}

const char *
export_error(const struct export *e)
{
	return e->err;
}

long long
export_rows(const struct export *e)
{
	return e->rows;
}
