/*
 * badge_page: the learner's download of a completion as an Open Badges
 * 3.0 credential (GET /certificate/<course>/badge.json; own completions
 * only, 404 otherwise). The credential itself is badge.h's.
 */
#ifndef LENTERA_BADGE_PAGE_H
#define LENTERA_BADGE_PAGE_H

struct req;
int	badge_page(struct req *);

#endif
