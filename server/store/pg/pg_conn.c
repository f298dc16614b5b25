/* pg_conn: PostgreSQL connections, plain statements and the schema migration. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_pg.h"
#include "pg_int.h"
#include "log.h"

int
store_pg_is_url(const char *db)
{
	return db != NULL && (strncmp(db, "postgres://", 11) == 0 ||
	    strncmp(db, "postgresql://", 13) == 0);
}

PGconn *
pg_connect(const char *url)
{
	PGconn	*c;

	if ((c = PQconnectdb(url)) == NULL) {
		log_warnx("store: postgres: out of memory");
		return NULL;
	}
	if (PQstatus(c) != CONNECTION_OK) {
		/* PQerrorMessage names host and port, never the password. */
		log_warnx("store: postgres: connect: %s", PQerrorMessage(c));
		PQfinish(c);
		return NULL;
	}
	if (pg_exec(c, PG_SESSION_SQL, "session settings") == -1) {
		PQfinish(c);
		return NULL;
	}
	return c;
}

int
pg_exec(PGconn *c, const char *sql, const char *what)
{
	PGresult	*r;
	int		 ok;

	if ((r = PQexec(c, sql)) == NULL) {
		log_warnx("store: postgres: %s: %s", what, PQerrorMessage(c));
		return -1;
	}
	ok = PQresultStatus(r) == PGRES_COMMAND_OK ||
	    PQresultStatus(r) == PGRES_TUPLES_OK ||
	    PQresultStatus(r) == PGRES_EMPTY_QUERY;
	if (!ok)
		log_warnx("store: postgres: %s: %s", what,
		    PQresultErrorMessage(r));
	PQclear(r);
	return ok ? 0 : -1;
}

const char *
pg_sqlstate(const PGresult *r)
{
	const char	*s = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;

	return s ? s : "";
}

int
pg_schema_version(PGconn *c)
{
	PGresult	*r;
	int		 v = -1;

	/* to_regclass: NULL before the first migration, not an error. */
	r = PQexec(c, "SELECT CASE WHEN to_regclass('lentera_schema') IS NULL"
	    " THEN 0 ELSE 1 END");
	if (r == NULL || PQresultStatus(r) != PGRES_TUPLES_OK) {
		log_warnx("store: postgres: schema version: %s",
		    r ? PQresultErrorMessage(r) : PQerrorMessage(c));
		PQclear(r);
		return -1;
	}
	if (strcmp(PQgetvalue(r, 0, 0), "0") == 0) {
		PQclear(r);
		return 0;
	}
	PQclear(r);
	r = PQexec(c, "SELECT version FROM lentera_schema WHERE id = 1");
	if (r == NULL || PQresultStatus(r) != PGRES_TUPLES_OK) {
		log_warnx("store: postgres: schema version: %s",
		    r ? PQresultErrorMessage(r) : PQerrorMessage(c));
	} else
		v = PQntuples(r) == 1 ? atoi(PQgetvalue(r, 0, 0)) : 0;
	PQclear(r);
	return v;
}

int
store_pg_version(const char *url, int *version)
{
	PGconn	*c;

	if ((c = pg_connect(url)) == NULL)
		return -1;
	*version = pg_schema_version(c);
	PQfinish(c);
	return *version < 0 ? -1 : 0;
}

int
store_pg_migrate(const char *url)
{
	PGconn	*c;
	char	 sql[128];
	int	 v, n = pg_schema_steps(), rc = -1, locked = 0;

	if ((c = pg_connect(url)) == NULL)
		return -1;
	/* Nodes starting together take turns; the second finds the work done. */
	snprintf(sql, sizeof(sql), "SELECT pg_advisory_lock(%lld)",
	    (long long)PG_MIGRATE_LOCK);
	if (pg_exec(c, sql, "migration lock") == -1)
		goto err;
	locked = 1;
	if (pg_exec(c, "CREATE TABLE IF NOT EXISTS lentera_schema ("
	    " id INTEGER PRIMARY KEY CHECK (id = 1),"
	    " version INTEGER NOT NULL);"
	    "INSERT INTO lentera_schema (id, version) VALUES (1, 0)"
	    " ON CONFLICT (id) DO NOTHING", "schema table") == -1)
		goto err;
	if ((v = pg_schema_version(c)) == -1)
		goto err;
	if (v > n) {
		log_warnx("store: postgres database has schema %d, newer than"
		    " this binary (%d)", v, n);
		goto err;
	}
	for (; v < n; v++) {
		snprintf(sql, sizeof(sql), "UPDATE lentera_schema SET version = %d"
		    " WHERE id = 1", v + 1);
		if (pg_exec(c, "BEGIN", "migration") == -1)
			goto err;
		if (pg_exec(c, pg_schema_step(v), "migration step") == -1 ||
		    pg_exec(c, sql, "migration version") == -1 ||
		    pg_exec(c, "COMMIT", "migration commit") == -1) {
			log_warnx("store: postgres: migration %d failed", v + 1);
			pg_exec(c, "ROLLBACK", "migration rollback");
			goto err;
		}
	}
	rc = 0;
err:
	if (locked) {
		snprintf(sql, sizeof(sql), "SELECT pg_advisory_unlock(%lld)",
		    (long long)PG_MIGRATE_LOCK);
		pg_exec(c, sql, "migration unlock");
	}
	PQfinish(c);
	return rc;
}
