/*
 * xlsx: streaming one-sheet XLSX writer for HR exports, on libxlsxwriter
 * in constant_memory mode (each row goes to a temp file as it is written,
 * so memory does not grow with the row count).
 *
 * xlsx_open starts a workbook in a private temp file under $TMPDIR (or
 * /tmp) and writes the header row: bold, autofilter over all columns,
 * first row frozen. NULL on error with a reason in err. The caller owns
 * the struct xlsx until xlsx_finish or xlsx_abort, which free it (and
 * delete the temp files) whatever they return.
 *
 * xlsx_column (after xlsx_open, before the first row) sets a column's
 * width in characters (0: keep the default from the header length) and
 * a number format for its cells (NULL: General; e.g. "0.0", "@" for
 * text, "yyyy-mm-dd"). xlsx_notes adds a second sheet of two-column rows
 * (cells[2*i], cells[2*i+1]); a row whose second cell is NULL is a bold
 * heading. Both: 0 ok, -1 error (xlsx_error()).
 *
 * xlsx_row writes the next data row: ncols must equal the header's.
 * kind[i] (kind may be NULL: all text) says how cell i is written:
 * XLSX_TEXT text; XLSX_NUMBER a number when it parses fully as a finite
 * decimal; XLSX_DATE a real date cell (a serial number with the column's
 * format, default XLSX_DATE_FORMAT) when it is a valid "yyyy-mm-dd";
 * a cell that is not what its kind asks for is written as text. NULL or
 * "" cells are left blank. Text cells are always text, never
 * formulas, so values like "=1+1" are inert. Text is made safe for the XML: invalid UTF-8 bytes become
 * U+FFFD, control characters other than TAB/LF/CR are dropped, and cells
 * are cut at XLSX_MAX_CELL bytes on a character boundary (Excel's limit).
 * 0 ok, -1 error: the sheet is full (XLSX_MAX_ROWS data rows, Excel's
 * 1,048,576-row limit including the header) or the library failed; the
 * reason is in xlsx_error(). After an error only xlsx_abort is useful.
 *
 * xlsx_finish closes the workbook and hands its bytes to emit in chunks of
 * up to 64 KiB (emit returns 0 to go on, non-zero to stop: then -1), then
 * deletes the temp file and frees x. 0 ok, -1 error. xlsx_abort discards.
 */
#ifndef LENTERA_XLSX_H
#define LENTERA_XLSX_H

#include <stddef.h>

#define XLSX_MAX_COLS	256		/* our exports are narrow */
#define XLSX_MAX_ROWS	1048575		/* data rows below the header */
#define XLSX_MAX_CELL	32767		/* bytes of text in one cell */
#define XLSX_DATE_FORMAT "yyyy-mm-dd"	/* as in the CSV and the API */

enum { XLSX_TEXT = 0, XLSX_NUMBER = 1, XLSX_DATE = 2 };

struct xlsx;

struct xlsx *xlsx_open(const char *sheet_name, const char *const *headers,
	    int ncols, char *err, size_t errlen);
int	xlsx_column(struct xlsx *, int col, double width,
	    const char *num_format);
int	xlsx_notes(struct xlsx *, const char *sheet, const char *const *cells,
	    int nrows);
int	xlsx_row(struct xlsx *, const char *const *cells, const int *kind,
	    int ncols);
int	xlsx_finish(struct xlsx *, int (*emit)(void *arg, const void *p,
	    size_t n), void *arg);
void	xlsx_abort(struct xlsx *);
const char *xlsx_error(const struct xlsx *);

#endif
