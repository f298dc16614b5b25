/*
 * agg_sql: the statements of migration 18 (the ledger counters,
 * sqlite/schema_agg.h says what each table holds) that more than one
 * file runs: the SQLite step's triggers, the PostgreSQL step's trigger
 * functions (pg/pg_schema.c) and the store's reads (store_agg.c). Plain
 * portable SQL text: R, C, U, P, I, F name a row (NEW, OLD or an alias),
 * S is "" or "-" (add or take away). Upserts are "INSERT ... SELECT ...
 * WHERE" (the WHERE keeps SQLite's upsert parse unambiguous); one upsert
 * never touches a row twice (PostgreSQL refuses that).
 */
#ifndef LENTERA_AGG_SQL_H
#define LENTERA_AGG_SQL_H

/* One person-year delta from ledger row R (NEW or OLD), sign S. */
#define AGG_PERSON_DELTA(R, S) \
	"INSERT INTO agg_person (user_id, year, cjp, pending, entries," \
	" elearning, unit, kind, learner, name, nip) SELECT u.id, " R ".year," \
	S "(CASE WHEN " R ".status = 'approved' THEN " R ".cjp ELSE 0 END)," \
	S "(CASE WHEN " R ".status = 'pending' THEN " R ".cjp ELSE 0 END)," \
	S "(CASE WHEN " R ".status = 'approved' THEN 1 ELSE 0 END)," \
	S "(CASE WHEN " R ".status = 'approved' AND " R ".source =" \
	" 'elearning' THEN 1 ELSE 0 END), u.unit, coalesce((SELECT t.kind" \
	" FROM employee_type t WHERE t.user_id = u.id), 'pns'), CASE WHEN" \
	" u.role = 'learner' AND u.active = 1 THEN 1 ELSE 0 END, u.name," \
	" u.nip FROM users u WHERE u.id = " R ".user_id" \
	" ON CONFLICT (user_id, year) DO UPDATE SET" \
	" cjp = agg_person.cjp + excluded.cjp," \
	" pending = agg_person.pending + excluded.pending," \
	" entries = agg_person.entries + excluded.entries," \
	" elearning = agg_person.elearning + excluded.elearning;"

/* Person row R (NEW or OLD) into / out of its bucket, when counted. */
#define AGG_HIST_DELTA(R, S) \
	"INSERT INTO agg_hist (year, unit, kind, learner, cjp, people, done)" \
	" SELECT " R ".year, " R ".unit, " R ".kind, " R ".learner, " R ".cjp," \
	S "1, " S R ".elearning WHERE " R ".learner = 1 OR " R ".entries > 0" \
	" ON CONFLICT (year, unit, kind, learner, cjp) DO UPDATE SET" \
	" people = agg_hist.people + excluded.people," \
	" done = agg_hist.done + excluded.done;"
#define AGG_HIST_PRUNE(R) \
	"DELETE FROM agg_hist WHERE year = " R ".year AND unit = " R ".unit" \
	" AND kind = " R ".kind AND learner = " R ".learner AND cjp = " R ".cjp" \
	" AND people = 0;"

/* Active learner U (NEW or OLD users row) of type KIND, sign S. */
#define AGG_LEARNER_DELTA(U, KIND, S) \
	"INSERT INTO agg_learners (unit, kind, n) SELECT " U ".unit, " KIND "," \
	S "1 WHERE " U ".role = 'learner' AND " U ".active = 1" \
	" ON CONFLICT (unit, kind) DO UPDATE SET n = agg_learners.n + excluded.n;"
#define AGG_KIND_OF(U) \
	"coalesce((SELECT t.kind FROM employee_type t WHERE t.user_id = " U \
	".id), 'pns')"
/* The employee type of user_id moves from OLDK to NEWK. */
#define AGG_KIND_MOVE(ID, OLDK, NEWK) \
	"INSERT INTO agg_learners (unit, kind, n) SELECT u.unit, " OLDK ", -1" \
	" FROM users u WHERE u.id = " ID " AND u.role = 'learner' AND" \
	" u.active = 1 ON CONFLICT (unit, kind) DO UPDATE SET" \
	" n = agg_learners.n + excluded.n;" \
	"INSERT INTO agg_learners (unit, kind, n) SELECT u.unit, " NEWK ", 1" \
	" FROM users u WHERE u.id = " ID " AND u.role = 'learner' AND" \
	" u.active = 1 ON CONFLICT (unit, kind) DO UPDATE SET" \
	" n = agg_learners.n + excluded.n;" \
	"UPDATE agg_person SET kind = " NEWK " WHERE user_id = " ID ";"

/* WIB day number of a time (UTC+7): integer division on both backends. */
#define AGG_DAY(t)	"((" t " + 25200) / 86400)"
/*
 * A completion C's answers (row alias or NEW/OLD): a level-1 reaction,
 * the learner's and the atasan's follow-up (0 or 1 each: primary keys),
 * and "done": the learner answered and so did the atasan, or there is
 * none (AT: the person's nip_atasan).
 */
#define AGG_C_R(C) "(SELECT count(*) FROM eval_reaction_done d WHERE" \
	" d.user_id = " C ".user_id AND d.course = " C ".course)"
#define AGG_C_F(C, ROLE) "(SELECT count(*) FROM eval_followup f WHERE" \
	" f.user_id = " C ".user_id AND f.course = " C ".course AND" \
	" f.role = '" ROLE "')"
#define AGG_C_D(C, AT) "(CASE WHEN " AGG_C_F(C, "learner") " > 0 AND (" \
	AGG_C_F(C, "atasan") " > 0 OR " AT " = '') THEN 1 ELSE 0 END)"
#define AGG_DAY_COLS \
	"INSERT INTO agg_done_day (year, unit, day, n, no_atasan, reacted," \
	" fu_learner, fu_atasan, fu_done) SELECT "
#define AGG_DAY_UPSERT \
	" ON CONFLICT (year, unit, day) DO UPDATE SET" \
	" n = agg_done_day.n + excluded.n," \
	" no_atasan = agg_done_day.no_atasan + excluded.no_atasan," \
	" reacted = agg_done_day.reacted + excluded.reacted," \
	" fu_learner = agg_done_day.fu_learner + excluded.fu_learner," \
	" fu_atasan = agg_done_day.fu_atasan + excluded.fu_atasan," \
	" fu_done = agg_done_day.fu_done + excluded.fu_done;"
/* Completion row C (NEW or OLD) of a user into / out of its day. */
#define AGG_DONE_DELTA(C, S) \
	AGG_DAY_COLS C ".year, u.unit, " AGG_DAY(C ".completed_at") ", " S "1, " \
	S "(CASE WHEN u.nip_atasan = '' THEN 1 ELSE 0 END), " S AGG_C_R(C) \
	", " S AGG_C_F(C, "learner") ", " S AGG_C_F(C, "atasan") ", " S \
	AGG_C_D(C, "u.nip_atasan") " FROM users u WHERE u.id = " C ".user_id" \
	AGG_DAY_UPSERT
/* Every completion of transition table T (a statement's inserted rows,
   PostgreSQL) into its day at once: one upsert per (year, unit, day),
   not one per row (a bulk insert updated one counter row per row). */
#define AGG_DONE_ROWS(T) \
	AGG_DAY_COLS "c.year, u.unit, " AGG_DAY("c.completed_at") ", count(*)," \
	" sum(CASE WHEN u.nip_atasan = '' THEN 1 ELSE 0 END), sum(" \
	AGG_C_R("c") "), sum(" AGG_C_F("c", "learner") "), sum(" \
	AGG_C_F("c", "atasan") "), sum(" AGG_C_D("c", "u.nip_atasan") ")" \
	" FROM " T " c JOIN users u ON u.id = c.user_id GROUP BY c.year," \
	" u.unit, " AGG_DAY("c.completed_at") AGG_DAY_UPSERT
/* All completions of user U (NEW or OLD users row) in / out. */
#define AGG_DONE_USER(U, S) \
	AGG_DAY_COLS "c.year, " U ".unit, " AGG_DAY("c.completed_at") ", " S \
	"count(*), " S "(CASE WHEN " U ".nip_atasan = '' THEN count(*) ELSE 0" \
	" END), " S "sum(" AGG_C_R("c") "), " S "sum(" AGG_C_F("c", "learner") \
	"), " S "sum(" AGG_C_F("c", "atasan") "), " S "sum(" \
	AGG_C_D("c", U ".nip_atasan") ") FROM completions c WHERE c.user_id = " \
	U ".id GROUP BY c.year, " AGG_DAY("c.completed_at") AGG_DAY_UPSERT
/* Reaction R (NEW or OLD eval_reaction_done) of its completion. */
#define AGG_REACT_DELTA(R, S) \
	AGG_DAY_COLS "c.year, u.unit, " AGG_DAY("c.completed_at") ", 0, 0, " S \
	"1, 0, 0, 0 FROM completions c JOIN users u ON u.id = c.user_id" \
	" WHERE c.user_id = " R ".user_id AND c.course = " R ".course" \
	AGG_DAY_UPSERT
/* Follow-up F (NEW or OLD eval_followup) of its completion: its count
   and the change to "done" (the other role's answer is as it is now). */
#define AGG_FOLLOWUP_DELTA(F, S) \
	AGG_DAY_COLS "c.year, u.unit, " AGG_DAY("c.completed_at") ", 0, 0, 0, " \
	S "(CASE WHEN " F ".role = 'learner' THEN 1 ELSE 0 END), " S "(CASE" \
	" WHEN " F ".role = 'atasan' THEN 1 ELSE 0 END), " S "(CASE WHEN " F \
	".role = 'learner' THEN (CASE WHEN " AGG_C_F("c", "atasan") " > 0 OR" \
	" u.nip_atasan = '' THEN 1 ELSE 0 END) ELSE (CASE WHEN " \
	AGG_C_F("c", "learner") " > 0 AND u.nip_atasan <> '' THEN 1 ELSE 0" \
	" END) END) FROM completions c JOIN users u ON u.id = c.user_id" \
	" WHERE c.user_id = " F ".user_id AND c.course = " F ".course" \
	AGG_DAY_UPSERT
/* The step's backfill of agg_done_day (both backends). */
#define AGG_DONE_BACKFILL \
	AGG_DAY_COLS "c.year, u.unit, " AGG_DAY("c.completed_at") ", count(*)," \
	" sum(CASE WHEN u.nip_atasan = '' THEN 1 ELSE 0 END), sum(" \
	AGG_C_R("c") "), sum(" AGG_C_F("c", "learner") "), sum(" \
	AGG_C_F("c", "atasan") "), sum(" AGG_C_D("c", "u.nip_atasan") ")" \
	" FROM completions c JOIN users u ON u.id = c.user_id WHERE c.id > 0" \
	" GROUP BY c.year, u.unit, " AGG_DAY("c.completed_at") \
	" ON CONFLICT (year, unit, day) DO NOTHING;"

/* Person-year P (NEW or OLD agg_person) with an approved plan. */
#define AGG_PLAN_PERSON(P, S) \
	"INSERT INTO agg_plan_unit (year, unit, jp) SELECT " P ".year, " P \
	".unit, " S "(" P ".cjp / 100) WHERE EXISTS (SELECT 1 FROM idp i" \
	" WHERE i.user_id = " P ".user_id AND i.year = " P ".year AND" \
	" i.status = 'approved') ON CONFLICT (year, unit) DO UPDATE SET" \
	" jp = agg_plan_unit.jp + excluded.jp;"
/* Plan I (NEW or OLD idp) when approved: its owner's JP of its year. */
#define AGG_PLAN_IDP(I, S) \
	"INSERT INTO agg_plan_unit (year, unit, jp) SELECT a.year, a.unit, " S \
	"(a.cjp / 100) FROM agg_person a WHERE a.user_id = " I ".user_id AND" \
	" a.year = " I ".year AND " I ".status = 'approved' ON CONFLICT (year," \
	" unit) DO UPDATE SET jp = agg_plan_unit.jp + excluded.jp;"
#define AGG_SURVEY_DELTA(R, S) \
	"INSERT INTO agg_survey (round_id, unit, self, atasan) SELECT " R \
	".round_id, " R ".unit, " S R ".self, " S R ".atasan WHERE 1 = 1" \
	" ON CONFLICT (round_id, unit) DO UPDATE SET" \
	" self = agg_survey.self + excluded.self," \
	" atasan = agg_survey.atasan + excluded.atasan;"

#endif
