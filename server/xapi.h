/*
 * xapi: xAPI 1.0.3 statements of the competency record for a Learning
 * Record Store or data warehouse (GET /api/v1/xapi/statements, handler
 * xapi_statements declared in api.h; authentication as every API call).
 *
 * Mapping (docs/api.md): a completion is verb "completed" on the course
 * Activity <base>/courses/<id>; a submitted quiz attempt is "passed" or
 * "failed" on <base>/quiz/<course>/<file> with result.score (scaled in
 * [0,1], raw, min 0, max), success and completion. The actor is an
 * Agent with account {homePage: <base>, name: users.account_id}: an
 * opaque random id, never the NIP. Statement ids are UUIDs derived from
 * a BLAKE2b hash of the source row, so the same row always yields the
 * same id and an LRS can de-duplicate re-sent statements.
 *
 * Paging: statements come in time order, XAPI_DEF_LIMIT per response
 * (?limit= up to XAPI_MAX_LIMIT); "more" holds the URL of the next page
 * (a cursor after the last statement), "" at the end.
 */
#ifndef LENTERA_XAPI_H
#define LENTERA_XAPI_H

#include <stddef.h>

#include "store.h"

#define XAPI_DEF_LIMIT	500
#define XAPI_MAX_LIMIT	1000
#define XAPI_CURSOR_MAX	64	/* bytes of a cursor parameter */

struct buf;

/* Statement id of row r as a lowercase 36-character UUID (+ NUL). */
void	xapi_uuid(const struct xapi_row *, char out[37]);
/* Append the statement of row to b; base is "http(s)://host". */
void	xapi_statement(struct buf *, const char *base,
	    const struct xapi_row *);

#endif
