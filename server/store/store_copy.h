/*
 * store_copy: moving a site's whole database from one backend to another
 * (`lentera migrate --from sqlite.db --to postgres://...`).
 *
 * store_copy_to_pg copies every table of the SQLite file from (read in one
 * read transaction: a consistent snapshot, even while a server writes to
 * it) into the PostgreSQL database to, after migrating to's schema. All or
 * nothing: every row goes in one transaction that commits only after each
 * table's row count and checksum, read back from PostgreSQL, equal the
 * source's. The target must be empty (a fresh database: its tables exist
 * but hold no row); both must be at this binary's schema version. The
 * checksum of a table is the sum, modulo 2^64 in two lanes, of the
 * BLAKE2b-128 of each row's canonical encoding (type tag, then the value:
 * integers and doubles as 8 little-endian bytes, text and bytes with their
 * length), so row order does not matter and both sides compute it from
 * typed values, never from either database's text form.
 *
 * Returns 0 committed (rep filled), -1 nothing committed (err says why).
 */
#ifndef LENTERA_STORE_COPY_H
#define LENTERA_STORE_COPY_H

#include <stdint.h>
#include <stddef.h>

#define COPY_TABLES_MAX	64
#define COPY_NAME_MAX	64	/* bytes of a table or column name, NUL included */
#define COPY_COLS_MAX	64

struct copy_table {
	char		 name[COPY_NAME_MAX];
	long long	 rows;
	uint64_t	 sum[2];	/* the checksum both sides agreed on */
};

struct copy_report {
	int			 version;	/* schema version of both */
	int			 ntables;
	long long		 rows;		/* all tables */
	struct copy_table	 t[COPY_TABLES_MAX];
	char			 dest[160];	/* host:port/db, no password */
};

int	store_copy_to_pg(const char *from, const char *to,
	    struct copy_report *rep, char *err, size_t errlen);

/*
 * The source side, implemented by the SQLite backend (sqlite/dump.c), for
 * store_copy's use only: values typed as SQLite holds them.
 */
enum dump_type { DUMP_NULL, DUMP_INT, DUMP_REAL, DUMP_TEXT, DUMP_BLOB };
struct dump_val {
	enum dump_type		 t;
	long long		 i;
	double			 d;
	const unsigned char	*p;	/* TEXT, BLOB: valid during the callback */
	size_t			 n;
};
struct dump;
/* Opens path read-only and begins the snapshot; *version: user_version. */
int	store_dump_open(const char *path, struct dump **, int *version,
	    char *err, size_t errlen);
/* User tables, referenced before referencing (foreign keys): count, -1. */
int	store_dump_tables(struct dump *, char (*names)[COPY_NAME_MAX], int max,
	    char *err, size_t errlen);
/* Column names of table in declared order: count, -1. */
int	store_dump_columns(struct dump *, const char *table,
	    char (*cols)[COPY_NAME_MAX], int max, char *err, size_t errlen);
/* Every row of table, cols selected in that order; fn returns 0 to go
   on, -1 to stop (store_dump_rows then returns -1). 0 ok, -1 error. */
int	store_dump_rows(struct dump *, const char *table,
	    char (*cols)[COPY_NAME_MAX], int ncol,
	    int (*fn)(void *, const struct dump_val *, int), void *arg,
	    char *err, size_t errlen);
void	store_dump_close(struct dump *);

#endif
