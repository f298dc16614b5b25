/* store_quiz: quiz attempts and marks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_int.h"

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
attempt_row(sqlite3_stmt *s, struct attempt *a)
{
	const unsigned char *resp;

	store_attempt_clear(a);
	memset(a, 0, sizeof(*a));
	a->id = sqlite3_column_int64(s, 0);
	a->user_id = sqlite3_column_int64(s, 1);
	store_text(s, 2, a->course, sizeof(a->course));
	store_text(s, 3, a->quiz, sizeof(a->quiz));
	a->attempt_no = sqlite3_column_int(s, 4);
	a->seed = (uint64_t)sqlite3_column_int64(s, 5);
	store_text(s, 6, a->ids, sizeof(a->ids));
	a->started_at = sqlite3_column_int64(s, 7);
	a->deadline = sqlite3_column_int64(s, 8);
	a->submitted_at = sqlite3_column_int64(s, 9);
	if ((resp = sqlite3_column_text(s, 10)) != NULL)
		a->responses = strdup((const char *)resp);
	a->score = sqlite3_column_double(s, 11);
	a->max = sqlite3_column_double(s, 12);
	a->percent = sqlite3_column_double(s, 13);
	a->passed = sqlite3_column_int(s, 14);
}

static int
one(struct store *st, sqlite3_stmt *s, struct attempt *a)
{
	int	 rc;

	if ((rc = store_row(st, s, "attempt get")) != 0)
		return rc;
	attempt_row(s, a);
	sqlite3_reset(s);
	return 0;
}

int
store_attempt_get(struct store *st, int64_t id, struct attempt *a)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_QUIZ + 0,
	    "SELECT " ATTEMPT_COLS " FROM attempts WHERE id = ?");

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	return one(st, s, a);
}

int
store_attempt_open(struct store *st, int64_t user, const char *course,
    const char *quiz, struct attempt *a)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_QUIZ + 1,
	    "SELECT " ATTEMPT_COLS " FROM attempts WHERE user_id = ?"
	    " AND course = ? AND quiz = ? AND submitted_at IS NULL"
	    " ORDER BY attempt_no DESC LIMIT 1");

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, user);
	sqlite3_bind_text(s, 2, course, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, quiz, -1, SQLITE_STATIC);
	return one(st, s, a);
}

int
store_attempt_count(struct store *st, int64_t user, const char *course,
    const char *quiz, int *n)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_QUIZ + 2,
	    "SELECT coalesce(max(attempt_no), 0) FROM attempts"
	    " WHERE user_id = ? AND course = ? AND quiz = ?");

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, user);
	sqlite3_bind_text(s, 2, course, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, quiz, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_ROW)
		return store_fail(st, "attempt count");
	*n = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return 0;
}

static int
each(struct store *st, sqlite3_stmt *s,
    void (*fn)(void *, const struct attempt *), void *arg)
{
	struct attempt	*a;
	int		 rc;

	if ((a = calloc(1, sizeof(*a))) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		attempt_row(s, a);
		fn(arg, a);
	}
	store_attempt_clear(a);
	free(a);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, "attempt list");
}

int
store_attempt_list(struct store *st, int64_t user, const char *course,
    const char *quiz, void (*fn)(void *, const struct attempt *), void *arg)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_QUIZ + 3,
	    "SELECT " ATTEMPT_COLS " FROM attempts WHERE user_id = ?"
	    " AND course = ? AND quiz = ? ORDER BY attempt_no");

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, user);
	sqlite3_bind_text(s, 2, course, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, quiz, -1, SQLITE_STATIC);
	return each(st, s, fn, arg);
}

int
store_attempt_list_user(struct store *st, int64_t user, int limit,
    void (*fn)(void *, const struct attempt *), void *arg)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_QUIZ + 10,
	    "SELECT " ATTEMPT_COLS " FROM attempts WHERE user_id = ?"
	    " ORDER BY started_at DESC, id DESC LIMIT ?");

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, user);
	sqlite3_bind_int(s, 2, limit);
	return each(st, s, fn, arg);
}

int
store_attempt_each(struct store *st, const char *course, const char *quiz,
    void (*fn)(void *, const struct attempt *), void *arg)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_QUIZ + 4,
	    "SELECT " ATTEMPT_COLS " FROM attempts WHERE course = ?"
	    " AND quiz = ? AND submitted_at IS NOT NULL ORDER BY id");

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, course, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, quiz, -1, SQLITE_STATIC);
	return each(st, s, fn, arg);
}

int
store_attempt_first_each(struct store *st, const char *course,
    const char *quiz, int limit, void (*fn)(void *, const struct attempt *),
    void *arg)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_QUIZ + 26,
	    "SELECT " ATTEMPT_COLS " FROM attempts WHERE course = ?"
	    " AND quiz = ? AND attempt_no = 1 AND submitted_at IS NOT NULL"
	    " ORDER BY id LIMIT ?");

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, course, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, quiz, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, limit);
	return each(st, s, fn, arg);
}

int
store_attempt_insert(struct store *st, struct attempt *a, const char *snap)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_QUIZ + 5,
	    "INSERT INTO attempts (user_id, course, quiz, attempt_no, seed, ids,"
	    " snapshot, started_at, deadline) VALUES (?,?,?,?,?,?,?,?,?)");

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, a->user_id);
	sqlite3_bind_text(s, 2, a->course, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, a->quiz, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 4, a->attempt_no);
	sqlite3_bind_int64(s, 5, (int64_t)a->seed);
	sqlite3_bind_text(s, 6, a->ids, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, snap ? snap : "{}", -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 8, a->started_at);
	if (a->deadline)
		sqlite3_bind_int64(s, 9, a->deadline);
	if (store_exec_write(st, s) == -1)
		return -1;
	a->id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int
store_attempt_save(struct store *st, int64_t id, const char *responses)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_QUIZ + 6,
	    "UPDATE attempts SET responses = ? WHERE id = ?"
	    " AND submitted_at IS NULL");

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, responses, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, id);
	return store_exec_write(st, s);
}

static int
result_write(struct store *st, sqlite3_stmt *s, const struct attempt *a)
{
	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, a->responses ? a->responses : "", -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, a->submitted_at);
	sqlite3_bind_double(s, 3, a->score);
	sqlite3_bind_double(s, 4, a->max);
	sqlite3_bind_double(s, 5, a->percent);
	sqlite3_bind_int(s, 6, a->passed);
	sqlite3_bind_int64(s, 7, a->id);
	if (store_exec_write(st, s) == -1)
		return -1;
	return sqlite3_changes(st->db) == 1 ? 0 : 1;
}

int
store_attempt_submit(struct store *st, const struct attempt *a)
{
	/* "submitted_at IS NULL": a second tab's submit changes nothing. */
	return result_write(st, store_stmt(st, SLOT_QUIZ + 7,
	    "UPDATE attempts SET responses = ?1, submitted_at = ?2, score = ?3,"
	    " max = ?4, percent = ?5, passed = ?6"
	    " WHERE id = ?7 AND submitted_at IS NULL"), a);
}

int
store_attempt_regrade(struct store *st, const struct attempt *a)
{
	return result_write(st, store_stmt(st, SLOT_QUIZ + 8,
	    "UPDATE attempts SET responses = ?1, submitted_at = ?2, score = ?3,"
	    " max = ?4, percent = ?5, passed = ?6"
	    " WHERE id = ?7 AND submitted_at IS NOT NULL"), a);
}

int
store_mark_put(struct store *st, int64_t attempt, int pos, const char *qid,
    double score, double points, int correct)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_QUIZ + 9,
	    "INSERT INTO marks (attempt_id, pos, qid, score, points, correct)"
	    " VALUES (?,?,?,?,?,?) ON CONFLICT (attempt_id, pos) DO UPDATE"
	    " SET qid = excluded.qid, score = excluded.score,"
	    " points = excluded.points, correct = excluded.correct");

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, attempt);
	sqlite3_bind_int(s, 2, pos);
	sqlite3_bind_text(s, 3, qid, -1, SQLITE_STATIC);
	sqlite3_bind_double(s, 4, score);
	sqlite3_bind_double(s, 5, points);
	sqlite3_bind_int(s, 6, correct);
	return store_exec_write(st, s);
}
