/* unit-layer: store */
/*
 * Storage conformance: the whole store API (store.h) against a fresh
 * database, through the API only (no SQL here), so that every backend
 * runs the same checks. Asserts the contract in store.h: 0 ok, 1 "not
 * found" (or "already", where a call says so), STORE_CONFLICT for a
 * unique key taken, -1 error; transactions roll back; the clock is the
 * C clock, never the database's; what was committed is there after
 * reopening. test_store_reports.c covers the report, dashboard,
 * statistics, settings, SIASN and throttle calls the same way.
 *
 * LENTERA_TEST_DB: the database to run against (a store_open target, e.g.
 * a PostgreSQL URL); it must be fresh and empty. Default: a new SQLite
 * file in a temporary folder.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "store.h"
#include "store_learnrec.h"
#include "store_ledger.h"
#include "store_programme.h"
#include "t.h"

#define TEST_NOW	1780000000	/* the test clock (2026-05-28) */

#define NIP_A	"199001012015011001"
#define NIP_B	"199002022016022002"
#define NIP_C	"198003032005031003"

static char	 dir[64], path[128];
static int64_t	 uid_a, uid_b, uid_c;

/*
 * Ends a transaction whatever the checks in it found (commit if ok, else
 * roll back): a failed check must not leave the write lock held, or the
 * next store_begin would wait for ever. Returns ok && committed.
 */
static int
tx_end(struct store *st, int ok)
{
	if (ok)
		return store_commit(st) == 0;
	store_rollback(st);
	return 0;
}

static void
user_cb(void *arg, const struct user *u)
{
	int	*n = arg;

	(void)u;
	(*n)++;
}

static void
mkuser(struct store *st, const char *nip, const char *name, int role,
    const char *unit, int64_t *id)
{
	struct user	 u;

	memset(&u, 0, sizeof(u));
	snprintf(u.nip, sizeof(u.nip), "%s", nip);
	snprintf(u.name, sizeof(u.name), "%s", name);
	snprintf(u.unit, sizeof(u.unit), "%s", unit);
	snprintf(u.position, sizeof(u.position), "Analis");
	u.role = role;
	*id = 0;
	T_OK(store_user_insert(st, &u, "$argon2id$x", id) == 0 && *id > 0,
	    "store user insert gives an id");
}

static void
test_users(struct store *st)
{
	struct user	 u;
	char		 pw[256];
	int64_t		 n = 0, dup = 0;
	int		 found = 0;

	mkuser(st, NIP_A, "Rina Wulandari", ROLE_LEARNER, "Bidang A", &uid_a);
	mkuser(st, NIP_B, "Budi Santoso", ROLE_LEARNER, "Bidang B", &uid_b);
	mkuser(st, NIP_C, "Sri Lestari", ROLE_HR, "Bidang A", &uid_c);
	memset(&u, 0, sizeof(u));
	snprintf(u.nip, sizeof(u.nip), NIP_A);
	snprintf(u.name, sizeof(u.name), "Someone Else");
	u.role = ROLE_LEARNER;
	T_OK(store_user_insert(st, &u, NULL, &dup) == STORE_CONFLICT,
	    "store user insert: STORE_CONFLICT for a NIP that exists");
	T_OK(store_user_by_nip(st, NIP_A, &u, pw, sizeof(pw)) == 0 &&
	    u.id == uid_a && strcmp(u.name, "Rina Wulandari") == 0 &&
	    u.role == ROLE_LEARNER && u.active && u.has_password &&
	    strcmp(pw, "$argon2id$x") == 0, "store user by nip");
	T_OK(u.created_at == TEST_NOW,
	    "store user insert: created_at from the C clock (test clock)");
	T_OK(store_user_by_nip(st, "199912312020121999", &u, NULL, 0) == 1,
	    "store user by nip: 1 when missing");
	T_OK(store_user_by_id(st, uid_b, &u) == 0 &&
	    strcmp(u.nip, NIP_B) == 0, "store user by id");
	T_OK(store_user_by_id(st, 999999, &u) == 1,
	    "store user by id: 1 when missing");
	T_OK(store_user_set_role(st, uid_b, ROLE_TRAINER) == 0 &&
	    store_user_by_id(st, uid_b, &u) == 0 && u.role == ROLE_TRAINER,
	    "store user set role");
	T_OK(store_user_set_role(st, uid_b, ROLE_LEARNER) == 0,
	    "store user set role back");
	T_OK(store_user_set_active(st, uid_b, 0) == 0 &&
	    store_user_by_id(st, uid_b, &u) == 0 && !u.active,
	    "store user deactivate");
	T_OK(store_user_set_active(st, uid_b, 1) == 0, "store user reactivate");
	T_OK(store_user_set_password(st, uid_b, "$argon2id$y") == 0 &&
	    store_user_by_nip(st, NIP_B, &u, pw, sizeof(pw)) == 0 &&
	    strcmp(pw, "$argon2id$y") == 0, "store user set password");
	T_OK(store_user_count(st, &n) == 0 && n == 3, "store user count");
	T_OK(store_user_search(st, "19900", 10, user_cb, &found) == 0 &&
	    found == 2, "store user search by NIP prefix");
	found = 0;
	T_OK(store_user_search(st, "Lestari", 10, user_cb, &found) == 0 &&
	    found == 1, "store user search by name");
	found = 0;
	T_OK(store_user_search(st, "19", 1, user_cb, &found) == 0 &&
	    found == 1, "store user search honours its limit");
	T_OK(store_role_parse(store_role_name(ROLE_HR)) == ROLE_HR &&
	    store_role_parse("root") == ROLE_NONE, "store role names");
}

static void
test_sessions(struct store *st)
{
	unsigned char	 h1[32], h2[32];
	struct session	 s;
	struct user	 u;

	memset(h1, 1, sizeof(h1));
	memset(h2, 2, sizeof(h2));
	T_OK(store_session_insert(st, h1, uid_a, "ab12", 1000) == 0 &&
	    store_session_insert(st, h2, uid_a, "cd34", 1000) == 0,
	    "store session insert");
	T_OK(store_session_user(st, h1, &s, &u) == 0 && s.user_id == uid_a &&
	    strcmp(s.csrf, "ab12") == 0 && s.created_at == 1000 &&
	    u.id == uid_a && strcmp(u.nip, NIP_A) == 0,
	    "store session user: session and user in one lookup");
	T_OK(store_session_touch(st, h1, 1500) == 0 &&
	    store_session_user(st, h1, &s, &u) == 0 && s.last_seen == 1500,
	    "store session touch");
	T_OK(store_session_delete(st, h1) == 0 &&
	    store_session_user(st, h1, &s, &u) == 1,
	    "store session delete: then 1");
	T_OK(store_session_delete_user(st, uid_a) == 0 &&
	    store_session_user(st, h2, &s, &u) == 1,
	    "store session delete user revokes all");
	T_OK(store_session_insert(st, h1, uid_b, "ef", 100) == 0 &&
	    store_session_insert(st, h2, uid_b, "gh", 5000) == 0 &&
	    store_session_purge(st, 1000, 0) == 0 &&
	    store_session_user(st, h1, &s, &u) == 1 &&
	    store_session_user(st, h2, &s, &u) == 0,
	    "store session purge by idle time");
	T_OK(store_session_purge(st, 0, 6000) == 0 &&
	    store_session_user(st, h2, &s, &u) == 1,
	    "store session purge by absolute age");
}

static void
audit_cb(void *arg, const struct audit_row *a)
{
	int64_t	*last = arg;

	if (last[0] == 0 || a->id < last[0])
		last[0] = a->id;
	last[1]++;
	if (strcmp(a->event, "test.two") == 0 &&
	    strcmp(a->actor_nip, NIP_C) == 0)
		last[2] = 1;
}

static void
audit_at_cb(void *arg, const struct audit_row *a)
{
	int	*ok = arg;

	if (a->at != TEST_NOW)
		*ok = 0;
}

static void
test_audit(struct store *st)
{
	int64_t	 seen[3] = { 0, 0, 0 }, page[3] = { 0, 0, 0 };
	int	 at_ok = 1;

	T_OK(store_audit(st, uid_c, "test.one", "d1", "127.0.0.1") == 0 &&
	    store_audit(st, uid_c, "test.two", "d2", "127.0.0.1") == 0 &&
	    store_audit(st, 0, "test.three", "", "") == 0,
	    "store audit append");
	struct audit_filter f = { .limit = 2 };

	T_OK(store_audit_query(st, &f, audit_cb, seen) == 0 && seen[1] == 2 &&
	    seen[2] == 1, "store audit query: newest first, limit, actor NIP");
	f.before = seen[0];
	f.limit = 10;
	T_OK(store_audit_query(st, &f, audit_cb, page) == 0 &&
	    page[1] >= 1 && page[0] < seen[0],
	    "store audit query pages before an id");
	memset(page, 0, sizeof(page));
	f = (struct audit_filter){ .event = "test.one", .limit = 10 };
	T_OK(store_audit_query(st, &f, audit_cb, page) == 0 && page[1] == 1,
	    "store audit query filters by event");
	memset(page, 0, sizeof(page));
	f = (struct audit_filter){ .actor = uid_c, .limit = 10 };
	T_OK(store_audit_query(st, &f, audit_cb, page) == 0 && page[1] == 2,
	    "store audit query filters by actor");
	f = (struct audit_filter){ .limit = 10 };
	T_OK(store_audit_query(st, &f, audit_at_cb, &at_ok) == 0 && at_ok,
	    "store audit: the time is the C clock's (test clock)");
	f = (struct audit_filter){ .from = TEST_NOW, .to = TEST_NOW + 1,
	    .limit = 10 };
	memset(page, 0, sizeof(page));
	T_OK(store_audit_query(st, &f, audit_cb, page) == 0 && page[1] == 3,
	    "store audit query filters by time");
	f.from = TEST_NOW + 1;
	f.to = 0;
	memset(page, 0, sizeof(page));
	T_OK(store_audit_query(st, &f, audit_cb, page) == 0 && page[1] == 0,
	    "store audit query: nothing after the window");
	memset(page, 0, sizeof(page));
	f = (struct audit_filter){ .after = seen[0] - 1, .limit = 10 };
	T_OK(store_audit_query(st, &f, audit_cb, page) == 0 && page[1] >= 2,
	    "store audit query pages after an id (oldest first)");
}

static void
prog_cb(void *arg, const char *module, int64_t at)
{
	int	*n = arg;

	(void)at;
	if (strcmp(module, "01-a") == 0 || strcmp(module, "02-b") == 0)
		(*n)++;
}

static void
test_progress(struct store *st)
{
	int64_t	 first = 0;
	int	 n = 0;

	T_OK(store_progress_mark(st, uid_a, "kursus", "01-a", 2000) == 0 &&
	    store_progress_mark(st, uid_a, "kursus", "02-b", 2100) == 0,
	    "store progress mark");
	T_OK(store_progress_mark(st, uid_a, "kursus", "01-a", 9000) == 0,
	    "store progress mark twice is harmless");
	T_OK(store_progress_list(st, uid_a, "kursus", prog_cb, &n) == 0 &&
	    n == 2, "store progress list");
	T_OK(store_progress_first(st, uid_a, "kursus", &first) == 0 &&
	    first == 2000, "store progress first keeps the first mark");
	n = 0;
	T_OK(store_progress_list(st, uid_b, "kursus", prog_cb, &n) == 0 &&
	    n == 0, "store progress is per user");
}

static void
att_cb(void *arg, const struct attempt *a)
{
	int	*n = arg;

	(void)a;
	(*n)++;
}

static void
test_attempts(struct store *st)
{
	struct attempt	*a = calloc(1, sizeof(*a)), *b = calloc(1, sizeof(*b));
	int		 n = -1, ok;
	double		 best = 0;

	if (a == NULL || b == NULL)
		return;
	a->user_id = uid_a;
	snprintf(a->course, sizeof(a->course), "kursus");
	snprintf(a->quiz, sizeof(a->quiz), "quiz-final.lua");
	a->attempt_no = 1;
	a->seed = 0xfedcba9876543210ULL;	/* the full 64 bits survive */
	snprintf(a->ids, sizeof(a->ids), "q1 q2 q3");
	a->started_at = 3000;
	a->deadline = 3600;
	T_OK(store_attempt_insert(st, a, "{\"shown\":1}") == 0 && a->id > 0,
	    "store attempt insert");
	T_OK(store_attempt_insert(st, a, "{}") == STORE_CONFLICT,
	    "store attempt insert: STORE_CONFLICT for the same attempt number");
	/* The conflict inside a transaction leaves it usable (a backend
	   that aborts the transaction on an error must not here). */
	ok = store_begin(st) == 0 && tx_end(st,
	    store_attempt_insert(st, a, "{}") == STORE_CONFLICT &&
	    store_attempt_count(st, uid_a, "kursus", "quiz-final.lua", &n) == 0 &&
	    n == 1);
	T_OK(ok, "store attempt conflict in a transaction: the rest goes on");
	T_OK(store_attempt_get(st, a->id, b) == 0 && b->seed == a->seed &&
	    strcmp(b->ids, "q1 q2 q3") == 0 && b->deadline == 3600 &&
	    b->submitted_at == 0, "store attempt get");
	store_attempt_clear(b);
	T_OK(store_attempt_get(st, a->id + 1000, b) == 1,
	    "store attempt get: 1 when missing");
	T_OK(store_attempt_open(st, uid_a, "kursus", "quiz-final.lua", b) == 0 &&
	    b->id == a->id, "store attempt open finds it");
	store_attempt_clear(b);
	T_OK(store_attempt_count(st, uid_a, "kursus", "quiz-final.lua", &n) == 0 &&
	    n == 1, "store attempt count");
	T_OK(store_attempt_save(st, a->id, "q_q1=2") == 0 &&
	    store_attempt_get(st, a->id, b) == 0 && b->responses &&
	    strcmp(b->responses, "q_q1=2") == 0, "store attempt save");
	store_attempt_clear(b);
	a->submitted_at = 3300;
	a->responses = "q_q1=1";
	a->score = 2;
	a->max = 3;
	a->percent = 66.7;
	a->passed = 1;
	T_OK(store_attempt_submit(st, a) == 0, "store attempt submit");
	a->score = 0;
	T_OK(store_attempt_submit(st, a) == 1,
	    "store attempt submit twice: 1, changes nothing");
	T_OK(store_attempt_get(st, a->id, b) == 0 && b->score == 2 &&
	    b->passed == 1 && b->submitted_at == 3300 &&
	    strcmp(b->responses, "q_q1=1") == 0, "store attempt result kept");
	store_attempt_clear(b);
	T_OK(store_attempt_save(st, a->id, "q_q1=3") == 0 &&
	    store_attempt_get(st, a->id, b) == 0 &&
	    strcmp(b->responses, "q_q1=1") == 0,
	    "store attempt save after submit is a no-op");
	store_attempt_clear(b);
	T_OK(store_attempt_open(st, uid_a, "kursus", "quiz-final.lua", b) == 1,
	    "store attempt open: 1 once submitted");
	T_OK(store_mark_put(st, a->id, 0, "q1", 1, 1, 1) == 0 &&
	    store_mark_put(st, a->id, 1, "q2", 1, 2, 0) == 0,
	    "store mark put");
	a->score = 3;
	a->percent = 100;
	T_OK(store_attempt_regrade(st, a) == 0 &&
	    store_attempt_get(st, a->id, b) == 0 && b->score == 3,
	    "store attempt regrade replaces the result");
	store_attempt_clear(b);
	n = 0;
	T_OK(store_attempt_list(st, uid_a, "kursus", "quiz-final.lua", att_cb,
	    &n) == 0 && n == 1, "store attempt list");
	n = 0;
	T_OK(store_attempt_each(st, "kursus", "quiz-final.lua", att_cb, &n) == 0 &&
	    n == 1, "store attempt each (submitted)");
	T_OK(store_quiz_passed(st, uid_a, "kursus", "quiz-final.lua", &best) == 0 &&
	    best == 100, "store quiz passed: best percent");
	T_OK(store_quiz_passed(st, uid_b, "kursus", "quiz-final.lua", &best) == 1,
	    "store quiz passed: 1 when none");
	free(a);
	free(b);
}

static void
compl_cb(void *arg, const struct completion *c)
{
	int	*n = arg;

	if (strcmp(c->course, "kursus") == 0 && c->jp == 4)
		(*n)++;
}

static int
report_cb(void *arg, const struct completion *c)
{
	int	*n = arg;

	(void)c;
	return ++(*n) == 100;	/* 100: stop early */
}

static int
jp_cb(void *arg, const struct ledger_person *p)
{
	int64_t	*cjp = arg;

	if (strcmp(p->u.nip, NIP_A) == 0)
		*cjp = p->cjp;
	return 0;
}

static int
count_cb(void *arg, const struct ledger_person *p)
{
	(void)p;
	(*(int *)arg)++;
	return 0;
}

/* The ledger store (store_ledger.h): entries, the one sum, types. */
static void
test_ledger(struct store *st, int64_t completion)
{
	struct ledger_entry	 e;
	struct ledger_filter	 lf;
	int64_t			 cjp = -1;
	char			 type[STORE_EMPLOYEE_TYPE_MAX];
	int			 n = 0;

	memset(&e, 0, sizeof(e));
	e.user_id = uid_a;
	snprintf(e.source, sizeof(e.source), "elearning");
	snprintf(e.kind, sizeof(e.kind), "e-learning");
	e.ref_id = completion;
	snprintf(e.title, sizeof(e.title), "Kursus Uji");
	snprintf(e.course, sizeof(e.course), "kursus");
	snprintf(e.ctype, sizeof(e.ctype), "teknis");
	e.at = 3300;
	e.year = 2026;
	e.cjp = 400;
	snprintf(e.status, sizeof(e.status), "approved");
	snprintf(e.rule_ref, sizeof(e.rule_ref), "e-learning@c21f70aa");
	e.created_at = 3300;
	T_OK(store_ledger_insert(st, &e) == -1,
	    "store ledger insert: only in a transaction");
	T_OK(store_begin(st) == 0 && store_ledger_insert(st, &e) == 0 &&
	    e.id > 0 && store_commit(st) == 0,
	    "store ledger insert (the completion's entry names its rule)");
	e.cjp = 500;
	T_OK(store_begin(st) == 0 && store_ledger_insert(st, &e) == 1 &&
	    store_commit(st) == 0,
	    "store ledger insert: 1 when the source row has another entry");
	e.cjp = 400;
	e.ref_id = completion + 1000;
	snprintf(e.source, sizeof(e.source), "external");
	snprintf(e.kind, sizeof(e.kind), "seminar");
	snprintf(e.status, sizeof(e.status), "pending");
	e.cjp = 222;
	snprintf(e.course, sizeof(e.course), "%s", "");
	T_OK(store_begin(st) == 0 && store_ledger_insert(st, &e) == 0 &&
	    store_commit(st) == 0, "store ledger insert pending");
	memset(&lf, 0, sizeof(lf));
	lf.year = 2026;
	T_OK(store_ledger_people(st, &lf, jp_cb, &cjp) == 0 && cjp == 400,
	    "store ledger people: approved cJP per person");
	lf.user_id = uid_a;
	n = 0;
	T_OK(store_ledger_people(st, &lf, count_cb, &n) == 0 && n == 1,
	    "store ledger people: one row for one person and year");
	lf.user_id = 0;
	lf.unit = "Bidang B";
	cjp = -1;
	T_OK(store_ledger_people(st, &lf, jp_cb, &cjp) == 0 && cjp == -1,
	    "store ledger people honour the unit");
	lf.unit = NULL;
	lf.year = 2025;
	cjp = -1;
	T_OK(store_ledger_people(st, &lf, jp_cb, &cjp) == 0 && cjp == 0,
	    "store ledger people honour the year (a learner with 0 JP)");
	T_OK(store_employee_type_get(st, uid_a, type, sizeof(type)) == 0 &&
	    strcmp(type, "pns") == 0, "employee type defaults to pns");
	T_OK(store_employee_type_set(st, uid_a, "pppk") == 0 &&
	    store_employee_type_set(st, uid_a, "pppk") == 0 &&
	    store_employee_type_get(st, uid_a, type, sizeof(type)) == 0 &&
	    strcmp(type, "pppk") == 0, "employee type set, set again, get");
	T_OK(store_employee_type_set(st, uid_a, "pns") == 0,
	    "employee type set back");
}

static int
lr_count(void *arg, const struct learnrec *r)
{
	(void)r;
	(*(int *)arg)++;
	return 0;
}

static int
pair_cb(void *arg, const struct programme_pair *q)
{
	*(struct programme_pair *)arg = *q;
	return 0;
}

static int
prog_count(void *arg, const struct programme *p)
{
	(void)p;
	(*(int *)arg)++;
	return 0;
}

static int
row_count(void *arg, const struct ledger_row *r)
{
	(void)r;
	(*(int *)arg)++;
	return 0;
}

/* Learning records, their review and programmes (store_learnrec.h,
   store_programme.h). */
static void
test_learnrec(struct store *st)
{
	struct learnrec		 r, g, x;
	struct ledger_entry	 e;
	struct programme	 p, pg;
	struct programme_pair	 q;
	struct report_filter	 f;
	struct user		 vb, vc;
	int64_t			 n = -1, cjp = -1, pid = -1;
	int			 k = 0, yes = -1;

	T_OK(store_user_by_id(st, uid_b, &vb) == 0 &&
	    store_user_by_id(st, uid_c, &vc) == 0, "reviewers loaded");
	memset(&r, 0, sizeof(r));
	r.user_id = uid_a;
	snprintf(r.source, sizeof(r.source), "mentoring");
	snprintf(r.kind, sizeof(r.kind), "mentoring");
	snprintf(r.title, sizeof(r.title), "Sesi satu");
	r.mentor_id = uid_b;
	r.start_at = r.end_at = 100000;
	r.minutes = 90;
	snprintf(r.stage, sizeof(r.stage), "submitted");
	snprintf(r.evidence, sizeof(r.evidence), "%032d.pdf", 0);
	r.evidence_size = 1234;
	r.created_at = r.updated_at = 100500;
	T_OK(store_learnrec_insert(st, &r) == -1,
	    "learnrec insert: only in a transaction");
	memset(&e, 0, sizeof(e));
	T_OK(store_begin(st) == 0 && store_learnrec_insert(st, &r) == 0 &&
	    r.id > 0, "learnrec insert");
	e.user_id = uid_a;
	snprintf(e.source, sizeof(e.source), "mentoring");
	snprintf(e.kind, sizeof(e.kind), "mentoring");
	e.ref_id = r.id;
	snprintf(e.title, sizeof(e.title), "Sesi satu");
	e.at = 100000;
	e.year = 1970;
	e.cjp = 200;
	snprintf(e.status, sizeof(e.status), "pending");
	snprintf(e.rule_ref, sizeof(e.rule_ref), "mentoring@2362149b");
	e.created_at = 100500;
	T_OK(store_ledger_insert(st, &e) == 0 && store_commit(st) == 0,
	    "its ledger entry in the same transaction");
	T_OK(store_learnrec_get(st, r.id, &g) == 0 && g.mentor_id == uid_b &&
	    g.minutes == 90 && strcmp(g.stage, "submitted") == 0 &&
	    strcmp(g.status, "pending") == 0 && g.cjp == 200 &&
	    strcmp(g.nip, NIP_A) == 0 && strcmp(g.mentor_nip, NIP_B) == 0,
	    "learnrec get, joined with the person, mentor and entry");
	T_OK(store_learnrec_get(st, r.id + 999, &g) == 1,
	    "learnrec get: 1 when missing");
	T_OK(store_learnrec_list_user(st, uid_a, lr_count, &k) == 0 && k == 1,
	    "learnrec list per user");
	T_OK(store_learnrec_queue_count(st, LEARNREC_Q_MENTOR, &vb, &n) == 0 &&
	    n == 1, "the mentor's queue");
	T_OK(store_learnrec_queue_count(st, LEARNREC_Q_HR, &vc, &n) == 0 &&
	    n == 0 && store_learnrec_queue_count(st, LEARNREC_Q_ATASAN, &vc,
	    &n) == 0 && n == 0, "not in the HR or an atasan queue");
	T_OK(store_begin(st) == 0 && store_learnrec_stage(st, r.id, "confirmed",
	    uid_b, "", 100600) == 0 && store_ledger_set(st, "mentoring", r.id,
	    "approved", 200, "mentoring@2362149b", "", 100700) == 0 &&
	    store_ledger_set(st, "mentoring", r.id + 999, "approved", 0, "",
	    "", 100700) == 1 && store_commit(st) == 0,
	    "stage and ledger status set (1 when no such entry)");
	T_OK(store_learnrec_queue_count(st, LEARNREC_Q_MENTOR, &vb, &n) == 0 &&
	    n == 0, "confirmed: off the mentor's queue");
	T_OK(store_ledger_credited(st, uid_a, "mentoring", 0, 200000, &n,
	    &cjp) == 0 && n == 1 && cjp == 200 && store_ledger_credited(st,
	    uid_a, "mentoring", 200000, 300000, &n, &cjp) == 0 && n == 0,
	    "approved entries of a form in a window (the caps' count)");
	x = r;
	snprintf(x.title, sizeof(x.title), "Sesi satu (diperbaiki)");
	T_OK(store_learnrec_update(st, &x) == 0 && store_learnrec_get(st,
	    r.id, &g) == 0 && strcmp(g.title, "Sesi satu (diperbaiki)") == 0,
	    "learnrec update");
	x.id = r.id + 999;
	T_OK(store_learnrec_update(st, &x) == 1, "learnrec update: 1 missing");
	x = r;
	snprintf(x.source, sizeof(x.source), "external");
	snprintf(x.kind, sizeof(x.kind), "seminar");
	snprintf(x.cert_no, sizeof(x.cert_no), "SEM/1");
	x.mentor_id = 0;
	T_OK(store_begin(st) == 0 && store_learnrec_insert(st, &x) == 0 &&
	    (x.id = 0, store_learnrec_insert(st, &x)) == 0 &&
	    store_commit(st) == 0, "two records with one certificate number");
	T_OK(store_learnrec_cert_dups(st, "SEM/1", x.id, &n) == 0 && n == 1 &&
	    store_learnrec_cert_dups(st, "SEM/2", 0, &n) == 0 && n == 0,
	    "certificate number duplicates");
	T_OK(store_learnrec_evidence_bytes(st, uid_a, &n) == 0 && n == 3702,
	    "evidence bytes per user");
	memset(&f, 0, sizeof(f));
	k = 0;
	T_OK(store_ledger_entries(st, &f, row_count, &k) == 0 && k >= 2 &&
	    store_ledger_entries_count(st, &f, &n) == 0 && n == k,
	    "ledger entries and their count agree");
	T_OK(store_ledger_team_size(st, NIP_C, &n) == 0 && n == 0 &&
	    store_ledger_team_size(st, "", &n) == 0 && n == 0,
	    "team size (nobody's atasan; '' never matches)");
	memset(&p, 0, sizeof(p));
	snprintf(p.kind, sizeof(p.kind), "mentoring");
	snprintf(p.name, sizeof(p.name), "Program Uji");
	p.start_at = 50000;
	p.end_at = 150000;
	p.owner_id = uid_c;
	p.created_at = 50000;
	T_OK(store_programme_insert(st, &p) == -1,
	    "programme insert: only in a transaction");
	T_OK(store_begin(st) == 0 && store_programme_insert(st, &p) == 0 &&
	    p.id > 0 && store_commit(st) == 0, "programme insert");
	T_OK(store_programme_get(st, p.id, &pg) == 0 && strcmp(pg.owner_nip,
	    NIP_C) == 0 && pg.pairs == 0 && store_programme_get(st, p.id + 99,
	    &pg) == 1, "programme get");
	T_OK(store_programme_pair_add(st, p.id, uid_a, uid_b, 60000) == 0 &&
	    store_programme_pair_add(st, p.id, uid_a, uid_c, 60000) == 1,
	    "pair add: a mentee once per programme");
	T_OK(store_programme_for(st, "mentoring", uid_a, uid_b, 100000,
	    &pid) == 0 && pid == p.id && store_programme_for(st, "mentoring",
	    uid_a, uid_b, 200000, &pid) == 0 && pid == 0 &&
	    store_programme_for(st, "coaching", uid_a, uid_b, 100000, &pid) ==
	    0 && pid == 0, "the programme of a session: kind, pair, period");
	x = r;
	x.id = 0;
	x.programme_id = p.id;
	T_OK(store_begin(st) == 0 && store_learnrec_insert(st, &x) == 0 &&
	    store_commit(st) == 0, "a session in the programme");
	memset(&q, 0, sizeof(q));
	T_OK(store_programme_pairs(st, p.id, pair_cb, &q) == 0 &&
	    q.mentee_id == uid_a && q.mentor_id == uid_b &&
	    strcmp(q.mentor_nip, NIP_B) == 0, "programme pairs");
	k = 0;
	T_OK(store_programme_list(st, 0, prog_count, &k) == 0 && k == 1 &&
	    (k = 0, store_programme_list(st, uid_b, prog_count, &k)) == 0 &&
	    k == 1 && (k = 0, store_programme_list(st, uid_c, prog_count,
	    &k)) == 0 && k == 1, "programme list: all, paired, owned");
	T_OK(store_programme_member(st, uid_b, &yes) == 0 && yes == 1 &&
	    store_programme_member(st, uid_c, &yes) == 0 && yes == 0,
	    "programme member");
}

static void
test_completions(struct store *st)
{
	struct completion	 c, g;
	struct report_filter	 f;
	int64_t			 v1 = 0, v2 = 0;
	int			 n = 0;

	T_OK(store_begin(st) == 0 && tx_end(st,
	    store_counter_next(st, "cert", &v1) == 0 &&
	    store_counter_next(st, "cert", &v2) == 0) && v2 == v1 + 1,
	    "store counter next counts up in a transaction");
	memset(&c, 0, sizeof(c));
	c.user_id = uid_a;
	snprintf(c.course, sizeof(c.course), "kursus");
	snprintf(c.course_title, sizeof(c.course_title), "Kursus Uji");
	snprintf(c.competency, sizeof(c.competency), "Pelayanan Publik");
	snprintf(c.ctype, sizeof(c.ctype), "teknis");
	c.level = 2;
	c.jp = 4;
	c.year = 2026;
	c.started_at = 2000;
	c.completed_at = 3300;
	c.score = 100;
	snprintf(c.cert_no, sizeof(c.cert_no), "LTR/2026/%06lld", (long long)v2);
	snprintf(c.payload, sizeof(c.payload), "{\"no\":\"%s\"}", c.cert_no);
	snprintf(c.sig, sizeof(c.sig), "c2lnbmF0dXJl");
	T_OK(store_completion_insert(st, &c) == 0 && c.id > 0,
	    "store completion insert");
	T_OK(store_completion_get(st, uid_a, "kursus", &g) == 0 &&
	    g.id == c.id && g.jp == 4 && g.level == 2 && g.score == 100 &&
	    strcmp(g.payload, c.payload) == 0, "store completion get");
	T_OK(store_completion_get(st, uid_b, "kursus", &g) == 1,
	    "store completion get: 1 when missing");
	T_OK(store_completion_by_cert(st, c.cert_no, &g) == 0 &&
	    g.user_id == uid_a && strcmp(g.nip, NIP_A) == 0,
	    "store completion by certificate number (with the user)");
	T_OK(store_completion_by_cert(st, "LTR/2026/999999", &g) == 1,
	    "store completion by cert: 1 when missing");
	T_OK(store_completion_list_user(st, uid_a, compl_cb, &n) == 0 && n == 1,
	    "store completion list per user");
	memset(&f, 0, sizeof(f));
	f.year = 2026;
	n = 0;
	T_OK(store_report_completions(st, &f, report_cb, &n) == 0 && n == 1,
	    "store report completions");
	f.year = 2025;
	n = 0;
	T_OK(store_report_completions(st, &f, report_cb, &n) == 0 && n == 0,
	    "store report completions honours the year");
	test_ledger(st, c.id);
}

static int
token_cb(void *arg, const struct token_row *t)
{
	int	*n = arg;

	if (strcmp(t->name, "siasn") == 0 && t->revoked_at > 0)
		(*n)++;
	return 0;
}

static void
test_tokens(struct store *st)
{
	unsigned char	 h[32], other[32];
	char		 name[STORE_TOKEN_NAME_MAX + 1];
	int		 n = 0;

	memset(h, 7, sizeof(h));
	memset(other, 8, sizeof(other));
	T_OK(store_token_insert(st, "siasn", h, 4000) == 0, "store token insert");
	T_OK(store_token_insert(st, "siasn", other, 4001) == 1,
	    "store token insert: 1 when the name is taken");
	T_OK(store_token_find(st, h, name, sizeof(name)) == 0 &&
	    strcmp(name, "siasn") == 0, "store token find");
	T_OK(store_token_find(st, other, name, sizeof(name)) == 1,
	    "store token find: 1 for an unknown hash");
	T_OK(store_token_revoke(st, "siasn", 4100) == 0 &&
	    store_token_find(st, h, name, sizeof(name)) == 1,
	    "store token revoke: then not found");
	T_OK(store_token_revoke(st, "siasn", 4200) == 1,
	    "store token revoke twice: 1");
	T_OK(store_token_list(st, token_cb, &n) == 0 && n == 1,
	    "store token list shows the revoked token");
}

static void
test_setup(struct store *st)
{
	unsigned char	 h[32], wrong[32], got[32];
	int64_t		 user = 0, exp = 0;
	struct user	 u;

	memset(h, 9, sizeof(h));
	memset(wrong, 10, sizeof(wrong));
	T_OK(store_setup_set(st, uid_b, h, 9000) == 0, "store setup set");
	T_OK(store_setup_get(st, NIP_B, &user, got, &exp) == 0 &&
	    user == uid_b && exp == 9000 && memcmp(got, h, 32) == 0,
	    "store setup get");
	T_OK(store_setup_redeem(st, uid_b, wrong, 8000, "$argon2id$z") == 1,
	    "store setup redeem with another code: 1");
	T_OK(store_setup_redeem(st, uid_b, h, 9500, "$argon2id$z") == 1,
	    "store setup redeem after expiry: 1");
	T_OK(store_setup_redeem(st, uid_b, h, 8000, "$argon2id$z") == 0,
	    "store setup redeem");
	T_OK(store_setup_redeem(st, uid_b, h, 8000, "$argon2id$z") == 1,
	    "store setup redeem twice: 1");
	T_OK(store_setup_get(st, NIP_B, &user, got, &exp) == 1,
	    "store setup get: 1 once used");
	memset(&u, 0, sizeof(u));
	snprintf(u.nip, sizeof(u.nip), NIP_B);
	snprintf(u.name, sizeof(u.name), "Budi Santoso, S.Kom.");
	snprintf(u.unit, sizeof(u.unit), "Bidang C");
	snprintf(u.nip_atasan, sizeof(u.nip_atasan), NIP_C);
	T_OK(store_roster_update(st, &u) == 0 &&
	    store_user_by_id(st, uid_b, &u) == 0 &&
	    strcmp(u.unit, "Bidang C") == 0 &&
	    strcmp(u.nip_atasan, NIP_C) == 0 && u.role == ROLE_LEARNER,
	    "store roster update keeps the role");
}

static int
tx_write(struct store *st, void *arg)
{
	int	*fail = arg;

	if (store_progress_mark(st, uid_b, "tx", "01-a", 7000) == -1)
		return -1;
	return *fail;
}

static void
tx_cb(void *arg, const char *module, int64_t at)
{
	(void)module;
	(void)at;
	(*(int *)arg)++;
}

static void
test_transactions(struct store *st)
{
	int	 fail = 1, n = 0, ok, m;

	T_OK(store_group(st, tx_write, &fail) == 1,
	    "store group returns the job's refusal");
	T_OK(store_progress_list(st, uid_b, "tx", tx_cb, &n) == 0 && n == 0,
	    "store group rolls a refused job back");
	fail = 0;
	T_OK(store_group(st, tx_write, &fail) == 0, "store group commits");
	T_OK(store_progress_list(st, uid_b, "tx", tx_cb, &n) == 0 && n == 1,
	    "store group's write is there");
	ok = store_begin(st) == 0;
	T_OK(ok && store_progress_mark(st, uid_b, "tx", "02-b", 7100) == 0,
	    "begin");
	if (ok)
		store_rollback(st);
	n = 0;
	T_OK(store_progress_list(st, uid_b, "tx", tx_cb, &n) == 0 && n == 1,
	    "store rollback undoes the write");
	ok = store_begin(st) == 0;
	if (ok) {
		m = store_progress_mark(st, uid_b, "tx", "03-c", 7200);
		ok = store_end(st, m == 0 ? 1 : -1) == 1;
	}
	T_OK(ok, "store end with a refusal: rc back");
	n = 0;
	T_OK(store_progress_list(st, uid_b, "tx", tx_cb, &n) == 0 && n == 1,
	    "store end with a refusal rolls back");
	ok = store_begin(st) == 0;
	if (ok) {
		m = store_progress_mark(st, uid_b, "tx", "03-c", 7200);
		ok = store_end(st, m) == 0;
	}
	T_OK(ok, "store end with 0 commits");
	n = 0;
	T_OK(store_progress_list(st, uid_b, "tx", tx_cb, &n) == 0 && n == 2,
	    "store end's commit is there");
}

/* A job of the writer thread that loses a unique-key race. */
static int
conflict_job(struct store *st, void *arg)
{
	struct user	*u = arg;
	int64_t		 id;

	return store_user_insert(st, u, NULL, &id);
}

/* An async job: its argument is the caller's copy, gone when it runs. */
static int
async_write(struct store *st, void *arg)
{
	const char	*slug = arg;

	return store_progress_mark(st, uid_b, "txa", slug, 7300) == -1 ? -1 : 0;
}

static void
test_conflicts(struct store *st)
{
	struct user	 u;
	int64_t		 n = 0, m = 0;
	int		 fail = 0;

	/* The writer thread (group commit) as `serve` runs it. */
	T_OK(store_group_start(path) == 0, "store group start");
	memset(&u, 0, sizeof(u));
	snprintf(u.nip, sizeof(u.nip), NIP_C);
	snprintf(u.name, sizeof(u.name), "Dup");
	u.role = ROLE_LEARNER;
	T_OK(store_user_count(st, &n) == 0 &&
	    store_group(st, conflict_job, &u) == STORE_CONFLICT &&
	    store_user_count(st, &m) == 0 && m == n,
	    "store group: a job's conflict comes back, nothing written");
	T_OK(store_group(st, tx_write, &fail) == 0,
	    "store group: the next job after a conflict commits");
	{
		struct store_group_stats gs;
		char	 slug[16] = "01-async";
		int	 k = 0;

		store_group_stats(&gs, 1);
		T_OK(store_group_async(st, async_write, slug, sizeof(slug)) == 0,
		    "store group async: queued");
		memset(slug, 0, sizeof(slug));	/* the queue holds a copy */
		/* Jobs run in order: once a later one returns, it is done. */
		T_OK(store_group(st, tx_write, &fail) == 0 &&
		    store_progress_list(st, uid_b, "txa", tx_cb, &k) == 0 &&
		    k == 1, "store group async: the write is committed, from "
		    "the copy of its argument");
		store_group_stats(&gs, 0);
		T_OK(gs.jobs == 2 && gs.batches >= 1 && gs.batches <= 2 &&
		    gs.max_batch >= 1 && gs.commit_ms >= 0,
		    "store group stats: the two jobs counted since the reset");
		store_group_stats(&gs, 1);
		store_group_stats(&gs, 0);
		T_OK(gs.jobs == 0 && gs.batches == 0,
		    "store group stats: reset zeroes the counters");
	}
	store_group_stop();
	T_OK(store_group(st, tx_write, &fail) == 0,
	    "store group after stop: a plain transaction");
}

int
main(void)
{
	struct store	*st = NULL;
	struct user	 u;
	int64_t		 n = 0;
	const char	*target = getenv("LENTERA_TEST_DB");
	char		 err[128];

	snprintf(dir, sizeof(dir), "/tmp/lentera-store-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	if (target != NULL && target[0] != '\0')
		snprintf(path, sizeof(path), "%s", target);
	else
		snprintf(path, sizeof(path), "%s/lentera.db", dir);
	/* Every time the store records comes from this clock. */
	if (setenv("LENTERA_TEST_NOW", "1780000000", 1) == -1 ||
	    clock_test_enable(err, sizeof(err)) == -1 ||
	    clock_now() != TEST_NOW) {
		printf("FAIL test clock: %s\n", err);
		return 1;
	}
	T_OK(store_migrate(path) == 0, "store migrate a fresh database");
	T_OK(store_migrate(path) == 0, "store migrate again is a no-op");
	T_OK(store_open(path, &st) == 0 && st != NULL, "store open");
	if (st == NULL)
		T_DONE();
	test_users(st);
	test_sessions(st);
	test_audit(st);
	test_progress(st);
	test_attempts(st);
	test_completions(st);
	test_learnrec(st);
	test_tokens(st);
	test_setup(st);
	test_transactions(st);
	test_conflicts(st);
	store_close(st);
	st = NULL;
	/* Durable: a new connection sees every committed write. */
	T_OK(store_open(path, &st) == 0 && store_user_count(st, &n) == 0 &&
	    n == 3 && store_user_by_nip(st, NIP_B, &u, NULL, 0) == 0 &&
	    strcmp(u.unit, "Bidang C") == 0, "store reopened: writes kept");
	if (st)
		store_close(st);
	{
		char	 cmd[160];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			printf("FAIL store cleanup\n");
	}
	T_DONE();
}
