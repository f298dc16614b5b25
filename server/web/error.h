/*
 * error: the one builder of error answers. Every 4xx/5xx body, whether a
 * handler has a message or http.c fills an empty answer, comes from
 * error_set, which decides the kind by the route:
 *   - API routes (r->api: ROUTE_API, or any /api/ path before a route is
 *     matched): JSON {"error": "message", "status": N}, the shape
 *     docs/api.md documents; except a browser download (an hr/admin
 *     session clicking a link, Accept naming text/html: api.h), which
 *     gets the download-failed page so the browser shows why;
 *   - every other route: the HTML error page (layout, status, message,
 *     the way home).
 * The same status and message either way. msg NULL: the standard message
 * for status (i18n M_ERR_*). Messages are plain text (escaped here).
 *
 * error_lang is the language of error messages for r: the request's
 * language on pages and browser downloads; English on JSON answers, the
 * machine-facing messages docs/api.md documents (a token client has no
 * language cookie, and its logs are read by system integrators).
 *
 * error_set replaces r->out and r->ctype and returns status, so a
 * handler writes `return error_set(r, 400, msg);`.
 */
#ifndef LENTERA_ERROR_H
#define LENTERA_ERROR_H

struct req;

#define ERROR_MSG_MAX	512	/* bytes of a formatted message */

int	error_set(struct req *, int status, const char *msg);
/* i18n language (enum lang) error messages for r are written in. */
int	error_lang(struct req *);
/* The standard message for status in error_lang(r). */
const char *error_default(struct req *, int status);

#endif
