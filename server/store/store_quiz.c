/* store_quiz: quiz attempts and marks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_int.h"

/* Statement ids: one per statement, numbered by the compiler from
   this file's range (store_int.h), which STORE_IDS_FIT checks. */
enum {
	S_ATTEMPT_GET = SLOT_QUIZ,
	S_ATTEMPT_OPEN,
	S_ATTEMPT_COUNT,
	S_ATTEMPT_LIST,
	S_ATTEMPT_EACH,
	S_ATTEMPT_INSERT,
	S_ATTEMPT_SAVE,
	S_ATTEMPT_SUBMIT,
	S_ATTEMPT_REGRADE,
	S_MARK_PUT,
	S_ATTEMPT_LIST_USER,
	S_ATTEMPT_FIRST_EACH,
	S_QUIZ_END_
};
STORE_IDS_FIT(S_QUIZ_END_, SLOT_QUIZ);

#define ATTEMPT_COLS "id, user_id, course, quiz, attempt_no, seed, ids, " \
	"started_at, coalesce(deadline, 0), coalesce(submitted_at, 0), " \
	"responses, coalesce(score, 0), coalesce(max, 0), " \
	"coalesce(percent, 0), coalesce(passed, 0)"

void
store_attempt_clear(struct attempt *a)
{
	free(a->responses);
	a->responses = NULL;
}

static void
attempt_row(struct db_stmt *s, struct attempt *a)
{
	store_attempt_clear(a);
	memset(a, 0, sizeof(*a));
	a->id = db_column_int64(s, 0);
	a->user_id = db_column_int64(s, 1);
	store_text(s, 2, a->course, sizeof(a->course));
	store_text(s, 3, a->quiz, sizeof(a->quiz));
	a->attempt_no = db_column_int(s, 4);
	a->seed = (uint64_t)db_column_int64(s, 5);
	store_text(s, 6, a->ids, sizeof(a->ids));
	a->started_at = db_column_int64(s, 7);
	a->deadline = db_column_int64(s, 8);
	a->submitted_at = db_column_int64(s, 9);
	if (!db_column_is_null(s, 10))
		a->responses = strdup(db_column_text(s, 10));
	a->score = db_column_double(s, 11);
	a->max = db_column_double(s, 12);
	a->percent = db_column_double(s, 13);
	a->passed = db_column_int(s, 14);
}

static int
one(struct store *st, struct db_stmt *s, struct attempt *a)
{
	int	 rc;

	if ((rc = store_row(st, s, "attempt get")) != 0)
		return rc;
	attempt_row(s, a);
	db_reset(s);
	return 0;
}

int
store_attempt_get(struct store *st, int64_t id, struct attempt *a)
{
	struct db_stmt	*s = store_stmt(st, S_ATTEMPT_GET,
	    "SELECT " ATTEMPT_COLS " FROM attempts WHERE id = ?");

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, id);
	return one(st, s, a);
}

int
store_attempt_open(struct store *st, int64_t user, const char *course,
    const char *quiz, struct attempt *a)
{
	struct db_stmt	*s = store_stmt(st, S_ATTEMPT_OPEN,
	    "SELECT " ATTEMPT_COLS " FROM attempts WHERE user_id = ?"
	    " AND course = ? AND quiz = ? AND submitted_at IS NULL"
	    " ORDER BY attempt_no DESC LIMIT 1");

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, user);
	db_bind_text(s, 2, course, -1);
	db_bind_text(s, 3, quiz, -1);
	return one(st, s, a);
}

int
store_attempt_count(struct store *st, int64_t user, const char *course,
    const char *quiz, int *n)
{
	struct db_stmt	*s = store_stmt(st, S_ATTEMPT_COUNT,
	    "SELECT coalesce(max(attempt_no), 0) FROM attempts"
	    " WHERE user_id = ? AND course = ? AND quiz = ?");

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, user);
	db_bind_text(s, 2, course, -1);
	db_bind_text(s, 3, quiz, -1);
	if (db_step(s) != DB_ROW)
		return store_fail(st, "attempt count");
	*n = db_column_int(s, 0);
	db_reset(s);
	return 0;
}

static int
each(struct store *st, struct db_stmt *s,
    void (*fn)(void *, const struct attempt *), void *arg)
{
	struct attempt	*a;
	int		 rc;

	if ((a = calloc(1, sizeof(*a))) == NULL)
		return -1;
	while ((rc = db_step(s)) == DB_ROW) {
		attempt_row(s, a);
		fn(arg, a);
	}
	store_attempt_clear(a);
	free(a);
	db_reset(s);
	return rc == DB_DONE ? 0 : store_fail(st, "attempt list");
}

int
store_attempt_list(struct store *st, int64_t user, const char *course,
    const char *quiz, void (*fn)(void *, const struct attempt *), void *arg)
{
	struct db_stmt	*s = store_stmt(st, S_ATTEMPT_LIST,
	    "SELECT " ATTEMPT_COLS " FROM attempts WHERE user_id = ?"
	    " AND course = ? AND quiz = ? ORDER BY attempt_no");

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, user);
	db_bind_text(s, 2, course, -1);
	db_bind_text(s, 3, quiz, -1);
	return each(st, s, fn, arg);
}

int
store_attempt_list_user(struct store *st, int64_t user, int limit,
    void (*fn)(void *, const struct attempt *), void *arg)
{
	struct db_stmt	*s = store_stmt(st, S_ATTEMPT_LIST_USER,
	    "SELECT " ATTEMPT_COLS " FROM attempts WHERE user_id = ?"
	    " ORDER BY started_at DESC, id DESC LIMIT ?");

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, user);
	db_bind_int(s, 2, limit);
	return each(st, s, fn, arg);
}

int
store_attempt_each(struct store *st, const char *course, const char *quiz,
    void (*fn)(void *, const struct attempt *), void *arg)
{
	struct db_stmt	*s = store_stmt(st, S_ATTEMPT_EACH,
	    "SELECT " ATTEMPT_COLS " FROM attempts WHERE course = ?"
	    " AND quiz = ? AND submitted_at IS NOT NULL ORDER BY id");

	if (s == NULL)
		return -1;
	db_bind_text(s, 1, course, -1);
	db_bind_text(s, 2, quiz, -1);
	return each(st, s, fn, arg);
}

int
store_attempt_first_each(struct store *st, const char *course,
    const char *quiz, int limit, void (*fn)(void *, const struct attempt *),
    void *arg)
{
	struct db_stmt	*s = store_stmt(st, S_ATTEMPT_FIRST_EACH,
	    "SELECT " ATTEMPT_COLS " FROM attempts WHERE course = ?"
	    " AND quiz = ? AND attempt_no = 1 AND submitted_at IS NOT NULL"
	    " ORDER BY id LIMIT ?");

	if (s == NULL)
		return -1;
	db_bind_text(s, 1, course, -1);
	db_bind_text(s, 2, quiz, -1);
	db_bind_int(s, 3, limit);
	return each(st, s, fn, arg);
}

int
store_attempt_insert(struct store *st, struct attempt *a, const char *snap)
{
	struct db_stmt	*s = store_stmt(st, S_ATTEMPT_INSERT,
	    "INSERT INTO attempts (user_id, course, quiz, attempt_no, seed, ids,"
	    " snapshot, started_at, deadline) VALUES (?,?,?,?,?,?,?,?,?)");
	int		 rc;

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, a->user_id);
	db_bind_text(s, 2, a->course, -1);
	db_bind_text(s, 3, a->quiz, -1);
	db_bind_int(s, 4, a->attempt_no);
	db_bind_int64(s, 5, (int64_t)a->seed);
	db_bind_text(s, 6, a->ids, -1);
	db_bind_text(s, 7, snap ? snap : "{}", -1);
	db_bind_int64(s, 8, a->started_at);
	if (a->deadline)
		db_bind_int64(s, 9, a->deadline);
	if ((rc = store_exec_insert(st, s)) != 0)
		return rc;
	a->id = db_last_id(st->db);
	return 0;
}

int
store_attempt_save(struct store *st, int64_t id, const char *responses)
{
	struct db_stmt	*s = store_stmt(st, S_ATTEMPT_SAVE,
	    "UPDATE attempts SET responses = ? WHERE id = ?"
	    " AND submitted_at IS NULL");

	if (s == NULL)
		return -1;
	db_bind_text(s, 1, responses, -1);
	db_bind_int64(s, 2, id);
	return store_exec_write(st, s);
}

static int
result_write(struct store *st, struct db_stmt *s, const struct attempt *a)
{
	if (s == NULL)
		return -1;
	db_bind_text(s, 1, a->responses ? a->responses : "", -1);
	db_bind_int64(s, 2, a->submitted_at);
	db_bind_double(s, 3, a->score);
	db_bind_double(s, 4, a->max);
	db_bind_double(s, 5, a->percent);
	db_bind_int(s, 6, a->passed);
	db_bind_int64(s, 7, a->id);
	if (store_exec_write(st, s) == -1)
		return -1;
	return db_changes(st->db) == 1 ? 0 : 1;
}

int
store_attempt_submit(struct store *st, const struct attempt *a)
{
	/* "submitted_at IS NULL": a second tab's submit changes nothing. */
	return result_write(st, store_stmt(st, S_ATTEMPT_SUBMIT,
	    "UPDATE attempts SET responses = ?1, submitted_at = ?2, score = ?3,"
	    " max = ?4, percent = ?5, passed = ?6"
	    " WHERE id = ?7 AND submitted_at IS NULL"), a);
}

int
store_attempt_regrade(struct store *st, const struct attempt *a)
{
	return result_write(st, store_stmt(st, S_ATTEMPT_REGRADE,
	    "UPDATE attempts SET responses = ?1, submitted_at = ?2, score = ?3,"
	    " max = ?4, percent = ?5, passed = ?6"
	    " WHERE id = ?7 AND submitted_at IS NOT NULL"), a);
}

int
store_mark_put(struct store *st, int64_t attempt, int pos, const char *qid,
    double score, double points, int correct)
{
	struct db_stmt	*s = store_stmt(st, S_MARK_PUT,
	    "INSERT INTO marks (attempt_id, pos, qid, score, points, correct)"
	    " VALUES (?,?,?,?,?,?) ON CONFLICT (attempt_id, pos) DO UPDATE"
	    " SET qid = excluded.qid, score = excluded.score,"
	    " points = excluded.points, correct = excluded.correct");

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, attempt);
	db_bind_int(s, 2, pos);
	db_bind_text(s, 3, qid, -1);
	db_bind_double(s, 4, score);
	db_bind_double(s, 5, points);
	db_bind_int(s, 6, correct);
	return store_exec_write(st, s);
}
