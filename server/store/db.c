/* db: dispatch of the statement interface to the driver. See db.h. */
#include <stddef.h>
#include <stdint.h>

#include "db_int.h"

/* Drivers in the order they are asked; the last accepts any target. */
static const struct db_ops *const drivers[] = {
	&db_pg_ops,
	&db_sqlite_ops,
};
#define NDRIVERS ((int)(sizeof(drivers) / sizeof(drivers[0])))

int
db_open(const char *target, struct db **out)
{
	int	 i;

	*out = NULL;
	for (i = 0; i < NDRIVERS; i++)
		if (drivers[i]->accepts(target))
			return drivers[i]->open(target, out);
	return -1;
}

void
db_close(struct db *db)
{
	if (db != NULL)
		db->ops->close(db);
}

const char *db_errmsg(struct db *db) { return db->ops->errmsg(db); }
const char *db_driver(struct db *db) { return db->ops->name; }
int db_exec(struct db *db, const char *sql) { return db->ops->exec(db, sql); }
int db_schema_version(struct db *db, int *v)
    { return db->ops->schema_version(db, v); }
int db_set_schema_version(struct db *db, int v)
    { return db->ops->set_schema_version(db, v); }
int db_migrations(struct db *db, const char *const **steps)
    { return db->ops->migrations(steps); }
int db_begin(struct db *db) { return db->ops->begin(db); }
int db_commit(struct db *db) { return db->ops->commit(db); }
int db_rollback(struct db *db) { return db->ops->rollback(db); }
int db_savepoint(struct db *db, const char *n)
    { return db->ops->savepoint(db, n); }
int db_release(struct db *db, const char *n)
    { return db->ops->release(db, n); }
int db_rollback_to(struct db *db, const char *n)
    { return db->ops->rollback_to(db, n); }
void db_write_lock(struct db *db) { db->ops->write_lock(db); }
void db_write_unlock(struct db *db) { db->ops->write_unlock(db); }
struct db_stmt *db_prepare(struct db *db, const char *sql)
    { return db->ops->prepare(db, sql); }

void
db_finalize(struct db_stmt *s)
{
	if (s != NULL)
		s->ops->finalize(s);
}

void db_reset(struct db_stmt *s) { s->ops->reset(s); }
void db_clear_bindings(struct db_stmt *s) { s->ops->clear_bindings(s); }
int db_bind_null(struct db_stmt *s, int i) { return s->ops->bind_null(s, i); }
int db_bind_int(struct db_stmt *s, int i, int v)
    { return s->ops->bind_int64(s, i, v); }
int db_bind_int64(struct db_stmt *s, int i, int64_t v)
    { return s->ops->bind_int64(s, i, v); }
int db_bind_double(struct db_stmt *s, int i, double v)
    { return s->ops->bind_double(s, i, v); }
int db_bind_text(struct db_stmt *s, int i, const char *p, int n)
    { return s->ops->bind_text(s, i, p, n); }
int db_bind_blob(struct db_stmt *s, int i, const void *p, int n)
    { return s->ops->bind_blob(s, i, p, n); }
int db_step(struct db_stmt *s) { return s->ops->step(s); }
int db_column_is_null(struct db_stmt *s, int i)
    { return s->ops->column_is_null(s, i); }
int db_column_int(struct db_stmt *s, int i)
    { return (int)s->ops->column_int64(s, i); }
int64_t db_column_int64(struct db_stmt *s, int i)
    { return s->ops->column_int64(s, i); }
double db_column_double(struct db_stmt *s, int i)
    { return s->ops->column_double(s, i); }
const char *db_column_text(struct db_stmt *s, int i)
    { return s->ops->column_text(s, i); }
const void *db_column_blob(struct db_stmt *s, int i)
    { return s->ops->column_blob(s, i); }
int db_column_bytes(struct db_stmt *s, int i)
    { return s->ops->column_bytes(s, i); }
int64_t db_changes(struct db *db) { return db->ops->changes(db); }
int64_t db_last_id(struct db *db) { return db->ops->last_id(db); }

int
db_change_token(struct db *db, unsigned char tok[DB_CHANGE_TOKEN])
{
	return db->ops->change_token ? db->ops->change_token(db, tok) : -1;
}
