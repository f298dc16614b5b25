/*
 * pg_int: internals of the PostgreSQL backend (server/store/pg, libpq),
 * never included outside the store layer.
 *
 * pg_connect opens one connection to a postgres:// URL with the session
 * settings every backend connection runs with (UTF-8, UTC, no statement
 * running longer than 30 s, PG_SESSION_SQL): the connection, or NULL (logged,
 * without the URL's password). pg_exec runs SQL that returns no rows
 * (several statements allowed): 0 ok, -1 failed (logged with what).
 * pg_sqlstate: the five-character SQLSTATE of a failed result, "" none.
 */
#ifndef LENTERA_PG_INT_H
#define LENTERA_PG_INT_H

#include <libpq-fe.h>

#define PG_SQLSTATE_UNIQUE	"23505"	/* unique_violation: the conflict result */
#define PG_SQLSTATE_SERIALIZE	"40001"	/* serialization_failure: retry */
/* pg_advisory_lock key held while a node migrates the schema. */
#define PG_MIGRATE_LOCK		0x4c656e7465726101LL
/* pg_advisory_xact_lock key every write transaction holds (db_pg.c). */
#define PG_WRITE_LOCK		0x4c656e7465726102LL

/* Every connection's session settings (pg_connect and reconnects). */
#define PG_SESSION_SQL	"SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC';" \
	" SET statement_timeout = 30000; SET client_min_messages = warning;" \
	" SET bytea_output = 'hex'"

PGconn		*pg_connect(const char *url);
int		 pg_exec(PGconn *, const char *sql, const char *what);
const char	*pg_sqlstate(const PGresult *);
/* The schema version of a connected database (0: none yet), -1 error. */
int		 pg_schema_version(PGconn *);

/* pg_schema.c: the DDL, step i (0-based) brings version i to i+1. */
int		 pg_schema_steps(void);
int		 pg_migrations(const char *const **steps);
const char	*pg_schema_step(int i);
/* SQL that deletes the rows the steps themselves insert (planning
   counters, the revocation epoch) while they are as a fresh database
   holds them: `lentera migrate` runs it in its transaction before it
   copies a source that brings its own. */
const char	*pg_schema_unseed(void);
/* pg_schema_agg.c: step 18 (the dashboard's counters). */
extern const char pg_schema_step18[];

/* A row-level AFTER trigger calling FN, re-runnable (the SQLite
   steps' CREATE TRIGGER IF NOT EXISTS). */
#define PG_TRIGGER(name, event, table, fn) \
	"CREATE OR REPLACE TRIGGER " name " AFTER " event " ON " table \
	" FOR EACH ROW EXECUTE FUNCTION " fn "();"

#endif
