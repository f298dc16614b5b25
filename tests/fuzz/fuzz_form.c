/*
 * fuzz_form: form_parse and form_cookie on arbitrary bytes. Aborts if a
 * parsed field breaks the contract (a NUL-terminated name/value lying
 * inside ->mem, at most FORM_MAX_FIELDS) or a cookie result overflows.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct form	 f;
	char		*s, out[32];
	int		 i, rc;

	rc = form_parse(&f, (const char *)data, size);
	if (rc == -1 ? f.n != 0 || f.mem != NULL :
	    rc != f.n || rc > FORM_MAX_FIELDS)
		abort();
	for (i = 0; i < f.n; i++) {
		if (strlen(f.f[i].name) + strlen(f.f[i].value) > size)
			abort();
		if (form_get(&f, f.f[i].name) == NULL)
			abort();
	}
	form_free(&f);

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	rc = form_cookie(s, "sid", out, sizeof(out));
	if (rc >= (int)sizeof(out) || rc < -2 ||
	    (rc >= 0 && strlen(out) != (size_t)rc))
		abort();
	free(s);
	return 0;
}
