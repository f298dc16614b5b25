/*
 * store_agg: reads of the pre-aggregated ledger counters (migration 18,
 * sqlite/schema_agg.h: agg_person, agg_hist, agg_learners, kept by
 * triggers in every writer's transaction). They answer what
 * store_ledger_people answers for a year and an optional unit, with no
 * course or type filter, in O(units x distinct totals) rows instead of
 * a pass over every person: core/ledger's ledger_dashboard is the one
 * caller that turns them into figures (targets are core's).
 *
 * Counted people are the ledger's: active learners (0 JP too) and anyone
 * with an approved entry in the year.
 *
 * Returns: 0 ok, 1 stopped by fn, -1 error (logged), as in store.h.
 */
#ifndef LENTERA_STORE_AGG_H
#define LENTERA_STORE_AGG_H

#include <stdint.h>

#include "store.h"
#include "store_ledger.h"

/* Counted people of one unit and employee type with exactly cjp approved
   cJP in the year, and their approved e-learning entries. */
struct agg_bucket {
	char	 unit[STORE_TEXT_MAX];
	char	 kind[STORE_EMPLOYEE_TYPE_MAX];
	int64_t	 cjp;
	int64_t	 people;
	int64_t	 done;
};

/* Every bucket of year (unit "" or NULL: every unit), by unit, type and
   cjp; the zero bucket includes active learners with no entry at all. */
int	 store_agg_buckets(struct store *, int year, const char *unit,
	    int (*fn)(void *, const struct agg_bucket *), void *arg);

/*
 * Counted people of year (and unit), lowest JP first in the order of
 * store_ledger_people's by_jp (cjp, name, nip). zero 1: those with 0
 * approved cJP (by name, nip); zero 0: those with more (by cjp, name,
 * nip). p carries id, nip, name, unit, type, year and the sums (role,
 * active, position, golongan, nip_atasan are not filled). fn returns
 * non-zero to stop.
 */
int	 store_agg_low(struct store *, int year, const char *unit, int zero,
	    int (*fn)(void *, const struct ledger_person *), void *arg);

/* Active learners per unit, by unit (every type together). */
int	 store_agg_learner_units(struct store *,
	    int (*fn)(void *, const char *unit, int64_t n), void *arg);

/*
 * The evaluation coverage of the HR dashboard for a year and unit, from
 * agg_done_day (completions per WIB day) plus the rows that only exist
 * once someone answered (reaction surveys, follow-ups), never a walk over
 * every completion. due_at / late_at: the last completion time whose
 * follow-up has fallen due / is overdue (core computes them from the
 * clock); each is counted exactly: whole days before its day from the
 * counters, its own day from completions(completed_at).
 */
struct agg_coverage {
	int64_t	 completions;	/* of the year (and unit) */
	int64_t	 reacted;	/* with a level-1 answer */
	int64_t	 due;		/* completed_at <= due_at */
	int64_t	 due_no_atasan;	/* ... of someone with no atasan */
	int64_t	 due_learner;	/* ... with the learner's follow-up */
	int64_t	 due_atasan;	/* ... with the atasan's follow-up */
	int64_t	 late;		/* completed_at <= late_at */
	int64_t	 late_done;	/* ... learner answered, and the atasan
				   answered or there is none */
};
int	 store_agg_coverage(struct store *, int year, const char *unit,
	    int64_t due_at, int64_t late_at, struct agg_coverage *);

/*
 * Leases (agg_lease, migration 18): one holder at a time per name across
 * processes and nodes (the gap summary's rebuild, gapjob.h). take: 0
 * taken (or renewed by the same holder) until `until`, 1 another holder's
 * lease has not expired at now, -1 error. give: ends holder's lease.
 */
int	 store_agg_lease_take(struct store *, const char *name,
	    const char *holder, int64_t now, int64_t until);
int	 store_agg_lease_give(struct store *, const char *name,
	    const char *holder);

/* The HR filter form's lists (store_roster.c), here for the plan test:
   ?1 the limit. Units in order, the first ?1; courses by title. */
#define STORE_HR_UNIT_NAMES_SQL \
	"WITH RECURSIVE n(unit, k) AS (SELECT (SELECT min(u.unit) FROM users u" \
	" WHERE u.unit > ''), 1 UNION ALL SELECT (SELECT min(u.unit) FROM" \
	" users u WHERE u.unit > n.unit), n.k + 1 FROM n WHERE n.unit IS NOT" \
	" NULL AND n.k < ?1) SELECT unit FROM n WHERE unit IS NOT NULL" \
	" ORDER BY unit LIMIT ?1"
#define STORE_HR_COURSES_SQL \
	"WITH RECURSIVE c(course) AS (SELECT (SELECT min(x.course) FROM" \
	" completions x) UNION ALL SELECT (SELECT min(x.course) FROM" \
	" completions x WHERE x.course > c.course) FROM c WHERE c.course IS" \
	" NOT NULL) SELECT c.course, (SELECT max(y.course_title) FROM" \
	" completions y WHERE y.course = c.course) AS t FROM c" \
	" WHERE c.course IS NOT NULL ORDER BY t, c.course LIMIT ?1"

/* The statements behind the pages that grow with the data, for the
   plan test (tests/unit/test_perfdata_plan.c runs EXPLAIN QUERY PLAN on
   each): i-th SQL text and a name, NULL past the last. */
const char	*store_agg_hot_sql(int i, const char **name);

#endif
