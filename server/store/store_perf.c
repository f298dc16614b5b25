/* store_perf: revocation epoch and the module page's progress bit. See
   store_perf.h. Slots SLOT_PERF..SLOT_PERF+63. */

#include "store_int.h"
#include "store_perf.h"

/* Statement ids: one per statement, numbered by the compiler from
   this file's range (store_int.h), which STORE_IDS_FIT checks. */
enum {
	S_PERF_EPOCH = SLOT_PERF,
	S_PROGRESS_DONE,
	S_USER_REHASH,
	S_PERF_BUMP,
	S_PERF_END_
};
STORE_IDS_FIT(S_PERF_END_, SLOT_PERF);

int
store_perf_epoch(struct store *st, int64_t *epoch)
{
	struct db_stmt	*s = store_stmt(st, S_PERF_EPOCH,
	    "SELECT n FROM cache_epoch WHERE id = 1");
	int		 rc;

	if (s == NULL)
		return -1;
	if ((rc = store_row(st, s, "cache epoch")) == -1)
		return -1;
	*epoch = rc == 0 ? db_column_int64(s, 0) : 0;
	db_reset(s);
	return 0;
}

int
store_perf_bump(struct store *st)
{
	struct db_stmt	*s = store_stmt(st, S_PERF_BUMP,
	    "UPDATE cache_epoch SET n = n + 1 WHERE id = 1");

	if (s == NULL)
		return -1;
	return store_exec_write(st, s);
}

int
store_progress_done(struct store *st, int64_t user, const char *course,
    const char *module)
{
	struct db_stmt	*s = store_stmt(st, S_PROGRESS_DONE,
	    "SELECT 1 FROM progress"
	    " WHERE user_id = ?1 AND course = ?2 AND module = ?3");
	int		 rc;

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, user);
	db_bind_text(s, 2, course, -1);
	db_bind_text(s, 3, module, -1);
	if ((rc = store_row(st, s, "progress done")) == -1)
		return -1;
	db_reset(s);
	return rc == 0;
}

int
store_user_rehash(struct store *st, int64_t id, const char *old,
    const char *fresh, int64_t now)
{
	struct db_stmt	*s = store_stmt(st, S_USER_REHASH,
	    "UPDATE users SET pwhash = ?3, updated_at = ?4"
	    " WHERE id = ?1 AND pwhash = ?2");

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, id);
	db_bind_text(s, 2, old, -1);
	db_bind_text(s, 3, fresh, -1);
	db_bind_int64(s, 4, now);
	if (store_exec_write(st, s) == -1)
		return -1;
	return db_changes(st->db) == 1 ? 0 : 1;
}
