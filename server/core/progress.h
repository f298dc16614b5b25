/*
 * progress: where a learner stands in a course, the one place that says
 * what "n %" and "may take part" mean (pages only read it).
 *
 * Percent: the course's steps are its modules plus its final test (when
 * it has one); a step counts when the module is marked done or the final
 * has a passing attempt. 100 is shown only when the course is complete
 * (a completions row exists, written by record_update): a course whose
 * steps are all done but is not yet recorded shows 99, and a course
 * completed before a module was added stays 100 (the record is what
 * counts).
 *
 * Prerequisites (course.md `prerequisites:`, course ids) are enforced:
 * a learner may open a course and read its modules, but marking modules
 * done and starting its quizzes waits until every prerequisite course is
 * complete. docs/course-format.md says the same for trainers.
 *
 * Returns: 0 ok, -1 store error.
 */
#ifndef LENTERA_PROGRESS_H
#define LENTERA_PROGRESS_H

#include <stdint.h>

struct catalog;
struct course;
struct store;

#define PROGRESS_PREREQ_MAX	16

struct progress {
	int	 nmods, mods_done;
	int	 next;			/* first module not done, -1 none */
	int	 has_final, final_passed;
	int	 complete;
	int	 percent;		/* 0..100, 100 iff complete */
	int64_t	 last_at;		/* latest module marked done, 0 none */
	uint64_t done;			/* bit i: module i marked done */
};

int	progress_course(struct store *, int64_t user, const struct course *,
	    struct progress *);
/* The done bits alone (struct progress .done): one query, for the module
   page (its cache, web/sesscache.h). */
int	progress_done_mask(struct store *, int64_t user, const struct course *,
	    uint64_t *mask);
/*
 * Prerequisites of c the user has not completed, in course.md order:
 * ids[k] points into c->prereq's copy in buf (caller's, >= 512 bytes).
 * Returns the count (0: free to take part) or -1.
 */
int	progress_prereq_missing(struct store *, int64_t user,
	    const struct course *c, char *buf, const char **ids, int max);

#endif
