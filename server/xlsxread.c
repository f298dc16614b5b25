/* xlsxread: first worksheet of an .xlsx as text rows. See xlsxread.h. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>
#include <unzip.h>

#include "buf.h"
#include "xlsxread.h"

#define CHUNK		65536		/* inflated bytes handed to expat at once */
#define PATH_MAX_XL	256		/* part names we build or accept */
#define MAX_RELS	1000		/* relationships per .rels part */

/* The caller's buffer as a minizip "file". */
struct memfile {
	const char	*p;
	size_t		 n, pos;
};

struct rel {
	char	 id[64];
	char	 type[160];
	char	 target[PATH_MAX_XL];
};

struct xlsxr {
	struct memfile	 mf;
	unzFile		 uf;
	char		 msg[XLSXR_MSG_MAX];	/* sticky error */
	int		 failed, errrow;

	/* Package map. */
	char		 wbpath[PATH_MAX_XL];
	char		 sheetpath[PATH_MAX_XL];
	char		 sstpath[PATH_MAX_XL];
	char		 stylespath[PATH_MAX_XL];
	char		 sheet_rid[64];
	int		 date1904, nsheets;
	struct rel	*rels;
	int		 nrels;

	/* Styles: per cellXfs index, 1 if its number format is a date. */
	unsigned char	*xfdate;
	int		 nxf, in_cellxfs;
	int		*fmtid;		/* custom numFmt ids ... */
	unsigned char	*fmtdate;	/* ... and whether each is a date */
	int		 nfmt;

	/* Shared strings: one pool, offsets per string. */
	struct buf	 pool;
	size_t		*sst;
	int		 nsst, capsst;
	int		 in_si, in_rph, in_t;

	/* Sheet streaming. */
	XML_Parser	 sp;
	char		*chunk;
	int		 opened, suspended, final_fed, done;
	size_t		 inflated;
	const char	*part;		/* part being parsed, for messages */
	XML_Parser	 cp;		/* its parser: handlers stop this one */

	/* Current row and cell. */
	int		 in_row, row, lastrow, nextcol, lastcol;
	int		 col, ctype, cstyle, in_v, in_is, collect, nonempty;
	struct buf	 text;		/* current cell's raw text */
	struct buf	 rowbuf;	/* this row's cell text, NUL-separated */
	size_t		 off[XLSXR_MAX_COLS];
	int		 has[XLSXR_MAX_COLS];
	int		 types[XLSXR_MAX_COLS];
	char		*cells[XLSXR_MAX_COLS];
	int		 ncells;
};

enum { CT_NUM, CT_SST, CT_STR, CT_INLINE, CT_BOOL, CT_ERR, CT_DATE };

/* ---- minizip over memory ------------------------------------------- */

static voidpf
mem_open(voidpf opaque, const void *name, int mode)
{
	struct memfile *m = opaque;

	(void)name;
	(void)mode;
	m->pos = 0;
	return m;
}

static uLong
mem_read(voidpf opaque, voidpf stream, void *out, uLong size)
{
	struct memfile *m = stream;

	(void)opaque;
	if (m->pos >= m->n)
		return 0;
	if (size > m->n - m->pos)
		size = (uLong)(m->n - m->pos);
	memcpy(out, m->p + m->pos, size);
	m->pos += size;
	return size;
}

static uLong
mem_write(voidpf opaque, voidpf stream, const void *in, uLong size)
{
	(void)opaque;
	(void)stream;
	(void)in;
	(void)size;
	return 0;
}

static ZPOS64_T
mem_tell(voidpf opaque, voidpf stream)
{
	(void)opaque;
	return ((struct memfile *)stream)->pos;
}

static long
mem_seek(voidpf opaque, voidpf stream, ZPOS64_T off, int origin)
{
	struct memfile *m = stream;
	ZPOS64_T	 base;

	(void)opaque;
	switch (origin) {
	case ZLIB_FILEFUNC_SEEK_SET: base = 0; break;
	case ZLIB_FILEFUNC_SEEK_CUR: base = m->pos; break;
	case ZLIB_FILEFUNC_SEEK_END: base = m->n; break;
	default: return -1;
	}
	if (off > m->n || base + off > m->n)
		return -1;
	m->pos = (size_t)(base + off);
	return 0;
}

static int
mem_close(voidpf opaque, voidpf stream)
{
	(void)opaque;
	(void)stream;
	return 0;
}

static int
mem_error(voidpf opaque, voidpf stream)
{
	(void)opaque;
	(void)stream;
	return 0;
}

/* ---- helpers -------------------------------------------------------- */

static void
fail(struct xlsxr *x, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
fail(struct xlsxr *x, const char *fmt, ...)
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
static const char *
local(const char *name)
{
	const char	*c = strrchr(name, ':');

	return c ? c + 1 : name;
}

static const char *
attr(const char **atts, const char *name)
{
	for (; atts && atts[0]; atts += 2)
		if (strcmp(local(atts[0]), name) == 0)
			return atts[1];
	return NULL;
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t	 a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

/*
 * Part name of target relative to the folder of part base ("" for the
 * package root); "/x" is absolute. ".." and "." segments are resolved;
 * one that climbs above the root is an error (-1).
 */
static int
resolve(const char *base, const char *target, char *out, size_t outlen)
{
	char	 tmp[2 * PATH_MAX_XL], *seg, *save, *parts[64];
	int	 n = 0, i;
	size_t	 len;
	const char *slash;

	if (target[0] == '/')
		snprintf(tmp, sizeof(tmp), "%s", target + 1);
	else if ((slash = strrchr(base, '/')) != NULL)
		snprintf(tmp, sizeof(tmp), "%.*s/%s", (int)(slash - base), base,
		    target);
	else
		snprintf(tmp, sizeof(tmp), "%s", target);
	for (seg = strtok_r(tmp, "/", &save); seg; seg = strtok_r(NULL, "/",
	    &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			if (n == 0)
				return -1;
			n--;
			continue;
		}
		if (n == 64)
			return -1;
		parts[n++] = seg;
	}
	if (n == 0)
		return -1;
	out[0] = '\0';
	for (i = 0, len = 0; i < n; i++) {
		len += strlen(parts[i]) + (i > 0);
		if (len >= outlen)
			return -1;
		if (i > 0)
			strcat(out, "/");
		strcat(out, parts[i]);
	}
	return 0;
}

/* ---- parts ---------------------------------------------------------- */

/*
 * Streams part name through parser p, at most limit inflated bytes.
 * Returns 0 parsed, 1 no such part, -1 error (message set).
 */
static int
parse_part(struct xlsxr *x, const char *name, size_t limit, XML_Parser p)
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
		fail(x, "%s: entri ZIP rusak", name);
		return -1;
	}
	if (fi.flag & 1) {
		fail(x, "%s: file terenkripsi (berkata sandi); simpan ulang "
		    "tanpa kata sandi", name);
		return -1;
	}
	if (fi.uncompressed_size > limit) {
		fail(x, "%s: lebih dari %zu MiB setelah diekstrak", name,
		    limit >> 20);
		return -1;
	}
	if (unzOpenCurrentFile(x->uf) != UNZ_OK) {
		fail(x, "%s: entri ZIP tidak bisa dibuka (metode kompresi "
		    "tidak didukung atau rusak)", name);
		return -1;
	}
	if ((chunk = malloc(CHUNK)) == NULL) {
		fail(x, "memori tidak cukup");
		goto out;
	}
	do {
		if ((n = unzReadCurrentFile(x->uf, chunk, CHUNK)) < 0) {
			fail(x, "%s: data ZIP rusak", name);
			goto out;
		}
		/* The header's size may lie: count what really comes out. */
		if ((total += (size_t)n) > limit) {
			fail(x, "%s: lebih dari %zu MiB setelah diekstrak",
			    name, limit >> 20);
			goto out;
		}
		if (XML_Parse(p, chunk, n, n == 0) != XML_STATUS_OK) {
			fail(x, "%s: XML rusak pada baris %lu: %s", name,
			    (unsigned long)XML_GetCurrentLineNumber(p),
			    XML_ErrorString(XML_GetErrorCode(p)));
			goto out;
		}
	} while (n > 0);
	if (unzCloseCurrentFile(x->uf) != UNZ_OK) {
		fail(x, "%s: data ZIP rusak (CRC salah)", name);
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
	struct xlsxr	*x = arg;

	(void)name;
	(void)sys;
	(void)pub;
	(void)internal;
	fail(x, "%s: DTD tidak diizinkan di file .xlsx", x->part);
	XML_StopParser(x->cp, XML_FALSE);
}

/* A parser whose handlers get x; a DTD stops it. */
static XML_Parser
new_parser(struct xlsxr *x, XML_StartElementHandler start,
    XML_EndElementHandler end, XML_CharacterDataHandler text)
{
	XML_Parser	 p;

	if ((p = XML_ParserCreate("UTF-8")) == NULL) {
		fail(x, "memori tidak cukup");
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
static void
stop(struct xlsxr *x)
{
	XML_StopParser(x->cp, XML_FALSE);
}

/* Runs one whole metadata part; 0, 1 missing, -1 error. */
static int
run_part(struct xlsxr *x, const char *name, size_t limit,
    XML_StartElementHandler start, XML_EndElementHandler end,
    XML_CharacterDataHandler text)
{
	XML_Parser	 p;
	int		 rc;

	if ((p = new_parser(x, start, end, text)) == NULL)
		return -1;
	x->cp = p;
	rc = parse_part(x, name, limit, p);
	XML_ParserFree(p);
	return x->failed ? -1 : rc;
}

/* ---- rels, workbook, styles ----------------------------------------- */

static void XMLCALL
rels_start(void *arg, const XML_Char *name, const XML_Char **atts)
{
	struct xlsxr	*x = arg;
	struct rel	*r;
	const char	*id, *type, *target;

	if (strcmp(local(name), "Relationship") != 0 || x->failed)
		return;
	if ((id = attr(atts, "Id")) == NULL ||
	    (type = attr(atts, "Type")) == NULL ||
	    (target = attr(atts, "Target")) == NULL)
		return;
	if (x->nrels == MAX_RELS) {
		fail(x, "%s: lebih dari %d relasi", x->part, MAX_RELS);
		return;
	}
	r = &x->rels[x->nrels++];
	snprintf(r->id, sizeof(r->id), "%s", id);
	snprintf(r->type, sizeof(r->type), "%s", type);
	snprintf(r->target, sizeof(r->target), "%s", target);
}

static int
read_rels(struct xlsxr *x, const char *name)
{
	x->nrels = 0;
	return run_part(x, name, XLSXR_MAX_META, rels_start, NULL, NULL);
}

static void XMLCALL
wb_start(void *arg, const XML_Char *name, const XML_Char **atts)
{
	struct xlsxr	*x = arg;
	const char	*n = local(name), *v;

	if (strcmp(n, "workbookPr") == 0 && (v = attr(atts, "date1904")) &&
	    (strcmp(v, "1") == 0 || strcmp(v, "true") == 0))
		x->date1904 = 1;
	if (strcmp(n, "sheet") == 0 && x->nsheets++ == 0 &&
	    (v = attr(atts, "id")) != NULL)
		snprintf(x->sheet_rid, sizeof(x->sheet_rid), "%s", v);
}

static int
builtin_date(int id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) ||
	    (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/* A custom format code is a date when d, m, y, h or s stay outside
   quoted text, [...] sections and escaped characters. */
static int
code_is_date(const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '"':
			while (s[1] && s[1] != '"')
				s++;
			if (s[1])
				s++;
			break;
		case '[':
			while (s[1] && s[1] != ']')
				s++;
			if (s[1])
				s++;
			break;
		case '\\': case '_': case '*':
			if (s[1])
				s++;
			break;
		case ';':
			return 0;	/* only the first section counts */
		default:
			if (strchr("dDmMyYhHsS", *s))
				return 1;
		}
	}
	return 0;
}

static int
fmt_is_date(struct xlsxr *x, int id)
{
	int	 i;

	for (i = 0; i < x->nfmt; i++)
		if (x->fmtid[i] == id)
			return x->fmtdate[i];
	return builtin_date(id);
}

static void XMLCALL
styles_start(void *arg, const XML_Char *name, const XML_Char **atts)
{
	struct xlsxr	*x = arg;
	const char	*n = local(name), *id, *code;

	if (x->failed)
		return;
	if (strcmp(n, "cellXfs") == 0)
		x->in_cellxfs = 1;
	else if (strcmp(n, "numFmt") == 0) {
		if ((id = attr(atts, "numFmtId")) == NULL ||
		    (code = attr(atts, "formatCode")) == NULL)
			return;
		if (x->nfmt == XLSXR_MAX_STYLES) {
			fail(x, "%s: terlalu banyak format angka", x->part);
			return;
		}
		x->fmtid[x->nfmt] = atoi(id);
		x->fmtdate[x->nfmt++] = (unsigned char)code_is_date(code);
	} else if (strcmp(n, "xf") == 0 && x->in_cellxfs) {
		if (x->nxf == XLSXR_MAX_STYLES) {
			fail(x, "%s: terlalu banyak gaya sel", x->part);
			return;
		}
		id = attr(atts, "numFmtId");
		x->xfdate[x->nxf++] = (unsigned char)fmt_is_date(x,
		    id ? atoi(id) : 0);
	}
}

static void XMLCALL
styles_end(void *arg, const XML_Char *name)
{
	struct xlsxr	*x = arg;

	if (strcmp(local(name), "cellXfs") == 0)
		x->in_cellxfs = 0;
}

/* ---- shared strings -------------------------------------------------- */

static void XMLCALL
sst_start(void *arg, const XML_Char *name, const XML_Char **atts)
{
	struct xlsxr	*x = arg;
	const char	*n = local(name);

	(void)atts;
	if (strcmp(n, "si") == 0) {
		x->in_si = 1;
		buf_reset(&x->text);
	} else if (strcmp(n, "rPh") == 0)
		x->in_rph = 1;
	else if (strcmp(n, "t") == 0)
		x->in_t = 1;
}

static void XMLCALL
sst_end(void *arg, const XML_Char *name)
{
	struct xlsxr	*x = arg;
	const char	*n = local(name);
	size_t		*grown;

	if (strcmp(n, "t") == 0)
		x->in_t = 0;
	else if (strcmp(n, "rPh") == 0)
		x->in_rph = 0;
	else if (strcmp(n, "si") == 0 && x->in_si && !x->failed) {
		x->in_si = 0;
		if (x->nsst == XLSXR_MAX_STRINGS) {
			fail(x, "%s: lebih dari %d teks", x->part,
			    XLSXR_MAX_STRINGS);
			stop(x);
			return;
		}
		if (x->pool.n + x->text.n + 1 > XLSXR_MAX_SST_BYTES) {
			fail(x, "%s: teks lebih dari %zu MiB", x->part,
			    XLSXR_MAX_SST_BYTES >> 20);
			stop(x);
			return;
		}
		if (x->nsst == x->capsst) {
			x->capsst = x->capsst ? x->capsst * 2 : 1024;
			if ((grown = realloc(x->sst, x->capsst *
			    sizeof(*grown))) == NULL) {
				fail(x, "memori tidak cukup");
				stop(x);
				return;
			}
			x->sst = grown;
		}
		x->sst[x->nsst++] = x->pool.n;
		buf_add(&x->pool, x->text.p ? x->text.p : "", x->text.n);
		buf_addc(&x->pool, '\0');
		if (x->pool.oom) {
			fail(x, "memori tidak cukup");
			stop(x);
		}
	}
}

/* Appends character data to the current text, bounded. */
static void
collect(struct xlsxr *x, const XML_Char *s, int len)
{
	if (x->failed)
		return;
	if (x->text.n + (size_t)len > XLSXR_MAX_CELL) {
		if (x->in_row)
			fail(x, "sel berisi lebih dari %d byte teks",
			    XLSXR_MAX_CELL);
		else
			fail(x, "%s: teks lebih dari %d byte", x->part,
			    XLSXR_MAX_CELL);
		stop(x);
		return;
	}
	buf_add(&x->text, s, (size_t)len);
}

static void XMLCALL
sst_text(void *arg, const XML_Char *s, int len)
{
	struct xlsxr	*x = arg;

	if (x->in_si && x->in_t && !x->in_rph)
		collect(x, s, len);
}

static int
read_sst(struct xlsxr *x)
{
	XML_Parser	 p;
	int		 rc;

	if ((p = new_parser(x, sst_start, sst_end, sst_text)) == NULL)
		return -1;
	x->cp = p;
	rc = parse_part(x, x->sstpath, XLSXR_MAX_PART, p);
	XML_ParserFree(p);
	buf_reset(&x->text);
	return x->failed ? -1 : rc;
}

/* ---- the sheet -------------------------------------------------------- */

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
		if ((n = n * 10 + (*r - '0')) > XLSXR_MAX_ROWS)
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
serial_date(struct xlsxr *x, double v, char *out, size_t len)
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
cell_done(struct xlsxr *x)
{
	const char	*raw, *val;
	char		 num[64], cn[4], *end;
	double		 v;
	long		 idx;
	int		 type = XLSXR_T_TEXT;

	buf_addc(&x->text, '\0');
	if (x->text.oom) {
		fail(x, "memori tidak cukup");
		stop(x);
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
			fail(x, "sel %s%d: teks bersama nomor \"%.20s\" tidak "
			    "ada", col_name(x->col, cn), x->row, raw);
			stop(x);
			return;
		}
		val = x->pool.p + x->sst[idx];
		break;
	case CT_BOOL:
		type = XLSXR_T_BOOL;
		val = strcmp(raw, "1") == 0 ? "TRUE" : raw[0] ? "FALSE" : "";
		break;
	case CT_ERR:
		type = XLSXR_T_ERROR;
		break;
	case CT_NUM:
		if (raw[0] == '\0')
			break;
		type = XLSXR_T_NUMBER;
		errno = 0;
		v = strtod(raw, &end);
		if (*end || errno == ERANGE || !isfinite(v)) {
			fail(x, "sel %s%d: angka \"%.20s\" tidak valid",
			    col_name(x->col, cn), x->row, raw);
			stop(x);
			return;
		}
		if (x->cstyle >= 0 && x->cstyle < x->nxf &&
		    x->xfdate[x->cstyle] && serial_date(x, v, num,
		    sizeof(num)) == 0) {
			type = XLSXR_T_DATE;
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
	if (x->rowbuf.n + strlen(val) + 1 > XLSXR_MAX_ROW_BYTES) {
		fail(x, "baris berisi lebih dari %zu KiB teks",
		    XLSXR_MAX_ROW_BYTES >> 10);
		stop(x);
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
	struct xlsxr	*x = arg;
	const char	*n = local(name), *v;
	char		 cn[4];
	int		 col, row;
	long		 l;

	if (x->failed)
		return;
	if (strcmp(n, "row") == 0) {
		if (x->in_row) {
			fail(x, "%s: <row> di dalam <row>", x->part);
			stop(x);
			return;
		}
		row = x->lastrow + 1;
		if ((v = attr(atts, "r")) != NULL) {
			l = strtol(v, NULL, 10);
			row = l > 0 && l <= XLSXR_MAX_ROWS ? (int)l : -1;
		}
		if (row <= x->lastrow || row > XLSXR_MAX_ROWS) {
			fail(x, "%s: nomor baris \"%.12s\" tidak valid atau "
			    "tidak berurutan (sesudah baris %d)", x->part,
			    v ? v : "", x->lastrow);
			stop(x);
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
		if ((v = attr(atts, "r")) != NULL) {
			if (ref_col(v, &col, &row) == -1 ||
			    (row != 0 && row != x->row)) {
				fail(x, "sel \"%.12s\": alamat sel tidak valid",
				    v);
				stop(x);
				return;
			}
		}
		if (col <= x->lastcol) {
			fail(x, "sel %s%d: sel tidak berurutan",
			    col_name(col < 702 ? col : 0, cn), x->row);
			stop(x);
			return;
		}
		if (col >= XLSXR_MAX_COLS) {
			fail(x, "sel di kolom ke-%d: lebih dari %d kolom",
			    col + 1, XLSXR_MAX_COLS);
			stop(x);
			return;
		}
		x->col = col;
		x->lastcol = col;
		x->nextcol = col + 1;
		v = attr(atts, "t");
		x->ctype = v == NULL || strcmp(v, "n") == 0 ? CT_NUM :
		    strcmp(v, "s") == 0 ? CT_SST : strcmp(v, "inlineStr") == 0 ?
		    CT_INLINE : strcmp(v, "b") == 0 ? CT_BOOL :
		    strcmp(v, "e") == 0 ? CT_ERR : CT_STR;	/* str, d */
		x->cstyle = (v = attr(atts, "s")) ? atoi(v) : -1;
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
	struct xlsxr	*x = arg;
	const char	*n = local(name);
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
				fail(x, "memori tidak cukup");
				stop(x);
			}
			return;
		}
		for (i = 0; i < x->ncells; i++) {
			x->cells[i] = x->has[i] ? x->rowbuf.p + x->off[i] :
			    (char *)"";
			if (!x->has[i])
				x->types[i] = XLSXR_T_TEXT;
		}
		/* Hand the row to xlsxr_next; parsing resumes there. */
		XML_StopParser(x->sp, XML_TRUE);
	}
}

static void XMLCALL
sheet_text(void *arg, const XML_Char *s, int len)
{
	struct xlsxr	*x = arg;

	if (x->collect)
		collect(x, s, len);
}

/* ---- open ------------------------------------------------------------ */

int
xlsxr_is_zip(const char *data, size_t n)
{
	return n >= 4 && memcmp(data, "PK\003\004", 4) == 0;
}

static const struct rel *
rel_by_type(struct xlsxr *x, const char *suffix)
{
	int	 i;

	for (i = 0; i < x->nrels; i++)
		if (ends_with(x->rels[i].type, suffix))
			return &x->rels[i];
	return NULL;
}

/* "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels" */
static void
rels_name(const char *part, char *out, size_t len)
{
	const char	*slash = strrchr(part, '/');

	if (slash)
		snprintf(out, len, "%.*s/_rels/%s.rels", (int)(slash - part),
		    part, slash + 1);
	else
		snprintf(out, len, "_rels/%s.rels", part);
}

/* Maps the package; 0 or -1 with the message set. */
static int
map_package(struct xlsxr *x)
{
	zlib_filefunc64_def ff;
	unz_global_info64 gi;
	const struct rel *r;
	char		 name[PATH_MAX_XL + 16];
	int		 i, rc;

	memset(&ff, 0, sizeof(ff));
	ff.zopen64_file = mem_open;
	ff.zread_file = mem_read;
	ff.zwrite_file = mem_write;
	ff.ztell64_file = mem_tell;
	ff.zseek64_file = mem_seek;
	ff.zclose_file = mem_close;
	ff.zerror_file = mem_error;
	ff.opaque = &x->mf;
	if ((x->uf = unzOpen2_64("mem", &ff)) == NULL) {
		fail(x, "bukan file .xlsx yang bisa dibaca (arsip ZIP rusak "
		    "atau terpotong)");
		return -1;
	}
	if (unzGetGlobalInfo64(x->uf, &gi) != UNZ_OK ||
	    gi.number_entry > XLSXR_MAX_ENTRIES) {
		fail(x, "arsip ZIP berisi lebih dari %d entri", XLSXR_MAX_ENTRIES);
		return -1;
	}
	if ((x->rels = calloc(MAX_RELS, sizeof(*x->rels))) == NULL) {
		fail(x, "memori tidak cukup");
		return -1;
	}
	/* Package rels name the workbook; fall back to the usual name. */
	if ((rc = read_rels(x, "_rels/.rels")) == -1)
		return -1;
	snprintf(x->wbpath, sizeof(x->wbpath), "xl/workbook.xml");
	if (rc == 0 && (r = rel_by_type(x, "/officeDocument")) != NULL &&
	    resolve("", r->target, x->wbpath, sizeof(x->wbpath)) == -1) {
		fail(x, "_rels/.rels: alamat workbook tidak valid");
		return -1;
	}
	if ((rc = run_part(x, x->wbpath, XLSXR_MAX_META, wb_start, NULL,
	    NULL)) != 0) {
		if (rc == 1)
			fail(x, "bukan file .xlsx: %s tidak ada (simpan dari "
			    "Excel sebagai \"Excel Workbook (.xlsx)\")",
			    x->wbpath);
		return -1;
	}
	if (x->nsheets == 0 || x->sheet_rid[0] == '\0') {
		fail(x, "%s: workbook tidak berisi sheet", x->wbpath);
		return -1;
	}
	rels_name(x->wbpath, name, sizeof(name));
	if ((rc = read_rels(x, name)) != 0) {
		if (rc == 1)
			fail(x, "%s tidak ada", name);
		return -1;
	}
	for (i = 0; i < x->nrels; i++)
		if (strcmp(x->rels[i].id, x->sheet_rid) == 0)
			break;
	if (i == x->nrels || resolve(x->wbpath, x->rels[i].target,
	    x->sheetpath, sizeof(x->sheetpath)) == -1) {
		fail(x, "%s: sheet pertama (%s) tidak ditemukan", name,
		    x->sheet_rid);
		return -1;
	}
	if ((r = rel_by_type(x, "/sharedStrings")) != NULL &&
	    resolve(x->wbpath, r->target, x->sstpath, sizeof(x->sstpath)) == -1)
		x->sstpath[0] = '\0';
	if ((r = rel_by_type(x, "/styles")) != NULL &&
	    resolve(x->wbpath, r->target, x->stylespath,
	    sizeof(x->stylespath)) == -1)
		x->stylespath[0] = '\0';
	free(x->rels);
	x->rels = NULL;

	if (x->stylespath[0]) {
		if ((x->xfdate = calloc(XLSXR_MAX_STYLES, 1)) == NULL ||
		    (x->fmtid = calloc(XLSXR_MAX_STYLES, sizeof(int))) == NULL ||
		    (x->fmtdate = calloc(XLSXR_MAX_STYLES, 1)) == NULL) {
			fail(x, "memori tidak cukup");
			return -1;
		}
		if (run_part(x, x->stylespath, XLSXR_MAX_META, styles_start,
		    styles_end, NULL) == -1)
			return -1;
	}
	if (x->sstpath[0] && read_sst(x) == -1)
		return -1;
	return 0;
}

struct xlsxr *
xlsxr_open(const char *data, size_t n)
{
	struct xlsxr	*x;

	if ((x = calloc(1, sizeof(*x))) == NULL)
		return NULL;
	x->mf.p = data;
	x->mf.n = n;
	if (map_package(x) == -1)
		return x;
	x->part = x->sheetpath;
	if ((x->chunk = malloc(CHUNK)) == NULL) {
		fail(x, "memori tidak cukup");
		return x;
	}
	if ((x->sp = new_parser(x, sheet_start, sheet_end, sheet_text)) == NULL)
		return x;
	return x;
}

void
xlsxr_close(struct xlsxr *x)
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
open_sheet(struct xlsxr *x)
{
	unz_file_info64	 fi;

	if (unzLocateFile(x->uf, x->sheetpath, 2) != UNZ_OK) {
		fail(x, "%s tidak ada di dalam file", x->sheetpath);
		return -1;
	}
	if (unzGetCurrentFileInfo64(x->uf, &fi, NULL, 0, NULL, 0, NULL,
	    0) != UNZ_OK || (fi.flag & 1) || unzOpenCurrentFile(x->uf) !=
	    UNZ_OK) {
		fail(x, "%s: entri ZIP tidak bisa dibaca (rusak atau "
		    "terenkripsi)", x->sheetpath);
		return -1;
	}
	x->opened = 1;
	if (fi.uncompressed_size > XLSXR_MAX_PART) {
		fail(x, "%s: lebih dari %zu MiB setelah diekstrak",
		    x->sheetpath, XLSXR_MAX_PART >> 20);
		return -1;
	}
	x->opened = 1;
	return 0;
}

int
xlsxr_next(struct xlsxr *x, char ***cells, const int **types, int *ncells,
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
				fail(x, "%s: data ZIP rusak", x->sheetpath);
				goto err;
			}
			if ((x->inflated += (size_t)n) > XLSXR_MAX_PART) {
				fail(x, "%s: lebih dari %zu MiB setelah "
				    "diekstrak", x->sheetpath,
				    XLSXR_MAX_PART >> 20);
				goto err;
			}
			x->final_fed = n == 0;
			st = XML_Parse(x->sp, x->chunk, n, n == 0);
		}
		if (x->failed)
			goto err;
		if (st == XML_STATUS_ERROR) {
			fail(x, "%s: XML rusak pada baris %lu: %s",
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
				fail(x, "%s: data ZIP rusak (CRC salah)",
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
