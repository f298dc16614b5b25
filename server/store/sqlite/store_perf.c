/* store_perf: revocation epoch and the module page's progress bit. See
   store_perf.h. Slots SLOT_PERF..SLOT_PERF+63. */
#include <sqlite3.h>

#include "store_int.h"
#include "store_perf.h"

int
store_perf_epoch(struct store *st, int64_t *epoch)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_PERF + 0,
	    "SELECT n FROM cache_epoch WHERE id = 1");
	int		 rc;

	if (s == NULL)
		return -1;
	if ((rc = store_row(st, s, "cache epoch")) == -1)
		return -1;
	*epoch = rc == 0 ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return 0;
}

int
store_progress_done(struct store *st, int64_t user, const char *course,
    const char *module)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_PERF + 1,
	    "SELECT 1 FROM progress"
	    " WHERE user_id = ?1 AND course = ?2 AND module = ?3");
	int		 rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, user);
	sqlite3_bind_text(s, 2, course, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, module, -1, SQLITE_STATIC);
	if ((rc = store_row(st, s, "progress done")) == -1)
		return -1;
	sqlite3_reset(s);
	return rc == 0;
}

int
store_user_rehash(struct store *st, int64_t id, const char *old,
    const char *fresh, int64_t now)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_PERF + 2,
	    "UPDATE users SET pwhash = ?3, updated_at = ?4"
	    " WHERE id = ?1 AND pwhash = ?2");

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, old, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, fresh, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, now);
	if (store_exec_write(st, s) == -1)
		return -1;
	return sqlite3_changes(st->db) == 1 ? 0 : 1;
}
