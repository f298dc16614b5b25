/*
 * record: the competency record. A course is complete when every module
 * is marked done and, if the course has a final test, a final attempt
 * passed. record_update writes the completion row (with its certificate
 * number and Ed25519-signed payload) in the caller's transaction, so the
 * record exists exactly when the write that completed the course does.
 *
 * Pages: Rekam Jejak (/record) and the printable certificate
 * (/certificate/<course>, own record only, with its verification code).
 * The signed payload format and the public /verify pages are verify.c's.
 */
#ifndef LENTERA_RECORD_H
#define LENTERA_RECORD_H

#include <stdint.h>

#include "store.h"

#define RECORD_JP_TARGET	20	/* PP 11/2017 art. 203 */

struct course;
struct req;

/* In a transaction. 1 completed (now or before), 0 not yet, -1 error. */
int	record_update(struct store *, const struct user *,
	    const struct course *, int64_t now);
/* Calendar year of t in WIB (UTC+7), the year a JP counts for. */
int	record_year(int64_t t);

int	record_page(struct req *);
int	record_certificate(struct req *);

#endif
