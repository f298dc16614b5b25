/* store_record: completions (the competency record) and counters. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "store.h"
#include "store_int.h"

/* Statement ids: one per statement, numbered by the compiler from
   this file's range (store_int.h), which STORE_IDS_FIT checks. */
enum {
	S_COMPLETION_GET = SLOT_RECORD,
	S_COMPLETION_BY_CERT,
	S_COUNTER_NEXT,
	S_COMPLETION_INSERT,
	S_COMPLETION_LIST_USER,
	S_QUIZ_PASSED,
	S_COMPLETION_VERIFY,
	S_COMPLETION_BACKFILL_CODES,
	S_COMPLETION_BACKFILL_CODES_2,
	S_PROGRESS_OPEN,
	S_RECORD_END_
};
STORE_IDS_FIT(S_RECORD_END_, SLOT_RECORD);

void
store_completion_row(struct db_stmt *s, struct completion *c)
{
	/* Every field is written below but these two (not in the query):
	   no 4 KB memset per row of an export. */
	c->code[0] = '\0';
	c->holder_name[0] = '\0';
	c->id = db_column_int64(s, 0);
	c->user_id = db_column_int64(s, 1);
	store_text(s, 2, c->course, sizeof(c->course));
	store_text(s, 3, c->course_title, sizeof(c->course_title));
	store_text(s, 4, c->competency, sizeof(c->competency));
	store_text(s, 5, c->ctype, sizeof(c->ctype));
	c->level = db_column_int(s, 6);
	c->jp = db_column_int(s, 7);
	c->year = db_column_int(s, 8);
	c->started_at = db_column_int64(s, 9);
	c->completed_at = db_column_int64(s, 10);
	c->score = db_column_double(s, 11);
	store_text(s, 12, c->cert_no, sizeof(c->cert_no));
	store_text(s, 13, c->payload, sizeof(c->payload));
	store_text(s, 14, c->sig, sizeof(c->sig));
	store_text(s, 15, c->nip, sizeof(c->nip));
	store_text(s, 16, c->name, sizeof(c->name));
	store_text(s, 17, c->unit, sizeof(c->unit));
	store_text(s, 18, c->position, sizeof(c->position));
	store_text(s, 19, c->golongan, sizeof(c->golongan));
}

static int
one_completion(struct store *st, struct db_stmt *s, struct completion *c)
{
	int	 rc;

	if ((rc = store_row(st, s, "completion get")) != 0)
		return rc;
	store_completion_row(s, c);
	db_reset(s);
	return 0;
}

int
store_completion_get(struct store *st, int64_t user, const char *course,
    struct completion *c)
{
	struct db_stmt	*s = store_stmt(st, S_COMPLETION_GET,
	    "SELECT " STORE_COMPLETION_COLS " FROM completions c"
	    " JOIN users u ON u.id = c.user_id"
	    " WHERE c.user_id = ? AND c.course = ?");

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, user);
	db_bind_text(s, 2, course, -1);
	return one_completion(st, s, c);
}

int
store_completion_by_cert(struct store *st, const char *cert_no,
    struct completion *c)
{
	struct db_stmt	*s = store_stmt(st, S_COMPLETION_BY_CERT,
	    "SELECT " STORE_COMPLETION_COLS " FROM completions c"
	    " JOIN users u ON u.id = c.user_id WHERE c.cert_no = ?");

	if (s == NULL)
		return -1;
	db_bind_text(s, 1, cert_no, -1);
	return one_completion(st, s, c);
}

int
store_counter_next(struct store *st, const char *name, int64_t *v)
{
	struct db_stmt	*s = store_stmt(st, S_COUNTER_NEXT,
	    "INSERT INTO counters (name, value) VALUES (?, 1)"
	    " ON CONFLICT (name) DO UPDATE SET value = counters.value + 1"
	    " RETURNING value");

	if (s == NULL)
		return -1;
	db_bind_text(s, 1, name, -1);
	if (db_step(s) != DB_ROW)
		return store_fail(st, "counter");
	*v = db_column_int64(s, 0);
	db_reset(s);
	return 0;
}

int
store_completion_insert(struct store *st, struct completion *c)
{
	struct db_stmt	*s = store_stmt(st, S_COMPLETION_INSERT,
	    "INSERT INTO completions (user_id, course, course_title, competency,"
	    " competency_type, level, jp, started_at, completed_at, year, score,"
	    " cert_no, cert_payload, cert_sig, verify_code, holder_name)"
	    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
	int		 rc;

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, c->user_id);
	db_bind_text(s, 2, c->course, -1);
	db_bind_text(s, 3, c->course_title, -1);
	db_bind_text(s, 4, c->competency, -1);
	db_bind_text(s, 5, c->ctype, -1);
	db_bind_int(s, 6, c->level);
	db_bind_int(s, 7, c->jp);
	db_bind_int64(s, 8, c->started_at);
	db_bind_int64(s, 9, c->completed_at);
	db_bind_int(s, 10, c->year);
	if (c->score >= 0)
		db_bind_double(s, 11, c->score);
	if (c->cert_no[0]) {
		db_bind_text(s, 12, c->cert_no, -1);
		db_bind_text(s, 13, c->payload, -1);
		db_bind_text(s, 14, c->sig, -1);
		db_bind_text(s, 15, c->code, -1);
	}
	db_bind_text(s, 16, c->holder_name[0] ? c->holder_name : c->name,
	    -1);
	if ((rc = store_exec_insert(st, s)) != 0)
		return rc;
	c->id = db_last_id(st->db);
	return 0;
}

int
store_completion_list_user(struct store *st, int64_t user,
    void (*fn)(void *, const struct completion *), void *arg)
{
	struct db_stmt	*s = store_stmt(st, S_COMPLETION_LIST_USER,
	    "SELECT " STORE_COMPLETION_COLS " FROM completions c"
	    " JOIN users u ON u.id = c.user_id WHERE c.user_id = ?"
	    " ORDER BY c.completed_at DESC");
	struct completion c;
	int		 rc;

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, user);
	while ((rc = db_step(s)) == DB_ROW) {
		store_completion_row(s, &c);
		fn(arg, &c);
	}
	db_reset(s);
	return rc == DB_DONE ? 0 : store_fail(st, "completion list");
}

int
store_quiz_passed(struct store *st, int64_t user, const char *course,
    const char *quiz, double *best)
{
	struct db_stmt	*s = store_stmt(st, S_QUIZ_PASSED,
	    "SELECT max(percent) FROM attempts WHERE user_id = ? AND course = ?"
	    " AND quiz = ? AND passed = 1");

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, user);
	db_bind_text(s, 2, course, -1);
	db_bind_text(s, 3, quiz, -1);
	if (db_step(s) != DB_ROW)
		return store_fail(st, "quiz passed");
	if (db_column_is_null(s, 0)) {
		db_reset(s);
		return 1;
	}
	*best = db_column_double(s, 0);
	db_reset(s);
	return 0;
}

int
store_progress_open(struct store *st, int64_t user,
    void (*fn)(void *, const char *, int64_t, int64_t), void *arg)
{
	/* Courses with a module done but no completion: in progress. */
	struct db_stmt	*s = store_stmt(st, S_PROGRESS_OPEN,
	    "SELECT p.course, count(*), min(p.done_at) FROM progress p"
	    " WHERE p.user_id = ?1 AND NOT EXISTS (SELECT 1 FROM completions c"
	    " WHERE c.user_id = ?1 AND c.course = p.course)"
	    " GROUP BY p.course ORDER BY min(p.done_at) DESC, p.course");
	int		 rc;

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, user);
	while ((rc = db_step(s)) == DB_ROW)
		fn(arg, db_column_text(s, 0),
		    db_column_int64(s, 1), db_column_int64(s, 2));
	db_reset(s);
	return rc == DB_DONE ? 0 : store_fail(st, "progress open");
}

int
store_completion_verify(struct store *st, const char *cert_no,
    struct completion *c)
{
	struct db_stmt	*s = store_stmt(st, S_COMPLETION_VERIFY,
	    "SELECT " STORE_COMPLETION_COLS ", coalesce(c.verify_code, ''),"
	    " coalesce(c.holder_name, '') FROM completions c"
	    " JOIN users u ON u.id = c.user_id WHERE c.cert_no = ?");
	int		 rc;

	if (s == NULL)
		return -1;
	db_bind_text(s, 1, cert_no, -1);
	if ((rc = store_row(st, s, "completion verify")) != 0)
		return rc;
	store_completion_row(s, c);
	store_text(s, 20, c->code, sizeof(c->code));
	store_text(s, 21, c->holder_name, sizeof(c->holder_name));
	db_reset(s);
	return 0;
}

int
store_completion_backfill_codes(struct store *st, void (*gen)(char *))
{
	struct db_stmt	*q, *u;
	char		 code[STORE_CODE_MAX];
	int64_t		*ids = NULL, *grow;
	size_t		 n = 0, cap = 0, i;
	int		 rc;

	if (store_begin(st) == -1)
		return -1;
	q = store_stmt(st, S_COMPLETION_BACKFILL_CODES,
	    "SELECT id FROM completions WHERE cert_no IS NOT NULL"
	    " AND (verify_code IS NULL OR length(verify_code) <> 16)");
	if (q == NULL)
		goto err;
	/* Collect first: updating the table under a running scan of it
	   could visit a row twice. */
	while ((rc = db_step(q)) == DB_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			if ((grow = realloc(ids, cap * sizeof(*ids))) == NULL)
				goto err;
			ids = grow;
		}
		ids[n++] = db_column_int64(q, 0);
	}
	db_reset(q);
	if (rc != DB_DONE) {
		store_fail(st, "backfill codes");
		goto err;
	}
	for (i = 0; i < n; i++) {
		if ((u = store_stmt(st, S_COMPLETION_BACKFILL_CODES_2,
		    "UPDATE completions SET verify_code = ? WHERE id = ?")) == NULL)
			goto err;
		gen(code);
		db_bind_text(u, 1, code, -1);
		db_bind_int64(u, 2, ids[i]);
		if (store_exec_write(st, u) == -1)
			goto err;
	}
	free(ids);
	if (store_commit(st) == -1)
		return -1;
	return (int)n;
err:
	free(ids);
	store_rollback(st);
	return -1;
}
