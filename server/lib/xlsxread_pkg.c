/*
 * xlsxread_pkg: the package around the sheet: the caller's buffer as a
 * minizip file, rels (officeDocument -> workbook -> first sheet, shared
 * strings, styles), the 1904 flag, which cell styles are dates, and the
 * shared strings. See xlsxread.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsxread_int.h"

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
	for (i = 0, len = 0; i < n; i++) {
		size_t	 k = strlen(parts[i]);

		if (len + k + (i > 0) >= outlen)
			return -1;
		if (i > 0)
			out[len++] = '/';
		memcpy(out + len, parts[i], k);
		len += k;
	}
	out[len] = '\0';
	return 0;
}

/* Runs one whole metadata part; 0, 1 missing, -1 error. */
static int
run_part(struct xlsxread *x, const char *name, size_t limit,
    XML_StartElementHandler start, XML_EndElementHandler end,
    XML_CharacterDataHandler text)
{
	XML_Parser	 p;
	int		 rc;

	if ((p = xlsxread_parser(x, start, end, text)) == NULL)
		return -1;
	x->cp = p;
	rc = xlsxread_part(x, name, limit, p);
	XML_ParserFree(p);
	return x->failed ? -1 : rc;
}

static void XMLCALL
rels_start(void *arg, const XML_Char *name, const XML_Char **atts)
{
	struct xlsxread	*x = arg;
	struct rel	*r;
	const char	*id, *type, *target;

	if (strcmp(xlsxread_local(name), "Relationship") != 0 || x->failed)
		return;
	if ((id = xlsxread_attr(atts, "Id")) == NULL ||
	    (type = xlsxread_attr(atts, "Type")) == NULL ||
	    (target = xlsxread_attr(atts, "Target")) == NULL)
		return;
	if (x->nrels == MAX_RELS) {
		xlsxread_fail(x, "%s: lebih dari %d relasi", x->part, MAX_RELS);
		return;
	}
	r = &x->rels[x->nrels++];
	snprintf(r->id, sizeof(r->id), "%s", id);
	snprintf(r->type, sizeof(r->type), "%s", type);
	snprintf(r->target, sizeof(r->target), "%s", target);
}

static int
read_rels(struct xlsxread *x, const char *name)
{
	x->nrels = 0;
	return run_part(x, name, XLSXREAD_MAX_META, rels_start, NULL, NULL);
}

static void XMLCALL
wb_start(void *arg, const XML_Char *name, const XML_Char **atts)
{
	struct xlsxread	*x = arg;
	const char	*n = xlsxread_local(name), *v;

	if (strcmp(n, "workbookPr") == 0 && (v = xlsxread_attr(atts, "date1904")) &&
	    (strcmp(v, "1") == 0 || strcmp(v, "true") == 0))
		x->date1904 = 1;
	if (strcmp(n, "sheet") == 0 && x->nsheets++ == 0 &&
	    (v = xlsxread_attr(atts, "id")) != NULL)
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
fmt_is_date(struct xlsxread *x, int id)
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
	struct xlsxread	*x = arg;
	const char	*n = xlsxread_local(name), *id, *code;

	if (x->failed)
		return;
	if (strcmp(n, "cellXfs") == 0)
		x->in_cellxfs = 1;
	else if (strcmp(n, "numFmt") == 0) {
		if ((id = xlsxread_attr(atts, "numFmtId")) == NULL ||
		    (code = xlsxread_attr(atts, "formatCode")) == NULL)
			return;
		if (x->nfmt == XLSXREAD_MAX_STYLES) {
			xlsxread_fail(x, "%s: terlalu banyak format angka", x->part);
			return;
		}
		x->fmtid[x->nfmt] = atoi(id);
		x->fmtdate[x->nfmt++] = (unsigned char)code_is_date(code);
	} else if (strcmp(n, "xf") == 0 && x->in_cellxfs) {
		if (x->nxf == XLSXREAD_MAX_STYLES) {
			xlsxread_fail(x, "%s: terlalu banyak gaya sel", x->part);
			return;
		}
		id = xlsxread_attr(atts, "numFmtId");
		x->xfdate[x->nxf++] = (unsigned char)fmt_is_date(x,
		    id ? atoi(id) : 0);
	}
}

static void XMLCALL
styles_end(void *arg, const XML_Char *name)
{
	struct xlsxread	*x = arg;

	if (strcmp(xlsxread_local(name), "cellXfs") == 0)
		x->in_cellxfs = 0;
}

static void XMLCALL
sst_start(void *arg, const XML_Char *name, const XML_Char **atts)
{
	struct xlsxread	*x = arg;
	const char	*n = xlsxread_local(name);

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
	struct xlsxread	*x = arg;
	const char	*n = xlsxread_local(name);
	size_t		*grown;

	if (strcmp(n, "t") == 0)
		x->in_t = 0;
	else if (strcmp(n, "rPh") == 0)
		x->in_rph = 0;
	else if (strcmp(n, "si") == 0 && x->in_si && !x->failed) {
		x->in_si = 0;
		if (x->nsst == XLSXREAD_MAX_STRINGS) {
			xlsxread_fail(x, "%s: lebih dari %d teks", x->part,
			    XLSXREAD_MAX_STRINGS);
			xlsxread_stop(x);
			return;
		}
		if (x->pool.n + x->text.n + 1 > XLSXREAD_MAX_SST_BYTES) {
			xlsxread_fail(x, "%s: teks lebih dari %zu MiB", x->part,
			    XLSXREAD_MAX_SST_BYTES >> 20);
			xlsxread_stop(x);
			return;
		}
		if (x->nsst == x->capsst) {
			x->capsst = x->capsst ? x->capsst * 2 : 1024;
			if ((grown = realloc(x->sst, x->capsst *
			    sizeof(*grown))) == NULL) {
				xlsxread_fail(x, "memori tidak cukup");
				xlsxread_stop(x);
				return;
			}
			x->sst = grown;
		}
		x->sst[x->nsst++] = x->pool.n;
		buf_add(&x->pool, x->text.p ? x->text.p : "", x->text.n);
		buf_addc(&x->pool, '\0');
		if (x->pool.oom) {
			xlsxread_fail(x, "memori tidak cukup");
			xlsxread_stop(x);
		}
	}
}

static void XMLCALL
sst_text(void *arg, const XML_Char *s, int len)
{
	struct xlsxread	*x = arg;

	if (x->in_si && x->in_t && !x->in_rph)
		xlsxread_collect(x, s, len);
}

static int
read_sst(struct xlsxread *x)
{
	XML_Parser	 p;
	int		 rc;

	if ((p = xlsxread_parser(x, sst_start, sst_end, sst_text)) == NULL)
		return -1;
	x->cp = p;
	rc = xlsxread_part(x, x->sstpath, XLSXREAD_MAX_PART, p);
	XML_ParserFree(p);
	buf_reset(&x->text);
	return x->failed ? -1 : rc;
}

static const struct rel *
rel_by_type(struct xlsxread *x, const char *suffix)
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
int
xlsxread_pkg_map(struct xlsxread *x)
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
		xlsxread_fail(x, "bukan file .xlsx yang bisa dibaca (arsip ZIP rusak "
		    "atau terpotong)");
		return -1;
	}
	if (unzGetGlobalInfo64(x->uf, &gi) != UNZ_OK ||
	    gi.number_entry > XLSXREAD_MAX_ENTRIES) {
		xlsxread_fail(x, "arsip ZIP berisi lebih dari %d entri", XLSXREAD_MAX_ENTRIES);
		return -1;
	}
	if ((x->rels = calloc(MAX_RELS, sizeof(*x->rels))) == NULL) {
		xlsxread_fail(x, "memori tidak cukup");
		return -1;
	}
	/* Package rels name the workbook; fall back to the usual name. */
	if ((rc = read_rels(x, "_rels/.rels")) == -1)
		return -1;
	snprintf(x->wbpath, sizeof(x->wbpath), "xl/workbook.xml");
	if (rc == 0 && (r = rel_by_type(x, "/officeDocument")) != NULL &&
	    resolve("", r->target, x->wbpath, sizeof(x->wbpath)) == -1) {
		xlsxread_fail(x, "_rels/.rels: alamat workbook tidak valid");
		return -1;
	}
	if ((rc = run_part(x, x->wbpath, XLSXREAD_MAX_META, wb_start, NULL,
	    NULL)) != 0) {
		if (rc == 1)
			xlsxread_fail(x, "bukan file .xlsx: %s tidak ada (simpan dari "
			    "Excel sebagai \"Excel Workbook (.xlsx)\")",
			    x->wbpath);
		return -1;
	}
	if (x->nsheets == 0 || x->sheet_rid[0] == '\0') {
		xlsxread_fail(x, "%s: workbook tidak berisi sheet", x->wbpath);
		return -1;
	}
	rels_name(x->wbpath, name, sizeof(name));
	if ((rc = read_rels(x, name)) != 0) {
		if (rc == 1)
			xlsxread_fail(x, "%s tidak ada", name);
		return -1;
	}
	for (i = 0; i < x->nrels; i++)
		if (strcmp(x->rels[i].id, x->sheet_rid) == 0)
			break;
	if (i == x->nrels || resolve(x->wbpath, x->rels[i].target,
	    x->sheetpath, sizeof(x->sheetpath)) == -1) {
		xlsxread_fail(x, "%s: sheet pertama (%s) tidak ditemukan", name,
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
		if ((x->xfdate = calloc(XLSXREAD_MAX_STYLES, 1)) == NULL ||
		    (x->fmtid = calloc(XLSXREAD_MAX_STYLES, sizeof(int))) == NULL ||
		    (x->fmtdate = calloc(XLSXREAD_MAX_STYLES, 1)) == NULL) {
			xlsxread_fail(x, "memori tidak cukup");
			return -1;
		}
		if (run_part(x, x->stylespath, XLSXREAD_MAX_META, styles_start,
		    styles_end, NULL) == -1)
			return -1;
	}
	if (x->sstpath[0] && read_sst(x) == -1)
		return -1;
	return 0;
}
