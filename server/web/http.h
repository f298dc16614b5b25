/*
 * http: CivetWeb glue. One catch-all CivetWeb handler builds a struct req
 * (the one request context every handler gets), routes it (route.c),
 * checks role and CSRF, calls the handler and sends the answer in one
 * place (http_finish): status line, security headers, cookies, body or
 * error page, access-log line.
 *
 * Handlers return an HTTP status. 2xx: r->out is sent with r->ctype
 * (unless the handler already streamed the response and set r->sent).
 * 3xx: http_redirect set Location. >= 400: if r->out is empty the
 * standard error answer for that status is built (error.h: an HTML page,
 * or JSON on API routes); a handler with something to say calls
 * error_set(r, status, message) and returns its result.
 *
 * Out of memory is answered HTTP_OOM (503) everywhere: it is a passing
 * condition of this process (a burst of large exports, a heavy quiz),
 * not a fault in the request or a bug, so the answer says "try again"
 * (503 with Retry-After, which clients and nginx honour) as the busy
 * database pool does; 500 stays for what a retry will not fix.
 *
 * The request owns everything in it; http_finish frees it.
 */
#ifndef LENTERA_HTTP_H
#define LENTERA_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "config.h"
#include "form.h"
#include "store.h"

#define HTTP_MAX_BODY		(1u << 20)	/* 413 above */
#define HTTP_MAX_UPLOAD		((6u << 20) + (64u << 10))	/* ROUTE_UPLOAD:
					   a 5 MiB file, its form, its framing */
#define HTTP_UPLOADS_MAX	8	/* bodies above HTTP_MAX_BODY in memory
					   at once (read before the session is
					   known); more: 503 with Retry-After */
#define HTTP_MAX_SEGS		8
#define HTTP_MAX_PATH		1024		/* 414 above */
#define HTTP_SESSION_IDLE	(2 * 3600)	/* seconds */
#define HTTP_SESSION_MAX	(12 * 3600)	/* absolute */
/* The direct port's slow-client bounds (docs/deploy.md has the figures).
   Workers are cheap (they share a pool of database connections), so
   there are many: slow clients each hold one for at most these times. */
#define HTTP_THREADS_DEFAULT	1024
#define HTTP_THREADS_MAX	4096
#define HTTP_REQUEST_TIMEOUT_MS	"2000"
#define HTTP_KEEPALIVE_TIMEOUT_MS "1000"
/* Database connections for all workers, and so the requests that run at
   once (the rest wait for one, asleep). 128 let a burst of 1,000 fresh
   connections run together: the group-commit writer competed with
   hundreds of runnable workers and the start p99 was 500-790 ms; with 16
   it was 44-83 ms (1,000 learners in 1 s), and the peak RSS before any
   login fell from 47.5 to 43.5 MB (each connection has its schema,
   statement cache and up to 1 MiB of page cache). A caller waiting for
   the group commit holds one, so a batch is at most this many jobs. */
#define HTTP_DB_POOL		16
#define HTTP_HEAD_RESERVE	1024	/* status line + fixed headers, bytes */
/* With PostgreSQL each is a server process, and every node has a pool:
   nodes x this must stay under max_connections (docs/deploy.md). */
#define HTTP_DB_POOL_PG		32
#define HTTP_DB_WAIT_S		30	/* for a free one (a queue, like the
					   accept queue); then 503 */
#define HTTP_SESSION_COOKIE	"lentera_sid"
#define HTTP_LANG_COOKIE	"lentera_lang"
#define HTTP_OOM		503	/* out of memory: see above */

struct mg_connection;
struct mg_request_info;

enum lang { LANG_ID = 0, LANG_EN = 1 };

struct req {
	/* CivetWeb's, for http.c alone (only it includes civetweb.h, so
	   nothing else can look inside): pages use the accessors below. */
	struct mg_connection		*conn;
	const struct mg_request_info	*ri;
	struct store			*st;
	const char	*method;
	const char	*seg[HTTP_MAX_SEGS];	/* path split at '/' */
	int		 nseg;
	int		 post;
	char		*body;		/* raw POST body, NUL-terminated */
	size_t		 bodylen;
	struct user	 user;		/* id 0: anonymous */
	unsigned char	 sid[32];	/* hash of the session token */
	int64_t		 epoch;		/* the revocation epoch read for it */
	int		 epoch_ok;	/* read: sesscache may be used */
	char		 csrf[65];
	char		 ip[64];
	int		 secure;	/* https at the trusted proxy */
	enum lang	 lang;
	const char	*who;		/* for the access log: NIP or token name */
	struct buf	 out;
	struct buf	 hdr;		/* extra header lines, each ending \r\n */
	const char	*ctype;
	int		 sent;
	int		 status;	/* of a streamed answer */
	int64_t		 now;
	int		 close;		/* the connection ends after this answer */
	int		 v10;		/* HTTP/1.0 client: no chunked encoding */
	int		 api;		/* an API route (ROUTE_API or /api/):
					   JSON errors (error.h) */
	int		 big;		/* holds one of HTTP_UPLOADS_MAX */
	size_t		 out_off;	/* r->out bytes kept for the head
					   (http_head_room) */
	/* The large members last: dispatch zeroes everything above and
	   sets only what these need (10 KB not cleared per request). */
	char		 path[HTTP_MAX_PATH];
	char		 segbuf[HTTP_MAX_PATH];
	struct form	 q;		/* query string */
	struct form	 f;		/* urlencoded POST body */
};

int	http_start(void);	/* starts CivetWeb; -1 on failure */
void	http_stop(void);

void	http_redirect(struct req *, const char *location);
/*
 * 1 if s is a path on this site and nothing else, so it may be sent as
 * a Location: '/' then anything but '/' or '\\', only printable ASCII
 * without '\\' (browsers drop TAB/CR/LF, read '\\' as '/' and strip
 * leading blanks, so "/\t/evil" and "/\\evil" mean //evil), at most
 * HTTP_MAX_NEXT bytes. Anything else (absolute URLs, "//host",
 * "//user@host", controls, non-ASCII) is refused, never repaired.
 */
#define HTTP_MAX_NEXT	512
int	http_local_path(const char *s);
void	http_header(struct req *, const char *name, const char *value);
void	http_cookie(struct req *, const char *name, const char *value,
	    int max_age);
const char *http_query(struct req *, const char *name);
const char *http_param(struct req *, const char *name);	/* POST field */
const char *http_header_in(struct req *, const char *name);
/* The request as it came, for pages that log or audit it: the raw query
   string (NULL when there is none) and the peer's socket address (r->ip
   is the client, the trusted proxy's X-Forwarded-For included). */
const char *http_query_string(const struct req *);
const char *http_peer_addr(const struct req *);
/*
 * Keep HTTP_HEAD_RESERVE bytes at the start of r->out (empty when
 * called) for the status line and headers, so that a large answer goes
 * out in one write without being copied behind its head. For a handler
 * that writes its body with appends only (never resets or inspects
 * r->out): the hot module page. A handler that fails after it calls
 * http_head_room_drop (empties r->out).
 */
void	http_head_room(struct req *);
void	http_head_room_drop(struct req *);
/* Streaming: send the status line and headers now (chunked body);
   then http_chunk for each piece, http_chunk(r, NULL, 0) to end. */
int	http_stream_begin(struct req *, int status, const char *ctype,
	    const char *filename);
int	http_chunk(struct req *, const void *, size_t);

#endif
