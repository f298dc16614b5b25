/* store_stats: read-only queries behind the trainer's quiz statistics. */
#include <string.h>

#include "store.h"
#include "store_int.h"

/* Statement ids: one per statement, numbered by the compiler from
   this file's range (store_int.h), which STORE_IDS_FIT checks. */
enum {
	S_STATS_COUNT = SLOT_STATS,
	S_STATS_PERCENTS,
	S_STATS_FIRST_MARKS,
	S_STATS_PEOPLE,
	S_STATS_END_
};
STORE_IDS_FIT(S_STATS_END_, SLOT_STATS);

int
store_stats_count(struct store *st, const char *course, const char *quiz,
    int *attempts, int *learners)
{
	struct db_stmt	*s = store_stmt(st, S_STATS_COUNT,
	    "SELECT count(*), count(DISTINCT user_id) FROM attempts"
	    " WHERE course = ? AND quiz = ? AND submitted_at IS NOT NULL");

	if (s == NULL)
		return -1;
	db_bind_text(s, 1, course, -1);
	db_bind_text(s, 2, quiz, -1);
	if (db_step(s) != DB_ROW)
		return store_fail(st, "stats count");
	*attempts = db_column_int(s, 0);
	*learners = db_column_int(s, 1);
	db_reset(s);
	return 0;
}

int
store_stats_percents(struct store *st, const char *course, const char *quiz,
    void (*fn)(void *, double), void *arg)
{
	struct db_stmt	*s = store_stmt(st, S_STATS_PERCENTS,
	    "SELECT percent FROM attempts WHERE course = ? AND quiz = ?"
	    " AND submitted_at IS NOT NULL ORDER BY percent");
	int		 rc;

	if (s == NULL)
		return -1;
	db_bind_text(s, 1, course, -1);
	db_bind_text(s, 2, quiz, -1);
	while ((rc = db_step(s)) == DB_ROW)
		fn(arg, db_column_double(s, 0));
	db_reset(s);
	return rc == DB_DONE ? 0 : store_fail(st, "stats percents");
}

int
store_stats_first_marks(struct store *st, const char *course,
    const char *quiz, void (*fn)(void *, int64_t, double, const char *,
    double, double), void *arg)
{
	struct db_stmt	*s = store_stmt(st, S_STATS_FIRST_MARKS,
	    "SELECT a.id, a.percent, m.qid, m.score, m.points"
	    " FROM attempts a JOIN marks m ON m.attempt_id = a.id"
	    " WHERE a.course = ? AND a.quiz = ? AND a.attempt_no = 1"
	    " AND a.submitted_at IS NOT NULL ORDER BY a.id, m.pos");
	int		 rc;

	if (s == NULL)
		return -1;
	db_bind_text(s, 1, course, -1);
	db_bind_text(s, 2, quiz, -1);
	while ((rc = db_step(s)) == DB_ROW)
		fn(arg, db_column_int64(s, 0), db_column_double(s, 1),
		    db_column_text(s, 2),
		    db_column_double(s, 3), db_column_double(s, 4));
	db_reset(s);
	return rc == DB_DONE ? 0 : store_fail(st, "stats marks");
}

int
store_stats_people(struct store *st, const char *course, const char *quiz,
    int limit, void (*fn)(void *, const struct stats_person *), void *arg,
    int *more)
{
	/* The latest attempt's percent comes from a correlated subquery on
	   the (user, course, quiz, attempt_no) unique index. */
	struct db_stmt	*s = store_stmt(st, S_STATS_PEOPLE,
	    "SELECT u.nip, u.name, u.unit, count(*), max(a.percent),"
	    " (SELECT b.percent FROM attempts b WHERE b.user_id = a.user_id"
	    "  AND b.course = a.course AND b.quiz = a.quiz"
	    "  AND b.submitted_at IS NOT NULL"
	    "  ORDER BY b.attempt_no DESC LIMIT 1),"
	    " sum(CASE WHEN a.passed = 1 THEN 1 ELSE 0 END),"
	    " max(a.submitted_at)"
	    " FROM attempts a JOIN users u ON u.id = a.user_id"
	    " WHERE a.course = ? AND a.quiz = ? AND a.submitted_at IS NOT NULL"
	    " GROUP BY a.user_id, u.nip, u.name, u.unit, a.course, a.quiz"
	    " ORDER BY u.name, u.nip LIMIT ?");
	struct stats_person p;
	int		 rc, n = 0;

	*more = 0;
	if (s == NULL)
		return -1;
	db_bind_text(s, 1, course, -1);
	db_bind_text(s, 2, quiz, -1);
	db_bind_int(s, 3, limit + 1);
	while ((rc = db_step(s)) == DB_ROW) {
		if (n++ == limit) {
			*more = 1;
			continue;
		}
		memset(&p, 0, sizeof(p));
		store_text(s, 0, p.nip, sizeof(p.nip));
		store_text(s, 1, p.name, sizeof(p.name));
		store_text(s, 2, p.unit, sizeof(p.unit));
		p.attempts = db_column_int(s, 3);
		p.best = db_column_double(s, 4);
		p.last = db_column_double(s, 5);
		p.passed = db_column_int(s, 6) > 0;
		p.last_at = db_column_int64(s, 7);
		fn(arg, &p);
	}
	db_reset(s);
	return rc == DB_DONE ? 0 : store_fail(st, "stats people");
}
