/*
 * idp: individual development plans (rencana pengembangan kompetensi
 * individu; issue 12 item 8). One plan per ASN and year: items name a
 * competency, a route (a JP-rules form: the SIASN jenis list, jprules.h),
 * a catalogue course or another activity, JP, a target date in that year
 * and an estimated cost in rupiah. A draft (or a plan sent back) is
 * edited by its owner; it is submitted only when its JP reach the yearly
 * target (ledger_target_jp); the atasan (users.nip_atasan) approves it or
 * sends it back with a note. Each change notifies the other side in-app.
 *
 * Returns 0 ok, 1 refused with *why set, -1 storage error.
 */
#ifndef LENTERA_IDP_H
#define LENTERA_IDP_H

#include <stdint.h>

#include "i18n.h"
#include "store_planb.h"

struct catalog;
struct jpr_form;

#define IDP_JP_MAX	200		/* JP of one item */
#define IDP_COST_MAX	1000000000LL	/* rupiah of one item */

/* The routes an item may take (the default JP rules' forms), n of them. */
const struct jpr_form *idp_routes(int *n);
const struct jpr_form *idp_route(const char *code);
/* Checks and completes it (course title as activity, gap from need).
   year: the plan's. */
int	idp_item_check(struct store *, const struct user *,
	    const struct catalog *, int year, struct idp_item *it,
	    enum msg *why);
int	idp_add(struct store *, const struct user *, int year,
	    struct idp_item *, int64_t now, const char *ip, enum msg *why);
int	idp_submit(struct store *, const struct user *, int year, int64_t now,
	    const char *ip, enum msg *why);
/* atasan decides on subject's submitted plan of year. */
int	idp_decide(struct store *, const struct user *atasan,
	    const struct user *subject, int year, int approve, const char *note,
	    int64_t now, const char *ip, enum msg *why);

#endif
