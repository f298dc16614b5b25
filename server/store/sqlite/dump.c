/* dump: the SQLite side of store_copy (store_dump_*: read a whole database). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_copy.h"
#include <sqlite3.h>

#include "store_int.h"

struct dump {
	sqlite3		*db;
};

/* Table and column names come from the schema, not from users; they are
   still quoted, and refused if they could not be (a '"' in a name). */
static int
name_ok(const char *s)
{
	return s[0] != '\0' && strchr(s, '"') == NULL &&
	    strlen(s) < COPY_NAME_MAX;
}

int
store_dump_open(const char *path, struct dump **out, int *version, char *err,
    size_t errlen)
{
	struct dump	*d;
	sqlite3_stmt	*s = NULL;

	*out = NULL;
	if ((d = calloc(1, sizeof(*d))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	/* Read-only: a migration never writes the agency's live database. */
	if (sqlite3_open_v2(path, &d->db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path,
		    d->db ? sqlite3_errmsg(d->db) : "out of memory");
		goto err;
	}
	sqlite3_busy_timeout(d->db, 5000);
	/* One read transaction: every table from the same snapshot. */
	if (sqlite3_exec(d->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(d->db, "PRAGMA user_version", -1, &s, NULL) !=
	    SQLITE_OK || sqlite3_step(s) != SQLITE_ROW) {
		snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(d->db));
		goto err;
	}
	*version = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	*out = d;
	return 0;
err:
	sqlite3_finalize(s);
	sqlite3_close(d->db);
	free(d);
	return -1;
}

void
store_dump_close(struct dump *d)
{
	if (d == NULL)
		return;
	sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(d->db);
	free(d);
}

int
store_dump_tables(struct dump *d, char (*names)[COPY_NAME_MAX], int max,
    char *err, size_t errlen)
{
	sqlite3_stmt	*s = NULL, *fk = NULL;
	char		 (*all)[COPY_NAME_MAX] = NULL;
	int		*placed = NULL, n = 0, out = 0, i, progress, rc = -1;

	if ((all = calloc(max, sizeof(*all))) == NULL ||
	    (placed = calloc(max, sizeof(*placed))) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto done;
	}
	if (sqlite3_prepare_v2(d->db, "SELECT name FROM sqlite_master"
	    " WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
	    " ORDER BY name", -1, &s, NULL) != SQLITE_OK)
		goto sqlerr;
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *nm = (const char *)sqlite3_column_text(s, 0);

		if (nm == NULL || !name_ok(nm)) {
			snprintf(err, errlen, "table name %s cannot be copied",
			    nm ? nm : "(null)");
			goto done;
		}
		if (n == max) {
			snprintf(err, errlen, "more than %d tables", max);
			goto done;
		}
		snprintf(all[n++], COPY_NAME_MAX, "%s", nm);
	}
	/* Referenced tables first: place a table once every table its
	   foreign keys name (other than itself) is placed. */
	if (sqlite3_prepare_v2(d->db, "SELECT DISTINCT f.\"table\" FROM"
	    " pragma_foreign_key_list(?1) f", -1, &fk, NULL) != SQLITE_OK)
		goto sqlerr;
	do {
		progress = 0;
		for (i = 0; i < n; i++) {
			int	 ready = 1;

			if (placed[i])
				continue;
			sqlite3_reset(fk);
			sqlite3_bind_text(fk, 1, all[i], -1, SQLITE_STATIC);
			while (ready && sqlite3_step(fk) == SQLITE_ROW) {
				const char *ref =
				    (const char *)sqlite3_column_text(fk, 0);
				int	 j;

				for (j = 0; j < n; j++)
					if (ref && strcmp(all[j], ref) == 0 &&
					    j != i && !placed[j])
						ready = 0;
			}
			if (ready) {
				placed[i] = 1;
				snprintf(names[out++], COPY_NAME_MAX, "%s", all[i]);
				progress = 1;
			}
		}
	} while (progress && out < n);
	if (out < n) {
		snprintf(err, errlen, "foreign keys form a cycle");
		goto done;
	}
	rc = out;
	goto done;
sqlerr:
	snprintf(err, errlen, "%s", sqlite3_errmsg(d->db));
done:
	sqlite3_finalize(s);
	sqlite3_finalize(fk);
	free(all);
	free(placed);
	return rc;
}

int
store_dump_columns(struct dump *d, const char *table,
    char (*cols)[COPY_NAME_MAX], int max, char *err, size_t errlen)
{
	sqlite3_stmt	*s = NULL;
	int		 n = 0;

	if (sqlite3_prepare_v2(d->db, "SELECT name FROM pragma_table_info(?1)"
	    " ORDER BY cid", -1, &s, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s", sqlite3_errmsg(d->db));
		return -1;
	}
	sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *nm = (const char *)sqlite3_column_text(s, 0);

		if (nm == NULL || !name_ok(nm) || n == max) {
			snprintf(err, errlen, "%s: column %s cannot be copied",
			    table, nm ? nm : "(null)");
			sqlite3_finalize(s);
			return -1;
		}
		snprintf(cols[n++], COPY_NAME_MAX, "%s", nm);
	}
	sqlite3_finalize(s);
	return n;
}

int
store_dump_rows(struct dump *d, const char *table, char (*cols)[COPY_NAME_MAX],
    int ncol, int (*fn)(void *, const struct dump_val *, int), void *arg,
    char *err, size_t errlen)
{
	struct dump_val	 v[COPY_COLS_MAX];
	sqlite3_stmt	*s = NULL;
	char		 sql[COPY_COLS_MAX * (COPY_NAME_MAX + 4) + 128];
	size_t		 o;
	int		 i, st, rc = -1;

	if (ncol <= 0 || ncol > COPY_COLS_MAX) {
		snprintf(err, errlen, "%s: %d columns", table, ncol);
		return -1;
	}
	o = (size_t)snprintf(sql, sizeof(sql), "SELECT ");
	for (i = 0; i < ncol; i++)
		o += (size_t)snprintf(sql + o, sizeof(sql) - o, "%s\"%s\"",
		    i ? ", " : "", cols[i]);
	snprintf(sql + o, sizeof(sql) - o, " FROM \"%s\"", table);
	if (sqlite3_prepare_v2(d->db, sql, -1, &s, NULL) != SQLITE_OK)
		goto sqlerr;
	while ((st = sqlite3_step(s)) == SQLITE_ROW) {
		for (i = 0; i < ncol; i++) {
			memset(&v[i], 0, sizeof(v[i]));
			switch (sqlite3_column_type(s, i)) {
			case SQLITE_INTEGER:
				v[i].t = DUMP_INT;
				v[i].i = sqlite3_column_int64(s, i);
				break;
			case SQLITE_FLOAT:
				v[i].t = DUMP_REAL;
				v[i].d = sqlite3_column_double(s, i);
				break;
			case SQLITE_TEXT:
				v[i].t = DUMP_TEXT;
				v[i].p = sqlite3_column_text(s, i);
				v[i].n = (size_t)sqlite3_column_bytes(s, i);
				break;
			case SQLITE_BLOB:
				v[i].t = DUMP_BLOB;
				v[i].p = sqlite3_column_blob(s, i);
				v[i].n = (size_t)sqlite3_column_bytes(s, i);
				break;
			default:
				v[i].t = DUMP_NULL;
			}
		}
		if (fn(arg, v, ncol) == -1)
			goto done;	/* fn wrote err */
	}
	if (st != SQLITE_DONE)
		goto sqlerr;
	rc = 0;
	goto done;
sqlerr:
	snprintf(err, errlen, "%s: %s", table, sqlite3_errmsg(d->db));
done:
	sqlite3_finalize(s);
	return rc;
}
