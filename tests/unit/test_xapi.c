/* unit-layer: web (tests a request-edge helper of the web layer) */
/* Unit tests for the xAPI query: --base-url, timestamps, agent JSON and
 * the other parameters' edge cases (the HTTP suite test_xapi.py covers
 * the behaviour over the wire). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "api.h"
#include "http.h"
#include "xapi.h"
#include "t.h"

#define BASE	"https://lentera.example.go.id"

static int
base_ok(const char *in, const char *want)
{
	char		 out[CONFIG_BASE_MAX];
	const char	*why;

	return config_base_url(in, out, &why) == 0 && strcmp(out, want) == 0;
}

static int
base_bad(const char *in)
{
	char		 out[CONFIG_BASE_MAX];
	const char	*why = NULL;

	return config_base_url(in, out, &why) == -1 && why != NULL;
}

static void
test_base_url(void)
{
	char	 long_url[400];

	T_OK(base_ok("https://lentera.example.go.id", BASE), "base plain");
	T_OK(base_ok("https://lentera.example.go.id///", BASE), "base slashes");
	T_OK(base_ok("HTTPS://Lentera.Example.GO.id/", BASE), "base lowercased");
	T_OK(base_ok("http://10.0.0.5:8080/lms/", "http://10.0.0.5:8080/lms"),
	    "base port and path");
	T_OK(base_ok("https://h/Jalur/A", "https://h/Jalur/A"),
	    "base path keeps its case");
	T_OK(base_ok("http://[::1]:8080", "http://[::1]:8080"), "base ipv6");
	T_OK(base_bad("ftp://h") && base_bad("h.example") && base_bad("//h") &&
	    base_bad(""), "base needs http(s)://");
	T_OK(base_bad("https://") && base_bad("https:///x") &&
	    base_bad("https://.h") && base_bad("https://-h"), "base needs a host");
	T_OK(base_bad("https://h/x?a=1") && base_bad("https://h?a") &&
	    base_bad("https://h/#top") && base_bad("https://h#x"),
	    "base no query or fragment");
	T_OK(base_bad("https://u:p@h") && base_bad("https://h:0") &&
	    base_bad("https://h:65536") && base_bad("https://h:") &&
	    base_bad("https://h:80x"), "base userinfo and bad ports");
	T_OK(base_bad("https://h/a b") && base_bad("https://h/a\"b") &&
	    base_bad("https://h/\x01") && base_bad("https://h/\xc3\xa9"),
	    "base path characters");
	memset(long_url, 'a', sizeof(long_url));
	memcpy(long_url, "https://", 8);
	long_url[sizeof(long_url) - 1] = '\0';
	T_OK(base_bad(long_url), "base too long");
}

static int
since(const char *s, int64_t want)
{
	int64_t	 t = 0;

	return api_parse_since(s, &t) == 0 && t == want;
}

static void
test_since(void)
{
	int64_t	 t, z = 1772341200;	/* 2026-03-01T05:00:00Z */

	T_OK(since("2026-03-01T05:00:00Z", z), "since Z");
	T_OK(since("2026-03-01T05:00:00z", z), "since z");
	T_OK(since("2026-03-01T05:00:00.999999999Z", z), "since fraction down");
	T_OK(since("2026-03-01T12:00:00+07:00", z) &&
	    since("2026-03-01T12:00:00+0700", z) &&
	    since("2026-03-01T12:00:00+07", z) &&
	    since("2026-03-01T12:00:00 07:00", z), "since +07:00 forms");
	T_OK(since("2026-03-01T00:30:00-04:30", z), "since negative offset");
	T_OK(since("2026-03-01", 1772298000), "since date is 00:00 WIB");
	T_OK(api_parse_since("2026-03-01T05:00:00", &t) == -1, "since no zone");
	T_OK(api_parse_since("2026-03-01T05:00:00.Z", &t) == -1 &&
	    api_parse_since("2026-03-01T05:00:00.1234567890Z", &t) == -1,
	    "since fraction digits 1..9");
	T_OK(api_parse_since("2026-03-01T05:00:00+24:00", &t) == -1 &&
	    api_parse_since("2026-03-01T05:00:00+07:60", &t) == -1 &&
	    api_parse_since("2026-03-01T05:00:00+07:", &t) == -1 &&
	    api_parse_since("2026-03-01T05:00:00+7", &t) == -1 &&
	    api_parse_since("2026-03-01T05:00:00Zjunk", &t) == -1,
	    "since bad offsets");
	T_OK(api_parse_since("2026-02-30", &t) == -1 &&
	    api_parse_since("2026-03-01T24:00:00Z", &t) == -1 &&
	    api_parse_since("1999-12-31T00:00:00Z", &t) == -1 &&
	    api_parse_since("2026-3-1", &t) == -1, "since bad dates");
}

/* Parse query string qs as the handler would; the message on failure. */
static int
parse(const char *qs, struct xapi_query *q, char *msg)
{
	struct req	 r;
	int		 rc;

	memset(&r, 0, sizeof(r));
	msg[0] = '\0';
	if (form_parse(&r.q, qs, strlen(qs)) < 0)
		return -2;
	rc = xapi_param_parse(&r, BASE, q, msg, 256);
	form_free(&r.q);
	return rc;
}

static void
test_params(void)
{
	struct xapi_query q;
	char		 msg[256];

	T_OK(parse("", &q, msg) == 0 && q.f.limit == XAPI_DEF_LIMIT &&
	    q.f.since == -1 && q.f.until == INT64_MAX && q.f.akind == -1 &&
	    !q.none && q.fmt == XAPI_EXACT, "defaults");
	T_OK(parse("agent=%7B%22account%22%3A%7B%22homePage%22%3A%22"
	    "https%3A%2F%2Flentera.example.go.id%2F%22%2C%22name%22%3A%22ab%5Cu0063%22%7D%7D",
	    &q, msg) == 0 && !q.none && q.f.account &&
	    strcmp(q.f.account, "abc") == 0, "agent account with escapes");
	T_OK(parse("agent=%7B%22mbox%22%3A%22mailto%3Aa%40b%22%7D", &q, msg) == 0 &&
	    q.none, "agent mbox matches none");
	T_OK(parse("agent=%7B%22account%22%3A%7B%22homePage%22%3A%22https%3A%2F%2F"
	    "x%22%2C%22name%22%3A%22a%22%7D%2C%22member%22%3A%5B%7B%7D%2C%5B1%2C"
	    "true%2Cnull%2C-2.5e3%5D%5D%7D", &q, msg) == 0 && q.none,
	    "agent other home, member skipped");
	T_OK(parse("agent=%7B%22account%22%3A1%7D", &q, msg) == -1 &&
	    strstr(msg, "agent"), "agent account not an object");
	T_OK(parse("agent=%7B%22mbox%22%3A%22a%22%2C%7D", &q, msg) == -1,
	    "agent trailing comma");
	T_OK(parse("agent=%7B%22mbox%22%3A%22%5Cud800%22%7D", &q, msg) == -1,
	    "agent lone surrogate");
	T_OK(parse("agent=%7B%22mbox%22%3A%22a%5Cu0000%22%7D", &q, msg) == -1,
	    "agent NUL escape");
	T_OK(parse("agent=%7B%22member%22%3A%5B%5B%5B%5B%5B%5B%5B%5B%5B%5B%5D%5D"
	    "%5D%5D%5D%5D%5D%5D%5D%5D%2C%22mbox%22%3A%22m%22%7D", &q, msg) == -1,
	    "agent nesting bounded");
	T_OK(parse("activity=https%3A%2F%2Flentera.example.go.id%2Fquiz%2Fk-1%2F"
	    "tes%2520akhir.lua", &q, msg) == 0 && !q.none && q.f.akind == 1 &&
	    strcmp(q.f.acourse, "k-1") == 0 &&
	    strcmp(q.f.aquiz, "tes akhir.lua") == 0, "activity quiz decoded");
	T_OK(parse("activity=https%3A%2F%2Flentera.example.go.id%2Fcourses%2Fk%2Fx",
	    &q, msg) == 0 && q.none, "activity deeper path matches none");
	T_OK(parse("activity=https%3A%2F%2Flentera.example.go.id%2Fcourses%2F%25zz",
	    &q, msg) == 0 && q.none, "activity bad escape matches none");
	T_OK(parse("limit=0", &q, msg) == 0 && q.f.limit == XAPI_MAX_LIMIT &&
	    parse("limit=999999999", &q, msg) == 0 &&
	    q.f.limit == XAPI_MAX_LIMIT && parse("limit=7", &q, msg) == 0 &&
	    q.f.limit == 7, "limit 0 and large mean the maximum");
	T_OK(parse("limit=1e3", &q, msg) == -1 && parse("limit=-0", &q, msg) ==
	    -1 && parse("limit=1000000000", &q, msg) == -1, "limit bad");
	T_OK(parse("statementId=3F0C2C1E-8D1A-4B7E-9A55-0C7D9E2F4A10&format=ids",
	    &q, msg) == 0 && strcmp(q.statement_id,
	    "3f0c2c1e-8d1a-4b7e-9a55-0c7d9e2f4a10") == 0 && q.fmt == XAPI_IDS,
	    "statementId lowercased");
	T_OK(parse("statementId=3f0c2c1e-8d1a-4b7e-9a55-0c7d9e2f4a1", &q, msg) ==
	    -1 && parse("statementId=3f0c2c1e-8d1a-4b7e-9a55-0c7d9e2f4a10x", &q,
	    msg) == -1 && parse("statementId=3f0c2c1e18d1a-4b7e-9a55-0c7d9e2f4a10",
	    &q, msg) == -1, "statementId must be a UUID");
	T_OK(parse("since=&verb=&limit=", &q, msg) == 0 && q.f.since == -1 &&
	    q.f.verb == 0, "empty values are absent");
	T_OK(parse("Verb=x", &q, msg) == -1 && strstr(msg, "Verb"),
	    "names are case-sensitive");
	T_OK(parse("cursor=1-3-3", &q, msg) == -1 && parse("cursor=5-1-9", &q,
	    msg) == 0 && q.f.after && q.f.after->at == 5 &&
	    q.f.after->kind == 1 && q.f.after->id == 9, "cursor");
}

static void
test_uuid(void)
{
	struct xapi_row	 x;
	char		 a[37], b[37];

	memset(&x, 0, sizeof(x));
	x.kind = 1;
	x.id = 42;
	x.at = 1772341200;
	snprintf(x.account, sizeof(x.account), "9b1f");
	xapi_uuid(&x, a);
	snprintf(x.title, sizeof(x.title), "changed");
	x.verb = STORE_XAPI_PASSED;
	xapi_uuid(&x, b);
	T_OK(strcmp(a, b) == 0 && strlen(a) == 36 && a[14] == '4' &&
	    strchr("89ab", a[19]), "uuid stable, version 4, RFC 4122 variant");
	x.id = 43;
	xapi_uuid(&x, b);
	T_OK(strcmp(a, b) != 0, "uuid differs per row");
}

int
main(void)
{
	test_base_url();
	test_since();
	test_params();
	test_uuid();
	T_DONE();
}
