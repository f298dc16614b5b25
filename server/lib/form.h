/*
 * form: parsing of application/x-www-form-urlencoded bodies, query
 * strings and Cookie headers. Pure functions over caller-given bytes.
 *
 * Contract:
 * - form_parse decodes s[0..n) (not NUL-terminated): fields split on
 *   '&', name and value on the first '='; '+' is a space and %XX a
 *   byte. Empty pieces ("a&&b") are skipped; "a" alone is a field with
 *   value "". Repeated names are kept in order.
 *   Returns the number of fields (>= 0), or -1 (the caller answers 400)
 *   for a malformed escape ("%zz", "%4"), a decoded NUL byte, a name or
 *   value that is not valid UTF-8, more than FORM_MAX_FIELDS fields,
 *   n > FORM_MAX_INPUT, or out of memory. On -1 the form is empty.
 * - The form owns all its strings (one allocation, ->mem); they live
 *   until form_free. form_parse first resets the form, so form_free is
 *   safe after any form_parse result, and calling it twice is harmless.
 *   form_parse does not free an earlier result: form_free it first.
 * - form_get returns the first value for name, or NULL; the pointer
 *   belongs to the form.
 * - form_cookie looks up `name` (exact, case-sensitive) in a Cookie
 *   header ("a=1; b=2"); whitespace around names and values is ignored
 *   and one pair of surrounding double quotes is removed. It copies the
 *   value NUL-terminated into out and returns its length; -1 if absent
 *   (or header/name NULL/empty), -2 if it does not fit in outlen bytes
 *   including the NUL (out is then set to "" when outlen > 0).
 */
#ifndef LENTERA_FORM_H
#define LENTERA_FORM_H

#include <stddef.h>

#define FORM_MAX_FIELDS 256
#define FORM_MAX_INPUT  (1u << 20)

struct form_field {
	char	*name;
	char	*value;
};

struct form {
	int			 n;
	struct form_field	 f[FORM_MAX_FIELDS];
	char			*mem;
};

int		 form_parse(struct form *, const char *s, size_t n);
const char	*form_get(const struct form *, const char *name);
void		 form_free(struct form *);
int		 form_cookie(const char *header, const char *name, char *out,
		    size_t outlen);

#endif
