/*
 * stats: quiz statistics for trainers: attempts, mean, median, score
 * distribution (server-side SVG histogram) and classical item analysis
 * on FIRST attempts (later attempts are practised, not measured):
 *   facility index      F = mean of score/points over those who saw it
 *   discrimination      D = F(top 27% by total) - F(bottom 27%)
 *   Cronbach's alpha    k/(k-1) * (1 - sum var(item) / var(total)) over
 *                       the items every first attempt saw (sample
 *                       variances); NaN when fewer than 2 such items,
 *                       2 people, or no variance in totals.
 * Distractor analysis (stats_choices): for choice questions (single,
 * multiple, true/false) how often each shown choice was picked on first
 * attempts, tallied by the choice's text (shuffling changes positions,
 * not texts), and how many of those picks earned full marks (a single or
 * true/false choice whose picks earn full marks is the key). At most
 * STATS_MAX_OPTIONS distinct texts per question; further texts (a
 * generated question shows new ones per seed) count as "other".
 *
 * The builder copies what it is given; stats_free releases it. At most
 * STATS_MAX_CELLS marks are analysed (the oldest first attempts win), and
 * at most STATS_MAX_REBUILD first attempts are rebuilt for distractors.
 *
 * Alpha is reported with a warning below STATS_ALPHA_MIN_ITEMS items or
 * STATS_ALPHA_MIN_PEOPLE people: the coefficient is then too unstable to
 * judge a test by (docs/quiz-format.md, "Statistik").
 */
#ifndef LENTERA_STATS_H
#define LENTERA_STATS_H

#include <stdint.h>

#include "quiz.h"

#define STATS_MAX_CELLS	(2u << 20)	/* ~16 MiB of marks at most */
#define STATS_BINS	10
#define STATS_MAX_OPTIONS	QUIZ_MAX_CHOICES	/* distinct texts per item */
#define STATS_MAX_REBUILD	2000	/* first attempts rebuilt for distractors */
#define STATS_TEXT_MAX		240	/* bytes of question text kept per item */
#define STATS_ALPHA_MIN_ITEMS	5
#define STATS_ALPHA_MIN_PEOPLE	30

struct stats_option {
	char	*text;		/* as shown (plain text) */
	int	 picks;		/* first attempts that chose it */
	int	 right;		/* ... and earned full marks on the item */
};

struct stats_item {
	char	 id[QUIZ_ID_MAX];
	int	 n;
	double	 facility;
	double	 discrimination;	/* NaN if a group never saw it */
	/* From rebuilt papers (stats_choices): the text as first shown
	   (NULL until one was seen); distractors for choice questions. */
	char	*text;
	int	 type;			/* enum quiz_type */
	int	 tallied;		/* first attempts tallied */
	int	 blank;			/* ... that chose nothing */
	int	 other;			/* picks of texts past the cap */
	int	 nopt;
	struct stats_option opt[STATS_MAX_OPTIONS];
};

struct stats_cell;

struct stats {
	/* Results (valid after stats_finish). */
	int		 attempts;
	double		 mean, median;
	int		 hist[STATS_BINS];
	int		 people;
	int		 nitems;
	struct stats_item items[QUIZ_MAX_QUESTIONS];
	double		 alpha;
	int		 alpha_items;
	int		 truncated;
	int		 rebuilt;	/* first attempts tallied for distractors */
	int		 rebuild_truncated;
	/* Builder state. */
	double		*pct;
	int		 npct, cappct;
	struct stats_cell *cells;
	size_t		 ncells, capcells;
	int64_t		 last_person;
	double		*person_pct;
	int		 capperson;
};

void	stats_init(struct stats *);
/* Every submitted attempt's percent (for mean, median, histogram). */
void	stats_percent(struct stats *, double pct);
/* One mark of a first attempt; calls for one attempt must be adjacent. */
void	stats_mark(struct stats *, int64_t attempt, double attempt_pct,
	    const char *qid, double score, double points);
int	stats_finish(struct stats *);	/* 0 ok, -1 out of memory */
/* Tally one first attempt's choices: rebuilds the paper it was shown
   (quiz_rebuild) and grades its stored responses. 0 ok (or skipped past
   STATS_MAX_REBUILD), -1 the attempt could not be rebuilt (logged). */
struct attempt;
int	stats_choices(struct stats *, const struct quiz *,
	    const struct attempt *);
void	stats_free(struct stats *);

/* Pages (stats_page.c). Trainers, HR and admin see every quiz's
   aggregates; the list of people who attempted is shown to HR, admin and
   the trainers a course names in its `trainers:` field. */
struct req;
int	stats_index(struct req *);	/* GET /trainer */
/* GET /trainer/<course>/<file>[/csv | /distractors.csv] */
int	stats_quiz(struct req *);

#endif
