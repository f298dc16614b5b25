/*
 * completion: the completion rule. A course is complete when every module
 * is marked done and, if the course has a final test, a final attempt
 * passed. completion_update writes the completion row (with its
 * certificate number and Ed25519-signed payload, certificate.h) in the
 * caller's transaction, with its ledger entry (ledger.h), so the record
 * and its JP exist exactly when the write that completed the course
 * does. The number's prefix and the signing key are cfg's (config.h);
 * without a key the row carries no certificate.
 */
#ifndef LENTERA_COMPLETION_H
#define LENTERA_COMPLETION_H

#include <stdint.h>

#include "store.h"

struct course;

/* In a transaction. 1 completed (now or before), 0 not yet, -1 error. */
int	completion_update(struct store *, const struct user *,
	    const struct course *, int64_t now);

#endif
