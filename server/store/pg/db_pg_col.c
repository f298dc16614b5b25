/*
 * db_pg_col: reading the columns of a PostgreSQL statement's current row
 * (db.h's db_column_*). Results come back as text and are converted on
 * read: booleans "t"/"f" read as 1/0, bytea columns (bytea_output = hex)
 * are unescaped once per row and kept until the next row.
 */
#include <stdlib.h>
#include <string.h>

#include "db_pg_int.h"
#include "hex.h"

static const unsigned char *bytea(struct pg_stmt *, int, size_t *);

static int
in_row(struct pg_stmt *s, int i)
{
	return s->res != NULL && s->row >= 0 && s->row < PQntuples(s->res) &&
	    i >= 0 && i < PQnfields(s->res);
}

int
db_pg_col_is_null(struct db_stmt *st, int i)
{
	struct pg_stmt	*s = S(st);

	return !in_row(s, i) || PQgetisnull(s->res, s->row, i);
}

int64_t
db_pg_col_int64(struct db_stmt *st, int i)
{
	struct pg_stmt	*s = S(st);
	const char	*v;

	if (db_pg_col_is_null(st, i))
		return 0;
	v = PQgetvalue(s->res, s->row, i);
	if (PQftype(s->res, i) == BOOLOID)
		return v[0] == 't';
	/* A numeric or double result read as an integer truncates, as
	   SQLite's sqlite3_column_int64 does. */
	if (strpbrk(v, ".eE") != NULL)
		return (int64_t)strtod(v, NULL);
	return strtoll(v, NULL, 10);
}

double
db_pg_col_double(struct db_stmt *st, int i)
{
	struct pg_stmt	*s = S(st);
	const char	*v;

	if (db_pg_col_is_null(st, i))
		return 0;
	v = PQgetvalue(s->res, s->row, i);
	if (PQftype(s->res, i) == BOOLOID)
		return v[0] == 't';
	return strtod(v, NULL);
}

const char *
db_pg_col_text(struct db_stmt *st, int i)
{
	struct pg_stmt	*s = S(st);

	if (db_pg_col_is_null(st, i))
		return "";
	if (PQftype(s->res, i) == BYTEAOID) {
		size_t	 n;
		const unsigned char *b = bytea(s, i, &n);

		/* As SQLite: a blob read as text is its bytes. */
		return b ? (const char *)b : "";
	}
	if (PQftype(s->res, i) == BOOLOID)
		return PQgetvalue(s->res, s->row, i)[0] == 't' ? "1" : "0";
	return PQgetvalue(s->res, s->row, i);
}

/* A bytea column of the current row decoded once (bytea_output = hex,
   set per connection), NUL-terminated like SQLite's blobs read as text. */
static const unsigned char *
bytea(struct pg_stmt *s, int i, size_t *n)
{
	const char	*v;
	size_t		 len, k;

	if (i >= PG_COLS_MAX)
		return NULL;
	if (s->blob[i] == NULL) {
		v = PQgetvalue(s->res, s->row, i);
		len = strlen(v);
		if (len < 2 || v[0] != '\\' || v[1] != 'x' || len % 2 != 0)
			return NULL;
		if ((s->blob[i] = malloc((len - 2) / 2 + 1)) == NULL)
			return NULL;
		s->nblob = 1;
		for (k = 0; k < (len - 2) / 2; k++) {
			int	 hi = hex_digit(v[2 + 2 * k]), lo = hex_digit(v[3 + 2 * k]);

			if (hi < 0 || lo < 0) {
				free(s->blob[i]);
				s->blob[i] = NULL;
				return NULL;
			}
			s->blob[i][k] = (unsigned char)(hi << 4 | lo);
		}
		s->blob[i][k] = '\0';
		s->bloblen[i] = k;
	}
	*n = s->bloblen[i];
	return s->blob[i];
}

const void *
db_pg_col_blob(struct db_stmt *st, int i)
{
	struct pg_stmt	*s = S(st);
	size_t		 n;

	if (db_pg_col_is_null(st, i))
		return NULL;
	if (PQftype(s->res, i) == BYTEAOID)
		return bytea(s, i, &n);
	return PQgetvalue(s->res, s->row, i);
}

int
db_pg_col_bytes(struct db_stmt *st, int i)
{
	struct pg_stmt	*s = S(st);
	size_t		 n = 0;

	if (db_pg_col_is_null(st, i))
		return 0;
	if (PQftype(s->res, i) == BYTEAOID)
		return bytea(s, i, &n) ? (int)n : 0;
	if (PQftype(s->res, i) == BOOLOID)
		return 1;
	return PQgetlength(s->res, s->row, i);
}

void
db_pg_col_forget(struct pg_stmt *s)
{
	int	 i;

	if (!s->nblob)
		return;
	for (i = 0; i < PG_COLS_MAX; i++) {
		free(s->blob[i]);
		s->blob[i] = NULL;
	}
	s->nblob = 0;
}
