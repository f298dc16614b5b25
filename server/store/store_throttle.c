/*
 * store_throttle: login throttle counters. See store.h.
 */
#include <stdint.h>
#include <string.h>

#include "store.h"
#include "store_int.h"

/* Statement ids: one per statement, numbered by the compiler from
   this file's range (store_int.h), which STORE_IDS_FIT checks. */
enum {
	S_THROTTLE_GET = SLOT_THROTTLE,
	S_THROTTLE_PUT,
	S_THROTTLE_UNDO,
	S_THROTTLE_CLEAR,
	S_THROTTLE_PURGE,
	S_THROTTLE_END_
};
STORE_IDS_FIT(S_THROTTLE_END_, SLOT_THROTTLE);

int
store_throttle_get(struct store *st, const char *key, struct throttle_row *t)
{
	struct db_stmt	*s = store_stmt(st, S_THROTTLE_GET,
	    "SELECT fails, last_at, noted_at FROM throttle WHERE key = ?");
	int		 rc;

	memset(t, 0, sizeof(*t));
	if (s == NULL)
		return -1;
	db_bind_text(s, 1, key, -1);
	if ((rc = store_row(st, s, "throttle get")) != 0)
		return rc;
	t->fails = db_column_int(s, 0);
	t->last_at = db_column_int64(s, 1);
	t->noted_at = db_column_int64(s, 2);
	db_reset(s);
	return 0;
}

int
store_throttle_put(struct store *st, const char *key,
    const struct throttle_row *t)
{
	struct db_stmt	*s = store_stmt(st, S_THROTTLE_PUT,
	    "INSERT INTO throttle (key, fails, last_at, noted_at)"
	    " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (key) DO UPDATE SET"
	    " fails = excluded.fails, last_at = excluded.last_at,"
	    " noted_at = excluded.noted_at");

	if (s == NULL)
		return -1;
	db_bind_text(s, 1, key, -1);
	db_bind_int(s, 2, t->fails);
	db_bind_int64(s, 3, t->last_at);
	db_bind_int64(s, 4, t->noted_at);
	return store_exec_write(st, s);
}

static int
key_write(struct store *st, int slot, const char *sql, const char *key)
{
	struct db_stmt	*s = store_stmt(st, slot, sql);

	if (s == NULL)
		return -1;
	db_bind_text(s, 1, key, -1);
	return store_exec_write(st, s);
}

int
store_throttle_undo(struct store *st, const char *key)
{
	return key_write(st, S_THROTTLE_UNDO, "UPDATE throttle SET"
	    " fails = fails - 1 WHERE key = ? AND fails > 0", key);
}

int
store_throttle_clear(struct store *st, const char *key)
{
	return key_write(st, S_THROTTLE_CLEAR,
	    "DELETE FROM throttle WHERE key = ?", key);
}

int
store_throttle_purge(struct store *st, int64_t before)
{
	struct db_stmt	*s = store_stmt(st, S_THROTTLE_PURGE,
	    "DELETE FROM throttle WHERE last_at < ?");

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, before);
	return store_exec_write(st, s);
}
