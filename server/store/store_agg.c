/*
 * store_agg: SQL over the ledger counters (migration 18). See
 * store_agg.h. Every statement has one shape per filter (all units /
 * one unit) so the planner can use the index that serves it: an
 * "?2 = '' OR" test would hide the unit index.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "store.h"
#include "store_agg.h"
#include "store_int.h"
/* the per-completion answer expressions of migration 18 */
#include "agg_sql.h"

enum {
	S_AGG_BUCKETS = SLOT_AGG,
	S_AGG_LOW_ZERO,
	S_AGG_LOW_ZERO_UNIT,
	S_AGG_LOW,
	S_AGG_LOW_UNIT,
	S_AGG_LEARNER_UNITS,
	S_AGG_COV_DAYS,
	S_AGG_COV_DAY,
	S_AGG_LEASE_TAKE,
	S_AGG_LEASE_GIVE,
	S_AGG_END_
};
STORE_IDS_FIT(S_AGG_END_, SLOT_AGG);

/*
 * ?1 year, ?2 unit ('' every unit). The buckets of agg_hist, plus per
 * unit and type the active learners that have no agg_person row that
 * year (their count less the learners agg_hist holds): the zero bucket.
 * agg_hist is small (units x distinct totals); both arms read it by its
 * primary key (year, unit, kind, learner, cjp).
 */
#define SQL_BUCKETS \
	"SELECT b.unit, b.kind, b.cjp, sum(b.people), sum(b.done) FROM (" \
	"SELECT h.unit AS unit, h.kind AS kind, h.cjp AS cjp," \
	" h.people AS people, h.done AS done FROM agg_hist h" \
	" WHERE h.year = ?1 AND (?2 = '' OR h.unit = ?2)" \
	" UNION ALL SELECT l.unit, l.kind, 0, l.n - coalesce((SELECT" \
	" sum(x.people) FROM agg_hist x WHERE x.year = ?1 AND x.unit = l.unit" \
	" AND x.kind = l.kind AND x.learner = 1), 0), 0 FROM agg_learners l" \
	" WHERE (?2 = '' OR l.unit = ?2)) AS b" \
	" GROUP BY b.unit, b.kind, b.cjp HAVING sum(b.people) > 0" \
	" ORDER BY b.unit, b.kind, b.cjp"

/* Columns of one low row: id, nip, name, unit, kind, cjp, pending,
   entries, elearning. */
#define LOW_AGG_COLS \
	"SELECT p.user_id AS id, p.nip AS nip, p.name AS name, p.unit AS unit," \
	" p.kind AS kind, p.cjp AS cjp, p.pending AS pending," \
	" p.entries AS entries, p.elearning AS elearning FROM agg_person p"
/*
 * Zero approved cJP, by name and NIP: active learners without a
 * positive row of the year (walking users by name, one primary-key
 * probe each), merged with the counted non-learners whose approved
 * entries add up to 0.
 */
#define LOW_ZERO(unit_users, unit_agg) \
	"SELECT u.id AS id, u.nip AS nip, u.name AS name, u.unit AS unit," \
	" coalesce((SELECT t.kind FROM employee_type t WHERE" \
	" t.user_id = u.id), 'pns') AS kind, 0 AS cjp, coalesce(p.pending, 0)" \
	" AS pending, coalesce(p.entries, 0) AS entries," \
	" coalesce(p.elearning, 0) AS elearning FROM users u" \
	" LEFT JOIN agg_person p ON p.user_id = u.id AND p.year = ?1" \
	" WHERE " unit_users "u.role = 'learner' AND u.active = 1" \
	" AND coalesce(p.cjp, 0) = 0" \
	" UNION ALL " LOW_AGG_COLS " WHERE p.year = ?1 AND " unit_agg \
	"p.cjp = 0 AND p.learner = 0 AND p.entries > 0" \
	" ORDER BY name, nip"
#define SQL_LOW_ZERO		LOW_ZERO("", "")
#define SQL_LOW_ZERO_UNIT	LOW_ZERO("u.unit = ?2 AND ", "p.unit = ?2 AND ")
/* More than zero, lowest first: agg_person_low / agg_person_unit_low. */
#define SQL_LOW \
	LOW_AGG_COLS " WHERE p.year = ?1 AND p.cjp > 0" \
	" AND (p.learner = 1 OR p.entries > 0) ORDER BY p.cjp, p.name, p.nip"
#define SQL_LOW_UNIT \
	LOW_AGG_COLS " WHERE p.year = ?1 AND p.unit = ?2 AND p.cjp > 0" \
	" AND (p.learner = 1 OR p.entries > 0) ORDER BY p.cjp, p.name, p.nip"
#define SQL_LEARNER_UNITS \
	"SELECT unit, sum(n) FROM agg_learners GROUP BY unit" \
	" HAVING sum(n) > 0 ORDER BY unit"

/*
 * Coverage. ?1 year, ?2 unit ('' all). Whole days from agg_done_day
 * (?3 the due day, ?4 the overdue day: days before them count); the
 * boundary day itself from its completions by completed_at (?3..?4 the
 * range; "+c.year" keeps the planner on completions_at, a day's rows,
 * not the year's), with each one's answers probed by primary key.
 */
#define SQL_COV_DAYS \
	"SELECT coalesce(sum(n), 0), coalesce(sum(reacted), 0)," \
	" coalesce(sum(CASE WHEN day < ?3 THEN n ELSE 0 END), 0)," \
	" coalesce(sum(CASE WHEN day < ?3 THEN no_atasan ELSE 0 END), 0)," \
	" coalesce(sum(CASE WHEN day < ?3 THEN fu_learner ELSE 0 END), 0)," \
	" coalesce(sum(CASE WHEN day < ?3 THEN fu_atasan ELSE 0 END), 0)," \
	" coalesce(sum(CASE WHEN day < ?4 THEN n ELSE 0 END), 0)," \
	" coalesce(sum(CASE WHEN day < ?4 THEN fu_done ELSE 0 END), 0)" \
	" FROM agg_done_day WHERE year = ?1 AND (?2 = '' OR unit = ?2)"
#define SQL_COV_DAY \
	"SELECT count(*), coalesce(sum(CASE WHEN u.nip_atasan = '' THEN 1" \
	" ELSE 0 END), 0), coalesce(sum(" AGG_C_F("c", "learner") "), 0)," \
	" coalesce(sum(" AGG_C_F("c", "atasan") "), 0), coalesce(sum(" \
	AGG_C_D("c", "u.nip_atasan") "), 0) FROM completions c" \
	" CROSS JOIN users u WHERE c.completed_at >= ?3 AND" \
	" c.completed_at <= ?4 AND +c.year = ?1 AND u.id = c.user_id" \
	" AND (?2 = '' OR u.unit = ?2)"

/* WIB day of t and the time it starts (schema_agg.h's AGG_DAY). */
#define WIB_OFF		25200
#define DAY_OF(t)	(((t) + WIB_OFF) / 86400)
#define DAY_START(d)	((d) * 86400 - WIB_OFF)

static const char *
nz(const char *s)
{
	return s != NULL ? s : "";
}

int
store_agg_buckets(struct store *st, int year, const char *unit,
    int (*fn)(void *, const struct agg_bucket *), void *arg)
{
	struct db_stmt		*s = store_stmt(st, S_AGG_BUCKETS, SQL_BUCKETS);
	struct agg_bucket	 b;
	int			 rc, stop = 0;

	if (s == NULL)
		return -1;
	db_bind_int(s, 1, year);
	db_bind_text(s, 2, nz(unit), -1);
	while ((rc = db_step(s)) == DB_ROW) {
		memset(&b, 0, sizeof(b));
		store_text(s, 0, b.unit, sizeof(b.unit));
		store_text(s, 1, b.kind, sizeof(b.kind));
		b.cjp = db_column_int64(s, 2);
		b.people = db_column_int64(s, 3);
		b.done = db_column_int64(s, 4);
		if (fn(arg, &b) != 0) {
			stop = 1;
			break;
		}
	}
	db_reset(s);
	if (stop)
		return 1;
	return rc == DB_DONE ? 0 : store_fail(st, "agg buckets");
}

int
store_agg_low(struct store *st, int year, const char *unit, int zero,
    int (*fn)(void *, const struct ledger_person *), void *arg)
{
	struct ledger_person	 p;
	struct db_stmt		*s;
	int			 rc, stop = 0, one = unit != NULL && unit[0];

	if (zero)
		s = one ? store_stmt(st, S_AGG_LOW_ZERO_UNIT, SQL_LOW_ZERO_UNIT) :
		    store_stmt(st, S_AGG_LOW_ZERO, SQL_LOW_ZERO);
	else
		s = one ? store_stmt(st, S_AGG_LOW_UNIT, SQL_LOW_UNIT) :
		    store_stmt(st, S_AGG_LOW, SQL_LOW);
	if (s == NULL)
		return -1;
	db_bind_int(s, 1, year);
	if (one)
		db_bind_text(s, 2, unit, -1);
	while ((rc = db_step(s)) == DB_ROW) {
		memset(&p, 0, sizeof(p));
		p.u.id = db_column_int64(s, 0);
		store_text(s, 1, p.u.nip, sizeof(p.u.nip));
		store_text(s, 2, p.u.name, sizeof(p.u.name));
		store_text(s, 3, p.u.unit, sizeof(p.u.unit));
		store_text(s, 4, p.type, sizeof(p.type));
		p.year = year;
		p.cjp = db_column_int64(s, 5);
		p.cjp_pending = db_column_int64(s, 6);
		p.entries = db_column_int64(s, 7);
		p.completions = db_column_int64(s, 8);
		if (fn(arg, &p) != 0) {
			stop = 1;
			break;
		}
	}
	db_reset(s);
	if (stop)
		return 1;
	return rc == DB_DONE ? 0 : store_fail(st, "agg low");
}

int
store_agg_learner_units(struct store *st,
    int (*fn)(void *, const char *, int64_t), void *arg)
{
	struct db_stmt	*s = store_stmt(st, S_AGG_LEARNER_UNITS,
	    SQL_LEARNER_UNITS);
	int		 rc, stop = 0;

	if (s == NULL)
		return -1;
	while ((rc = db_step(s)) == DB_ROW)
		if (fn(arg, db_column_text(s, 0), db_column_int64(s, 1)) != 0) {
			stop = 1;
			break;
		}
	db_reset(s);
	if (stop)
		return 1;
	return rc == DB_DONE ? 0 : store_fail(st, "agg learner units");
}

/* Run a one-row statement bound with ?1 year, ?2 unit and two int64. */
static int
cov_row(struct store *st, int id, const char *sql, int year, const char *unit,
    int64_t a, int64_t b, int64_t *out, int n)
{
	struct db_stmt	*s = store_stmt(st, id, sql);
	int		 i;

	if (s == NULL)
		return -1;
	db_bind_int(s, 1, year);
	db_bind_text(s, 2, nz(unit), -1);
	if (strstr(sql, "?3") != NULL)
		db_bind_int64(s, 3, a);
	if (strstr(sql, "?4") != NULL)
		db_bind_int64(s, 4, b);
	if (db_step(s) != DB_ROW) {
		db_reset(s);
		return store_fail(st, "agg coverage");
	}
	for (i = 0; i < n; i++)
		out[i] = db_column_int64(s, i);
	db_reset(s);
	return 0;
}

int
store_agg_coverage(struct store *st, int year, const char *unit,
    int64_t due_at, int64_t late_at, struct agg_coverage *c)
{
	int64_t	 d[8], due[5], late[5];

	memset(c, 0, sizeof(*c));
	if (cov_row(st, S_AGG_COV_DAYS, SQL_COV_DAYS, year, unit,
	    DAY_OF(due_at), DAY_OF(late_at), d, 8) == -1 ||
	    cov_row(st, S_AGG_COV_DAY, SQL_COV_DAY, year, unit,
	    DAY_START(DAY_OF(due_at)), due_at, due, 5) == -1 ||
	    cov_row(st, S_AGG_COV_DAY, SQL_COV_DAY, year, unit,
	    DAY_START(DAY_OF(late_at)), late_at, late, 5) == -1)
		return -1;
	c->completions = d[0];
	c->reacted = d[1];
	c->due = d[2] + due[0];
	c->due_no_atasan = d[3] + due[1];
	c->due_learner = d[4] + due[2];
	c->due_atasan = d[5] + due[3];
	c->late = d[6] + late[0];
	c->late_done = d[7] + late[4];
	return 0;
}

int
store_agg_lease_take(struct store *st, const char *name, const char *holder,
    int64_t now, int64_t until)
{
	struct db_stmt	*s = store_stmt(st, S_AGG_LEASE_TAKE,
	    "INSERT INTO agg_lease (name, holder, until) VALUES (?1, ?2, ?4)"
	    " ON CONFLICT (name) DO UPDATE SET holder = excluded.holder,"
	    " until = excluded.until WHERE agg_lease.until <= ?3"
	    " OR agg_lease.holder = excluded.holder");

	if (s == NULL)
		return -1;
	db_bind_text(s, 1, name, -1);
	db_bind_text(s, 2, holder, -1);
	db_bind_int64(s, 3, now);
	db_bind_int64(s, 4, until);
	if (store_exec_write(st, s) == -1)
		return -1;
	return db_changes(st->db) == 1 ? 0 : 1;
}

int
store_agg_lease_give(struct store *st, const char *name, const char *holder)
{
	struct db_stmt	*s = store_stmt(st, S_AGG_LEASE_GIVE,
	    "UPDATE agg_lease SET until = 0 WHERE name = ?1 AND holder = ?2");

	if (s == NULL)
		return -1;
	db_bind_text(s, 1, name, -1);
	db_bind_text(s, 2, holder, -1);
	return store_exec_write(st, s);
}

const char *
store_agg_hot_sql(int i, const char **name)
{
	static const struct {
		const char	*name, *sql;
	} hot[] = {
		{ "dashboard buckets", SQL_BUCKETS },
		{ "dashboard zero JP", SQL_LOW_ZERO },
		{ "dashboard zero JP, one unit", SQL_LOW_ZERO_UNIT },
		{ "dashboard lowest JP", SQL_LOW },
		{ "dashboard lowest JP, one unit", SQL_LOW_UNIT },
		{ "learners per unit", SQL_LEARNER_UNITS },
		{ "filter: unit names", STORE_HR_UNIT_NAMES_SQL },
		{ "filter: courses", STORE_HR_COURSES_SQL },
		{ "coverage: completions per day", SQL_COV_DAYS },
		{ "coverage: the boundary day", SQL_COV_DAY },
	};

	if (i < 0 || (size_t)i >= sizeof(hot) / sizeof(hot[0]))
		return NULL;
	if (name != NULL)
		*name = hot[i].name;
	return hot[i].sql;
}
