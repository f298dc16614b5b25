/*
 * setup: first-login setup codes. HR issues a one-time code for a user
 * (a new learner from the roster, or a reset); the user enters NIP, code
 * and a new password at /setup, which sets the password and logs in.
 *
 * A code is SETUP_CODE_LEN characters from an alphabet without 0/O/1/I/L
 * (31 symbols, ~49 bits), shown grouped "ABCDE-FGHJK" exactly once; only
 * BLAKE2b(code, key = NIP) is stored (users.setup_hash) with
 * setup_expires = now + SETUP_CODE_TTL. A high-entropy random code needs
 * no slow hash; /setup attempts are throttled like login (per NIP and per
 * address) and every failure - unknown NIP, no code, wrong or expired
 * code - gets the same answer. Redeeming is one conditional UPDATE, so a
 * code works once even under concurrent submits. Issuing a new code
 * replaces the old one. The /setup page is setup_page.h's.
 */
#ifndef LENTERA_SETUP_H
#define LENTERA_SETUP_H

#include <stdint.h>

#include "store.h"

#define SETUP_CODE_LEN	10
#define SETUP_CODE_BUF	(SETUP_CODE_LEN + 2)	/* with the dash and NUL */
#define SETUP_CODE_TTL	(7 * 24 * 3600)
#define SETUP_INPUT_MAX	32	/* typed code, spaces and dashes included */

/* Makes, stores (in the caller's transaction, if any) and returns a code. */
int	 setup_issue(struct store *, const struct user *, int64_t now,
	    char code[SETUP_CODE_BUF]);
/* Hash of a typed code (case, spaces and dashes ignored); -1 malformed. */
int	 setup_code_hash(const char *nip, const char *code,
	    unsigned char out[32]);

#endif
