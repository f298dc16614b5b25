/*
 * evaluation: the rules of training evaluation, Kirkpatrick levels 1-4
 * (docs/evaluation.md). No HTTP here: pages in web/eval_page.c call these.
 *
 * Level 1, reaction: offered once a learner completed a course, once per
 * learner and course, optional. evaluation_reaction_submit checks the
 * answers against the course's instrument (content/survey.h) and saves
 * them apart from the learner (store_eval.h) with the course version
 * (course->version) and nothing else (no unit or year: a small unit's
 * rows would name their learner). Anonymity: answers are released to every reader in batches of
 * EVAL_BATCH per course version, so a page never shows fewer than
 * EVAL_BATCH answers and changes only by whole batches (no one answer can
 * be told apart by watching it change); level-1 figures are per version,
 * never split by unit or year (that split could single a learner out).
 *
 * Level 2, learning: the first pre-test try and the final result of each
 * completion; gains only when both were taken (evaluation_gain).
 *
 * Level 3, behaviour: a follow-up falls due cfg.eval_followup_months
 * (EVAL_FOLLOWUP_MIN..MAX, default EVAL_FOLLOWUP_DEFAULT) calendar months
 * after completion (WIB), for the learner (how they applied it, an
 * example) and their atasan (users.nip_atasan of the learner: observed
 * change on the course's competency, 1..4, and a comment). It is overdue
 * EVAL_OVERDUE_DAYS after falling due.
 *
 * Level 4, results: per unit, SKP predikat distribution and IKM for the
 * years around the cohort, when the planning imports hold them.
 *
 * Returns: 0 ok, -1 error (logged) unless said otherwise.
 */
#ifndef LENTERA_EVALUATION_H
#define LENTERA_EVALUATION_H

#include <stdint.h>

#include "buf.h"
#include "store.h"

struct course;
struct survey;

#define EVAL_BATCH		5	/* answers released together; the least shown */
#define EVAL_FOLLOWUP_DEFAULT	3	/* months after completion */
#define EVAL_FOLLOWUP_MIN	1
#define EVAL_FOLLOWUP_MAX	12
#define EVAL_OVERDUE_DAYS	30
#define EVAL_NOTE_MAX		2000	/* bytes of a trainer's note */
#define EVAL_MAX_VERSIONS	32	/* versions shown on a page */
#define EVAL_GAIN_BINS		4	/* g < 0, low < .3, medium < .7, high */

/* Level 1. get(arg, name) returns the posted field or NULL; fields are
   "q_<item id>". Returns 0 saved, 1 already answered, 2 invalid input
   (*why set to a message id of i18n.h), 3 nothing answered, -1 error. */
int	evaluation_reaction_submit(struct store *, const struct user *,
	    const struct course *, const struct survey *,
	    const char *(*get)(void *, const char *), void *arg, int64_t now,
	    int *why);

struct eval_item_agg {
	int	 n;			/* answers */
	int	 count[10];		/* per value 1..10 */
	double	 mean;			/* scale only */
};
struct eval_version_agg {
	char	 version[17];
	int	 released, pending;
	struct eval_item_agg item[64];	/* by the instrument's item order */
	double	 block_mean[16];	/* scale items of each block; < 0 none */
	double	 overall;		/* all scale answers; < 0 none */
	struct buf texts;		/* "qid\ttext\n" lines, sorted */
};
struct eval_l1 {
	struct eval_version_agg v[EVAL_MAX_VERSIONS];
	int	 n;
	int	 pending_total;
};
int	evaluation_l1(struct store *, const char *course,
	    const struct survey *, struct eval_l1 *);
void	evaluation_l1_free(struct eval_l1 *);

/* Level 2: raw = post - pre (points of percent); g = raw / (100 - pre).
   0 both computed, 1 only raw (pre was 100), -1 a test missing. */
int	evaluation_gain(double pre, double post, double *raw, double *g);
int	evaluation_gain_bin(double g);
struct eval_l2 {
	int	 people;		/* completions in the cohort */
	int	 both;			/* took both tests */
	double	 pre, post, raw;	/* means over `both` */
	double	 g;			/* mean over g_n (pre below 100) */
	int	 g_n;
	double	 g_cohort;		/* (mean post - mean pre) / (100 - mean pre) */
	int	 g_bins[EVAL_GAIN_BINS];
	int	 pre_hist[10], post_hist[10];	/* 10-point bands */
};

/* Level 3. */
int64_t	evaluation_due(int64_t completed_at, int months);
struct eval_l3 {
	int	 people;		/* completions */
	int	 due;			/* follow-up fallen due */
	int	 learner, atasan;	/* answered */
	int	 overdue;		/* due + EVAL_OVERDUE_DAYS, one answer missing */
	int	 no_atasan;		/* due, no nip_atasan on record */
	int	 change[4];		/* atasan's 1..4 */
	double	 change_mean;		/* < 0 none */
};

/* Both levels from the cohort's completions (pre: the course's pre-test
   file). */
int	evaluation_l2_l3(struct store *, const char *course, const char *pre,
	    int year, const char *unit, int64_t now, int months,
	    struct eval_l2 *, struct eval_l3 *);
/* The same one row at a time, for a caller that reads the rows itself
   (one pass for a whole page): init, add each row, finish. */
struct eval_l23 {
	struct eval_l2	 l2;
	struct eval_l3	 l3;
	int64_t		 now;
	int		 months;
	double		 gsum;
	int		 gn;
};
void	evaluation_l23_init(struct eval_l23 *, int64_t now, int months);
struct eval_person;
void	evaluation_l23_add(struct eval_l23 *, const struct eval_person *);
void	evaluation_l23_finish(struct eval_l23 *);

/* Level 4: 0 data, 1 no data ("belum ada data"), -1 error. */
#define EVAL_SKP_N	5
int	evaluation_skp(struct store *, const char *course, const char *unit,
	    int year, int64_t dist[EVAL_SKP_N]);
int	evaluation_ikm(struct store *, const char *unit, int year, double *);

/* May this user see the course's evaluation? HR, admin, and trainers
   named in the course's trainers: field. */
int	evaluation_may_view(const struct user *, const struct course *);
/* A note text: 1..EVAL_NOTE_MAX bytes of UTF-8 without control
   characters other than newline and tab. */
int	evaluation_text_ok(const char *s, size_t max, int required);

#endif
