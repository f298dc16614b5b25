/* multipart: strict multipart/form-data parser. See multipart.h. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "multipart.h"

/* First needle in hay[0..n), or NULL (memmem is a GNU extension). */
static const char *
find(const char *hay, size_t n, const char *needle, size_t k)
{
	const char	*p, *end = hay + n;

	for (p = hay; k <= (size_t)(end - p); p++) {
		if ((p = memchr(p, needle[0], (size_t)(end - p) - k + 1)) == NULL)
			return NULL;
		if (memcmp(p, needle, k) == 0)
			return p;
	}
	return NULL;
}

static int
bchar(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || (c != '\0' && strchr("'()+_,-./:=? ",
	    c) != NULL);
}

int
multipart_boundary(const char *ct, char *out, size_t outlen)
{
	const char	*p, *v;
	size_t		 n, i;

	if (ct == NULL || strncasecmp(ct, "multipart/form-data", 19) != 0)
		return -1;
	for (p = ct + 19; (p = strchr(p, ';')) != NULL; ) {
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, "boundary=", 9) == 0)
			break;
	}
	if (p == NULL)
		return -1;
	v = p + 9;
	if (*v == '"') {
		v++;
		if ((p = strchr(v, '"')) == NULL)
			return -1;
		n = (size_t)(p - v);
	} else
		n = strcspn(v, "; \t");
	if (n == 0 || n > MP_BOUNDARY_MAX || n >= outlen || v[n - 1] == ' ')
		return -1;
	for (i = 0; i < n; i++)
		if (!bchar((unsigned char)v[i]))
			return -1;
	memcpy(out, v, n);
	out[n] = '\0';
	return 0;
}

/* Value of parameter key in a Content-Disposition line: 1 found. */
static int
param(const char *line, size_t len, const char *key, char *out,
    size_t outlen)
{
	const char	*p = line, *end = line + len, *v;
	size_t		 klen = strlen(key), n;

	while (p < end) {
		if ((p = memchr(p, ';', (size_t)(end - p))) == NULL)
			return 0;
		p++;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if ((size_t)(end - p) <= klen || strncasecmp(p, key, klen) != 0 ||
		    p[klen] != '=')
			continue;
		v = p + klen + 1;
		if (v < end && *v == '"') {
			v++;
			if ((p = memchr(v, '"', (size_t)(end - v))) == NULL)
				return -1;
			n = (size_t)(p - v);
		} else {
			for (p = v; p < end && *p != ';' && *p != ' '; p++)
				;
			n = (size_t)(p - v);
		}
		if (n >= outlen)
			return -1;
		memcpy(out, v, n);
		out[n] = '\0';
		return 1;
	}
	return 0;
}

/* Header lines of one part, from *pos to the blank line. */
static int
part_headers(const char *b, size_t n, size_t *pos, struct mp_part *pt)
{
	const char	*line, *eol;
	char		 fname[MP_MAX_LINE];
	size_t		 len;
	int		 i, seen = 0;

	for (i = 0; ; i++) {
		line = b + *pos;
		if ((eol = find(line, n - *pos, "\r\n", 2)) == NULL)
			return -1;
		len = (size_t)(eol - line);
		*pos += len + 2;
		if (len == 0)
			break;
		if (i == MP_MAX_HEADERS || len > MP_MAX_LINE ||
		    memchr(line, '\0', len) != NULL)
			return -1;
		if (len < 20 || strncasecmp(line, "Content-Disposition:", 20) != 0)
			continue;
		if (seen++)
			return -1;
		line += 20;
		len -= 20;
		while (len > 0 && (*line == ' ' || *line == '\t')) {
			line++;
			len--;
		}
		if (len < 9 || strncasecmp(line, "form-data", 9) != 0)
			return -1;
		if (param(line, len, "name", pt->name, sizeof(pt->name)) != 1 ||
		    pt->name[0] == '\0')
			return -1;
		if ((pt->has_filename = param(line, len, "filename", fname,
		    sizeof(fname))) == -1)
			return -1;
		if (pt->has_filename)
			snprintf(pt->filename, sizeof(pt->filename), "%s", fname);
	}
	return seen ? 0 : -1;
}

int
multipart_parse(const char *b, size_t n, const char *boundary,
    struct multipart *mp)
{
	char		 delim[MP_BOUNDARY_MAX + 5];
	const char	*end;
	size_t		 dlen, pos;
	struct mp_part	*pt;

	memset(mp, 0, sizeof(*mp));
	dlen = strlen(boundary);
	if (dlen == 0 || dlen > MP_BOUNDARY_MAX)
		return -1;
	/* "\r\n--boundary": the first one has no CRLF before it. */
	memcpy(delim, "\r\n--", 4);
	memcpy(delim + 4, boundary, dlen);
	dlen += 4;
	if (n < dlen - 2 || memcmp(b, delim + 2, dlen - 2) != 0)
		return -1;
	pos = dlen - 2;
	for (;;) {
		if (n - pos >= 2 && memcmp(b + pos, "--", 2) == 0)
			return 0;
		if (n - pos < 2 || memcmp(b + pos, "\r\n", 2) != 0 ||
		    mp->n == MP_MAX_PARTS)
			return -1;
		pos += 2;
		pt = &mp->part[mp->n];
		if (part_headers(b, n, &pos, pt) == -1)
			return -1;
		if ((end = find(b + pos, n - pos, delim, dlen)) == NULL)
			return -1;
		pt->data = b + pos;
		pt->len = (size_t)(end - (b + pos));
		mp->n++;
		pos = (size_t)(end - b) + dlen;
	}
}

const struct mp_part *
multipart_get(const struct multipart *mp, const char *name)
{
	int	 i;

	for (i = 0; i < mp->n; i++)
		if (strcmp(mp->part[i].name, name) == 0)
			return &mp->part[i];
	return NULL;
}
