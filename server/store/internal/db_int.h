/*
 * db_int: what a database driver implements (db.h is what the store
 * files call). Included by server/store/db.c and the drivers only.
 *
 * A driver fills one const struct db_ops. Its connection struct and its
 * statement struct each begin with a struct db / struct db_stmt member
 * (the "base"), so db.c dispatches with s->ops->step(s) and the driver
 * casts back to its own type. Return conventions are db.h's.
 *
 * Adding a driver: write server/store/<name>/db_<name>.c with its ops,
 * a <name>_accepts(target) test, and add both to the table in db.c.
 */
#ifndef LENTERA_DB_INT_H
#define LENTERA_DB_INT_H

#include "db.h"

struct db_ops {
	const char	*name;
	int		(*accepts)(const char *target);
	int		(*open)(const char *target, struct db **);
	void		(*close)(struct db *);
	const char	*(*errmsg)(struct db *);
	int		(*exec)(struct db *, const char *);
	int		(*schema_version)(struct db *, int *);
	int		(*set_schema_version)(struct db *, int);
	int		(*migrations)(const char *const **);
	int		(*begin)(struct db *);
	int		(*commit)(struct db *);
	int		(*rollback)(struct db *);
	int		(*savepoint)(struct db *, const char *);
	int		(*release)(struct db *, const char *);
	int		(*rollback_to)(struct db *, const char *);
	void		(*write_lock)(struct db *);
	void		(*write_unlock)(struct db *);
	struct db_stmt	*(*prepare)(struct db *, const char *);
	void		(*finalize)(struct db_stmt *);
	void		(*reset)(struct db_stmt *);
	void		(*clear_bindings)(struct db_stmt *);
	int		(*bind_null)(struct db_stmt *, int);
	int		(*bind_int64)(struct db_stmt *, int, int64_t);
	int		(*bind_double)(struct db_stmt *, int, double);
	int		(*bind_text)(struct db_stmt *, int, const char *, int);
	int		(*bind_blob)(struct db_stmt *, int, const void *, int);
	int		(*step)(struct db_stmt *);
	int		(*column_is_null)(struct db_stmt *, int);
	int64_t		(*column_int64)(struct db_stmt *, int);
	double		(*column_double)(struct db_stmt *, int);
	const char	*(*column_text)(struct db_stmt *, int);
	const void	*(*column_blob)(struct db_stmt *, int);
	int		(*column_bytes)(struct db_stmt *, int);
	int64_t		(*changes)(struct db *);
	int64_t		(*last_id)(struct db *);
	int		(*change_token)(struct db *, unsigned char *);	/* or NULL */
};

struct db {
	const struct db_ops	*ops;
};

struct db_stmt {
	const struct db_ops	*ops;
};

extern const struct db_ops db_sqlite_ops;
extern const struct db_ops db_pg_ops;	/* store/pg/db_pg.c */
/* SQLite's schema steps (sqlite/store.c). */
int	 sqlite_migrations(const char *const **);

#endif
