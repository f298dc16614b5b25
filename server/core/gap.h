/*
 * gap: competency-gap analysis (PP 11/2017 art. 205-206): per ASN,
 * required level (standard.h: the jabatan's standard, else the class
 * default) minus achieved level (profile.h) for every competency of the
 * current position, and of the target position when one is set; per
 * unit, the heatmap of competency x unit.
 *
 * Priority of a gap = 10 x gap + skp_priority_bonus(newest SKP) + 3 when
 * HR accepted an SKM proposal for that unit and competency and the person
 * holds a Pelaksana (front-line) position.
 *
 * The heatmap and the lists read a summary (store_plan.h plan_gap,
 * plan_gap_cell) that gap_refresh rebuilds from everything it depends on
 * (seconds of CPU at 100,000 ASN; scripts/bench.sh). gap_ensure rebuilds
 * it when its inputs changed since it was built (store_plan_version: two
 * counters that migration 13's triggers bump): at once after a change of
 * planning data or people (imports, roster, target positions, SKM
 * decisions), and after course completions only once the summary is
 * GAP_LEDGER_STALE old, so learners completing courses all day do not
 * make every HR view a rebuild; the page says when it was computed. One
 * person's page computes live (gap_person).
 */
#ifndef LENTERA_GAP_H
#define LENTERA_GAP_H

#include <stdint.h>

#include "store.h"

#define GAP_LEDGER_STALE	600	/* seconds */

/*
 * 0 summary current or being rebuilt, -1 error. *rebuilt: 1 rebuilt for
 * this call, 0 it was current, GAP_PENDING stale and being rebuilt by the
 * worker (gapjob.h): the caller shows the last summary and its age.
 */
#define GAP_PENDING	2
int	gap_ensure(struct store *, int64_t now, int *rebuilt);
int	gap_refresh(struct store *, int64_t now);
/* 1 a rebuild is due by the rule above, 2 there is no summary yet, 0
   current, -1 error. */
int	gap_stale(struct store *, int64_t now);
/* gap_refresh, one at a time in this process. */
int	gap_rebuild(struct store *, int64_t now);

struct gap_item {
	char	 key[128];
	int	 target;		/* 0 current position, 1 target */
	int	 required, achieved, gap, priority;
	char	 source[24];		/* of the achieved level ("" none) */
	char	 ref[128];
	int64_t	 at;
};
/* Every required competency of user's current (and target) position,
   biggest gap first: 0, 1 no such user, -1 error. */
int	gap_person(struct store *, int64_t user,
	    void (*fn)(void *, const struct gap_item *), void *arg);

#endif
