/*
 * xapi: xAPI 1.0.3 statements of the competency record for a Learning
 * Record Store or data warehouse (GET /api/v1/xapi/statements, handler
 * xapi_statements declared in api.h; authentication as every API call).
 * xapi.c builds statements and answers; xapi_param.c parses the query.
 *
 * Mapping (docs/api.md): a completion is verb "completed" on the course
 * Activity <base>/courses/<id>; a submitted quiz attempt is "passed" or
 * "failed" on <base>/quiz/<course>/<file> with result.score (scaled in
 * [0,1], raw, min 0, max), success and completion; an attempt at a quiz
 * without a pass mark (pass = 0: a diagnostic pre-test) is "completed"
 * with the score and no success claim. An activity's name is its
 * course's or quiz's title in the course folder, the same in every
 * statement about it (stored title / "course / file" once gone). The
 * actor is an Agent with account {homePage: <base>, name:
 * users.account_id}: an opaque random id, never the NIP. Statement ids
 * are UUIDs derived from a BLAKE2b hash of the source row, so the same
 * row always yields the same id and an LRS can de-duplicate re-sent
 * statements.
 *
 * <base> is --base-url when set (production: ids then never depend on
 * how the server was addressed), else http(s)://Host normalised.
 *
 * Query (xAPI 1.0.3 part 3, 2.1.3): statementId, voidedStatementId,
 * agent, verb, activity, registration, related_activities,
 * related_agents, since (exclusive), until (inclusive), limit (0: the
 * server maximum), format (exact|ids|canonical), attachments,
 * ascending, plus Lentera's cursor (from "more"). Anything else, a
 * repeated parameter or a value Lentera cannot honour is a 400 with a
 * message: a filter is never ignored. A filter that is well-formed but
 * names nothing Lentera emits (another LRS's agent, an unknown verb, a
 * registration) gives an empty result, as the spec says.
 *
 * Paging: statements come in (time, kind, row) order, oldest first
 * unless ascending=false; "more" is the relative URL of the next page
 * (the same query plus a cursor after the last statement), "" at the end.
 */
#ifndef LENTERA_XAPI_H
#define LENTERA_XAPI_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "store.h"

#define XAPI_DEF_LIMIT	500
#define XAPI_MAX_LIMIT	1000	/* limit=0 and larger limits mean this */
#define XAPI_CURSOR_MAX	64	/* bytes of a cursor parameter */
#define XAPI_AGENT_MAX	2048	/* bytes of the agent JSON parameter */
#define XAPI_IRI_MAX	2048	/* bytes of a verb or activity IRI */

struct buf;
struct req;
struct catalog;

enum xapi_format { XAPI_EXACT, XAPI_IDS, XAPI_CANONICAL };

/* A parsed, validated query. */
struct xapi_query {
	char		 statement_id[37];	/* lowercase; "" none */
	int		 voided;	/* it came as voidedStatementId */
	int		 none;		/* no statement can match: empty */
	int		 attachments;	/* attachments=true */
	enum xapi_format fmt;
	struct xapi_filter f;
	struct xapi_row	 after;		/* f.after points here if a cursor */
	char		 account[65];
	char		 acourse[65];
	char		 aquiz[STORE_TEXT_MAX];
};

/* How statements are written. */
struct xapi_out {
	const char	*base;		/* no trailing slash */
	enum xapi_format fmt;
	const char	*lang;		/* canonical: "en-US" or "id-ID" */
	const struct catalog *cat;	/* quiz titles; may be NULL */
};

/* Statement id of row r as a lowercase 36-character UUID (+ NUL). */
void	xapi_uuid(const struct xapi_row *, char out[37]);
/* Append the statement of row to b. */
void	xapi_statement(struct buf *, const struct xapi_out *,
	    const struct xapi_row *);

/* xapi_param.c. Parse r's query into q; 0 ok, -1 with msg set (400). */
int	xapi_param_parse(struct req *, const char *base, struct xapi_query *,
	    char *msg, size_t msglen);

#endif
