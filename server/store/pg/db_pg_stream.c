/*
 * db_pg_stream: running a prepared statement on PostgreSQL and reading
 * its rows behind db_step.
 *
 * Reads (statements that begin with SELECT or WITH) stream: they are sent
 * with PQsendQueryPrepared in single-row mode and each db_step reads one
 * row off the connection, so a 200,000-row CSV export holds one row in
 * the client, not the whole result (PQexecPrepared would buffer every row
 * before the first is written out). Writes run whole (PQexecPrepared):
 * their results are bounded, and inside a transaction each runs under a
 * savepoint so that a conflict fails the statement and not the
 * transaction, as on SQLite.
 *
 * While a stream is live the connection is busy. Another statement of
 * the same connection (a nested query while the caller iterates) first
 * settles it: the rows still to come are read into the stream's queue
 * and the stream goes on from there; only that case holds rows in
 * memory. A stream reset before its end (the caller stopped, e.g. the
 * HTTP client of an export hung up) is drained: up to PG_DRAIN_ROWS rows
 * are read and dropped, then, outside a transaction, the query is
 * cancelled (PQcancel; a cancel inside a transaction would abort it, so
 * there the rest is read), and the connection is clean again when
 * PQgetResult says there is nothing more.
 */
#include <stdlib.h>
#include <string.h>

#include "db_pg_int.h"
#include "log.h"

static void
queue_free(struct pg_stmt *s)
{
	while (s->qhead < s->qn)
		PQclear(s->q[s->qhead++]);
	free(s->q);
	s->q = NULL;
	s->qhead = s->qn = s->qcap = 0;
}

static int
queue_push(struct pg_stmt *s, PGresult *r)
{
	if (s->qn == s->qcap) {
		size_t		 cap = s->qcap ? s->qcap * 2 : 16;
		PGresult	**q;

		if ((q = reallocarray(s->q, cap, sizeof(*q))) == NULL)
			return -1;
		s->q = q;
		s->qcap = cap;
	}
	s->q[s->qn++] = r;
	return 0;
}

void
db_pg_stream_settle(struct pg_db *d)
{
	struct pg_stmt	*s = d->live;
	PGresult	*r;

	if (s == NULL)
		return;
	d->live = NULL;
	s->streaming = 0;
	while ((r = PQgetResult(d->c)) != NULL) {
		/* The end of the rows carries nothing step needs: dropped, so
		   the common case (a one-row read left at its row) queues
		   nothing. Rows and errors are kept, in order. */
		if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 0) {
			PQclear(r);
			continue;
		}
		if (s->oom || queue_push(s, r) == -1) {
			PQclear(r);
			s->oom = 1;
		}
	}
}

/* The stream's next result: queued (settled) first, then off the
   connection. NULL: no more. */
static PGresult *
next_result(struct pg_stmt *s)
{
	PGresult	*r;

	if (s->qhead < s->qn)
		return s->q[s->qhead++];
	if (!s->streaming)
		return NULL;
	if ((r = PQgetResult(s->d->c)) == NULL) {
		s->streaming = 0;
		s->d->live = NULL;
	}
	return r;
}

/* Rows nobody will read: the connection made clean. */
static void
abandon(struct pg_stmt *s)
{
	struct pg_db	*d = s->d;
	PGresult	*r;
	PGcancel	*cn;
	char		 err[256];
	int		 n = 0, cancelled = 0;

	while ((r = PQgetResult(d->c)) != NULL) {
		PQclear(r);
		if (++n != PG_DRAIN_ROWS || d->in_tx)
			continue;
		/* Whatever the server still sends before it sees the cancel
		   (its socket buffer) is read and dropped above; the last
		   result is the cancel's error, which nobody is waiting for. */
		if ((cn = PQgetCancel(d->c)) == NULL ||
		    !PQcancel(cn, err, sizeof(err)))
			log_warnx("store: postgres: cancel of an abandoned read:"
			    " %s", cn ? err : "no cancel handle");
		else
			cancelled = 1;
		PQfreeCancel(cn);
	}
	/* Rare (a client that hung up mid-export) and worth knowing. */
	if (cancelled)
		log_info("store: postgres: a read abandoned after %d rows was"
		    " cancelled", PG_DRAIN_ROWS);
	s->streaming = 0;
	d->live = NULL;
}

void
db_pg_stream_reset(struct pg_stmt *s)
{
	if (s->streaming)
		abandon(s);
	queue_free(s);
	PQclear(s->res);
	s->res = NULL;
	s->row = -1;
	s->started = s->done = s->oom = 0;
	db_pg_col_forget(s);
}

static void
params(struct pg_stmt *s, const char **vals, int *lens, int *fmts)
{
	int	 i;

	for (i = 0; i < s->nparams; i++) {
		vals[i] = s->par[i].set ? s->par[i].p : NULL;
		lens[i] = s->par[i].len;
		fmts[i] = s->par[i].fmt;
	}
}

/* The error of a failed result: DB_CONFLICT for a unique violation. */
static int
failed(struct pg_stmt *s, const PGresult *r)
{
	db_pg_err(s->d, r ? PQresultErrorMessage(r) : PQerrorMessage(s->d->c));
	return strcmp(pg_sqlstate(r), PG_SQLSTATE_UNIQUE) == 0 ?
	    DB_CONFLICT : DB_ERROR;
}

/* A write, whole: DB_DONE with s->res holding its result (RETURNING
   rows), DB_CONFLICT or DB_ERROR. */
static int
run_whole(struct pg_stmt *s)
{
	const char	*vals[PG_PARAMS_MAX];
	int		 lens[PG_PARAMS_MAX], fmts[PG_PARAMS_MAX], guard, rc;

	params(s, vals, lens, fmts);
	guard = s->guard && s->d->in_tx;
	if (guard && db_pg_command(s->d, "SAVEPOINT db_stmt", NULL) == -1)
		return DB_ERROR;
	s->res = PQexecPrepared(s->d->c, s->name, s->nparams, vals, lens,
	    fmts, 0);
	if (s->res != NULL && (PQresultStatus(s->res) == PGRES_TUPLES_OK ||
	    PQresultStatus(s->res) == PGRES_COMMAND_OK)) {
		s->d->changes = strtoll(PQcmdTuples(s->res), NULL, 10);
		if (guard && db_pg_command(s->d, "RELEASE SAVEPOINT db_stmt",
		    NULL) == -1)
			return DB_ERROR;
		return DB_DONE;
	}
	rc = failed(s, s->res);
	if (guard) {
		char	 keep[PG_ERR_MAX];

		memcpy(keep, s->d->err, sizeof(keep));
		db_pg_command(s->d, "ROLLBACK TO SAVEPOINT db_stmt", NULL);
		db_pg_command(s->d, "RELEASE SAVEPOINT db_stmt", NULL);
		memcpy(s->d->err, keep, sizeof(keep));
	}
	s->d->changes = 0;
	return rc;
}

/* A read, sent: its rows arrive at each db_step. */
static int
run_stream(struct pg_stmt *s)
{
	const char	*vals[PG_PARAMS_MAX];
	int		 lens[PG_PARAMS_MAX], fmts[PG_PARAMS_MAX];

	params(s, vals, lens, fmts);
	if (!PQsendQueryPrepared(s->d->c, s->name, s->nparams, vals, lens,
	    fmts, 0)) {
		db_pg_err(s->d, PQerrorMessage(s->d->c));
		return DB_ERROR;
	}
	/* Refused only if called at the wrong time; the rows then come as
	   one result, which step reads just the same. */
	(void)PQsetSingleRowMode(s->d->c);
	s->d->live = s;
	s->streaming = 1;
	return DB_DONE;
}

static int
start(struct pg_stmt *s)
{
	if (db_pg_alive(s->d) == -1)
		return DB_ERROR;
	if (s->epoch != s->d->epoch && db_pg_prepare_server(s) == -1)
		return DB_ERROR;
	return s->stream ? run_stream(s) : run_whole(s);
}

/* A stream that failed part-way: the rest of its results dropped. */
static void
drain(struct pg_stmt *s)
{
	PGresult	*r;

	while ((r = next_result(s)) != NULL)
		PQclear(r);
}

int
db_pg_stream_step(struct db_stmt *st)
{
	struct pg_stmt	*s = S(st);
	PGresult	*r;
	int		 rc;

	if (s->done)
		return DB_DONE;
	if (!s->started) {
		s->started = 1;
		s->row = -1;
		if ((rc = start(s)) != DB_DONE) {
			PQclear(s->res);
			s->res = NULL;
			s->done = 1;
			return rc;
		}
	}
	for (;;) {
		if (s->res != NULL &&
		    (PQresultStatus(s->res) == PGRES_TUPLES_OK ||
		    PQresultStatus(s->res) == PGRES_SINGLE_TUPLE) &&
		    s->row + 1 < PQntuples(s->res)) {
			s->row++;
			db_pg_col_forget(s);
			return DB_ROW;
		}
		if (!s->stream)
			break;
		/* The previous row goes: its column pointers were valid
		   until this step (db.h). */
		PQclear(s->res);
		s->res = NULL;
		s->row = -1;
		db_pg_col_forget(s);
		if ((r = next_result(s)) == NULL) {
			if (s->oom) {
				db_pg_err(s->d, "out of memory reading rows");
				s->done = 1;
				return DB_ERROR;
			}
			break;
		}
		switch (PQresultStatus(r)) {
		case PGRES_SINGLE_TUPLE:
		case PGRES_TUPLES_OK:
			s->res = r;
			break;
		case PGRES_COMMAND_OK:
		case PGRES_EMPTY_QUERY:
			PQclear(r);
			break;
		default:
			/* An error after some rows (a bad cast at row 1,000,
			   the statement timeout, a lost connection): SQLite
			   too can fail a step after rows. */
			rc = failed(s, r);
			PQclear(r);
			drain(s);
			s->done = 1;
			return rc;
		}
	}
	s->done = 1;
	return DB_DONE;
}
