/*
 * assign: course assignments with a due date (issue 12 item 10). HR
 * assigns a catalogue course to one employee (NIP), a unit or a position,
 * or from the agency plan to the people of a unit who planned the course;
 * the people are resolved once, when the assignment is made (who joins
 * the unit later is not assigned silently). Each person gets an in-app
 * notification and, when SMTP is configured (outbox.h), an e-mail through
 * the outbox, written in the same transaction as the assignment, so a
 * restart loses no message. An assignment is done when the person has a
 * completion of the course; it is overdue after the end of its due day
 * (WIB) until then.
 *
 * Returns 0 ok, 1 refused with *why set, -1 storage error.
 */
#ifndef LENTERA_ASSIGN_H
#define LENTERA_ASSIGN_H

#include <stdint.h>

#include "i18n.h"
#include "store_planb.h"

/* kind: "person" | "unit" | "position" | "plan" (from the agency plan:
   the people of unit target whose approved plan of year names the
   course; year is read for "plan" only). */
int	assign_create(struct store *, const char *course, const char *due,
	    const char *kind, const char *target, int year, int64_t actor,
	    int64_t now, const char *ip, int64_t *people, int64_t *mails,
	    enum msg *why);
/* 1 when a (not completed) is past its due time at now. */
int	assign_overdue(const struct assign_row *a, int64_t now);

#endif
