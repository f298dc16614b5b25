/*
 * store_eval: the evaluation tables (migration 12; store_eval.c; rules in
 * core/evaluation.h, docs/evaluation.md).
 *
 * Level 1 answers are stored without their learner: the fact that a
 * learner answered a course (eval_reaction_done) and the answers
 * (eval_reaction + eval_answer: a random id chosen by the caller and
 * the course version, no unit, year or time) are separate rows with
 * nothing joining them. store_eval_reaction_save writes both, and the
 * release of a batch, in one transaction: 0 saved, 1 the learner had
 * already answered the course (nothing written), -1 error. Answers of a
 * course version stay pending until `batch` of them are, then all of
 * them are released together (batch column set); every read of answers
 * here returns released ones only.
 *
 * Cohort filters: year 0 any, unit "" any (exact match on users.unit).
 * Returns: 0 ok, 1 not found (lookups), -1 error (logged).
 */
#ifndef LENTERA_STORE_EVAL_H
#define LENTERA_STORE_EVAL_H

#include <stdint.h>

#include "store.h"

#define STORE_EVAL_TEXT_MAX	2001	/* a free-text answer, NUL included */
#define STORE_EVAL_VERSION_MAX	17

struct eval_answer_in {
	const char	*qid, *block;
	const char	*kind;		/* "scale" | "choice" | "text" */
	int		 value;		/* scale point, choice option 1..n; 0 none */
	const char	*text;		/* kind text; else NULL */
};

int	store_eval_reaction_done(struct store *, int64_t user,
	    const char *course, int *done);
int	store_eval_reaction_save(struct store *, int64_t user,
	    const char *course, int64_t id, const char *version,
	    int scale_max, const struct eval_answer_in *,
	    int n, int batch, int64_t now);
/* Versions of a course with answers: fn(arg, version, released,
   pending), first released first (never released last). */
int	store_eval_versions(struct store *, const char *course,
	    void (*fn)(void *, const char *, int, int), void *arg);
/* Released answer counts per question and value of a course version:
   fn(arg, qid, value, count). */
int	store_eval_values(struct store *, const char *course,
	    const char *version, void (*fn)(void *, const char *, int, int),
	    void *arg);
/* Released free-text answers of a course version, sorted by question
   then text (no order of arrival): fn(arg, qid, text). */
int	store_eval_texts(struct store *, const char *course,
	    const char *version, void (*fn)(void *, const char *,
	    const char *), void *arg);

/* Response rates of a cohort (course "" any). */
struct eval_rates {
	int64_t	 completions, reacted;
};
int	store_eval_rates(struct store *, const char *course, int year,
	    const char *unit, struct eval_rates *);

/* One completion of a cohort with what evaluation knows of it. */
struct eval_person {
	int64_t	 user_id;
	char	 nip[STORE_NIP_LEN + 1];
	char	 name[STORE_NAME_MAX];
	char	 unit[STORE_TEXT_MAX];
	char	 nip_atasan[STORE_NIP_LEN + 1];
	char	 course[65];
	char	 course_title[STORE_TEXT_MAX];
	char	 competency[STORE_TEXT_MAX];
	int	 year;
	int64_t	 completed_at;
	double	 post;			/* final test percent; < 0 none */
	double	 pre;			/* first pre-test percent; < 0 none */
	int64_t	 learner_at, atasan_at;	/* follow-up answered; 0 not */
	int	 change;		/* atasan's 1..4; 0 none */
	char	 applied[STORE_EVAL_TEXT_MAX];	/* learner: how applied */
	char	 example[STORE_EVAL_TEXT_MAX];	/* learner: an example */
	char	 comment[STORE_EVAL_TEXT_MAX];	/* atasan's comment */
};
/* Completions of the cohort (course "" any; pre-test file pre, "" none),
   by completion time: fn(arg, row). */
int	store_eval_people(struct store *, const char *course, const char *pre,
	    int year, const char *unit,
	    void (*fn)(void *, const struct eval_person *), void *arg);
/* One learner's completions, newest first. */
int	store_eval_people_user(struct store *, int64_t user,
	    void (*fn)(void *, const struct eval_person *), void *arg);
/* Completions of the people whose atasan is nip, newest first. */
int	store_eval_team(struct store *, const char *atasan_nip,
	    void (*fn)(void *, const struct eval_person *), void *arg);
/* One completion (user, course) as above; 1 none. */
int	store_eval_person(struct store *, int64_t user, const char *course,
	    struct eval_person *);
/* A follow-up answer (role "learner": applied, example; "atasan":
   change 1..4, comment in applied) and its audit row, one transaction:
   0 saved, 1 already answered, -1 error. */
int	store_eval_followup_save(struct store *, int64_t user,
	    const char *course, const char *role, int64_t responder,
	    int change, const char *applied, const char *example, int64_t now,
	    const char *ip);

/* Closing the loop. */
int	store_eval_note_add(struct store *, const char *course,
	    const char *version, int64_t author, const char *body, int64_t now,
	    const char *ip);
int	store_eval_notes(struct store *, const char *course,
	    void (*fn)(void *, const char *version, int64_t at,
	    const char *author, const char *body), void *arg);
/* Units of a course's cohort and their completions. */
int	store_eval_units(struct store *, const char *course, int year,
	    void (*fn)(void *, const char *unit, int n), void *arg);

/* Level 4 sources, the planning imports (store_plan.h): SKP predikat
   counts of the users of unit who completed course (any year) in year y,
   5 categories (Sangat Baik .. Sangat Kurang); the SKM sums per unsur of
   unit over the periods of year y. 0 data, 1 no data, -1 error. */
int	store_eval_skp(struct store *, const char *course, const char *unit,
	    int y, int64_t dist[5]);
int	store_eval_skm_year(struct store *, const char *unit, int y,
	    int64_t total[9], int64_t answers[9]);

#endif
