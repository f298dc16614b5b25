/*
 * aplan: the agency's yearly development plan (PP 11/2017 art. 207) and
 * its realisation (issue 12 items 9 and 11). Approved IDPs roll up per
 * unit, competency, route and activity with the art. 207(3) fields:
 * competency type, target ASN (unit, positions, head count), jenis and
 * jalur, provider, schedule (first..last target date) and budget.
 *
 * The budget line: HR sets a ceiling per year; rows are ranked by
 * priority (aplan_priority: gap size, performance and citizen signals),
 * then cheaper per person first; going down the ranking, a row is funded
 * when its cost still fits in what the rows above it left of the
 * ceiling, else it is below the line (a cheaper row further down may
 * still fit). Realisation compares planned JP (approved items) with
 * achieved JP from the ledger's yearly count, per unit and per person.
 *
 * aplan_build: 0 (p filled; free with aplan_free), -1 error.
 */
#ifndef LENTERA_APLAN_H
#define LENTERA_APLAN_H

#include <stdint.h>

#include "export.h"
#include "store_planb.h"

#define APLAN_ROWS_MAX	100000	/* rows of one year's plan */

struct aplan_item {
	struct aplan_row row;
	int		 priority;
	int64_t		 running;	/* funded cost down to this row */
	int		 below;		/* over the ceiling */
};

struct aplan {
	int		 year;
	int		 has_ceiling;
	int64_t		 ceiling;
	int64_t		 cost, jp, people, below_cost;
	int		 n, nbelow;
	struct aplan_item *items;	/* by priority, highest first */
};

/* Priority of a row: the highest gap priority among its items, as
   part A computed it when each was planned (gap.h: 10 x gap + the SKP
   predikat bonus + an accepted SKM proposal for front-line positions). */
int	aplan_priority(const struct aplan_row *);
int	aplan_build(struct store *, int year, struct aplan *);
void	aplan_free(struct aplan *);
/* The route's name and jalur for people (jprules); "" when unknown. */
const char *aplan_route_name(const char *code);
const char *aplan_route_jalur(const char *code);
/* The plan as an agency files it: CSV or XLSX rows through emit. */
int	aplan_export(const struct aplan *, enum export_fmt, export_emit,
	    void *arg, char *err, size_t errlen);

/* Realisation per unit: active learners (people), those with an
   approved plan (planners), their planned and achieved JP of the year
   (store_planb.h says where achieved comes from). */
struct aplan_unit {
	char	 unit[STORE_TEXT_MAX];
	int64_t	 planned, achieved, planners, people;
};
int	aplan_units(struct store *, int year, struct aplan_unit **out, int *n);
/* Achieved JP of one person in year (the ledger's yearly count). */
int	aplan_achieved(struct store *, int64_t user, int year, int64_t *jp);
/* Realisation per person with an approved plan in unit ("" every
   unit): fn(arg, user, planned, achieved). */
int	aplan_people(struct store *, int year, const char *unit,
	    int (*fn)(void *, const struct user *, int64_t planned,
	    int64_t achieved), void *arg);

#endif
