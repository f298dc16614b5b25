/* unit-layer: store */
/*
 * db.h's statement contract where a driver streams rows (PostgreSQL's
 * single-row mode, server/store/pg/db_pg_stream.c) and SQLite steps a
 * cursor: two statements of one connection step interleaved, a write
 * runs while a read is half-read, a column pointer stays valid until
 * its own statement steps, a read reset half-way (more rows than the
 * driver drains before cancelling) leaves the connection clean, inside
 * a transaction too (the transaction still commits), and an error after
 * some rows is an error step that leaves the connection usable.
 *
 * LENTERA_TEST_DB: the database (a db_open target, e.g. a PostgreSQL URL;
 * tests/http/test_pgops_stream.py passes a fresh one); default a new
 * SQLite file in a temporary folder.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "t.h"

#define NROWS	3000	/* more than PG_DRAIN_ROWS, past a socket buffer */

static int64_t
count(struct db *db)
{
	struct db_stmt	*s = db_prepare(db, "SELECT count(*) FROM t");
	int64_t		 n = -1;

	if (s != NULL && db_step(s) == DB_ROW)
		n = db_column_int64(s, 0);
	db_finalize(s);
	return n;
}

static int
fill(struct db *db)
{
	struct db_stmt	*s;
	char		 v[32];
	int		 i, ok = 1;

	if (db_exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL,"
	    " n INTEGER NOT NULL DEFAULT 0)") == -1 || db_begin(db) == -1)
		return 0;
	if ((s = db_prepare(db, "INSERT INTO t (id, v) VALUES (?1, ?2)")) == NULL)
		return 0;
	for (i = 1; i <= NROWS && ok; i++) {
		snprintf(v, sizeof(v), "%d", i);
		db_reset(s);
		ok = db_bind_int(s, 1, i) == 0 &&
		    db_bind_text(s, 2, i == 2500 ? "x" : v, -1) == 0 &&
		    db_step(s) == DB_DONE;
	}
	db_finalize(s);
	return db_commit(db) == 0 && ok;
}

int
main(void)
{
	struct db	*db = NULL;
	struct db_stmt	*a, *b, *w, *x;
	const char	*target = getenv("LENTERA_TEST_DB"), *keep;
	char		 dir[64] = "/tmp/lentera-dbstream-XXXXXX", path[256], saw[32];
	int		 i, rc, ok, pg;
	int64_t		 sum;

	if (target == NULL || target[0] == '\0') {
		if (mkdtemp(dir) == NULL)
			return 1;
		snprintf(path, sizeof(path), "%s/t.db", dir);
		target = path;
	}
	T_OK(db_open(target, &db) == 0, "db stream: open");
	if (db == NULL)
		T_DONE();
	pg = strcmp(db_driver(db), "postgres") == 0;
	T_OK(fill(db), "db stream: rows written");

	/* Interleaved: a half-read statement, another runs, the first
	   goes on from where it was with its current row intact. */
	a = db_prepare(db, "SELECT id, v FROM t ORDER BY id");
	b = db_prepare(db, "SELECT sum(id) FROM t WHERE id <= ?1");
	w = db_prepare(db, "UPDATE t SET n = n + 1 WHERE id = ?1");
	T_OK(a && b && w, "db stream: prepared");
	for (i = 0; i < 10 && db_step(a) == DB_ROW; i++)
		;
	keep = db_column_text(a, 1);
	snprintf(saw, sizeof(saw), "%s", keep);
	db_bind_int(b, 1, 100);
	T_OK(db_step(b) == DB_ROW && db_column_int64(b, 0) == 5050,
	    "db stream: a second read while the first is half-read");
	db_reset(b);
	T_OK(strcmp(keep, "10") == 0 && strcmp(saw, "10") == 0,
	    "db stream: the half-read row's text stays valid");
	ok = 1;
	sum = 10 * 11 / 2;
	while ((rc = db_step(a)) == DB_ROW) {
		int	 id = db_column_int(a, 0);

		sum += id;
		/* A write per row, as a report callback might do. */
		if (id % 500 == 0) {
			db_reset(w);
			db_bind_int(w, 1, id);
			ok = ok && db_step(w) == DB_DONE && db_changes(db) == 1;
		}
	}
	T_OK(rc == DB_DONE && sum == (int64_t)NROWS * (NROWS + 1) / 2,
	    "db stream: the first read ends with every row");
	T_OK(ok, "db stream: writes between its rows");
	db_reset(a);

	/* Reset half-way, outside a transaction: the next statements
	   run, and the same read from the start gives every row. */
	for (i = 0; i < 1000 && db_step(a) == DB_ROW; i++)
		;
	db_reset(a);
	T_OK(count(db) == NROWS, "db stream: a statement after a read reset half-way");
	for (i = 0; db_step(a) == DB_ROW; i++)
		;
	T_OK(i == NROWS, "db stream: the reset read runs again whole");
	db_reset(a);

	/* Reset half-way inside a transaction: it still commits (a cancel
	   there would have aborted it). A cross join of 600,000 rows:
	   more than any socket buffer holds when the reset comes. */
	x = db_prepare(db, "SELECT t1.id, t2.v FROM t t1 CROSS JOIN"
	    " (SELECT v FROM t WHERE id <= 200) t2");
	for (i = 0; i < 1000 && db_step(x) == DB_ROW; i++)
		;
	db_reset(x);
	T_OK(i == 1000 && count(db) == NROWS,
	    "db stream: a huge read reset half-way, then another statement");
	T_OK(db_begin(db) == 0, "db stream: begin");
	for (i = 0; i < 1000 && db_step(x) == DB_ROW; i++)
		;
	db_reset(x);
	db_reset(w);
	db_bind_int(w, 1, 1);
	T_OK(db_step(w) == DB_DONE, "db stream: a write after the reset read in a transaction");
	T_OK(db_commit(db) == 0, "db stream: the transaction commits");
	db_reset(b);
	{
		struct db_stmt *n = db_prepare(db, "SELECT n FROM t WHERE id = 1");

		T_OK(n && db_step(n) == DB_ROW && db_column_int(n, 0) == 1,
		    "db stream: its write is there");
		db_finalize(n);
	}

	/* An error after rows (PostgreSQL: the cast fails at id 2500;
	   SQLite casts 'x' to 0, so it reads to the end). */
	{
		struct db_stmt *e = db_prepare(db,
		    "SELECT CAST(v AS INTEGER) FROM t ORDER BY id");

		for (i = 0; (rc = db_step(e)) == DB_ROW; i++)
			;
		if (pg)
			T_OK(rc == DB_ERROR && i > 0 && i < 2500,
			    "db stream: an error after rows is an error step");
		else
			T_OK(rc == DB_DONE && i == NROWS, "db stream: sqlite reads on");
		db_finalize(e);
		T_OK(count(db) == NROWS, "db stream: the connection works after it");
	}

	/* Finalized half-read: closing is clean. */
	for (i = 0; i < 5 && db_step(a) == DB_ROW; i++)
		;
	db_finalize(a);
	db_finalize(b);
	db_finalize(w);
	db_finalize(x);
	T_OK(count(db) == NROWS, "db stream: after a half-read finalize");
	db_close(db);
	if (target == path) {
		unlink(path);
		snprintf(path, sizeof(path), "%s/t.db-wal", dir);
		unlink(path);
		snprintf(path, sizeof(path), "%s/t.db-shm", dir);
		unlink(path);
		rmdir(dir);
	}
	T_DONE();
}
