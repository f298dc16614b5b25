/*
 * store (SQLite): the schema, as migration steps of SQLite DDL. The
 * store files (server/store/) and the driver (db_sqlite.c) are apart;
 * a second backend has a file like this one with the same steps in its
 * own dialect, numbered the same way.
 */
#include "db_int.h"
#include "schema_agg.h"
#include "schema_plan.h"

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
	/* 11: ledger (store_ledger.h): one row per learning that earns JP,
	   by source, with its status and the rule that credited it; JP in
	   hundredths. Existing completions become approved e-learning
	   entries credited by the shipped e-learning rule (its ref as of
	   this step: the JP stated by the course, 45 minutes a JP). The
	   employee type per user (pns, pppk), 1:1 with users (no row:
	   pns), kept apart from users so the step stays re-runnable. */
	"CREATE TABLE IF NOT EXISTS ledger ("
	" id INTEGER PRIMARY KEY,"
	" user_id INTEGER NOT NULL REFERENCES users(id),"
	" source TEXT NOT NULL CHECK (source IN ('elearning','mentoring',"
	"'coaching','classroom','external')),"
	" kind TEXT NOT NULL,"		/* jprules form code */
	" ref_id INTEGER NOT NULL,"	/* the source's row */
	" title TEXT NOT NULL,"
	" course TEXT NOT NULL DEFAULT '',"
	" competency_type TEXT NOT NULL DEFAULT '',"
	" at INTEGER NOT NULL,"
	" year INTEGER NOT NULL,"
	" cjp INTEGER NOT NULL CHECK (cjp >= 0),"
	" status TEXT NOT NULL CHECK (status IN ('pending','approved',"
	"'returned')),"
	" rule_ref TEXT NOT NULL,"
	" note TEXT NOT NULL DEFAULT '',"
	" created_at INTEGER NOT NULL,"
	" updated_at INTEGER NOT NULL,"
	" UNIQUE (source, ref_id));"
	"CREATE INDEX IF NOT EXISTS ledger_year ON ledger(year, user_id);"
	"CREATE INDEX IF NOT EXISTS ledger_user ON ledger(user_id, at);"
	"CREATE INDEX IF NOT EXISTS ledger_updated ON ledger(updated_at);"	/* xAPI */
	"INSERT INTO ledger (user_id, source, kind, ref_id, title, course,"
	" competency_type, at, year, cjp, status, rule_ref, note, created_at,"
	" updated_at) SELECT c.user_id, 'elearning', 'e-learning', c.id,"
	" c.course_title, c.course, c.competency_type, c.completed_at, c.year,"
	" c.jp * 100, 'approved', 'e-learning@c21f70aa', '', c.completed_at,"
	" c.completed_at FROM completions c WHERE c.id > 0"
	" ON CONFLICT (source, ref_id) DO NOTHING;"
	/* Every completions row has its entry, whatever inserted it (the
	   server writes its own in the same transaction, naming the rule in
	   force; this covers rows written by any other path). */
	"CREATE TRIGGER IF NOT EXISTS completions_ledger AFTER INSERT ON"
	" completions BEGIN INSERT INTO ledger (user_id, source, kind, ref_id,"
	" title, course, competency_type, at, year, cjp, status, rule_ref,"
	" note, created_at, updated_at) VALUES (NEW.user_id, 'elearning',"
	" 'e-learning', NEW.id, NEW.course_title, NEW.course,"
	" NEW.competency_type, NEW.completed_at, NEW.year, NEW.jp * 100,"
	" 'approved', 'e-learning@c21f70aa', '', NEW.completed_at,"
	" NEW.completed_at) ON CONFLICT (source, ref_id) DO NOTHING; END;"
	"CREATE INDEX IF NOT EXISTS users_atasan ON users(nip_atasan);"	/* Tim saya */
	"CREATE TABLE IF NOT EXISTS employee_type ("
	" user_id INTEGER PRIMARY KEY REFERENCES users(id),"
	" kind TEXT NOT NULL);"
	/* Learning recorded outside the courses (store_learnrec.h): a
	   mentoring or coaching session, classroom or external training,
	   with its evidence file (random name under the data folder) and
	   its review stage; its ledger entry is (source, id). */
	"CREATE TABLE IF NOT EXISTS learn_record ("
	" id INTEGER PRIMARY KEY,"
	" user_id INTEGER NOT NULL REFERENCES users(id),"
	" source TEXT NOT NULL CHECK (source IN ('mentoring','coaching',"
	"'classroom','external')),"
	" kind TEXT NOT NULL,"
	" title TEXT NOT NULL,"
	" provider TEXT NOT NULL DEFAULT '',"
	" mentor_id INTEGER REFERENCES users(id),"
	" start_at INTEGER NOT NULL,"
	" end_at INTEGER NOT NULL,"
	" minutes INTEGER NOT NULL DEFAULT 0,"
	" stated_cjp INTEGER NOT NULL DEFAULT 0,"
	" cert_no TEXT NOT NULL DEFAULT '',"
	" mode TEXT NOT NULL DEFAULT '',"
	" competency TEXT NOT NULL DEFAULT '',"
	" notes TEXT NOT NULL DEFAULT '',"
	" rtl TEXT NOT NULL DEFAULT '',"
	" rtl_due INTEGER NOT NULL DEFAULT 0,"
	" stage TEXT NOT NULL CHECK (stage IN ('submitted','confirmed',"
	"'approved','returned')),"
	" evidence TEXT NOT NULL DEFAULT '',"
	" evidence_type TEXT NOT NULL DEFAULT '',"
	" evidence_size INTEGER NOT NULL DEFAULT 0,"
	" reviewer_id INTEGER REFERENCES users(id),"
	" note TEXT NOT NULL DEFAULT '',"
	" programme_id INTEGER,"		/* the pairing it belongs to */
	" created_at INTEGER NOT NULL,"
	" updated_at INTEGER NOT NULL);"
	"CREATE TABLE IF NOT EXISTS programme ("
	" id INTEGER PRIMARY KEY,"
	" kind TEXT NOT NULL CHECK (kind IN ('mentoring','coaching')),"
	" name TEXT NOT NULL,"
	" focus TEXT NOT NULL DEFAULT '',"
	" start_at INTEGER NOT NULL,"
	" end_at INTEGER NOT NULL,"
	" owner_id INTEGER NOT NULL REFERENCES users(id),"
	" created_at INTEGER NOT NULL);"
	"CREATE TABLE IF NOT EXISTS programme_pair ("
	" programme_id INTEGER NOT NULL REFERENCES programme(id),"
	" mentee_id INTEGER NOT NULL REFERENCES users(id),"
	" mentor_id INTEGER NOT NULL REFERENCES users(id),"
	" created_at INTEGER NOT NULL,"
	" PRIMARY KEY (programme_id, mentee_id));"
	"CREATE INDEX IF NOT EXISTS programme_pair_mentor ON"
	" programme_pair(mentor_id);"
	"CREATE INDEX IF NOT EXISTS programme_pair_mentee ON"
	" programme_pair(mentee_id);"
	"CREATE INDEX IF NOT EXISTS learn_record_user ON learn_record(user_id);"
	"CREATE INDEX IF NOT EXISTS learn_record_mentor ON learn_record(mentor_id);"
	"CREATE INDEX IF NOT EXISTS learn_record_cert ON learn_record(cert_no);"
	"CREATE INDEX IF NOT EXISTS learn_record_stage ON learn_record(stage);",
	/* 12: eval (docs/evaluation.md). Level 1 is kept apart from who
	   answered: eval_reaction_done says a learner answered a course
	   (once: its key), eval_reaction holds the answers with a random id
	   and no user, time, order, unit or year: only the course version. batch is NULL until EVAL_BATCH answers of the
	   course version are pending, then they are released together, so
	   what a trainer sees changes only by whole batches. Level 3: one
	   row per completion and role (learner | atasan). eval_note: what a
	   trainer changed, tied to a course version. */
	"CREATE TABLE IF NOT EXISTS eval_reaction_done ("
	" user_id INTEGER NOT NULL REFERENCES users(id),"
	" course TEXT NOT NULL,"
	" at INTEGER NOT NULL,"
	" PRIMARY KEY (user_id, course)) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS eval_reaction ("
	" id INTEGER PRIMARY KEY,"
	" course TEXT NOT NULL,"
	" version TEXT NOT NULL,"
	" scale_max INTEGER NOT NULL CHECK (scale_max IN (4, 5)),"
	" batch INTEGER);"
	"CREATE INDEX IF NOT EXISTS eval_reaction_course"
	" ON eval_reaction(course, version);"
	"CREATE TABLE IF NOT EXISTS eval_answer ("
	" reaction_id INTEGER NOT NULL REFERENCES eval_reaction(id),"
	" qid TEXT NOT NULL,"
	" block TEXT NOT NULL,"
	" kind TEXT NOT NULL CHECK (kind IN ('scale','choice','text')),"
	" value INTEGER,"
	" text TEXT,"
	" PRIMARY KEY (reaction_id, qid)) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS eval_followup ("
	" user_id INTEGER NOT NULL REFERENCES users(id),"
	" course TEXT NOT NULL,"
	" role TEXT NOT NULL CHECK (role IN ('learner','atasan')),"
	" responder_id INTEGER NOT NULL REFERENCES users(id),"
	" at INTEGER NOT NULL,"
	" change INTEGER CHECK (change BETWEEN 1 AND 4),"
	" applied TEXT NOT NULL DEFAULT '',"
	" example TEXT NOT NULL DEFAULT '',"
	" PRIMARY KEY (user_id, course, role)) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS eval_note ("
	" id INTEGER PRIMARY KEY,"
	" course TEXT NOT NULL,"
	" version TEXT NOT NULL,"
	" at INTEGER NOT NULL,"
	" author_id INTEGER NOT NULL REFERENCES users(id),"
	" body TEXT NOT NULL);"
	"CREATE INDEX IF NOT EXISTS eval_note_course ON eval_note(course, at);"
	/* An atasan's team (the home page's reminder, /evaluasi). */
	"CREATE INDEX IF NOT EXISTS users_nip_atasan ON users(nip_atasan);",
	/* 13: plana (planning part A): schema_plan.h */
	PLAN_MIGRATION,
	/* 14: planb (needs surveys, IDPs, budget, assignments, outbox;
	   store_planb.h). Dates a person sets (target, due) are WIB
	   yyyy-mm-dd text; times are Unix seconds. */
	"CREATE TABLE IF NOT EXISTS survey_round ("
	" id INTEGER PRIMARY KEY,"
	" year INTEGER NOT NULL,"
	" title TEXT NOT NULL,"
	" opens_at INTEGER NOT NULL,"
	" closes_at INTEGER NOT NULL,"
	" created_by INTEGER REFERENCES users(id),"
	" created_at INTEGER NOT NULL);"
	"CREATE TABLE IF NOT EXISTS survey_answer ("
	" round_id INTEGER NOT NULL REFERENCES survey_round(id),"
	" user_id INTEGER NOT NULL REFERENCES users(id),"
	" by_atasan INTEGER NOT NULL,"
	" competency TEXT NOT NULL,"
	" ctype TEXT NOT NULL,"
	" level INTEGER NOT NULL,"
	" need TEXT NOT NULL,"
	" assessor_id INTEGER NOT NULL REFERENCES users(id),"
	" answered_at INTEGER NOT NULL,"
	" PRIMARY KEY (round_id, user_id, by_atasan, competency));"
	"CREATE INDEX IF NOT EXISTS survey_answer_user ON survey_answer(user_id);"
	"CREATE TABLE IF NOT EXISTS survey_unit ("
	" round_id INTEGER NOT NULL REFERENCES survey_round(id),"
	" unit TEXT NOT NULL,"
	" PRIMARY KEY (round_id, unit));"
	"CREATE TABLE IF NOT EXISTS idp ("
	" id INTEGER PRIMARY KEY,"
	" user_id INTEGER NOT NULL REFERENCES users(id),"
	" year INTEGER NOT NULL,"
	" status TEXT NOT NULL,"
	" note TEXT NOT NULL DEFAULT '',"
	" updated_at INTEGER NOT NULL,"
	" decided_by INTEGER REFERENCES users(id),"
	" decided_at INTEGER,"
	" UNIQUE (user_id, year));"
	"CREATE INDEX IF NOT EXISTS idp_year_status ON idp(year, status);"
	"CREATE TABLE IF NOT EXISTS idp_item ("
	" id INTEGER PRIMARY KEY,"
	" idp_id INTEGER NOT NULL REFERENCES idp(id),"
	" competency TEXT NOT NULL,"
	" ctype TEXT NOT NULL,"
	" gap INTEGER NOT NULL,"
	" priority INTEGER NOT NULL DEFAULT 0,"
	" route TEXT NOT NULL,"
	" course TEXT NOT NULL,"
	" activity TEXT NOT NULL,"
	" jp INTEGER NOT NULL,"
	" target_date TEXT NOT NULL,"
	" cost INTEGER NOT NULL);"
	"CREATE INDEX IF NOT EXISTS idp_item_idp ON idp_item(idp_id);"
	"CREATE TABLE IF NOT EXISTS plan_budget ("
	" year INTEGER PRIMARY KEY,"
	" ceiling INTEGER NOT NULL,"
	" updated_at INTEGER NOT NULL,"
	" updated_by INTEGER REFERENCES users(id));"
	"CREATE TABLE IF NOT EXISTS assignment ("
	" id INTEGER PRIMARY KEY,"
	" course TEXT NOT NULL,"
	" due_date TEXT NOT NULL,"
	" due_at INTEGER NOT NULL,"
	" target_kind TEXT NOT NULL,"
	" target TEXT NOT NULL,"
	" people INTEGER NOT NULL DEFAULT 0,"
	" created_by INTEGER REFERENCES users(id),"
	" created_at INTEGER NOT NULL);"
	"CREATE TABLE IF NOT EXISTS assignment_user ("
	" assignment_id INTEGER NOT NULL REFERENCES assignment(id),"
	" user_id INTEGER NOT NULL REFERENCES users(id),"
	" PRIMARY KEY (assignment_id, user_id));"
	"CREATE INDEX IF NOT EXISTS assignment_user_user ON assignment_user(user_id);"
	"CREATE TABLE IF NOT EXISTS notification ("
	" id INTEGER PRIMARY KEY,"
	" user_id INTEGER NOT NULL REFERENCES users(id),"
	" at INTEGER NOT NULL,"
	" kind TEXT NOT NULL,"
	" ref TEXT NOT NULL,"
	" link TEXT NOT NULL,"
	" read_at INTEGER);"
	"CREATE INDEX IF NOT EXISTS notification_user ON notification(user_id, at);"
	"CREATE TABLE IF NOT EXISTS outbox ("
	" id INTEGER PRIMARY KEY,"
	" to_addr TEXT NOT NULL,"
	" subject TEXT NOT NULL,"
	" body TEXT NOT NULL,"
	" created_at INTEGER NOT NULL,"
	" attempts INTEGER NOT NULL DEFAULT 0,"
	" next_at INTEGER NOT NULL,"
	" sent_at INTEGER,"
	" last_error TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX IF NOT EXISTS outbox_due ON outbox(sent_at, next_at);"
	/* Rollups kept in the transaction that changes them, so HR's pages
	   read a few rows at 100,000 ASN: the agency plan per cell and per
	   unit (written when a plan is approved; an approved plan never
	   changes, and it keeps the unit it was approved in), and each
	   person's survey state per round. */
	"CREATE TABLE IF NOT EXISTS aplan_cell ("
	" year INTEGER NOT NULL,"
	" unit TEXT NOT NULL,"
	" competency TEXT NOT NULL,"
	" ctype TEXT NOT NULL,"
	" route TEXT NOT NULL,"
	" course TEXT NOT NULL,"
	" activity TEXT NOT NULL,"
	" people INTEGER NOT NULL,"
	" jp INTEGER NOT NULL,"
	" cost INTEGER NOT NULL,"
	" max_gap INTEGER NOT NULL,"
	" max_priority INTEGER NOT NULL DEFAULT 0,"
	" first_date TEXT NOT NULL,"
	" last_date TEXT NOT NULL,"
	" position TEXT NOT NULL,"
	" PRIMARY KEY (year, unit, competency, ctype, route, course, activity));"
	"CREATE TABLE IF NOT EXISTS aplan_unit ("
	" year INTEGER NOT NULL,"
	" unit TEXT NOT NULL,"
	" planners INTEGER NOT NULL,"
	" planned INTEGER NOT NULL,"
	" PRIMARY KEY (year, unit));"
	"CREATE TABLE IF NOT EXISTS survey_status ("
	" round_id INTEGER NOT NULL REFERENCES survey_round(id),"
	" user_id INTEGER NOT NULL REFERENCES users(id),"
	" unit TEXT NOT NULL,"
	" self INTEGER NOT NULL,"
	" atasan INTEGER NOT NULL,"
	" PRIMARY KEY (round_id, user_id));"
	"CREATE INDEX IF NOT EXISTS survey_status_unit ON survey_status(round_id, unit);"
	/* users(nip_atasan) for the team page: eval's step 12 on main
	   (users_nip_atasan). */
	"CREATE INDEX IF NOT EXISTS users_unit_role ON users(unit, role, active);"
	"CREATE INDEX IF NOT EXISTS assignment_due ON assignment(due_at);"
	/* Realisation: a planner's JP of a year from the index alone. */
	"CREATE INDEX IF NOT EXISTS completions_user_year ON"
	" completions(user_id, year, jp);",
	/* 15: perf: the revocation epoch (store_perf.h). Every deleted
	   session and every changed user raises it in the writer's own
	   transaction, whoever the writer is; session caches trust an entry
	   only while it is unchanged. */
	"CREATE TABLE IF NOT EXISTS cache_epoch ("
	" id INTEGER PRIMARY KEY CHECK (id = 1),"
	" n INTEGER NOT NULL);"
	"INSERT INTO cache_epoch (id, n) VALUES (1, 0)"
	" ON CONFLICT (id) DO NOTHING;"
	"CREATE TRIGGER IF NOT EXISTS cache_epoch_session AFTER DELETE ON sessions"
	" BEGIN UPDATE cache_epoch SET n = n + 1 WHERE id = 1; END;"
	"CREATE TRIGGER IF NOT EXISTS cache_epoch_user AFTER UPDATE ON users"
	" BEGIN UPDATE cache_epoch SET n = n + 1 WHERE id = 1; END;"
	/* The periodic purge (idle or too old) by index, not a scan of
	   every session at every purge. */
	"CREATE INDEX IF NOT EXISTS sessions_last_seen ON sessions(last_seen);"
	"CREATE INDEX IF NOT EXISTS sessions_created ON sessions(created_at);",
	/* 16: seam */
	"",
	/* 17: edge */
	"",
	/* 18: perfdata: the dashboard's counters, schema_agg.h */
	AGG_MIGRATION,
};
#define NMIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

int
sqlite_migrations(const char *const **steps)
{
	*steps = migrations;
	return NMIGRATIONS;
}
