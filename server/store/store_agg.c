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

enum {
	S_AGG_BUCKETS = SLOT_AGG,
	S_AGG_LOW_ZERO,
	S_AGG_LOW_ZERO_UNIT,
	S_AGG_LOW,
	S_AGG_LOW_UNIT,
	S_AGG_LEARNER_UNITS,
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
	};

	if (i < 0 || (size_t)i >= sizeof(hot) / sizeof(hot[0]))
		return NULL;
	if (name != NULL)
		*name = hot[i].name;
	return hot[i].sql;
}
