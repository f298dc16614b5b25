/* pg_copy: store_copy_to_pg, a SQLite database into PostgreSQL (store_copy.h). */
#include <math.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "store_copy.h"
#include "store_pg.h"
#include "pg_int.h"

#define COPY_FLUSH	(64 * 1024)	/* bytes of COPY data sent at once */

enum ctype { CT_INT, CT_REAL, CT_TEXT, CT_BYTES };

struct table_copy {
	PGconn		*c;
	const char	*name;
	char		 (*cols)[COPY_NAME_MAX];
	enum ctype	 type[COPY_COLS_MAX];
	int		 ncol;
	long long	 rows;
	uint64_t	 sum[2];
	struct buf	 out;
	char		*err;
	size_t		 errlen;
};

static uint64_t
le64(const unsigned char *p)
{
	uint64_t	 v = 0;
	int		 i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static void
put64(crypto_generichash_state *h, char tag, uint64_t v)
{
	unsigned char	 b[9];
	int		 i;

	b[0] = (unsigned char)tag;
	for (i = 0; i < 8; i++)
		b[1 + i] = (unsigned char)(v >> (8 * i));
	crypto_generichash_update(h, b, sizeof(b));
}

static void
putbytes(crypto_generichash_state *h, char tag, const void *p, size_t n)
{
	put64(h, tag, (uint64_t)n);
	if (n > 0)
		crypto_generichash_update(h, p, n);
}

static void
row_done(crypto_generichash_state *h, uint64_t sum[2])
{
	unsigned char	 d[16];

	crypto_generichash_final(h, d, sizeof(d));
	sum[0] += le64(d);
	sum[1] += le64(d + 8);
}

static uint64_t
dbits(double x)
{
	uint64_t	 v;

	memcpy(&v, &x, sizeof(v));
	return v;
}

/* One value in COPY's text format. */
static void
copy_text(struct buf *b, const unsigned char *p, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		switch (p[i]) {
		case '\\': buf_adds(b, "\\\\"); break;
		case '\n': buf_adds(b, "\\n"); break;
		case '\r': buf_adds(b, "\\r"); break;
		case '\t': buf_adds(b, "\\t"); break;
		default: buf_addc(b, (char)p[i]);
		}
	}
}

static void
copy_double(struct buf *b, double x)
{
	if (isnan(x))
		buf_adds(b, "NaN");
	else if (isinf(x))
		buf_adds(b, x > 0 ? "Infinity" : "-Infinity");
	else
		buf_addf(b, "%.17g", x);
}

static int
flush(struct table_copy *t, int force)
{
	if (t->out.oom) {
		snprintf(t->err, t->errlen, "%s: out of memory", t->name);
		return -1;
	}
	if (t->out.n == 0 || (!force && t->out.n < COPY_FLUSH))
		return 0;
	if (PQputCopyData(t->c, t->out.p, (int)t->out.n) != 1) {
		snprintf(t->err, t->errlen, "%s: %s", t->name,
		    PQerrorMessage(t->c));
		return -1;
	}
	buf_reset(&t->out);
	return 0;
}

static int
bad(struct table_copy *t, int col, const char *why)
{
	snprintf(t->err, t->errlen, "%s.%s, row %lld: %s", t->name,
	    t->cols[col], t->rows + 1, why);
	return -1;
}

/* Source row: encode for COPY and hash by the target column's type. */
static int
source_row(void *arg, const struct dump_val *v, int n)
{
	struct table_copy		*t = arg;
	crypto_generichash_state	 h;
	int				 i;

	crypto_generichash_init(&h, NULL, 0, 16);
	for (i = 0; i < n; i++) {
		if (i)
			buf_addc(&t->out, '\t');
		if (v[i].t == DUMP_NULL) {
			buf_adds(&t->out, "\\N");
			put64(&h, 'N', 0);
			continue;
		}
		switch (t->type[i]) {
		case CT_INT:
			if (v[i].t != DUMP_INT)
				return bad(t, i, "not an integer");
			buf_addf(&t->out, "%lld", v[i].i);
			put64(&h, 'I', (uint64_t)v[i].i);
			break;
		case CT_REAL: {
			double	 x;

			if (v[i].t == DUMP_INT)
				x = (double)v[i].i;
			else if (v[i].t == DUMP_REAL)
				x = v[i].d;
			else
				return bad(t, i, "not a number");
			copy_double(&t->out, x);
			put64(&h, 'R', dbits(x));
			break;
		}
		case CT_TEXT:
			if (v[i].t != DUMP_TEXT)
				return bad(t, i, "not text");
			copy_text(&t->out, v[i].p, v[i].n);
			putbytes(&h, 'T', v[i].p, v[i].n);
			break;
		case CT_BYTES: {
			size_t	 k;

			if (v[i].t != DUMP_BLOB && v[i].t != DUMP_TEXT)
				return bad(t, i, "not bytes");
			buf_adds(&t->out, "\\\\x");
			for (k = 0; k < v[i].n; k++)
				buf_addf(&t->out, "%02x", v[i].p[k]);
			putbytes(&h, 'B', v[i].p, v[i].n);
			break;
		}
		}
	}
	buf_addc(&t->out, '\n');
	row_done(&h, t->sum);
	t->rows++;
	return flush(t, 0);
}

/* The target's column types, in the source's column order. */
static int
target_types(struct table_copy *t, int *identity)
{
	const char	*params[2];
	PGresult	*r;
	int		 i, j, rc = -1;

	params[0] = t->name;
	r = PQexecParams(t->c, "SELECT column_name, data_type, is_identity"
	    " FROM information_schema.columns"
	    " WHERE table_schema = current_schema() AND table_name = $1",
	    1, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		snprintf(t->err, t->errlen, "%s: %s", t->name,
		    PQresultErrorMessage(r));
		goto done;
	}
	if (PQntuples(r) == 0) {
		snprintf(t->err, t->errlen, "table %s is not in the"
		    " PostgreSQL schema", t->name);
		goto done;
	}
	*identity = -1;
	for (i = 0; i < t->ncol; i++) {
		for (j = 0; j < PQntuples(r); j++)
			if (strcmp(PQgetvalue(r, j, 0), t->cols[i]) == 0)
				break;
		if (j == PQntuples(r)) {
			snprintf(t->err, t->errlen, "column %s.%s is not in the"
			    " PostgreSQL schema", t->name, t->cols[i]);
			goto done;
		}
		params[1] = PQgetvalue(r, j, 1);
		if (strcmp(params[1], "bigint") == 0 ||
		    strcmp(params[1], "integer") == 0 ||
		    strcmp(params[1], "smallint") == 0)
			t->type[i] = CT_INT;
		else if (strcmp(params[1], "double precision") == 0 ||
		    strcmp(params[1], "real") == 0)
			t->type[i] = CT_REAL;
		else if (strcmp(params[1], "text") == 0)
			t->type[i] = CT_TEXT;
		else if (strcmp(params[1], "bytea") == 0)
			t->type[i] = CT_BYTES;
		else {
			snprintf(t->err, t->errlen, "column %s.%s: type %s"
			    " cannot be copied", t->name, t->cols[i], params[1]);
			goto done;
		}
		if (strcmp(PQgetvalue(r, j, 2), "YES") == 0)
			*identity = i;
	}
	if (PQntuples(r) != t->ncol) {
		snprintf(t->err, t->errlen, "table %s has %d columns in"
		    " PostgreSQL, %d in SQLite", t->name, PQntuples(r), t->ncol);
		goto done;
	}
	rc = 0;
done:
	PQclear(r);
	return rc;
}

static void
col_list(struct buf *b, char (*cols)[COPY_NAME_MAX], int n)
{
	int	 i;

	for (i = 0; i < n; i++)
		buf_addf(b, "%s\"%s\"", i ? ", " : "", cols[i]);
}

/* Read the table back from PostgreSQL and hash it as the source was. */
static int
verify(struct table_copy *t, long long *rows, uint64_t sum[2])
{
	struct buf	 q = { 0 };
	PGresult	*r;
	int		 i, rc = 0, ok;

	*rows = 0;
	sum[0] = sum[1] = 0;
	buf_adds(&q, "SELECT ");
	col_list(&q, t->cols, t->ncol);
	buf_addf(&q, " FROM \"%s\"", t->name);
	if (q.oom || !PQsendQuery(t->c, q.p) || !PQsetSingleRowMode(t->c)) {
		snprintf(t->err, t->errlen, "%s: read back: %s", t->name,
		    PQerrorMessage(t->c));
		buf_free(&q);
		return -1;
	}
	buf_free(&q);
	while ((r = PQgetResult(t->c)) != NULL) {
		crypto_generichash_state h;

		ok = PQresultStatus(r) == PGRES_SINGLE_TUPLE ||
		    PQresultStatus(r) == PGRES_TUPLES_OK;
		if (!ok && rc == 0) {
			snprintf(t->err, t->errlen, "%s: read back: %s",
			    t->name, PQresultErrorMessage(r));
			rc = -1;
		}
		if (ok && rc == 0 && PQntuples(r) == 1) {
			crypto_generichash_init(&h, NULL, 0, 16);
			for (i = 0; i < t->ncol; i++) {
				const char *s = PQgetvalue(r, 0, i);

				if (PQgetisnull(r, 0, i)) {
					put64(&h, 'N', 0);
					continue;
				}
				switch (t->type[i]) {
				case CT_INT:
					put64(&h, 'I', (uint64_t)strtoll(s, NULL, 10));
					break;
				case CT_REAL:
					put64(&h, 'R', dbits(strtod(s, NULL)));
					break;
				case CT_TEXT:
					putbytes(&h, 'T', s,
					    (size_t)PQgetlength(r, 0, i));
					break;
				case CT_BYTES: {
					size_t		 n;
					unsigned char	*b;

					b = PQunescapeBytea((const unsigned char *)s, &n);
					if (b == NULL) {
						snprintf(t->err, t->errlen,
						    "%s: out of memory", t->name);
						rc = -1;
						break;
					}
					putbytes(&h, 'B', b, n);
					PQfreemem(b);
					break;
				}
				}
			}
			row_done(&h, sum);
			(*rows)++;
		}
		PQclear(r);
	}
	return rc;
}

static PGresult *
exec1(PGconn *c, const char *sql, const char *p1)
{
	return PQexecParams(c, sql, p1 ? 1 : 0, NULL, p1 ? &p1 : NULL, NULL,
	    NULL, 0);
}

/* One table: refuse a non-empty target, COPY in, read back, compare. */
static int
copy_table(PGconn *c, struct dump *d, const char *name,
    struct copy_table *rep, char *err, size_t errlen)
{
	char		 cols[COPY_COLS_MAX][COPY_NAME_MAX];
	struct table_copy t;
	struct buf	 q = { 0 };
	PGresult	*r = NULL;
	long long	 back;
	uint64_t	 bsum[2];
	int		 identity, rc = -1, copying = 0;

	memset(&t, 0, sizeof(t));
	t.c = c;
	t.name = name;
	t.cols = cols;
	t.err = err;
	t.errlen = errlen;
	if ((t.ncol = store_dump_columns(d, name, cols, COPY_COLS_MAX, err,
	    errlen)) <= 0 || target_types(&t, &identity) == -1)
		goto done;
	buf_addf(&q, "LOCK TABLE \"%s\" IN ACCESS EXCLUSIVE MODE;"
	    " SELECT count(*) FROM \"%s\"", name, name);
	r = PQexec(c, q.oom ? "" : q.p);
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		snprintf(err, errlen, "%s: %s", name, PQresultErrorMessage(r));
		goto done;
	}
	if (strcmp(PQgetvalue(r, 0, 0), "0") != 0) {
		snprintf(err, errlen, "the target is not empty: %s has %s rows"
		    " (migrate into a fresh database)", name,
		    PQgetvalue(r, 0, 0));
		goto done;
	}
	PQclear(r);
	/* The rows arrive as the source holds them: the schema's own
	   triggers (the ledger entry of a completion, the planning counters,
	   a certificate's code) already did their work there. Disabled in
	   this transaction only: a refused copy leaves them on. */
	buf_reset(&q);
	buf_addf(&q, "ALTER TABLE \"%s\" DISABLE TRIGGER USER", name);
	r = PQexec(c, q.oom ? "" : q.p);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		snprintf(err, errlen, "%s: %s", name, PQresultErrorMessage(r));
		goto done;
	}
	PQclear(r);
	buf_reset(&q);
	buf_addf(&q, "COPY \"%s\" (", name);
	col_list(&q, cols, t.ncol);
	buf_adds(&q, ") FROM STDIN");
	r = PQexec(c, q.oom ? "" : q.p);
	if (PQresultStatus(r) != PGRES_COPY_IN) {
		snprintf(err, errlen, "%s: %s", name, PQresultErrorMessage(r));
		goto done;
	}
	PQclear(r);
	r = NULL;
	copying = 1;
	if (store_dump_rows(d, name, cols, t.ncol, source_row, &t, err,
	    errlen) == -1 || flush(&t, 1) == -1)
		goto done;
	copying = 0;
	if (PQputCopyEnd(c, NULL) != 1) {
		snprintf(err, errlen, "%s: %s", name, PQerrorMessage(c));
		goto done;
	}
	while ((r = PQgetResult(c)) != NULL) {
		if (PQresultStatus(r) != PGRES_COMMAND_OK && rc == -1 &&
		    err[0] == '\0')
			snprintf(err, errlen, "%s: %s", name,
			    PQresultErrorMessage(r));
		PQclear(r);
	}
	if (err[0] != '\0')
		goto done;
	if (verify(&t, &back, bsum) == -1)
		goto done;
	if (back != t.rows || bsum[0] != t.sum[0] || bsum[1] != t.sum[1]) {
		snprintf(err, errlen, "%s: read back %lld rows, checksum"
		    " %016llx%016llx; the source has %lld, %016llx%016llx",
		    name, back, (unsigned long long)bsum[0],
		    (unsigned long long)bsum[1], t.rows,
		    (unsigned long long)t.sum[0], (unsigned long long)t.sum[1]);
		goto done;
	}
	buf_reset(&q);
	buf_addf(&q, "ALTER TABLE \"%s\" ENABLE TRIGGER USER", name);
	r = PQexec(c, q.oom ? "" : q.p);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		snprintf(err, errlen, "%s: %s", name, PQresultErrorMessage(r));
		goto done;
	}
	PQclear(r);
	r = NULL;
	/* Ids were copied as they are: new rows must number after them. */
	if (identity >= 0 && t.rows > 0) {
		buf_reset(&q);
		buf_addf(&q, "SELECT setval(pg_get_serial_sequence($1, '%s'),"
		    " (SELECT max(\"%s\") FROM \"%s\"))", cols[identity],
		    cols[identity], name);
		r = exec1(c, q.oom ? "" : q.p, name);
		if (PQresultStatus(r) != PGRES_TUPLES_OK) {
			snprintf(err, errlen, "%s: sequence: %s", name,
			    PQresultErrorMessage(r));
			goto done;
		}
	}
	snprintf(rep->name, sizeof(rep->name), "%s", name);
	rep->rows = t.rows;
	rep->sum[0] = t.sum[0];
	rep->sum[1] = t.sum[1];
	rc = 0;
done:
	if (copying) {
		PGresult *x;

		PQputCopyEnd(c, "lentera migrate: source row refused");
		while ((x = PQgetResult(c)) != NULL)
			PQclear(x);
	}
	PQclear(r);
	buf_free(&q);
	buf_free(&t.out);
	return rc;
}

int
store_copy_to_pg(const char *from, const char *to, struct copy_report *rep,
    char *err, size_t errlen)
{
	char		 names[COPY_TABLES_MAX][COPY_NAME_MAX];
	struct dump	*d = NULL;
	PGconn		*c = NULL;
	int		 sv, n, i, rc = -1, intx = 0;

	memset(rep, 0, sizeof(*rep));
	err[0] = '\0';
	if (sodium_init() == -1) {
		snprintf(err, errlen, "libsodium did not initialise");
		return -1;
	}
	if (store_dump_open(from, &d, &sv, err, errlen) == -1)
		return -1;
	if (sv != pg_schema_steps()) {
		snprintf(err, errlen, "%s has schema %d, this binary %d: start"
		    " this version of lentera on it once (it migrates), then"
		    " copy", from, sv, pg_schema_steps());
		goto done;
	}
	if (store_pg_migrate(to) == -1) {
		snprintf(err, errlen, "the PostgreSQL schema could not be"
		    " brought to version %d (see the log above)",
		    pg_schema_steps());
		goto done;
	}
	if ((c = pg_connect(to)) == NULL) {
		snprintf(err, errlen, "cannot connect (see the log above)");
		goto done;
	}
	snprintf(rep->dest, sizeof(rep->dest), "%s:%s/%s", PQhost(c),
	    PQport(c), PQdb(c));
	rep->version = sv;
	if ((n = store_dump_tables(d, names, COPY_TABLES_MAX, err, errlen)) < 0)
		goto done;
	if (pg_exec(c, "BEGIN ISOLATION LEVEL SERIALIZABLE", "begin") == -1) {
		snprintf(err, errlen, "%s", PQerrorMessage(c));
		goto done;
	}
	intx = 1;
	if (pg_exec(c, pg_schema_unseed(), "unseed") == -1) {
		snprintf(err, errlen, "%s", PQerrorMessage(c));
		goto done;
	}
	for (i = 0; i < n; i++) {
		if (copy_table(c, d, names[i], &rep->t[i], err, errlen) == -1)
			goto done;
		rep->ntables++;
		rep->rows += rep->t[i].rows;
	}
	if (pg_exec(c, "COMMIT", "commit") == -1) {
		snprintf(err, errlen, "commit: %s", PQerrorMessage(c));
		intx = 0;
		goto done;
	}
	intx = 0;
	rc = 0;
done:
	if (intx)
		pg_exec(c, "ROLLBACK", "rollback");
	if (rc == -1)
		rep->ntables = 0, rep->rows = 0;
	if (c)
		PQfinish(c);
	store_dump_close(d);
	return rc;
}
