/*
 * regrade: `lentera regrade COURSE/QUIZ.lua`. After a trainer fixes an
 * answer key, every submitted attempt of that quiz is graded again from
 * its stored seed, question order and raw responses; changed results
 * (and their marks) are written in one transaction, passing a final now
 * completes the course as it would have then, and each change is
 * reported. A completion already granted is never revoked here: a
 * result that drops below the pass mark is reported for a human to review.
 */
#ifndef LENTERA_REGRADE_H
#define LENTERA_REGRADE_H

int	regrade_main(int argc, char *argv[]);

#endif
