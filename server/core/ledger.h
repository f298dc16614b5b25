/*
 * ledger: the competency ledger, the one answer to "how many JP does
 * person P have in year Y" (PP 11/2017 art. 203: at least 20 JP a year for
 * a PNS). Every page, export and API that shows JP reads it; the sum
 * itself is one statement, store_ledger_people (store_ledger.h), reached
 * only through ledger_people and ledger_person here.
 *
 * Entries come from sources (e-learning completions today; mentoring,
 * coaching, classroom and external learning), each with a status: only
 * approved entries count, pending ones are shown apart. JP are kept in
 * hundredths (cJP, as jprules.h): 100 minutes at 45 minutes a JP is 2,22.
 * Each entry records the ref of the JP rule that credited it.
 *
 * A JP counts for the calendar year, in WIB, of the day the learning was
 * completed (ledger_year). The yearly target per employee type is data
 * (the [sasaran] sections of the JP rules, jprules.h), not code.
 *
 * Returns: 0 ok, -1 error; ledger_people also 1 when fn stopped it.
 */
#ifndef LENTERA_LEDGER_H
#define LENTERA_LEDGER_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "store_ledger.h"

struct completion;
struct jpr_rules;

#define LEDGER_CJP	100		/* cJP per JP */
#define LEDGER_CJP_STR	24		/* ledger_cjp_str buffer */

/* Calendar year of t in WIB (UTC+7), the year a JP counts for. */
int	ledger_year(int64_t t);
/* The JP rules in force: the file ledger_rules_load read (`lentera serve
   --jp-rules FILE`), else the shipped defaults; NULL if even those fail. */
const struct jpr_rules *ledger_rules(void);
/* Before any thread starts: the rules of path, checked whole (0), or -1
   with "FILE:LINE: message" lines in err and the defaults kept. */
int	ledger_rules_load(const char *path, struct buf *err);
/* The yearly target of an employee type in cJP (PNS: the minimum; a type
   with only a maximum, PPPK, reports that); NULL or unknown: pns. */
int64_t	ledger_target_cjp(const char *type);
/* Whole JP of the default type (PNS): pages that have no person. */
int	ledger_target_jp(const struct user *);
/* 1 when p's approved JP reach its type's target. */
int	ledger_meets(const struct ledger_person *p);
/* "pns" / "PPPK " etc.: the canonical type code into out, 1; 0 unknown. */
int	ledger_type_parse(const char *s, char *out, size_t len);

/* Per person (and year when f->year is 0): store_ledger_people. */
int	ledger_people(struct store *, const struct ledger_filter *,
	    int (*fn)(void *, const struct ledger_person *), void *arg);
int	ledger_people_count(struct store *, const struct ledger_filter *,
	    int64_t *n);
/* One person's sums in year (zeros, the type set, when nothing counts). */
int	ledger_person(struct store *, int64_t user, int year,
	    struct ledger_person *);

/*
 * The HR dashboard's figures for f's year and unit, from the counters
 * kept with every ledger write (store_agg.h) instead of a pass over every
 * person: the same numbers a ledger_people pass gives
 * (tests/http/test_ledger_agree.py holds them equal). d: counted people,
 * those meeting
 * their type's target, approved e-learning entries, approved cJP. unit_fn
 * gets each unit once (in unit order) with its people, e-learning entries
 * and cJP; below_fn the people below their target, lowest JP first (the
 * by_jp order: cjp, name, nip), until it returns non-zero. Either fn may
 * be NULL. 1 (nothing called): f filters by course, type, user or atasan,
 * which the counters do not hold: use ledger_people. 0 ok, -1 error.
 */
struct ledger_dash {
	int64_t	 people, meeting, done, cjp;
};
int	ledger_dashboard(struct store *, const struct ledger_filter *f,
	    struct ledger_dash *d,
	    void (*unit_fn)(void *, const char *unit, int64_t people,
	    int64_t done, int64_t cjp),
	    int (*below_fn)(void *, const struct ledger_person *), void *arg);

/* In the caller's transaction: the approved e-learning entry of a
   completion just inserted (c->id set). */
int	ledger_add_completion(struct store *, const struct completion *c,
	    int64_t now);

/* cJP as text: "20", "2,22", "2,5" with mark ',' ("2.5" with '.': the
   machine form of CSV, JSON and the API). */
void	ledger_cjp_str(char *dst, size_t len, int64_t cjp, char mark);

#endif
