/*
 * schema_agg: migration 18 (perfdata, store_agg.h), the counters the HR
 * dashboard and the planning pages read instead of the ledger, kept
 * apart from store.c so the step reads as one piece (the PostgreSQL
 * twin is in pg/pg_schema.c: same tables, plpgsql trigger functions).
 *
 * Three tables, all kept by triggers in the writer's own transaction,
 * whoever the writer is (this server, the CLI, an import, an operator's
 * sqlite3), so they can never disagree with the ledger:
 *
 *   agg_person (user, year): the sums store_ledger_people makes for one
 *     person and year over every course and type (approved cJP, pending
 *     cJP, approved entries, approved e-learning entries), with the
 *     person's unit, employee type, "active learner" flag, name and NIP
 *     copied from users / employee_type (kept current by their triggers),
 *     so the below-target list walks one index in the page's order.
 *     A row exists once the person has a ledger entry in that year.
 *   agg_hist (year, unit, type, learner, cjp): how many counted people
 *     of that unit and type have exactly that approved cJP in the year
 *     (and their approved e-learning entries). Counted is the ledger's
 *     rule: an active learner, or anyone with an approved entry. Few
 *     rows per unit (one per distinct total), so "meeting the target"
 *     for any target is a sum over O(units x distinct totals) rows.
 *   agg_learners (unit, type): active learners. Active learners with no
 *     agg_person row in a year are the zero bucket of that year.
 *   agg_done_day (year, unit, WIB day): completions (course
 *     certificates) completed that day; of them, those of someone with
 *     no atasan on record, with a level-1 reaction, with the learner's
 *     and with the atasan's follow-up, and "done" (learner answered, and
 *     the atasan or there is none): the evaluation coverage of the
 *     dashboard counts what has fallen due from them (evalcov.h) instead
 *     of walking every completion.
 *   agg_plan_unit (year, unit): the planning realisation, the whole JP
 *     (cjp / 100 per person, as plans count) of the people with an
 *     approved plan that year, by their current unit.
 *   agg_survey (round, unit): survey_status tallied per unit (answered
 *     by the person, by the atasan): the response-rate page.
 *   agg_lease (name): who may run a job alone until when (the gap
 *     summary's rebuild: one node at a time, gapjob.h).
 *
 * Chain: ledger -> agg_person (delta upsert) -> agg_hist (the person's
 * old bucket -1, new bucket +1); users and employee_type -> agg_learners
 * and the copied columns of agg_person (which moves its buckets);
 * completions, users (unit, nip_atasan), eval_reaction_done and
 * eval_followup -> agg_done_day; agg_person and idp -> agg_plan_unit;
 * survey_status -> agg_survey. The statements the PostgreSQL step and
 * the store share are in internal/agg_sql.h. The step backfills every
 * table from what it counts before it creates the triggers.
 */
#ifndef LENTERA_SCHEMA_AGG_H
#define LENTERA_SCHEMA_AGG_H

#include "agg_sql.h"

#define AGG_MIGRATION \
	"CREATE TABLE IF NOT EXISTS agg_person (" \
	" user_id INTEGER NOT NULL REFERENCES users(id)," \
	" year INTEGER NOT NULL," \
	" cjp INTEGER NOT NULL," \
	" pending INTEGER NOT NULL," \
	" entries INTEGER NOT NULL," \
	" elearning INTEGER NOT NULL," \
	" unit TEXT NOT NULL," \
	" kind TEXT NOT NULL," \
	" learner INTEGER NOT NULL," \
	" name TEXT NOT NULL," \
	" nip TEXT NOT NULL," \
	" PRIMARY KEY (user_id, year));" \
	/* the below-target list, lowest JP first (all units / one unit) */ \
	"CREATE INDEX IF NOT EXISTS agg_person_low ON agg_person(year, cjp," \
	" name, nip);" \
	"CREATE INDEX IF NOT EXISTS agg_person_unit_low ON agg_person(year," \
	" unit, cjp, name, nip);" \
	"CREATE TABLE IF NOT EXISTS agg_hist (" \
	" year INTEGER NOT NULL," \
	" unit TEXT NOT NULL," \
	" kind TEXT NOT NULL," \
	" learner INTEGER NOT NULL," \
	" cjp INTEGER NOT NULL," \
	" people INTEGER NOT NULL," \
	" done INTEGER NOT NULL," \
	" PRIMARY KEY (year, unit, kind, learner, cjp));" \
	"CREATE TABLE IF NOT EXISTS agg_learners (" \
	" unit TEXT NOT NULL," \
	" kind TEXT NOT NULL," \
	" n INTEGER NOT NULL," \
	" PRIMARY KEY (unit, kind));" \
	"CREATE TABLE IF NOT EXISTS agg_done_day (" \
	" year INTEGER NOT NULL," \
	" unit TEXT NOT NULL," \
	" day INTEGER NOT NULL," \
	" n INTEGER NOT NULL," \
	" no_atasan INTEGER NOT NULL," \
	" reacted INTEGER NOT NULL," \
	" fu_learner INTEGER NOT NULL," \
	" fu_atasan INTEGER NOT NULL," \
	" fu_done INTEGER NOT NULL," \
	" PRIMARY KEY (year, unit, day));" \
	"CREATE TABLE IF NOT EXISTS agg_plan_unit (" \
	" year INTEGER NOT NULL," \
	" unit TEXT NOT NULL," \
	" jp INTEGER NOT NULL," \
	" PRIMARY KEY (year, unit));" \
	"CREATE TABLE IF NOT EXISTS agg_survey (" \
	" round_id INTEGER NOT NULL," \
	" unit TEXT NOT NULL," \
	" self INTEGER NOT NULL," \
	" atasan INTEGER NOT NULL," \
	" PRIMARY KEY (round_id, unit));" \
	"CREATE TABLE IF NOT EXISTS agg_lease (" \
	" name TEXT PRIMARY KEY," \
	" holder TEXT NOT NULL," \
	" until INTEGER NOT NULL);" \
	/* the dashboard's course list: one seek per course */ \
	"CREATE INDEX IF NOT EXISTS completions_course ON completions(course," \
	" course_title);" \
	/* the zero-JP learners by name (all units / one unit) */ \
	"CREATE INDEX IF NOT EXISTS users_learner_name ON users(role, active," \
	" name, nip);" \
	"CREATE INDEX IF NOT EXISTS users_unit_learner_name ON users(unit," \
	" role, active, name, nip);" \
	/* backfill: the ledger's sums as they stand */ \
	"INSERT INTO agg_person (user_id, year, cjp, pending, entries," \
	" elearning, unit, kind, learner, name, nip) SELECT u.id, l.year," \
	" sum(CASE WHEN l.status = 'approved' THEN l.cjp ELSE 0 END)," \
	" sum(CASE WHEN l.status = 'pending' THEN l.cjp ELSE 0 END)," \
	" sum(CASE WHEN l.status = 'approved' THEN 1 ELSE 0 END)," \
	" sum(CASE WHEN l.status = 'approved' AND l.source = 'elearning'" \
	" THEN 1 ELSE 0 END), u.unit, coalesce((SELECT t.kind FROM" \
	" employee_type t WHERE t.user_id = u.id), 'pns'), CASE WHEN" \
	" u.role = 'learner' AND u.active = 1 THEN 1 ELSE 0 END, u.name, u.nip" \
	" FROM ledger l JOIN users u ON u.id = l.user_id WHERE l.id > 0" \
	" GROUP BY u.id, l.year ON CONFLICT (user_id, year) DO NOTHING;" \
	"INSERT INTO agg_hist (year, unit, kind, learner, cjp, people, done)" \
	" SELECT year, unit, kind, learner, cjp, count(*), sum(elearning)" \
	" FROM agg_person WHERE learner = 1 OR entries > 0" \
	" GROUP BY year, unit, kind, learner, cjp" \
	" ON CONFLICT (year, unit, kind, learner, cjp) DO NOTHING;" \
	"INSERT INTO agg_learners (unit, kind, n) SELECT u.unit," \
	" coalesce(t.kind, 'pns'), count(*) FROM users u LEFT JOIN" \
	" employee_type t ON t.user_id = u.id WHERE u.role = 'learner' AND" \
	" u.active = 1 GROUP BY u.unit, coalesce(t.kind, 'pns')" \
	" ON CONFLICT (unit, kind) DO NOTHING;" \
	AGG_DONE_BACKFILL \
	"INSERT INTO agg_plan_unit (year, unit, jp) SELECT a.year, a.unit," \
	" sum(a.cjp / 100) FROM agg_person a JOIN idp i ON i.user_id =" \
	" a.user_id AND i.year = a.year WHERE i.status = 'approved'" \
	" GROUP BY a.year, a.unit ON CONFLICT (year, unit) DO NOTHING;" \
	"INSERT INTO agg_survey (round_id, unit, self, atasan) SELECT" \
	" round_id, unit, sum(self), sum(atasan) FROM survey_status" \
	" WHERE round_id > 0 GROUP BY round_id, unit" \
	" ON CONFLICT (round_id, unit) DO NOTHING;" \
	/* ledger -> agg_person */ \
	"CREATE TRIGGER IF NOT EXISTS agg_ledger_ins AFTER INSERT ON ledger" \
	" BEGIN " AGG_PERSON_DELTA("NEW", "") " END;" \
	"CREATE TRIGGER IF NOT EXISTS agg_ledger_upd AFTER UPDATE OF user_id," \
	" year, cjp, status, source ON ledger BEGIN " \
	AGG_PERSON_DELTA("OLD", "-") AGG_PERSON_DELTA("NEW", "") " END;" \
	"CREATE TRIGGER IF NOT EXISTS agg_ledger_del AFTER DELETE ON ledger" \
	" BEGIN " AGG_PERSON_DELTA("OLD", "-") " END;" \
	/* agg_person -> agg_hist */ \
	"CREATE TRIGGER IF NOT EXISTS agg_person_ins AFTER INSERT ON agg_person" \
	" BEGIN " AGG_HIST_DELTA("NEW", "") " END;" \
	"CREATE TRIGGER IF NOT EXISTS agg_person_upd AFTER UPDATE ON agg_person" \
	" WHEN OLD.year IS NOT NEW.year OR OLD.unit IS NOT NEW.unit" \
	" OR OLD.kind IS NOT NEW.kind OR OLD.learner IS NOT NEW.learner" \
	" OR OLD.cjp IS NOT NEW.cjp OR OLD.entries IS NOT NEW.entries" \
	" OR OLD.elearning IS NOT NEW.elearning BEGIN " \
	AGG_HIST_DELTA("OLD", "-") AGG_HIST_PRUNE("OLD") \
	AGG_HIST_DELTA("NEW", "") " END;" \
	"CREATE TRIGGER IF NOT EXISTS agg_person_del AFTER DELETE ON agg_person" \
	" BEGIN " AGG_HIST_DELTA("OLD", "-") AGG_HIST_PRUNE("OLD") " END;" \
	/* users -> agg_learners, agg_person's copies */ \
	"CREATE TRIGGER IF NOT EXISTS agg_users_ins AFTER INSERT ON users" \
	" BEGIN " AGG_LEARNER_DELTA("NEW", AGG_KIND_OF("NEW"), "") " END;" \
	"CREATE TRIGGER IF NOT EXISTS agg_users_upd AFTER UPDATE OF unit, role," \
	" active, name, nip ON users WHEN OLD.unit IS NOT NEW.unit" \
	" OR OLD.role IS NOT NEW.role OR OLD.active IS NOT NEW.active" \
	" OR OLD.name IS NOT NEW.name OR OLD.nip IS NOT NEW.nip BEGIN " \
	AGG_LEARNER_DELTA("OLD", AGG_KIND_OF("OLD"), "-") \
	AGG_LEARNER_DELTA("NEW", AGG_KIND_OF("NEW"), "") \
	"UPDATE agg_person SET unit = NEW.unit, learner = CASE WHEN" \
	" NEW.role = 'learner' AND NEW.active = 1 THEN 1 ELSE 0 END," \
	" name = NEW.name, nip = NEW.nip WHERE user_id = NEW.id; END;" \
	"CREATE TRIGGER IF NOT EXISTS agg_users_del AFTER DELETE ON users" \
	" BEGIN " AGG_LEARNER_DELTA("OLD", AGG_KIND_OF("OLD"), "-") \
	"DELETE FROM agg_person WHERE user_id = OLD.id; END;" \
	/* completions, users -> agg_done_day */ \
	"CREATE TRIGGER IF NOT EXISTS agg_done_ins AFTER INSERT ON completions" \
	" BEGIN " AGG_DONE_DELTA("NEW", "") " END;" \
	"CREATE TRIGGER IF NOT EXISTS agg_done_upd AFTER UPDATE OF user_id," \
	" year, completed_at ON completions BEGIN " AGG_DONE_DELTA("OLD", "-") \
	AGG_DONE_DELTA("NEW", "") " END;" \
	"CREATE TRIGGER IF NOT EXISTS agg_done_del AFTER DELETE ON completions" \
	" BEGIN " AGG_DONE_DELTA("OLD", "-") " END;" \
	"CREATE TRIGGER IF NOT EXISTS agg_done_users AFTER UPDATE OF unit," \
	" nip_atasan ON users WHEN OLD.unit IS NOT NEW.unit OR" \
	" (OLD.nip_atasan = '') IS NOT (NEW.nip_atasan = '') BEGIN " \
	AGG_DONE_USER("OLD", "-") AGG_DONE_USER("NEW", "") " END;" \
	/* answers -> agg_done_day */ \
	"CREATE TRIGGER IF NOT EXISTS agg_react_ins AFTER INSERT ON" \
	" eval_reaction_done BEGIN " AGG_REACT_DELTA("NEW", "") " END;" \
	"CREATE TRIGGER IF NOT EXISTS agg_react_del AFTER DELETE ON" \
	" eval_reaction_done BEGIN " AGG_REACT_DELTA("OLD", "-") " END;" \
	"CREATE TRIGGER IF NOT EXISTS agg_followup_ins AFTER INSERT ON" \
	" eval_followup BEGIN " AGG_FOLLOWUP_DELTA("NEW", "") " END;" \
	"CREATE TRIGGER IF NOT EXISTS agg_followup_upd AFTER UPDATE OF" \
	" user_id, course, role ON eval_followup BEGIN " \
	AGG_FOLLOWUP_DELTA("OLD", "-") AGG_FOLLOWUP_DELTA("NEW", "") " END;" \
	"CREATE TRIGGER IF NOT EXISTS agg_followup_del AFTER DELETE ON" \
	" eval_followup BEGIN " AGG_FOLLOWUP_DELTA("OLD", "-") " END;" \
	/* agg_person, idp -> agg_plan_unit */ \
	"CREATE TRIGGER IF NOT EXISTS agg_plan_pins AFTER INSERT ON agg_person" \
	" BEGIN " AGG_PLAN_PERSON("NEW", "") " END;" \
	"CREATE TRIGGER IF NOT EXISTS agg_plan_pupd AFTER UPDATE OF cjp, unit," \
	" year, user_id ON agg_person WHEN OLD.cjp / 100 IS NOT NEW.cjp / 100" \
	" OR OLD.unit IS NOT NEW.unit OR OLD.year IS NOT NEW.year" \
	" OR OLD.user_id IS NOT NEW.user_id BEGIN " \
	AGG_PLAN_PERSON("OLD", "-") AGG_PLAN_PERSON("NEW", "") " END;" \
	"CREATE TRIGGER IF NOT EXISTS agg_plan_pdel AFTER DELETE ON agg_person" \
	" BEGIN " AGG_PLAN_PERSON("OLD", "-") " END;" \
	"CREATE TRIGGER IF NOT EXISTS agg_plan_ins AFTER INSERT ON idp" \
	" BEGIN " AGG_PLAN_IDP("NEW", "") " END;" \
	"CREATE TRIGGER IF NOT EXISTS agg_plan_upd AFTER UPDATE OF status," \
	" user_id, year ON idp BEGIN " AGG_PLAN_IDP("OLD", "-") \
	AGG_PLAN_IDP("NEW", "") " END;" \
	"CREATE TRIGGER IF NOT EXISTS agg_plan_del AFTER DELETE ON idp" \
	" BEGIN " AGG_PLAN_IDP("OLD", "-") " END;" \
	/* survey_status -> agg_survey */ \
	"CREATE TRIGGER IF NOT EXISTS agg_survey_ins AFTER INSERT ON" \
	" survey_status BEGIN " AGG_SURVEY_DELTA("NEW", "") " END;" \
	"CREATE TRIGGER IF NOT EXISTS agg_survey_upd AFTER UPDATE ON" \
	" survey_status BEGIN " AGG_SURVEY_DELTA("OLD", "-") \
	AGG_SURVEY_DELTA("NEW", "") " END;" \
	"CREATE TRIGGER IF NOT EXISTS agg_survey_del AFTER DELETE ON" \
	" survey_status BEGIN " AGG_SURVEY_DELTA("OLD", "-") " END;" \
	/* employee_type -> agg_learners, agg_person.kind */ \
	"CREATE TRIGGER IF NOT EXISTS agg_type_ins AFTER INSERT ON" \
	" employee_type BEGIN " AGG_KIND_MOVE("NEW.user_id", "'pns'", \
	"NEW.kind") " END;" \
	"CREATE TRIGGER IF NOT EXISTS agg_type_upd AFTER UPDATE OF kind ON" \
	" employee_type WHEN OLD.kind IS NOT NEW.kind BEGIN " \
	AGG_KIND_MOVE("NEW.user_id", "OLD.kind", "NEW.kind") " END;" \
	"CREATE TRIGGER IF NOT EXISTS agg_type_del AFTER DELETE ON" \
	" employee_type BEGIN " AGG_KIND_MOVE("OLD.user_id", "OLD.kind", \
	"'pns'") " END;"

#endif
