/* unit-layer: core */
/*
 * Unit tests for stats.c: item analysis against values computed by hand
 * (and re-checked with Python's statistics module), plus the NaN cases.
 *
 * Fixture: 5 first attempts (P1..P5) x 3 items; i1 and i3 are worth 1
 * point, i2 worth 2. Scores and the attempt percent (total / 4):
 *
 *          i1  i2  i3  total  pct
 *   P1      1   2   1    4    100
 *   P2      1   1   1    3     75
 *   P3      0   2   0    2     50
 *   P4      1   0   0    1     25
 *   P5      0   0   0    0      0
 *
 * plus i4 (1 point) seen only by P1 (1) and P5 (0), and one second
 * attempt at 60% that counts for mean/median/histogram only.
 *
 * Facility (mean of score/points):
 *   i1 = 3/5 = 0.6; i2 = (1 + .5 + 1 + 0 + 0)/5 = 0.5; i3 = 2/5 = 0.4;
 *   i4 = (1 + 0)/2 = 0.5.
 * Discrimination, 27% groups: g = ceil(0.27 * 5) = 2 people per group:
 *   top {P1, P2} (pct >= 75), bottom {P4, P5} (pct <= 25).
 *   i1 = (1+1)/2 - (1+0)/2 = 0.5; i2 = (1+.5)/2 - 0 = 0.75;
 *   i3 = 1 - 0 = 1; i4 = 1/1 - 0/1 = 1.
 * Cronbach's alpha over the 3 items everyone saw (raw scores, sample
 * variances): var(i1) = 1.2/4 = 0.3, var(i2) = 4/4 = 1, var(i3) = 0.3;
 *   totals 4,3,2,1,0: var = 10/4 = 2.5;
 *   alpha = 3/2 * (1 - 1.6/2.5) = 1.5 * 0.36 = 0.54.
 * Percents 100, 75, 50, 25, 0, 60: mean = 310/6 = 51.6666..,
 *   median = (50 + 60)/2 = 55; histogram (10-point bands, 100 in the
 *   last): bands 0, 2, 5, 6, 7, 9 have one each.
 */
#include <math.h>
#include <string.h>

#include "stats.h"
#include "t.h"

#define EPS	1e-9

static int
near(double got, double want)
{
	return fabs(got - want) < EPS;
}

static const struct stats_item *
item(const struct stats *s, const char *id)
{
	int	 i;

	for (i = 0; i < s->nitems; i++)
		if (strcmp(s->items[i].id, id) == 0)
			return &s->items[i];
	return NULL;
}

static void
fixture(void)
{
	static const struct { int64_t a; double pct; double sc[3]; } p[] = {
		{ 11, 100, { 1, 2, 1 } },
		{ 12, 75, { 1, 1, 1 } },
		{ 13, 50, { 0, 2, 0 } },
		{ 14, 25, { 1, 0, 0 } },
		{ 15, 0, { 0, 0, 0 } },
	};
	static const double pts[3] = { 1, 2, 1 };
	static const char *const ids[3] = { "i1", "i2", "i3" };
	static const int want_hist[STATS_BINS] = { 1, 0, 1, 0, 0, 1, 1, 1, 0, 1 };
	struct stats	 s;
	const struct stats_item *it;
	int		 i, j, hist_ok = 1;

	stats_init(&s);
	for (i = 0; i < 5; i++) {
		stats_percent(&s, p[i].pct);
		for (j = 0; j < 3; j++)
			stats_mark(&s, p[i].a, p[i].pct, ids[j], p[i].sc[j],
			    pts[j]);
		if (i == 0)
			stats_mark(&s, p[i].a, p[i].pct, "i4", 1, 1);
		if (i == 4)
			stats_mark(&s, p[i].a, p[i].pct, "i4", 0, 1);
	}
	stats_percent(&s, 60);		/* a second attempt: no marks */
	T_OK(stats_finish(&s) == 0, "stats fixture finish");
	T_OK(s.attempts == 6, "stats attempts counts every percent");
	T_OK(s.people == 5, "stats people are first attempts");
	T_OK(near(s.mean, 310.0 / 6), "stats mean");
	T_OK(near(s.median, 55), "stats median (even count)");
	for (i = 0; i < STATS_BINS; i++)
		hist_ok &= s.hist[i] == want_hist[i];
	T_OK(hist_ok, "stats histogram bands, 100% in the last");
	T_OK(s.nitems == 4, "stats four items");
	T_OK((it = item(&s, "i1")) && it->n == 5 && near(it->facility, 0.6) &&
	    near(it->discrimination, 0.5), "stats item i1");
	T_OK((it = item(&s, "i2")) && it->n == 5 && near(it->facility, 0.5) &&
	    near(it->discrimination, 0.75), "stats item i2 (2 points)");
	T_OK((it = item(&s, "i3")) && it->n == 5 && near(it->facility, 0.4) &&
	    near(it->discrimination, 1), "stats item i3");
	T_OK((it = item(&s, "i4")) && it->n == 2 && near(it->facility, 0.5) &&
	    near(it->discrimination, 1), "stats item i4 seen by two");
	T_OK(s.alpha_items == 3, "stats alpha over items everyone saw");
	T_OK(near(s.alpha, 0.54), "stats Cronbach's alpha");
	stats_free(&s);
}

static void
nan_cases(void)
{
	struct stats	 s;
	const struct stats_item *it;

	/* Nothing at all. */
	stats_init(&s);
	T_OK(stats_finish(&s) == 0 && s.attempts == 0 && s.people == 0 &&
	    isnan(s.alpha), "stats empty: no alpha");
	stats_free(&s);

	/* One person: facility yes; no groups to compare, no variance. */
	stats_init(&s);
	stats_percent(&s, 50);
	stats_mark(&s, 1, 50, "a", 1, 1);
	stats_mark(&s, 1, 50, "b", 0, 1);
	T_OK(stats_finish(&s) == 0, "stats one person finish");
	T_OK(near(s.mean, 50) && near(s.median, 50), "stats one person mean");
	T_OK((it = item(&s, "a")) && near(it->facility, 1) &&
	    isnan(it->discrimination), "stats one person: no discrimination");
	T_OK(isnan(s.alpha), "stats one person: no alpha");
	stats_free(&s);

	/* Two people with the same total: no variance, alpha undefined. */
	stats_init(&s);
	stats_mark(&s, 1, 50, "a", 1, 1);
	stats_mark(&s, 1, 50, "b", 0, 1);
	stats_mark(&s, 2, 50, "a", 0, 1);
	stats_mark(&s, 2, 50, "b", 1, 1);
	T_OK(stats_finish(&s) == 0 && isnan(s.alpha), "stats no variance: no alpha");
	T_OK((it = item(&s, "a")) && near(it->facility, 0.5),
	    "stats no variance: facility");
	stats_free(&s);

	/* One item only: alpha needs two. */
	stats_init(&s);
	stats_mark(&s, 1, 100, "a", 1, 1);
	stats_mark(&s, 2, 0, "a", 0, 1);
	T_OK(stats_finish(&s) == 0 && isnan(s.alpha) &&
	    (it = item(&s, "a")) && near(it->discrimination, 1),
	    "stats one item: discrimination, no alpha");
	stats_free(&s);

	/* A zero-point item does not divide by zero. */
	stats_init(&s);
	stats_mark(&s, 1, 100, "z", 0, 0);
	T_OK(stats_finish(&s) == 0 && (it = item(&s, "z")) &&
	    near(it->facility, 0), "stats zero-point item");
	stats_free(&s);
}

int
main(void)
{
	fixture();
	nan_cases();
	T_DONE();
}
