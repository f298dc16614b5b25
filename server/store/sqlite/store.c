/*
 * store (SQLite): the schema, as migration steps of SQLite DDL. The
 * store files (server/store/) and the driver (db_sqlite.c) are apart;
 * a second backend has a file like this one with the same steps in its
 * own dialect, numbered the same way.
 */
#include "db_int.h"

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

int
sqlite_migrations(const char *const **steps)
{
	*steps = migrations;
	return NMIGRATIONS;
}
