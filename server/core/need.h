/*
 * need: what a person's position asks of them and how far they are from
 * it (issue 12 items 4 and 8): the competencies their needs survey asks
 * about, each with its required level, the level achieved so far and
 * where that level comes from, and the catalogue courses that close a
 * gap.
 *
 * On part A (core/gap, standard, profile, dictionary): the competencies
 * are those of the current position's standard (imported SKJ, else the
 * class default), each named as the dictionary spells it; required,
 * achieved (profile evidence: courses, assessments, the atasan's survey
 * answer; a self-assessment is shown but never counts), its source and
 * the gap's priority (10 x gap + the SKP and SKM signals) are
 * gap_person's. Catalogue courses teach a competency when their
 * competency names the same dictionary key.
 *
 * Returns: need_standard/need_gaps the number of rows written (at most
 * max), -1 on a storage error. need_courses the number of courses.
 */
#ifndef LENTERA_NEED_H
#define LENTERA_NEED_H

#include <stdint.h>

#include "store.h"

struct catalog;
struct course;

#define NEED_MAX		64	/* competencies asked of one person */

enum need_source { NEED_SRC_NONE, NEED_SRC_COURSE, NEED_SRC_SELF,
	NEED_SRC_ATASAN, NEED_SRC_ASSESSMENT };

struct need_comp {
	char	 name[STORE_TEXT_MAX];
	char	 ctype[32];		/* competency_type_id */
	int	 required;		/* 1..5 */
};

struct need_gap {
	struct need_comp c;
	int		 achieved;	/* 0: nothing known */
	enum need_source src;
	int64_t		 at;		/* when that level was recorded */
	int		 gap;		/* required - achieved, >= 0 */
	int		 priority;	/* gap_person's: gap, SKP, SKM */
};

int	need_standard(struct store *, const struct user *,
	    const struct catalog *, struct need_comp *out, int max);
/* Index of name (the dictionary key: case and blanks folded) in list,
   or -1. */
int	need_find(const struct need_comp *, int n, const char *name);
int	need_gaps(struct store *, const struct user *, const struct catalog *,
	    struct need_gap *out, int max);
/* Courses teaching g's competency above the achieved level, closest to
   the required level first. */
int	need_courses(const struct catalog *, const struct need_gap *g,
	    const struct course **out, int max);

#endif
