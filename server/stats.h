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
 * The builder copies what it is given; stats_free releases it. At most
 * STATS_MAX_CELLS marks are analysed (the oldest first attempts win).
 */
#ifndef LENTERA_STATS_H
#define LENTERA_STATS_H

#include <stdint.h>

#include "quiz.h"

#define STATS_MAX_CELLS	(2u << 20)	/* ~16 MiB of marks at most */
#define STATS_BINS	10

struct stats_item {
	char	 id[QUIZ_ID_MAX];
	int	 n;
	double	 facility;
	double	 discrimination;	/* NaN if a group never saw it */
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
void	stats_free(struct stats *);

struct req;
int	stats_index(struct req *);	/* GET /trainer */
int	stats_quiz(struct req *);	/* GET /trainer/<course>/<file>[/csv] */

#endif
