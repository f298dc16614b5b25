/* xapi: xAPI 1.0.3 statements of completions and quiz results. See xapi.h. */
#include <sodium.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "api.h"
#include "buf.h"
#include "course.h"
#include "http.h"
#include "quiz.h"
#include "utc.h"
#include "log.h"
#include "ledger.h"
#include "xapi.h"

#define VERB_BASE	"http://adlnet.gov/expapi/verbs/"
#define ACT_COURSE	"http://adlnet.gov/expapi/activities/course"
#define ACT_ASSESSMENT	"http://adlnet.gov/expapi/activities/assessment"
#define ACT_MEETING	"http://adlnet.gov/expapi/activities/meeting"
#define XAPI_VERSION	"1.0.3"		/* the X-Experience-API-Version */

/* STORE_XAPI_* (1..3) -> verb id and display (en-US, id-ID). */
static const struct {
	const char	*id, *en, *in;
} verbs[] = {
	{ NULL, NULL, NULL },
	{ VERB_BASE "completed", "completed", "menyelesaikan" },
	{ VERB_BASE "passed", "passed", "lulus" },
	{ VERB_BASE "failed", "failed", "tidak lulus" },
};

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

	buf_adds(b, ",\"result\":{\"completion\":true");
	/* An attempt at a quiz without a pass mark (a diagnostic pre-test)
	 * measures, it does not judge: a score and no success claim. */
	if (x->kind == 0 || x->verb != STORE_XAPI_COMPLETED)
		buf_addf(b, ",\"success\":%s", x->passed ? "true" : "false");
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

/* The activity's name, the same in every statement about it: the
 * course's or quiz's title in the course folder. Once the course or quiz
 * is gone: the title stored with the completion, or "course / file". */
static void
activity_name(struct buf *t, const struct xapi_out *o,
    const struct xapi_row *x)
{
	const struct course	*c = o->cat ? course_find(o->cat, x->course) :
				    NULL;
	struct quiz		*q;

	if (x->kind == 2)
		buf_adds(t, x->title);	/* a ledger entry: its own title */
	else if (x->kind == 0)
		buf_adds(t, c && c->title[0] ? c->title : x->title);
	else if (c && (q = course_quiz(c, x->quiz)) != NULL &&
	    quiz_info(q)->title[0])
		buf_adds(t, quiz_info(q)->title);
	else
		buf_addf(t, "%s / %s", x->course, x->quiz);
}

void
xapi_statement(struct buf *b, const struct xapi_out *o,
    const struct xapi_row *x)
{
	struct buf	 t = { 0 };
	char		 id[37], ts[21];
	int		 v = x->verb >= 1 && x->verb <= 3 ? x->verb :
			    x->kind == 0 ? STORE_XAPI_COMPLETED :
			    x->passed ? STORE_XAPI_PASSED : STORE_XAPI_FAILED;

	xapi_uuid(x, id);
	utc_iso(x->at, ts);
	/* "version" is 1.0.0 for every 1.0.x statement (part 2, 2.4.10). */
	buf_addf(b, "{\"id\":\"%s\",\"version\":\"1.0.0\",\"timestamp\":\"%s\","
	    "\"stored\":\"%s\"", id, ts, ts);
	buf_adds(b, ",\"actor\":{\"objectType\":\"Agent\",\"account\":"
	    "{\"homePage\":");
	buf_json_str(b, o->base);
	buf_adds(b, ",\"name\":");
	buf_json_str(b, x->account);
	buf_addf(b, "}},\"verb\":{\"id\":\"%s\"", verbs[v].id);
	if (o->fmt == XAPI_EXACT)
		buf_addf(b, ",\"display\":{\"en-US\":\"%s\",\"id-ID\":\"%s\"}",
		    verbs[v].en, verbs[v].in);
	else if (o->fmt == XAPI_CANONICAL)
		buf_addf(b, ",\"display\":{\"%s\":\"%s\"}", o->lang,
		    strcmp(o->lang, "en-US") == 0 ? verbs[v].en : verbs[v].in);
	buf_addc(b, '}');
	/* Object IRI: path segments percent-encoded. */
	buf_adds(&t, o->base);
	if (x->kind == 2)	/* a ledger entry: the learning itself */
		buf_addf(&t, "/ledger/%" PRId64, x->id);
	else {
		buf_adds(&t, x->kind == 0 ? "/courses/" : "/quiz/");
		buf_url(&t, x->course);
	}
	if (x->kind == 1) {
		buf_addc(&t, '/');
		buf_url(&t, x->quiz);
	}
	buf_adds(b, ",\"object\":{\"objectType\":\"Activity\",\"id\":");
	buf_json_str(b, t.p ? t.p : "");
	if (o->fmt != XAPI_IDS) {
		buf_reset(&t);
		activity_name(&t, o, x);
		buf_addf(b, ",\"definition\":{\"type\":\"%s\",\"name\":"
		    "{\"id-ID\":", x->kind == 1 ? ACT_ASSESSMENT : x->kind == 2 &&
		    (strcmp(x->quiz, "mentoring") == 0 || strcmp(x->quiz,
		    "coaching") == 0) ? ACT_MEETING : ACT_COURSE);
		buf_json_str(b, t.p ? t.p : "");
		buf_adds(b, "}}");
	}
	buf_addc(b, '}');
	buf_free(&t);
	result(b, x);
	if (x->kind == 0) {
		/* JP (jam pelajaran) credited, under our own extension IRI. */
		buf_adds(b, ",\"context\":{\"extensions\":{");
		buf_reset(&t);
		buf_adds(&t, o->base);
		buf_adds(&t, "/xapi/extensions/jp");
		buf_json_str(b, t.p ? t.p : "");
		buf_free(&t);
		buf_addf(b, ":%d}}", x->jp);
	} else if (x->kind == 2) {
		/* JP credited (hundredths as a decimal) and the form. */
		char	 jp[LEDGER_CJP_STR];

		ledger_cjp_str(jp, sizeof(jp), x->jp, '.');
		buf_adds(b, ",\"context\":{\"extensions\":{");
		buf_reset(&t);
		buf_adds(&t, o->base);
		buf_adds(&t, "/xapi/extensions/jp");
		buf_json_str(b, t.p ? t.p : "");
		buf_addf(b, ":%s,", jp);
		buf_reset(&t);
		buf_adds(&t, o->base);
		buf_adds(&t, "/xapi/extensions/form");
		buf_json_str(b, t.p ? t.p : "");
		buf_addc(b, ':');
		buf_json_str(b, x->course);
		buf_adds(b, "}}");
		buf_free(&t);
	}
	buf_addc(b, '}');
}

/* "\ncourse/quiz\n..." for every quiz in the catalogue with pass = 0. */
static void
diag_list(struct buf *b, const struct catalog *cat)
{
	const struct course	*c;
	int			 i, m;

	buf_addc(b, '\n');
	for (i = 0; cat && i < cat->n; i++) {
		c = cat->courses[i];
		if (c->pretest && quiz_info(c->pretest)->pass == 0)
			buf_addf(b, "%s/%s\n", c->id, c->pretest_file);
		if (c->final && quiz_info(c->final)->pass == 0)
			buf_addf(b, "%s/%s\n", c->id, c->final_file);
		for (m = 0; m < c->nmods; m++)
			if (c->mods[m].quiz &&
			    quiz_info(c->mods[m].quiz)->pass == 0)
				buf_addf(b, "%s/%s\n", c->id,
				    c->mods[m].quiz_file);
	}
}

/* Canonical format: the language of each map, from Accept-Language
 * (RFC 2616 q-values); Bahasa Indonesia unless English is preferred. */
static const char *
pick_lang(struct req *r)
{
	const char	*al = http_header_in(r, "Accept-Language");
	const char	*p, *q;
	double		 qv, best_id = -1, best_en = -1;
	size_t		 n;

	for (p = al; p && *p; p += n + (p[n] == ',')) {
		while (*p == ' ')
			p++;
		n = strcspn(p, ",");
		qv = 1;
		if ((q = memchr(p, ';', n)) != NULL && strncmp(q, ";q=", 3) == 0)
			qv = atof(q + 3);
		if (strncasecmp(p, "id", 2) == 0 && (p[2] == '-' ||
		    p[2] == ';' || p[2] == ',' || p[2] == '\0' || p[2] == ' '))
			best_id = qv > best_id ? qv : best_id;
		else if (strncasecmp(p, "en", 2) == 0 && (p[2] == '-' ||
		    p[2] == ';' || p[2] == ',' || p[2] == '\0' || p[2] == ' '))
			best_en = qv > best_en ? qv : best_en;
		else if (*p == '*' && best_id < qv)
			best_id = qv;
	}
	return best_en > 0 && best_en > best_id ? "en-US" : "id-ID";
}

struct xctx {
	struct req		*r;
	const struct xapi_out	*o;
	const char		*want;	/* lookup by id */
	int			 n, limit, more;
	struct xapi_row		 last;
};

static int
x_row(void *arg, const struct xapi_row *x)
{
	struct xctx	*c = arg;

	if (c->n == c->limit) {
		c->more = 1;	/* one row past the page: there is more */
		return 1;
	}
	if (c->n++)
		buf_addc(&c->r->out, ',');
	xapi_statement(&c->r->out, c->o, x);
	c->last = *x;
	return c->r->out.oom ? 1 : 0;
}

static int
x_find(void *arg, const struct xapi_row *x)
{
	struct xctx	*c = arg;
	char		 id[37];

	xapi_uuid(x, id);
	if (strcmp(id, c->want) != 0)
		return 0;
	c->last = *x;
	c->n = 1;
	return 1;
}

/* The next page: the same query (as given), the cursor after last. */
static void
more_link(struct buf *b, struct req *r, const struct xapi_row *last)
{
	int	 i;

	buf_adds(b, "/api/v1/xapi/statements?");
	for (i = 0; i < r->q.n; i++) {
		if (r->q.f[i].value[0] == '\0' ||
		    strcmp(r->q.f[i].name, "cursor") == 0)
			continue;
		buf_url(b, r->q.f[i].name);
		buf_addc(b, '=');
		buf_url(b, r->q.f[i].value);
		buf_addc(b, '&');
	}
	buf_addf(b, "cursor=%" PRId64 "-%d-%" PRId64, last->at, last->kind,
	    last->id);
}

/* attachments=true: the multipart/mixed answer of part 2, 2.4.11, with
 * the JSON as its only part (Lentera's statements carry no attachment). */
static void
multipart(struct req *r)
{
	static _Thread_local char ctype[96];
	unsigned char	 rnd[12];
	char		 bnd[32];
	struct buf	 m = { 0 };
	int		 i;

	randombytes_buf(rnd, sizeof(rnd));
	for (i = 0; i < 12; i++)
		snprintf(bnd + 2 * i, 3, "%02x", rnd[i]);
	buf_addf(&m, "--lentera%s\r\nContent-Type: application/json\r\n\r\n",
	    bnd);
	buf_add(&m, r->out.p, r->out.n);
	buf_addf(&m, "\r\n--lentera%s--\r\n", bnd);
	buf_free(&r->out);
	r->out = m;
	snprintf(ctype, sizeof(ctype), "multipart/mixed; boundary=lentera%s",
	    bnd);
	r->ctype = ctype;
}

/* X-Experience-API-Version of the request: absent, "1.0" or "1.0.x". */
static int
version_ok(const char *v)
{
	if (v == NULL)
		return 1;	/* lenient: browsers and HR tools send none */
	if (strncmp(v, "1.0", 3) != 0)
		return 0;
	if (v[3] == '\0')
		return 1;
	return v[3] == '.' && v[4] != '\0' && strspn(v + 4, "0123456789") ==
	    strlen(v + 4);
}

static int
answer(struct req *r, const struct xapi_query *q, struct xctx *c)
{
	char	 date[64];
	time_t	 t;
	struct tm tm;
	int	 rc;

	if (q->statement_id[0]) {
		/* Lentera never voids a statement: voidedStatementId finds
		 * none; statementId walks the rows (ids are hashes). */
		c->want = q->statement_id;
		if (!q->voided && store_report_xapi_all(r->st, &q->f, x_find,
		    c) == -1)
			return api_fail(r, 500, "server error");
		if (c->n == 0)
			return api_fail(r, 404, q->voided ? "no such voided "
			    "statement (Lentera never voids statements)" :
			    "no such statement");
		xapi_statement(&r->out, c->o, &c->last);
		buf_addc(&r->out, '\n');
		t = (time_t)c->last.at;
		if (gmtime_r(&t, &tm) && strftime(date, sizeof(date),
		    "%a, %d %b %Y %H:%M:%S GMT", &tm))
			http_header(r, "Last-Modified", date);
		return 200;
	}
	buf_adds(&r->out, "{\"statements\":[");
	if (!q->none) {
		rc = store_report_xapi(r->st, &q->f, x_row, c);
		if (rc == -1 || r->out.oom)
			return api_fail(r, rc == -1 ? 500 : HTTP_OOM,
			    rc == -1 ? "server error" : NULL);
	}
	buf_adds(&r->out, "],\"more\":\"");
	if (c->more)
		more_link(&r->out, r, &c->last);
	buf_adds(&r->out, "\"}\n");
	return 200;
}

/* GET /api/v1/xapi/about (xAPI 1.0.3, part 3, 2.7.1): the versions this
   LRS speaks; public, like an LRS's about resource may be. */
int
xapi_about(struct req *r)
{
	buf_adds(&r->out, "{\"version\":[\"" XAPI_VERSION "\"]}\n");
	r->ctype = "application/json";
	return 200;
}

int
xapi_statements(struct req *r)
{
	struct xapi_query q;
	struct xapi_out	 o;
	struct xctx	 c;
	struct catalog	*cat = NULL;
	struct buf	 base = { 0 }, diag = { 0 };
	char		 msg[256], now[21];
	int		 rc;

	if ((rc = api_begin(r)) != 0)
		return rc;
	if (!version_ok(http_header_in(r, "X-Experience-API-Version")))
		return api_fail(r, 400, "X-Experience-API-Version must be 1.0 "
		    "or 1.0.x (this server speaks " XAPI_VERSION ")");
	api_base_url(r, &base);
	if (base.oom) {
		buf_free(&base);
		return api_fail(r, HTTP_OOM, NULL);
	}
	if (xapi_param_parse(r, base.p, &q, msg, sizeof(msg)) == -1) {
		buf_free(&base);
		return api_fail(r, 400, msg);
	}
	cat = course_catalog();
	diag_list(&diag, cat);
	q.f.diag = diag.p;
	q.f.limit++;		/* one more tells whether a next page exists */
	memset(&o, 0, sizeof(o));
	o.base = base.p;
	o.fmt = q.fmt;
	o.lang = pick_lang(r);
	o.cat = cat;
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.o = &o;
	c.limit = q.f.limit - 1;
	r->ctype = "application/json";
	rc = diag.oom ? api_fail(r, HTTP_OOM, NULL) : answer(r, &q, &c);
	if (rc == 200 && r->out.oom)
		rc = api_fail(r, HTTP_OOM, NULL);
	course_release(cat);
	buf_free(&diag);
	buf_free(&base);
	/* Every statement up to now is stored and final (part 3, 2.1.3). */
	utc_iso(r->now, now);
	http_header(r, "X-Experience-API-Consistent-Through", now);
	if (rc == 200 && q.attachments)
		multipart(r);
	return rc;
}
