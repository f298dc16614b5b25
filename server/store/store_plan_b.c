/* store_plan_b: IDPs, the agency plan and budget (SLOT_PLANB 512..543).
   Needs-survey rounds, answers and the atasan's team are in
   store_survey.c (SLOT_SURVEY); assignments, notifications and the
   outbox in store_plan_b_send.c (544..575). See store_planb.h. */
#include <stdio.h>
#include <string.h>

#include "store_int.h"
#include "store_planb.h"
#include "survey_sql.h"

/* Statement ids: one per statement, numbered by the compiler from
   this file's range (store_int.h), which STORE_IDS_FIT checks. */
enum {
	S_FILE = SLOT_PLANB,
	S_FILE_LAST_ = S_FILE + 31,	/* S(0)..S(31) */
	S_PLANB_END_
};
STORE_IDS_FIT(S_PLANB_END_, SLOT_PLANB);

#define S(n)	(S_FILE + (n))

static void
bind_text(struct db_stmt *q, int i, const char *s)
{
	db_bind_text(q, i, s ? s : "", -1);
}

/* Run q to the end (a write inside the caller's transaction). */
static int
step_write(struct store *st, struct db_stmt *q)
{
	return store_exec_write(st, q);
}

/* ---- IDP ---- */

static const char *const idp_names[] = { "", "draft", "submitted",
	"approved", "returned" };

const char *
store_idp_status_name(int s)
{
	return s > 0 && s <= IDP_RETURNED ? idp_names[s] : "";
}

static int
idp_status_parse(const char *s)
{
	int	 i;

	for (i = 1; i <= IDP_RETURNED; i++)
		if (strcmp(s, idp_names[i]) == 0)
			return i;
	return IDP_NONE;
}

int
store_idp_get(struct store *st, int64_t user, int year, struct idp *p)
{
	struct db_stmt	*q = store_stmt(st, S(13), "SELECT p.id, p.status,"
	    " p.note, p.updated_at, coalesce(p.decided_at, 0),"
	    " coalesce(t.jp, 0), coalesce(t.cost, 0), coalesce(t.n, 0)"
	    " FROM idp p LEFT JOIN (SELECT idp_id, sum(jp) AS jp,"
	    " sum(cost) AS cost, count(*) AS n FROM idp_item GROUP BY idp_id)"
	    " t ON t.idp_id = p.id WHERE p.user_id = ?1 AND p.year = ?2");
	char		 status[16];
	int		 rc;

	memset(p, 0, sizeof(*p));
	p->user_id = user;
	p->year = year;
	if (q == NULL)
		return -1;
	db_bind_int64(q, 1, user);
	db_bind_int(q, 2, year);
	if ((rc = store_row(st, q, "idp")) == 0) {
		p->id = db_column_int64(q, 0);
		store_text(q, 1, status, sizeof(status));
		p->status = idp_status_parse(status);
		store_text(q, 2, p->note, sizeof(p->note));
		p->updated_at = db_column_int64(q, 3);
		p->decided_at = db_column_int64(q, 4);
		p->jp = db_column_int64(q, 5);
		p->cost = db_column_int64(q, 6);
		p->nitems = db_column_int(q, 7);
	}
	db_reset(q);
	return rc;
}

int
store_idp_items(struct store *st, int64_t idp,
    int (*fn)(void *, const struct idp_item *), void *arg)
{
	struct db_stmt	*q = store_stmt(st, S(14), "SELECT id, competency,"
	    " ctype, gap, route, course, activity, jp, target_date, cost,"
	    " priority FROM idp_item WHERE idp_id = ?1 ORDER BY target_date, id");
	struct idp_item	 it;
	int		 rc;

	if (q == NULL)
		return -1;
	db_bind_int64(q, 1, idp);
	while ((rc = db_step(q)) == DB_ROW) {
		memset(&it, 0, sizeof(it));
		it.id = db_column_int64(q, 0);
		store_text(q, 1, it.competency, sizeof(it.competency));
		store_text(q, 2, it.ctype, sizeof(it.ctype));
		it.gap = db_column_int(q, 3);
		store_text(q, 4, it.route, sizeof(it.route));
		store_text(q, 5, it.course, sizeof(it.course));
		store_text(q, 6, it.activity, sizeof(it.activity));
		it.jp = db_column_int(q, 7);
		store_text(q, 8, it.target, sizeof(it.target));
		it.cost = db_column_int64(q, 9);
		it.priority = db_column_int(q, 10);
		if (fn(arg, &it)) {
			db_reset(q);
			return 1;
		}
	}
	if (rc != DB_DONE)
		return store_fail(st, "idp items");
	db_reset(q);
	return 0;
}

/* Inside a transaction: the plan's id and status, creating a draft. */
static int
idp_ensure(struct store *st, int64_t user, int year, int64_t now,
    int64_t *id, int *status)
{
	struct db_stmt	*q;
	char		 s[16];
	int		 rc;

	if ((q = store_stmt(st, S(15), "INSERT INTO idp (user_id, year, status,"
	    " updated_at) VALUES (?1, ?2, 'draft', ?3)"
	    " ON CONFLICT (user_id, year) DO NOTHING")) == NULL)
		return -1;
	db_bind_int64(q, 1, user);
	db_bind_int(q, 2, year);
	db_bind_int64(q, 3, now);
	if (step_write(st, q) == -1)
		return -1;
	if ((q = store_stmt(st, S(16), "SELECT id, status FROM idp WHERE"
	    " user_id = ?1 AND year = ?2")) == NULL)
		return -1;
	db_bind_int64(q, 1, user);
	db_bind_int(q, 2, year);
	if ((rc = store_row(st, q, "idp ensure")) == 0) {
		*id = db_column_int64(q, 0);
		store_text(q, 1, s, sizeof(s));
		*status = idp_status_parse(s);
	}
	db_reset(q);
	return rc == 0 ? 0 : -1;
}

static int
idp_touch(struct store *st, int64_t id, int64_t now)
{
	struct db_stmt	*q = store_stmt(st, S(17), "UPDATE idp SET"
	    " updated_at = ?2, status = CASE WHEN status = 'returned' THEN"
	    " 'draft' ELSE status END WHERE id = ?1");

	if (q == NULL)
		return -1;
	db_bind_int64(q, 1, id);
	db_bind_int64(q, 2, now);
	return step_write(st, q);
}

int
store_idp_item_add(struct store *st, int64_t user, int year,
    const struct idp_item *it, int64_t now, const char *ip)
{
	struct db_stmt	*q;
	char		 detail[STORE_TEXT_MAX + 96];
	int64_t		 id;
	int		 status;

	if (store_begin(st) == -1)
		return -1;
	if (idp_ensure(st, user, year, now, &id, &status) == -1)
		goto err;
	if (status != IDP_DRAFT && status != IDP_RETURNED) {
		store_rollback(st);
		return 1;
	}
	if ((q = store_stmt(st, S(18), "INSERT INTO idp_item (idp_id,"
	    " competency, ctype, gap, route, course, activity, jp,"
	    " target_date, cost, priority) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
	    " ?8, ?9, ?10, ?11)")) == NULL)
		goto err;
	db_bind_int64(q, 1, id);
	bind_text(q, 2, it->competency);
	bind_text(q, 3, it->ctype);
	db_bind_int(q, 4, it->gap);
	bind_text(q, 5, it->route);
	bind_text(q, 6, it->course);
	bind_text(q, 7, it->activity);
	db_bind_int(q, 8, it->jp);
	bind_text(q, 9, it->target);
	db_bind_int64(q, 10, it->cost);
	db_bind_int(q, 11, it->priority);
	if (step_write(st, q) == -1 || idp_touch(st, id, now) == -1)
		goto err;
	snprintf(detail, sizeof(detail), "idp=%lld year=%d jp=%d route=%s %s",
	    (long long)id, year, it->jp, it->route, it->competency);
	if (store_audit(st, user, "idp.item.add", detail, ip) == -1)
		goto err;
	return store_commit(st);
err:
	store_rollback(st);
	return -1;
}

int
store_idp_item_delete(struct store *st, int64_t user, int year, int64_t item,
    int64_t now, const char *ip)
{
	struct db_stmt	*q;
	char		 detail[96];
	int64_t		 id;
	int		 status;

	if (store_begin(st) == -1)
		return -1;
	if (idp_ensure(st, user, year, now, &id, &status) == -1)
		goto err;
	if (status != IDP_DRAFT && status != IDP_RETURNED)
		goto refused;
	if ((q = store_stmt(st, S(19), "DELETE FROM idp_item WHERE id = ?1"
	    " AND idp_id = ?2")) == NULL)
		goto err;
	db_bind_int64(q, 1, item);
	db_bind_int64(q, 2, id);
	if (step_write(st, q) == -1)
		goto err;
	if (db_changes(st->db) == 0)
		goto refused;
	if (idp_touch(st, id, now) == -1)
		goto err;
	snprintf(detail, sizeof(detail), "idp=%lld item=%lld", (long long)id,
	    (long long)item);
	if (store_audit(st, user, "idp.item.delete", detail, ip) == -1)
		goto err;
	return store_commit(st);
refused:
	store_rollback(st);
	return 1;
err:
	store_rollback(st);
	return -1;
}

/* Inside a transaction (store_plan_b_send.c). */
int	store_planb_notify(struct store *, int64_t user, int64_t now,
	    const char *kind, const char *ref, const char *link);

/* An approved plan into the agency-plan rollups (inside the approval's
   transaction). */
static int
aplan_add(struct store *st, int64_t idp)
{
	struct db_stmt	*q;

	if ((q = store_stmt(st, S(28), "INSERT INTO aplan_cell (year, unit,"
	    " competency, ctype, route, course, activity, people, jp, cost,"
	    " max_gap, max_priority, first_date, last_date, position) SELECT"
	    " p.year, u.unit, i.competency, i.ctype, i.route, i.course,"
	    " i.activity, 1, sum(i.jp), sum(i.cost), max(i.gap),"
	    " max(i.priority), min(i.target_date),"
	    " max(i.target_date), u.position FROM idp p JOIN idp_item i ON"
	    " i.idp_id = p.id JOIN users u ON u.id = p.user_id WHERE p.id = ?1"
	    " GROUP BY p.year, u.unit, i.competency, i.ctype, i.route, i.course,"
	    " i.activity, u.position ON CONFLICT (year, unit, competency, ctype,"
	    " route, course, activity) DO UPDATE SET people = aplan_cell.people"
	    " + excluded.people, jp = aplan_cell.jp + excluded.jp, cost ="
	    " aplan_cell.cost + excluded.cost, max_gap = CASE WHEN"
	    " excluded.max_gap > aplan_cell.max_gap THEN excluded.max_gap ELSE"
	    " aplan_cell.max_gap END, max_priority = CASE WHEN"
	    " excluded.max_priority > aplan_cell.max_priority THEN"
	    " excluded.max_priority ELSE aplan_cell.max_priority END,"
	    " first_date = CASE WHEN excluded.first_date"
	    " < aplan_cell.first_date THEN excluded.first_date ELSE"
	    " aplan_cell.first_date END, last_date = CASE WHEN"
	    " excluded.last_date > aplan_cell.last_date THEN excluded.last_date"
	    " ELSE aplan_cell.last_date END")) == NULL)
		return -1;
	db_bind_int64(q, 1, idp);
	if (step_write(st, q) == -1)
		return -1;
	if ((q = store_stmt(st, S(29), "INSERT INTO aplan_unit (year, unit,"
	    " planners, planned) SELECT p.year, u.unit, 1, (SELECT"
	    " coalesce(sum(i.jp), 0) FROM idp_item i WHERE i.idp_id = p.id)"
	    " FROM idp p JOIN users u ON u.id = p.user_id WHERE p.id = ?1"
	    " ON CONFLICT (year, unit) DO UPDATE SET planners ="
	    " aplan_unit.planners + 1, planned = aplan_unit.planned +"
	    " excluded.planned")) == NULL)
		return -1;
	db_bind_int64(q, 1, idp);
	return step_write(st, q);
}

int
store_idp_move(struct store *st, int64_t idp, int from, int to,
    const char *note, int64_t actor, int64_t now, const char *ip,
    int64_t notify_user, const char *kind, const char *ref, const char *link)
{
	struct db_stmt	*q;
	char		 detail[PLANB_NOTE_MAX + 96];

	if (store_begin(st) == -1)
		return -1;
	if ((q = store_stmt(st, S(20), "UPDATE idp SET status = ?3, note = ?4,"
	    " updated_at = ?5, decided_by = CASE WHEN ?3 IN ('approved',"
	    " 'returned') THEN ?6 ELSE decided_by END, decided_at = CASE WHEN"
	    " ?3 IN ('approved', 'returned') THEN ?5 ELSE decided_at END"
	    " WHERE id = ?1 AND status = ?2")) == NULL)
		goto err;
	db_bind_int64(q, 1, idp);
	bind_text(q, 2, store_idp_status_name(from));
	bind_text(q, 3, store_idp_status_name(to));
	bind_text(q, 4, note);
	db_bind_int64(q, 5, now);
	db_bind_int64(q, 6, actor);
	if (step_write(st, q) == -1)
		goto err;
	if (db_changes(st->db) == 0) {
		store_rollback(st);
		return 1;
	}
	if (to == IDP_APPROVED && aplan_add(st, idp) == -1)
		goto err;
	if (notify_user > 0 && store_planb_notify(st, notify_user, now, kind,
	    ref, link) == -1)
		goto err;
	snprintf(detail, sizeof(detail), "idp=%lld %s->%s note=%s",
	    (long long)idp, store_idp_status_name(from),
	    store_idp_status_name(to), note ? note : "");
	if (store_audit(st, actor, "idp.status", detail, ip) == -1)
		goto err;
	return store_commit(st);
err:
	store_rollback(st);
	return -1;
}

/* ---- agency plan ---- */

int
store_aplan_rows(struct store *st, int year,
    int (*fn)(void *, const struct aplan_row *), void *arg)
{
	struct db_stmt	*q = store_stmt(st, S(21), "SELECT unit, competency,"
	    " ctype, route, course, activity, people, jp, cost, max_gap,"
	    " first_date, last_date, position, max_priority FROM aplan_cell"
	    " WHERE year = ?1"
	    " ORDER BY unit, competency, route, course, activity");
	struct aplan_row a;
	int		 rc;

	if (q == NULL)
		return -1;
	db_bind_int(q, 1, year);
	while ((rc = db_step(q)) == DB_ROW) {
		memset(&a, 0, sizeof(a));
		store_text(q, 0, a.unit, sizeof(a.unit));
		store_text(q, 1, a.competency, sizeof(a.competency));
		store_text(q, 2, a.ctype, sizeof(a.ctype));
		store_text(q, 3, a.route, sizeof(a.route));
		store_text(q, 4, a.course, sizeof(a.course));
		store_text(q, 5, a.activity, sizeof(a.activity));
		a.people = db_column_int64(q, 6);
		a.jp = db_column_int64(q, 7);
		a.cost = db_column_int64(q, 8);
		a.max_gap = db_column_int(q, 9);
		store_text(q, 10, a.first, sizeof(a.first));
		store_text(q, 11, a.last, sizeof(a.last));
		store_text(q, 12, a.positions, sizeof(a.positions));
		a.max_priority = db_column_int(q, 13);
		if (fn(arg, &a)) {
			db_reset(q);
			return 1;
		}
	}
	if (rc != DB_DONE)
		return store_fail(st, "agency plan");
	db_reset(q);
	return 0;
}

/* Approved plans of a year with the owner's planned JP and achieved JP
   (agg_person's approved cJP, whole JP as plans count: the ledger sum).
   One unit: walk that unit's users (users_unit) and probe their plan;
   every unit: the year's approved plans (idp_year_status). */
#define APLAN_PEOPLE_COLS "SELECT u.id, u.nip, u.name, u.unit, u.position," \
	" (SELECT coalesce(sum(i.jp), 0) FROM idp_item i WHERE i.idp_id = p.id)," \
	" coalesce((SELECT a.cjp FROM agg_person a WHERE a.user_id = u.id" \
	" AND a.year = ?1), 0) / 100"
#define APLAN_PEOPLE_ALL APLAN_PEOPLE_COLS " FROM idp p" \
	" JOIN users u ON u.id = p.user_id WHERE p.year = ?1 AND" \
	" p.status = 'approved' AND (?2 = '' OR u.unit = ?2)" \
	" ORDER BY u.unit, u.name, u.id"
#define APLAN_PEOPLE_UNIT APLAN_PEOPLE_COLS " FROM users u CROSS JOIN idp p" \
	" WHERE u.unit = ?2 AND p.user_id = u.id AND p.year = ?1 AND" \
	" p.status = 'approved' ORDER BY u.unit, u.name, u.id"
#define APLAN_UNITS_SQL "SELECT n.unit, n.people," \
	" coalesce(a.planners, 0), coalesce(a.planned, 0), coalesce(d.jp, 0)" \
	" FROM (SELECT l.unit AS unit, sum(l.n) AS people FROM agg_learners l" \
	" GROUP BY l.unit HAVING sum(l.n) > 0) AS n" \
	" LEFT JOIN aplan_unit a ON a.year = ?1 AND a.unit = n.unit" \
	" LEFT JOIN agg_plan_unit d ON d.year = ?1 AND d.unit = n.unit" \
	" ORDER BY n.unit"

const char *
store_planb_hot_sql(int i, const char **name)
{
	static const struct {
		const char	*name, *sql;
	} hot[] = {
		{ "survey rates, scoped", RATES_SCOPED },
		{ "survey rates, every unit", RATES_ALL },
		{ "realisation per unit", APLAN_UNITS_SQL },
		{ "realisation people, one unit", APLAN_PEOPLE_UNIT },
	};

	if (i < 0 || (size_t)i >= sizeof(hot) / sizeof(hot[0]))
		return NULL;
	if (name != NULL)
		*name = hot[i].name;
	return hot[i].sql;
}

int
store_aplan_people(struct store *st, int year, const char *unit,
    int (*fn)(void *, const struct user *, int64_t, int64_t), void *arg)
{
	struct db_stmt	*q = unit != NULL && unit[0] ?
	    store_stmt(st, S(31), APLAN_PEOPLE_UNIT) :
	    store_stmt(st, S(22), APLAN_PEOPLE_ALL);
	struct user	 u;
	int		 rc;

	if (q == NULL)
		return -1;
	db_bind_int(q, 1, year);
	bind_text(q, 2, unit);
	while ((rc = db_step(q)) == DB_ROW) {
		memset(&u, 0, sizeof(u));
		u.id = db_column_int64(q, 0);
		store_text(q, 1, u.nip, sizeof(u.nip));
		store_text(q, 2, u.name, sizeof(u.name));
		store_text(q, 3, u.unit, sizeof(u.unit));
		store_text(q, 4, u.position, sizeof(u.position));
		if (fn(arg, &u, db_column_int64(q, 5),
		    db_column_int64(q, 6))) {
			db_reset(q);
			return 1;
		}
	}
	if (rc != DB_DONE)
		return store_fail(st, "plan people");
	db_reset(q);
	return 0;
}

int
store_aplan_units(struct store *st, int year,
    int (*fn)(void *, const char *, int64_t, int64_t, int64_t, int64_t),
    void *arg)
{
	/* Per unit from counters (migration 18): active learners
	   (agg_learners), the plan rollup (aplan_unit) and the achieved
	   JP of the year's approved plans' owners (agg_plan_unit). */
	struct db_stmt	*q = store_stmt(st, S(30), APLAN_UNITS_SQL);
	char		 unit[STORE_TEXT_MAX];
	int		 rc;

	if (q == NULL)
		return -1;
	db_bind_int(q, 1, year);
	while ((rc = db_step(q)) == DB_ROW) {
		store_text(q, 0, unit, sizeof(unit));
		if (fn(arg, unit, db_column_int64(q, 1),
		    db_column_int64(q, 2), db_column_int64(q, 3),
		    db_column_int64(q, 4))) {
			db_reset(q);
			return 1;
		}
	}
	if (rc != DB_DONE)
		return store_fail(st, "plan units");
	db_reset(q);
	return 0;
}

int
store_budget_get(struct store *st, int year, int64_t *ceiling)
{
	struct db_stmt	*q = store_stmt(st, S(23), "SELECT ceiling FROM"
	    " plan_budget WHERE year = ?1");
	int		 rc;

	*ceiling = 0;
	if (q == NULL)
		return -1;
	db_bind_int(q, 1, year);
	if ((rc = store_row(st, q, "budget")) == 0)
		*ceiling = db_column_int64(q, 0);
	db_reset(q);
	return rc;
}

int
store_budget_set(struct store *st, int year, int64_t ceiling, int64_t actor,
    int64_t now, const char *ip)
{
	struct db_stmt	*q;
	char		 detail[64];

	if (store_begin(st) == -1)
		return -1;
	if ((q = store_stmt(st, S(24), "INSERT INTO plan_budget (year, ceiling,"
	    " updated_at, updated_by) VALUES (?1, ?2, ?3, ?4) ON CONFLICT"
	    " (year) DO UPDATE SET ceiling = excluded.ceiling, updated_at ="
	    " excluded.updated_at, updated_by = excluded.updated_by")) == NULL)
		goto err;
	db_bind_int(q, 1, year);
	db_bind_int64(q, 2, ceiling);
	db_bind_int64(q, 3, now);
	if (actor > 0)
		db_bind_int64(q, 4, actor);
	if (step_write(st, q) == -1)
		goto err;
	snprintf(detail, sizeof(detail), "year=%d ceiling=%lld", year,
	    (long long)ceiling);
	if (store_audit(st, actor, "plan.budget", detail, ip) == -1)
		goto err;
	return store_commit(st);
err:
	store_rollback(st);
	return -1;
}
