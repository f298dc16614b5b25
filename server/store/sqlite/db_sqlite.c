/*
 * db_sqlite: the SQLite driver of db.h. The only store source that sees
 * sqlite3.h (with the schema, store.c in this folder).
 *
 * Each connection: WAL, synchronous=FULL (what was acknowledged is on
 * disk), foreign keys on, a busy timeout, a small page cache (32
 * workers each hold one). Writers in this process take one mutex
 * (db_write_lock): SQLite allows one writer at a time anyway, and
 * queueing on a mutex is cheaper than busy-wait retries.
 */

#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db_int.h"
#include "log.h"

#define BUSY_TIMEOUT_MS	5000
#define SAVEPOINT_MAX	64	/* "ROLLBACK TO SAVEPOINT " + a name */

struct sqlite_db {
	struct db	 base;
	sqlite3		*h;
	/* The WAL-index header, mapped read-only (sq_change_token). */
	const volatile unsigned char *shm;
};

/* The wal-index header: two 48-byte copies at the start of -shm; a
   writer updates the second, then the first, so equal copies are a
   whole header (walformat.html 2.1, wal.c walIndexWriteHdr). */
#define WALHDR		48
#define WALHDR_ISINIT	12	/* offset of isInit (1 when valid) */
#define SHM_REGION	32768	/* wal.c WALINDEX_PGSZ: xShmMap's unit */

struct sqlite_stmt {
	struct db_stmt	 base;
	sqlite3_stmt	*h;
	sqlite3		*db;
};

static pthread_mutex_t	 write_mu = PTHREAD_MUTEX_INITIALIZER;

#define DB(d)	(((struct sqlite_db *)(void *)(d))->h)
#define ST(s)	(((struct sqlite_stmt *)(void *)(s))->h)

static int
sq_accepts(const char *target)
{
	(void)target;
	return 1;	/* the default: a file path */
}

/* Before the library's first use: no global memory statistics, whose
   mutex every worker's every SQLite allocation would take. */
static void
library_config(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static int	 shm_map(struct sqlite_db *);

static int
sq_open(const char *path, struct db **out)
{
	static pthread_once_t	 once = PTHREAD_ONCE_INIT;

	static const char pragmas[] =
	    "PRAGMA journal_mode=WAL;"
	    "PRAGMA synchronous=FULL;"
	    "PRAGMA foreign_keys=ON;"
	    "PRAGMA temp_store=MEMORY;"
	    "PRAGMA cache_size=-1024;";	/* KiB per connection: 32 workers */
	struct sqlite_db *d;

	pthread_once(&once, library_config);
	if ((d = calloc(1, sizeof(*d))) == NULL)
		return -1;
	d->base.ops = &db_sqlite_ops;
	if (sqlite3_open_v2(path, &d->h, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		log_warnx("store: open %s: %s", path,
		    d->h ? sqlite3_errmsg(d->h) : "out of memory");
		goto err;
	}
	sqlite3_extended_result_codes(d->h, 1);
	sqlite3_busy_timeout(d->h, BUSY_TIMEOUT_MS);
	if (sqlite3_exec(d->h, pragmas, NULL, NULL, NULL) != SQLITE_OK) {
		log_warnx("store: configure %s: %s", path, sqlite3_errmsg(d->h));
		goto err;
	}
	(void)shm_map(d);	/* without it, every token read says "read" */
	*out = &d->base;
	return 0;
err:
	sqlite3_close(d->h);
	free(d);
	return -1;
}

static void
sq_close(struct db *db)
{
	struct sqlite_db *d = (struct sqlite_db *)(void *)db;

	/* d->shm is SQLite's mapping: sqlite3_close unmaps it. */
	sqlite3_close(d->h);
	free(d);
}

/*
 * The WAL-index header as SQLite itself maps it: region 0 of the
 * connection's shared memory, through the VFS's own xShmMap (bExtend 0:
 * only what is already mapped). It stays mapped until sqlite3_close.
 *
 * Never open() the -shm (or the database) file here: POSIX advisory locks
 * belong to the process, and close() on ANY descriptor of a file drops
 * every lock the process holds on it, SQLite's dead-man-switch lock on
 * -shm included. Another process opening the database then believes it
 * is the first, truncates -shm and reinitialises it, and this process's
 * next commit takes SIGBUS on the truncated mapping (seen: a test's
 * sqlite3 write between two requests; sqlite.org/howtocorrupt.html 2.2).
 * Not mapped yet, another journal mode, a VFS without shared memory: -1,
 * and sq_change_token always says it cannot tell (the caller reads).
 */
static int
shm_map(struct sqlite_db *d)
{
	sqlite3_file	*f = NULL;
	void volatile	*p = NULL;

	if (sqlite3_file_control(d->h, "main", SQLITE_FCNTL_FILE_POINTER,
	    &f) != SQLITE_OK || f == NULL || f->pMethods == NULL ||
	    f->pMethods->iVersion < 2 || f->pMethods->xShmMap == NULL)
		return -1;
	if (f->pMethods->xShmMap(f, 0, SHM_REGION, 0, &p) != SQLITE_OK ||
	    p == NULL)
		return -1;
	d->shm = p;
	return 0;
}

static int
sq_change_token(struct db *db, unsigned char *tok)
{
	struct sqlite_db *d = (struct sqlite_db *)(void *)db;
	const volatile uint64_t *w;
	uint64_t	 h1[WALHDR / 8], h2[WALHDR / 8];
	int		 i;

	if (d->shm == NULL)
		return -1;
	/* The first copy, then the second, as SQLite's readers do: a
	   writer between them makes them differ. Word reads of the page
	   region SQLite mapped (page-aligned). */
	w = (const volatile uint64_t *)(const volatile void *)d->shm;
	for (i = 0; i < WALHDR / 8; i++)
		h1[i] = w[i];
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	for (i = 0; i < WALHDR / 8; i++)
		h2[i] = w[WALHDR / 8 + i];
	memcpy(tok, h1, WALHDR);
	if (memcmp(h1, h2, WALHDR) != 0 || tok[WALHDR_ISINIT] != 1)
		return -1;
	return 0;
}

static const char *
sq_errmsg(struct db *db)
{
	return sqlite3_errmsg(DB(db));
}

static int
sq_exec(struct db *db, const char *sql)
{
	return sqlite3_exec(DB(db), sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static int
sq_schema_version(struct db *db, int *v)
{
	sqlite3_stmt	*s;
	int		 rc = -1;

	if (sqlite3_prepare_v2(DB(db), "PRAGMA user_version", -1, &s,
	    NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW) {
		*v = sqlite3_column_int(s, 0);
		rc = 0;
	}
	sqlite3_finalize(s);
	return rc;
}

static int
sq_set_schema_version(struct db *db, int v)
{
	char	 sql[64];

	snprintf(sql, sizeof(sql), "PRAGMA user_version=%d", v);
	return sq_exec(db, sql);
}

static int
sq_begin(struct db *db)
{
	return sq_exec(db, "BEGIN IMMEDIATE");
}

static int
sq_commit(struct db *db)
{
	return sq_exec(db, "COMMIT");
}

static int
sq_rollback(struct db *db)
{
	return sq_exec(db, "ROLLBACK");
}

static int
sq_sp(struct db *db, const char *verb, const char *name)
{
	char	 sql[SAVEPOINT_MAX];

	if (strspn(name, "abcdefghijklmnopqrstuvwxyz_") != strlen(name) ||
	    snprintf(sql, sizeof(sql), "%s %s", verb, name) >= (int)sizeof(sql))
		return -1;
	return sq_exec(db, sql);
}

static int
sq_savepoint(struct db *db, const char *name)
{
	return sq_sp(db, "SAVEPOINT", name);
}

static int
sq_release(struct db *db, const char *name)
{
	return sq_sp(db, "RELEASE", name);
}

static int
sq_rollback_to(struct db *db, const char *name)
{
	return sq_sp(db, "ROLLBACK TO", name);
}

static void
sq_write_lock(struct db *db)
{
	(void)db;
	pthread_mutex_lock(&write_mu);
}

static void
sq_write_unlock(struct db *db)
{
	(void)db;
	pthread_mutex_unlock(&write_mu);
}

static struct db_stmt *
sq_prepare(struct db *db, const char *sql)
{
	struct sqlite_stmt *s;

	if ((s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	s->base.ops = &db_sqlite_ops;
	s->db = DB(db);
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &s->h, NULL) != SQLITE_OK) {
		free(s);
		return NULL;
	}
	return &s->base;
}

static void
sq_finalize(struct db_stmt *st)
{
	sqlite3_finalize(ST(st));
	free(st);
}

static void
sq_reset(struct db_stmt *st)
{
	sqlite3_reset(ST(st));
}

static void
sq_clear_bindings(struct db_stmt *st)
{
	sqlite3_clear_bindings(ST(st));
}

static int
ok(int rc)
{
	return rc == SQLITE_OK ? 0 : -1;
}

static int
sq_bind_null(struct db_stmt *st, int i)
{
	return ok(sqlite3_bind_null(ST(st), i));
}

static int
sq_bind_int64(struct db_stmt *st, int i, int64_t v)
{
	return ok(sqlite3_bind_int64(ST(st), i, v));
}

static int
sq_bind_double(struct db_stmt *st, int i, double v)
{
	return ok(sqlite3_bind_double(ST(st), i, v));
}

static int
sq_bind_text(struct db_stmt *st, int i, const char *p, int n)
{
	return ok(sqlite3_bind_text(ST(st), i, p, n, SQLITE_STATIC));
}

static int
sq_bind_blob(struct db_stmt *st, int i, const void *p, int n)
{
	return ok(sqlite3_bind_blob(ST(st), i, p, n, SQLITE_STATIC));
}

static int
sq_step(struct db_stmt *st)
{
	struct sqlite_stmt *s = (struct sqlite_stmt *)(void *)st;

	switch (sqlite3_step(s->h)) {
	case SQLITE_ROW:
		return DB_ROW;
	case SQLITE_DONE:
		return DB_DONE;
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY:
		return DB_CONFLICT;
	default:
		return DB_ERROR;
	}
}

static int
sq_column_is_null(struct db_stmt *st, int i)
{
	return sqlite3_column_type(ST(st), i) == SQLITE_NULL;
}

static int64_t
sq_column_int64(struct db_stmt *st, int i)
{
	return sqlite3_column_int64(ST(st), i);
}

static double
sq_column_double(struct db_stmt *st, int i)
{
	return sqlite3_column_double(ST(st), i);
}

static const char *
sq_column_text(struct db_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(ST(st), i);

	return t ? (const char *)t : "";
}

static const void *
sq_column_blob(struct db_stmt *st, int i)
{
	return sqlite3_column_blob(ST(st), i);
}

static int
sq_column_bytes(struct db_stmt *st, int i)
{
	return sqlite3_column_bytes(ST(st), i);
}

static int64_t
sq_changes(struct db *db)
{
	return sqlite3_changes(DB(db));
}

static int64_t
sq_last_id(struct db *db)
{
	return sqlite3_last_insert_rowid(DB(db));
}

const struct db_ops db_sqlite_ops = {
	.name = "sqlite",
	.accepts = sq_accepts,
	.open = sq_open,
	.close = sq_close,
	.errmsg = sq_errmsg,
	.exec = sq_exec,
	.schema_version = sq_schema_version,
	.set_schema_version = sq_set_schema_version,
	.migrations = sqlite_migrations,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.savepoint = sq_savepoint,
	.release = sq_release,
	.rollback_to = sq_rollback_to,
	.write_lock = sq_write_lock,
	.write_unlock = sq_write_unlock,
	.prepare = sq_prepare,
	.finalize = sq_finalize,
	.reset = sq_reset,
	.clear_bindings = sq_clear_bindings,
	.bind_null = sq_bind_null,
	.bind_int64 = sq_bind_int64,
	.bind_double = sq_bind_double,
	.bind_text = sq_bind_text,
	.bind_blob = sq_bind_blob,
	.step = sq_step,
	.column_is_null = sq_column_is_null,
	.column_int64 = sq_column_int64,
	.column_double = sq_column_double,
	.column_text = sq_column_text,
	.column_blob = sq_column_blob,
	.column_bytes = sq_column_bytes,
	.changes = sq_changes,
	.last_id = sq_last_id,
	.change_token = sq_change_token,
};
