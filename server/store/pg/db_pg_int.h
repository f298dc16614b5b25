/*
 * db_pg_int: the PostgreSQL driver's own structures, shared by its files
 * (db_pg.c connections, transactions, prepare and binds; db_pg_stream.c
 * running a statement and reading its rows; db_pg_col.c column reads).
 * Never included outside server/store/pg.
 *
 * A connection has at most one statement whose rows are still arriving
 * (live): it was sent in single-row mode and the connection is busy
 * until its last result is read. Anything else that uses the connection
 * calls db_pg_alive first, which settles the live statement (its
 * remaining rows are read into its queue, so it can go on stepping), as
 * SQLite lets two statements of one connection step interleaved.
 */
#ifndef LENTERA_DB_PG_INT_H
#define LENTERA_DB_PG_INT_H

#include <stddef.h>
#include <stdint.h>

#include "db_int.h"
#include "pg_int.h"

#define PG_PARAMS_MAX	64	/* ?N of one statement */
#define PG_COLS_MAX	64	/* bytea columns cached per row */
#define PG_ERR_MAX	512
#define PG_SQL_MAX	(64 * 1024)	/* bytes of one statement */
/* Rows of an abandoned stream read and dropped before the rest is
   cancelled (outside a transaction): a client that hangs up after the
   first page of a 200,000-row export costs this much, not the rest. */
#define PG_DRAIN_ROWS	256
#define BYTEAOID	17
#define BOOLOID		16
#define TEXTOID		25

struct pg_stmt;

struct pg_db {
	struct db	 base;
	PGconn		*c;
	char		*url;
	unsigned	 epoch;		/* bumps on every reconnect */
	unsigned	 seq;		/* statement names */
	int		 in_tx;
	int64_t		 changes;
	struct pg_stmt	*live;		/* rows still arriving, or NULL */
	char		 err[PG_ERR_MAX];
};

struct pg_param {
	const char	*p;
	char		*own;		/* our copy of text, or NULL */
	char		 num[32];
	int		 len;
	int		 fmt;		/* 0 text, 1 binary */
	int		 set;
};

struct pg_stmt {
	struct db_stmt	 base;
	struct pg_db	*d;
	char		*sql;		/* rewritten to $N */
	char		 name[24];
	unsigned	 epoch;		/* prepared on this connection epoch */
	int		 nparams;
	unsigned char	 used[PG_PARAMS_MAX];	/* ?N that the SQL names */
	int		 guard;		/* savepoint inside a transaction */
	int		 stream;	/* a read: rows arrive one at a time */
	struct pg_param	 par[PG_PARAMS_MAX];
	/* The result being read: the whole result (writes), or one row of
	   a stream (single-row mode). */
	PGresult	*res;
	int		 row, started, done;
	int		 streaming;	/* this is d->live */
	int		 oom;		/* a settled row could not be kept */
	PGresult	**q;		/* settled results not read yet */
	size_t		 qhead, qn, qcap;
	int		 nblob;		/* some blob[] is set */
	unsigned char	*blob[PG_COLS_MAX];
	size_t		 bloblen[PG_COLS_MAX];
};

#define D(x)	((struct pg_db *)(void *)(x))
#define S(x)	((struct pg_stmt *)(void *)(x))

/* db_pg.c */
void		 db_pg_err(struct pg_db *, const char *msg);
/* Settles the live stream, then re-establishes a broken connection
   outside a transaction: 0 ready, -1 (error kept). */
int		 db_pg_alive(struct pg_db *);
int		 db_pg_command(struct pg_db *, const char *sql, const char *want);
/* PREPARE on the server (again after a reconnect). */
int		 db_pg_prepare_server(struct pg_stmt *);

/* db_pg_stream.c */
int		 db_pg_stream_step(struct db_stmt *);
/* Ready to run again: an unfinished stream is drained (cancelled past
   PG_DRAIN_ROWS outside a transaction), results freed. */
void		 db_pg_stream_reset(struct pg_stmt *);
/* The live stream's remaining results into its queue. */
void		 db_pg_stream_settle(struct pg_db *);

/* db_pg_col.c: the column readers of the current row. */
int		 db_pg_col_is_null(struct db_stmt *, int);
int64_t		 db_pg_col_int64(struct db_stmt *, int);
double		 db_pg_col_double(struct db_stmt *, int);
const char	*db_pg_col_text(struct db_stmt *, int);
const void	*db_pg_col_blob(struct db_stmt *, int);
int		 db_pg_col_bytes(struct db_stmt *, int);
/* Decoded bytea columns of the previous row freed. */
void		 db_pg_col_forget(struct pg_stmt *);

#endif
