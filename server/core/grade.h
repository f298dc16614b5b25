/*
 * grade: server-side grading shared by the attempt pages (exam.c) and
 * `lentera regrade`, and the one write of a graded result (a submission
 * in the group commit, a regrade in its own transaction). The pages that
 * show an attempt are attempt_view.h's.
 *
 * Responses are kept as an urlencoded string of the q_* form fields, as
 * the learner sent them; grading re-parses that string and asks the quiz
 * engine to grade against the paper rebuilt from the attempt's seed.
 */
#ifndef LENTERA_GRADE_H
#define LENTERA_GRADE_H

#include <stdint.h>

#include "form.h"
#include "i18n.h"
#include "quiz.h"
#include "store.h"

struct course;

/* Seconds after a deadline that a submission still counts (network and
   clock slack); later ones are graded as of the deadline. */
#define GRADE_GRACE_S	30

/* An attempt's question ids ("a b c", its ids column) split in place into
   ids[GRADE_IDS_MAX]; the count. */
#define GRADE_IDS_MAX	QUIZ_MAX_QUESTIONS
int	 grade_split_ids(char *s, const char **ids);
/* The q_* fields of a form as an urlencoded string (malloc'd), or NULL. */
char	*grade_responses(const struct form *);
/* Grade responses (urlencoded, may be NULL) for attempt a. 0 / -1. */
int	 grade_run(const struct quiz *, const struct attempt *,
	    const char *responses, struct quiz_result *, struct buf *err);
/* Grade and store as submitted at `at`, with marks and the completion it
   may cause, in one transaction. 0 done, 1 already submitted, -1 error. */
int	 grade_finish(struct store *, const struct user *,
	    const struct course *, const struct quiz *, struct attempt *,
	    const char *responses, int64_t at);
/* Store a regraded result of submitted attempt a (result fields already
   set from res) with its marks and, when it now passes the final, the
   completion as of its submission, in one transaction. 0, -1. */
int	 grade_store_regrade(struct store *, const struct course *,
	    const struct quiz *, const struct attempt *,
	    const struct quiz_result *);
/* Close the user's open attempt of this quiz if its deadline passed. */
void	 grade_expire_open(struct store *, const struct user *,
	    const struct course *, const char *file, const struct quiz *,
	    int64_t now);
/* The verdict word for an attempt and its CSS class (right, wrong,
   done: submitted without pass/fail, open); qi may be NULL. */
enum msg grade_verdict(const struct quiz_info *qi, const struct attempt *,
	    const char **cls);
/* Questions of a answered in f (see quiz.h for field names); *total
   gets the question count. -1 out of memory. */
int	 grade_answered(const struct attempt *a, const struct form *f,
	    int *total);
#endif
