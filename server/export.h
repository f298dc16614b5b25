/*
 * export: one row writer for every report format (JSON, CSV, XLSX), so
 * a report is formatted once and an endpoint only picks the format.
 *
 * The caller describes the columns (CSV/XLSX header name, JSON key,
 * type) and passes each row as text cells; export writes them to a sink
 * through emit(arg, bytes, n) (0 to go on, non-zero: stop, the writer
 * then fails). Memory stays constant whatever the row count: CSV and JSON
 * bytes are handed to emit every EXPORT_FLUSH bytes; XLSX rows go to
 * xlsx.c's temp file and the workbook is emitted by export_finish.
 *
 * Cells by type:
 *  EXPORT_TEXT  JSON string; CSV field with RFC 4180 quoting and the
 *               formula guard (csv.c); XLSX text cell.
 *  EXPORT_NUM   JSON number (null when empty); CSV bare number; XLSX
 *               number. A cell that is not a plain decimal number is
 *               written as text instead (never raw into JSON).
 *  EXPORT_BOOL  "1" or "0": JSON true/false; CSV/XLSX "ya"/"tidak"
 *               (Indonesian, for HR staff reading the sheet).
 *
 * JSON rows are objects separated by commas with nothing around them:
 * the caller frames them ({"data":[ ... ]}) with export_raw, which only
 * JSON accepts. CSV lines end with CRLF; there is no BOM (consumers read
 * the header name "nip" as is; Excel users take XLSX).
 *
 * export_open: NULL on error (reason in err). export_row/export_raw: 0 ok,
 * -1 error (emit stopped, out of memory, sheet full: export_error()).
 * export_finish flushes and frees (0 ok, -1 error with the reason in
 * err); export_abort frees without writing more. Both free the writer
 * whatever happens.
 */
#ifndef LENTERA_EXPORT_H
#define LENTERA_EXPORT_H

#include <stddef.h>

#define EXPORT_FLUSH	(64 * 1024)	/* bytes buffered before emit */
#define EXPORT_MAX_COLS	32

enum export_fmt { EXPORT_JSON, EXPORT_CSV, EXPORT_XLSX };
enum export_type { EXPORT_TEXT, EXPORT_NUM, EXPORT_BOOL };

struct export_col {
	const char	*csv;		/* header in CSV and XLSX */
	const char	*json;		/* key in JSON */
	enum export_type type;
};

typedef int (*export_emit)(void *arg, const void *p, size_t n);

struct export;

/* "json" | "csv" | "xlsx" (NULL or "" is json); -1 unknown. */
int	export_parse_fmt(const char *, enum export_fmt *);
const char *export_ctype(enum export_fmt);
const char *export_ext(enum export_fmt);

struct export *export_open(enum export_fmt, const char *sheet,
	    const struct export_col *cols, int ncols, export_emit emit,
	    void *arg, char *err, size_t errlen);
int	export_row(struct export *, const char *const *cells);
int	export_raw(struct export *, const char *json);
int	export_finish(struct export *, char *err, size_t errlen);
void	export_abort(struct export *);
const char *export_error(const struct export *);
long long export_rows(const struct export *);

#endif
