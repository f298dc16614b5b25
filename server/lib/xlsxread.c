/* xlsxread: first worksheet of an .xlsx as text rows. See xlsxread.h. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsxread_int.h"

void
xlsxread_fail(struct xlsxread *x, const char *fmt, ...)
{
	va_list	 ap;

	if (x->failed)
		return;
	x->failed = 1;
	x->errrow = x->in_row ? x->row : 0;
	va_start(ap, fmt);
	vsnprintf(x->msg, sizeof(x->msg), fmt, ap);
	va_end(ap);
}

/* Element or attribute name without its namespace prefix. */
const char *
xlsxread_local(const char *name)
{
	const char	*c = strrchr(name, ':');

	return c ? c + 1 : name;
}

const char *
xlsxread_attr(const char **atts, const char *name)
{
	for (; atts && atts[0]; atts += 2)
		if (strcmp(xlsxread_local(atts[0]), name) == 0)
			return atts[1];
	return NULL;
}

/*
 * Streams part name through parser p, at most limit inflated bytes.
 * Returns 0 parsed, 1 no such part, -1 error (message set).
 */
int
xlsxread_part(struct xlsxread *x, const char *name, size_t limit, XML_Parser p)
{
	unz_file_info64	 fi;
	char		*chunk = NULL;
	size_t		 total = 0;
	int		 n, rc = -1;

	x->part = name;
	if (unzLocateFile(x->uf, name, 2) != UNZ_OK)
		return 1;
	if (unzGetCurrentFileInfo64(x->uf, &fi, NULL, 0, NULL, 0, NULL,
	    0) != UNZ_OK) {
		xlsxread_fail(x, "%s: entri ZIP rusak", name);
		return -1;
	}
	if (fi.flag & 1) {
		xlsxread_fail(x, "%s: file terenkripsi (berkata sandi); simpan ulang "
		    "tanpa kata sandi", name);
		return -1;
	}
	if (fi.uncompressed_size > limit) {
		xlsxread_fail(x, "%s: lebih dari %zu MiB setelah diekstrak", name,
		    limit >> 20);
		return -1;
	}
	if (unzOpenCurrentFile(x->uf) != UNZ_OK) {
		xlsxread_fail(x, "%s: entri ZIP tidak bisa dibuka (metode kompresi "
		    "tidak didukung atau rusak)", name);
		return -1;
	}
	if ((chunk = malloc(CHUNK)) == NULL) {
		xlsxread_fail(x, "memori tidak cukup");
		goto out;
	}
	do {
		if ((n = unzReadCurrentFile(x->uf, chunk, CHUNK)) < 0) {
			xlsxread_fail(x, "%s: data ZIP rusak", name);
			goto out;
		}
		/* The header's size may lie: count what really comes out. */
		if ((total += (size_t)n) > limit) {
			xlsxread_fail(x, "%s: lebih dari %zu MiB setelah diekstrak",
			    name, limit >> 20);
			goto out;
		}
		if (XML_Parse(p, chunk, n, n == 0) != XML_STATUS_OK) {
			xlsxread_fail(x, "%s: XML rusak pada baris %lu: %s", name,
			    (unsigned long)XML_GetCurrentLineNumber(p),
			    XML_ErrorString(XML_GetErrorCode(p)));
			goto out;
		}
	} while (n > 0);
	if (unzCloseCurrentFile(x->uf) != UNZ_OK) {
		xlsxread_fail(x, "%s: data ZIP rusak (CRC salah)", name);
		free(chunk);
		return -1;
	}
	free(chunk);
	return 0;
out:
	free(chunk);
	unzCloseCurrentFile(x->uf);
	return rc;
}

static void XMLCALL
on_doctype(void *arg, const XML_Char *name, const XML_Char *sys,
    const XML_Char *pub, int internal)
{
	struct xlsxread	*x = arg;

	(void)name;
	(void)sys;
	(void)pub;
	(void)internal;
	xlsxread_fail(x, "%s: DTD tidak diizinkan di file .xlsx", x->part);
	XML_StopParser(x->cp, XML_FALSE);
}

/* A parser whose handlers get x; a DTD stops it. */
XML_Parser
xlsxread_parser(struct xlsxread *x, XML_StartElementHandler start,
    XML_EndElementHandler end, XML_CharacterDataHandler text)
{
	XML_Parser	 p;

	if ((p = XML_ParserCreate("UTF-8")) == NULL) {
		xlsxread_fail(x, "memori tidak cukup");
		return NULL;
	}
	XML_SetUserData(p, x);
	XML_SetElementHandler(p, start, end);
	if (text)
		XML_SetCharacterDataHandler(p, text);
	XML_SetStartDoctypeDeclHandler(p, on_doctype);
	XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
	return p;
}

/* Stops the parser of the handler that found a problem. */
void
xlsxread_stop(struct xlsxread *x)
{
	XML_StopParser(x->cp, XML_FALSE);
}

/* Appends character data to the current text, bounded. */
void
xlsxread_collect(struct xlsxread *x, const XML_Char *s, int len)
{
	if (x->failed)
		return;
	if (x->text.n + (size_t)len > XLSXREAD_MAX_CELL) {
		if (x->in_row)
			xlsxread_fail(x, "sel berisi lebih dari %d byte teks",
			    XLSXREAD_MAX_CELL);
		else
			xlsxread_fail(x, "%s: teks lebih dari %d byte", x->part,
			    XLSXREAD_MAX_CELL);
		xlsxread_stop(x);
		return;
	}
	buf_add(&x->text, s, (size_t)len);
}

/* "AB12" -> column 27 (0-based) in *col; -1 if not a cell reference. */
static int
ref_col(const char *r, int *col, int *row)
{
	long	 c = 0, n = 0;

	if (!isalpha((unsigned char)*r))
		return -1;
	for (; isalpha((unsigned char)*r); r++) {
		c = c * 26 + (toupper((unsigned char)*r) - 'A' + 1);
		if (c > 16384)
			return -1;
	}
	for (; isdigit((unsigned char)*r); r++)
		if ((n = n * 10 + (*r - '0')) > XLSXREAD_MAX_ROWS)
			return -1;
	if (*r != '\0')
		return -1;
	*col = (int)c - 1;
	*row = (int)n;
	return 0;
}

static const char *
col_name(int col, char out[4])
{
	if (col < 26)
		snprintf(out, 4, "%c", 'A' + col);
	else
		snprintf(out, 4, "%c%c", 'A' + col / 26 - 1, 'A' + col % 26);
	return out;
}

/* Days since 1970-01-01 -> civil date (H. Hinnant's algorithm). */
static void
civil(int64_t z, int *y, int *m, int *d)
{
	int64_t	 era, yoe, doy, mp;
	unsigned doe;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Serial date -> "YYYY-MM-DD[ HH:MM:SS]"; 0 ok, -1 out of range. */
static int
serial_date(struct xlsxread *x, double v, char *out, size_t len)
{
	int64_t	 days, secs;
	int	 y, m, d;

	if (!(v >= 0 && v < 2958466))	/* through 9999-12-31 */
		return -1;
	days = (int64_t)floor(v);
	secs = (int64_t)llround((v - (double)days) * 86400.0);
	if (secs >= 86400) {
		days++;
		secs -= 86400;
	}
	if (x->date1904)
		days += -24107;		/* 1904-01-01 is day -24107 */
	else
		/* 1900 system: serial 1 is 1900-01-01, and Lotus's phantom
		   1900-02-29 (serial 60) shifts every later serial by one. */
		days += days >= 60 ? -25569 : -25568;
	civil(days, &y, &m, &d);
	if (secs)
		snprintf(out, len, "%04d-%02d-%02d %02d:%02d:%02d", y, m, d,
		    (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
	else
		snprintf(out, len, "%04d-%02d-%02d", y, m, d);
	return 0;
}

static int
plain_integer(const char *s)
{
	size_t	 i = *s == '-';

	if (s[i] == '\0')
		return 0;
	for (; s[i]; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* The finished cell's value into the row. */
static void
cell_done(struct xlsxread *x)
{
	const char	*raw, *val;
	char		 num[64], cn[4], *end;
	double		 v;
	long		 idx;
	int		 type = XLSXREAD_T_TEXT;

	buf_addc(&x->text, '\0');
	if (x->text.oom) {
		xlsxread_fail(x, "memori tidak cukup");
		xlsxread_stop(x);
		return;
	}
	raw = x->text.p;
	val = raw;
	switch (x->ctype) {
	case CT_SST:
		errno = 0;
		idx = strtol(raw, &end, 10);
		if (*raw == '\0' || *end || errno || idx < 0 ||
		    idx >= x->nsst) {
			xlsxread_fail(x, "sel %s%d: teks bersama nomor \"%.20s\" tidak "
			    "ada", col_name(x->col, cn), x->row, raw);
			xlsxread_stop(x);
			return;
		}
		val = x->pool.p + x->sst[idx];
		break;
	case CT_BOOL:
		type = XLSXREAD_T_BOOL;
		val = strcmp(raw, "1") == 0 ? "TRUE" : raw[0] ? "FALSE" : "";
		break;
	case CT_ERR:
		type = XLSXREAD_T_ERROR;
		break;
	case CT_NUM:
		if (raw[0] == '\0')
			break;
		type = XLSXREAD_T_NUMBER;
		errno = 0;
		v = strtod(raw, &end);
		if (*end || errno == ERANGE || !isfinite(v)) {
			xlsxread_fail(x, "sel %s%d: angka \"%.20s\" tidak valid",
			    col_name(x->col, cn), x->row, raw);
			xlsxread_stop(x);
			return;
		}
		if (x->cstyle >= 0 && x->cstyle < x->nxf &&
		    x->xfdate[x->cstyle] && serial_date(x, v, num,
		    sizeof(num)) == 0) {
			type = XLSXREAD_T_DATE;
			val = num;
		} else if (plain_integer(raw) && strlen(raw) < sizeof(num))
			val = raw;	/* exact digits as written */
		else if (v == floor(v) && fabs(v) < 1e15) {
			snprintf(num, sizeof(num), "%.0f", v);
			val = num;
		} else {
			snprintf(num, sizeof(num), "%.15g", v);
			val = num;
		}
		break;
	default:
		break;
	}
	if (val[0] == '\0')
		return;
	if (x->rowbuf.n + strlen(val) + 1 > XLSXREAD_MAX_ROW_BYTES) {
		xlsxread_fail(x, "baris berisi lebih dari %zu KiB teks",
		    XLSXREAD_MAX_ROW_BYTES >> 10);
		xlsxread_stop(x);
		return;
	}
	x->off[x->col] = x->rowbuf.n;
	x->has[x->col] = 1;
	x->types[x->col] = type;
	buf_add(&x->rowbuf, val, strlen(val) + 1);
	if (x->col + 1 > x->ncells)
		x->ncells = x->col + 1;
	x->nonempty = 1;
}

static void XMLCALL
sheet_start(void *arg, const XML_Char *name, const XML_Char **atts)
{
	struct xlsxread	*x = arg;
	const char	*n = xlsxread_local(name), *v;
	char		 cn[4];
	int		 col, row;
	long		 l;

	if (x->failed)
		return;
	if (strcmp(n, "row") == 0) {
		if (x->in_row) {
			xlsxread_fail(x, "%s: <row> di dalam <row>", x->part);
			xlsxread_stop(x);
			return;
		}
		row = x->lastrow + 1;
		if ((v = xlsxread_attr(atts, "r")) != NULL) {
			l = strtol(v, NULL, 10);
			row = l > 0 && l <= XLSXREAD_MAX_ROWS ? (int)l : -1;
		}
		if (row <= x->lastrow || row > XLSXREAD_MAX_ROWS) {
			xlsxread_fail(x, "%s: nomor baris \"%.12s\" tidak valid atau "
			    "tidak berurutan (sesudah baris %d)", x->part,
			    v ? v : "", x->lastrow);
			xlsxread_stop(x);
			return;
		}
		x->in_row = 1;
		x->row = row;
		x->nextcol = 0;
		x->lastcol = -1;
		x->ncells = 0;
		x->nonempty = 0;
		memset(x->has, 0, sizeof(x->has));
		buf_reset(&x->rowbuf);
	} else if (strcmp(n, "c") == 0 && x->in_row) {
		col = x->nextcol;
		if ((v = xlsxread_attr(atts, "r")) != NULL) {
			if (ref_col(v, &col, &row) == -1 ||
			    (row != 0 && row != x->row)) {
				xlsxread_fail(x, "sel \"%.12s\": alamat sel tidak valid",
				    v);
				xlsxread_stop(x);
				return;
			}
		}
		if (col <= x->lastcol) {
			xlsxread_fail(x, "sel %s%d: sel tidak berurutan",
			    col_name(col < 702 ? col : 0, cn), x->row);
			xlsxread_stop(x);
			return;
		}
		if (col >= XLSXREAD_MAX_COLS) {
			xlsxread_fail(x, "sel di kolom ke-%d: lebih dari %d kolom",
			    col + 1, XLSXREAD_MAX_COLS);
			xlsxread_stop(x);
			return;
		}
		x->col = col;
		x->lastcol = col;
		x->nextcol = col + 1;
		v = xlsxread_attr(atts, "t");
		x->ctype = v == NULL || strcmp(v, "n") == 0 ? CT_NUM :
		    strcmp(v, "s") == 0 ? CT_SST : strcmp(v, "inlineStr") == 0 ?
		    CT_INLINE : strcmp(v, "b") == 0 ? CT_BOOL :
		    strcmp(v, "e") == 0 ? CT_ERR : CT_STR;	/* str, d */
		x->cstyle = (v = xlsxread_attr(atts, "s")) ? atoi(v) : -1;
		x->collect = 0;
		x->in_is = 0;
		x->in_rph = 0;
		buf_reset(&x->text);
	} else if (strcmp(n, "v") == 0 && x->in_row && x->ctype != CT_INLINE)
		x->collect = 1;
	else if (strcmp(n, "is") == 0 && x->in_row)
		x->in_is = 1;
	else if (strcmp(n, "rPh") == 0)
		x->in_rph = 1;
	else if (strcmp(n, "t") == 0 && x->in_is && !x->in_rph)
		x->collect = 1;
}

static void XMLCALL
sheet_end(void *arg, const XML_Char *name)
{
	struct xlsxread	*x = arg;
	const char	*n = xlsxread_local(name);
	int		 i;

	if (x->failed)
		return;
	if (strcmp(n, "v") == 0 || strcmp(n, "t") == 0)
		x->collect = 0;
	else if (strcmp(n, "rPh") == 0)
		x->in_rph = 0;
	else if (strcmp(n, "is") == 0)
		x->in_is = 0;
	else if (strcmp(n, "c") == 0 && x->in_row)
		cell_done(x);
	else if (strcmp(n, "row") == 0 && x->in_row) {
		x->in_row = 0;
		x->lastrow = x->row;
		if (!x->nonempty || x->rowbuf.oom) {
			if (x->rowbuf.oom) {
				xlsxread_fail(x, "memori tidak cukup");
				xlsxread_stop(x);
			}
			return;
		}
		for (i = 0; i < x->ncells; i++) {
			x->cells[i] = x->has[i] ? x->rowbuf.p + x->off[i] :
			    (char *)"";
			if (!x->has[i])
				x->types[i] = XLSXREAD_T_TEXT;
		}
		/* Hand the row to xlsxread_next; parsing resumes there. */
		XML_StopParser(x->sp, XML_TRUE);
	}
}

static void XMLCALL
sheet_text(void *arg, const XML_Char *s, int len)
{
	struct xlsxread	*x = arg;

	if (x->collect)
		xlsxread_collect(x, s, len);
}

int
xlsxread_is_zip(const char *data, size_t n)
{
	return n >= 4 && memcmp(data, "PK\003\004", 4) == 0;
}

struct xlsxread *
xlsxread_open(const char *data, size_t n)
{
	struct xlsxread	*x;

	if ((x = calloc(1, sizeof(*x))) == NULL)
		return NULL;
	x->mf.p = data;
	x->mf.n = n;
	if (xlsxread_pkg_map(x) == -1)
		return x;
	x->part = x->sheetpath;
	if ((x->chunk = malloc(CHUNK)) == NULL) {
		xlsxread_fail(x, "memori tidak cukup");
		return x;
	}
	if ((x->sp = xlsxread_parser(x, sheet_start, sheet_end, sheet_text)) == NULL)
		return x;
	return x;
}

void
xlsxread_close(struct xlsxread *x)
{
	if (x == NULL)
		return;
	if (x->uf) {
		if (x->opened)
			unzCloseCurrentFile(x->uf);
		unzClose(x->uf);
	}
	if (x->sp)
		XML_ParserFree(x->sp);
	free(x->chunk);
	free(x->rels);
	free(x->xfdate);
	free(x->fmtid);
	free(x->fmtdate);
	free(x->sst);
	buf_free(&x->pool);
	buf_free(&x->text);
	buf_free(&x->rowbuf);
	free(x);
}

static int
open_sheet(struct xlsxread *x)
{
	unz_file_info64	 fi;

	if (unzLocateFile(x->uf, x->sheetpath, 2) != UNZ_OK) {
		xlsxread_fail(x, "%s tidak ada di dalam file", x->sheetpath);
		return -1;
	}
	if (unzGetCurrentFileInfo64(x->uf, &fi, NULL, 0, NULL, 0, NULL,
	    0) != UNZ_OK || (fi.flag & 1) || unzOpenCurrentFile(x->uf) !=
	    UNZ_OK) {
		xlsxread_fail(x, "%s: entri ZIP tidak bisa dibaca (rusak atau "
		    "terenkripsi)", x->sheetpath);
		return -1;
	}
	x->opened = 1;
	if (fi.uncompressed_size > XLSXREAD_MAX_PART) {
		xlsxread_fail(x, "%s: lebih dari %zu MiB setelah diekstrak",
		    x->sheetpath, XLSXREAD_MAX_PART >> 20);
		return -1;
	}
	x->opened = 1;
	return 0;
}

int
xlsxread_next(struct xlsxread *x, char ***cells, const int **types, int *ncells,
    int *row, char *msg, size_t msglen)
{
	enum XML_Status	 st;
	int		 n;

	*cells = NULL;
	*ncells = 0;
	*row = 0;
	if (types)
		*types = NULL;
	if (x->failed)
		goto err;
	if (x->done)
		return 0;
	if (!x->opened && open_sheet(x) == -1)
		goto err;
	x->cp = x->sp;
	for (;;) {
		if (x->suspended)
			st = XML_ResumeParser(x->sp);
		else if (x->final_fed) {
			x->done = 1;
			return 0;
		} else {
			if ((n = unzReadCurrentFile(x->uf, x->chunk,
			    CHUNK)) < 0) {
				xlsxread_fail(x, "%s: data ZIP rusak", x->sheetpath);
				goto err;
			}
			if ((x->inflated += (size_t)n) > XLSXREAD_MAX_PART) {
				xlsxread_fail(x, "%s: lebih dari %zu MiB setelah "
				    "diekstrak", x->sheetpath,
				    XLSXREAD_MAX_PART >> 20);
				goto err;
			}
			x->final_fed = n == 0;
			st = XML_Parse(x->sp, x->chunk, n, n == 0);
		}
		if (x->failed)
			goto err;
		if (st == XML_STATUS_ERROR) {
			xlsxread_fail(x, "%s: XML rusak pada baris %lu: %s",
			    x->sheetpath,
			    (unsigned long)XML_GetCurrentLineNumber(x->sp),
			    XML_ErrorString(XML_GetErrorCode(x->sp)));
			goto err;
		}
		if (st == XML_STATUS_SUSPENDED) {
			x->suspended = 1;
			*cells = x->cells;
			*ncells = x->ncells;
			*row = x->lastrow;
			if (types)
				*types = x->types;
			return 1;
		}
		x->suspended = 0;
		if (x->final_fed && x->opened) {
			if (unzCloseCurrentFile(x->uf) != UNZ_OK) {
				x->opened = 0;
				xlsxread_fail(x, "%s: data ZIP rusak (CRC salah)",
				    x->sheetpath);
				goto err;
			}
			x->opened = 0;
			x->done = 1;
			return 0;
		}
	}
err:
	*row = x->errrow;
	snprintf(msg, msglen, "%s", x->msg);
	return -1;
}
