/*
 * ledger: the competency ledger, the one answer to "how many JP does
 * person P have in year Y" (PP 11/2017 art. 203: at least 20 JP a year for
 * a PNS). Every page, export and API that shows JP reads it.
 *
 * A JP counts for the calendar year, in WIB, of the day the learning was
 * completed (ledger_year). The yearly target per employee type is data
 * (the [sasaran] sections of the JP rules, jprules.h), not code:
 * ledger_target_jp answers it for a person.
 */
#ifndef LENTERA_LEDGER_H
#define LENTERA_LEDGER_H

#include <stdint.h>

struct user;

/* Calendar year of t in WIB (UTC+7), the year a JP counts for. */
int	ledger_year(int64_t t);
/* The yearly JP target of u's employee type (PNS: the minimum; a type
   with only a maximum, PPPK, reports that), in whole JP; u NULL: the
   default type (PNS). */
int	ledger_target_jp(const struct user *u);

#endif
