/*
 * attempt_view: the pages of one attempt: the paper being answered, the
 * confirm step before submitting with unanswered questions, and the review
 * after. Grading itself is grade.h's. Each returns an HTTP status.
 */
#ifndef LENTERA_ATTEMPT_VIEW_H
#define LENTERA_ATTEMPT_VIEW_H

struct attempt;
struct course;
struct quiz;
struct req;

int	 attempt_view_paper(struct req *, const struct course *,
	    const struct quiz *, const struct attempt *);
int	 attempt_view_confirm(struct req *, const struct course *,
	    const struct quiz *, const struct attempt *, int done, int total);
int	 attempt_view_review(struct req *, const struct course *,
	    const struct quiz *, const struct attempt *);

#endif
