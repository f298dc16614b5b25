/* http: CivetWeb glue, request context, the one place answers are sent. */
#include <civetweb.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "auth.h"
#include "clock.h"
#include "error.h"
#include "http.h"
#include "log.h"
#include "route.h"
#include "view.h"

static struct mg_context *ctx;

/* Sent on every answer; no inline script or style anywhere. connect-src
   'self' lets quiz.js autosave (fetch to /attempt/N/save). A handler
   that sets its own (stricter) Content-Security-Policy replaces csp:
   course assets are sent with a sandbox (coursefs.h). */
static const char csp[] =
    "Content-Security-Policy: default-src 'none'; script-src 'self'; "
    "style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'\r\n";
static const char security_headers[] =
    "X-Content-Type-Options: nosniff\r\n"
    "X-Frame-Options: DENY\r\n"
    "Referrer-Policy: same-origin\r\n";

static double
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/*
 * Database connections are a pool shared by the workers: a request takes
 * one and gives it back when answered. Workers are many (slow clients
 * each hold one) and cheap (~20 KB idle); a connection costs ~150 KB and
 * two descriptors, and two cores never run more than a few queries at
 * once, so HTTP_DB_POOL of them serve any number of workers. A connection
 * is used by one thread at a time (SQLITE_OPEN_NOMUTEX allows a change of
 * thread between uses) and keeps its statement cache.
 */
static pthread_mutex_t	 pool_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t	 pool_cv = PTHREAD_COND_INITIALIZER;
/* Sized for either backend's cap (PostgreSQL's is larger). */
#define POOL_SLOTS (HTTP_DB_POOL > HTTP_DB_POOL_PG ? HTTP_DB_POOL : HTTP_DB_POOL_PG)
static struct store	*pool_free[POOL_SLOTS];
static int		 pool_nfree, pool_open;

static struct store *
db_get(void)
{
	struct timespec	 ts;
	struct store	*st = NULL;
	int		 rc = 0, grow = 0;
	int		 cap = cfg.db_pg ? HTTP_DB_POOL_PG : HTTP_DB_POOL;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += HTTP_DB_WAIT_S;
	pthread_mutex_lock(&pool_mu);
	while (pool_nfree == 0 && pool_open >= cap && rc == 0)
		rc = pthread_cond_timedwait(&pool_cv, &pool_mu, &ts);
	if (pool_nfree > 0)
		st = pool_free[--pool_nfree];
	else if (pool_open < cap) {
		pool_open++;
		grow = 1;
	}
	pthread_mutex_unlock(&pool_mu);
	if (grow && store_open(cfg.db, &st) == -1) {
		log_warnx("http: cannot open a database connection");
		pthread_mutex_lock(&pool_mu);
		pool_open--;
		pthread_cond_signal(&pool_cv);
		pthread_mutex_unlock(&pool_mu);
		return NULL;
	}
	if (st == NULL)
		log_warnx("http: no database connection free for %d s",
		    HTTP_DB_WAIT_S);
	return st;
}

static void
db_put(struct store *st)
{
	if (st == NULL)
		return;
	pthread_mutex_lock(&pool_mu);
	pool_free[pool_nfree++] = st;
	pthread_cond_signal(&pool_cv);
	pthread_mutex_unlock(&pool_mu);
}

static int
log_message(const struct mg_connection *conn, const char *msg)
{
	(void)conn;
	log_warnx("civetweb: %s", msg);
	return 1;
}

void
http_header(struct req *r, const char *name, const char *value)
{
	buf_addf(&r->hdr, "%s: %s\r\n", name, value);
}

void
http_redirect(struct req *r, const char *location)
{
	const char	*p;

	/* Never a header line break, whoever built the target. */
	for (p = location; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			log_warnx("http: refused redirect target with a control "
			    "character");
			location = "/";
			break;
		}
	http_header(r, "Location", location);
}

int
http_local_path(const char *s)
{
	size_t	 i;

	if (s == NULL || s[0] != '/' || s[1] == '/' || s[1] == '\\')
		return 0;
	for (i = 0; s[i]; i++) {
		unsigned char	 c = (unsigned char)s[i];

		if (i >= HTTP_MAX_NEXT || c <= 0x20 || c >= 0x7f || c == '\\')
			return 0;
	}
	return 1;
}

void
http_cookie(struct req *r, const char *name, const char *value, int max_age)
{
	buf_addf(&r->hdr, "Set-Cookie: %s=%s; Path=/; HttpOnly; SameSite=Lax%s",
	    name, value, r->secure ? "; Secure" : "");
	if (max_age >= 0)
		buf_addf(&r->hdr, "; Max-Age=%d", max_age);
	buf_adds(&r->hdr, "\r\n");
}

const char *
http_query(struct req *r, const char *name)
{
	return form_get(&r->q, name);
}

const char *
http_param(struct req *r, const char *name)
{
	return form_get(&r->f, name);
}

const char *
http_header_in(struct req *r, const char *name)
{
	return mg_get_header(r->conn, name);
}

const char *
http_query_string(const struct req *r)
{
	return r->ri->query_string;
}

const char *
http_peer_addr(const struct req *r)
{
	return r->ri->remote_addr;
}

/*
 * The status line and headers in one buffer. Answers go out in a single
 * write (head + body): CivetWeb's mg_response_header_* API sends each
 * header line with its own syscall, which cost half the throughput.
 */
static void
head(struct req *r, struct buf *h, int status, const char *ctype,
    long long len)
{
	buf_adds(h, "HTTP/1.1 ");
	buf_addi(h, status);
	buf_addc(h, ' ');
	buf_adds(h, mg_get_response_code_text(r->conn, status));
	buf_adds(h, "\r\n");
	if (r->hdr.n == 0 || strstr(r->hdr.p, "Content-Security-Policy:") ==
	    NULL)
		buf_add(h, csp, sizeof(csp) - 1);
	buf_add(h, security_headers, sizeof(security_headers) - 1);
	if (ctype) {
		buf_adds(h, "Content-Type: ");
		buf_adds(h, ctype);
		buf_adds(h, "\r\n");
	}
	if (len >= 0) {
		buf_adds(h, "Content-Length: ");
		buf_addi(h, len);
		buf_adds(h, "\r\n");
	} else if (!r->v10)
		buf_adds(h, "Transfer-Encoding: chunked\r\n");
	/* HTTP/1.0 has no chunked encoding: a streamed body ends at close. */
	if (r->close || (len < 0 && r->v10))
		buf_adds(h, "Connection: close\r\n");
	else if (r->v10)
		buf_adds(h, "Connection: keep-alive\r\n");
	/* Pages are per-user: never cached unless the handler said so. */
	if (r->hdr.n == 0 || strstr(r->hdr.p, "Cache-Control:") == NULL)
		buf_adds(h, "Cache-Control: no-store\r\n");
	buf_add(h, r->hdr.p, r->hdr.n);
	buf_adds(h, "\r\n");
}

void
http_head_room(struct req *r)
{
	static const char	 room[HTTP_HEAD_RESERVE];

	if (r->out.n != 0)
		return;
	buf_add(&r->out, room, sizeof(room));
	r->out_off = r->out.oom ? 0 : sizeof(room);
}

void
http_head_room_drop(struct req *r)
{
	buf_reset(&r->out);
	r->out_off = 0;
}

/* Head and body in one write: the head built into the room in front of
   the body (http_head_room), else both copied into one buffer. */
static void
send_answer(struct req *r, int status, const char *ctype)
{
	struct buf	 h = { 0 };
	size_t		 off = r->out_off, blen = r->out.n - off;
	int		 body = strcmp(r->method, "HEAD") != 0;
	char		*start;

	if (off > 0) {
		/* A 512-byte block: malloc's per-thread cache, no lock. */
		buf_reserve(&h, 511);
		head(r, &h, status, ctype, (long long)blen);
		if (!h.oom && h.n <= off) {
			start = r->out.p + off - h.n;
			memcpy(start, h.p, h.n);
			mg_write(r->conn, start, h.n + (body ? blen : 0));
			buf_free(&h);
			return;
		}
		buf_reset(&h);
	}
	buf_reserve(&h, HTTP_HEAD_RESERVE + r->hdr.n + blen);
	head(r, &h, status, ctype, (long long)blen);
	if (body)
		buf_add(&h, r->out.p + off, blen);
	if (!h.oom)
		mg_write(r->conn, h.p, h.n);
	buf_free(&h);
}

int
http_stream_begin(struct req *r, int status, const char *ctype,
    const char *filename)
{
	struct buf	 h = { 0 };
	int		 rc;

	if (filename) {
		buf_addf(&r->hdr, "Content-Disposition: attachment; "
		    "filename=\"%s\"\r\n", filename);
	}
	r->sent = 1;
	r->status = status;
	head(r, &h, status, ctype, -1);
	rc = h.oom ? -1 : mg_write(r->conn, h.p, h.n) < 0 ? -1 : 0;
	buf_free(&h);
	return rc;
}

int
http_chunk(struct req *r, const void *p, size_t n)
{
	if (n > 0xffffffffu)
		return -1;
	if (r->v10)	/* unframed; the end of the body is the close */
		return n == 0 || mg_write(r->conn, p, n) == (int)n ? 0 : -1;
	return mg_send_chunk(r->conn, p, (unsigned int)n) < 0 ? -1 : 0;
}

/* Split the path into segments; r->path keeps the whole. Empty
   segments ("//") are skipped. */
static int
split_path(struct req *r, const char *uri)
{
	size_t	 n = strlen(uri);
	char	*p;

	if (n >= sizeof(r->path))
		return -1;
	memcpy(r->path, uri, n + 1);
	memcpy(r->segbuf, uri, n + 1);
	r->nseg = 0;
	for (p = r->segbuf; *p != '\0'; ) {
		if (*p == '/') {
			*p++ = '\0';
			continue;
		}
		if (r->nseg == HTTP_MAX_SEGS)
			return -1;
		r->seg[r->nseg++] = p;
		while (*p != '\0' && *p != '/')
			p++;
	}
	return 0;
}

/* Bodies above HTTP_MAX_BODY being held (ROUTE_UPLOAD routes). */
static int		 big_bodies;
static pthread_mutex_t	 big_mu = PTHREAD_MUTEX_INITIALIZER;

static int
read_body(struct req *r, size_t max)
{
	long long	 cl = r->ri->content_length;
	size_t		 cap, n = 0;
	int		 got;

	cap = cl >= 0 ? (size_t)cl : 4096;
	if (cl > (long long)max)
		return 413;
	/* A large body only with its length stated, and only so many at
	   once: they are read before anyone is known to be signed in. */
	if (cl < 0 && max > HTTP_MAX_BODY)
		max = HTTP_MAX_BODY;
	if (cl > (long long)HTTP_MAX_BODY) {
		pthread_mutex_lock(&big_mu);
		if (big_bodies < HTTP_UPLOADS_MAX) {
			big_bodies++;
			r->big = 1;
		}
		pthread_mutex_unlock(&big_mu);
		if (!r->big) {
			http_header(r, "Retry-After", "5");
			return 503;
		}
	}
	if ((r->body = malloc(cap + 1)) == NULL)
		return HTTP_OOM;
	for (;;) {
		if (n == cap) {
			char	*nb;

			if (cl >= 0)
				break;
			if (cap >= max)
				return 413;
			cap = cap * 2 > max ? max : cap * 2;
			if ((nb = realloc(r->body, cap + 1)) == NULL)
				return HTTP_OOM;
			r->body = nb;
		}
		got = mg_read(r->conn, r->body + n, cap - n);
		if (got < 0)
			return 400;
		if (got == 0)
			break;
		n += (size_t)got;
	}
	if (cl >= 0 && n != (size_t)cl)
		return 400;
	r->body[n] = '\0';
	r->bodylen = n;
	return 0;
}

static void
client_addr(struct req *r)
{
	const char	*xff, *xfp, *last;
	size_t		 n = strnlen(r->ri->remote_addr, sizeof(r->ip) - 1);

	memcpy(r->ip, r->ri->remote_addr, n);
	r->ip[n] = '\0';
	if (cfg.proxy[0] == '\0' || strcmp(r->ip, cfg.proxy) != 0)
		return;
	/* Only the configured proxy may speak for the client. */
	if ((xff = mg_get_header(r->conn, "X-Forwarded-For")) != NULL) {
		last = strrchr(xff, ',');
		last = last ? last + 1 : xff;
		while (*last == ' ')
			last++;
		snprintf(r->ip, sizeof(r->ip), "%.*s",
		    (int)strcspn(last, " ,"), last);
	}
	xfp = mg_get_header(r->conn, "X-Forwarded-Proto");
	r->secure = xfp != NULL && strcasecmp(xfp, "https") == 0;
}

/*
 * Whether CivetWeb keeps this connection open after the answer, decided
 * the way it does (should_keep_alive): an explicit Connection header
 * rules, else HTTP/1.1 means keep-alive. The answer says so, so that a
 * client never sends its next request into a closing socket.
 */
static void
conn_mode(struct req *r)
{
	const char	*c = mg_get_header(r->conn, "Connection");
	const char	*v = r->ri->http_version;
	const char	*p;
	size_t		 n;

	r->v10 = v == NULL || strcmp(v, "1.1") != 0;
	if (c == NULL) {
		r->close = r->v10;
		return;
	}
	r->close = 1;
	for (p = c; *p; p += n) {
		p += strspn(p, " \t,");
		n = strcspn(p, " \t,");
		if (n == 10 && strncasecmp(p, "keep-alive", 10) == 0)
			r->close = 0;
	}
}

/*
 * Bahasa Indonesia unless the user chose English with the switch (the
 * cookie): ASN work in Indonesian, and a browser set up in English (common
 * on office machines) is no choice of theirs. Accept-Language is ignored.
 */
static void
pick_lang(struct req *r)
{
	char		 v[8];

	r->lang = LANG_ID;
	if (form_cookie(mg_get_header(r->conn, "Cookie"), HTTP_LANG_COOKIE,
	    v, sizeof(v)) > 0)
		r->lang = strcmp(v, "en") == 0 ? LANG_EN : LANG_ID;
}

static void
finish(struct req *r, int status, double t0, int api)
{
	if (!r->sent) {
		/* Head room is for a complete 200 page only. */
		if (r->out_off > 0 && (r->out.oom || status != 200 ||
		    r->out.n < r->out_off))
			http_head_room_drop(r);
		if (r->out.oom) {
			buf_reset(&r->out);
			status = HTTP_OOM;
		}
		if (status >= 400 && r->out.n == 0)
			error_set(r, status, NULL);
		if (status == HTTP_OOM && (r->hdr.n == 0 ||
		    strstr(r->hdr.p, "Retry-After:") == NULL))
			http_header(r, "Retry-After", "2");
		if (status == 401 && api)
			http_header(r, "WWW-Authenticate", "Bearer");
		/* xAPI 1.0.3 part 3, 3.3: the version on every answer of
		   the xAPI resources, errors included (xapi.c). */
		if (api && r->ri->local_uri &&
		    strncmp(r->ri->local_uri, "/api/v1/xapi", 12) == 0 &&
		    (r->ri->local_uri[12] == '/' || r->ri->local_uri[12] == '\0'))
			http_header(r, "X-Experience-API-Version", "1.0.3");
		send_answer(r, status, r->out.n || status < 300 ||
		    status >= 400 ? (r->ctype ? r->ctype :
		    "text/html; charset=utf-8") : NULL);
	}
	log_request(r->method, r->path, status, now_ms() - t0, r->who);
	form_free(&r->q);
	form_free(&r->f);
	free(r->body);
	if (r->big) {
		pthread_mutex_lock(&big_mu);
		big_bodies--;
		pthread_mutex_unlock(&big_mu);
		r->big = 0;
	}
	buf_free(&r->out);
	buf_free(&r->hdr);
}

static int
dispatch(struct mg_connection *conn, void *cbdata)
{
	struct req		 r;
	const struct route	*rt;
	const char		*qs, *ct;
	double			 t0 = now_ms();
	int			 status, method_ok, api = 0;

	(void)cbdata;
	/* All but the large members at the end (http.h): the path buffers
	   are written before they are read, and a form reads only its
	   first n fields. */
	memset(&r, 0, offsetof(struct req, path));
	r.path[0] = r.segbuf[0] = '\0';
	r.q.n = r.f.n = 0;
	r.q.mem = r.f.mem = NULL;
	r.conn = conn;
	r.ri = mg_get_request_info(conn);
	r.method = r.ri->request_method;
	r.now = clock_now();
	client_addr(&r);
	conn_mode(&r);
	pick_lang(&r);
	/* API clients get JSON errors even before a route is matched. */
	api = r.api = r.ri->local_uri &&
	    strncmp(r.ri->local_uri, "/api/", 5) == 0;
	if (split_path(&r, r.ri->local_uri ? r.ri->local_uri : "/") == -1) {
		snprintf(r.path, sizeof(r.path), "(long path)");
		status = 414;
		goto done;
	}
	qs = r.ri->query_string;
	if (qs && form_parse(&r.q, qs, strlen(qs)) == -1) {
		status = 400;
		goto done;
	}
	if ((rt = route_match(&r, &method_ok)) == NULL) {
		char	 allow[32];

		status = method_ok ? 404 : 405;
		if (!method_ok) {
			route_allow(&r, allow, sizeof(allow));
			http_header(&r, "Allow", allow);
		}
		goto done;
	}
	api = r.api = (rt->flags & ROUTE_API) != 0;
	r.post = strcmp(r.method, "POST") == 0;
	if (r.post) {
		if ((status = read_body(&r, rt->flags & ROUTE_UPLOAD ?
		    HTTP_MAX_UPLOAD : HTTP_MAX_BODY)) != 0)
			goto done;
		ct = mg_get_header(conn, "Content-Type");
		if (ct && strncasecmp(ct, "application/x-www-form-urlencoded",
		    33) == 0 && form_parse(&r.f, r.body, r.bodylen) == -1) {
			status = 400;
			goto done;
		}
	}
	/* A database connection only for a request that is all here: a slow
	   body holds a worker, never one of the pooled connections. */
	if ((r.st = db_get()) == NULL) {
		http_header(&r, "Retry-After", "2");
		status = 503;
		goto done;
	}
	if (api && mg_get_header(conn, "Authorization") != NULL) {
		/* Token requests are authorised by the handler (api.c). */
	} else {
		if (auth_session_load(&r) == -1) {
			/* The store logged why; the client tries again. */
			http_header(&r, "Retry-After", "2");
			status = 503;
			goto done;
		}
		if (rt->roles && r.user.id == 0) {
			if (api) {
				status = 401;
				goto done;
			}
			buf_reset(&r.hdr);
			buf_adds(&r.hdr, "Location: /login?next=");
			buf_url(&r.hdr, r.path);
			buf_adds(&r.hdr, "\r\n");
			status = 303;
			goto done;
		}
		if (rt->roles && !(rt->roles & r.user.role)) {
			status = 403;
			goto done;
		}
		if (r.post && !(rt->flags & ROUTE_NOCSRF) && !auth_csrf_ok(&r)) {
			log_warnx("csrf: rejected %s %s from %s", r.method,
			    r.path, r.ip);
			status = 403;
			goto done;
		}
	}
	status = rt->fn(&r);
done:
	/* Given back before the answer is written: a slow reader holds a
	   worker, never a connection (streamed answers are written while
	   their query runs, so they hold one to the end). */
	db_put(r.st);
	r.st = NULL;
	finish(&r, status, t0, api);
	return status;
}

int
http_start(void)
{
	struct mg_callbacks	 cb;
	char			 ports[96], threads[16];
	const char		*opts[] = {
		"listening_ports", ports,
		"num_threads", threads,
		"enable_keep_alive", "yes",
		"tcp_nodelay", "1",
		/* Short: a slow or idle client holds a worker thread. CivetWeb
		   gives a request's head request_timeout_ms in all (trickling
		   does not extend it), a keep-alive connection's next head
		   keep_alive_timeout_ms; a body read or an answer write that
		   makes no progress for request_timeout_ms ends the
		   connection. Behind nginx (docs/deploy.md) only nginx talks to
		   us, over loopback, so short costs nothing there. */
		"request_timeout_ms", HTTP_REQUEST_TIMEOUT_MS,
		"keep_alive_timeout_ms", HTTP_KEEPALIVE_TIMEOUT_MS,
		/* No linger_timeout_ms: 0 meant SO_LINGER {1, 0}, so close()
		   reset the connection and dropped whatever of the answer was
		   still in the socket buffer (large answers with Connection:
		   close, HTTP/1.0, the tail of a pipelined batch). Without
		   SO_LINGER close() returns at once and the kernel delivers the
		   rest, holding no worker. */
		/* Exam starts arrive as bursts of new connections: queue them
		   (accepted, waiting for a worker) instead of refusing. */
		"connection_queue", "2048",
		"listen_backlog", "2048",
		NULL
	};

	snprintf(ports, sizeof(ports), "%s:%d", cfg.listen, cfg.port);
	snprintf(threads, sizeof(threads), "%d", cfg.threads);
	memset(&cb, 0, sizeof(cb));
	cb.log_message = log_message;
	mg_init_library(0);
	if ((ctx = mg_start(&cb, NULL, opts)) == NULL) {
		log_warnx("http: cannot listen on %s", ports);
		return -1;
	}
	/* "/" matches every path by prefix: route.c owns the URL map. */
	mg_set_request_handler(ctx, "/", dispatch, NULL);
	return 0;
}

void
http_stop(void)
{
	if (ctx)
		mg_stop(ctx);
	ctx = NULL;
	pthread_mutex_lock(&pool_mu);
	while (pool_nfree > 0) {
		store_close(pool_free[--pool_nfree]);
		pool_open--;
	}
	pthread_mutex_unlock(&pool_mu);
	mg_exit_library();
}
