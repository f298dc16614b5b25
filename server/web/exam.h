/*
 * exam: taking a quiz. The quiz page shows the rules and the learner's
 * attempts; "start" stores a new attempt (seed, question order, snapshot,
 * start time, deadline) and the paper is rebuilt from the seed whenever
 * it is shown, so nothing about answers ever leaves the server before
 * submission. Submission grades on the server and stores responses,
 * marks and the result in one transaction with the completion it may
 * cause; a second submit of the same attempt changes nothing.
 *
 * Deadline rule: a submission that arrives within GRADE_GRACE_S (grade.h) of the
 * deadline counts as sent. Later, the attempt is graded as of the
 * deadline: with the answers saved by then (the page saves them as the
 * learner works) and submitted_at set to the deadline. An attempt left
 * open past its deadline is closed the same way when next seen.
 */
#ifndef LENTERA_EXAM_H
#define LENTERA_EXAM_H


struct req;

int	exam_quiz(struct req *);	/* GET  /quiz/<course>/<file> */
int	exam_start(struct req *);	/* POST /quiz/<course>/<file>/start */
int	exam_attempt(struct req *);	/* GET  /attempt/<id> */
int	exam_save(struct req *);	/* POST /attempt/<id>/save */
int	exam_submit(struct req *);	/* POST /attempt/<id>/submit */

#endif
