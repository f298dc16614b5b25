/*
 * store_pg: the PostgreSQL backend's entry points that are not the
 * store API itself (server/store/pg, on libpq).
 *
 * A database is named by a URL: "postgres://" or "postgresql://" (libpq's
 * connection URI: user, password, host, port, database, parameters such as
 * sslmode); anything else is a SQLite file path. store_pg_is_url says
 * which (1 PostgreSQL, 0 SQLite).
 *
 * store_pg_migrate brings the schema of url up to this binary's version
 * (server/store/pg/pg_schema.c, numbered like the SQLite migrations). Each
 * step is its own transaction; an advisory lock makes nodes that start at
 * once take turns, so each step runs once. 0 ok, -1 failure (logged); a
 * database newer than this binary is refused.
 *
 * store_pg_version writes the schema version of url into *version: 0 ok,
 * -1 failure.
 */
#ifndef LENTERA_STORE_PG_H
#define LENTERA_STORE_PG_H

int	store_pg_is_url(const char *db);
int	store_pg_migrate(const char *url);
int	store_pg_version(const char *url, int *version);

#endif
