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
#include "csv.h"
#include "xlsx.h"

#define CHUNK	65536

struct xlsx {
	lxw_workbook	*wb;
	lxw_worksheet	*ws;
	int		 ncols;
	lxw_row_t	 row;		/* last row written */
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
		if ((len = csv_utf8_seq(p + i, n - i)) == 0) {
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
	if ((bold = workbook_add_format(x->wb)) == NULL) {
		seterr(err, errlen, "out of memory");
		goto err;
	}
	format_set_bold(bold);
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
put_number(struct xlsx *x, lxw_col_t col, const char *s)
{
	char	*end;
	double	 v;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || *end != '\0' || errno != 0 || !isfinite(v) ||
	    strpbrk(s, "xXnN") != NULL)	/* hex floats, "nan", "inf" */
		return 0;
	return worksheet_write_number(x->ws, x->row, col, v, NULL) == 0;
}

int
xlsx_row(struct xlsx *x, const char *const *cells, const int *is_number,
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
		if (is_number != NULL && is_number[i] &&
		    put_number(x, (lxw_col_t)i, cells[i]))
			continue;
		if (put_text(x, (lxw_col_t)i, cells[i], NULL) == -1)
			return -1;
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
