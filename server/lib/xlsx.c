/* xlsx: streaming XLSX writer on libxlsxwriter. See xlsx.h. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "buf.h"
#include "utf8.h"
#include "xlsx.h"

#define CHUNK	65536

struct xlsx {
	lxw_workbook	*wb;
	lxw_worksheet	*ws;
	int		 ncols;
	lxw_row_t	 row;		/* last row written */
	lxw_format	*colfmt[XLSX_MAX_COLS];	/* cell format per column */
	lxw_format	*datefmt;	/* default for date columns */
	lxw_format	*bold;
	char		 path[4096];
	char		 err[256];
	struct buf	 cell;		/* scratch for a sanitised cell */
};

static void
seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list	 ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/*
 * Copy s into x->cell as text XML 1.0 accepts: the XML would be invalid
 * (Excel offers to "repair" the file) with bad UTF-8 or C0 controls.
 */
static const char *
clean(struct xlsx *x, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t	 n = strlen(s), i, len;

	buf_reset(&x->cell);
	for (i = 0; i < n; i += len) {
		if ((len = utf8_seq(p + i, n - i)) == 0) {
			len = 1;
			if (x->cell.n + 3 > XLSX_MAX_CELL)
				break;
			buf_add(&x->cell, "\xEF\xBF\xBD", 3);
			continue;
		}
		if (len == 1 && p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' &&
		    p[i] != '\r')
			continue;
		if (x->cell.n + len > XLSX_MAX_CELL)
			break;
		buf_add(&x->cell, p + i, len);
	}
	return x->cell.p != NULL ? x->cell.p : "";
}

static int
put_text(struct xlsx *x, lxw_col_t col, const char *s, lxw_format *fmt)
{
	lxw_error e;

	s = clean(x, s);
	if (x->cell.oom) {
		snprintf(x->err, sizeof(x->err), "out of memory");
		return -1;
	}
	if ((e = worksheet_write_string(x->ws, x->row, col, s, fmt)) != 0) {
		snprintf(x->err, sizeof(x->err), "xlsx write: %s",
		    lxw_strerror(e));
		return -1;
	}
	return 0;
}

struct xlsx *
xlsx_open(const char *sheet_name, const char *const *headers, int ncols,
    char *err, size_t errlen)
{
	lxw_workbook_options opt = { 0 };
	struct xlsx *x = NULL;
	lxw_format *bold;
	const char *tmpdir;
	int	 fd, i;
	size_t	 w;

	seterr(err, errlen, "%s", "");
	if (ncols < 1 || ncols > XLSX_MAX_COLS || headers == NULL ||
	    sheet_name == NULL) {
		seterr(err, errlen, "xlsx: 1..%d columns needed", XLSX_MAX_COLS);
		return NULL;
	}
	if ((x = calloc(1, sizeof(*x))) == NULL) {
		seterr(err, errlen, "out of memory");
		return NULL;
	}
	x->ncols = ncols;
	if ((tmpdir = getenv("TMPDIR")) == NULL || *tmpdir == '\0')
		tmpdir = "/tmp";
	snprintf(x->path, sizeof(x->path), "%s/lentera-xlsx-XXXXXX", tmpdir);
	/* mkstemp reserves a private (0600) name; the library reopens it. */
	if ((fd = mkstemp(x->path)) == -1) {
		seterr(err, errlen, "xlsx temp file in %s: %s", tmpdir,
		    strerror(errno));
		x->path[0] = '\0';
		goto err;
	}
	close(fd);
	opt.constant_memory = LXW_TRUE;
	opt.tmpdir = (char *)tmpdir;
	opt.use_zip64 = LXW_TRUE;	/* a million rows can pass 4 GB of XML */
	if ((x->wb = workbook_new_opt(x->path, &opt)) == NULL) {
		seterr(err, errlen, "xlsx: cannot start workbook");
		goto err;
	}
	if (workbook_validate_sheet_name(x->wb, sheet_name) != 0 ||
	    (x->ws = workbook_add_worksheet(x->wb, sheet_name)) == NULL) {
		seterr(err, errlen, "xlsx: invalid sheet name (1-31 "
		    "characters, none of []:*?/\\)");
		goto err;
	}
	if ((bold = workbook_add_format(x->wb)) == NULL ||
	    (x->datefmt = workbook_add_format(x->wb)) == NULL) {
		seterr(err, errlen, "out of memory");
		goto err;
	}
	format_set_bold(bold);
	format_set_num_format(x->datefmt, XLSX_DATE_FORMAT);
	x->bold = bold;
	for (i = 0; i < ncols; i++) {
		w = headers[i] ? strlen(headers[i]) + 4 : 10;
		worksheet_set_column(x->ws, (lxw_col_t)i, (lxw_col_t)i,
		    (double)(w < 10 ? 10 : w > 60 ? 60 : w), NULL);
	}
	worksheet_freeze_panes(x->ws, 1, 0);
	for (i = 0; i < ncols; i++)
		if (put_text(x, (lxw_col_t)i, headers[i] ? headers[i] : "",
		    bold) == -1) {
			seterr(err, errlen, "%s", x->err);
			goto err;
		}
	return x;
err:
	xlsx_abort(x);
	return NULL;
}

/* Write s as a number if it is one entirely; 1 done, 0 not a number. */
static int
put_number(struct xlsx *x, lxw_col_t col, const char *s, lxw_format *fmt)
{
	char	*end;
	double	 v;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || *end != '\0' || errno != 0 || !isfinite(v) ||
	    strpbrk(s, "xXnN") != NULL)	/* hex floats, "nan", "inf" */
		return 0;
	return worksheet_write_number(x->ws, x->row, col, v, fmt) == 0;
}

/* Exactly n ASCII digits at s; their value in *v. */
static int
digits(const char *s, int n, int *v)
{
	int	 i;

	for (*v = 0, i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*v = *v * 10 + (s[i] - '0');
	}
	return 1;
}

/* Write "yyyy-mm-dd" as a date cell; 1 done, 0 not such a date. */
static int
put_date(struct xlsx *x, lxw_col_t col, const char *s, lxw_format *fmt)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	lxw_datetime dt = { 0 };
	int	 y, m, d;

	if (strlen(s) != 10 || !digits(s, 4, &y) || s[4] != '-' ||
	    !digits(s + 5, 2, &m) || s[7] != '-' || !digits(s + 8, 2, &d) ||
	    y < 1900 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && (y % 4 != 0 || (y % 100 == 0 &&
	    y % 400 != 0))))
		return 0;
	dt.year = y;
	dt.month = m;
	dt.day = d;
	return worksheet_write_datetime(x->ws, x->row, col, &dt,
	    fmt ? fmt : x->datefmt) == 0;
}

int
xlsx_row(struct xlsx *x, const char *const *cells, const int *kind,
    int ncols)
{
	int	 i;

	if (x->err[0] != '\0')
		return -1;
	if (ncols != x->ncols || cells == NULL) {
		snprintf(x->err, sizeof(x->err), "xlsx: row has %d cells, "
		    "header has %d", ncols, x->ncols);
		return -1;
	}
	if (x->row >= XLSX_MAX_ROWS) {
		snprintf(x->err, sizeof(x->err), "xlsx: more than %d rows do "
		    "not fit in one Excel sheet; narrow the export or use CSV",
		    XLSX_MAX_ROWS);
		return -1;
	}
	x->row++;
	for (i = 0; i < ncols; i++) {
		if (cells[i] == NULL || cells[i][0] == '\0')
			continue;
		if (kind != NULL && kind[i] == XLSX_NUMBER &&
		    put_number(x, (lxw_col_t)i, cells[i], x->colfmt[i]))
			continue;
		if (kind != NULL && kind[i] == XLSX_DATE &&
		    put_date(x, (lxw_col_t)i, cells[i], x->colfmt[i]))
			continue;
		if (put_text(x, (lxw_col_t)i, cells[i], kind != NULL &&
		    kind[i] == XLSX_TEXT ? x->colfmt[i] : NULL) == -1)
			return -1;
	}
	return 0;
}

int
xlsx_column(struct xlsx *x, int col, double width, const char *num_format)
{
	lxw_format *f = NULL;

	if (col < 0 || col >= x->ncols || x->row > 0) {
		snprintf(x->err, sizeof(x->err), "xlsx: column %d cannot be "
		    "set up now", col);
		return -1;
	}
	if (num_format != NULL && num_format[0] != '\0') {
		if ((f = workbook_add_format(x->wb)) == NULL) {
			snprintf(x->err, sizeof(x->err), "out of memory");
			return -1;
		}
		format_set_num_format(f, num_format);
	}
	x->colfmt[col] = f;
	/* The column format also applies to cells typed in later (e.g. "@"
	 * keeps a NIP typed into an empty row as text). */
	if (width > 0 && worksheet_set_column(x->ws, (lxw_col_t)col,
	    (lxw_col_t)col, width > 255 ? 255 : width, f) != 0) {
		snprintf(x->err, sizeof(x->err), "xlsx: column width");
		return -1;
	}
	return 0;
}

int
xlsx_notes(struct xlsx *x, const char *sheet, const char *const *cells,
    int nrows)
{
	lxw_worksheet *ws;
	lxw_row_t row;
	int	 i;

	if (x->err[0] != '\0')
		return -1;
	if (workbook_validate_sheet_name(x->wb, sheet) != 0 ||
	    (ws = workbook_add_worksheet(x->wb, sheet)) == NULL) {
		snprintf(x->err, sizeof(x->err), "xlsx: notes sheet name");
		return -1;
	}
	worksheet_set_column(ws, 0, 0, 28, NULL);
	worksheet_set_column(ws, 1, 1, 60, NULL);
	for (row = 0; row < (lxw_row_t)nrows; row++)
		for (i = 0; i < 2; i++) {
			const char *c = cells[row * 2 + i];

			if (c == NULL || c[0] == '\0')
				continue;
			c = clean(x, c);
			if (x->cell.oom || worksheet_write_string(ws, row,
			    (lxw_col_t)i, c, cells[row * 2 + 1] == NULL ?
			    x->bold : NULL) != 0) {
				snprintf(x->err, sizeof(x->err),
				    "xlsx: notes sheet write");
				return -1;
			}
		}
	return 0;
}

const char *
xlsx_error(const struct xlsx *x)
{
	return x->err;
}

int
xlsx_finish(struct xlsx *x, int (*emit)(void *arg, const void *p, size_t n),
    void *arg)
{
	char	*chunk = NULL;
	FILE	*f = NULL;
	size_t	 n;
	lxw_error e;
	int	 rc = -1;

	if (x->err[0] != '\0')
		goto err;
	worksheet_autofilter(x->ws, 0, 0, x->row, (lxw_col_t)(x->ncols - 1));
	e = workbook_close(x->wb);
	x->wb = NULL;
	if (e != 0) {
		snprintf(x->err, sizeof(x->err), "xlsx close: %s",
		    lxw_strerror(e));
		goto err;
	}
	if ((chunk = malloc(CHUNK)) == NULL ||
	    (f = fopen(x->path, "rb")) == NULL) {
		snprintf(x->err, sizeof(x->err), "xlsx read back: %s",
		    strerror(errno));
		goto err;
	}
	while ((n = fread(chunk, 1, CHUNK, f)) > 0)
		if (emit(arg, chunk, n) != 0) {
			snprintf(x->err, sizeof(x->err), "xlsx: output stopped");
			goto err;
		}
	if (ferror(f)) {
		snprintf(x->err, sizeof(x->err), "xlsx read back failed");
		goto err;
	}
	rc = 0;
err:
	if (f != NULL)
		fclose(f);
	free(chunk);
	xlsx_abort(x);
	return rc;
}

void
xlsx_abort(struct xlsx *x)
{
	if (x == NULL)
		return;
	if (x->wb != NULL)
		workbook_close(x->wb);	/* frees it and its temp files */
	if (x->path[0] != '\0')
		unlink(x->path);
	buf_free(&x->cell);
	free(x);
}
