/* evalcov: the dashboard's evaluation coverage from counters. See evalcov.h. */
#include <string.h>

#include "evalcov.h"
#include "store_agg.h"

int64_t
evalcov_cutoff(int64_t now, int months)
{
	int64_t	 lo, hi, mid;

	if (months <= 0)
		return now;
	/* due(t) <= t + months * 31 days; due(now) > now */
	lo = now - (int64_t)(months + 1) * 31 * 86400;
	hi = now;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (evaluation_due(mid, months) <= now)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

int
evalcov_dashboard(struct store *st, int year, const char *unit, int64_t now,
    int months, struct eval_rates *rt, struct eval_l3 *l3)
{
	struct agg_coverage	 c;

	memset(rt, 0, sizeof(*rt));
	memset(l3, 0, sizeof(*l3));
	if (store_agg_coverage(st, year, unit, evalcov_cutoff(now, months),
	    evalcov_cutoff(now - (int64_t)EVAL_OVERDUE_DAYS * 86400, months),
	    &c) == -1)
		return -1;
	rt->completions = c.completions;
	rt->reacted = c.reacted;
	l3->people = (int)c.completions;
	l3->due = (int)c.due;
	l3->learner = (int)c.due_learner;
	l3->atasan = (int)c.due_atasan;
	l3->no_atasan = (int)c.due_no_atasan;
	l3->overdue = (int)(c.late - c.late_done);
	l3->change_mean = -1;
	return 0;
}
