/*
 * needsurvey: needs-survey rounds (PP 11/2017 art. 205: needs are identified
 * before the plan is made). HR opens a round for a year, a period and a
 * set of units (none: every unit); each ASN in scope assesses their
 * position's competencies (need_standard) on levels 1..5 and names needs
 * in free text; their atasan (users.nip_atasan) assesses them too. Answers
 * are kept per round and side; answering again replaces that side's
 * answers of that round only. Answers feed the competency profile
 * (need_gaps reads them; plana's profile_record, source "survei", once
 * merged).
 *
 * Returns 0 ok, 1 refused with *why set (a message for the person), -1
 * storage error.
 */
#ifndef LENTERA_NEEDSURVEY_H
#define LENTERA_NEEDSURVEY_H

#include <stdint.h>

#include "i18n.h"
#include "store_planb.h"

#define NEEDSURVEY_TITLE_MAX	200

/* from, to: "yyyy-mm-dd" (WIB), to inclusive; units: one per line. */
int	needsurvey_open(struct store *, const char *title, const char *from,
	    const char *to, const char *units, int64_t now, int64_t actor,
	    const char *ip, int64_t *id, enum msg *why);
int	needsurvey_is_open(const struct survey_round *, int64_t now);
/* subject answered by assessor: by_atasan 0 (self: assessor is subject)
   or 1 (assessor is subject's atasan). a: n answers, each a competency
   of the subject's standard. */
int	needsurvey_answer(struct store *, const struct survey_round *,
	    const struct user *subject, const struct user *assessor,
	    int by_atasan, const struct survey_answer *a, int n, int64_t now,
	    const char *ip, enum msg *why);

#endif
