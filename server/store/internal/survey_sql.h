/*
 * survey_sql: the survey-rate queries store_survey.c runs and
 * store_planb_hot_sql hands to the EXPLAIN test (test_perfdata_plan.c):
 * one text for both, so the plan checked is the plan run.
 */
#ifndef LENTERA_SURVEY_SQL_H
#define LENTERA_SURVEY_SQL_H

/* People in scope per unit (active learners: the counters of migration
   18, agg_learners) with the round's survey_status tallied per unit
   beside them (agg_survey, kept by triggers on survey_status): a few rows
   per unit, whatever the number of ASN. */
#define RATES_SQL(people) "SELECT p.unit, p.n, coalesce(a.self, 0)," \
	" coalesce(a.atasan, 0) FROM (" people ") AS p LEFT JOIN agg_survey a" \
	" ON a.round_id = ?1 AND a.unit = p.unit ORDER BY p.unit"
#define RATES_SCOPED	RATES_SQL("SELECT x.unit AS unit, sum(l.n) AS n" \
	" FROM survey_unit x JOIN agg_learners l ON l.unit = x.unit" \
	" WHERE x.round_id = ?1 GROUP BY x.unit HAVING sum(l.n) > 0")
#define RATES_ALL	RATES_SQL("SELECT l.unit AS unit, sum(l.n) AS n" \
	" FROM agg_learners l WHERE ?1 > 0 GROUP BY l.unit" \
	" HAVING sum(l.n) > 0")

#endif
