/*
 * store_report: SQL of the HR API and exports (completions, xAPI
 * statements) and of API tokens. See store.h. (JP sums: store_ledger.c.)
 *
 * Report queries iterate with a callback per row so that an export of a
 * million rows runs in constant memory: the export queries walk their
 * driving table in rowid order (no ORDER BY that would need a temporary
 * B-tree), so SQLite streams rows as the callback consumes them. The
 * xAPI time line sorts, but only a LIMIT-bounded page (top-N sorter).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "store.h"
#include "store_int.h"

/* Statement ids: one per statement, numbered by the compiler from
   this file's range (store_int.h), which STORE_IDS_FIT checks. */
enum {
	S_REPORT_COMPLETIONS = SLOT_REPORT,
	S_TOKEN_INSERT,
	S_TOKEN_REVOKE,
	S_TOKEN_FIND,
	S_TOKEN_LIST,
	S_REPORT_COMPLETIONS_COUNT,
	S_REPORT_XAPI_2,
	S_REPORT_XAPI,
	S_REPORT_XAPI_ALL,
	S_REPORT_END_
};
STORE_IDS_FIT(S_REPORT_END_, SLOT_REPORT);

/*
 * Steps s to the end or until fn stops, then returns from the caller:
 * 0 done, 1 stopped, -1 error. A macro because each report has its own
 * row type and fill function.
 */
#define ITERATE(st, s, row, fill, fn, arg, what) do {			\
	int	 rc_, stop_ = 0;					\
	while ((rc_ = db_step(s)) == DB_ROW) {			\
		fill(s, &(row));					\
		if ((fn)((arg), &(row)) != 0) {				\
			stop_ = 1;					\
			break;						\
		}							\
	}								\
	db_reset(s);						\
	if (stop_)							\
		return 1;						\
	return rc_ == DB_DONE ? 0 : store_fail((st), (what));	\
} while (0)

/* No limit is the largest one (LIMIT -1 is SQLite's own spelling). */
static int64_t
limit_of(const struct report_filter *f)
{
	return f->limit > 0 ? f->limit : INT64_MAX;
}

/* Completions matching a report filter: ?1..?5 and ?8 (type). */
#define MATCH_COMPLETIONS \
	" (?1 = 0 OR c.year = ?1) AND (?2 = '' OR u.unit = ?2)" \
	" AND (?3 = '' OR c.course = ?3) AND c.completed_at >= ?4" \
	" AND (?5 = 0 OR c.user_id = ?5)" \
	" AND (?8 = '' OR c.competency_type = ?8)"

static void
bind_completions(struct db_stmt *s, const struct report_filter *f)
{
	db_bind_int(s, 1, f->year);
	db_bind_text(s, 2, f->unit, -1);
	db_bind_text(s, 3, f->course, -1);
	db_bind_int64(s, 4, f->since);
	db_bind_int64(s, 5, f->user_id);
	db_bind_text(s, 8, f->ctype, -1);
}

/* Runs a one-row count statement; 0 ok, -1 error. */
static int
count_of(struct store *st, struct db_stmt *s, int64_t *n, const char *what)
{
	if (db_step(s) != DB_ROW) {
		db_reset(s);
		return store_fail(st, what);
	}
	*n = db_column_int64(s, 0);
	db_reset(s);
	return 0;
}

int
store_report_completions_count(struct store *st,
    const struct report_filter *f, int64_t *n)
{
	struct db_stmt	*s = store_stmt(st, S_REPORT_COMPLETIONS_COUNT,
	    "SELECT count(*) FROM completions c"
	    " JOIN users u ON u.id = c.user_id WHERE" MATCH_COMPLETIONS);

	if (s == NULL)
		return -1;
	bind_completions(s, f);
	return count_of(st, s, n, "report completions count");
}

int
store_report_completions(struct store *st, const struct report_filter *f,
    int (*fn)(void *, const struct completion *), void *arg)
{
	/* "?1 = 0 OR ..." keeps the planner on the rowid scan of
	 * completions, which is already in ORDER BY c.id order. */
	struct db_stmt	*s = store_stmt(st, S_REPORT_COMPLETIONS,
	    "SELECT " STORE_COMPLETION_COLS " FROM completions c"
	    " JOIN users u ON u.id = c.user_id WHERE" MATCH_COMPLETIONS
	    " ORDER BY c.id LIMIT ?6 OFFSET ?7");
	struct completion c;

	if (s == NULL)
		return -1;
	bind_completions(s, f);
	db_bind_int64(s, 6, limit_of(f));
	db_bind_int64(s, 7, f->offset);
	ITERATE(st, s, c, store_completion_row, fn, arg, "report completions");
}

static void
xapi_fill(struct db_stmt *s, struct xapi_row *x)
{
	x->kind = db_column_int(s, 0);
	x->id = db_column_int64(s, 1);
	x->at = db_column_int64(s, 2);
	store_text(s, 3, x->account, sizeof(x->account));
	store_text(s, 4, x->course, sizeof(x->course));
	store_text(s, 5, x->quiz, sizeof(x->quiz));
	store_text(s, 6, x->title, sizeof(x->title));
	x->has_score = !db_column_is_null(s, 7);
	x->score = db_column_double(s, 7);
	x->max = db_column_double(s, 8);
	x->passed = db_column_int(s, 9);
	x->jp = db_column_int(s, 10);
	x->attempt_no = db_column_int(s, 11);
	x->verb = db_column_int(s, 12);
}

/*
 * Completions (kind 0), submitted quiz attempts (kind 1) and approved
 * ledger entries of the other sources (kind 2, ledger.h) as one time
 * line. The verb is decided here so that ?8 can filter in SQL: ?1 is
 * "\ncourse/quiz\n..." listing the quizzes without a pass mark, whose
 * attempts are "completed" (a diagnostic pre-test is neither passed nor
 * failed). instr() rather than LIKE: '_' in course ids is a wildcard.
 *
 * A page is the first ?12 rows after the cursor (?4 at, ?5 kind, ?6 id)
 * in (at, kind, id) order. Each table delivers its own first ?12 in
 * index order (completions_at, attempts_submitted: migration 8), so a
 * page reads about 2 * ?12 rows however long the history is, and the
 * merge sorts at most that many. Filters: ?2 < at <= ?3, ?7 account,
 * ?8 verb, ?9 activity kind with ?10 course and ?11 quiz.
 */
#define XAPI_COLS	"kind, id, at, account, course, quiz, title, score," \
	" max, passed, jp, attempt_no, verb"
#define XAPI_VERB							\
	" CASE WHEN instr(?1, '\n' || a.course || '/' || a.quiz ||"	\
	"  '\n') > 0 THEN 1 WHEN coalesce(a.passed, 0) <> 0 THEN 2"	\
	"  ELSE 3 END"
#define XAPI_SEL_C							\
	" SELECT 0 AS kind, c.id AS id, c.completed_at AS at,"		\
	"  u.account_id AS account, c.course AS course, '' AS quiz,"	\
	"  c.course_title AS title, c.score AS score, 100.0 AS max,"	\
	"  1 AS passed, c.jp AS jp, 0 AS attempt_no, 1 AS verb"		\
	"  FROM completions c JOIN users u ON u.id = c.user_id"
#define XAPI_SEL_A							\
	" SELECT 1 AS kind, a.id AS id, a.submitted_at AS at,"		\
	"  u.account_id AS account, a.course AS course, a.quiz AS quiz,"	\
	"  '' AS title, a.score AS score, a.max AS max,"		\
	"  coalesce(a.passed, 0) AS passed, 0 AS jp,"			\
	"  a.attempt_no AS attempt_no," XAPI_VERB " AS verb"		\
	"  FROM attempts a JOIN users u ON u.id = a.user_id"
/* ledger: approved entries of the other sources (mentoring, coaching,
   classroom, external; e-learning ones are the completions above), at
   their approval; course holds the form, jp the cJP. */
#define XAPI_SEL_L							\
	" SELECT 2 AS kind, l.id AS id, l.updated_at AS at,"		\
	"  u.account_id AS account, l.kind AS course, l.source AS quiz,"	\
	"  l.title AS title, CAST(NULL AS DOUBLE PRECISION) AS score,"	\
	"  0.0 AS max, 1 AS passed,"					\
	"  l.cjp AS jp, 0 AS attempt_no, 1 AS verb"			\
	"  FROM ledger l JOIN users u ON u.id = l.user_id"		\
	"  AND l.status = 'approved' AND l.source <> 'elearning'"
#define XAPI_UNION	XAPI_SEL_C " UNION ALL" XAPI_SEL_A		\
	"  WHERE a.submitted_at IS NOT NULL UNION ALL" XAPI_SEL_L	\
	"  WHERE l.updated_at IS NOT NULL"
/* One table's page: t time column, k its kind, op/opeq the direction. */
#define XAPI_ARM(sel, t, idc, k, op, opeq, dir, verb, actq)		\
	"SELECT " XAPI_COLS " FROM (" sel				\
	"  WHERE " t " IS NOT NULL AND " t " > ?2 AND " t " <= ?3"	\
	"  AND " t " " opeq " ?4 AND (" t " " op " ?4 OR " k " " op " ?5"	\
	"   OR (" k " = ?5 AND " idc " " op " ?6))"			\
	"  AND (?7 = '' OR u.account_id = ?7)"				\
	"  AND (?8 = 0 OR " verb " = ?8)"				\
	"  AND (?9 = -1 OR (?9 = " k " AND " actq "))"		\
	"  ORDER BY " t " " dir ", " idc " " dir " LIMIT ?12) AS arm" k
#define XAPI_PAGE(op, opeq, dir)					\
	XAPI_ARM(XAPI_SEL_C, "c.completed_at", "c.id", "0", op, opeq, dir,\
	    "1", "c.course = ?10 AND '' = ?11")				\
	" UNION ALL "							\
	XAPI_ARM(XAPI_SEL_A, "a.submitted_at", "a.id", "1", op, opeq, dir,\
	    "(" XAPI_VERB ")", "a.course = ?10 AND a.quiz = ?11")	\
	" UNION ALL "							\
	XAPI_ARM(XAPI_SEL_L, "l.updated_at", "l.id", "2", op, opeq, dir,\
	    "1", "l.kind = ?10 AND l.source = ?11")			\
	" ORDER BY at " dir ", kind " dir ", id " dir " LIMIT ?12"

int
store_report_xapi(struct store *st, const struct xapi_filter *f,
    int (*fn)(void *, const struct xapi_row *), void *arg)
{
	struct db_stmt	*s = f->descending ?
	    store_stmt(st, S_REPORT_XAPI, XAPI_PAGE("<", "<=", "DESC")) :
	    store_stmt(st, S_REPORT_XAPI_2, XAPI_PAGE(">", ">=", "ASC"));
	struct xapi_row	 x;

	if (s == NULL)
		return -1;
	db_bind_text(s, 1, f->diag ? f->diag : "", -1);
	db_bind_int64(s, 2, f->since);
	db_bind_int64(s, 3, f->until);
	if (f->after) {
		db_bind_int64(s, 4, f->after->at);
		db_bind_int(s, 5, f->after->kind);
		db_bind_int64(s, 6, f->after->id);
	} else {
		db_bind_int64(s, 4, f->descending ? INT64_MAX : -1);
		db_bind_int(s, 5, f->descending ? 3 : -1);
		db_bind_int64(s, 6, 0);
	}
	db_bind_text(s, 7, f->account ? f->account : "", -1);
	db_bind_int(s, 8, f->verb);
	db_bind_int(s, 9, f->akind);
	db_bind_text(s, 10, f->acourse ? f->acourse : "", -1);
	db_bind_text(s, 11, f->aquiz ? f->aquiz : "", -1);
	db_bind_int(s, 12, f->limit);
	memset(&x, 0, sizeof(x));
	ITERATE(st, s, x, xapi_fill, fn, arg, "report xapi");
}

int
store_report_xapi_all(struct store *st, const struct xapi_filter *f,
    int (*fn)(void *, const struct xapi_row *), void *arg)
{
	/* No ORDER BY: rows stream straight from the two table scans. */
	struct db_stmt	*s = store_stmt(st, S_REPORT_XAPI_ALL,
	    "SELECT " XAPI_COLS " FROM (" XAPI_UNION ") AS arms");
	struct xapi_row	 x;

	if (s == NULL)
		return -1;
	db_bind_text(s, 1, f->diag ? f->diag : "", -1);
	memset(&x, 0, sizeof(x));
	ITERATE(st, s, x, xapi_fill, fn, arg, "report xapi all");
}

int
store_token_insert(struct store *st, const char *name,
    const unsigned char hash[32], int64_t now)
{
	struct db_stmt	*s = store_stmt(st, S_TOKEN_INSERT,
	    "INSERT INTO tokens (name, hash, created_at) VALUES (?,?,?)"
	    " ON CONFLICT (name) DO NOTHING");

	if (s == NULL)
		return -1;
	db_bind_text(s, 1, name, -1);
	db_bind_blob(s, 2, hash, 32);
	db_bind_int64(s, 3, now);
	if (store_exec_write(st, s) == -1)
		return -1;
	return db_changes(st->db) == 1 ? 0 : 1;
}

int
store_token_revoke(struct store *st, const char *name, int64_t now)
{
	struct db_stmt	*s = store_stmt(st, S_TOKEN_REVOKE,
	    "UPDATE tokens SET revoked_at = ? WHERE name = ?"
	    " AND revoked_at IS NULL");

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, now);
	db_bind_text(s, 2, name, -1);
	if (store_exec_write(st, s) == -1)
		return -1;
	return db_changes(st->db) == 1 ? 0 : 1;
}

int
store_token_find(struct store *st, const unsigned char hash[32], char *name,
    size_t len)
{
	struct db_stmt	*s = store_stmt(st, S_TOKEN_FIND,
	    "SELECT name FROM tokens WHERE hash = ? AND revoked_at IS NULL");
	int		 rc;

	if (s == NULL)
		return -1;
	db_bind_blob(s, 1, hash, 32);
	if ((rc = db_step(s)) == DB_DONE) {
		db_reset(s);
		return 1;
	}
	if (rc != DB_ROW)
		return store_fail(st, "token find");
	store_text(s, 0, name, len);
	db_reset(s);
	return 0;
}

static void
token_fill(struct db_stmt *s, struct token_row *t)
{
	store_text(s, 0, t->name, sizeof(t->name));
	t->created_at = db_column_int64(s, 1);
	t->revoked_at = db_column_int64(s, 2);
}

int
store_token_list(struct store *st, int (*fn)(void *, const struct token_row *),
    void *arg)
{
	struct db_stmt	*s = store_stmt(st, S_TOKEN_LIST,
	    "SELECT name, created_at, coalesce(revoked_at, 0) FROM tokens"
	    " ORDER BY name");
	struct token_row t;

	if (s == NULL)
		return -1;
	ITERATE(st, s, t, token_fill, fn, arg, "token list");
}
