/* table: named-column records from CSV or .xlsx. See table.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv.h"
#include "table.h"
#include "xlsxread.h"

#define OLE_MAGIC	"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"

struct table {
	struct csv_reader	*csv;	/* one of csv and xl */
	struct xlsxread		*xl;
	const struct table_col	*cols;
	int			 ncols;
	int			 idx[TABLE_MAX_COLS];
	const char		*vals[TABLE_MAX_COLS];
	int			 header;
	char			 err[TABLE_WHY_MAX];
	int			 errline;
	char			 xmsg[XLSXREAD_MSG_MAX];
};

static char *
trim(char *s)
{
	size_t	 n;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r' || s[n - 1] == '\n'))
		s[--n] = '\0';
	return s;
}

struct table *
table_open(const char *data, size_t n, const struct table_col *cols,
    int ncols)
{
	struct table	*t;

	if (ncols > TABLE_MAX_COLS || (t = calloc(1, sizeof(*t))) == NULL)
		return NULL;
	t->cols = cols;
	t->ncols = ncols;
	if (n >= 8 && memcmp(data, OLE_MAGIC, 8) == 0) {
		snprintf(t->err, sizeof(t->err), "file Excel lama (.xls) atau "
		    "berkata sandi tidak bisa dibaca: simpan sebagai \"Excel "
		    "Workbook (.xlsx)\" tanpa kata sandi, atau sebagai CSV UTF-8");
		t->errline = 1;
		return t;
	}
	if (n == 0) {
		snprintf(t->err, sizeof(t->err), "file kosong");
		t->errline = 1;
		return t;
	}
	if (xlsxread_is_zip(data, n))
		t->xl = xlsxread_open(data, n);
	else
		t->csv = csv_open(data, n);
	if (t->xl == NULL && t->csv == NULL) {
		free(t);
		return NULL;
	}
	return t;
}

/* Next non-blank record: 1, 2 (bad UTF-8), 0 end, -1 fatal. */
static int
src_next(struct table *t, char ***f, int *nf, int *line, const char **msg)
{
	int	 rc, i;

	for (;;) {
		if (t->xl) {
			rc = xlsxread_next(t->xl, f, NULL, nf, line, t->xmsg,
			    sizeof(t->xmsg));
			*msg = t->xmsg;
			if (rc == -1 && *line == 0)
				*line = 1;
		} else
			rc = csv_next(t->csv, f, nf, line, msg);
		if (rc != 1)
			return rc;
		for (i = 0; i < *nf; i++)
			if (trim((*f)[i])[0] != '\0')
				return 1;
	}
}

/* 1 when h is one of the '|'-separated spellings in names. */
static int
name_is(const char *names, const char *h)
{
	size_t	 hn = strlen(h);
	const char *p = names, *bar;

	for (;;) {
		bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		if (n == hn && strncasecmp(p, h, n) == 0)
			return 1;
		if (bar == NULL)
			return 0;
		p = bar + 1;
	}
}

static int
fatal(struct table *t, int line, const char *msg, int *outline, char *why,
    size_t whylen)
{
	if (t->err[0] == '\0') {
		snprintf(t->err, sizeof(t->err), "%s", msg);
		t->errline = line;
	}
	snprintf(why, whylen, "%s", t->err);
	*outline = t->errline;
	return -1;
}

static int
header(struct table *t, char **f, int nf, int line, int *outline, char *why,
    size_t whylen)
{
	char	 msg[TABLE_WHY_MAX];
	int	 i, j;
	char	*h;

	for (j = 0; j < t->ncols; j++)
		t->idx[j] = -1;
	for (i = 0; i < nf; i++) {
		h = trim(f[i]);
		for (j = 0; j < t->ncols; j++) {
			if (!name_is(t->cols[j].name, h))
				continue;
			if (t->idx[j] != -1) {
				snprintf(msg, sizeof(msg), "kolom \"%s\" muncul "
				    "dua kali di baris judul", h);
				return fatal(t, line, msg, outline, why, whylen);
			}
			t->idx[j] = i;
		}
	}
	for (j = 0; j < t->ncols; j++)
		if (t->cols[j].required && t->idx[j] == -1) {
			const char *bar = strchr(t->cols[j].name, '|');
			int n = bar ? (int)(bar - t->cols[j].name) :
			    (int)strlen(t->cols[j].name);
			snprintf(msg, sizeof(msg), "baris judul tidak memuat "
			    "kolom wajib \"%.*s\"", n, t->cols[j].name);
			return fatal(t, line, msg, outline, why, whylen);
		}
	t->header = 1;
	return 0;
}

int
table_next(struct table *t, const char ***vals, int *line, char *why,
    size_t whylen)
{
	char		**f;
	const char	*msg = "";
	int		 nf = 0, rc, j;

	*line = 0;
	if (t->err[0])
		return fatal(t, 0, "", line, why, whylen);
	for (;;) {
		rc = src_next(t, &f, &nf, line, &msg);
		if (rc == 0) {
			if (!t->header)
				return fatal(t, 1, "file tidak memuat baris "
				    "judul", line, why, whylen);
			return 0;
		}
		if (rc == -1)
			return fatal(t, *line, msg, line, why, whylen);
		if (rc == 2) {
			snprintf(why, whylen, "%s", msg);
			if (!t->header)
				return fatal(t, *line, msg, line, why, whylen);
			return 2;
		}
		if (t->header)
			break;
		if (header(t, f, nf, *line, line, why, whylen) == -1)
			return -1;
	}
	for (j = 0; j < t->ncols; j++)
		t->vals[j] = t->idx[j] >= 0 && t->idx[j] < nf ?
		    trim(f[t->idx[j]]) : "";
	*vals = t->vals;
	return 1;
}

void
table_close(struct table *t)
{
	if (t == NULL)
		return;
	csv_close(t->csv);
	xlsxread_close(t->xl);
	free(t);
}
