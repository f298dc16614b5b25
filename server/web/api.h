/*
 * api: the HR API under /api/v1 (docs/api.md). Read-only JSON, CSV and
 * XLSX views of the competency record for HR information systems.
 *
 * Authentication (api_begin, first thing in every handler): either
 * "Authorization: Bearer TOKEN" naming an active token (lentera token,
 * token.c; only the token's BLAKE2b hash is stored) or, with no
 * Authorization header, a browser session of role hr or admin (http.c has
 * already answered 401 without a session and 403 for other roles from
 * the ROUTE_API table entry). Bad, unknown or revoked token: 401. Each
 * authorised call writes one audit row ("api.call": token or NIP, path
 * and query), and r->who names the token for the access log. One audit
 * insert is a synchronous write (~0.25 ms); API calls are few and each
 * returns many rows, so the cost is per call, never per row.
 *
 * Errors are JSON {"error": "...", "status": N}: 400 for every bad
 * parameter (with a message naming it), 401, 403, 404, 422 (an XLSX with
 * more rows than one Excel sheet holds: counted first, refused before any
 * byte of the file), 500. A browser download (hr/admin session, no
 * Authorization header, Accept naming text/html: a link clicked on an HR
 * page) gets the same status with an HTML page instead, so the browser
 * shows why and offers the way back.
 *
 * Downloads (CSV, XLSX) are named after every filter they honour
 * (lentera-completions-2026-bkpsdm-k-x-teknis.csv). XLSX is for people:
 * Indonesian column titles, real date and number cells, widths that fit
 * an 18-digit NIP, and a second sheet naming the filters and each
 * column's fixed CSV/API name.
 *
 * CSV and XLSX stream row by row in chunks (http_stream_begin/http_chunk)
 * in constant memory; JSON is paginated (API_MAX_PER_PAGE rows at most)
 * and built in r->out.
 */
#ifndef LENTERA_API_H
#define LENTERA_API_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "export.h"
#include "slug.h"

#define API_MAX_PER_PAGE	1000
#define API_DEF_PER_PAGE	100
#define API_MAX_PAGE		1000000
#define API_TOKEN_MAX		128	/* bytes of a bearer token */
#define API_UNIT_MAX		255	/* bytes of a unit kerja filter */
#define API_COURSE_MAX		64	/* bytes of a course id filter */
#define API_SINCE_MAX		40	/* bytes of a since timestamp */
#define API_SINCE_MSG	"since must be yyyy-mm-dd or yyyy-mm-ddThh:mm:ss[.fff]" \
	" with Z or an offset such as +07:00 (a real date, 2000..2100)"
#define API_HOST_MAX		255	/* bytes of the Host header we echo */
#define API_SLUG_MAX		SLUG_MAX	/* bytes of one filter in a file name */
#define API_FNAME_MAX		(64 + 5 * (API_SLUG_MAX + 1) + 16)

struct req;
struct buf;

/* Authenticate, audit, set r->who; 0 go on, else the status to return. */
int	api_begin(struct req *);
/* The error answer for status with msg; returns status. The API's name
   for error_set (error.h builds every error answer: JSON here, or the
   download-failed page for a browser download). */
#define api_fail(r, status, msg)	error_set((r), (status), (msg))
/* "yyyy-mm-dd" (00:00 WIB) or "yyyy-mm-ddThh:mm:ss[.fff](Z|+hh:mm)",
   rounded down to the second; -1 if invalid. */
int	api_parse_since(const char *, int64_t *);
/* The base of absolute links and xAPI ids: --base-url, else
   "http(s)://host" as the client addressed it (normalised). */
void	api_base_url(struct req *, struct buf *);
/* The server's own public URL for what is printed, signed or put in a QR
   code: --base-url, else http://LISTEN:PORT (never the request's Host). */
void	api_public_url(struct buf *);
/* Date of t in WIB as yyyy-mm-dd (11 bytes). */
void	api_date(int64_t t, char out[11]);

/*
 * Downloads (api_download.c): what a CSV/XLSX says about itself.
 *
 * api_download_browser: 1 when r is a browser download (hr/admin session,
 * no Authorization header, Accept naming text/html). api_download_fail
 * sets the error page of such a download (msg in a notice, detail as
 * code, an optional CSV link, a link back to /hr) and returns status.
 * api_download_query appends "&year=..&unit=..&course=..&type=..&since=.."
 * (URL-encoded) for the filters set. api_download_fname writes
 * base-YEAR|all[-unit][-course][-type][-since-DATE], each filter made
 * file-name safe (API_SLUG_MAX bytes of lower-case ASCII letters and
 * digits, other runs '-'). api_download_notes writes the XLSX notes sheet
 * (title, the person u if not NULL, filters, time made, rows): 0 ok, -1
 * error (a no-op 0 for CSV/JSON). api_download_too_big answers 422 for an
 * XLSX of rows rows (JSON, or the page with a CSV link of path).
 */
struct export;
struct report_filter;
struct user;
int	api_download_browser(struct req *);
int	api_download_fail(struct req *, int status, const char *msg,
	    const char *detail, const char *csv_link);
void	api_download_query(struct buf *, const struct report_filter *,
	    const char *since);
void	api_download_fname(char *out, size_t len, const char *base,
	    const struct report_filter *, const char *since);
int	api_download_notes(struct req *, struct export *, const char *title,
	    const struct user *, const struct report_filter *,
	    const char *since, int64_t rows);
int	api_download_too_big(struct req *, const char *path,
	    const struct report_filter *, const char *since, int64_t rows);

/* Handlers (route.c). */
int	api_completions(struct req *);
int	api_learner_record(struct req *);
int	api_jp_summary(struct req *);
/* GET /api/v1/ledger: every ledger entry with source, kind, status and
   rule ref (the report filters; since on the entry date). */
int	api_ledger(struct req *);
int	xapi_statements(struct req *);
int	xapi_about(struct req *);	/* GET /api/v1/xapi/about, public */
int	api_not_found(struct req *);	/* any other /api path: JSON 404 */

#endif
