/*
 * route: the URL map. One table lists every route with its method, path
 * pattern ('*' matches exactly one segment, a trailing "**" the rest),
 * the roles allowed (0: public), flags and handler. http.c enforces roles
 * and CSRF from this table, so no handler can forget them.
 */
#ifndef LENTERA_ROUTE_H
#define LENTERA_ROUTE_H

#include <stddef.h>

struct req;

#define ROUTE_NOCSRF	0x01	/* POST without session CSRF (login: Origin-checked) */
#define ROUTE_API	0x02	/* Bearer token or hr session; JSON errors */
#define ROUTE_UPLOAD	0x04	/* body up to HTTP_MAX_UPLOAD (evidence files) */

struct route {
	const char	*method;
	const char	*pattern;
	int		 roles;
	int		 flags;
	int		(*fn)(struct req *);
};

/* Route for r->method and r->seg[]; NULL if none. *method_ok is 0 when
   the path exists for another method (405). */
const struct route *route_match(const struct req *, int *method_ok);
/* The methods r's path has, for a 405's Allow header ("GET, HEAD, POST":
   HEAD wherever GET is); "" when the path has no route. */
void	 route_allow(const struct req *, char *out, size_t len);

#endif
