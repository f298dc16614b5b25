/*
 * home: the learner's own pages. "/" (Beranda) answers "what next?":
 * the open quiz attempt or the next step of the course touched last,
 * courses in progress with true progress (progress.h), JP this year
 * against the 20 JP target, recent quiz results. "/grades" (Nilai) lists
 * every quiz attempt across courses, newest first, each linking to its
 * review. Staff see the same home (they owe 20 JP too) plus their menu.
 */
#ifndef LENTERA_HOME_H
#define LENTERA_HOME_H

#define HOME_RECENT	5	/* results on the home page */
#define HOME_ATTEMPTS	1000	/* attempts read for the home and grades */

struct req;

int	home_page(struct req *);	/* GET / (logged in) */
int	home_grades(struct req *);	/* GET /grades */

#endif
