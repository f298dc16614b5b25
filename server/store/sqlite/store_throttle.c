/*
 * store_throttle: login throttle counters. See store.h. Uses store.c's
 * edge slots (SLOT_CORE + 24..29): store.c itself is near its size bound.
 */
#include <stdint.h>
#include <string.h>

#include "store.h"
#include "store_int.h"

int
store_throttle_get(struct store *st, const char *key, struct throttle_row *t)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_CORE + 24,
	    "SELECT fails, last_at, noted_at FROM throttle WHERE key = ?");
	int		 rc;

	memset(t, 0, sizeof(*t));
	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	if ((rc = store_row(st, s, "throttle get")) != 0)
		return rc;
	t->fails = sqlite3_column_int(s, 0);
	t->last_at = sqlite3_column_int64(s, 1);
	t->noted_at = sqlite3_column_int64(s, 2);
	sqlite3_reset(s);
	return 0;
}

int
store_throttle_put(struct store *st, const char *key,
    const struct throttle_row *t)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_CORE + 25,
	    "INSERT INTO throttle (key, fails, last_at, noted_at)"
	    " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (key) DO UPDATE SET"
	    " fails = excluded.fails, last_at = excluded.last_at,"
	    " noted_at = excluded.noted_at");

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, t->fails);
	sqlite3_bind_int64(s, 3, t->last_at);
	sqlite3_bind_int64(s, 4, t->noted_at);
	return store_exec_write(st, s);
}

static int
key_write(struct store *st, int slot, const char *sql, const char *key)
{
	sqlite3_stmt	*s = store_stmt(st, slot, sql);

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	return store_exec_write(st, s);
}

int
store_throttle_undo(struct store *st, const char *key)
{
	return key_write(st, SLOT_CORE + 26, "UPDATE throttle SET"
	    " fails = fails - 1 WHERE key = ? AND fails > 0", key);
}

int
store_throttle_clear(struct store *st, const char *key)
{
	return key_write(st, SLOT_CORE + 27,
	    "DELETE FROM throttle WHERE key = ?", key);
}

int
store_throttle_purge(struct store *st, int64_t before)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_CORE + 28,
	    "DELETE FROM throttle WHERE last_at < ?");

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, before);
	return store_exec_write(st, s);
}
