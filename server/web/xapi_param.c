/* xapi_param: the query of GET /api/v1/xapi/statements. See xapi.h. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api.h"
#include "hex.h"
#include "http.h"
#include "json.h"
#include "param.h"
#include "xapi.h"

#define VERB_BASE	"http://adlnet.gov/expapi/verbs/"
#define JSON_DEPTH	8	/* nesting accepted inside the agent object */

static const char *const known[] = {
	"statementId", "voidedStatementId", "agent", "verb", "activity",
	"registration", "related_activities", "related_agents", "since",
	"until", "limit", "format", "attachments", "ascending", "cursor",
	NULL
};

/* -- a small strict JSON reader, enough for the agent parameter -- */

struct json {
	const char	*p;
	int		 depth;
};

static void
ws(struct json *j)
{
	while (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' ||
	    *j->p == '\r')
		j->p++;
}

/* Any JSON value, skipped; -1 if malformed or nested too deep. */
static int
jskip(struct json *j)
{
	char	 close;
	size_t	 n;

	ws(j);
	switch (*j->p) {
	case '"':
		return json_string(&j->p, NULL, 0);
	case '{':
	case '[':
		if (++j->depth > JSON_DEPTH)
			return -1;
		close = *j->p == '{' ? '}' : ']';
		j->p++;
		ws(j);
		if (*j->p == close) {
			j->p++;
			j->depth--;
			return 0;
		}
		for (;;) {
			ws(j);
			if (close == '}') {
				if (json_string(&j->p, NULL, 0) == -1)
					return -1;
				ws(j);
				if (*j->p++ != ':')
					return -1;
			}
			if (jskip(j) == -1)
				return -1;
			ws(j);
			if (*j->p == ',') {
				j->p++;
				continue;
			}
			if (*j->p++ != close)
				return -1;
			j->depth--;
			return 0;
		}
	case 't':
		return strncmp(j->p, "true", 4) == 0 ? (j->p += 4, 0) : -1;
	case 'f':
		return strncmp(j->p, "false", 5) == 0 ? (j->p += 5, 0) : -1;
	case 'n':
		return strncmp(j->p, "null", 4) == 0 ? (j->p += 4, 0) : -1;
	default:
		n = strspn(j->p, "-+0123456789.eE");
		if (n == 0 || (j->p[0] != '-' && (j->p[0] < '0' ||
		    j->p[0] > '9')))
			return -1;
		j->p += n;
		return 0;
	}
}

struct agent {
	char	 type[16];
	char	 home[XAPI_IRI_MAX];
	char	 name[256];
	int	 nifi;		/* inverse functional identifiers given */
	int	 account;	/* one of them is an account */
};

/* The account object {"homePage": IRI, "name": string}. */
static int
account_obj(struct json *j, struct agent *a, const char **why)
{
	char	 key[32];
	int	 home = 0, name = 0;

	ws(j);
	if (*j->p++ != '{')
		return *why = "agent account must be an object", -1;
	for (;;) {
		ws(j);
		if (json_string(&j->p, key, sizeof(key)) == -1)
			return *why = "agent account is malformed", -1;
		ws(j);
		if (*j->p++ != ':')
			return *why = "agent account is malformed", -1;
		ws(j);
		if (strcmp(key, "homePage") == 0 && !home++) {
			if (json_string(&j->p, a->home, sizeof(a->home)) == -1)
				return *why = "agent account homePage must be "
				    "a string", -1;
		} else if (strcmp(key, "name") == 0 && !name++) {
			if (json_string(&j->p, a->name, sizeof(a->name)) == -1)
				return *why = "agent account name must be a "
				    "string (at most 255 bytes)", -1;
		} else
			return *why = "agent account takes homePage and "
			    "name once each", -1;
		ws(j);
		if (*j->p == ',') {
			j->p++;
			continue;
		}
		if (*j->p++ != '}')
			return *why = "agent account is malformed", -1;
		break;
	}
	if (!home || !name)
		return *why = "agent account needs homePage and name", -1;
	return 0;
}

/* The agent parameter: an xAPI Agent or identified Group (JSON). */
static int
agent_parse(const char *s, struct agent *a, const char **why)
{
	struct json	 j = { s, 0 };
	char		 key[32];

	memset(a, 0, sizeof(*a));
	*why = "agent must be an xAPI Agent object (JSON), e.g. "
	    "{\"account\":{\"homePage\":\"...\",\"name\":\"...\"}}";
	if (strlen(s) > XAPI_AGENT_MAX)
		return -1;
	ws(&j);
	if (*j.p++ != '{')
		return -1;
	ws(&j);
	while (*j.p != '}') {
		if (json_string(&j.p, key, sizeof(key)) == -1)
			return -1;
		ws(&j);
		if (*j.p++ != ':')
			return -1;
		ws(&j);
		if (strcmp(key, "objectType") == 0) {
			if (json_string(&j.p, a->type, sizeof(a->type)) == -1)
				return -1;
		} else if (strcmp(key, "account") == 0) {
			a->nifi++;
			a->account = 1;
			if (account_obj(&j, a, why) == -1)
				return -1;
		} else if (strcmp(key, "mbox") == 0 ||
		    strcmp(key, "mbox_sha1sum") == 0 ||
		    strcmp(key, "openid") == 0) {
			a->nifi++;
			if (json_string(&j.p, NULL, 0) == -1)
				return -1;
		} else if (strcmp(key, "name") == 0) {
			if (json_string(&j.p, NULL, 0) == -1)
				return -1;
		} else if (strcmp(key, "member") == 0) {
			if (jskip(&j) == -1)
				return -1;
		} else {
			*why = "agent has a property xAPI does not define "
			    "(objectType, name, mbox, mbox_sha1sum, openid, "
			    "account, member)";
			return -1;
		}
		ws(&j);
		if (*j.p == ',') {
			j.p++;
			ws(&j);
			if (*j.p == '}')
				return -1;
			continue;
		}
		if (*j.p != '}')
			return -1;
	}
	j.p++;
	ws(&j);
	if (*j.p != '\0')
		return -1;
	if (a->type[0] && strcmp(a->type, "Agent") != 0 &&
	    strcmp(a->type, "Group") != 0) {
		*why = "agent objectType must be Agent or Group";
		return -1;
	}
	if (a->nifi != 1) {
		*why = "agent needs exactly one of mbox, mbox_sha1sum, openid, "
		    "account (an identified Agent or Group)";
		return -1;
	}
	return 0;
}

/* scheme ":" rest, printable ASCII or UTF-8, no spaces. */
static int
iri_ok(const char *s)
{
	size_t	 n = strlen(s), i;

	if (n == 0 || n > XAPI_IRI_MAX || !((s[0] >= 'a' && s[0] <= 'z') ||
	    (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	i = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789+.-");
	if (s[i] != ':' || s[i + 1] == '\0')
		return 0;
	for (; i < n; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == 0x7f ||
		    strchr("<>\"{}|\\^`", s[i]))
			return 0;
	return 1;
}

static int
uuid_ok(const char *s)
{
	int	 i;

	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return 0;
		} else if (!strchr("0123456789abcdefABCDEF", s[i]) ||
		    s[i] == '\0')
			return 0;
	}
	return s[36] == '\0';
}

/* One path segment of an activity IRI, %XX decoded; -1 if not ours. */
static int
segment(const char *s, size_t n, char *out, size_t len)
{
	size_t	 i, k = 0;
	int	 hi, lo;

	if (n == 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (k + 1 >= len)
			return -1;
		if (s[i] == '%') {
			if (i + 2 >= n)
				return -1;
			if ((hi = hex_digit((unsigned char)s[i + 1])) < 0 ||
			    (lo = hex_digit((unsigned char)s[i + 2])) < 0 ||
			    (hi | lo) == 0)
				return -1;
			out[k++] = (char)(hi << 4 | lo);
			i += 2;
		} else
			out[k++] = s[i];
	}
	out[k] = '\0';
	return 0;
}

/* Lentera's activity IRIs: <base>/courses/<id>, <base>/quiz/<c>/<f>. */
static void
activity(struct xapi_query *q, const char *base, const char *iri)
{
	size_t		 bl = strlen(base);
	const char	*p, *slash;

	q->none = 1;
	if (strncmp(iri, base, bl) != 0)
		return;
	p = iri + bl;
	if (strncmp(p, "/courses/", 9) == 0) {
		p += 9;
		if (strchr(p, '/') || segment(p, strlen(p), q->acourse,
		    sizeof(q->acourse)) == -1)
			return;
		q->f.akind = 0;
	} else if (strncmp(p, "/quiz/", 6) == 0) {
		p += 6;
		if ((slash = strchr(p, '/')) == NULL ||
		    strchr(slash + 1, '/') || segment(p, (size_t)(slash - p),
		    q->acourse, sizeof(q->acourse)) == -1 ||
		    segment(slash + 1, strlen(slash + 1), q->aquiz,
		    sizeof(q->aquiz)) == -1)
			return;
		q->f.akind = 1;
	} else
		return;
	q->none = 0;
}

static int
boolean(const char *v, int *out)
{
	if (strcmp(v, "true") == 0)
		*out = 1;
	else if (strcmp(v, "false") == 0)
		*out = 0;
	else
		return -1;
	return 0;
}

/* Cursor "AT-KIND-ID" (decimal); -1 if malformed. */
static int
parse_cursor(const char *s, struct xapi_row *after)
{
	char		 b[XAPI_CURSOR_MAX + 1], *k, *i;
	int64_t		 at, kind, id;

	if (strlen(s) > XAPI_CURSOR_MAX)
		return -1;
	snprintf(b, sizeof(b), "%s", s);
	if ((k = strchr(b, '-')) == NULL)
		return -1;
	*k++ = '\0';
	if ((i = strchr(k, '-')) == NULL)
		return -1;
	*i++ = '\0';
	if (param_parse_int(b, 0, PARAM_ID_MAX, &at) == -1 ||
	    param_parse_int(k, 0, 2, &kind) == -1 ||
	    param_parse_int(i, 0, PARAM_ID_MAX, &id) == -1)
		return -1;
	memset(after, 0, sizeof(*after));
	after->at = at;
	after->kind = (int)kind;
	after->id = id;
	return 0;
}

static int
fail(char *msg, size_t len, const char *fmt, const char *arg)
{
	snprintf(msg, len, fmt, arg);
	return -1;
}

/* The value of name if given non-empty, else NULL. */
static const char *
val(struct req *r, const char *name)
{
	const char	*v = http_query(r, name);

	return v && *v ? v : NULL;
}

static int
single(struct req *r, struct xapi_query *q, char *msg, size_t len)
{
	const char	*id = val(r, "statementId");
	const char	*vid = val(r, "voidedStatementId");
	int		 i;

	if (id && vid)
		return fail(msg, len, "%s", "statementId and voidedStatementId "
		    "exclude each other");
	if (id == NULL && vid == NULL)
		return 0;
	for (i = 0; i < r->q.n; i++) {
		const char	*n = r->q.f[i].name;

		if (r->q.f[i].value[0] && strcmp(n, "statementId") != 0 &&
		    strcmp(n, "voidedStatementId") != 0 &&
		    strcmp(n, "format") != 0 && strcmp(n, "attachments") != 0)
			return fail(msg, len, "with statementId or "
			    "voidedStatementId only format and attachments "
			    "may be given, not %s", n);
	}
	if (!uuid_ok(id ? id : vid))
		return fail(msg, len, "%s must be a UUID",
		    id ? "statementId" : "voidedStatementId");
	for (i = 0; i < 36; i++) {
		char	 c = (id ? id : vid)[i];

		q->statement_id[i] = c >= 'A' && c <= 'F' ?
		    (char)(c - 'A' + 'a') : c;
	}
	q->statement_id[36] = '\0';
	q->voided = vid != NULL;
	return 0;
}

int
xapi_param_parse(struct req *r, const char *base, struct xapi_query *q,
    char *msg, size_t len)
{
	struct agent	 a;
	const char	*v, *why;
	size_t		 hl;
	int64_t		 n;
	int		 i, k, b;

	memset(q, 0, sizeof(*q));
	q->f.since = -1;
	q->f.until = INT64_MAX;
	q->f.akind = -1;
	q->f.limit = XAPI_DEF_LIMIT;
	for (i = 0; i < r->q.n; i++) {
		for (k = 0; known[k]; k++)
			if (strcmp(r->q.f[i].name, known[k]) == 0)
				break;
		if (known[k] == NULL)
			return fail(msg, len, "unknown parameter '%.64s' (see "
			    "docs/api.md: xAPI statements)", r->q.f[i].name);
		for (k = 0; k < i; k++)
			if (strcmp(r->q.f[i].name, r->q.f[k].name) == 0)
				return fail(msg, len, "parameter %s given twice",
				    r->q.f[i].name);
	}
	if ((v = val(r, "format")) != NULL) {
		if (strcmp(v, "exact") == 0 || strcmp(v, "json") == 0)
			q->fmt = XAPI_EXACT;
		else if (strcmp(v, "ids") == 0)
			q->fmt = XAPI_IDS;
		else if (strcmp(v, "canonical") == 0)
			q->fmt = XAPI_CANONICAL;
		else
			return fail(msg, len, "%s", "format must be exact, ids "
			    "or canonical (xAPI statements are JSON only)");
	}
	if ((v = val(r, "attachments")) != NULL &&
	    boolean(v, &q->attachments) == -1)
		return fail(msg, len, "%s", "attachments must be true or false");
	if (single(r, q, msg, len) == -1)
		return -1;
	if (q->statement_id[0])
		return 0;
	if ((v = val(r, "agent")) != NULL) {
		if (agent_parse(v, &a, &why) == -1)
			return fail(msg, len, "%s", why);
		hl = strlen(a.home);
		while (hl > 0 && a.home[hl - 1] == '/')
			a.home[--hl] = '\0';
		/* Lentera's actors are accounts on this server: another
		 * identifier or home page is a valid filter matching none. */
		if (!a.account || strcmp(a.home, base) != 0 ||
		    strlen(a.name) >= sizeof(q->account))
			q->none = 1;
		else {
			snprintf(q->account, sizeof(q->account), "%s", a.name);
			q->f.account = q->account;
		}
	}
	if ((v = val(r, "verb")) != NULL) {
		if (!iri_ok(v))
			return fail(msg, len, "%s", "verb must be a verb id "
			    "(an absolute IRI)");
		if (strcmp(v, VERB_BASE "completed") == 0)
			q->f.verb = STORE_XAPI_COMPLETED;
		else if (strcmp(v, VERB_BASE "passed") == 0)
			q->f.verb = STORE_XAPI_PASSED;
		else if (strcmp(v, VERB_BASE "failed") == 0)
			q->f.verb = STORE_XAPI_FAILED;
		else
			q->none = 1;
	}
	if ((v = val(r, "activity")) != NULL) {
		if (!iri_ok(v))
			return fail(msg, len, "%s", "activity must be an "
			    "activity id (an absolute IRI)");
		activity(q, base, v);
		q->f.acourse = q->acourse;
		q->f.aquiz = q->aquiz;
	}
	if ((v = val(r, "registration")) != NULL) {
		if (!uuid_ok(v))
			return fail(msg, len, "%s", "registration must be a UUID");
		q->none = 1;	/* Lentera's statements have no registration */
	}
	if ((v = val(r, "related_activities")) != NULL && boolean(v, &b) == -1)
		return fail(msg, len, "%s", "related_activities must be true "
		    "or false");
	if ((v = val(r, "related_agents")) != NULL && boolean(v, &b) == -1)
		return fail(msg, len, "%s", "related_agents must be true or "
		    "false");
	if ((v = val(r, "since")) != NULL && (strlen(v) > API_SINCE_MAX ||
	    api_parse_since(v, &q->f.since) == -1))
		return fail(msg, len, "%s", API_SINCE_MSG);
	if ((v = val(r, "until")) != NULL && (strlen(v) > API_SINCE_MAX ||
	    api_parse_since(v, &q->f.until) == -1))
		/* The same message with "until" for its first word. */
		return fail(msg, len, "until%s",
		    &API_SINCE_MSG[sizeof("since") - 1]);
	if ((v = val(r, "limit")) != NULL) {
		/* 0 and anything above the maximum mean the maximum. */
		if (param_parse_int(v, 0, 999999999, &n) == -1)
			return fail(msg, len, "%s", "limit must be a "
			    "non-negative integer (0: the server maximum)");
		q->f.limit = n > XAPI_MAX_LIMIT ? XAPI_MAX_LIMIT : (int)n;
		if (q->f.limit == 0)
			q->f.limit = XAPI_MAX_LIMIT;
	}
	if ((v = val(r, "ascending")) != NULL) {
		if (boolean(v, &b) == -1)
			return fail(msg, len, "%s", "ascending must be true or "
			    "false");
		q->f.descending = !b;
	}
	if ((v = val(r, "cursor")) != NULL) {
		if (parse_cursor(v, &q->after) == -1)
			return fail(msg, len, "%s", "cursor is malformed");
		q->f.after = &q->after;
	}
	return 0;
}
