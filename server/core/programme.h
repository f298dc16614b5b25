/*
 * programme: mentoring and coaching programmes (issue 11.2). HR, or an
 * atasan for their own team, creates a programme (name, kind, period,
 * competency focus) and pairs mentors with mentees, one pair at a time
 * or many from text ("nip_mentor,nip_mentee" a line; a header line
 * "nip..." and blank lines skipped), every line checked and listed by its
 * number when wrong, nothing written until all are right. A session a
 * mentee logs with their paired mentor inside the period belongs to the
 * programme (learnrec.h); the programme page then reports per pair the
 * sessions, approved minutes and JP, and the follow-up actions (RTL).
 *
 * Who: HR and admins manage every programme; its owner manages it; a
 * programme's mentors and mentees see it (their own pairs only). An
 * atasan who is not HR pairs only their own team's members as mentees.
 *
 * Returns: 0 done, 1 refused (why, or rep->problem by line), 2 not this
 * user's to manage (403), 3 no such programme, -1 error.
 */
#ifndef LENTERA_PROGRAMME_H
#define LENTERA_PROGRAMME_H

#include <stddef.h>
#include <stdint.h>

#include "learnrec.h"
#include "store_programme.h"

int	programme_create(struct store *, const struct user *,
	    struct programme *, int64_t now, char *why, size_t whylen);
/* 1 when u manages p (HR, admin, owner). */
int	programme_manages(const struct user *u, const struct programme *p);
/* 1 when u may see the pair (managers, and the pair's own members). */
int	programme_sees_pair(const struct user *u, const struct programme *p,
	    const struct programme_pair *q);
int	programme_pairs_import(struct store *, const struct user *,
	    int64_t programme, const char *text, size_t n, int64_t now,
	    struct learnclass_report *rep, char *why, size_t whylen);

#endif
