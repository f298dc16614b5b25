/*
 * store_plan: planning part A storage (store_plan_a.c, migration 13):
 * the agency's teknis competencies, position standards (SKJ), profile
 * evidence, target positions, SKP results, SKM sums, SKM-proposed needs
 * and the gap summary. Competencies are named by key (competency.h
 * competency_key), positions by pkey (the same folding of the jabatan).
 *
 * Writes join the caller's transaction (store_begin..store_commit) when
 * one is open. Iterators call fn per row and return 0 done, -1 error.
 * Lookups: 0 found, 1 none, -1 error. Times are Unix seconds passed in.
 */
#ifndef LENTERA_STORE_PLAN_H
#define LENTERA_STORE_PLAN_H

#include <stdint.h>

#include "store.h"

#define PLAN_KEY_MAX	128
#define PLAN_DESC_MAX	512
#define PLAN_PERIOD_MAX	32

struct plan_comp {
	char	 key[PLAN_KEY_MAX];
	char	 name[PLAN_KEY_MAX];
	char	 ctype[24];
	char	 definition[PLAN_DESC_MAX];
	char	 level[5][PLAN_DESC_MAX];
};

int	store_plan_comp_put(struct store *, const struct plan_comp *, int64_t now);
int	store_plan_comps(struct store *,
	    void (*fn)(void *, const struct plan_comp *), void *arg);

int	store_plan_position_put(struct store *, const char *pkey,
	    const char *name, const char *pclass, int64_t now);
/* Drops the position's standard rows (an import replaces them). */
int	store_plan_standard_clear(struct store *, const char *pkey);
int	store_plan_standard_put(struct store *, const char *pkey,
	    const char *ckey, int level, int64_t now);
/* Every position with its standard rows (ckey "" for one without). */
int	store_plan_standards(struct store *, void (*fn)(void *,
	    const char *pkey, const char *name, const char *pclass,
	    const char *ckey, int level), void *arg);

int	store_plan_profile_put(struct store *, int64_t user, const char *ckey,
	    const char *source, const char *ref, int level, int64_t at,
	    int64_t now);
/* Evidence rows of one user (or of all when user is 0), by user, ckey,
   source, newest first; plus the user's completions as source "kursus"
   (ckey is then the course's competency as written, ref the course). */
int	store_plan_evidence(struct store *, int64_t user, void (*fn)(void *,
	    int64_t user, const char *ckey, const char *source,
	    const char *ref, int level, int64_t at), void *arg);

int	store_plan_target_set(struct store *, int64_t user,
	    const char *position, int64_t now);	/* "" clears */
int	store_plan_target_get(struct store *, int64_t user, char *out,
	    size_t len);		/* 0 ("" none), -1 */

int	store_plan_skp_put(struct store *, int64_t user, int year,
	    int predikat, int box, int64_t now);
int	store_plan_skp_get(struct store *, int64_t user, int year,
	    int *predikat, int *box);
/* The newest SKP of every user that has one. */
int	store_plan_skp_latest(struct store *, void (*fn)(void *,
	    int64_t user, int year, int predikat), void *arg);

/* SKM: replace the sums of (unit, period); read them back. */
int	store_plan_skm_clear(struct store *, const char *unit,
	    const char *period);
int	store_plan_skm_put(struct store *, const char *unit,
	    const char *period, int unsur, int64_t total, int64_t answers,
	    int64_t now);
int	store_plan_skm_get(struct store *, const char *unit,
	    const char *period, int64_t total[9], int64_t answers[9]);
int	store_plan_skm_list(struct store *, void (*fn)(void *,
	    const char *unit, const char *period), void *arg);

struct plan_proposal {
	int64_t	 id;
	char	 unit[STORE_TEXT_MAX];
	char	 period[PLAN_PERIOD_MAX];
	int	 unsur;
	double	 nrr;
	char	 ckey[PLAN_KEY_MAX];
	char	 source[32];
	char	 status[16];		/* usulan | diterima | ditolak */
	int64_t	 created_at, decided_at;
};
/* Adds a proposal unless (unit, period, unsur, ckey) has one. */
int	store_plan_proposal_add(struct store *, const struct plan_proposal *,
	    int64_t now);
int	store_plan_proposals(struct store *,
	    void (*fn)(void *, const struct plan_proposal *), void *arg);
/* 0 decided, 1 no such proposal or already decided. */
int	store_plan_proposal_decide(struct store *, int64_t id,
	    const char *status, int64_t actor, int64_t now);

/* People the gap covers: active users with their target position. */
int	store_plan_people(struct store *, void (*fn)(void *, int64_t id,
	    const char *unit, const char *position, const char *target),
	    void *arg);

/* The gap summary. */
int	store_plan_version(struct store *, char *out, size_t outlen);
int	store_plan_meta_get(struct store *, char *version, size_t len,
	    int64_t *built_at);
/* The summary is written a generation at a time (sqlite/schema_plan.h):
   store_plan_gen the current one (0 none); rows of gen, in any number of
   transactions; the cells and the meta row (making gen current) in one;
   store_plan_gap_purge deletes up to limit rows of other generations,
   returns how many (0 none left), -1. */
int	store_plan_gen(struct store *, int64_t *gen);
int	store_plan_gap_put(struct store *, int64_t gen, int64_t user,
	    int target, const char *ckey, int required, int achieved,
	    int priority);
int	store_plan_gap_purge(struct store *, int64_t keep, int limit);
int	store_plan_cells_clear(struct store *);
int	store_plan_cell_put(struct store *, const char *unit,
	    const char *ckey, int people, int shortn, int gap_sum);
int	store_plan_meta_set(struct store *, int64_t gen, const char *version,
	    int64_t now);
int	store_plan_cells(struct store *, void (*fn)(void *, const char *unit,
	    const char *ckey, int people, int shortn, int gap_sum), void *arg);

struct plan_gap_row {
	int64_t	 user;
	char	 nip[STORE_NIP_LEN + 1];
	char	 name[STORE_NAME_MAX];
	char	 unit[STORE_TEXT_MAX];
	char	 position[STORE_TEXT_MAX];
	char	 ckey[PLAN_KEY_MAX];
	int	 target, required, achieved, gap, priority;
};
enum { PLAN_SORT_PRIORITY, PLAN_SORT_GAP, PLAN_SORT_NAME, PLAN_SORT_UNIT,
	PLAN_SORT_COMPETENCY };
struct plan_gap_filter {
	int64_t		 user;		/* 0 any */
	int		 target;	/* 0 current, 1 target, -1 both */
	const char	*unit;		/* NULL/"" any */
	const char	*ckey;		/* NULL/"" any */
	int		 sort, limit, offset;
};
int	store_plan_gaps(struct store *, const struct plan_gap_filter *,
	    void (*fn)(void *, const struct plan_gap_row *), void *arg);

#endif
