/*
 * plan: the pages of the planning cycle's second half (issue 12 items 4,
 * 8-11). plan_survey.c: needs-survey forms for the ASN and their atasan,
 * notifications and the home-page cards (assignments, open surveys);
 * plan_idp.c: the individual plan with its gaps and recommendations, the
 * atasan's team and approval; hr_cycle.c: HR's survey rounds, agency
 * plan and budget, exports, realisation and assignments. Domain rules
 * are core's (survey, need, idp, aplan, assign); these files only parse
 * and render. Handlers return HTTP statuses (http.h).
 */
#ifndef LENTERA_PLAN_H
#define LENTERA_PLAN_H

#include <stdint.h>

struct req;
struct user;

/* plan_survey.c */
int	plan_survey_page(struct req *);		/* GET  /survey/<id>[/team/<nip>] */
int	plan_survey_post(struct req *);		/* POST the same */
int	plan_notifications(struct req *);	/* GET  /notifications */
int	plan_notifications_read(struct req *);	/* POST /notifications/read */
/* Home-page cards: assignments with due dates, open surveys, unread
   notifications. Writes to r->out; -1 on a storage error. */
int	plan_home_cards(struct req *);
/* The positive id in path segment i, or -1. */
int64_t	plan_seg_id(struct req *, int i);
/* Open rounds that cover u's unit: fn(arg, round), newest first. */
struct survey_round;
int	plan_open_rounds(struct req *, const struct user *u,
	    int (*fn)(void *, const struct survey_round *), void *arg);

/* plan_idp.c */
int	plan_page(struct req *);		/* GET  /plan */
int	plan_item_add(struct req *);		/* POST /plan/items */
int	plan_item_delete(struct req *);		/* POST /plan/items/<id>/delete */
int	plan_submit(struct req *);		/* POST /plan/submit */
int	plan_team(struct req *);		/* GET  /plan/team */
int	plan_team_person(struct req *);		/* GET  /plan/team/<nip> */
int	plan_team_decide(struct req *);		/* POST /plan/team/<nip>/decide */
/* ?year= / year field: the plan year (this WIB year by default), -1 bad. */
int	plan_year(struct req *, const char *v);

/* hr_cycle.c */
int	hr_cycle_survey(struct req *);		/* GET  /hr/survey */
int	hr_cycle_survey_open(struct req *);	/* POST /hr/survey */
int	hr_cycle_survey_round(struct req *);	/* GET  /hr/survey/<id> */
int	hr_cycle_survey_remind(struct req *);	/* POST /hr/survey/<id>/remind */
int	hr_cycle_page(struct req *);		/* GET  /hr/plan */
int	hr_cycle_budget(struct req *);		/* POST /hr/plan/budget */
int	hr_cycle_realisation(struct req *);	/* GET  /hr/plan/realisation[?unit=] */
int	hr_cycle_export(struct req *);		/* GET  /hr/plan/export?format= */
int	hr_cycle_assign(struct req *);		/* GET  /hr/assign */
int	hr_cycle_assign_post(struct req *);	/* POST /hr/assign */

#endif
