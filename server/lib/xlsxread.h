/*
 * xlsxread: the first worksheet of an .xlsx workbook (Office Open XML
 * SpreadsheetML, ECMA-376) as rows of text cells, for roster uploads.
 * The ZIP container is read with minizip (zlib), the XML with expat;
 * this file only maps SpreadsheetML: package rels -> workbook -> first
 * <sheet> -> its part, sharedStrings (plain and rich-text runs; phonetic
 * runs dropped), inline strings, numbers, booleans, formula results,
 * errors, and dates (a number whose cell style is a date format, built-in
 * or custom, in the 1900 or 1904 date system) as "YYYY-MM-DD" (with
 * " HH:MM:SS" when it has a time of day). Element names are matched
 * without their namespace prefix.
 *
 * Hostile input is expected (zip bombs, XML entity bombs, absurd cell
 * references): every size is bounded by the XLSXREAD_* limits below, a DTD
 * anywhere is refused, and inflated bytes are counted as they are read,
 * whatever the ZIP headers claim. Nothing is written to disk.
 *
 * xlsxread_open does not copy data: the caller keeps it alive until
 * xlsxread_close. It returns NULL only when out of memory; any other
 * failure is reported by the first xlsxread_next.
 *
 * xlsxread_next returns one row that has at least one non-empty cell:
 *   1  *cells[0..*ncells) are NUL-terminated UTF-8 strings ("" for
 *      gaps), types[i] (when types != NULL) the XLSXREAD_T_* of each, *row
 *      the sheet's 1-based row number (what Excel shows). Owned by the
 *      reader, valid until the next call.
 *   0  end of the sheet.
 *  -1  error: *row (0 when not inside a row) and msg (Bahasa Indonesia,
 *      naming the part) are set. Errors are sticky.
 * Numbers keep the digits written in the file when they are a plain
 * integer ("198503122010011001" stays exact); any other number is
 * printed with %.15g (Excel's own precision) and is XLSXREAD_T_NUMBER, so a
 * caller can refuse an identifier that was stored as a number.
 * Memory: the shared strings (bounded) plus one row (bounded).
 */
#ifndef LENTERA_XLSXREAD_H
#define LENTERA_XLSXREAD_H

#include <stddef.h>

#define XLSXREAD_MAX_ENTRIES	1000		/* ZIP entries in the file */
#define XLSXREAD_MAX_PART		((size_t)256 << 20) /* inflated bytes per part */
#define XLSXREAD_MAX_META		((size_t)4 << 20)  /* rels, workbook, styles */
#define XLSXREAD_MAX_STRINGS	1048576		/* shared strings */
#define XLSXREAD_MAX_SST_BYTES	((size_t)64 << 20) /* their text, in total */
#define XLSXREAD_MAX_CELL		32767		/* bytes of one cell (Excel: chars) */
#define XLSXREAD_MAX_COLS		256		/* columns A..IV */
#define XLSXREAD_MAX_ROWS		1048576		/* Excel's own sheet size */
#define XLSXREAD_MAX_ROW_BYTES	((size_t)1 << 20)  /* text of one row */
#define XLSXREAD_MAX_STYLES	65536		/* cellXfs / numFmts entries */
#define XLSXREAD_MSG_MAX		192

enum { XLSXREAD_T_TEXT, XLSXREAD_T_NUMBER, XLSXREAD_T_BOOL, XLSXREAD_T_DATE,
	XLSXREAD_T_ERROR };

struct xlsxread;

/* Cheap sniff: 1 when data starts like a ZIP file ("PK\3\4"). */
int	 xlsxread_is_zip(const char *data, size_t n);
struct xlsxread *xlsxread_open(const char *data, size_t n);
int	 xlsxread_next(struct xlsxread *, char ***cells, const int **types,
	    int *ncells, int *row, char *msg, size_t msglen);
void	 xlsxread_close(struct xlsxread *);

#endif
