/*
 * db_pg: the PostgreSQL driver of db.h, on libpq: connections,
 * transactions, prepare and binds. The only store sources that see
 * libpq-fe.h are this folder's (db_pg_stream.c runs statements and reads
 * their rows, streaming reads in single-row mode; db_pg_col.c reads
 * columns).
 *
 * Statements are prepared on the server once per connection (PQprepare,
 * named s1, s2, ...) after "?N" placeholders are rewritten to "$N";
 * parameters go as text, blobs as binary bytea; results come back as
 * text and are converted on read.
 *
 * Transactions are READ COMMITTED and take the site's write lock at
 * BEGIN (pgd_begin: SQLite's BEGIN IMMEDIATE across nodes); single
 * statements outside transactions run concurrently and meet at unique
 * constraints: a unique violation (SQLSTATE 23505) comes back as
 * DB_CONFLICT for the caller to resolve. PostgreSQL aborts a whole transaction on any error, where
 * SQLite only fails the statement; so inside a transaction each write
 * (and a first PREPARE) runs under its own savepoint, and a conflict
 * leaves the transaction usable as it does on SQLite. A COMMIT that the server turns
 * into a ROLLBACK (an earlier error) is reported as a failed commit, never
 * as success.
 *
 * A connection lost (a PostgreSQL restart, a failover) is re-established
 * at the next call outside a transaction; statements are prepared again
 * on the new connection. db_write_lock is nothing: PostgreSQL commits
 * concurrently, and correctness never relied on it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_pg_int.h"
#include "log.h"
#include "store_pg.h"

void
db_pg_err(struct pg_db *d, const char *msg)
{
	size_t	 n;

	snprintf(d->err, sizeof(d->err), "%s", msg ? msg : "unknown error");
	n = strlen(d->err);
	while (n > 0 && (d->err[n - 1] == '\n' || d->err[n - 1] == ' '))
		d->err[--n] = '\0';
}

/* Outside a transaction, a broken connection is made again. */
int
db_pg_alive(struct pg_db *d)
{
	db_pg_stream_settle(d);
	if (PQstatus(d->c) == CONNECTION_OK)
		return 0;
	if (d->in_tx) {
		db_pg_err(d, "connection lost inside a transaction");
		return -1;
	}
	PQreset(d->c);
	if (PQstatus(d->c) != CONNECTION_OK) {
		db_pg_err(d, PQerrorMessage(d->c));
		return -1;
	}
	d->epoch++;
	log_warnx("store: postgres: reconnected");
	return pg_exec(d->c, PG_SESSION_SQL, "session settings");
}

static int
pgd_accepts(const char *target)
{
	return store_pg_is_url(target);
}

static int
pgd_open(const char *url, struct db **out)
{
	struct pg_db	*d;

	*out = NULL;
	if ((d = calloc(1, sizeof(*d))) == NULL ||
	    (d->url = strdup(url)) == NULL) {
		free(d);
		return -1;
	}
	d->base.ops = &db_pg_ops;
	if ((d->c = pg_connect(url)) == NULL) {
		free(d->url);
		free(d);
		return -1;
	}
	*out = &d->base;
	return 0;
}

static void
pgd_close(struct db *db)
{
	struct pg_db	*d = D(db);

	PQfinish(d->c);
	free(d->url);
	free(d);
}

static const char *
pgd_errmsg(struct db *db)
{
	return D(db)->err[0] ? D(db)->err : PQerrorMessage(D(db)->c);
}

/* A command: 0, or -1 with the error kept. want: the command tag it
   must answer (COMMIT turned into ROLLBACK is a failure), or NULL. */
int
db_pg_command(struct pg_db *d, const char *sql, const char *want)
{
	PGresult	*r;
	int		 ok;

	if (db_pg_alive(d) == -1)
		return -1;
	r = PQexec(d->c, sql);
	ok = r != NULL && (PQresultStatus(r) == PGRES_COMMAND_OK ||
	    PQresultStatus(r) == PGRES_TUPLES_OK ||
	    PQresultStatus(r) == PGRES_EMPTY_QUERY);
	if (!ok)
		db_pg_err(d, r ? PQresultErrorMessage(r) : PQerrorMessage(d->c));
	else if (want && strcmp(PQcmdStatus(r), want) != 0) {
		db_pg_err(d, "the transaction was rolled back by an earlier error");
		ok = 0;
	}
	PQclear(r);
	return ok ? 0 : -1;
}

static int
pgd_exec(struct db *db, const char *sql)
{
	return db_pg_command(D(db), sql, NULL);
}

static int
pgd_schema_version(struct db *db, int *v)
{
	if (db_pg_alive(D(db)) == -1)
		return -1;
	return (*v = pg_schema_version(D(db)->c)) < 0 ? -1 : 0;
}

static int
pgd_set_schema_version(struct db *db, int v)
{
	char	 sql[256];

	snprintf(sql, sizeof(sql), "CREATE TABLE IF NOT EXISTS lentera_schema ("
	    " id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);"
	    "INSERT INTO lentera_schema (id, version) VALUES (1, %d)"
	    " ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version", v);
	return db_pg_command(D(db), sql, NULL);
}

static int
pgd_migrations(const char *const **steps)
{
	return pg_migrations(steps);
}

/*
 * db.h's db_begin is a write transaction that holds the write lock from
 * its start (SQLite's BEGIN IMMEDIATE), and store code relies on that: a
 * transaction reads, decides and writes (login throttle counts, the
 * attempt-start re-check, roster changes with their audit row). The
 * PostgreSQL equivalent is one transaction-scoped advisory lock for the
 * whole site: write transactions of every node take turns, statements
 * outside transactions (single-row writes) and all reads do not wait.
 * Group commit keeps this cheap: one transaction carries every job
 * waiting on a node.
 */
static int
pgd_begin(struct db *db)
{
	char	 sql[96];

	snprintf(sql, sizeof(sql), "BEGIN ISOLATION LEVEL READ COMMITTED;"
	    " SELECT pg_advisory_xact_lock(%lld)", (long long)PG_WRITE_LOCK);
	if (db_pg_command(D(db), sql, NULL) == -1) {
		db_pg_command(D(db), "ROLLBACK", NULL);
		return -1;
	}
	D(db)->in_tx = 1;
	return 0;
}

static int
pgd_commit(struct db *db)
{
	int	 rc = db_pg_command(D(db), "COMMIT", "COMMIT");

	D(db)->in_tx = 0;
	return rc;
}

static int
pgd_rollback(struct db *db)
{
	D(db)->in_tx = 0;
	return db_pg_command(D(db), "ROLLBACK", NULL);
}

static int
sp(struct db *db, const char *verb, const char *name)
{
	char	 sql[96];

	if (strspn(name, "abcdefghijklmnopqrstuvwxyz_") != strlen(name) ||
	    snprintf(sql, sizeof(sql), "%s %s", verb, name) >= (int)sizeof(sql))
		return -1;
	return db_pg_command(D(db), sql, NULL);
}

static int
pgd_savepoint(struct db *db, const char *name)
{
	return sp(db, "SAVEPOINT", name);
}

static int
pgd_release(struct db *db, const char *name)
{
	return sp(db, "RELEASE SAVEPOINT", name);
}

static int
pgd_rollback_to(struct db *db, const char *name)
{
	return sp(db, "ROLLBACK TO SAVEPOINT", name);
}

static void
pgd_write_lock(struct db *db)
{
	(void)db;
}

/*
 * "?N" to "$N"; a bare "?" takes the next number after the largest so
 * far (SQLite's rule). Quoted strings, quoted names and comments are
 * copied as they are. The largest number into *n. NULL on a bad
 * placeholder or too long a statement.
 */
static char *
rewrite(const char *sql, int *n, unsigned char used[PG_PARAMS_MAX])
{
	size_t	 len = strlen(sql), o = 0, cap;
	char	*out;
	int	 max = 0;

	/* "?" or "?N" becomes "$N" (at most 1 + 2 digits: PG_PARAMS_MAX):
	   at most four bytes for each byte of the SQL. */
	cap = len * 4 + 1;
	if (len > PG_SQL_MAX || (out = malloc(cap)) == NULL)
		return NULL;
	while (*sql) {
		char	 q = *sql;

		if (q == '\'' || q == '"') {
			out[o++] = *sql++;
			while (*sql && *sql != q)
				out[o++] = *sql++;
			if (*sql)
				out[o++] = *sql++;
		} else if (q == '-' && sql[1] == '-') {
			while (*sql && *sql != '\n')
				out[o++] = *sql++;
		} else if (q == '?') {
			int	 k = 0;

			sql++;
			if (*sql >= '0' && *sql <= '9') {
				while (*sql >= '0' && *sql <= '9' && k <= PG_PARAMS_MAX)
					k = k * 10 + (*sql++ - '0');
			} else
				k = max + 1;
			if (k < 1 || k > PG_PARAMS_MAX) {
				free(out);
				return NULL;
			}
			if (k > max)
				max = k;
			used[k - 1] = 1;
			o += (size_t)snprintf(out + o, cap - o, "$%d", k);
		} else
			out[o++] = *sql++;
	}
	out[o] = '\0';
	*n = max;
	return out;
}

/* Inside a transaction a failed PREPARE would abort it (SQLite's
   prepare never touches the transaction): a savepoint keeps it usable. */
int
db_pg_prepare_server(struct pg_stmt *s)
{
	PGresult	*r;
	Oid		 types[PG_PARAMS_MAX];
	int		 i, ok, tx = s->d->in_tx;

	/* A number the SQL skips (?6 and ?7 bound but unused by a count
	   that shares binds with its page query) has no type to infer:
	   text, which any bound value is on the wire. */
	for (i = 0; i < s->nparams; i++)
		types[i] = s->used[i] ? 0 : TEXTOID;
	if (tx && db_pg_command(s->d, "SAVEPOINT db_prep", NULL) == -1)
		return -1;
	snprintf(s->name, sizeof(s->name), "s%u", ++s->d->seq);
	r = PQprepare(s->d->c, s->name, s->sql, s->nparams, types);
	ok = r != NULL && PQresultStatus(r) == PGRES_COMMAND_OK;
	if (!ok)
		db_pg_err(s->d, r ? PQresultErrorMessage(r) :
		    PQerrorMessage(s->d->c));
	PQclear(r);
	if (tx) {
		char	 keep[PG_ERR_MAX];

		memcpy(keep, s->d->err, sizeof(keep));
		if (!ok)
			db_pg_command(s->d, "ROLLBACK TO SAVEPOINT db_prep", NULL);
		db_pg_command(s->d, "RELEASE SAVEPOINT db_prep", NULL);
		memcpy(s->d->err, keep, sizeof(keep));
	}
	s->epoch = s->d->epoch;
	return ok ? 0 : -1;
}

static struct db_stmt *
pgd_prepare(struct db *db, const char *sql)
{
	struct pg_stmt	*s;
	const char	*p = sql;

	if ((s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	s->base.ops = &db_pg_ops;
	s->d = D(db);
	if ((s->sql = rewrite(sql, &s->nparams, s->used)) == NULL) {
		db_pg_err(s->d, "statement too long or bad placeholder");
		free(s);
		return NULL;
	}
	/* Inside a transaction a write runs under a savepoint: a conflict
	   (or a bad value) fails the statement and not the transaction, as
	   on SQLite, so the caller can resolve it and go on. Reads are not
	   guarded: a failed read ends the caller's transaction anyway, and
	   each savepoint is two more round trips (bench: submit). */
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '(')
		p++;
	s->guard = strncasecmp(p, "INSERT", 6) == 0 ||
	    strncasecmp(p, "UPDATE", 6) == 0 ||
	    strncasecmp(p, "DELETE", 6) == 0;
	/* Reads stream (db_pg_stream.c); "WITH" is read-only in the store
	   (no data-modifying CTEs). */
	s->stream = strncasecmp(p, "SELECT", 6) == 0 ||
	    strncasecmp(p, "WITH", 4) == 0;
	if (db_pg_alive(s->d) == -1 || db_pg_prepare_server(s) == -1) {
		free(s->sql);
		free(s);
		return NULL;
	}
	return &s->base;
}

static void
pgd_reset(struct db_stmt *st)
{
	db_pg_stream_reset(S(st));
}

static void
pgd_clear_bindings(struct db_stmt *st)
{
	struct pg_stmt	*s = S(st);
	int		 i;

	for (i = 0; i < s->nparams; i++) {
		free(s->par[i].own);
		memset(&s->par[i], 0, sizeof(s->par[i]));
	}
}

static void
pgd_finalize(struct db_stmt *st)
{
	struct pg_stmt	*s = S(st);

	/* No DEALLOCATE: the store finalizes statements only when it closes
	   the connection, which drops them all; a round trip each would make
	   closing a pool of connections take seconds. */
	db_pg_stream_reset(s);
	pgd_clear_bindings(st);
	free(s->sql);
	free(s);
}

static struct pg_param *
param(struct pg_stmt *s, int i)
{
	if (i < 1 || i > s->nparams) {
		db_pg_err(s->d, "parameter index out of range");
		return NULL;
	}
	free(s->par[i - 1].own);
	memset(&s->par[i - 1], 0, sizeof(s->par[i - 1]));
	return &s->par[i - 1];
}

static int
pgd_bind_null(struct db_stmt *st, int i)
{
	return param(S(st), i) ? 0 : -1;
}

static int
pgd_bind_int64(struct db_stmt *st, int i, int64_t v)
{
	struct pg_param	*p;

	if ((p = param(S(st), i)) == NULL)
		return -1;
	snprintf(p->num, sizeof(p->num), "%lld", (long long)v);
	p->p = p->num;
	p->set = 1;
	return 0;
}

static int
pgd_bind_double(struct db_stmt *st, int i, double v)
{
	struct pg_param	*p;

	if ((p = param(S(st), i)) == NULL)
		return -1;
	snprintf(p->num, sizeof(p->num), "%.17g", v);
	p->p = p->num;
	p->set = 1;
	return 0;
}

static int
pgd_bind_text(struct db_stmt *st, int i, const char *t, int n)
{
	struct pg_param	*p;

	if ((p = param(S(st), i)) == NULL)
		return -1;
	if (t == NULL)
		return 0;
	if (n >= 0) {
		/* Text parameters are NUL-terminated on the wire. */
		if ((p->own = malloc((size_t)n + 1)) == NULL)
			return -1;
		memcpy(p->own, t, (size_t)n);
		p->own[n] = '\0';
		p->p = p->own;
	} else
		p->p = t;
	p->set = 1;
	return 0;
}

static int
pgd_bind_blob(struct db_stmt *st, int i, const void *b, int n)
{
	struct pg_param	*p;

	if ((p = param(S(st), i)) == NULL)
		return -1;
	if (b == NULL && n > 0)
		return -1;
	p->p = b ? b : "";
	p->len = n;
	p->fmt = 1;
	p->set = 1;
	return 0;
}

static int64_t
pgd_changes(struct db *db)
{
	return D(db)->changes;
}

static int64_t
pgd_last_id(struct db *db)
{
	PGresult	*r;
	int64_t		 id = 0;

	if (db_pg_alive(D(db)) == -1)
		return 0;
	r = PQexec(D(db)->c, "SELECT lastval()");
	if (r != NULL && PQresultStatus(r) == PGRES_TUPLES_OK &&
	    PQntuples(r) == 1)
		id = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	else
		db_pg_err(D(db), r ? PQresultErrorMessage(r) : "lastval");
	PQclear(r);
	return id;
}

const struct db_ops db_pg_ops = {
	.name = "postgres",
	.accepts = pgd_accepts,
	.open = pgd_open,
	.close = pgd_close,
	.errmsg = pgd_errmsg,
	.exec = pgd_exec,
	.schema_version = pgd_schema_version,
	.set_schema_version = pgd_set_schema_version,
	.migrations = pgd_migrations,
	.begin = pgd_begin,
	.commit = pgd_commit,
	.rollback = pgd_rollback,
	.savepoint = pgd_savepoint,
	.release = pgd_release,
	.rollback_to = pgd_rollback_to,
	.write_lock = pgd_write_lock,
	.write_unlock = pgd_write_lock,
	.prepare = pgd_prepare,
	.finalize = pgd_finalize,
	.reset = pgd_reset,
	.clear_bindings = pgd_clear_bindings,
	.bind_null = pgd_bind_null,
	.bind_int64 = pgd_bind_int64,
	.bind_double = pgd_bind_double,
	.bind_text = pgd_bind_text,
	.bind_blob = pgd_bind_blob,
	.step = db_pg_stream_step,
	.column_is_null = db_pg_col_is_null,
	.column_int64 = db_pg_col_int64,
	.column_double = db_pg_col_double,
	.column_text = db_pg_col_text,
	.column_blob = db_pg_col_blob,
	.column_bytes = db_pg_col_bytes,
	.changes = pgd_changes,
	.last_id = pgd_last_id,
};
