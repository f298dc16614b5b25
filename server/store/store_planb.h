/*
 * store_planb: storage of the planning cycle's second half (issue 12
 * items 4, 8-11; store_survey.c, store_plan_b.c, store_plan_b_send.c,
 * migration 14): needs-survey rounds and
 * their answers, individual development plans (IDP) and their items, the
 * yearly budget ceiling, course assignments, in-app notifications and
 * the e-mail outbox. Domain rules are the callers' (core/survey, idp,
 * aplan, assign, outbox); the store only bounds, groups and writes.
 *
 * Returns: 0 ok, 1 not found (lookups) or "refused by state" where said,
 * -1 error. Iterators call fn per row; fn returning non-zero stops (1).
 * Every write that changes what a person sees writes its audit row in
 * the same transaction. Dates set by people (item target, due date) are
 * WIB "yyyy-mm-dd" text; times are Unix seconds passed from C.
 */
#ifndef LENTERA_STORE_PLANB_H
#define LENTERA_STORE_PLANB_H

#include <stdint.h>

#include "store.h"

#define PLANB_UNITS_MAX		32	/* units named by one survey round */
#define PLANB_NEED_MAX		500	/* bytes of one free-text need */
#define PLANB_NOTE_MAX		500	/* bytes of an atasan's note */
#define PLANB_DATE_LEN		10	/* yyyy-mm-dd */
#define PLANB_ROUTE_MAX		32	/* a jprules form code */
#define PLANB_BODY_MAX		4000	/* bytes of an e-mail body */

/* ---- needs survey ---- */
struct survey_round {
	int64_t	 id;
	int	 year;
	char	 title[STORE_TEXT_MAX];
	int64_t	 opens_at, closes_at;	/* open: opens_at <= now < closes_at */
	int64_t	 created_at;
	int	 nunits;			/* 0: every unit */
	char	 units[PLANB_UNITS_MAX][STORE_TEXT_MAX];
};

struct survey_answer {
	char	 competency[STORE_TEXT_MAX];
	char	 ctype[32];
	int	 level;				/* 1..5 */
	char	 need[PLANB_NEED_MAX + 1];
};

int	store_survey_round_insert(struct store *, const struct survey_round *,
	    int64_t actor, const char *ip, int64_t *id);
int	store_survey_round_get(struct store *, int64_t id,
	    struct survey_round *);
/* Newest first, up to limit (units not filled). */
int	store_survey_rounds(struct store *, int limit,
	    int (*fn)(void *, const struct survey_round *), void *arg);
/* 1 if u's unit is in the round (or the round names no unit), else 0. */
int	store_survey_covers(struct store *, int64_t round, const char *unit);
/* Replace the answers of one assessor side (by_atasan 0 self, 1 atasan)
   for user in round, with the audit row: in the caller's transaction
   when one is open (store_begin), else in one of its own. */
int	store_survey_save(struct store *, int64_t round, int64_t user,
	    int by_atasan, int64_t assessor, const struct survey_answer *,
	    int n, int64_t now, const char *ip);
/* Answers of one side: fn(arg, answer, answered_at). */
int	store_survey_answers(struct store *, int64_t round, int64_t user,
	    int by_atasan, int (*fn)(void *, const struct survey_answer *,
	    int64_t), void *arg);
/* The latest answered level of user for competency over every round:
   the atasan's when given, else the self-assessment. 1 none. */
int	store_survey_level(struct store *, int64_t user, const char *competency,
	    int *level, int *by_atasan, int64_t *at);
/* Per unit in the round's scope: active learners, how many answered
   themselves, how many their atasan assessed; by unit name. */
int	store_survey_rates(struct store *, int64_t round,
	    int (*fn)(void *, const char *unit, int64_t people, int64_t self,
	    int64_t atasan), void *arg);
/* In-app reminder (a notification) to every active learner in scope who
   has not answered; *n how many. One transaction with the audit row. */
int	store_survey_remind(struct store *, int64_t round, int64_t now,
	    int64_t actor, const char *ip, int64_t *n);

/* Active accounts whose nip_atasan is nip, by name. */
int	store_team(struct store *, const char *nip,
	    int (*fn)(void *, const struct user *), void *arg);

/* ---- individual development plans ---- */
enum idp_status { IDP_NONE, IDP_DRAFT, IDP_SUBMITTED, IDP_APPROVED,
	IDP_RETURNED };

struct idp {
	int64_t	 id, user_id;
	int	 year;
	int	 status;			/* enum idp_status */
	char	 note[PLANB_NOTE_MAX + 1];	/* atasan's, when returned */
	int64_t	 updated_at, decided_at;
	int64_t	 jp, cost;			/* sums of its items */
	int	 nitems;
};

struct idp_item {
	int64_t	 id;
	char	 competency[STORE_TEXT_MAX];
	char	 ctype[32];
	int	 gap;				/* levels short when planned */
	int	 priority;			/* of that gap then (need.h) */
	char	 route[PLANB_ROUTE_MAX];	/* jprules form code */
	char	 course[65];			/* "" if not a catalogue course */
	char	 activity[STORE_TEXT_MAX];
	int	 jp;
	char	 target[PLANB_DATE_LEN + 1];
	int64_t	 cost;				/* rupiah */
};

const char *store_idp_status_name(int);
/* 1: none for that year (p zeroed, status IDP_NONE). */
int	store_idp_get(struct store *, int64_t user, int year, struct idp *);
int	store_idp_items(struct store *, int64_t idp,
	    int (*fn)(void *, const struct idp_item *), void *arg);
/* Adds an item, creating the draft plan when there is none; 1 the plan
   is submitted or approved (not editable). */
int	store_idp_item_add(struct store *, int64_t user, int year,
	    const struct idp_item *, int64_t now, const char *ip);
/* 1: no such item in an editable plan of user. */
int	store_idp_item_delete(struct store *, int64_t user, int year,
	    int64_t item, int64_t now, const char *ip);
/* Moves plan idp from one status to another (1 when it is not in
   `from` any more), with the note, a notification to notify_user
   (kind, ref, link) and the audit row, in one transaction. */
int	store_idp_move(struct store *, int64_t idp, int from, int to,
	    const char *note, int64_t actor, int64_t now, const char *ip,
	    int64_t notify_user, const char *kind, const char *ref,
	    const char *link);

/* ---- agency plan and budget ---- */
struct aplan_row {
	char	 unit[STORE_TEXT_MAX];
	char	 competency[STORE_TEXT_MAX];
	char	 ctype[32];
	char	 route[PLANB_ROUTE_MAX];
	char	 course[65];
	char	 activity[STORE_TEXT_MAX];
	int64_t	 people, jp, cost;
	int	 max_gap, max_priority;
	char	 first[PLANB_DATE_LEN + 1], last[PLANB_DATE_LEN + 1];
	char	 positions[STORE_TEXT_MAX];	/* a sample of the positions */
};
/* Approved plans' items of year grouped by unit, competency, route,
   course and activity (the rollup written at approval: the unit and a
   position as they were then); by unit, competency. */
int	store_aplan_rows(struct store *, int year,
	    int (*fn)(void *, const struct aplan_row *), void *arg);
/*
 * Realisation. Achieved JP are the year's ledger entries (today the
 * completions rows, each counted in its WIB year) of the people with an
 * approved plan, so planned and achieved compare the same people.
 * store_aplan_people: per person with an approved plan of year in unit
 * ("" every unit): fn(user, planned, achieved), by unit then name.
 */
int	store_aplan_people(struct store *, int year, const char *unit,
	    int (*fn)(void *, const struct user *, int64_t planned,
	    int64_t achieved), void *arg);
/* perfdata: the statements behind the survey and realisation pages, for
   the plan test (tests/unit/test_perfdata_plan.c): i-th SQL and a name,
   NULL past the last. */
const char	*store_planb_hot_sql(int i, const char **name);
/* Per unit with active learners: how many, how many have an approved
   plan of year, their planned JP (the rollup written at approval) and
   their achieved JP; by unit. */
int	store_aplan_units(struct store *, int year,
	    int (*fn)(void *, const char *unit, int64_t people,
	    int64_t planners, int64_t planned, int64_t achieved), void *arg);
/* 1: no ceiling set. */
int	store_budget_get(struct store *, int year, int64_t *ceiling);
int	store_budget_set(struct store *, int year, int64_t ceiling,
	    int64_t actor, int64_t now, const char *ip);

/* ---- assignments, notifications, outbox ---- */
enum assign_kind { ASSIGN_PERSON, ASSIGN_UNIT, ASSIGN_POSITION, ASSIGN_PLAN };

struct assign_new {
	char	 course[65];
	char	 course_title[STORE_TEXT_MAX];
	char	 due[PLANB_DATE_LEN + 1];
	int64_t	 due_at;			/* end of the due day (WIB) */
	int	 kind;				/* enum assign_kind */
	char	 target[STORE_TEXT_MAX];	/* NIP, unit or position; plan:
						   the unit */
	int	 year;				/* plan: the approved plans'
						   year whose items name course */
	/* With mail set, one outbox row per assigned person with an e-mail. */
	int	 mail;
	char	 subject[STORE_TEXT_MAX];
	char	 body[PLANB_BODY_MAX + 1];
};
/* Resolves the target to active accounts, writes the assignment, its
   people, a notification each, the outbox rows and the audit row in one
   transaction: *people how many (0: nothing written, returns 1). */
int	store_assign_create(struct store *, const struct assign_new *,
	    int64_t actor, int64_t now, const char *ip, int64_t *id,
	    int64_t *people, int64_t *mails);

struct assign_row {
	int64_t	 id;
	char	 course[65];
	char	 due[PLANB_DATE_LEN + 1];
	int64_t	 due_at, created_at;
	int	 kind;
	char	 target[STORE_TEXT_MAX];
	int64_t	 people, done;			/* list: counts */
	int	 completed;			/* user list: completion exists */
	char	 nip[STORE_NIP_LEN + 1];	/* overdue: the person */
	char	 name[STORE_NAME_MAX];
	char	 unit[STORE_TEXT_MAX];
};
/* A person's assignments, soonest due first. */
int	store_assign_user(struct store *, int64_t user,
	    int (*fn)(void *, const struct assign_row *), void *arg);
/* Recent assignments with people and done counts, newest first. */
int	store_assign_list(struct store *, int limit,
	    int (*fn)(void *, const struct assign_row *), void *arg);
/* Assigned people without a completion of the course whose due_at < now,
   most overdue first. */
int	store_assign_overdue(struct store *, int64_t now, int limit,
	    int (*fn)(void *, const struct assign_row *), void *arg);

struct notification {
	int64_t	 id, at, read_at;
	char	 kind[32];
	char	 ref[STORE_TEXT_MAX];
	char	 link[STORE_TEXT_MAX];
};
int	store_notify_list(struct store *, int64_t user, int limit,
	    int (*fn)(void *, const struct notification *), void *arg);
int	store_notify_unread(struct store *, int64_t user, int64_t *n);
int	store_notify_read_all(struct store *, int64_t user, int64_t now);

struct outbox_row {
	int64_t	 id;
	char	 to[STORE_TEXT_MAX];
	char	 subject[STORE_TEXT_MAX];
	char	 body[PLANB_BODY_MAX + 1];
	int	 attempts;
};
/* Unsent rows with next_at <= now, oldest first, up to limit. */
int	store_outbox_due(struct store *, int64_t now, int limit,
	    int (*fn)(void *, const struct outbox_row *), void *arg);
int	store_outbox_sent(struct store *, int64_t id, int64_t now);
int	store_outbox_retry(struct store *, int64_t id, int attempts,
	    int64_t next_at, const char *error);
/* Rows not sent yet, rows sent, and the earliest next_at of the unsent
   (0 none). */
int	store_outbox_counts(struct store *, int64_t *pending, int64_t *sent,
	    int64_t *next_at);

#endif
