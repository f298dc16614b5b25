/* form: urlencoded form, query string and cookie parsing. See form.h. */
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "hex.h"
#include "utf8.h"

/*
 * Decode s[0..n) into d (room for n + 1 bytes) and NUL-terminate it.
 * Returns the end of the decoded string, or NULL if s is malformed.
 */
static char *
decode(const char *s, size_t n, char *d)
{
	char	*start = d;
	size_t	 i;
	int	 hi, lo;

	for (i = 0; i < n; i++) {
		if (s[i] == '+')
			*d++ = ' ';
		else if (s[i] == '%') {
			if (n - i < 3 ||
			    (hi = hex_digit((unsigned char)s[i + 1])) < 0 ||
			    (lo = hex_digit((unsigned char)s[i + 2])) < 0)
				return NULL;
			if ((*d++ = (char)(hi << 4 | lo)) == '\0')
				return NULL;
			i += 2;
		} else if (s[i] == '\0')
			return NULL;
		else
			*d++ = s[i];
	}
	*d = '\0';
	/* Strict UTF-8: later code (HTML, JSON, SQLite) may then trust it. */
	if (utf8_prefix(start, (size_t)(d - start), 1) != (size_t)(d - start))
		return NULL;
	return d;
}

int
form_parse(struct form *f, const char *s, size_t n)
{
	const char	*p, *end, *amp, *eq;
	char		*d;

	f->n = 0;
	f->mem = NULL;
	if (n > FORM_MAX_INPUT || (s == NULL && n > 0))
		return -1;
	/* Decoding never grows text; +1 per field for the extra NUL. */
	if ((f->mem = malloc(n + FORM_MAX_FIELDS + 2)) == NULL)
		return -1;
	d = f->mem;
	for (p = s, end = s + n; p < end; p = amp + 1) {
		if ((amp = memchr(p, '&', (size_t)(end - p))) == NULL)
			amp = end;
		if (amp == p)
			continue;
		if (f->n == FORM_MAX_FIELDS)
			goto err;
		if ((eq = memchr(p, '=', (size_t)(amp - p))) == NULL)
			eq = amp;
		f->f[f->n].name = d;
		if ((d = decode(p, (size_t)(eq - p), d)) == NULL)
			goto err;
		f->f[f->n].value = ++d;
		if (eq == amp)
			*d = '\0';
		else if ((d = decode(eq + 1, (size_t)(amp - eq - 1), d)) ==
		    NULL)
			goto err;
		d++;
		f->n++;
	}
	return f->n;
err:
	form_free(f);
	return -1;
}

const char *
form_get(const struct form *f, const char *name)
{
	int	 i;

	for (i = 0; name != NULL && i < f->n; i++)
		if (strcmp(f->f[i].name, name) == 0)
			return f->f[i].value;
	return NULL;
}

void
form_free(struct form *f)
{
	free(f->mem);
	f->mem = NULL;
	f->n = 0;
}

static int
space(char c)
{
	return c == ' ' || c == '\t';
}

int
form_cookie(const char *header, const char *name, char *out, size_t outlen)
{
	const char	*p, *semi, *eq, *v, *ve;
	size_t		 nlen, vlen;

	if (outlen > 0)
		out[0] = '\0';
	if (header == NULL || name == NULL || (nlen = strlen(name)) == 0)
		return -1;
	for (p = header; *p != '\0'; p = *semi ? semi + 1 : semi) {
		semi = strchr(p, ';');
		if (semi == NULL)
			semi = p + strlen(p);
		while (p < semi && space(*p))
			p++;
		eq = memchr(p, '=', (size_t)(semi - p));
		if (eq == NULL)
			continue;
		for (ve = eq; ve > p && space(ve[-1]); ve--)
			;
		if ((size_t)(ve - p) != nlen || memcmp(p, name, nlen) != 0)
			continue;
		for (v = eq + 1; v < semi && space(*v); v++)
			;
		for (ve = semi; ve > v && space(ve[-1]); ve--)
			;
		if (ve - v >= 2 && *v == '"' && ve[-1] == '"') {
			v++;
			ve--;
		}
		vlen = (size_t)(ve - v);
		if (vlen >= outlen || vlen > FORM_MAX_INPUT)
			return -2;
		memcpy(out, v, vlen);
		out[vlen] = '\0';
		return (int)vlen;
	}
	return -1;
}
