/*
 * csv: RFC 4180 writer for streamed exports and a pull reader for roster
 * uploads (HR exports saved from Excel).
 *
 * Writer. csv_field/csv_num append one field to a struct buf owned by the
 * caller; first != 0 means "first field of the record" (no delimiter before
 * it); csv_end ends the record with CRLF. The delimiter is always ','.
 * A text field is quoted when it holds ',' ';' '"' CR or LF, or starts or
 * ends with a space or TAB, or starts with a UTF-8 BOM (which a reader
 * would drop at the start of a file); quotes are doubled. ';' is quoted so
 * that the reader's delimiter detection (and Excel in locales whose list
 * separator is ';', such as id-ID) cannot split a single column.
 * Formula-injection guard: a text field whose first byte is '=', '+', '-',
 * '@', TAB or CR is written with a leading apostrophe ('), so a spreadsheet
 * shows it as text instead of evaluating it (OWASP "CSV injection"). This
 * changes the value: the reader does not strip the apostrophe back. Use
 * csv_num for numbers (negative numbers are not guarded). NULL text is an
 * empty field. NaN and infinities are written as empty fields.
 *
 * Reader. csv_open does not copy data: the caller keeps it alive until
 * csv_close. It returns NULL only when out of memory. It skips a UTF-8 BOM
 * and picks the delimiter the first line has most of outside quotes:
 * ';', TAB (text pasted from Excel) or ',' (also on a tie). csv_next
 * returns one record:
 *   1  *fields and *nfields set; the strings are NUL-terminated, owned by the
 *      reader and valid until the next csv_next or csv_close; *line is the
 *      1-based physical line where the record starts.
 *   2  a record holding invalid UTF-8 (e.g. a file saved as
 *      ANSI/Windows-1252): fields, *line and *msg are set as for 1 and
 *      -1, the bytes are as in the file; reading goes on, so every such
 *      record can be reported.
 *   0  end of input.
 *  -1  error: *msg (static, Bahasa Indonesia, for the uploader) and *line
 *      (line where the failing record starts). Errors are sticky: later
 *      calls return the same error.
 * Records end at LF, CRLF or a lone CR (old Mac Excel). Blank lines are
 * skipped. Quoted fields may span lines; their line breaks are kept as is.
 * A '"' inside an unquoted field is kept literally (Excel writes such
 * files). Errors: unterminated quote, text after a closing quote, more
 * than CSV_MAX_FIELDS fields, a field longer than CSV_MAX_FIELD bytes,
 * a NUL byte, or input larger than CSV_MAX_INPUT. Memory is bounded by
 * CSV_MAX_FIELDS * (CSV_MAX_FIELD + 1) per reader, whatever the input.
 * Fields are checked as UTF-8 with utf8.h.
 */
#ifndef LENTERA_CSV_H
#define LENTERA_CSV_H

#include <stddef.h>

#include "buf.h"

#define CSV_MAX_FIELDS	64
#define CSV_MAX_FIELD	4096
#define CSV_MAX_INPUT	((size_t)64 << 20)	/* one upload, 64 MiB */

void	csv_field(struct buf *, const char *s, int first);
void	csv_num(struct buf *, double v, int first);
void	csv_end(struct buf *);

struct csv_reader;

struct csv_reader *csv_open(const char *data, size_t n);
int	csv_next(struct csv_reader *, char ***fields, int *nfields, int *line,
	    const char **msg);
void	csv_close(struct csv_reader *);

#endif
