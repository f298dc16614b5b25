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
 *  EXPORT_DATE  "yyyy-mm-dd" (WIB): JSON string, CSV text, XLSX a real
 *               date cell shown as yyyy-mm-dd (sortable, filterable).
 *
 * XLSX is for people: its header row shows each column's label (an
 * Indonesian title; NULL: the CSV name), columns get the given width in
 * characters (0: from the header) and number format (xfmt, e.g. "0.0";
 * "@" keeps a column text), and export_notes adds a second sheet,
 * EXPORT_NOTES_SHEET, with a title, caller-given label/value pairs (the
 * filters of the export) and the list of sheet titles with their fixed
 * CSV/API names. CSV and JSON use only the csv and json names: those are
 * the machine contract.
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
#define EXPORT_NOTES_SHEET "Keterangan"

enum export_type { EXPORT_TEXT, EXPORT_NUM, EXPORT_BOOL, EXPORT_DATE };

struct export_col {
	const char	*csv;		/* header in CSV (the contract) */
	const char	*json;		/* key in JSON */
	enum export_type type;
	const char	*label;		/* XLSX header; NULL: csv */
	double		 width;		/* XLSX column width; 0: auto */
	const char	*xfmt;		/* XLSX number format; NULL: General */
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
/* XLSX only (a no-op for CSV/JSON): the notes sheet; pairs holds npairs
   label/value pairs. 0 ok, -1 error. */
int	export_notes(struct export *, const char *title,
	    const char *const *pairs, int npairs);
int	export_row(struct export *, const char *const *cells);
int	export_raw(struct export *, const char *json);
int	export_finish(struct export *, char *err, size_t errlen);
void	export_abort(struct export *);
const char *export_error(const struct export *);
long long export_rows(const struct export *);

#endif
