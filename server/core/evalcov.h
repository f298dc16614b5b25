/*
 * evalcov: the HR dashboard's evaluation coverage (share of completions
 * with a level-1 answer; follow-ups fallen due, answered, overdue) read
 * from the per-day completion counters (store_agg.h), so the dashboard
 * does not walk every completion of the year. The figures are the ones
 * evaluation_l2_l3 and store_eval_rates give for the same cohort (every
 * course, a year, an optional unit): tests/http/test_perfdata_counters.py
 * holds them equal.
 *
 * Returns 0, or -1 on a store error.
 */
#ifndef LENTERA_EVALCOV_H
#define LENTERA_EVALCOV_H

#include <stdint.h>

#include "evaluation.h"
#include "store_eval.h"

/* The last completion time whose follow-up (months after it) is due at
   now: evaluation_due is monotonic, so the due completions are those
   completed at or before it. */
int64_t	evalcov_cutoff(int64_t now, int months);

/* rt: completions and reacted; l3: people, due, learner, atasan,
   no_atasan, overdue (change[] and change_mean are not filled). */
int	evalcov_dashboard(struct store *, int year, const char *unit,
	    int64_t now, int months, struct eval_rates *rt, struct eval_l3 *l3);

#endif
