/* xapi: xAPI 1.0.3 statements of completions and quiz results. See xapi.h. */
#include <sodium.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api.h"
#include "buf.h"
#include "http.h"
#include "log.h"
#include "xapi.h"

#define VERB_BASE	"http://adlnet.gov/expapi/verbs/"
#define ACT_COURSE	"http://adlnet.gov/expapi/activities/course"
#define ACT_ASSESSMENT	"http://adlnet.gov/expapi/activities/assessment"

void
xapi_uuid(const struct xapi_row *x, char out[37])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char	 h[16];
	char		 name[256];
	int		 i, j;

	/* The row's identity: kind, row id, learner and time. */
	snprintf(name, sizeof(name), "lentera/xapi/%d/%" PRId64 "/%s/%" PRId64,
	    x->kind, x->id, x->account, x->at);
	crypto_generichash(h, sizeof(h), (const unsigned char *)name,
	    strlen(name), NULL, 0);
	/* Version 4 and RFC 4122 variant bits: the hash bits are as good as
	 * random, and many LRS validators accept only versions 1-5. */
	h[6] = (unsigned char)((h[6] & 0x0f) | 0x40);
	h[8] = (unsigned char)((h[8] & 0x3f) | 0x80);
	for (i = j = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[j++] = '-';
		out[j++] = hex[h[i] >> 4];
		out[j++] = hex[h[i] & 15];
	}
	out[j] = '\0';
}

static void
iso_time(int64_t t, char out[21])
{
	time_t		 tt = (time_t)t;
	struct tm	 tm;

	if (gmtime_r(&tt, &tm) == NULL || strftime(out, 21,
	    "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(out, 21, "1970-01-01T00:00:00Z");
}

/* A JSON number with at most 4 decimals, no trailing noise. */
static void
num(struct buf *b, double v)
{
	buf_addf(b, "%.10g", (double)(int64_t)(v * 10000 + (v < 0 ? -0.5 :
	    0.5)) / 10000);
}

static void
result(struct buf *b, const struct xapi_row *x)
{
	double	 scaled;

	buf_addf(b, ",\"result\":{\"completion\":true,\"success\":%s",
	    x->passed ? "true" : "false");
	if (x->has_score && x->max > 0 && x->score >= 0 && x->score <= x->max) {
		scaled = x->score / x->max;
		buf_adds(b, ",\"score\":{\"scaled\":");
		num(b, scaled);
		buf_adds(b, ",\"raw\":");
		num(b, x->score);
		buf_adds(b, ",\"min\":0,\"max\":");
		num(b, x->max);
		buf_addc(b, '}');
	}
	buf_addc(b, '}');
}

void
xapi_statement(struct buf *b, const char *base, const struct xapi_row *x)
{
	struct buf	 t = { 0 };
	char		 id[37], ts[21];
	const char	*verb;

	xapi_uuid(x, id);
	iso_time(x->at, ts);
	verb = x->kind == 0 ? "completed" : x->passed ? "passed" : "failed";
	buf_addf(b, "{\"id\":\"%s\",\"version\":\"1.0.3\",\"timestamp\":\"%s\"",
	    id, ts);
	buf_adds(b, ",\"actor\":{\"objectType\":\"Agent\",\"account\":"
	    "{\"homePage\":");
	buf_json_str(b, base);
	buf_adds(b, ",\"name\":");
	buf_json_str(b, x->account);
	buf_addf(b, "}},\"verb\":{\"id\":\"" VERB_BASE "%s\",\"display\":"
	    "{\"en-US\":\"%s\"}}", verb, verb);
	/* Object IRI: path segments percent-encoded. */
	buf_adds(&t, base);
	buf_adds(&t, x->kind == 0 ? "/courses/" : "/quiz/");
	buf_url(&t, x->course);
	if (x->kind != 0) {
		buf_addc(&t, '/');
		buf_url(&t, x->quiz);
	}
	buf_adds(b, ",\"object\":{\"objectType\":\"Activity\",\"id\":");
	buf_json_str(b, t.p);
	buf_reset(&t);
	if (x->kind == 0)
		buf_adds(&t, x->title);
	else
		buf_addf(&t, "%s / %s (attempt %d)", x->course, x->quiz,
		    x->attempt_no);
	buf_addf(b, ",\"definition\":{\"type\":\"%s\",\"name\":{\"id-ID\":",
	    x->kind == 0 ? ACT_COURSE : ACT_ASSESSMENT);
	buf_json_str(b, t.p ? t.p : "");
	buf_adds(b, "}}}");
	buf_free(&t);
	result(b, x);
	if (x->kind == 0) {
		/* JP (jam pelajaran) credited, under our own extension IRI. */
		buf_adds(b, ",\"context\":{\"extensions\":{\"");
		buf_adds(b, base);
		buf_addf(b, "/xapi/extensions/jp\":%d}}", x->jp);
	}
	buf_addc(b, '}');
}

struct xctx {
	struct req	*r;
	const char	*base;
	int		 n;
	struct xapi_row	 last;
};

static int
x_row(void *arg, const struct xapi_row *x)
{
	struct xctx	*c = arg;

	if (c->n++)
		buf_addc(&c->r->out, ',');
	xapi_statement(&c->r->out, c->base, x);
	c->last = *x;
	return c->r->out.oom ? 1 : 0;
}

/* Cursor "AT-KIND-ID" (decimal); -1 if malformed. */
static int
parse_cursor(const char *s, struct xapi_row *after)
{
	long long	 at, id;
	int		 kind, used = 0;

	if (strlen(s) > XAPI_CURSOR_MAX || strspn(s, "0123456789-") !=
	    strlen(s) || sscanf(s, "%lld-%d-%lld%n", &at, &kind, &id,
	    &used) != 3 || s[used] != '\0' || at < 0 || id < 0 ||
	    (kind != 0 && kind != 1))
		return -1;
	memset(after, 0, sizeof(*after));
	after->at = at;
	after->kind = kind;
	after->id = id;
	return 0;
}

int
xapi_statements(struct req *r)
{
	struct xctx	 c;
	struct xapi_row	 after;
	struct buf	 base = { 0 };
	const char	*since = http_query(r, "since");
	const char	*cursor = http_query(r, "cursor");
	const char	*fmt = http_query(r, "format");
	const char	*lim;
	int64_t		 t = 0;
	int		 rc, limit = XAPI_DEF_LIMIT;

	if ((rc = api_begin(r)) != 0)
		return rc;
	if (fmt && *fmt && strcmp(fmt, "json") != 0)
		return api_fail(r, 400, "xAPI statements are JSON only "
		    "(format=json)");
	if (since && *since && (strlen(since) > API_SINCE_MAX ||
	    api_parse_since(since, &t) == -1))
		return api_fail(r, 400, "since must be yyyy-mm-dd or "
		    "yyyy-mm-ddThh:mm:ssZ (a real date, 2000..2100)");
	if (cursor && *cursor && parse_cursor(cursor, &after) == -1)
		return api_fail(r, 400, "cursor is malformed");
	if ((lim = http_query(r, "limit")) != NULL && *lim) {
		if (strlen(lim) > 4 || strspn(lim, "0123456789") !=
		    strlen(lim) || atoi(lim) < 1 || atoi(lim) > XAPI_MAX_LIMIT)
			return api_fail(r, 400, "limit must be 1..1000");
		limit = atoi(lim);
	}
	api_base_url(r, &base);
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.base = base.p;
	buf_adds(&r->out, "{\"statements\":[");
	rc = store_report_xapi(r->st, t, cursor && *cursor ? &after : NULL,
	    limit, x_row, &c);
	if (rc != 0 || r->out.oom) {
		buf_free(&base);
		return api_fail(r, 500, "server error");
	}
	buf_adds(&r->out, "],\"more\":\"");
	if (c.n == limit) {
		/* A full page: there may be more after the last row. */
		buf_adds(&r->out, "/api/v1/xapi/statements?");
		if (since && *since) {
			buf_adds(&r->out, "since=");
			buf_url(&r->out, since);
			buf_adds(&r->out, "&");
		}
		buf_addf(&r->out, "limit=%d&cursor=%" PRId64 "-%d-%" PRId64,
		    limit, c.last.at, c.last.kind, c.last.id);
	}
	buf_adds(&r->out, "\"}\n");
	buf_free(&base);
	http_header(r, "X-Experience-API-Version", "1.0.3");
	r->ctype = "application/json";
	return 200;
}
