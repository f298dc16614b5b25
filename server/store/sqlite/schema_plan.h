/*
 * schema_plan: migration 13 (planning part A, store_plan.h), kept
 * apart from store.c so the step reads as one piece. Included by store.c
 * (the migration) and store_plan_a.c (the gap indexes it rebuilds).
 *
 * 13: plana (planning part A, store_plan.h): the agency's teknis
 * competencies (the manajerial and sosial kultural ones are built
 * in, competency.h); position standards (SKJ) per jabatan with its
 * class; profile evidence (assessments, survey answers); target
 * positions; SKP results per year; SKM answers summed per unit,
 * period and unsur; needs proposed from SKM; the gap summary that
 * gap_refresh rebuilds (plan_gap: one row per person and short
 * competency; plan_gap_cell: per unit and competency). Competencies
 * are named by their key (competency_key). Triggers on the summary's
 * inputs bump two counters (planning inputs and people; completions), so
 * "is the summary current" is one primary-key read (gap.h); each bump
 * runs in the writer's own transaction.
 */
#ifndef LENTERA_SCHEMA_PLAN_H
#define LENTERA_SCHEMA_PLAN_H

/* plan_gap holds generations: a rebuild writes generation N + 1 in short
   transactions beside N, one short transaction makes it current
   (plan_gap_meta.gen), then N is deleted in short transactions; readers
   only ever see whole generations and writers never wait long. The list
   indexes lead with gen; the lists walk them backwards and stop at the
   page's end. */
#define PLAN_GAP_INDEXES \
	"CREATE INDEX IF NOT EXISTS plan_gap_priority ON plan_gap(gen, priority," \
	" gap, user_id, ckey);" \
	"CREATE INDEX IF NOT EXISTS plan_gap_gap ON plan_gap(gen, gap, priority," \
	" user_id, ckey);" \
	"CREATE INDEX IF NOT EXISTS plan_gap_ckey ON plan_gap(gen, ckey," \
	" gap DESC, priority DESC, user_id DESC);"

/* Step 13: a trigger body that bumps the planning inputs counter. */
#define PLAN_BUMP " BEGIN UPDATE counters SET value = value + 1" \
	" WHERE name = 'plan_inputs'; END;"
#define PLAN_BUMP_LEDGER " BEGIN UPDATE counters SET value = value + 1" \
	" WHERE name = 'plan_ledger'; END;"

#define PLAN_MIGRATION \
	"CREATE TABLE IF NOT EXISTS plan_competency (" \
	" key TEXT PRIMARY KEY," \
	" name TEXT NOT NULL," \
	" ctype TEXT NOT NULL," \
	" definition TEXT NOT NULL DEFAULT ''," \
	" l1 TEXT NOT NULL DEFAULT '', l2 TEXT NOT NULL DEFAULT ''," \
	" l3 TEXT NOT NULL DEFAULT '', l4 TEXT NOT NULL DEFAULT ''," \
	" l5 TEXT NOT NULL DEFAULT ''," \
	" updated_at INTEGER NOT NULL);" \
	"CREATE TABLE IF NOT EXISTS plan_position (" \
	" pkey TEXT PRIMARY KEY," \
	" name TEXT NOT NULL," \
	" pclass TEXT NOT NULL," \
	" updated_at INTEGER NOT NULL);" \
	"CREATE TABLE IF NOT EXISTS plan_standard (" \
	" pkey TEXT NOT NULL REFERENCES plan_position(pkey)," \
	" ckey TEXT NOT NULL," \
	" level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5)," \
	" updated_at INTEGER NOT NULL," \
	" PRIMARY KEY (pkey, ckey));" \
	"CREATE TABLE IF NOT EXISTS plan_profile (" \
	" user_id INTEGER NOT NULL REFERENCES users(id)," \
	" ckey TEXT NOT NULL," \
	" source TEXT NOT NULL," \
	" ref TEXT NOT NULL," \
	" level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5)," \
	" at INTEGER NOT NULL," \
	" recorded_at INTEGER NOT NULL," \
	" PRIMARY KEY (user_id, ckey, source, ref));" \
	"CREATE TABLE IF NOT EXISTS plan_target (" \
	" user_id INTEGER PRIMARY KEY REFERENCES users(id)," \
	" position TEXT NOT NULL," \
	" set_at INTEGER NOT NULL);" \
	"CREATE TABLE IF NOT EXISTS plan_skp (" \
	" user_id INTEGER NOT NULL REFERENCES users(id)," \
	" year INTEGER NOT NULL," \
	" predikat INTEGER NOT NULL CHECK (predikat BETWEEN 1 AND 5)," \
	" box INTEGER NOT NULL DEFAULT 0," \
	" imported_at INTEGER NOT NULL," \
	" PRIMARY KEY (user_id, year));" \
	"CREATE TABLE IF NOT EXISTS plan_skm (" \
	" unit TEXT NOT NULL," \
	" period TEXT NOT NULL," \
	" unsur INTEGER NOT NULL CHECK (unsur BETWEEN 1 AND 9)," \
	" total INTEGER NOT NULL," \
	" answers INTEGER NOT NULL," \
	" imported_at INTEGER NOT NULL," \
	" PRIMARY KEY (unit, period, unsur));" \
	"CREATE TABLE IF NOT EXISTS plan_proposal (" \
	" id INTEGER PRIMARY KEY," \
	" unit TEXT NOT NULL," \
	" period TEXT NOT NULL," \
	" unsur INTEGER NOT NULL," \
	" nrr REAL NOT NULL," \
	" ckey TEXT NOT NULL," \
	" source TEXT NOT NULL," \
	" status TEXT NOT NULL DEFAULT 'usulan'" \
	"  CHECK (status IN ('usulan','diterima','ditolak'))," \
	" created_at INTEGER NOT NULL," \
	" decided_by INTEGER REFERENCES users(id)," \
	" decided_at INTEGER," \
	" UNIQUE (unit, period, unsur, ckey));" \
	"CREATE TABLE IF NOT EXISTS plan_gap (" \
	" gen INTEGER NOT NULL," \
	" user_id INTEGER NOT NULL," \
	" target INTEGER NOT NULL," /* 0 current position, 1 target */ \
	" ckey TEXT NOT NULL," \
	" required INTEGER NOT NULL," \
	" achieved INTEGER NOT NULL," \
	" gap INTEGER NOT NULL," \
	" priority INTEGER NOT NULL," \
	" PRIMARY KEY (gen, user_id, target, ckey));" \
	PLAN_GAP_INDEXES \
	"CREATE INDEX IF NOT EXISTS users_name ON users(name);" \
	"CREATE TABLE IF NOT EXISTS plan_gap_cell (" \
	" unit TEXT NOT NULL," \
	" ckey TEXT NOT NULL," \
	" people INTEGER NOT NULL,"	/* people with a requirement */ \
	" short INTEGER NOT NULL,"	/* of them below it */ \
	" gap_sum INTEGER NOT NULL," \
	" PRIMARY KEY (unit, ckey));" \
	"CREATE TABLE IF NOT EXISTS plan_gap_meta (" \
	" id INTEGER PRIMARY KEY CHECK (id = 1)," \
	" gen INTEGER NOT NULL," \
	" version TEXT NOT NULL," \
	" built_at INTEGER NOT NULL);" \
	"INSERT INTO counters (name, value) VALUES ('plan_inputs', 1)" \
	" ON CONFLICT (name) DO NOTHING;" \
	"INSERT INTO counters (name, value) VALUES ('plan_ledger', 1)" \
	" ON CONFLICT (name) DO NOTHING;" \
	"CREATE TRIGGER IF NOT EXISTS plan_in_users_ins AFTER INSERT ON users" PLAN_BUMP \
	"CREATE TRIGGER IF NOT EXISTS plan_in_users_upd AFTER UPDATE OF unit, position, active ON users" PLAN_BUMP \
	"CREATE TRIGGER IF NOT EXISTS plan_in_users_del AFTER DELETE ON users" PLAN_BUMP \
	"CREATE TRIGGER IF NOT EXISTS plan_in_comp_ins AFTER INSERT ON completions" PLAN_BUMP_LEDGER \
	"CREATE TRIGGER IF NOT EXISTS plan_in_comp_upd AFTER UPDATE OF competency, level, user_id ON completions" PLAN_BUMP_LEDGER \
	"CREATE TRIGGER IF NOT EXISTS plan_in_comp_del AFTER DELETE ON completions" PLAN_BUMP_LEDGER \
	"CREATE TRIGGER IF NOT EXISTS plan_in_dict_ins AFTER INSERT ON plan_competency" PLAN_BUMP \
	"CREATE TRIGGER IF NOT EXISTS plan_in_dict_upd AFTER UPDATE ON plan_competency" PLAN_BUMP \
	"CREATE TRIGGER IF NOT EXISTS plan_in_dict_del AFTER DELETE ON plan_competency" PLAN_BUMP \
	"CREATE TRIGGER IF NOT EXISTS plan_in_pos_ins AFTER INSERT ON plan_position" PLAN_BUMP \
	"CREATE TRIGGER IF NOT EXISTS plan_in_pos_upd AFTER UPDATE ON plan_position" PLAN_BUMP \
	"CREATE TRIGGER IF NOT EXISTS plan_in_pos_del AFTER DELETE ON plan_position" PLAN_BUMP \
	"CREATE TRIGGER IF NOT EXISTS plan_in_std_ins AFTER INSERT ON plan_standard" PLAN_BUMP \
	"CREATE TRIGGER IF NOT EXISTS plan_in_std_upd AFTER UPDATE ON plan_standard" PLAN_BUMP \
	"CREATE TRIGGER IF NOT EXISTS plan_in_std_del AFTER DELETE ON plan_standard" PLAN_BUMP \
	"CREATE TRIGGER IF NOT EXISTS plan_in_prof_ins AFTER INSERT ON plan_profile" PLAN_BUMP \
	"CREATE TRIGGER IF NOT EXISTS plan_in_prof_upd AFTER UPDATE ON plan_profile" PLAN_BUMP \
	"CREATE TRIGGER IF NOT EXISTS plan_in_prof_del AFTER DELETE ON plan_profile" PLAN_BUMP \
	"CREATE TRIGGER IF NOT EXISTS plan_in_target_ins AFTER INSERT ON plan_target" PLAN_BUMP \
	"CREATE TRIGGER IF NOT EXISTS plan_in_target_upd AFTER UPDATE ON plan_target" PLAN_BUMP \
	"CREATE TRIGGER IF NOT EXISTS plan_in_target_del AFTER DELETE ON plan_target" PLAN_BUMP \
	"CREATE TRIGGER IF NOT EXISTS plan_in_skp_ins AFTER INSERT ON plan_skp" PLAN_BUMP \
	"CREATE TRIGGER IF NOT EXISTS plan_in_skp_upd AFTER UPDATE ON plan_skp" PLAN_BUMP \
	"CREATE TRIGGER IF NOT EXISTS plan_in_skp_del AFTER DELETE ON plan_skp" PLAN_BUMP \
	"CREATE TRIGGER IF NOT EXISTS plan_in_prop_ins AFTER INSERT ON plan_proposal" PLAN_BUMP \
	"CREATE TRIGGER IF NOT EXISTS plan_in_prop_upd AFTER UPDATE ON plan_proposal" PLAN_BUMP \
	"CREATE TRIGGER IF NOT EXISTS plan_in_prop_del AFTER DELETE ON plan_proposal" PLAN_BUMP

#endif
