/*
 * need: what a person's position asks of them and how far they are from
 * it (issue 12 items 4 and 8): the competencies their needs survey asks
 * about, each with its required level, the level achieved so far and
 * where that level comes from, and the catalogue courses that close a
 * gap.
 *
 * The seam with part A (branch plana: dictionary, position standards,
 * profiles): until position standards are merged, need_standard gives
 * every position the eight manajerial competencies and Perekat Bangsa of
 * PermenPANRB 38/2017 at NEED_REQUIRED_DEFAULT, plus each competency a
 * catalogue course teaches (at the highest level a course teaches it);
 * need_gaps takes the achieved level from completions (course level)
 * and the latest needs-survey answer (the atasan's over the
 * self-assessment). When the standards and profile land, need_standard
 * and the achieved level read them instead; callers do not change.
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

#define NEED_REQUIRED_DEFAULT	2	/* PermenPANRB 38/2017 level; DOMAIN.md */
#define NEED_MAX		64	/* competencies asked of one person */

enum need_source { NEED_SRC_NONE, NEED_SRC_COURSE, NEED_SRC_SELF,
	NEED_SRC_ATASAN };

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
};

int	need_standard(const struct user *, const struct catalog *,
	    struct need_comp *out, int max);
/* Index of name (case-insensitive) in list, or -1. */
int	need_find(const struct need_comp *, int n, const char *name);
int	need_gaps(struct store *, const struct user *, const struct catalog *,
	    struct need_gap *out, int max);
/* Courses teaching g's competency above the achieved level, closest to
   the required level first. */
int	need_courses(const struct catalog *, const struct need_gap *g,
	    const struct course **out, int max);

#endif
