/*
 * compdict: the competency dictionary as `lentera check` and the imports
 * see it: the built-in PermenPANRB 38/2017 manajerial and sosial kultural
 * competencies (competency.h) plus the agency's teknis competencies from
 * a dictionary file (CSV or .xlsx, table.h).
 *
 * The file format (one row per competency; header names, any order):
 *   nama (required)  the competency as courses name it
 *   jenis            "teknis" (default when empty); a built-in name may
 *                    not be redefined, and manajerial / sosial-kultural
 *                    rows are refused (the regulation fixes those)
 *   definisi         optional
 *   level_1..level_5 optional level descriptions
 * A course tree may hold it as kompetensi.csv (or kompetensi.xlsx) at its
 * root: `lentera check` reads it there (COMPDICT_FILE); HR imports the
 * same file into the database (core/dictionary.h).
 *
 * compdict_load appends one "path:line: message" per bad row to err and
 * returns their number (0: every row taken). Limits: COMPDICT_MAX
 * entries, field sizes of store_plan.h. The object owns its entries.
 */
#ifndef LENTERA_COMPDICT_H
#define LENTERA_COMPDICT_H

#include <stddef.h>

#include "buf.h"
#include "competency.h"

#define COMPDICT_MAX		4096
#define COMPDICT_DESC_MAX	512
#define COMPDICT_FILE		"kompetensi.csv"
#define COMPDICT_FILE_XLSX	"kompetensi.xlsx"

struct compdict_entry {
	char	 name[COMPETENCY_NAME_MAX];
	char	 key[COMPETENCY_KEY_MAX];
	int	 type;			/* enum ctype */
	int	 line;			/* in the file; 0 built-in */
	char	 definition[COMPDICT_DESC_MAX];
	char	 level[COMPETENCY_LEVEL_MAX][COMPDICT_DESC_MAX];
};

struct compdict;

struct compdict	*compdict_new(void);	/* holds the built-ins; NULL: memory */
void		 compdict_free(struct compdict *);
int		 compdict_load(struct compdict *, const char *data, size_t n,
		    const char *path, struct buf *err);
/* Reads dir/kompetensi.csv or .xlsx when there: 0 none there, else as
   compdict_load (problems), -1 unreadable (err says why). */
int		 compdict_load_dir(struct compdict *, const char *dir,
		    struct buf *err);
/* Adds one teknis entry (the database's): 0, -1 full or bad name. */
int		 compdict_add(struct compdict *, const struct compdict_entry *);
/* The entry named name (key match), or NULL. */
const struct compdict_entry *compdict_find(const struct compdict *,
		    const char *name);
int		 compdict_count(const struct compdict *);
const struct compdict_entry *compdict_at(const struct compdict *, int i);
/* How many teknis entries came from a file or compdict_add. */
int		 compdict_teknis(const struct compdict *);

/*
 * A course's competency against the dictionary: NULL when it is there
 * with that type, else the problem ("competency \"X\" is not in the
 * dictionary ...") written to why. Unless strict, teknis names are only
 * checked when the dictionary holds teknis entries (a tree without
 * kompetensi.csv has no agency dictionary to check against); the
 * server's dictionary is the database's, so HR's page is strict.
 */
const char	*compdict_check(const struct compdict *, const char *name,
		    const char *ctype, int strict, char *why, size_t whylen);

#endif
