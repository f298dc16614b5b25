/* store_plan_a: planning part A storage. See store_plan.h. */
#include <stdio.h>
#include <string.h>

#include "store_int.h"
#include "store_plan.h"

#define T(q, i, s)	sqlite3_bind_text(q, i, s, -1, SQLITE_STATIC)

/* Steps an iterator to the end: 0 done, -1 error. */
static int
done(struct store *st, sqlite3_stmt *q, int rc, const char *what)
{
	if (rc != SQLITE_DONE)
		return store_fail(st, what);
	sqlite3_reset(q);
	return 0;
}

static const char *
col(sqlite3_stmt *q, int i)
{
	const unsigned char *t = sqlite3_column_text(q, i);

	return t ? (const char *)t : "";
}

int
store_plan_comp_put(struct store *st, const struct plan_comp *c, int64_t now)
{
	sqlite3_stmt	*q = store_stmt(st, SLOT_PLANA + 0,
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
	sqlite3_bind_int64(q, 10, now);
	return store_exec_write(st, q);
}

int
store_plan_comps(struct store *st, void (*fn)(void *, const struct plan_comp *),
    void *arg)
{
	sqlite3_stmt	*q = store_stmt(st, SLOT_PLANA + 1,
	    "SELECT key, name, ctype, definition, l1, l2, l3, l4, l5"
	    " FROM plan_competency ORDER BY name");
	struct plan_comp c;
	int		 rc, i;

	if (q == NULL)
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
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
	sqlite3_stmt	*q = store_stmt(st, SLOT_PLANA + 2,
	    "INSERT INTO plan_position (pkey, name, pclass, updated_at)"
	    " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (pkey) DO UPDATE SET"
	    " name = excluded.name, pclass = excluded.pclass,"
	    " updated_at = excluded.updated_at");

	if (q == NULL)
		return -1;
	T(q, 1, pkey);
	T(q, 2, name);
	T(q, 3, pclass);
	sqlite3_bind_int64(q, 4, now);
	return store_exec_write(st, q);
}

int
store_plan_standard_clear(struct store *st, const char *pkey)
{
	sqlite3_stmt	*q = store_stmt(st, SLOT_PLANA + 3,
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
	sqlite3_stmt	*q = store_stmt(st, SLOT_PLANA + 4,
	    "INSERT INTO plan_standard (pkey, ckey, level, updated_at)"
	    " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (pkey, ckey) DO UPDATE SET"
	    " level = excluded.level, updated_at = excluded.updated_at");

	if (q == NULL)
		return -1;
	T(q, 1, pkey);
	T(q, 2, ckey);
	sqlite3_bind_int(q, 3, level);
	sqlite3_bind_int64(q, 4, now);
	return store_exec_write(st, q);
}

int
store_plan_standards(struct store *st, void (*fn)(void *, const char *,
    const char *, const char *, const char *, int), void *arg)
{
	sqlite3_stmt	*q = store_stmt(st, SLOT_PLANA + 5,
	    "SELECT p.pkey, p.name, p.pclass, coalesce(s.ckey, ''),"
	    " coalesce(s.level, 0) FROM plan_position p"
	    " LEFT JOIN plan_standard s ON s.pkey = p.pkey"
	    " ORDER BY p.name, s.ckey");
	int		 rc;

	if (q == NULL)
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		fn(arg, col(q, 0), col(q, 1), col(q, 2), col(q, 3),
		    sqlite3_column_int(q, 4));
	return done(st, q, rc, "plan standards");
}

int
store_plan_profile_put(struct store *st, int64_t user, const char *ckey,
    const char *source, const char *ref, int level, int64_t at, int64_t now)
{
	sqlite3_stmt	*q = store_stmt(st, SLOT_PLANA + 6,
	    "INSERT INTO plan_profile (user_id, ckey, source, ref, level, at,"
	    " recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
	    " ON CONFLICT (user_id, ckey, source, ref) DO UPDATE SET"
	    " level = excluded.level, at = excluded.at,"
	    " recorded_at = excluded.recorded_at");

	if (q == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, user);
	T(q, 2, ckey);
	T(q, 3, source);
	T(q, 4, ref);
	sqlite3_bind_int(q, 5, level);
	sqlite3_bind_int64(q, 6, at);
	sqlite3_bind_int64(q, 7, now);
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
	sqlite3_stmt	*q = user ? store_stmt(st, SLOT_PLANA + 7,
	    EVIDENCE_SQL(" WHERE user_id = ?1")) : store_stmt(st,
	    SLOT_PLANA + 41, EVIDENCE_SQL(""));
	int		 rc;

	if (q == NULL)
		return -1;
	if (user)
		sqlite3_bind_int64(q, 1, user);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		fn(arg, sqlite3_column_int64(q, 0), col(q, 1), col(q, 2),
		    col(q, 3), sqlite3_column_int(q, 4),
		    sqlite3_column_int64(q, 5));
	return done(st, q, rc, "plan evidence");
}

int
store_plan_target_set(struct store *st, int64_t user, const char *position,
    int64_t now)
{
	sqlite3_stmt	*q;

	if (position == NULL || position[0] == '\0') {
		q = store_stmt(st, SLOT_PLANA + 8,
		    "DELETE FROM plan_target WHERE user_id = ?1");
		if (q == NULL)
			return -1;
		sqlite3_bind_int64(q, 1, user);
		return store_exec_write(st, q);
	}
	q = store_stmt(st, SLOT_PLANA + 9,
	    "INSERT INTO plan_target (user_id, position, set_at)"
	    " VALUES (?1, ?2, ?3) ON CONFLICT (user_id) DO UPDATE SET"
	    " position = excluded.position, set_at = excluded.set_at");
	if (q == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, user);
	T(q, 2, position);
	sqlite3_bind_int64(q, 3, now);
	return store_exec_write(st, q);
}

int
store_plan_target_get(struct store *st, int64_t user, char *out, size_t len)
{
	sqlite3_stmt	*q = store_stmt(st, SLOT_PLANA + 40,
	    "SELECT position FROM plan_target WHERE user_id = ?1");
	int		 rc;

	out[0] = '\0';
	if (q == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, user);
	if ((rc = store_row(st, q, "plan target")) != 0)
		return rc == 1 ? 0 : -1;
	store_text(q, 0, out, len);
	sqlite3_reset(q);
	return 0;
}

int
store_plan_skp_put(struct store *st, int64_t user, int year, int predikat,
    int box, int64_t now)
{
	sqlite3_stmt	*q = store_stmt(st, SLOT_PLANA + 10,
	    "INSERT INTO plan_skp (user_id, year, predikat, box, imported_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (user_id, year) DO UPDATE"
	    " SET predikat = excluded.predikat, box = excluded.box,"
	    " imported_at = excluded.imported_at");

	if (q == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, user);
	sqlite3_bind_int(q, 2, year);
	sqlite3_bind_int(q, 3, predikat);
	sqlite3_bind_int(q, 4, box);
	sqlite3_bind_int64(q, 5, now);
	return store_exec_write(st, q);
}

int
store_plan_skp_get(struct store *st, int64_t user, int year, int *predikat,
    int *box)
{
	sqlite3_stmt	*q = store_stmt(st, SLOT_PLANA + 11,
	    "SELECT predikat, box FROM plan_skp WHERE user_id = ?1 AND year = ?2");
	int		 rc;

	if (q == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, user);
	sqlite3_bind_int(q, 2, year);
	if ((rc = store_row(st, q, "plan skp")) != 0)
		return rc;
	*predikat = sqlite3_column_int(q, 0);
	if (box)
		*box = sqlite3_column_int(q, 1);
	sqlite3_reset(q);
	return 0;
}

int
store_plan_skp_latest(struct store *st, void (*fn)(void *, int64_t, int, int),
    void *arg)
{
	sqlite3_stmt	*q = store_stmt(st, SLOT_PLANA + 12,
	    "SELECT s.user_id, s.year, s.predikat FROM plan_skp s"
	    " JOIN (SELECT user_id, max(year) AS y FROM plan_skp"
	    " GROUP BY user_id) m ON m.user_id = s.user_id AND m.y = s.year");
	int		 rc;

	if (q == NULL)
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		fn(arg, sqlite3_column_int64(q, 0), sqlite3_column_int(q, 1),
		    sqlite3_column_int(q, 2));
	return done(st, q, rc, "plan skp latest");
}

int
store_plan_skm_clear(struct store *st, const char *unit, const char *period)
{
	sqlite3_stmt	*q = store_stmt(st, SLOT_PLANA + 13,
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
	sqlite3_stmt	*q = store_stmt(st, SLOT_PLANA + 14,
	    "INSERT INTO plan_skm (unit, period, unsur, total, answers,"
	    " imported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
	    " ON CONFLICT (unit, period, unsur) DO UPDATE SET"
	    " total = excluded.total, answers = excluded.answers,"
	    " imported_at = excluded.imported_at");

	if (q == NULL)
		return -1;
	T(q, 1, unit);
	T(q, 2, period);
	sqlite3_bind_int(q, 3, unsur);
	sqlite3_bind_int64(q, 4, total);
	sqlite3_bind_int64(q, 5, answers);
	sqlite3_bind_int64(q, 6, now);
	return store_exec_write(st, q);
}

int
store_plan_skm_get(struct store *st, const char *unit, const char *period,
    int64_t total[9], int64_t answers[9])
{
	sqlite3_stmt	*q = store_stmt(st, SLOT_PLANA + 15,
	    "SELECT unsur, total, answers FROM plan_skm"
	    " WHERE unit = ?1 AND period = ?2 ORDER BY unsur");
	int		 rc, u, n = 0;

	if (q == NULL)
		return -1;
	memset(total, 0, 9 * sizeof(*total));
	memset(answers, 0, 9 * sizeof(*answers));
	T(q, 1, unit);
	T(q, 2, period);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		u = sqlite3_column_int(q, 0);
		if (u >= 1 && u <= 9) {
			total[u - 1] = sqlite3_column_int64(q, 1);
			answers[u - 1] = sqlite3_column_int64(q, 2);
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
	sqlite3_stmt	*q = store_stmt(st, SLOT_PLANA + 16,
	    "SELECT DISTINCT unit, period FROM plan_skm ORDER BY unit, period");
	int		 rc;

	if (q == NULL)
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		fn(arg, col(q, 0), col(q, 1));
	return done(st, q, rc, "plan skm list");
}

int
store_plan_proposal_add(struct store *st, const struct plan_proposal *p,
    int64_t now)
{
	sqlite3_stmt	*q = store_stmt(st, SLOT_PLANA + 17,
	    "INSERT INTO plan_proposal (unit, period, unsur, nrr, ckey, source,"
	    " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
	    " ON CONFLICT (unit, period, unsur, ckey) DO UPDATE SET"
	    " nrr = excluded.nrr");

	if (q == NULL)
		return -1;
	T(q, 1, p->unit);
	T(q, 2, p->period);
	sqlite3_bind_int(q, 3, p->unsur);
	sqlite3_bind_double(q, 4, p->nrr);
	T(q, 5, p->ckey);
	T(q, 6, p->source);
	sqlite3_bind_int64(q, 7, now);
	return store_exec_write(st, q);
}

int
store_plan_proposals(struct store *st,
    void (*fn)(void *, const struct plan_proposal *), void *arg)
{
	sqlite3_stmt	*q = store_stmt(st, SLOT_PLANA + 18,
	    "SELECT id, unit, period, unsur, nrr, ckey, source, status,"
	    " created_at, coalesce(decided_at, 0) FROM plan_proposal"
	    " ORDER BY status = 'usulan' DESC, unit, period, unsur, ckey");
	struct plan_proposal p;
	int		 rc;

	if (q == NULL)
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		p.id = sqlite3_column_int64(q, 0);
		store_text(q, 1, p.unit, sizeof(p.unit));
		store_text(q, 2, p.period, sizeof(p.period));
		p.unsur = sqlite3_column_int(q, 3);
		p.nrr = sqlite3_column_double(q, 4);
		store_text(q, 5, p.ckey, sizeof(p.ckey));
		store_text(q, 6, p.source, sizeof(p.source));
		store_text(q, 7, p.status, sizeof(p.status));
		p.created_at = sqlite3_column_int64(q, 8);
		p.decided_at = sqlite3_column_int64(q, 9);
		fn(arg, &p);
	}
	return done(st, q, rc, "plan proposals");
}

int
store_plan_proposal_decide(struct store *st, int64_t id, const char *status,
    int64_t actor, int64_t now)
{
	sqlite3_stmt	*q = store_stmt(st, SLOT_PLANA + 19,
	    "UPDATE plan_proposal SET status = ?2, decided_by = ?3,"
	    " decided_at = ?4 WHERE id = ?1 AND status = 'usulan'");

	if (q == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	T(q, 2, status);
	if (actor > 0)
		sqlite3_bind_int64(q, 3, actor);
	sqlite3_bind_int64(q, 4, now);
	if (store_exec_write(st, q) == -1)
		return -1;
	return sqlite3_changes(st->db) == 1 ? 0 : 1;
}

int
store_plan_people(struct store *st, void (*fn)(void *, int64_t, const char *,
    const char *, const char *), void *arg)
{
	sqlite3_stmt	*q = store_stmt(st, SLOT_PLANA + 20,
	    "SELECT u.id, u.unit, u.position, coalesce(t.position, '')"
	    " FROM users u LEFT JOIN plan_target t ON t.user_id = u.id"
	    " WHERE u.active = 1 ORDER BY u.id");
	int		 rc;

	if (q == NULL)
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		fn(arg, sqlite3_column_int64(q, 0), col(q, 1), col(q, 2),
		    col(q, 3));
	return done(st, q, rc, "plan people");
}

int
store_plan_version(struct store *st, char *out, size_t outlen)
{
	/* Bumped by the step 13 triggers on every input of the summary:
	   "planning inputs.ledger". */
	sqlite3_stmt	*q = store_stmt(st, SLOT_PLANA + 21,
	    "SELECT (SELECT value FROM counters WHERE name = 'plan_inputs'),"
	    " (SELECT value FROM counters WHERE name = 'plan_ledger')");
	int		 rc;

	if (q == NULL)
		return -1;
	if ((rc = store_row(st, q, "plan version")) != 0)
		return -1;
	snprintf(out, outlen, "%lld.%lld", (long long)sqlite3_column_int64(q, 0),
	    (long long)sqlite3_column_int64(q, 1));
	sqlite3_reset(q);
	return 0;
}

int
store_plan_meta_get(struct store *st, char *version, size_t len,
    int64_t *built_at)
{
	sqlite3_stmt	*q = store_stmt(st, SLOT_PLANA + 22,
	    "SELECT version, built_at FROM plan_gap_meta WHERE id = 1");
	int		 rc;

	if (q == NULL)
		return -1;
	if ((rc = store_row(st, q, "plan meta")) != 0)
		return rc;
	store_text(q, 0, version, len);
	if (built_at)
		*built_at = sqlite3_column_int64(q, 1);
	sqlite3_reset(q);
	return 0;
}

int
store_plan_gap_reset(struct store *st)
{
	/* A million rows go in next: without the indexes, then the indexes
	   in one sorted pass (store_plan_gap_index), many times faster than
	   keeping them up to date row by row. Inside the caller's
	   transaction: readers keep the old summary until it commits. */
	if (sqlite3_exec(st->db, "DROP INDEX IF EXISTS plan_gap_priority;"
	    "DROP INDEX IF EXISTS plan_gap_gap;"
	    "DROP INDEX IF EXISTS plan_gap_ckey;"
	    "DELETE FROM plan_gap; DELETE FROM plan_gap_cell;", NULL, NULL,
	    NULL) != SQLITE_OK)
		return store_fail(st, "plan gap reset");
	return 0;
}

int
store_plan_gap_index(struct store *st)
{
	if (sqlite3_exec(st->db, PLAN_GAP_INDEXES, NULL, NULL, NULL) !=
	    SQLITE_OK)
		return store_fail(st, "plan gap index");
	return 0;
}

int
store_plan_gap_put(struct store *st, int64_t user, int target,
    const char *ckey, int required, int achieved, int priority)
{
	sqlite3_stmt	*q = store_stmt(st, SLOT_PLANA + 25,
	    "INSERT INTO plan_gap (user_id, target, ckey, required, achieved,"
	    " gap, priority) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
	    " ON CONFLICT (user_id, target, ckey) DO UPDATE SET"
	    " required = excluded.required, achieved = excluded.achieved,"
	    " gap = excluded.gap, priority = excluded.priority");

	if (q == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, user);
	sqlite3_bind_int(q, 2, target);
	T(q, 3, ckey);
	sqlite3_bind_int(q, 4, required);
	sqlite3_bind_int(q, 5, achieved);
	sqlite3_bind_int(q, 6, required - achieved);
	sqlite3_bind_int(q, 7, priority);
	return store_exec_write(st, q);
}

int
store_plan_cell_put(struct store *st, const char *unit, const char *ckey,
    int people, int shortn, int gap_sum)
{
	sqlite3_stmt	*q = store_stmt(st, SLOT_PLANA + 26,
	    "INSERT INTO plan_gap_cell (unit, ckey, people, short, gap_sum)"
	    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (unit, ckey) DO UPDATE"
	    " SET people = excluded.people, short = excluded.short,"
	    " gap_sum = excluded.gap_sum");

	if (q == NULL)
		return -1;
	T(q, 1, unit);
	T(q, 2, ckey);
	sqlite3_bind_int(q, 3, people);
	sqlite3_bind_int(q, 4, shortn);
	sqlite3_bind_int(q, 5, gap_sum);
	return store_exec_write(st, q);
}

int
store_plan_meta_set(struct store *st, const char *version, int64_t now)
{
	sqlite3_stmt	*q = store_stmt(st, SLOT_PLANA + 27,
	    "INSERT INTO plan_gap_meta (id, version, built_at)"
	    " VALUES (1, ?1, ?2) ON CONFLICT (id) DO UPDATE SET"
	    " version = excluded.version, built_at = excluded.built_at");

	if (q == NULL)
		return -1;
	T(q, 1, version);
	sqlite3_bind_int64(q, 2, now);
	return store_exec_write(st, q);
}

int
store_plan_cells(struct store *st, void (*fn)(void *, const char *,
    const char *, int, int, int), void *arg)
{
	sqlite3_stmt	*q = store_stmt(st, SLOT_PLANA + 28,
	    "SELECT unit, ckey, people, short, gap_sum FROM plan_gap_cell"
	    " ORDER BY unit, ckey");
	int		 rc;

	if (q == NULL)
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		fn(arg, col(q, 0), col(q, 1), sqlite3_column_int(q, 2),
		    sqlite3_column_int(q, 3), sqlite3_column_int(q, 4));
	return done(st, q, rc, "plan cells");
}

#define GAPS_SQL(order) \
	"SELECT g.user_id, u.nip, u.name, u.unit, u.position, g.ckey," \
	" g.target, g.required, g.achieved, g.gap, g.priority" \
	" FROM plan_gap g JOIN users u ON u.id = g.user_id" \
	" WHERE (?1 = 0 OR g.user_id = ?1) AND (?2 = -1 OR g.target = ?2)" \
	" AND (?3 = '' OR u.unit = ?3) AND (?4 = '' OR g.ckey = ?4)" \
	" AND (?1 <> 0 OR g.gap > 0)" \
	" ORDER BY " order " LIMIT ?5 OFFSET ?6"

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
		[PLAN_SORT_NAME] = GAPS_SQL("u.name, u.id, g.target, g.ckey"),
		[PLAN_SORT_UNIT] = GAPS_SQL("u.unit, u.id, g.target, g.ckey"),
		[PLAN_SORT_COMPETENCY] = GAPS_SQL("g.ckey, g.gap DESC,"
		    " g.priority DESC, g.user_id DESC"),
	};
	struct plan_gap_row r;
	sqlite3_stmt	*q;
	int		 rc, s = f->sort;

	if (s < 0 || s > PLAN_SORT_COMPETENCY)
		s = PLAN_SORT_PRIORITY;
	if ((q = store_stmt(st, SLOT_PLANA + 29 + s, sql[s])) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, f->user);
	sqlite3_bind_int(q, 2, f->target);
	T(q, 3, f->unit ? f->unit : "");
	T(q, 4, f->ckey ? f->ckey : "");
	sqlite3_bind_int(q, 5, f->limit > 0 ? f->limit : 100);
	sqlite3_bind_int(q, 6, f->offset > 0 ? f->offset : 0);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		r.user = sqlite3_column_int64(q, 0);
		store_text(q, 1, r.nip, sizeof(r.nip));
		store_text(q, 2, r.name, sizeof(r.name));
		store_text(q, 3, r.unit, sizeof(r.unit));
		store_text(q, 4, r.position, sizeof(r.position));
		store_text(q, 5, r.ckey, sizeof(r.ckey));
		r.target = sqlite3_column_int(q, 6);
		r.required = sqlite3_column_int(q, 7);
		r.achieved = sqlite3_column_int(q, 8);
		r.gap = sqlite3_column_int(q, 9);
		r.priority = sqlite3_column_int(q, 10);
		fn(arg, &r);
	}
	return done(st, q, rc, "plan gaps");
}
