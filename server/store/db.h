/*
 * db: the backend-neutral statement interface the store files are
 * written against. It is a near 1:1 rename of the sqlite3 calls the
 * store used (scripts/store-port.sh does the rename), so that a second
 * backend (PostgreSQL on libpq) implements these functions and every
 * store file runs on it unchanged.
 *
 * Drivers. db_open() picks the driver by its target: "postgres://..." or
 * "postgresql://..." is PostgreSQL (when built in), anything else is a
 * SQLite file path. Every call then dispatches through the driver table
 * of its connection or statement (db_int.h, for drivers only). Only
 * server/store/<driver>/ sees a database library's header.
 *
 * SQL. Statements are written once, in the portable subset both
 * backends accept: placeholders are "?N" (1-based, may repeat) or "?",
 * numbered as SQLite does (a bare "?" is one more than the largest
 * number so far); a driver that needs "$N" rewrites them at prepare
 * time by that rule, skipping quoted text. Prefer ?N in new SQL. No
 * clock or randomness in SQL (bind values from C), no LIMIT -1 (bind a
 * real bound), booleans are integers compared explicitly, every subquery in
 * FROM is aliased, INSERT ... ON CONFLICT (...) DO NOTHING / DO UPDATE
 * instead of INSERT OR IGNORE / OR REPLACE. New ids come back with
 * "RETURNING id" (a DB_ROW from db_step) or db_last_id().
 *
 * Ownership. The preparer of a statement finalizes it, before the
 * connection's db_close() (store_close does both). A connection is used
 * by one thread at a time. Text and blob
 * parameters are NOT copied: the caller keeps them valid and unchanged
 * until the statement is reset, rebound or finalized (SQLITE_STATIC).
 * Column pointers stay valid until the next db_step/db_reset of the
 * statement. db_column_text() never returns NULL ("" for NULL).
 *
 * Results. db_step(): DB_ROW a row is ready, DB_DONE finished,
 * DB_CONFLICT a UNIQUE / PRIMARY KEY violation (the statement wrote
 * nothing; the caller turns it into the right answer, e.g. resume the
 * attempt that won the race; an enclosing transaction stays usable, so
 * a driver whose database aborts the transaction on an error runs such
 * statements under a savepoint), DB_ERROR anything else (db_errmsg()
 * says what). Other calls return 0 on success and -1 on error unless noted.
 */
#ifndef LENTERA_DB_H
#define LENTERA_DB_H

#include <stddef.h>
#include <stdint.h>

struct db;		/* one connection */
struct db_stmt;		/* one prepared statement of a connection */

enum db_rc {
	DB_ERROR = -1,
	DB_DONE = 0,
	DB_ROW = 1,
	DB_CONFLICT = 2,	/* unique or primary-key violation */
};

/* Connections. */
int		 db_open(const char *target, struct db **);
void		 db_close(struct db *);
const char	*db_errmsg(struct db *);
/* Driver name for logs and tests: "sqlite" or "postgres". */
const char	*db_driver(struct db *);
/* Runs one or more ';'-separated statements without parameters
   (DDL, migrations). */
int		 db_exec(struct db *, const char *sql);
/* Schema version, the migration step count applied so far (SQLite
   PRAGMA user_version; PostgreSQL a one-row table). The set runs inside
   the caller's transaction. */
int		 db_schema_version(struct db *, int *);
int		 db_set_schema_version(struct db *, int);
/* The driver's migration steps (its own DDL, numbered the same way in
   every driver): step i brings version i to i+1. Returns the count. */
int		 db_migrations(struct db *, const char *const **steps);

/*
 * Transactions. db_begin() starts a write transaction (SQLite BEGIN
 * IMMEDIATE: the write lock is taken now, not at the first write, so a
 * transaction never fails half-way on a busy database). Savepoints nest
 * inside it; names are [a-z_]+ literals of the caller.
 */
int		 db_begin(struct db *);
int		 db_commit(struct db *);
int		 db_rollback(struct db *);
int		 db_savepoint(struct db *, const char *name);
int		 db_release(struct db *, const char *name);
int		 db_rollback_to(struct db *, const char *name);

/*
 * Process-local writer serialisation where the backend benefits from it
 * (SQLite: one writer at a time instead of busy-wait retries;
 * PostgreSQL: nothing). Correctness never depends on it: two processes
 * or nodes do not share it, so conflicts are handled by DB_CONFLICT.
 */
void		 db_write_lock(struct db *);
void		 db_write_unlock(struct db *);

/* Statements: prepared once, kept for the life of the connection. */
struct db_stmt	*db_prepare(struct db *, const char *sql);
void		 db_finalize(struct db_stmt *);
/* Ready to run again; bindings are kept. */
void		 db_reset(struct db_stmt *);
void		 db_clear_bindings(struct db_stmt *);

/* Parameters, 1-based. n < 0: p is NUL-terminated. */
int		 db_bind_null(struct db_stmt *, int i);
int		 db_bind_int(struct db_stmt *, int i, int v);
int		 db_bind_int64(struct db_stmt *, int i, int64_t v);
int		 db_bind_double(struct db_stmt *, int i, double v);
int		 db_bind_text(struct db_stmt *, int i, const char *p, int n);
int		 db_bind_blob(struct db_stmt *, int i, const void *p, int n);

int		 db_step(struct db_stmt *);

/* Columns of the current row, 0-based. NULL reads as 0, 0.0, "", NULL
   blob with 0 bytes. Booleans are integers 0/1. */
int		 db_column_is_null(struct db_stmt *, int i);
int		 db_column_int(struct db_stmt *, int i);
int64_t		 db_column_int64(struct db_stmt *, int i);
double		 db_column_double(struct db_stmt *, int i);
const char	*db_column_text(struct db_stmt *, int i);
const void	*db_column_blob(struct db_stmt *, int i);
int		 db_column_bytes(struct db_stmt *, int i);

/*
 * A token that changes whenever any connection of any process may have
 * committed to the database since: equal tokens (memcmp) mean nothing
 * was committed in between. For caches of what one tiny read would say
 * (store_perf_epoch): read the token first, then the value; keep both.
 * 0 with tok set, -1 when the driver cannot tell now (then read the
 * value). SQLite: the WAL-index header (the -shm file's first 48 bytes,
 * the two copies agreeing; https://www.sqlite.org/walformat.html), which
 * every commit rewrites (its change counter, last frame, salts), read
 * without a system call or a lock. PostgreSQL: -1.
 */
#define DB_CHANGE_TOKEN	48
int		 db_change_token(struct db *, unsigned char tok[DB_CHANGE_TOKEN]);

/* Rows changed by the last INSERT/UPDATE/DELETE on this connection. */
int64_t		 db_changes(struct db *);
/* Id of the last row INSERTed on this connection (an INTEGER PRIMARY
   KEY "id"; PostgreSQL: lastval() of its identity/serial). Prefer
   "RETURNING id" in new SQL. */
int64_t		 db_last_id(struct db *);

#endif
