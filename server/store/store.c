/* store: connections, statements, transactions, users, sessions, audit, progress. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "clock.h"
#include "log.h"
#include "store.h"
#include "store_perf.h"
#include "store_int.h"

/* Statement ids: one per statement, numbered by the compiler from
   this file's range (store_int.h), which STORE_IDS_FIT checks. */
enum {
	S_USER_BY_NIP = SLOT_CORE,
	S_USER_BY_ID,
	S_USER_INSERT,
	S_USER_SET_ROLE,
	S_USER_SET_ACTIVE,
	S_USER_SET_PASSWORD,
	S_USER_COUNT,
	S_USER_SEARCH,
	S_SESSION_INSERT,
	S_SESSION_TOUCH,
	S_SESSION_DELETE,
	S_SESSION_DELETE_USER,
	S_SESSION_PURGE,
	S_AUDIT,
	S_PROGRESS_MARK,
	S_PROGRESS_LIST,
	S_PROGRESS_FIRST,
	S_SESSION_USER,
	S_CORE_END_
};
STORE_IDS_FIT(S_CORE_END_, SLOT_CORE);

int
store_open(const char *path, struct store **out)
{
	struct store	*st;

	*out = NULL;
	if ((st = calloc(1, sizeof(*st))) == NULL)
		return -1;
	if (db_open(path, &st->db) == -1) {
		free(st);
		return -1;
	}
	*out = st;
	return 0;
}

void
store_close(struct store *st)
{
	int	 i;

	if (st == NULL)
		return;
	for (i = 0; i < STORE_SLOTS; i++)
		db_finalize(st->stmt[i]);
	db_close(st->db);
	free(st);
}

int
store_migrate(const char *path)
{
	struct store		*st;
	const char *const	*steps;
	int			 v, n, rc = -1;

	if (store_open(path, &st) == -1)
		return -1;
	n = db_migrations(st->db, &steps);
	if (db_schema_version(st->db, &v) == -1) {
		store_fail(st, "schema version");
		goto err;
	}
	if (v > n) {
		log_warnx("store: %s has schema %d, newer than this binary (%d)",
		    path, v, n);
		goto err;
	}
	for (; v < n; v++) {
		if (db_begin(st->db) == -1 ||
		    db_exec(st->db, steps[v]) == -1 ||
		    db_set_schema_version(st->db, v + 1) == -1 ||
		    db_commit(st->db) == -1) {
			log_warnx("store: migration %d: %s", v + 1,
			    db_errmsg(st->db));
			db_rollback(st->db);
			goto err;
		}
	}
	rc = 0;
err:
	store_close(st);
	return rc;
}

struct db_stmt *
store_stmt(struct store *st, int id, const char *sql)
{
	struct db_stmt	*s = st->stmt[id];

	if (s == NULL) {
		/* Ids are enum members per file (store_int.h), so two
		   statements cannot share one; this stays as a cheap guard
		   on the first prepare for code that passes ids around. */
		static const char *id_sql[STORE_SLOTS];
		const char *prev = __atomic_load_n(&id_sql[id],
		    __ATOMIC_ACQUIRE);

		if (prev == NULL)
			__atomic_store_n(&id_sql[id], sql, __ATOMIC_RELEASE);
		else if (prev != sql && strcmp(prev, sql) != 0) {
			log_warnx("store: id %d holds two statements: %s | %s",
			    id, prev, sql);
			abort();
		}
		if ((s = db_prepare(st->db, sql)) == NULL) {
			log_warnx("store: prepare: %s: %s",
			    db_errmsg(st->db), sql);
			return NULL;
		}
		st->stmt[id] = s;
	}
	db_reset(s);
	db_clear_bindings(s);
	return s;
}

int
store_fail(struct store *st, const char *what)
{
	log_warnx("store: %s: %s", what, db_errmsg(st->db));
	return -1;
}

int
store_row(struct store *st, struct db_stmt *s, const char *what)
{
	int	 rc;

	if ((rc = db_step(s)) == DB_ROW)
		return 0;
	if (rc == DB_DONE)
		return 1;
	return store_fail(st, what);
}

void
store_text(struct db_stmt *s, int col, char *dst, size_t len)
{
	const char	*t;
	size_t		 n;

	/* A bounded copy, no printf: exports call this per cell. The
	   text first, then its length (SQLite's order for a conversion). */
	if (len == 0)
		return;
	t = db_column_text(s, col);
	n = (size_t)db_column_bytes(s, col);
	if (n >= len)
		n = len - 1;
	memcpy(dst, t, n);
	dst[n] = '\0';
}

int
store_begin(struct store *st)
{
	db_write_lock(st->db);
	if (db_begin(st->db) == -1) {
		store_fail(st, "begin");
		db_write_unlock(st->db);
		return -1;
	}
	st->in_tx = 1;
	return 0;
}

static void
end_tx(struct store *st)
{
	st->in_tx = 0;
	db_write_unlock(st->db);
}

int
store_commit(struct store *st)
{
	int	 rc = 0;

	if (db_commit(st->db) == -1) {
		rc = store_fail(st, "commit");
		db_rollback(st->db);
	}
	end_tx(st);
	return rc;
}

void
store_rollback(struct store *st)
{
	db_rollback(st->db);
	end_tx(st);
}

static int
exec_step(struct store *st, struct db_stmt *s, int conflict_ok)
{
	int	 rc, own = !st->in_tx;

	if (s == NULL)
		return -1;
	if (own)
		db_write_lock(st->db);
	rc = db_step(s);
	if (own)
		db_write_unlock(st->db);
	if (rc == DB_CONFLICT && conflict_ok)
		rc = STORE_CONFLICT;
	else if (rc == DB_DONE || rc == DB_ROW)
		rc = 0;
	else
		rc = store_fail(st, "write");
	db_reset(s);
	return rc;
}

int
store_end(struct store *st, int rc)
{
	if (rc != 0) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st);
}

int
store_exec_insert(struct store *st, struct db_stmt *s)
{
	return exec_step(st, s, 1);
}

int
store_exec_write(struct store *st, struct db_stmt *s)
{
	return exec_step(st, s, 0);
}

static const char *const role_names[] = { "learner", "trainer", "hr", "admin" };

const char *
store_role_name(int role)
{
	int	 i;

	for (i = 0; i < 4; i++)
		if (role == (1 << i))
			return role_names[i];
	return "none";
}

int
store_role_parse(const char *s)
{
	int	 i;

	for (i = 0; s && i < 4; i++)
		if (strcmp(s, role_names[i]) == 0)
			return 1 << i;
	return ROLE_NONE;
}

#define USER_COLS "id, nip, name, role, unit, position, golongan, email, " \
	"nip_atasan, active, CASE WHEN pwhash IS NOT NULL THEN 1 ELSE 0 END," \
	" created_at, pwhash"

static void
user_row(struct db_stmt *s, struct user *u)
{
	char	 role[STORE_ROLE_MAX];

	memset(u, 0, sizeof(*u));
	u->id = db_column_int64(s, 0);
	store_text(s, 1, u->nip, sizeof(u->nip));
	store_text(s, 2, u->name, sizeof(u->name));
	store_text(s, 3, role, sizeof(role));
	u->role = store_role_parse(role);
	store_text(s, 4, u->unit, sizeof(u->unit));
	store_text(s, 5, u->position, sizeof(u->position));
	store_text(s, 6, u->golongan, sizeof(u->golongan));
	store_text(s, 7, u->email, sizeof(u->email));
	store_text(s, 8, u->nip_atasan, sizeof(u->nip_atasan));
	u->active = db_column_int(s, 9);
	u->has_password = db_column_int(s, 10);
	u->created_at = db_column_int64(s, 11);
}

int
store_user_by_nip(struct store *st, const char *nip, struct user *u,
    char *pwhash, size_t pwlen)
{
	struct db_stmt	*s = store_stmt(st, S_USER_BY_NIP,
	    "SELECT " USER_COLS " FROM users WHERE nip = ?");
	int		 rc;

	if (s == NULL)
		return -1;
	db_bind_text(s, 1, nip, -1);
	if ((rc = store_row(st, s, "user by nip")) != 0)
		return rc;
	user_row(s, u);
	if (pwhash != NULL)
		store_text(s, 12, pwhash, pwlen);
	db_reset(s);
	return 0;
}

int
store_user_by_id(struct store *st, int64_t id, struct user *u)
{
	struct db_stmt	*s = store_stmt(st, S_USER_BY_ID,
	    "SELECT " USER_COLS " FROM users WHERE id = ?");
	int		 rc;

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, id);
	if ((rc = store_row(st, s, "user by id")) != 0)
		return rc;
	user_row(s, u);
	db_reset(s);
	return 0;
}

/*
 * The opaque xAPI account id: 16 random bytes in lower-case hex, drawn
 * again in the rare case (about 1 in 300) that it holds a run of 18
 * digits: an LRS's or a DLP scanner's NIP check must never flag it.
 */
#define ACCOUNT_DIGIT_RUN	18	/* nip.h: a NIP's length */

static void
account_id(char out[33])
{
	static const char	 hex[] = "0123456789abcdef";
	unsigned char		 b[16];
	size_t			 i, run, longest;

	do {
		randombytes_buf(b, sizeof(b));
		run = longest = 0;
		for (i = 0; i < sizeof(b); i++) {
			out[2 * i] = hex[b[i] >> 4];
			out[2 * i + 1] = hex[b[i] & 15];
		}
		for (i = 0; i < 32; i++) {
			run = out[i] <= '9' ? run + 1 : 0;
			if (run > longest)
				longest = run;
		}
	} while (longest >= ACCOUNT_DIGIT_RUN);
	out[32] = '\0';
}

int
store_user_insert(struct store *st, const struct user *u, const char *pwhash,
    int64_t *id)
{
	struct db_stmt	*s = store_stmt(st, S_USER_INSERT,
	    "INSERT INTO users (nip, name, role, unit, position, golongan,"
	    " email, nip_atasan, pwhash, active, account_id, created_at,"
	    " updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,1,?10,?11,?11)");
	char		 acct[33];
	int		 rc;

	if (s == NULL)
		return -1;
	account_id(acct);
	db_bind_text(s, 1, u->nip, -1);
	db_bind_text(s, 2, u->name, -1);
	db_bind_text(s, 3, store_role_name(u->role), -1);
	db_bind_text(s, 4, u->unit, -1);
	db_bind_text(s, 5, u->position, -1);
	db_bind_text(s, 6, u->golongan, -1);
	db_bind_text(s, 7, u->email, -1);
	db_bind_text(s, 8, u->nip_atasan, -1);
	if (pwhash)
		db_bind_text(s, 9, pwhash, -1);
	db_bind_text(s, 10, acct, -1);
	db_bind_int64(s, 11, clock_now());
	if ((rc = store_exec_insert(st, s)) != 0)
		return rc;
	if (id)
		*id = db_last_id(st->db);
	/* A new member of someone's team: their navigation changes (an
	   UPDATE of users raises the epoch by trigger, an INSERT does not). */
	return u->nip_atasan[0] != '\0' ? store_perf_bump(st) : 0;
}

static int
user_update(struct store *st, int slot, const char *sql, int64_t id,
    const char *text, int num)
{
	struct db_stmt	*s = store_stmt(st, slot, sql);

	if (s == NULL)
		return -1;
	if (text)
		db_bind_text(s, 1, text, -1);
	else
		db_bind_int(s, 1, num);
	db_bind_int64(s, 2, id);
	db_bind_int64(s, 3, clock_now());
	if (store_exec_write(st, s) == -1)
		return -1;
	return db_changes(st->db) == 1 ? 0 : 1;
}

int
store_user_set_role(struct store *st, int64_t id, int role)
{
	return user_update(st, S_USER_SET_ROLE, "UPDATE users SET role = ?1,"
	    " updated_at = ?3 WHERE id = ?2", id,
	    store_role_name(role), 0);
}

int
store_user_set_active(struct store *st, int64_t id, int active)
{
	return user_update(st, S_USER_SET_ACTIVE, "UPDATE users SET active = ?1,"
	    " updated_at = ?3 WHERE id = ?2", id, NULL, active != 0);
}

int
store_user_set_password(struct store *st, int64_t id, const char *pwhash)
{
	return user_update(st, S_USER_SET_PASSWORD, "UPDATE users SET pwhash = ?1,"
	    " setup_hash = NULL, setup_expires = NULL,"
	    " updated_at = ?3 WHERE id = ?2", id, pwhash, 0);
}

int
store_user_count(struct store *st, int64_t *n)
{
	struct db_stmt	*s = store_stmt(st, S_USER_COUNT,
	    "SELECT count(*) FROM users");

	if (s == NULL || db_step(s) != DB_ROW)
		return -1;
	*n = db_column_int64(s, 0);
	db_reset(s);
	return 0;
}

int
store_user_search(struct store *st, const char *q, int limit,
    void (*fn)(void *, const struct user *), void *arg)
{
	struct db_stmt	*s = store_stmt(st, S_USER_SEARCH,
	    "SELECT " USER_COLS " FROM users WHERE ?1 = ''"
	    " OR nip LIKE ?1 || '%' ESCAPE '\\'"
	    " OR lower(name) LIKE '%' || lower(?1) || '%' ESCAPE '\\'"
	    " ORDER BY name LIMIT ?2");
	struct user	 u;
	char		 esc[2 * STORE_NAME_MAX];
	size_t		 i, j;
	int		 rc;

	if (s == NULL)
		return -1;
	/* LIKE wildcards in the query are literal characters. */
	for (i = j = 0; q && q[i] && j + 2 < sizeof(esc); i++) {
		if (q[i] == '%' || q[i] == '_' || q[i] == '\\')
			esc[j++] = '\\';
		esc[j++] = q[i];
	}
	esc[j] = '\0';
	db_bind_text(s, 1, esc, -1);
	db_bind_int(s, 2, limit);
	while ((rc = db_step(s)) == DB_ROW) {
		user_row(s, &u);
		fn(arg, &u);
	}
	db_reset(s);
	return rc == DB_DONE ? 0 : store_fail(st, "user search");
}

int
store_session_insert(struct store *st, const unsigned char hash[32],
    int64_t user_id, const char *csrf, int64_t now)
{
	struct db_stmt	*s = store_stmt(st, S_SESSION_INSERT,
	    "INSERT INTO sessions (hash, user_id, csrf, created_at, last_seen)"
	    " VALUES (?,?,?,?,?)");

	if (s == NULL)
		return -1;
	db_bind_blob(s, 1, hash, 32);
	db_bind_int64(s, 2, user_id);
	db_bind_text(s, 3, csrf, -1);
	db_bind_int64(s, 4, now);
	db_bind_int64(s, 5, now);
	return store_exec_write(st, s);
}

/* Session and its user in one lookup: this runs on every request. */
int
store_session_user(struct store *st, const unsigned char hash[32],
    struct session *se, struct user *u)
{
	struct db_stmt	*s = store_stmt(st, S_SESSION_USER,
	    "SELECT u.id, u.nip, u.name, u.role, u.unit, u.position,"
	    " u.golongan, u.email, u.nip_atasan, u.active,"
	    " CASE WHEN u.pwhash IS NOT NULL THEN 1 ELSE 0 END,"
	    " u.created_at, NULL,"
	    " s.created_at, s.last_seen, s.csrf"
	    " FROM sessions s JOIN users u ON u.id = s.user_id"
	    " WHERE s.hash = ?");
	int		 rc;

	if (s == NULL)
		return -1;
	db_bind_blob(s, 1, hash, 32);
	if ((rc = store_row(st, s, "session user")) != 0)
		return rc;
	user_row(s, u);
	se->user_id = u->id;
	se->created_at = db_column_int64(s, 13);
	se->last_seen = db_column_int64(s, 14);
	store_text(s, 15, se->csrf, sizeof(se->csrf));
	db_reset(s);
	return 0;
}

static int
session_write(struct store *st, int slot, const char *sql,
    const unsigned char hash[32], int64_t v)
{
	struct db_stmt	*s = store_stmt(st, slot, sql);

	if (s == NULL)
		return -1;
	db_bind_blob(s, 1, hash, 32);
	db_bind_int64(s, 2, v);
	return store_exec_write(st, s);
}

struct touch {
	unsigned char	 hash[32];
	int64_t		 now;
};

static int
touch_job(struct store *w, void *arg)
{
	struct touch	*t = arg;

	return session_write(w, S_SESSION_TOUCH,
	    "UPDATE sessions SET last_seen = ?2 WHERE hash = ?1", t->hash,
	    t->now);
}

/*
 * Queued for the group writer, not waited for: every learner of an
 * exam-morning burst whose session is a minute old touches it on the
 * first request, and as a transaction of its own each touch took the
 * write lock and an fsync in turn, ahead of the group writer (1,000
 * starts in 1 s: p99 1.4-1.6 s with touches, 57-209 ms without). A touch
 * lost in a crash only makes a session look a minute older.
 */
int
store_session_touch(struct store *st, const unsigned char hash[32],
    int64_t now)
{
	struct touch	 t;

	memcpy(t.hash, hash, sizeof(t.hash));
	t.now = now;
	return store_group_async(st, touch_job, &t, sizeof(t));
}

int
store_session_delete(struct store *st, const unsigned char hash[32])
{
	return session_write(st, S_SESSION_DELETE,
	    "DELETE FROM sessions WHERE hash = ?1 AND ?2 = 0", hash, 0);
}

int
store_session_delete_user(struct store *st, int64_t user_id)
{
	struct db_stmt	*s = store_stmt(st, S_SESSION_DELETE_USER,
	    "DELETE FROM sessions WHERE user_id = ?");

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, user_id);
	return store_exec_write(st, s);
}

int
store_session_purge(struct store *st, int64_t idle_before,
    int64_t created_before)
{
	struct db_stmt	*s = store_stmt(st, S_SESSION_PURGE,
	    "DELETE FROM sessions WHERE last_seen < ? OR created_at < ?");

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, idle_before);
	db_bind_int64(s, 2, created_before);
	return store_exec_write(st, s);
}

int
store_audit(struct store *st, int64_t actor, const char *event,
    const char *detail, const char *ip)
{
	struct db_stmt	*s = store_stmt(st, S_AUDIT,
	    "INSERT INTO audit (at, actor_id, event, detail, ip)"
	    " VALUES (?5, ?1, ?2, ?3, ?4)");

	if (s == NULL)
		return -1;
	if (actor > 0)
		db_bind_int64(s, 1, actor);
	db_bind_text(s, 2, event, -1);
	db_bind_text(s, 3, detail ? detail : "", -1);
	db_bind_text(s, 4, ip ? ip : "", -1);
	db_bind_int64(s, 5, clock_now());
	return store_exec_write(st, s);
}

int
store_progress_mark(struct store *st, int64_t user, const char *course,
    const char *module, int64_t now)
{
	struct db_stmt	*s = store_stmt(st, S_PROGRESS_MARK,
	    "INSERT INTO progress (user_id, course, module, done_at)"
	    " VALUES (?,?,?,?) ON CONFLICT DO NOTHING");

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, user);
	db_bind_text(s, 2, course, -1);
	db_bind_text(s, 3, module, -1);
	db_bind_int64(s, 4, now);
	return store_exec_write(st, s);
}

int
store_progress_list(struct store *st, int64_t user, const char *course,
    void (*fn)(void *, const char *, int64_t), void *arg)
{
	struct db_stmt	*s = store_stmt(st, S_PROGRESS_LIST,
	    "SELECT module, done_at FROM progress"
	    " WHERE user_id = ? AND course = ?");
	int		 rc;

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, user);
	db_bind_text(s, 2, course, -1);
	while ((rc = db_step(s)) == DB_ROW)
		fn(arg, db_column_text(s, 0),
		    db_column_int64(s, 1));
	db_reset(s);
	return rc == DB_DONE ? 0 : store_fail(st, "progress list");
}

int
store_progress_first(struct store *st, int64_t user, const char *course,
    int64_t *first_at)
{
	struct db_stmt	*s = store_stmt(st, S_PROGRESS_FIRST,
	    "SELECT min(done_at) FROM progress WHERE user_id = ? AND course = ?");

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, user);
	db_bind_text(s, 2, course, -1);
	if (db_step(s) != DB_ROW)
		return store_fail(st, "progress first");
	*first_at = db_column_int64(s, 0);
	db_reset(s);
	return *first_at ? 0 : 1;
}
