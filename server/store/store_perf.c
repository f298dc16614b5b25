/* store_perf: revocation epoch and the module page's progress bit. See
   store_perf.h. Slots SLOT_PERF..SLOT_PERF+63. */

#include <pthread.h>
#include <string.h>

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

/*
 * The last epoch read, with the database's change token (db.h) read just
 * before it: while the token is unchanged nothing was committed, by any
 * process, so the epoch is still that one and the read is skipped. The
 * token comes first, so a commit between the two can only leave a newer
 * epoch under an older token (read again next time), never the reverse.
 */
static pthread_mutex_t	 last_mu = PTHREAD_MUTEX_INITIALIZER;
static unsigned char	 last_tok[DB_CHANGE_TOKEN];
static int64_t		 last_epoch;
static int		 last_ok;

int
store_perf_epoch(struct store *st, int64_t *epoch)
{
	struct db_stmt	*s;
	unsigned char	 tok[DB_CHANGE_TOKEN];
	int		 rc, have_tok, hit = 0;

	/* Inside a transaction the token says nothing about what this
	   transaction itself has written: read. */
	have_tok = !st->in_tx && db_change_token(st->db, tok) == 0;
	if (have_tok) {
		pthread_mutex_lock(&last_mu);
		if (last_ok && memcmp(last_tok, tok, sizeof(tok)) == 0) {
			*epoch = last_epoch;
			hit = 1;
		}
		pthread_mutex_unlock(&last_mu);
		if (hit)
			return 0;
	}
	if ((s = store_stmt(st, S_PERF_EPOCH,
	    "SELECT n FROM cache_epoch WHERE id = 1")) == NULL)
		return -1;
	if ((rc = store_row(st, s, "cache epoch")) == -1)
		return -1;
	*epoch = rc == 0 ? db_column_int64(s, 0) : 0;
	db_reset(s);
	if (have_tok) {
		pthread_mutex_lock(&last_mu);
		memcpy(last_tok, tok, sizeof(tok));
		last_epoch = *epoch;
		last_ok = 1;
		pthread_mutex_unlock(&last_mu);
	}
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
