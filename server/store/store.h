/*
 * store: the storage API. No database type appears here; the store files
 * (server/store/store*.c) are written once against db.h and run on its
 * drivers (SQLite today, server/store/sqlite/). docs/store.md.
 *
 * Threads: each server worker owns one struct store (store_open in the
 * thread's init, store_close at its exit); a connection is never shared.
 * Writes run in write transactions (store_begin, store_group); the SQLite
 * driver also queues this process's writers on one mutex (one writer at
 * a time is all SQLite allows; a queue beats busy-wait retries). No
 * caller's correctness depends on that mutex: two processes or nodes do
 * not share it, so races are answered with STORE_CONFLICT. SQLite runs
 * synchronous=FULL in WAL mode: a write that returned 0 survives kill -9
 * and power loss.
 *
 * Returns (enum store_rc): 0 ok, 1 "not found" where a lookup can miss,
 * STORE_CONFLICT where an insert says so (a unique key is taken; nothing
 * written), -1 error (logged with the database's message). Row structs
 * are filled by value; strings in them are truncated to the field sizes,
 * which match the input limits. Times are Unix seconds (UTC), from the C
 * clock (clock_now() or the caller's now), never the database's.
 */
#ifndef LENTERA_STORE_H
#define LENTERA_STORE_H

#include <stdint.h>
#include <stddef.h>

struct store;

/* Results of store functions (see the contract above). */
enum store_rc {
	STORE_ERROR = -1,
	STORE_OK = 0,
	STORE_NOTFOUND = 1,
	STORE_CONFLICT = 2,	/* a unique key is taken (where documented) */
};

#define STORE_NIP_LEN	18
#define STORE_NAME_MAX	128
#define STORE_TEXT_MAX	256
#define STORE_ROLE_MAX	16
#define STORE_CODE_MAX	24	/* certificate verification code + NUL */

enum role {
	ROLE_NONE = 0,
	ROLE_LEARNER = 1 << 0,
	ROLE_TRAINER = 1 << 1,
	ROLE_HR = 1 << 2,
	ROLE_ADMIN = 1 << 3,
};
#define ROLE_ANY (ROLE_LEARNER | ROLE_TRAINER | ROLE_HR | ROLE_ADMIN)

struct user {
	int64_t	 id;
	char	 nip[STORE_NIP_LEN + 1];
	char	 name[STORE_NAME_MAX];
	int	 role;			/* one enum role bit */
	char	 unit[STORE_TEXT_MAX];
	char	 position[STORE_TEXT_MAX];
	char	 golongan[32];
	char	 email[STORE_TEXT_MAX];
	char	 nip_atasan[STORE_NIP_LEN + 1];
	int	 active;
	int	 has_password;
	int64_t	 created_at;
};

struct session {
	int64_t	 user_id;
	int64_t	 created_at;
	int64_t	 last_seen;
	char	 csrf[65];		/* hex of 32 random bytes */
};

/* Opening, migrations, write serialisation. */
int	 store_open(const char *path, struct store **);
void	 store_close(struct store *);
int	 store_migrate(const char *path);	/* once at start-up */
int	 store_begin(struct store *);		/* takes the write lock */
/*
 * Run fn(writer, arg) in a shared durable transaction with other callers'
 * jobs (group commit) and return its result once committed: 0 written;
 * any other value rolls back fn's own writes only and is returned (-1 is
 * also returned when the commit fails). fn must use the store it is given
 * and never store_begin. Without store_group_start (CLI), it runs fn in a
 * transaction on st.
 */
int	 store_group(struct store *st, int (*fn)(struct store *, void *),
	    void *arg);
/*
 * Queue fn(writer, copy of arg's len bytes) for a later group transaction
 * and return at once: for writes whose loss in a crash is harmless (a
 * session's last_seen), never for anything acknowledged. 0 queued; -1
 * out of memory or GROUP_ASYNC_MAX jobs already queued (the write is
 * skipped). Without the writer thread it runs at once, as store_group.
 */
int	 store_group_async(struct store *st, int (*fn)(struct store *, void *),
	    const void *arg, size_t len);
int	 store_group_start(const char *path);	/* serve: the writer thread */
void	 store_group_stop(void);
/*
 * What the group commit did since the start or the last reset: batches
 * committed, jobs in them, the largest batch, hist[b] the batches of
 * 2^b .. 2^(b+1)-1 jobs (the last bucket open-ended), and the writer's
 * time running jobs and committing (the fsyncs). Copies under the lock;
 * reset zeroes the counters after copying.
 */
#define STORE_GROUP_HIST	9	/* 1, 2-3, 4-7, ..., 256+ */
struct store_group_stats {
	long		 batches, jobs, max_batch;
	long		 hist[STORE_GROUP_HIST];
	double		 jobs_ms, commit_ms, max_commit_ms;
};
void	 store_group_stats(struct store_group_stats *, int reset);
int	 store_commit(struct store *);		/* releases it */
void	 store_rollback(struct store *);	/* releases it */
/* Ends a store_begin: commits when rc is 0, else rolls back. Returns rc,
   or -1 when the commit fails. */
int	 store_end(struct store *, int rc);

/* Roles as text. */
const char *store_role_name(int);
int	 store_role_parse(const char *);

/* Users. */
int	 store_user_by_nip(struct store *, const char *nip, struct user *,
	    char *pwhash, size_t pwlen);
int	 store_user_by_id(struct store *, int64_t, struct user *);
/* STORE_CONFLICT: the NIP is taken; nothing was written. */
int	 store_user_insert(struct store *, const struct user *,
	    const char *pwhash, int64_t *id);
int	 store_user_set_role(struct store *, int64_t, int role);
int	 store_user_set_active(struct store *, int64_t, int active);
int	 store_user_set_password(struct store *, int64_t, const char *pwhash);
int	 store_user_count(struct store *, int64_t *);
/* Search by NIP prefix or name substring; calls fn per row (up to limit). */
int	 store_user_search(struct store *, const char *q, int limit,
	    void (*fn)(void *, const struct user *), void *arg);

/* Sessions: only the BLAKE2b hash of the cookie token is stored. */
int	 store_session_insert(struct store *, const unsigned char hash[32],
	    int64_t user_id, const char *csrf, int64_t now);
int	 store_session_user(struct store *, const unsigned char hash[32],
	    struct session *, struct user *);
int	 store_session_touch(struct store *, const unsigned char hash[32],
	    int64_t now);
int	 store_session_delete(struct store *, const unsigned char hash[32]);
int	 store_session_delete_user(struct store *, int64_t user_id);
int	 store_session_purge(struct store *, int64_t idle_before,
	    int64_t created_before);

/* Audit log: append-only (no UPDATE/DELETE statement exists for it). */
int	 store_audit(struct store *, int64_t actor, const char *event,
	    const char *detail, const char *ip);
struct audit_row {
	int64_t	 id, at;
	char	 actor_nip[STORE_NIP_LEN + 1];	/* "" for the system / CLI */
	char	 actor_name[STORE_NAME_MAX];
	char	 event[64];
	char	 detail[512];
	char	 ip[64];
};
/*
 * Audit rows matching every set filter (store_roster.c), newest first;
 * with after > 0 the page just above the cursor, oldest first (the
 * caller reverses it). Indexed by event and by actor (migration 6).
 */
struct audit_filter {
	const char	*event;		/* "" or NULL: any */
	int64_t		 actor;		/* 0: any */
	int64_t		 from, to;	/* from <= at < to; 0: open */
	int64_t		 before, after;	/* id < before, id > after; 0: none */
	int		 limit;
};
int	 store_audit_query(struct store *, const struct audit_filter *,
	    void (*fn)(void *, const struct audit_row *), void *arg);

/*
 * Throttle counters (store_throttle.c): one row per key, namespaced by a
 * prefix ("n:" NIP, "a:" address for logins; another module takes its own
 * prefix). Callers run get/put inside store_begin..store_commit so a
 * check and its update are one step for every thread and process on the
 * database. get: 0 found, 1 none (row zeroed).
 */
struct throttle_row {
	int	 fails;
	int64_t	 last_at;	/* last counted failure */
	int64_t	 noted_at;	/* last refusal written to the audit log */
};
int	 store_throttle_get(struct store *, const char *key,
	    struct throttle_row *);
int	 store_throttle_put(struct store *, const char *key,
	    const struct throttle_row *);
/* One failure fewer (a provisional count taken back); never below 0. */
int	 store_throttle_undo(struct store *, const char *key);
int	 store_throttle_clear(struct store *, const char *key);
/* Drop rows whose last failure is before `before`. */
int	 store_throttle_purge(struct store *, int64_t before);

/* Progress: modules marked done. */
int	 store_progress_mark(struct store *, int64_t user, const char *course,
	    const char *module, int64_t now);
/* Calls fn for every module done in course (module slug, done_at). */
int	 store_progress_list(struct store *, int64_t user, const char *course,
	    void (*fn)(void *, const char *, int64_t), void *arg);
int	 store_progress_first(struct store *, int64_t user, const char *course,
	    int64_t *first_at);


/* Completions: the competency record (one row per learner and course). */
struct completion {
	int64_t	 id, user_id;
	char	 course[65];
	char	 course_title[STORE_TEXT_MAX];
	char	 competency[STORE_TEXT_MAX];
	char	 ctype[32];
	int	 level, jp, year;
	int64_t	 started_at, completed_at;
	double	 score;			/* final test percent; < 0: none */
	char	 cert_no[64];
	char	 payload[2048];		/* signed certificate payload (JSON) */
	char	 sig[128];		/* base64 Ed25519 signature */
	/* Only store_completion_verify and _insert use these two: */
	char	 code[STORE_CODE_MAX];	/* verification code, canonical */
	char	 holder_name[STORE_NAME_MAX];	/* name as issued */
	/* Joined from users for reports: */
	char	 nip[STORE_NIP_LEN + 1];
	char	 name[STORE_NAME_MAX];
	char	 unit[STORE_TEXT_MAX];
	char	 position[STORE_TEXT_MAX];
	char	 golongan[32];
};

int	 store_completion_get(struct store *, int64_t user, const char *course,
	    struct completion *);
int	 store_completion_by_cert(struct store *, const char *cert_no,
	    struct completion *);
/* By number with code and holder_name (verification; store_record.c). */
int	 store_completion_verify(struct store *, const char *cert_no,
	    struct completion *);
/* Give every certificate without a code one from gen (one transaction):
   number of rows filled, or -1. */
int	 store_completion_backfill_codes(struct store *,
	    void (*gen)(char *code));
/* Inside a transaction: next value of a named counter (certificate numbers). */
int	 store_counter_next(struct store *, const char *name, int64_t *);
/* STORE_CONFLICT: the user has this course's completion already (or the
   certificate number is taken); nothing was written. */
int	 store_completion_insert(struct store *, struct completion *);
int	 store_completion_list_user(struct store *, int64_t user,
	    void (*fn)(void *, const struct completion *), void *arg);
/* Courses user has started (a module done) and not completed, latest
   start first: fn(arg, course id, modules done, first done_at). */
int	 store_progress_open(struct store *, int64_t user,
	    void (*fn)(void *, const char *course, int64_t done,
	    int64_t first_at), void *arg);
/* Best final-test result of a user for a quiz: 0 found, 1 none. */
int	 store_quiz_passed(struct store *, int64_t user, const char *course,
	    const char *quiz, double *best_percent);

/* Quiz attempts (store_quiz.c). ids: question ids in shown order,
   space-separated; responses: urlencoded q_* fields as submitted. */
#define STORE_IDS_MAX	(200 * 65)

struct attempt {
	int64_t	 id, user_id;
	char	 course[65];
	char	 quiz[64];
	int	 attempt_no;
	uint64_t seed;
	char	 ids[STORE_IDS_MAX];
	int64_t	 started_at, deadline, submitted_at;	/* 0: none */
	char	*responses;	/* malloc'd or NULL; free with store_attempt_clear */
	double	 score, max, percent;
	int	 passed;
};

void	 store_attempt_clear(struct attempt *);
int	 store_attempt_get(struct store *, int64_t id, struct attempt *);
/* Latest unsubmitted attempt of user for course/quiz: 0, 1 none. */
int	 store_attempt_open(struct store *, int64_t user, const char *course,
	    const char *quiz, struct attempt *);
int	 store_attempt_count(struct store *, int64_t user, const char *course,
	    const char *quiz, int *n);
/* Every attempt of user for the quiz, oldest first. */
int	 store_attempt_list(struct store *, int64_t user, const char *course,
	    const char *quiz, void (*fn)(void *, const struct attempt *),
	    void *arg);
/* Every quiz attempt of user across courses, newest first (up to limit). */
int	 store_attempt_list_user(struct store *, int64_t user, int limit,
	    void (*fn)(void *, const struct attempt *), void *arg);
/* 0 inserted (a->id set); STORE_CONFLICT the user's attempt number is
   taken (another node or connection started it first); -1 error. */
int	 store_attempt_insert(struct store *, struct attempt *,
	    const char *snapshot);
/* Save responses of an open attempt (no-op once submitted). */
int	 store_attempt_save(struct store *, int64_t id, const char *responses);
/* Record the result; 0 written, 1 already submitted (idempotent). */
int	 store_attempt_submit(struct store *, const struct attempt *);
/* Replace the stored result of a submitted attempt (regrade). */
int	 store_attempt_regrade(struct store *, const struct attempt *);
int	 store_mark_put(struct store *, int64_t attempt, int pos,
	    const char *qid, double score, double points, int correct);
/* Every submitted attempt of a quiz (all users), oldest first. */
int	 store_attempt_each(struct store *, const char *course,
	    const char *quiz, void (*fn)(void *, const struct attempt *),
	    void *arg);

/* The oldest `limit` submitted first attempts (attempt_no 1) of a quiz. */
int	 store_attempt_first_each(struct store *, const char *course,
	    const char *quiz, int limit,
	    void (*fn)(void *, const struct attempt *), void *arg);

/* Quiz statistics (store_stats.c). */
int	 store_stats_count(struct store *, const char *course, const char *quiz,
	    int *attempts, int *learners);
/* Percent of every submitted attempt, ascending. */
int	 store_stats_percents(struct store *, const char *course,
	    const char *quiz, void (*fn)(void *, double), void *arg);
/* Marks of first attempts (attempt_no 1, submitted), by attempt then
   position: fn(arg, attempt_id, attempt_percent, qid, score, points). */
int	 store_stats_first_marks(struct store *, const char *course,
	    const char *quiz, void (*fn)(void *, int64_t, double, const char *,
	    double, double), void *arg);
/* One person's submitted attempts at a quiz, for the trainer's list. */
struct stats_person {
	char	 nip[STORE_NIP_LEN + 1];
	char	 name[STORE_NAME_MAX];
	char	 unit[STORE_TEXT_MAX];
	int	 attempts;
	double	 best, last;		/* percent */
	int	 passed;		/* some attempt passed */
	int64_t	 last_at;		/* submitted_at of the latest */
};
/* People who submitted the quiz, by name, at most limit of them; *more
   is set when there were more. */
int	 store_stats_people(struct store *, const char *course,
	    const char *quiz, int limit,
	    void (*fn)(void *, const struct stats_person *), void *arg,
	    int *more);

/* Reports and API tokens (store_report.c, HR API module). */
#define STORE_TOKEN_NAME_MAX	64

struct report_filter {
	int	 year;			/* 0: any */
	char	 unit[STORE_TEXT_MAX];	/* "": any (exact match) */
	char	 course[65];		/* "": any */
	char	 ctype[32];		/* competency type, "": any */
	int64_t	 since;			/* completed_at >= since */
	int64_t	 user_id;		/* 0: any */
	int64_t	 offset;
	int64_t	 limit;			/* <= 0: every row */
};


/* A completion (kind 0) or a submitted quiz attempt (kind 1). */
struct xapi_row {
	int	 kind;
	int64_t	 id, at;
	char	 account[65];		/* users.account_id, never the NIP */
	char	 course[65];
	char	 quiz[STORE_TEXT_MAX];
	char	 title[STORE_TEXT_MAX];
	int	 has_score;
	double	 score, max;
	int	 passed, jp, attempt_no;
	int	 verb;			/* STORE_XAPI_COMPLETED/PASSED/FAILED */
};

/* The verb of a row: a completion, or an attempt at a quiz without a
   pass mark (diagnostic pre-test), is "completed"; others pass or fail. */
#define STORE_XAPI_COMPLETED	1
#define STORE_XAPI_PASSED	2
#define STORE_XAPI_FAILED	3

/* xAPI statement query (GET /api/v1/xapi/statements); see xapi.h. */
struct xapi_filter {
	int64_t	 since;			/* at > since; -1: any */
	int64_t	 until;			/* at <= until; INT64_MAX: any */
	const char *account;		/* NULL: any actor */
	int	 verb;			/* 0: any, else STORE_XAPI_* */
	int	 akind;			/* -1: any activity, 0 course, 1 quiz */
	const char *acourse, *aquiz;	/* the activity when akind >= 0 */
	const char *diag;		/* "\ncourse/quiz\n..." without pass mark */
	int	 descending;
	const struct xapi_row *after;	/* cursor; NULL: from the start */
	int	 limit;			/* 1..XAPI_MAX_LIMIT */
};

struct token_row {
	char	 name[STORE_TOKEN_NAME_MAX + 1];
	int64_t	 created_at, revoked_at;	/* revoked_at 0: active */
};

/*
 * Report iterators call fn per row in a stable order (completions by id,
 * people by user id, xAPI by time); fn returns non-zero to stop early.
 * 0 done, 1 stopped by fn, -1 error. Rows stream: memory does not grow
 * with the result.
 */
int	 store_report_completions(struct store *, const struct report_filter *,
	    int (*fn)(void *, const struct completion *), void *arg);
/* Rows the iterators above would give without offset/limit (the XLSX
   row limit is checked with them before an export starts). */
int	 store_report_completions_count(struct store *,
	    const struct report_filter *, int64_t *n);
/* Rows matching f in (at, kind, id) order (descending if asked),
   strictly after the cursor f->after, at most f->limit. */
int	 store_report_xapi(struct store *, const struct xapi_filter *f,
	    int (*fn)(void *, const struct xapi_row *), void *arg);
/* Every row in no particular order (a statement lookup by id walks them
   until fn stops it); f->diag is used, the other fields are not. */
int	 store_report_xapi_all(struct store *, const struct xapi_filter *f,
	    int (*fn)(void *, const struct xapi_row *), void *arg);

/* API tokens: only the BLAKE2b hash is stored. insert: 1 name taken;
   revoke: 1 no active token of that name; find: 1 none (or revoked). */
int	 store_token_insert(struct store *, const char *name,
	    const unsigned char hash[32], int64_t now);
int	 store_token_revoke(struct store *, const char *name, int64_t now);
int	 store_token_find(struct store *, const unsigned char hash[32],
	    char *name, size_t len);
int	 store_token_list(struct store *,
	    int (*fn)(void *, const struct token_row *), void *arg);

/* Roster, setup codes and the HR dashboard (store_roster.c). */
/* Updates name, unit, position, golongan, email, nip_atasan by u->nip. */
int	 store_roster_update(struct store *, const struct user *);
int	 store_setup_set(struct store *, int64_t user,
	    const unsigned char hash[32], int64_t expires);
/* 0: active user with a code (hash, expires set); 1: none. */
int	 store_setup_get(struct store *, const char *nip, int64_t *user,
	    unsigned char hash[32], int64_t *expires);
/* Sets pwhash and clears the code iff the code is still hash and not
   expired at now: 0 done, 1 not (used, replaced or expired meanwhile). */
int	 store_setup_redeem(struct store *, int64_t user,
	    const unsigned char hash[32], int64_t now, const char *pwhash);

/* JP per person, unit and year: store_ledger.h (the one sum). */
int	 store_hr_unit_names(struct store *, int limit,
	    void (*fn)(void *, const char *), void *arg);
int	 store_hr_courses(struct store *, int limit,
	    void (*fn)(void *, const char *id, const char *title), void *arg);

#endif
