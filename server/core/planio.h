/*
 * planio: what a planning import (dictionary, standards, assessments,
 * SKP, SKM) reports: rows read and written, and each bad row as a line
 * number and a reason in Bahasa Indonesia, shown as FILE:LINE: reason.
 * A file with any bad row writes nothing (one transaction, rolled back);
 * so does a dry run. Imports return 0 (committed or a clean dry run), 1
 * problems (nothing written), -1 database or memory error.
 */
#ifndef LENTERA_PLANIO_H
#define LENTERA_PLANIO_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define PLANIO_MAX_PROBLEMS	200	/* listed; more are only counted */
#define PLANIO_WHY_MAX		224
#define PLANIO_MAX_ROWS		500000

struct planio_problem {
	int	 line;
	char	 why[PLANIO_WHY_MAX];
};

struct planio_report {
	int			 rows, written, nbad, nproblem, dry_run;
	int			 extra;		/* import-specific count */
	struct planio_problem	 problem[PLANIO_MAX_PROBLEMS];
};

void	planio_bad(struct planio_report *, int line, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* "fname:line: why\n" for every listed problem, and a count of the rest. */
void	planio_print(const struct planio_report *, const char *fname,
	    struct buf *out);
/* Parses "YYYY-MM-DD" (a real date); 0 ok, -1 not. */
int	planio_date(const char *s, int *y, int *m, int *d);
/*
 * The next row of an import: 1 a row to check (*v, *line as table_next
 * gives them), 0 a bad row already reported (go on), -1 no more rows (the
 * end, an unreadable file, or more than max rows: those two reported).
 * Every row read is counted in rep->rows.
 */
struct table;
int	planio_next(struct table *, struct planio_report *, int max,
	    const char ***v, int *line);
/* A whole number in lo..hi; 0 ok, -1 not. */
int	planio_int(const char *s, int lo, int hi, int *out);

/* The imports by name (the page path and `lentera import-plan KIND`):
   kompetensi, standar, asesmen, skp, skm; NULL for another. */
struct store;
typedef int (*planio_import_fn)(struct store *, const char *data, size_t n,
    int dry_run, int64_t actor, const char *ip, int64_t now,
    struct planio_report *);
struct planio_kind {
	const char		*id;
	const char		*cols;	/* the header, as a placeholder */
	planio_import_fn	 run;
};
const struct planio_kind *planio_kind(const char *id);
const struct planio_kind *planio_kind_at(int i);	/* NULL past the end */

#endif
