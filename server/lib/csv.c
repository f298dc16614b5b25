/* csv: RFC 4180 writer and bounded pull reader. See csv.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "utf8.h"

struct csv_reader {
	const char	*data;
	size_t		 n;
	size_t		 pos;
	int		 line;		/* physical line at pos, 1-based */
	char		 delim;
	const char	*err;		/* sticky error */
	int		 errline;
	char		*fields[CSV_MAX_FIELDS];
	char		*store;		/* CSV_MAX_FIELDS * (CSV_MAX_FIELD + 1) */
	size_t		 used;
	int		 bad_utf8;	/* this record has invalid UTF-8 */
};

#define STORE_SIZE	((size_t)CSV_MAX_FIELDS * (CSV_MAX_FIELD + 1))

static const char E_QUOTE[] = "tanda kutip (\") tidak ditutup";
static const char E_AFTER[] = "ada teks setelah tanda kutip penutup";
static const char E_NFIELDS[] = "terlalu banyak kolom (maksimal 64)";
static const char E_LONG[] = "isian terlalu panjang (maksimal 4096 byte)";
static const char E_UTF8[] = "bukan teks UTF-8 yang sah "
    "(simpan ulang sebagai \"CSV UTF-8\")";
static const char E_NUL[] = "berkas berisi byte NUL (bukan berkas teks)";
static const char E_BIG[] = "berkas terlalu besar (maksimal 64 MiB)";

void
csv_field(struct buf *b, const char *s, int first)
{
	size_t	 len;
	int	 guard, quote;
	const char *p;

	if (!first)
		buf_addc(b, ',');
	if (s == NULL || *s == '\0')
		return;
	len = strlen(s);
	guard = strchr("=+-@\t\r", s[0]) != NULL;
	/* With the guard the apostrophe is first, so a leading TAB no
	 * longer counts as leading space. */
	/* A value starting with a BOM would lose it when it opens a file. */
	quote = strpbrk(s, ",;\"\r\n") != NULL ||
	    strncmp(s, "\xEF\xBB\xBF", 3) == 0 ||
	    (!guard && (s[0] == ' ' || s[0] == '\t')) ||
	    s[len - 1] == ' ' || s[len - 1] == '\t';
	if (quote)
		buf_addc(b, '"');
	if (guard)
		buf_addc(b, '\'');
	if (!quote) {
		buf_add(b, s, len);
		return;
	}
	while ((p = strchr(s, '"')) != NULL) {
		buf_add(b, s, (size_t)(p - s) + 1);
		buf_addc(b, '"');
		s = p + 1;
	}
	buf_adds(b, s);
	buf_addc(b, '"');
}

void
csv_num(struct buf *b, double v, int first)
{
	if (!first)
		buf_addc(b, ',');
	if (isfinite(v))
		buf_addf(b, "%.15g", v);
}

void
csv_end(struct buf *b)
{
	buf_add(b, "\r\n", 2);
}

/* Delimiter of the header line: the most frequent of ',', ';' and TAB
   (text copied out of Excel); ',' on a tie. */
static char
detect_delim(const char *p, size_t n)
{
	size_t	 i, commas = 0, semis = 0, tabs = 0;
	int	 inq = 0;

	for (i = 0; i < n; i++) {
		if (p[i] == '"')
			inq = !inq;
		else if (inq)
			continue;
		else if (p[i] == '\n' || p[i] == '\r')
			break;
		else if (p[i] == ',')
			commas++;
		else if (p[i] == ';')
			semis++;
		else if (p[i] == '\t')
			tabs++;
	}
	if (tabs > commas && tabs > semis)
		return '\t';
	return semis > commas ? ';' : ',';
}

struct csv_reader *
csv_open(const char *data, size_t n)
{
	struct csv_reader *r;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		return NULL;
	if ((r->store = malloc(STORE_SIZE)) == NULL) {
		free(r);
		return NULL;
	}
	r->data = data;
	r->n = n;
	r->line = 1;
	if (n > CSV_MAX_INPUT) {
		r->err = E_BIG;
		r->errline = 1;
		return r;
	}
	if (n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		r->pos = 3;
	r->delim = detect_delim(data + r->pos, n - r->pos);
	return r;
}

void
csv_close(struct csv_reader *r)
{
	if (r == NULL)
		return;
	free(r->store);
	free(r);
}

/* Consume the line break at pos (LF, CRLF or lone CR). */
static void
eat_newline(struct csv_reader *r)
{
	if (r->data[r->pos] == '\r' && r->pos + 1 < r->n &&
	    r->data[r->pos + 1] == '\n')
		r->pos++;
	r->pos++;
	r->line++;
}

static int
fail(struct csv_reader *r, int line, const char *msg)
{
	r->err = msg;
	r->errline = line;
	return -1;
}

/* Parse one field at pos into the store; 0 ok, -1 error set. */
static int
read_field(struct csv_reader *r, int start_line, size_t fstart)
{
	const char *d = r->data;
	char	 c;

	if (r->pos < r->n && d[r->pos] == '"') {
		r->pos++;
		for (;;) {
			if (r->pos >= r->n)
				return fail(r, start_line, E_QUOTE);
			c = d[r->pos];
			if (c == '"') {
				if (r->pos + 1 < r->n && d[r->pos + 1] == '"')
					r->pos++;
				else {
					r->pos++;
					break;
				}
			} else if (c == '\0')
				return fail(r, start_line, E_NUL);
			else if (c == '\n' || (c == '\r' &&
			    (r->pos + 1 >= r->n || d[r->pos + 1] != '\n')))
				r->line++;
			if (r->used - fstart >= CSV_MAX_FIELD)
				return fail(r, start_line, E_LONG);
			r->store[r->used++] = c;
			r->pos++;
		}
		if (r->pos < r->n && d[r->pos] != r->delim &&
		    d[r->pos] != '\r' && d[r->pos] != '\n')
			return fail(r, start_line,
			    d[r->pos] == '\0' ? E_NUL : E_AFTER);
	} else {
		while (r->pos < r->n && (c = d[r->pos]) != r->delim &&
		    c != '\r' && c != '\n') {
			if (c == '\0')
				return fail(r, start_line, E_NUL);
			if (r->used - fstart >= CSV_MAX_FIELD)
				return fail(r, start_line, E_LONG);
			r->store[r->used++] = c;
			r->pos++;
		}
	}
	/* Not fatal: the record is read to its end and reported, so a
	   Windows-1252 file gets every bad line listed at once. */
	if (utf8_prefix(r->store + fstart, r->used - fstart, 1) !=
	    r->used - fstart)
		r->bad_utf8 = 1;
	r->store[r->used++] = '\0';
	return 0;
}

int
csv_next(struct csv_reader *r, char ***fields, int *nfields, int *line,
    const char **msg)
{
	int	 nf = 0, start_line;
	size_t	 fstart;

	*fields = NULL;
	*nfields = 0;
	*msg = NULL;
	if (r->err != NULL)
		goto err;
	while (r->pos < r->n &&
	    (r->data[r->pos] == '\n' || r->data[r->pos] == '\r'))
		eat_newline(r);
	if (r->pos >= r->n)
		return 0;
	start_line = *line = r->line;
	r->used = 0;
	r->bad_utf8 = 0;
	for (;;) {
		if (nf == CSV_MAX_FIELDS) {
			fail(r, start_line, E_NFIELDS);
			goto err;
		}
		fstart = r->used;
		if (read_field(r, start_line, fstart) == -1)
			goto err;
		r->fields[nf++] = r->store + fstart;
		if (r->pos >= r->n)
			break;
		if (r->data[r->pos] == r->delim) {
			r->pos++;
			continue;
		}
		eat_newline(r);
		break;
	}
	*fields = r->fields;
	*nfields = nf;
	if (r->bad_utf8) {
		*msg = E_UTF8;
		return 2;
	}
	return 1;
err:
	*line = r->errline;
	*msg = r->err;
	return -1;
}
