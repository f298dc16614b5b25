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
 * references): every size is bounded by the XLSXR_* limits below, a DTD
 * anywhere is refused, and inflated bytes are counted as they are read,
 * whatever the ZIP headers claim. Nothing is written to disk.
 *
 * xlsxr_open does not copy data: the caller keeps it alive until
 * xlsxr_close. It returns NULL only when out of memory; any other
 * failure is reported by the first xlsxr_next.
 *
 * xlsxr_next returns one row that has at least one non-empty cell:
 *   1  *cells[0..*ncells) are NUL-terminated UTF-8 strings ("" for
 *      gaps), types[i] (when types != NULL) the XLSXR_T_* of each, *row
 *      the sheet's 1-based row number (what Excel shows). Owned by the
 *      reader, valid until the next call.
 *   0  end of the sheet.
 *  -1  error: *row (0 when not inside a row) and msg (Bahasa Indonesia,
 *      naming the part) are set. Errors are sticky.
 * Numbers keep the digits written in the file when they are a plain
 * integer ("198503122010011001" stays exact); any other number is
 * printed with %.15g (Excel's own precision) and is XLSXR_T_NUMBER, so a
 * caller can refuse an identifier that was stored as a number.
 * Memory: the shared strings (bounded) plus one row (bounded).
 */
#ifndef LENTERA_XLSXREAD_H
#define LENTERA_XLSXREAD_H

#include <stddef.h>

#define XLSXR_MAX_ENTRIES	1000		/* ZIP entries in the file */
#define XLSXR_MAX_PART		((size_t)256 << 20) /* inflated bytes per part */
#define XLSXR_MAX_META		((size_t)4 << 20)  /* rels, workbook, styles */
#define XLSXR_MAX_STRINGS	1048576		/* shared strings */
#define XLSXR_MAX_SST_BYTES	((size_t)64 << 20) /* their text, in total */
#define XLSXR_MAX_CELL		32767		/* bytes of one cell (Excel: chars) */
#define XLSXR_MAX_COLS		256		/* columns A..IV */
#define XLSXR_MAX_ROWS		1048576		/* Excel's own sheet size */
#define XLSXR_MAX_ROW_BYTES	((size_t)1 << 20)  /* text of one row */
#define XLSXR_MAX_STYLES	65536		/* cellXfs / numFmts entries */
#define XLSXR_MSG_MAX		192

enum { XLSXR_T_TEXT, XLSXR_T_NUMBER, XLSXR_T_BOOL, XLSXR_T_DATE,
	XLSXR_T_ERROR };

struct xlsxr;

/* Cheap sniff: 1 when data starts like a ZIP file ("PK\3\4"). */
int	 xlsxr_is_zip(const char *data, size_t n);
struct xlsxr *xlsxr_open(const char *data, size_t n);
int	 xlsxr_next(struct xlsxr *, char ***cells, const int **types,
	    int *ncells, int *row, char *msg, size_t msglen);
void	 xlsxr_close(struct xlsxr *);

#endif
