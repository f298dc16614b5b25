/*
 * Storage conformance: the whole store API (store.h) against a fresh
 * database, through the API only (no SQL here), so that every backend
 * runs the same checks. Asserts the contract in store.h: 0 ok, 1 "not
 * found" (or "already", where a call says so), -1 error; transactions
 * roll back; what was committed is there after reopening.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"
#include "t.h"

#define NIP_A	"199001012015011001"
#define NIP_B	"199002022016022002"
#define NIP_C	"198003032005031003"

static char	 dir[64], path[128];
static int64_t	 uid_a, uid_b, uid_c;

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
	T_OK(store_user_insert(st, &u, NULL, &dup) != 0,
	    "store user insert refuses a NIP that exists");
	T_OK(store_user_by_nip(st, NIP_A, &u, pw, sizeof(pw)) == 0 &&
	    u.id == uid_a && strcmp(u.name, "Rina Wulandari") == 0 &&
	    u.role == ROLE_LEARNER && u.active && u.has_password &&
	    strcmp(pw, "$argon2id$x") == 0, "store user by nip");
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
test_audit(struct store *st)
{
	int64_t	 seen[3] = { 0, 0, 0 }, page[3] = { 0, 0, 0 };

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
	int		 n = -1;
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
	T_OK(store_attempt_insert(st, a, "{}") != 0,
	    "store attempt insert refuses the same attempt number");
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
jp_cb(void *arg, const struct jp_row *r)
{
	int	*jp = arg;

	if (strcmp(r->nip, NIP_A) == 0)
		*jp = r->jp;
	return 0;
}

static void
test_completions(struct store *st)
{
	struct completion	 c, g;
	struct report_filter	 f;
	int64_t			 v1 = 0, v2 = 0, done = 0, jp = 0;
	int			 n = 0, jpa = -1;

	T_OK(store_begin(st) == 0 && store_counter_next(st, "cert", &v1) == 0 &&
	    store_counter_next(st, "cert", &v2) == 0 && store_commit(st) == 0 &&
	    v2 == v1 + 1, "store counter next counts up in a transaction");
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
	f.year = 2026;
	T_OK(store_report_jp(st, &f, jp_cb, &jpa) == 0 && jpa == 4,
	    "store report jp per person");
	{
		struct jp_filter jf = { 2026, "", "", "" };

		T_OK(store_hr_totals(st, &jf, &done, &jp) == 0 && done == 1 &&
		    jp == 4, "store hr totals");
		jf.unit = "Bidang B";
		T_OK(store_hr_totals(st, &jf, &done, &jp) == 0 && done == 0 &&
		    jp == 0, "store hr totals honour the unit");
	}
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
	int	 fail = 1, n = 0;

	T_OK(store_group(st, tx_write, &fail) == 1,
	    "store group returns the job's refusal");
	T_OK(store_progress_list(st, uid_b, "tx", tx_cb, &n) == 0 && n == 0,
	    "store group rolls a refused job back");
	fail = 0;
	T_OK(store_group(st, tx_write, &fail) == 0, "store group commits");
	T_OK(store_progress_list(st, uid_b, "tx", tx_cb, &n) == 0 && n == 1,
	    "store group's write is there");
	T_OK(store_begin(st) == 0 &&
	    store_progress_mark(st, uid_b, "tx", "02-b", 7100) == 0, "begin");
	store_rollback(st);
	n = 0;
	T_OK(store_progress_list(st, uid_b, "tx", tx_cb, &n) == 0 && n == 1,
	    "store rollback undoes the write");
}

int
main(void)
{
	struct store	*st = NULL;
	struct user	 u;
	int64_t		 n = 0;

	snprintf(dir, sizeof(dir), "/tmp/lentera-store-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/lentera.db", dir);
	/* The same conformance test on another backend: LENTERA_STORE_URL
	   names a fresh, empty database (tests/run.sh pg gives one). */
	if (getenv("LENTERA_STORE_URL") != NULL)
		snprintf(path, sizeof(path), "%s", getenv("LENTERA_STORE_URL"));
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
	test_tokens(st);
	test_setup(st);
	test_transactions(st);
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
