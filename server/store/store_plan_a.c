/* store_plan_a: planning part A storage. See store_plan.h. */
#include <stdio.h>
#include <string.h>

#include "store_int.h"
#include "store_plan.h"

/* Statement ids: one per statement, numbered by the compiler from
   this file's range (store_int.h), which STORE_IDS_FIT checks. */
enum {
	S_PLAN_COMP_PUT = SLOT_PLANA,
	S_PLAN_COMPS,
	S_PLAN_POSITION_PUT,
	S_PLAN_STANDARD_CLEAR,
	S_PLAN_STANDARD_PUT,
	S_PLAN_STANDARDS,
	S_PLAN_PROFILE_PUT,
	S_PLAN_EVIDENCE,
	S_PLAN_TARGET_SET,
	S_PLAN_TARGET_SET_2,
	S_PLAN_SKP_PUT,
	S_PLAN_SKP_GET,
	S_PLAN_SKP_LATEST,
	S_PLAN_SKM_CLEAR,
	S_PLAN_SKM_PUT,
	S_PLAN_SKM_GET,
	S_PLAN_SKM_LIST,
	S_PLAN_PROPOSAL_ADD,
	S_PLAN_PROPOSALS,
	S_PLAN_PROPOSAL_DECIDE,
	S_PLAN_PEOPLE,
	S_PLAN_VERSION,
	S_PLAN_META_GET,
	S_PLAN_GEN,
	S_PLAN_GAP_PURGE,
	S_PLAN_GAP_PUT,
	S_PLAN_CELL_PUT,
	S_PLAN_META_SET,
	S_PLAN_CELLS,
	S_PLAN_GAPS,
	S_PLAN_GAPS_LAST_ = S_PLAN_GAPS + PLAN_SORT_COMPETENCY,	/* one per sort */
	S_PLAN_TARGET_GET,
	S_PLAN_EVIDENCE_2,
	S_PLAN_CELLS_CLEAR,
	S_PLANA_END_
};
STORE_IDS_FIT(S_PLANA_END_, SLOT_PLANA);

#define T(q, i, s)	db_bind_text(q, i, s, -1)

/* Steps an iterator to the end: 0 done, -1 error. */
static int
done(struct store *st, struct db_stmt *q, int rc, const char *what)
{
	if (rc != DB_DONE)
		return store_fail(st, what);
	db_reset(q);
	return 0;
}

static const char *
col(struct db_stmt *q, int i)
{
	const char *t = db_column_text(q, i);

	return t ? (const char *)t : "";
}

int
store_plan_comp_put(struct store *st, const struct plan_comp *c, int64_t now)
{
	struct db_stmt	*q = store_stmt(st, S_PLAN_COMP_PUT,
	    "INSERT INTO plan_competency (key, name, ctype, definition,"
	    " l1, l2, l3, l4, l5, updated_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
	    " ON CONFLICT (key) DO UPDATE SET name = excluded.name,"
	    " ctype = excluded.ctype, definition = excluded.definition,"
	    " l1 = excluded.l1, l2 = excluded.l2, l3 = excluded.l3,"
	    " l4 = excluded.l4, l5 = excluded.l5,"
	    " updated_at = excluded.updated_at");
	int	 i;

	if (q == NULL)
		return -1;
	T(q, 1, c->key);
	T(q, 2, c->name);
	T(q, 3, c->ctype);
	T(q, 4, c->definition);
	for (i = 0; i < 5; i++)
		T(q, 5 + i, c->level[i]);
	db_bind_int64(q, 10, now);
	return store_exec_write(st, q);
}

int
store_plan_comps(struct store *st, void (*fn)(void *, const struct plan_comp *),
    void *arg)
{
	struct db_stmt	*q = store_stmt(st, S_PLAN_COMPS,
	    "SELECT key, name, ctype, definition, l1, l2, l3, l4, l5"
	    " FROM plan_competency ORDER BY name");
	struct plan_comp c;
	int		 rc, i;

	if (q == NULL)
		return -1;
	while ((rc = db_step(q)) == DB_ROW) {
		store_text(q, 0, c.key, sizeof(c.key));
		store_text(q, 1, c.name, sizeof(c.name));
		store_text(q, 2, c.ctype, sizeof(c.ctype));
		store_text(q, 3, c.definition, sizeof(c.definition));
		for (i = 0; i < 5; i++)
			store_text(q, 4 + i, c.level[i], sizeof(c.level[i]));
		fn(arg, &c);
	}
	return done(st, q, rc, "plan competencies");
}

int
store_plan_position_put(struct store *st, const char *pkey, const char *name,
    const char *pclass, int64_t now)
{
	struct db_stmt	*q = store_stmt(st, S_PLAN_POSITION_PUT,
	    "INSERT INTO plan_position (pkey, name, pclass, updated_at)"
	    " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (pkey) DO UPDATE SET"
	    " name = excluded.name, pclass = excluded.pclass,"
	    " updated_at = excluded.updated_at");

	if (q == NULL)
		return -1;
	T(q, 1, pkey);
	T(q, 2, name);
	T(q, 3, pclass);
	db_bind_int64(q, 4, now);
	return store_exec_write(st, q);
}

int
store_plan_standard_clear(struct store *st, const char *pkey)
{
	struct db_stmt	*q = store_stmt(st, S_PLAN_STANDARD_CLEAR,
	    "DELETE FROM plan_standard WHERE pkey = ?1");

	if (q == NULL)
		return -1;
	T(q, 1, pkey);
	return store_exec_write(st, q);
}

int
store_plan_standard_put(struct store *st, const char *pkey, const char *ckey,
    int level, int64_t now)
{
	struct db_stmt	*q = store_stmt(st, S_PLAN_STANDARD_PUT,
	    "INSERT INTO plan_standard (pkey, ckey, level, updated_at)"
	    " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (pkey, ckey) DO UPDATE SET"
	    " level = excluded.level, updated_at = excluded.updated_at");

	if (q == NULL)
		return -1;
	T(q, 1, pkey);
	T(q, 2, ckey);
	db_bind_int(q, 3, level);
	db_bind_int64(q, 4, now);
	return store_exec_write(st, q);
}

int
store_plan_standards(struct store *st, void (*fn)(void *, const char *,
    const char *, const char *, const char *, int), void *arg)
{
	struct db_stmt	*q = store_stmt(st, S_PLAN_STANDARDS,
	    "SELECT p.pkey, p.name, p.pclass, coalesce(s.ckey, ''),"
	    " coalesce(s.level, 0) FROM plan_position p"
	    " LEFT JOIN plan_standard s ON s.pkey = p.pkey"
	    " ORDER BY p.name, s.ckey");
	int		 rc;

	if (q == NULL)
		return -1;
	while ((rc = db_step(q)) == DB_ROW)
		fn(arg, col(q, 0), col(q, 1), col(q, 2), col(q, 3),
		    db_column_int(q, 4));
	return done(st, q, rc, "plan standards");
}

int
store_plan_profile_put(struct store *st, int64_t user, const char *ckey,
    const char *source, const char *ref, int level, int64_t at, int64_t now)
{
	struct db_stmt	*q = store_stmt(st, S_PLAN_PROFILE_PUT,
	    "INSERT INTO plan_profile (user_id, ckey, source, ref, level, at,"
	    " recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
	    " ON CONFLICT (user_id, ckey, source, ref) DO UPDATE SET"
	    " level = excluded.level, at = excluded.at,"
	    " recorded_at = excluded.recorded_at");

	if (q == NULL)
		return -1;
	db_bind_int64(q, 1, user);
	T(q, 2, ckey);
	T(q, 3, source);
	T(q, 4, ref);
	db_bind_int(q, 5, level);
	db_bind_int64(q, 6, at);
	db_bind_int64(q, 7, now);
	return store_exec_write(st, q);
}

#define EVIDENCE_SQL(where) \
	"SELECT x.user_id, x.ckey, x.source, x.ref, x.level, x.at FROM (" \
	" SELECT user_id, ckey, source, ref, level, at FROM plan_profile" \
	where \
	" UNION ALL" \
	" SELECT user_id, competency, 'kursus', course, level, completed_at" \
	" FROM completions" where ") x" \
	" ORDER BY x.user_id, x.ckey, x.source, x.at DESC"

int
store_plan_evidence(struct store *st, int64_t user, void (*fn)(void *,
    int64_t, const char *, const char *, const char *, int, int64_t),
    void *arg)
{
	/* One person's rows by their index, or everyone's in one scan. */
	struct db_stmt	*q = user ? store_stmt(st, S_PLAN_EVIDENCE,
	    EVIDENCE_SQL(" WHERE user_id = ?1")) : store_stmt(st,
	    S_PLAN_EVIDENCE_2, EVIDENCE_SQL(""));
	int		 rc;

	if (q == NULL)
		return -1;
	if (user)
		db_bind_int64(q, 1, user);
	while ((rc = db_step(q)) == DB_ROW)
		fn(arg, db_column_int64(q, 0), col(q, 1), col(q, 2),
		    col(q, 3), db_column_int(q, 4),
		    db_column_int64(q, 5));
	return done(st, q, rc, "plan evidence");
}

int
store_plan_target_set(struct store *st, int64_t user, const char *position,
    int64_t now)
{
	struct db_stmt	*q;

	if (position == NULL || position[0] == '\0') {
		q = store_stmt(st, S_PLAN_TARGET_SET,
		    "DELETE FROM plan_target WHERE user_id = ?1");
		if (q == NULL)
			return -1;
		db_bind_int64(q, 1, user);
		return store_exec_write(st, q);
	}
	q = store_stmt(st, S_PLAN_TARGET_SET_2,
	    "INSERT INTO plan_target (user_id, position, set_at)"
	    " VALUES (?1, ?2, ?3) ON CONFLICT (user_id) DO UPDATE SET"
	    " position = excluded.position, set_at = excluded.set_at");
	if (q == NULL)
		return -1;
	db_bind_int64(q, 1, user);
	T(q, 2, position);
	db_bind_int64(q, 3, now);
	return store_exec_write(st, q);
}

int
store_plan_target_get(struct store *st, int64_t user, char *out, size_t len)
{
	struct db_stmt	*q = store_stmt(st, S_PLAN_TARGET_GET,
	    "SELECT position FROM plan_target WHERE user_id = ?1");
	int		 rc;

	out[0] = '\0';
	if (q == NULL)
		return -1;
	db_bind_int64(q, 1, user);
	if ((rc = store_row(st, q, "plan target")) != 0)
		return rc == 1 ? 0 : -1;
	store_text(q, 0, out, len);
	db_reset(q);
	return 0;
}

int
store_plan_skp_put(struct store *st, int64_t user, int year, int predikat,
    int box, int64_t now)
{
	struct db_stmt	*q = store_stmt(st, S_PLAN_SKP_PUT,
	    "INSERT INTO plan_skp (user_id, year, predikat, box, imported_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (user_id, year) DO UPDATE"
	    " SET predikat = excluded.predikat, box = excluded.box,"
	    " imported_at = excluded.imported_at");

	if (q == NULL)
		return -1;
	db_bind_int64(q, 1, user);
	db_bind_int(q, 2, year);
	db_bind_int(q, 3, predikat);
	db_bind_int(q, 4, box);
	db_bind_int64(q, 5, now);
	return store_exec_write(st, q);
}

int
store_plan_skp_get(struct store *st, int64_t user, int year, int *predikat,
    int *box)
{
	struct db_stmt	*q = store_stmt(st, S_PLAN_SKP_GET,
	    "SELECT predikat, box FROM plan_skp WHERE user_id = ?1 AND year = ?2");
	int		 rc;

	if (q == NULL)
		return -1;
	db_bind_int64(q, 1, user);
	db_bind_int(q, 2, year);
	if ((rc = store_row(st, q, "plan skp")) != 0)
		return rc;
	*predikat = db_column_int(q, 0);
	if (box)
		*box = db_column_int(q, 1);
	db_reset(q);
	return 0;
}

int
store_plan_skp_latest(struct store *st, void (*fn)(void *, int64_t, int, int),
    void *arg)
{
	struct db_stmt	*q = store_stmt(st, S_PLAN_SKP_LATEST,
	    "SELECT s.user_id, s.year, s.predikat FROM plan_skp s"
	    " JOIN (SELECT user_id, max(year) AS y FROM plan_skp"
	    " GROUP BY user_id) m ON m.user_id = s.user_id AND m.y = s.year");
	int		 rc;

	if (q == NULL)
		return -1;
	while ((rc = db_step(q)) == DB_ROW)
		fn(arg, db_column_int64(q, 0), db_column_int(q, 1),
		    db_column_int(q, 2));
	return done(st, q, rc, "plan skp latest");
}

int
store_plan_skm_clear(struct store *st, const char *unit, const char *period)
{
	struct db_stmt	*q = store_stmt(st, S_PLAN_SKM_CLEAR,
	    "DELETE FROM plan_skm WHERE unit = ?1 AND period = ?2");

	if (q == NULL)
		return -1;
	T(q, 1, unit);
	T(q, 2, period);
	return store_exec_write(st, q);
}

int
store_plan_skm_put(struct store *st, const char *unit, const char *period,
    int unsur, int64_t total, int64_t answers, int64_t now)
{
	struct db_stmt	*q = store_stmt(st, S_PLAN_SKM_PUT,
	    "INSERT INTO plan_skm (unit, period, unsur, total, answers,"
	    " imported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
	    " ON CONFLICT (unit, period, unsur) DO UPDATE SET"
	    " total = excluded.total, answers = excluded.answers,"
	    " imported_at = excluded.imported_at");

	if (q == NULL)
		return -1;
	T(q, 1, unit);
	T(q, 2, period);
	db_bind_int(q, 3, unsur);
	db_bind_int64(q, 4, total);
	db_bind_int64(q, 5, answers);
	db_bind_int64(q, 6, now);
	return store_exec_write(st, q);
}

int
store_plan_skm_get(struct store *st, const char *unit, const char *period,
    int64_t total[9], int64_t answers[9])
{
	struct db_stmt	*q = store_stmt(st, S_PLAN_SKM_GET,
	    "SELECT unsur, total, answers FROM plan_skm"
	    " WHERE unit = ?1 AND period = ?2 ORDER BY unsur");
	int		 rc, u, n = 0;

	if (q == NULL)
		return -1;
	memset(total, 0, 9 * sizeof(*total));
	memset(answers, 0, 9 * sizeof(*answers));
	T(q, 1, unit);
	T(q, 2, period);
	while ((rc = db_step(q)) == DB_ROW) {
		u = db_column_int(q, 0);
		if (u >= 1 && u <= 9) {
			total[u - 1] = db_column_int64(q, 1);
			answers[u - 1] = db_column_int64(q, 2);
			n++;
		}
	}
	if (done(st, q, rc, "plan skm") == -1)
		return -1;
	return n ? 0 : 1;
}

int
store_plan_skm_list(struct store *st, void (*fn)(void *, const char *,
    const char *), void *arg)
{
	struct db_stmt	*q = store_stmt(st, S_PLAN_SKM_LIST,
	    "SELECT DISTINCT unit, period FROM plan_skm ORDER BY unit, period");
	int		 rc;

	if (q == NULL)
		return -1;
	while ((rc = db_step(q)) == DB_ROW)
		fn(arg, col(q, 0), col(q, 1));
	return done(st, q, rc, "plan skm list");
}

int
store_plan_proposal_add(struct store *st, const struct plan_proposal *p,
    int64_t now)
{
	struct db_stmt	*q = store_stmt(st, S_PLAN_PROPOSAL_ADD,
	    "INSERT INTO plan_proposal (unit, period, unsur, nrr, ckey, source,"
	    " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
	    " ON CONFLICT (unit, period, unsur, ckey) DO UPDATE SET"
	    " nrr = excluded.nrr");

	if (q == NULL)
		return -1;
	T(q, 1, p->unit);
	T(q, 2, p->period);
	db_bind_int(q, 3, p->unsur);
	db_bind_double(q, 4, p->nrr);
	T(q, 5, p->ckey);
	T(q, 6, p->source);
	db_bind_int64(q, 7, now);
	return store_exec_write(st, q);
}

int
store_plan_proposals(struct store *st,
    void (*fn)(void *, const struct plan_proposal *), void *arg)
{
	struct db_stmt	*q = store_stmt(st, S_PLAN_PROPOSALS,
	    "SELECT id, unit, period, unsur, nrr, ckey, source, status,"
	    " created_at, coalesce(decided_at, 0) FROM plan_proposal"
	    " ORDER BY status = 'usulan' DESC, unit, period, unsur, ckey");
	struct plan_proposal p;
	int		 rc;

	if (q == NULL)
		return -1;
	while ((rc = db_step(q)) == DB_ROW) {
		p.id = db_column_int64(q, 0);
		store_text(q, 1, p.unit, sizeof(p.unit));
		store_text(q, 2, p.period, sizeof(p.period));
		p.unsur = db_column_int(q, 3);
		p.nrr = db_column_double(q, 4);
		store_text(q, 5, p.ckey, sizeof(p.ckey));
		store_text(q, 6, p.source, sizeof(p.source));
		store_text(q, 7, p.status, sizeof(p.status));
		p.created_at = db_column_int64(q, 8);
		p.decided_at = db_column_int64(q, 9);
		fn(arg, &p);
	}
	return done(st, q, rc, "plan proposals");
}

int
store_plan_proposal_decide(struct store *st, int64_t id, const char *status,
    int64_t actor, int64_t now)
{
	struct db_stmt	*q = store_stmt(st, S_PLAN_PROPOSAL_DECIDE,
	    "UPDATE plan_proposal SET status = ?2, decided_by = ?3,"
	    " decided_at = ?4 WHERE id = ?1 AND status = 'usulan'");

	if (q == NULL)
		return -1;
	db_bind_int64(q, 1, id);
	T(q, 2, status);
	if (actor > 0)
		db_bind_int64(q, 3, actor);
	db_bind_int64(q, 4, now);
	if (store_exec_write(st, q) == -1)
		return -1;
	return db_changes(st->db) == 1 ? 0 : 1;
}

int
store_plan_people(struct store *st, void (*fn)(void *, int64_t, const char *,
    const char *, const char *), void *arg)
{
	struct db_stmt	*q = store_stmt(st, S_PLAN_PEOPLE,
	    "SELECT u.id, u.unit, u.position, coalesce(t.position, '')"
	    " FROM users u LEFT JOIN plan_target t ON t.user_id = u.id"
	    " WHERE u.active = 1 ORDER BY u.id");
	int		 rc;

	if (q == NULL)
		return -1;
	while ((rc = db_step(q)) == DB_ROW)
		fn(arg, db_column_int64(q, 0), col(q, 1), col(q, 2),
		    col(q, 3));
	return done(st, q, rc, "plan people");
}

int
store_plan_version(struct store *st, char *out, size_t outlen)
{
	/* Bumped by the step 13 triggers on every input of the summary:
	   "planning inputs.ledger". */
	struct db_stmt	*q = store_stmt(st, S_PLAN_VERSION,
	    "SELECT (SELECT value FROM counters WHERE name = 'plan_inputs'),"
	    " (SELECT value FROM counters WHERE name = 'plan_ledger')");
	int		 rc;

	if (q == NULL)
		return -1;
	if ((rc = store_row(st, q, "plan version")) != 0)
		return -1;
	snprintf(out, outlen, "%lld.%lld", (long long)db_column_int64(q, 0),
	    (long long)db_column_int64(q, 1));
	db_reset(q);
	return 0;
}

int
store_plan_meta_get(struct store *st, char *version, size_t len,
    int64_t *built_at)
{
	struct db_stmt	*q = store_stmt(st, S_PLAN_META_GET,
	    "SELECT version, built_at FROM plan_gap_meta WHERE id = 1");
	int		 rc;

	if (q == NULL)
		return -1;
	if ((rc = store_row(st, q, "plan meta")) != 0)
		return rc;
	store_text(q, 0, version, len);
	if (built_at)
		*built_at = db_column_int64(q, 1);
	db_reset(q);
	return 0;
}

int
store_plan_gen(struct store *st, int64_t *gen)
{
	struct db_stmt	*q = store_stmt(st, S_PLAN_GEN,
	    "SELECT coalesce((SELECT gen FROM plan_gap_meta WHERE id = 1), 0)");
	int		 rc;

	if (q == NULL)
		return -1;
	if ((rc = store_row(st, q, "plan gen")) != 0)
		return -1;
	*gen = db_column_int64(q, 0);
	db_reset(q);
	return 0;
}

int
store_plan_gap_purge(struct store *st, int64_t keep, int limit)
{
	struct db_stmt	*q = store_stmt(st, S_PLAN_GAP_PURGE,
	    "DELETE FROM plan_gap WHERE (gen, user_id, target, ckey) IN"
	    " (SELECT gen, user_id, target, ckey FROM plan_gap"
	    " WHERE gen <> ?1 LIMIT ?2)");

	if (q == NULL)
		return -1;
	db_bind_int64(q, 1, keep);
	db_bind_int(q, 2, limit);
	if (store_exec_write(st, q) == -1)
		return -1;
	return db_changes(st->db);
}

int
store_plan_gap_put(struct store *st, int64_t gen, int64_t user, int target,
    const char *ckey, int required, int achieved, int priority)
{
	struct db_stmt	*q = store_stmt(st, S_PLAN_GAP_PUT,
	    "INSERT INTO plan_gap (gen, user_id, target, ckey, required,"
	    " achieved, gap, priority) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
	    " ON CONFLICT (gen, user_id, target, ckey) DO UPDATE SET"
	    " required = excluded.required, achieved = excluded.achieved,"
	    " gap = excluded.gap, priority = excluded.priority");

	if (q == NULL)
		return -1;
	db_bind_int64(q, 1, gen);
	db_bind_int64(q, 2, user);
	db_bind_int(q, 3, target);
	T(q, 4, ckey);
	db_bind_int(q, 5, required);
	db_bind_int(q, 6, achieved);
	db_bind_int(q, 7, required - achieved);
	db_bind_int(q, 8, priority);
	return store_exec_write(st, q);
}

int
store_plan_cells_clear(struct store *st)
{
	struct db_stmt	*q = store_stmt(st, S_PLAN_CELLS_CLEAR,
	    "DELETE FROM plan_gap_cell");

	if (q == NULL)
		return -1;
	return store_exec_write(st, q);
}

int
store_plan_cell_put(struct store *st, const char *unit, const char *ckey,
    int people, int shortn, int gap_sum)
{
	struct db_stmt	*q = store_stmt(st, S_PLAN_CELL_PUT,
	    "INSERT INTO plan_gap_cell (unit, ckey, people, short, gap_sum)"
	    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (unit, ckey) DO UPDATE"
	    " SET people = excluded.people, short = excluded.short,"
	    " gap_sum = excluded.gap_sum");

	if (q == NULL)
		return -1;
	T(q, 1, unit);
	T(q, 2, ckey);
	db_bind_int(q, 3, people);
	db_bind_int(q, 4, shortn);
	db_bind_int(q, 5, gap_sum);
	return store_exec_write(st, q);
}

int
store_plan_meta_set(struct store *st, int64_t gen, const char *version,
    int64_t now)
{
	struct db_stmt	*q = store_stmt(st, S_PLAN_META_SET,
	    "INSERT INTO plan_gap_meta (id, gen, version, built_at)"
	    " VALUES (1, ?1, ?2, ?3) ON CONFLICT (id) DO UPDATE SET"
	    " gen = excluded.gen, version = excluded.version,"
	    " built_at = excluded.built_at");

	if (q == NULL)
		return -1;
	db_bind_int64(q, 1, gen);
	T(q, 2, version);
	db_bind_int64(q, 3, now);
	return store_exec_write(st, q);
}

int
store_plan_cells(struct store *st, void (*fn)(void *, const char *,
    const char *, int, int, int), void *arg)
{
	struct db_stmt	*q = store_stmt(st, S_PLAN_CELLS,
	    "SELECT unit, ckey, people, short, gap_sum FROM plan_gap_cell"
	    " ORDER BY unit, ckey");
	int		 rc;

	if (q == NULL)
		return -1;
	while ((rc = db_step(q)) == DB_ROW)
		fn(arg, col(q, 0), col(q, 1), db_column_int(q, 2),
		    db_column_int(q, 3), db_column_int(q, 4));
	return done(st, q, rc, "plan cells");
}

#define GAPS_SQL_FROM(from, order) \
	"SELECT g.user_id, u.nip, u.name, u.unit, u.position, g.ckey," \
	" g.target, g.required, g.achieved, g.gap, g.priority" \
	" FROM " from " WHERE u.id = g.user_id" \
	" AND g.gen = ?7 AND (?1 = 0 OR g.user_id = ?1)" \
	" AND (?2 = -1 OR g.target = ?2)" \
	" AND (?3 = '' OR u.unit = ?3) AND (?4 = '' OR g.ckey = ?4)" \
	" AND (?1 <> 0 OR g.gap > 0)" \
	" ORDER BY " order " LIMIT ?5 OFFSET ?6"
#define GAPS_SQL(order)	GAPS_SQL_FROM("plan_gap g JOIN users u ON u.id = g.user_id", \
    order)
/* People in name or unit order first, then their rows: CROSS JOIN keeps
   that order (SQLite does not reorder it), so a page is read, not sorted. */
#define GAPS_SQL_USERS(order) \
	GAPS_SQL_FROM("users u CROSS JOIN plan_gap g", order)

int
store_plan_gaps(struct store *st, const struct plan_gap_filter *f,
    void (*fn)(void *, const struct plan_gap_row *), void *arg)
{
	static const char *const sql[] = {
		/* Index order (plan_gap_priority, plan_gap_gap), so a page
		   is read off the index, not sorted out of a million rows. */
		[PLAN_SORT_PRIORITY] = GAPS_SQL("g.priority DESC, g.gap DESC,"
		    " g.user_id DESC, g.ckey DESC"),
		[PLAN_SORT_GAP] = GAPS_SQL("g.gap DESC, g.priority DESC,"
		    " g.user_id DESC, g.ckey DESC"),
		/* users(name) and users(unit) give (name, id) and (unit, id)
		   order; plan_gap's key then (user_id, target, ckey). */
		[PLAN_SORT_NAME] = GAPS_SQL_USERS("u.name, u.id, g.target,"
		    " g.ckey"),
		[PLAN_SORT_UNIT] = GAPS_SQL_USERS("u.unit, u.id, g.target,"
		    " g.ckey"),
		[PLAN_SORT_COMPETENCY] = GAPS_SQL("g.ckey, g.gap DESC,"
		    " g.priority DESC, g.user_id DESC"),
	};
	struct plan_gap_row r;
	struct db_stmt	*q;
	int64_t		 gen;
	int		 rc, s = f->sort;

	if (s < 0 || s > PLAN_SORT_COMPETENCY)
		s = PLAN_SORT_PRIORITY;
	if (store_plan_gen(st, &gen) == -1)
		return -1;
	if ((q = store_stmt(st, S_PLAN_GAPS + s, sql[s])) == NULL)
		return -1;
	db_bind_int64(q, 1, f->user);
	db_bind_int(q, 2, f->target);
	T(q, 3, f->unit ? f->unit : "");
	T(q, 4, f->ckey ? f->ckey : "");
	db_bind_int(q, 5, f->limit > 0 ? f->limit : 100);
	db_bind_int(q, 6, f->offset > 0 ? f->offset : 0);
	db_bind_int64(q, 7, gen);
	while ((rc = db_step(q)) == DB_ROW) {
		r.user = db_column_int64(q, 0);
		store_text(q, 1, r.nip, sizeof(r.nip));
		store_text(q, 2, r.name, sizeof(r.name));
		store_text(q, 3, r.unit, sizeof(r.unit));
		store_text(q, 4, r.position, sizeof(r.position));
		store_text(q, 5, r.ckey, sizeof(r.ckey));
		r.target = db_column_int(q, 6);
		r.required = db_column_int(q, 7);
		r.achieved = db_column_int(q, 8);
		r.gap = db_column_int(q, 9);
		r.priority = db_column_int(q, 10);
		fn(arg, &r);
	}
	return done(st, q, rc, "plan gaps");
}
