/*
 * multipart: a small, strict parser for multipart/form-data request
 * bodies (RFC 7578), for the few forms that upload a file. CivetWeb's
 * mg_handle_form_request is not used on untrusted input (open upstream
 * stack-overflow report); this one only indexes the caller's buffer.
 *
 * multipart_boundary takes the boundary from a Content-Type header
 * value ("multipart/form-data; boundary=..." , quoted or not): 0 ok,
 * -1 another type, no boundary, or one that is empty, longer than
 * MP_BOUNDARY_MAX or uses characters outside RFC 2046 bchars.
 *
 * multipart_parse indexes body[0..n) (need not be NUL-terminated; it may
 * hold any bytes): the body starts with "--boundary" (no preamble);
 * every part has header lines ending in CRLF (at most MP_MAX_HEADERS,
 * each at most MP_MAX_LINE bytes), one Content-Disposition: form-data
 * with a name (at most MP_MAX_NAME bytes, quoted or a token) and
 * optionally a filename; other headers are ignored. Part data runs to
 * the next CRLF "--boundary"; the last delimiter ends with "--" and
 * anything after it (the epilogue) is ignored. At most MP_MAX_PARTS
 * parts. Returns 0, or -1 for anything else (the caller answers 400).
 * Part data points into body: valid while body is; not NUL-terminated.
 */
#ifndef LENTERA_MULTIPART_H
#define LENTERA_MULTIPART_H

#include <stddef.h>

#define MP_BOUNDARY_MAX	70	/* RFC 2046 */
#define MP_MAX_PARTS	16
#define MP_MAX_HEADERS	8
#define MP_MAX_LINE	1024
#define MP_MAX_NAME	64

struct mp_part {
	char		 name[MP_MAX_NAME + 1];
	int		 has_filename;
	char		 filename[128];	/* as sent, truncated; "" none */
	const char	*data;
	size_t		 len;
};

struct multipart {
	int		 n;
	struct mp_part	 part[MP_MAX_PARTS];
};

int	multipart_boundary(const char *content_type, char *out, size_t outlen);
int	multipart_parse(const char *body, size_t n, const char *boundary,
	    struct multipart *);
/* First part called name, or NULL. */
const struct mp_part *multipart_get(const struct multipart *,
	    const char *name);

#endif
