/*
 * table: an uploaded table (CSV/TAB/';' text or the first sheet of an
 * .xlsx workbook) read as records of named columns, for the planning
 * imports (dictionary, standards, assessments, SKP, SKM). The same
 * sniffing as the roster: a ZIP is .xlsx (xlsxread.h), an OLE file (old
 * .xls or a password-protected workbook) is refused with that reason,
 * anything else is text (csv.h).
 *
 * The first non-blank record is the header. cols[] names the columns the
 * caller knows: a name may list spellings separated by '|' ("kompetensi|
 * competency"), matched case-insensitively after trimming; a missing
 * required column is fatal, a repeated known one too; unknown columns are
 * skipped. Records whose cells are all blank are skipped.
 *
 * table_next:
 *   1  a record: vals[i] is the trimmed text of cols[i] ("" when the
 *      column is absent or the cell empty), owned by the reader until the
 *      next call; *line the file's line (text) or sheet row (xlsx);
 *   2  a record that is not UTF-8: *line and why set, reading goes on;
 *   0  end;
 *  -1  the file cannot be read on: *line and why set (sticky).
 * table_open does not copy data; NULL only when out of memory.
 */
#ifndef LENTERA_TABLE_H
#define LENTERA_TABLE_H

#include <stddef.h>

#define TABLE_MAX_COLS	16
#define TABLE_WHY_MAX	192

struct table_col {
	const char	*name;
	int		 required;
};

struct table;

struct table	*table_open(const char *data, size_t n,
		    const struct table_col *cols, int ncols);
int		 table_next(struct table *, const char ***vals, int *line,
		    char *why, size_t whylen);
void		 table_close(struct table *);

#endif
