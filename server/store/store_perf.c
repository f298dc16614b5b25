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
 * Every request looks here: readers take no lock (a sequence count, odd
 * while a writer is inside; a reader that sees it move reads the
 * database), writers one mutex.
 */
static pthread_mutex_t	 last_mu = PTHREAD_MUTEX_INITIALIZER;
#define TOKW	(DB_CHANGE_TOKEN / 8)	/* the token in words */
static uint64_t		 last_seq;	/* 0: nothing kept yet */
static uint64_t		 last_tok[TOKW];
static int64_t		 last_epoch;

static int
last_get(const unsigned char *tok, int64_t *epoch)
{
	uint64_t	 t[TOKW], s1, s2;
	int64_t		 e;
	int		 i;

	s1 = __atomic_load_n(&last_seq, __ATOMIC_ACQUIRE);
	if (s1 == 0 || (s1 & 1))
		return 0;
	for (i = 0; i < TOKW; i++)
		t[i] = __atomic_load_n(&last_tok[i], __ATOMIC_RELAXED);
	e = __atomic_load_n(&last_epoch, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	s2 = __atomic_load_n(&last_seq, __ATOMIC_RELAXED);
	if (s1 != s2 || memcmp(t, tok, DB_CHANGE_TOKEN) != 0)
		return 0;
	*epoch = e;
	return 1;
}

static void
last_put(const unsigned char *tok, int64_t epoch)
{
	uint64_t	 w[TOKW];
	int		 i;

	memcpy(w, tok, sizeof(w));
	pthread_mutex_lock(&last_mu);
	__atomic_store_n(&last_seq, last_seq + 1, __ATOMIC_RELAXED);	/* odd */
	__atomic_thread_fence(__ATOMIC_RELEASE);
	for (i = 0; i < TOKW; i++)
		__atomic_store_n(&last_tok[i], w[i], __ATOMIC_RELAXED);
	__atomic_store_n(&last_epoch, epoch, __ATOMIC_RELAXED);
	__atomic_store_n(&last_seq, last_seq + 1, __ATOMIC_RELEASE);	/* even */
	pthread_mutex_unlock(&last_mu);
}

int
store_perf_epoch(struct store *st, int64_t *epoch)
{
	struct db_stmt	*s;
	unsigned char	 tok[DB_CHANGE_TOKEN];
	int		 rc, have_tok;

	/* Inside a transaction the token says nothing about what this
	   transaction itself has written: read. */
	have_tok = !st->in_tx && db_change_token(st->db, tok) == 0;
	if (have_tok && last_get(tok, epoch))
		return 0;
	if ((s = store_stmt(st, S_PERF_EPOCH,
	    "SELECT n FROM cache_epoch WHERE id = 1")) == NULL)
		return -1;
	if ((rc = store_row(st, s, "cache epoch")) == -1)
		return -1;
	*epoch = rc == 0 ? db_column_int64(s, 0) : 0;
	db_reset(s);
	if (have_tok)
		last_put(tok, *epoch);
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
