/*
 * learn: the learner's pages: catalogue, course overview, module reading,
 * "Tandai selesai" (mark done, committed before the answer is sent, and
 * completing the course in the same transaction) and course assets.
 */
#ifndef LENTERA_LEARN_H
#define LENTERA_LEARN_H

struct req;

int	learn_home(struct req *);
int	learn_catalog(struct req *);
int	learn_course(struct req *);	/* GET /courses/<id> */
int	learn_module(struct req *);	/* GET /courses/<id>/<slug> */
int	learn_done(struct req *);	/* POST /courses/<id>/<slug>/done */
int	learn_asset(struct req *);	/* GET /courses/<id>/assets/<file> */
int	learn_static(struct req *);	/* GET /static/<file> */

struct course;
/* 403 page: c's prerequisites are not complete (see progress.h). */
int	learn_prereq_refuse(struct req *, const struct course *c);

#endif
