/* store: SQLite connection, schema, users, sessions, audit, progress. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_int.h"
#include "store_pg.h"
#include "log.h"

#define BUSY_TIMEOUT_MS	5000

pthread_mutex_t store_write_mu = PTHREAD_MUTEX_INITIALIZER;

/* One random Crockford base32 symbol (migration 3's trigger). */
#define CODE_SQL " substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) "

/*
 * Migrations: index i brings the schema from user_version i to i+1.
 * Append only; never edit a step that has shipped.
 */
static const char *const migrations[] = {
	/* 1: wave 1 schema */
	"CREATE TABLE users ("
	" id INTEGER PRIMARY KEY,"
	" nip TEXT NOT NULL UNIQUE CHECK (length(nip) = 18),"
	" name TEXT NOT NULL,"
	" role TEXT NOT NULL CHECK (role IN ('learner','trainer','hr','admin')),"
	" unit TEXT NOT NULL DEFAULT '',"
	" position TEXT NOT NULL DEFAULT '',"
	" golongan TEXT NOT NULL DEFAULT '',"
	" email TEXT NOT NULL DEFAULT '',"
	" nip_atasan TEXT NOT NULL DEFAULT '',"
	" pwhash TEXT,"
	" setup_hash BLOB,"
	" setup_expires INTEGER,"
	" active INTEGER NOT NULL DEFAULT 1,"
	" account_id TEXT NOT NULL UNIQUE,"	/* opaque id for xAPI */
	" created_at INTEGER NOT NULL,"
	" updated_at INTEGER NOT NULL);"
	"CREATE INDEX users_unit ON users(unit);"
	"CREATE TABLE sessions ("
	" hash BLOB PRIMARY KEY,"
	" user_id INTEGER NOT NULL REFERENCES users(id),"
	" csrf TEXT NOT NULL,"
	" created_at INTEGER NOT NULL,"
	" last_seen INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE INDEX sessions_user ON sessions(user_id);"
	"CREATE TABLE audit ("
	" id INTEGER PRIMARY KEY,"
	" at INTEGER NOT NULL,"
	" actor_id INTEGER,"
	" event TEXT NOT NULL,"
	" detail TEXT NOT NULL DEFAULT '',"
	" ip TEXT NOT NULL DEFAULT '');"
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	" BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	" BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;"
	"CREATE TABLE progress ("
	" user_id INTEGER NOT NULL REFERENCES users(id),"
	" course TEXT NOT NULL,"
	" module TEXT NOT NULL,"
	" done_at INTEGER NOT NULL,"
	" PRIMARY KEY (user_id, course, module)) WITHOUT ROWID;"
	"CREATE TABLE attempts ("
	" id INTEGER PRIMARY KEY,"
	" user_id INTEGER NOT NULL REFERENCES users(id),"
	" course TEXT NOT NULL,"
	" quiz TEXT NOT NULL,"		/* quiz file name within the course */
	" attempt_no INTEGER NOT NULL,"
	" seed INTEGER NOT NULL,"
	" ids TEXT NOT NULL,"		/* question ids in shown order, space-separated */
	" snapshot TEXT NOT NULL,"	/* what was shown, JSON, no answers */
	" started_at INTEGER NOT NULL,"
	" deadline INTEGER,"		/* NULL: no time limit */
	" submitted_at INTEGER,"
	" responses TEXT,"		/* raw form body as submitted */
	" score REAL, max REAL, percent REAL, passed INTEGER,"
	" UNIQUE (user_id, course, quiz, attempt_no));"
	"CREATE INDEX attempts_quiz ON attempts(course, quiz, submitted_at);"
	"CREATE TABLE marks ("
	" attempt_id INTEGER NOT NULL REFERENCES attempts(id),"
	" pos INTEGER NOT NULL,"
	" qid TEXT NOT NULL,"
	" score REAL NOT NULL,"
	" points REAL NOT NULL,"
	" correct INTEGER NOT NULL,"
	" PRIMARY KEY (attempt_id, pos)) WITHOUT ROWID;"
	"CREATE TABLE completions ("
	" id INTEGER PRIMARY KEY,"
	" user_id INTEGER NOT NULL REFERENCES users(id),"
	" course TEXT NOT NULL,"
	" course_title TEXT NOT NULL,"
	" competency TEXT NOT NULL,"
	" competency_type TEXT NOT NULL,"
	" level INTEGER NOT NULL,"
	" jp INTEGER NOT NULL,"
	" started_at INTEGER NOT NULL,"
	" completed_at INTEGER NOT NULL,"
	" year INTEGER NOT NULL,"
	" score REAL,"
	" cert_no TEXT UNIQUE,"
	" cert_payload TEXT,"
	" cert_sig TEXT,"
	" UNIQUE (user_id, course));"
	"CREATE INDEX completions_year ON completions(year, user_id);"
	"CREATE TABLE tokens ("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL UNIQUE,"
	" hash BLOB NOT NULL UNIQUE,"
	" created_at INTEGER NOT NULL,"
	" revoked_at INTEGER);"
	"CREATE TABLE counters ("
	" name TEXT PRIMARY KEY,"
	" value INTEGER NOT NULL) WITHOUT ROWID;",
	/* Steps 2..9 are reserved, one per branch of this wave, so parallel
	   work merges without renumbering; an unused one stays "" (no-op).
	   Index steps say IF NOT EXISTS: a database taken back to an earlier
	   user_version (as a test of step 3 does) runs them again. */
	/* 2: edge (login throttle): failure counters by key, "n:NIP" and
	   "a:ADDRESS" (store_throttle.c); rows quiet for 15 min are purged. */
	"CREATE TABLE IF NOT EXISTS throttle ("
	" key TEXT PRIMARY KEY,"
	" fails INTEGER NOT NULL,"
	" last_at INTEGER NOT NULL,"	/* last counted failure */
	" noted_at INTEGER NOT NULL DEFAULT 0);"	/* last refusal audited */
	"CREATE INDEX IF NOT EXISTS throttle_last ON throttle(last_at);",
	/* 3: certs (verification codes). verify_code: the random code that
	   /verify asks for (canonical Crockford base32, printed on the
	   certificate, so stored as is: a reader of this file sees the
	   holders' data anyway). holder_name: the name the certificate was
	   issued to (a later roster rename must not void it), taken from
	   the signed payload of earlier certificates. Codes of earlier
	   certificates are filled in at start-up from libsodium
	   (verify_backfill); the server always inserts one of its own; the
	   trigger gives one (SQLite's OS-seeded randomness) to a
	   certificate row inserted by any other path, so none lacks one. */
	"ALTER TABLE completions ADD COLUMN verify_code TEXT;"
	"ALTER TABLE completions ADD COLUMN holder_name TEXT;"
	"UPDATE completions SET holder_name = coalesce("
	" CASE WHEN json_valid(cert_payload)"
	" THEN json_extract(cert_payload, '$.name') END,"
	" (SELECT u.name FROM users u WHERE u.id = completions.user_id));"
	"CREATE TRIGGER completions_need_code AFTER INSERT ON completions"
	" WHEN NEW.cert_no IS NOT NULL AND (NEW.verify_code IS NULL"
	" OR length(NEW.verify_code) <> 16)"
	" BEGIN UPDATE completions SET verify_code = "
	CODE_SQL "||" CODE_SQL "||" CODE_SQL "||" CODE_SQL "||"
	CODE_SQL "||" CODE_SQL "||" CODE_SQL "||" CODE_SQL "||"
	CODE_SQL "||" CODE_SQL "||" CODE_SQL "||" CODE_SQL "||"
	CODE_SQL "||" CODE_SQL "||" CODE_SQL "||" CODE_SQL
	" WHERE id = NEW.id; END;",
	/* 4: learner (home page and grades: a user's attempts, newest first) */
	"CREATE INDEX IF NOT EXISTS attempts_user_started ON attempts(user_id, started_at);",
	/* 5: hrdash */
	"",
	/* 6: hradmin (audit log filters: event and actor, newest first) */
	"CREATE INDEX IF NOT EXISTS audit_event ON audit(event);"
	"CREATE INDEX IF NOT EXISTS audit_actor ON audit(actor_id);"
	"CREATE INDEX IF NOT EXISTS audit_at ON audit(at);",
	/* 7: sandbox / assets */
	"",
	/* 8: xapi (statement pages walk each table in time order) */
	"CREATE INDEX IF NOT EXISTS completions_at ON completions(completed_at);"
	"CREATE INDEX IF NOT EXISTS attempts_submitted ON attempts(submitted_at);",
	/* 9: certpdf (agency settings) */
	"CREATE TABLE IF NOT EXISTS settings ("
	" key TEXT PRIMARY KEY,"
	" value TEXT NOT NULL,"
	" updated_at INTEGER NOT NULL,"
	" updated_by INTEGER REFERENCES users(id)) WITHOUT ROWID;",
	/* 10: siasn (training history export, store_siasn.h): SIASN's
	   person id per ASN, kept apart from the NIP (a 1:1 table, not an
	   ALTER TABLE users: the step stays re-runnable, and a database
	   taken back to an earlier user_version runs it again); one row per
	   batch; per ledger entry the hash of the payload last sent, when,
	   in which batch, and the SIASN riwayat id HR recorded back. */
	"CREATE TABLE IF NOT EXISTS siasn_person ("
	" user_id INTEGER PRIMARY KEY REFERENCES users(id),"
	" pns_orang_id TEXT NOT NULL);"
	"CREATE TABLE IF NOT EXISTS siasn_batch ("
	" id INTEGER PRIMARY KEY,"
	" created_at INTEGER NOT NULL,"
	" actor_id INTEGER REFERENCES users(id),"
	" filters TEXT NOT NULL,"
	" fname TEXT NOT NULL,"
	" entries INTEGER NOT NULL,"
	" warnings INTEGER NOT NULL);"
	"CREATE TABLE IF NOT EXISTS siasn_export ("
	" completion_id INTEGER PRIMARY KEY REFERENCES completions(id),"
	" hash BLOB NOT NULL,"
	" exported_at INTEGER NOT NULL,"
	" batch_id INTEGER NOT NULL REFERENCES siasn_batch(id),"
	" sends INTEGER NOT NULL DEFAULT 1,"
	" siasn_id TEXT,"
	" recorded_at INTEGER);"
	"CREATE INDEX IF NOT EXISTS siasn_export_batch ON siasn_export(batch_id);",
	/* 11: ledger */
	"",
	/* 12: eval */
	"",
	/* 13: plana */
	"",
	/* 14: planb */
	"",
	/* 15: perf */
	"",
	/* 16: seam */
	"",
	/* 17: edge */
	"",
};
#define NMIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

static int
configure(sqlite3 *db)
{
	static const char pragmas[] =
	    "PRAGMA journal_mode=WAL;"
	    "PRAGMA synchronous=FULL;"
	    "PRAGMA foreign_keys=ON;"
	    "PRAGMA temp_store=MEMORY;"
	    "PRAGMA cache_size=-1024;";	/* KiB per connection: 32 workers */

	sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
	return sqlite3_exec(db, pragmas, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

int
store_open(const char *path, struct store **out)
{
	struct store	*st;

	*out = NULL;
	/* A postgres:// URL is never a file name: the PostgreSQL store
	   driver (server/store/pg) takes it once it implements db.h. */
	if (store_pg_is_url(path)) {
		log_warnx("store: %s: the PostgreSQL store driver is not in "
		    "this build yet (the schema is: lentera migrate)",
		    "postgres");
		return -1;
	}
	if ((st = calloc(1, sizeof(*st))) == NULL)
		return -1;
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		log_warnx("store: open %s: %s", path,
		    st->db ? sqlite3_errmsg(st->db) : "out of memory");
		goto err;
	}
	if (configure(st->db) == -1) {
		log_warnx("store: configure %s: %s", path,
		    sqlite3_errmsg(st->db));
		goto err;
	}
	*out = st;
	return 0;
err:
	sqlite3_close(st->db);
	free(st);
	return -1;
}

void
store_close(struct store *st)
{
	int	 i;

	if (st == NULL)
		return;
	for (i = 0; i < STORE_SLOTS; i++)
		sqlite3_finalize(st->stmt[i]);
	sqlite3_close(st->db);
	free(st);
}

int
store_migrate(const char *path)
{
	struct store	*st;
	sqlite3_stmt	*s = NULL;
	int		 v, rc = -1;

	if (store_open(path, &st) == -1)
		return -1;
	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s,
	    NULL) != SQLITE_OK || sqlite3_step(s) != SQLITE_ROW)
		goto err;
	v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	s = NULL;
	if (v > NMIGRATIONS) {
		log_warnx("store: %s has schema %d, newer than this binary (%d)",
		    path, v, NMIGRATIONS);
		goto err;
	}
	for (; v < NMIGRATIONS; v++) {
		char	 sql[64];

		snprintf(sql, sizeof(sql), "PRAGMA user_version=%d", v + 1);
		if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", 0, 0, 0) != SQLITE_OK ||
		    sqlite3_exec(st->db, migrations[v], 0, 0, 0) != SQLITE_OK ||
		    sqlite3_exec(st->db, sql, 0, 0, 0) != SQLITE_OK ||
		    sqlite3_exec(st->db, "COMMIT", 0, 0, 0) != SQLITE_OK) {
			log_warnx("store: migration %d: %s", v + 1,
			    sqlite3_errmsg(st->db));
			sqlite3_exec(st->db, "ROLLBACK", 0, 0, 0);
			goto err;
		}
	}
	rc = 0;
err:
	sqlite3_finalize(s);
	store_close(st);
	return rc;
}

sqlite3_stmt *
store_stmt(struct store *st, int slot, const char *sql)
{
	sqlite3_stmt	*s = st->stmt[slot];

	if (s == NULL) {
		/* Slots are numbered by hand per file: two statements sharing
		   one would silently run each other's SQL. Refuse loudly. */
		static const char *slot_sql[STORE_SLOTS];
		const char *prev = __atomic_load_n(&slot_sql[slot],
		    __ATOMIC_ACQUIRE);

		if (prev == NULL)
			__atomic_store_n(&slot_sql[slot], sql, __ATOMIC_RELEASE);
		else if (prev != sql && strcmp(prev, sql) != 0) {
			log_warnx("store: slot %d holds two statements: %s | %s",
			    slot, prev, sql);
			abort();
		}
		if (sqlite3_prepare_v3(st->db, sql, -1,
		    SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK) {
			log_warnx("store: prepare: %s: %s",
			    sqlite3_errmsg(st->db), sql);
			return NULL;
		}
		st->stmt[slot] = s;
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return s;
}

int
store_fail(struct store *st, const char *what)
{
	log_warnx("store: %s: %s", what, sqlite3_errmsg(st->db));
	return -1;
}

int
store_row(struct store *st, sqlite3_stmt *s, const char *what)
{
	int	 rc;

	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return 1;
	return store_fail(st, what);
}

void
store_text(sqlite3_stmt *s, int col, char *dst, size_t len)
{
	const unsigned char *t = sqlite3_column_text(s, col);

	snprintf(dst, len, "%s", t ? (const char *)t : "");
}

int
store_begin(struct store *st)
{
	pthread_mutex_lock(&store_write_mu);
	if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", 0, 0, 0) != SQLITE_OK) {
		store_fail(st, "begin");
		pthread_mutex_unlock(&store_write_mu);
		return -1;
	}
	st->in_tx = 1;
	return 0;
}

static void
end_tx(struct store *st)
{
	st->in_tx = 0;
	pthread_mutex_unlock(&store_write_mu);
}

int
store_commit(struct store *st)
{
	int	 rc = 0;

	if (sqlite3_exec(st->db, "COMMIT", 0, 0, 0) != SQLITE_OK) {
		rc = store_fail(st, "commit");
		sqlite3_exec(st->db, "ROLLBACK", 0, 0, 0);
	}
	end_tx(st);
	return rc;
}

void
store_rollback(struct store *st)
{
	sqlite3_exec(st->db, "ROLLBACK", 0, 0, 0);
	end_tx(st);
}

int
store_exec_write(struct store *st, sqlite3_stmt *s)
{
	int	 rc, own = !st->in_tx;

	if (s == NULL)
		return -1;
	if (own)
		pthread_mutex_lock(&store_write_mu);
	rc = sqlite3_step(s);
	if (own)
		pthread_mutex_unlock(&store_write_mu);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail(st, "write");
	sqlite3_reset(s);
	return 0;
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
	"nip_atasan, active, pwhash IS NOT NULL, created_at, pwhash"

static void
user_row(sqlite3_stmt *s, struct user *u)
{
	char	 role[STORE_ROLE_MAX];

	memset(u, 0, sizeof(*u));
	u->id = sqlite3_column_int64(s, 0);
	store_text(s, 1, u->nip, sizeof(u->nip));
	store_text(s, 2, u->name, sizeof(u->name));
	store_text(s, 3, role, sizeof(role));
	u->role = store_role_parse(role);
	store_text(s, 4, u->unit, sizeof(u->unit));
	store_text(s, 5, u->position, sizeof(u->position));
	store_text(s, 6, u->golongan, sizeof(u->golongan));
	store_text(s, 7, u->email, sizeof(u->email));
	store_text(s, 8, u->nip_atasan, sizeof(u->nip_atasan));
	u->active = sqlite3_column_int(s, 9);
	u->has_password = sqlite3_column_int(s, 10);
	u->created_at = sqlite3_column_int64(s, 11);
}

int
store_user_by_nip(struct store *st, const char *nip, struct user *u,
    char *pwhash, size_t pwlen)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_CORE + 1,
	    "SELECT " USER_COLS " FROM users WHERE nip = ?");
	int		 rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, nip, -1, SQLITE_STATIC);
	if ((rc = store_row(st, s, "user by nip")) != 0)
		return rc;
	user_row(s, u);
	if (pwhash != NULL)
		store_text(s, 12, pwhash, pwlen);
	sqlite3_reset(s);
	return 0;
}

int
store_user_by_id(struct store *st, int64_t id, struct user *u)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_CORE + 2,
	    "SELECT " USER_COLS " FROM users WHERE id = ?");
	int		 rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = store_row(st, s, "user by id")) != 0)
		return rc;
	user_row(s, u);
	sqlite3_reset(s);
	return 0;
}

int
store_user_insert(struct store *st, const struct user *u, const char *pwhash,
    int64_t *id)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_CORE + 3,
	    "INSERT INTO users (nip, name, role, unit, position, golongan,"
	    " email, nip_atasan, pwhash, active, account_id, created_at,"
	    " updated_at) VALUES (?,?,?,?,?,?,?,?,?,1,"
	    " lower(hex(randomblob(16))), unixepoch(), unixepoch())");

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, u->nip, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, u->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, store_role_name(u->role), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, u->unit, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, u->position, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, u->golongan, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, u->email, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, u->nip_atasan, -1, SQLITE_STATIC);
	if (pwhash)
		sqlite3_bind_text(s, 9, pwhash, -1, SQLITE_STATIC);
	if (store_exec_write(st, s) == -1)
		return -1;
	if (id)
		*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

static int
user_update(struct store *st, int slot, const char *sql, int64_t id,
    const char *text, int num)
{
	sqlite3_stmt	*s = store_stmt(st, slot, sql);

	if (s == NULL)
		return -1;
	if (text)
		sqlite3_bind_text(s, 1, text, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int(s, 1, num);
	sqlite3_bind_int64(s, 2, id);
	if (store_exec_write(st, s) == -1)
		return -1;
	return sqlite3_changes(st->db) == 1 ? 0 : 1;
}

int
store_user_set_role(struct store *st, int64_t id, int role)
{
	return user_update(st, SLOT_CORE + 4, "UPDATE users SET role = ?,"
	    " updated_at = unixepoch() WHERE id = ?", id,
	    store_role_name(role), 0);
}

int
store_user_set_active(struct store *st, int64_t id, int active)
{
	return user_update(st, SLOT_CORE + 5, "UPDATE users SET active = ?,"
	    " updated_at = unixepoch() WHERE id = ?", id, NULL, active != 0);
}

int
store_user_set_password(struct store *st, int64_t id, const char *pwhash)
{
	return user_update(st, SLOT_CORE + 6, "UPDATE users SET pwhash = ?,"
	    " setup_hash = NULL, setup_expires = NULL,"
	    " updated_at = unixepoch() WHERE id = ?", id, pwhash, 0);
}

int
store_user_count(struct store *st, int64_t *n)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_CORE + 7,
	    "SELECT count(*) FROM users");

	if (s == NULL || sqlite3_step(s) != SQLITE_ROW)
		return -1;
	*n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return 0;
}

int
store_user_search(struct store *st, const char *q, int limit,
    void (*fn)(void *, const struct user *), void *arg)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_CORE + 8,
	    "SELECT " USER_COLS " FROM users WHERE ?1 = ''"
	    " OR nip LIKE ?1 || '%' ESCAPE '\\'"
	    " OR name LIKE '%' || ?1 || '%' ESCAPE '\\'"
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
	sqlite3_bind_text(s, 1, esc, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, limit);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		user_row(s, &u);
		fn(arg, &u);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, "user search");
}

int
store_session_insert(struct store *st, const unsigned char hash[32],
    int64_t user_id, const char *csrf, int64_t now)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_CORE + 10,
	    "INSERT INTO sessions (hash, user_id, csrf, created_at, last_seen)"
	    " VALUES (?,?,?,?,?)");

	if (s == NULL)
		return -1;
	sqlite3_bind_blob(s, 1, hash, 32, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, user_id);
	sqlite3_bind_text(s, 3, csrf, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, now);
	sqlite3_bind_int64(s, 5, now);
	return store_exec_write(st, s);
}

/* Session and its user in one lookup: this runs on every request. */
int
store_session_user(struct store *st, const unsigned char hash[32],
    struct session *se, struct user *u)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_CORE + 23,
	    "SELECT u.id, u.nip, u.name, u.role, u.unit, u.position,"
	    " u.golongan, u.email, u.nip_atasan, u.active,"
	    " u.pwhash IS NOT NULL, u.created_at, NULL,"
	    " s.created_at, s.last_seen, s.csrf"
	    " FROM sessions s JOIN users u ON u.id = s.user_id"
	    " WHERE s.hash = ?");
	int		 rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_blob(s, 1, hash, 32, SQLITE_STATIC);
	if ((rc = store_row(st, s, "session user")) != 0)
		return rc;
	user_row(s, u);
	se->user_id = u->id;
	se->created_at = sqlite3_column_int64(s, 13);
	se->last_seen = sqlite3_column_int64(s, 14);
	store_text(s, 15, se->csrf, sizeof(se->csrf));
	sqlite3_reset(s);
	return 0;
}

static int
session_write(struct store *st, int slot, const char *sql,
    const unsigned char hash[32], int64_t v)
{
	sqlite3_stmt	*s = store_stmt(st, slot, sql);

	if (s == NULL)
		return -1;
	sqlite3_bind_blob(s, 1, hash, 32, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, v);
	return store_exec_write(st, s);
}

int
store_session_touch(struct store *st, const unsigned char hash[32],
    int64_t now)
{
	return session_write(st, SLOT_CORE + 12,
	    "UPDATE sessions SET last_seen = ?2 WHERE hash = ?1", hash, now);
}

int
store_session_delete(struct store *st, const unsigned char hash[32])
{
	return session_write(st, SLOT_CORE + 13,
	    "DELETE FROM sessions WHERE hash = ?1 AND ?2 = 0", hash, 0);
}

int
store_session_delete_user(struct store *st, int64_t user_id)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_CORE + 14,
	    "DELETE FROM sessions WHERE user_id = ?");

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, user_id);
	return store_exec_write(st, s);
}

int
store_session_purge(struct store *st, int64_t idle_before,
    int64_t created_before)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_CORE + 15,
	    "DELETE FROM sessions WHERE last_seen < ? OR created_at < ?");

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, idle_before);
	sqlite3_bind_int64(s, 2, created_before);
	return store_exec_write(st, s);
}

int
store_audit(struct store *st, int64_t actor, const char *event,
    const char *detail, const char *ip)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_CORE + 16,
	    "INSERT INTO audit (at, actor_id, event, detail, ip)"
	    " VALUES (unixepoch(), ?, ?, ?, ?)");

	if (s == NULL)
		return -1;
	if (actor > 0)
		sqlite3_bind_int64(s, 1, actor);
	sqlite3_bind_text(s, 2, event, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, detail ? detail : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, ip ? ip : "", -1, SQLITE_STATIC);
	return store_exec_write(st, s);
}

int
store_progress_mark(struct store *st, int64_t user, const char *course,
    const char *module, int64_t now)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_CORE + 20,
	    "INSERT INTO progress (user_id, course, module, done_at)"
	    " VALUES (?,?,?,?) ON CONFLICT DO NOTHING");

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, user);
	sqlite3_bind_text(s, 2, course, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, module, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, now);
	return store_exec_write(st, s);
}

int
store_progress_list(struct store *st, int64_t user, const char *course,
    void (*fn)(void *, const char *, int64_t), void *arg)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_CORE + 21,
	    "SELECT module, done_at FROM progress"
	    " WHERE user_id = ? AND course = ?");
	int		 rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, user);
	sqlite3_bind_text(s, 2, course, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		fn(arg, (const char *)sqlite3_column_text(s, 0),
		    sqlite3_column_int64(s, 1));
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, "progress list");
}

int
store_progress_first(struct store *st, int64_t user, const char *course,
    int64_t *first_at)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_CORE + 22,
	    "SELECT min(done_at) FROM progress WHERE user_id = ? AND course = ?");

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, user);
	sqlite3_bind_text(s, 2, course, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_ROW)
		return store_fail(st, "progress first");
	*first_at = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return *first_at ? 0 : 1;
}
