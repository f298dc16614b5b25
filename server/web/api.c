/* api: the HR API's door: bearer tokens or an hr/admin session, the audit
 * row of every call, the shared date/time parsing and the public URL. The
 * report endpoints (their columns, paging and streaming) are api_report.c.
 * See api.h. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "api.h"
#include "config.h"
#include "http.h"
#include "log.h"
#include "wib.h"

#define AUDIT_DETAIL	480	/* bytes of path+query in the audit row */

/* Set by api_begin, read by the access log after the handler returns. */
static _Thread_local char who[STORE_TOKEN_NAME_MAX + 8];

static void
audit_call(struct req *r, int64_t actor)
{
	const char	*qs = http_query_string(r);
	char		 detail[AUDIT_DETAIL + STORE_TOKEN_NAME_MAX + 16];

	snprintf(detail, sizeof(detail), "%s %s %.*s%s%.*s", who, r->method,
	    AUDIT_DETAIL / 2, r->path, qs ? "?" : "", AUDIT_DETAIL / 2,
	    qs ? qs : "");
	if (store_audit(r->st, actor, "api.call", detail, r->ip) == -1)
		log_warnx("api: audit row for %s not written", who);
}

/* 1 when t is a syntactically acceptable bearer token (base64url/hex). */
static int
token_chars_ok(const char *t)
{
	size_t	 n = strlen(t);

	return n > 0 && n <= API_TOKEN_MAX && strspn(t, "ABCDEFGHIJKLMNOPQRST"
	    "UVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == n;
}

int
api_begin(struct req *r)
{
	const char	*auth = http_header_in(r, "Authorization");
	unsigned char	 hash[32];
	char		 name[STORE_TOKEN_NAME_MAX + 1];
	int		 rc;

	r->ctype = "application/json";
	if (auth == NULL) {
		/* Session path: http.c checked login and role already;
		 * checked again so a routing mistake cannot open it. */
		if (r->user.id == 0)
			return api_fail(r, 401, "missing token or session");
		if (!(r->user.role & (ROLE_HR | ROLE_ADMIN)))
			return api_fail(r, 403, "role hr or admin required");
		snprintf(who, sizeof(who), "%s", r->user.nip);
		r->who = who;
		audit_call(r, r->user.id);
		return 0;
	}
	if (strncasecmp(auth, "Bearer ", 7) != 0 ||
	    !token_chars_ok(auth + 7))
		return api_fail(r, 401, "Authorization must be Bearer TOKEN");
	crypto_generichash(hash, sizeof(hash), (const unsigned char *)auth + 7,
	    strlen(auth + 7), NULL, 0);
	if ((rc = store_token_find(r->st, hash, name, sizeof(name))) == -1)
		return api_fail(r, 500, "server error");
	if (rc == 1)
		return api_fail(r, 401, "invalid or revoked token");
	snprintf(who, sizeof(who), "token:%s", name);
	r->who = who;
	audit_call(r, 0);
	return 0;
}

int
api_not_found(struct req *r)
{
	return api_fail(r, 404, "no such API endpoint (see docs/api.md)");
}

void
api_date(int64_t t, char out[11])
{
	if (t <= 0) {
		out[0] = '\0';
		return;
	}
	wib_ymd(t, out);
}

/* Exactly n ASCII digits at s; their value in *v. */
static int
digits(const char *s, int n, int *v)
{
	int	 i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*v = *v * 10 + (s[i] - '0');
	}
	return 1;
}

/*
 * "yyyy-mm-dd" is 00:00 WIB that day. A time is ISO 8601 / RFC 3339:
 * "yyyy-mm-ddThh:mm:ss", optional fraction (".123", up to 9 digits,
 * rounded down to the second: rows carry whole seconds), then "Z" or an
 * offset "+07:00" / "+0700" / "+07". A space stands for '+' because an
 * unencoded '+' in a query string decodes to one.
 */
int
api_parse_since(const char *s, int64_t *out)
{
	struct tm	 tm;
	int		 y, mo, d, h = 0, mi = 0, se = 0, oh = 0, om = 0, sign;
	size_t		 n = strlen(s), i;
	time_t		 t;
	char		 day[11];

	if (n < 10)
		return -1;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (wib_parse_ymd(day, &y, &mo, &d) == -1)
		return -1;
	i = 10;
	if (n > 10) {
		if (n < 20 || s[10] != 'T' || !digits(s + 11, 2, &h) ||
		    s[13] != ':' || !digits(s + 14, 2, &mi) || s[16] != ':' ||
		    !digits(s + 17, 2, &se))
			return -1;
		i = 19;
		if (s[i] == '.') {
			size_t	 f = ++i;

			while (s[i] >= '0' && s[i] <= '9')
				i++;
			if (i == f || i - f > 9)
				return -1;
		}
		if (s[i] == 'Z' || s[i] == 'z') {
			i++;
		} else if (s[i] == '+' || s[i] == ' ' || s[i] == '-') {
			sign = s[i] == '-' ? -1 : 1;
			if (!digits(s + i + 1, 2, &oh))
				return -1;
			i += 3;
			if (s[i] == ':' || (s[i] != '\0' && s[i] >= '0' &&
			    s[i] <= '9')) {
				i += s[i] == ':';
				if (!digits(s + i, 2, &om))
					return -1;
				i += 2;
			}
			if (oh > 23 || om > 59)
				return -1;
			oh *= sign;
			om *= sign;
		} else
			return -1;	/* a time needs its zone */
		if (s[i] != '\0')
			return -1;
	}
	if (y < 2000 || y > 2100 || h > 23 || mi > 59 || se > 59)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	t = timegm(&tm);
	/* timegm normalises 2026-02-30 to March: reject such dates. */
	if (tm.tm_year != y - 1900 || tm.tm_mon != mo - 1 || tm.tm_mday != d)
		return -1;
	*out = (int64_t)t - (n == 10 ? WIB_OFFSET : oh * 3600 + om * 60);
	return 0;
}

void
api_public_url(struct buf *b)
{
	/* Never the request's Host: these URLs are printed, signed or put
	   in a QR code, and a client must not choose them. */
	if (cfg.base_url[0])
		buf_adds(b, cfg.base_url);
	else
		buf_addf(b, "http://%s:%d", cfg.listen, cfg.port);
}

void
api_base_url(struct req *r, struct buf *b)
{
	const char	*host = http_header_in(r, "Host");
	const char	*scheme = r->secure ? "https" : "http";
	size_t		 n = host ? strlen(host) : 0, i;

	/* Production: the configured public URL, however we were reached. */
	if (cfg.base_url[0]) {
		buf_adds(b, cfg.base_url);
		return;
	}
	/* Echo only a plausible host name; anything else gets localhost. */
	if (n == 0 || n > API_HOST_MAX || strspn(host, "abcdefghijklmnopqrstuv"
	    "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") != n) {
		host = "localhost";
		n = strlen(host);
	}
	/* One spelling per host, so ids do not change with the client:
	 * lowercase, no trailing dot, no default port. */
	if (r->secure && n > 4 && strcmp(host + n - 4, ":443") == 0)
		n -= 4;
	else if (!r->secure && n > 3 && strcmp(host + n - 3, ":80") == 0)
		n -= 3;
	if (n > 1 && host[n - 1] == '.')
		n--;
	buf_addf(b, "%s://", scheme);
	for (i = 0; i < n; i++)
		buf_addc(b, host[i] >= 'A' && host[i] <= 'Z' ?
		    (char)(host[i] - 'A' + 'a') : host[i]);
}
