/*
 * useradm: the account changes an administrator makes, shared by the
 * admin pages (admin.c) and `lentera user` (cliuser.c), so both follow
 * the same rules and audit the same way. No HTTP here.
 *
 * Each call is one write transaction holding the change, what it
 * implies (ended sessions) and its audit row; if any part fails, none
 * of it is kept. actor is the acting user's id (0: the command line),
 * ip the client address or "cli". Returns
 *   0  done (and audited);
 *   1  refused by a rule (deactivating oneself, removing one's own
 *      admin role): nothing written;
 *  -1  database error: nothing written.
 * Detail texts (kept stable for the audit log):
 *   user.add             "<nip> role=<role>[ (cli)]"
 *   user.role            "<nip> <old> -> <new>"
 *   user.password_reset  "<nip>"
 *   user.deactivate / user.activate  "<nip>"
 * u is the account as read before the change.
 */
#ifndef LENTERA_USERADM_H
#define LENTERA_USERADM_H

#include <stdint.h>

#include "store.h"

int	 useradm_add(struct store *, const struct user *, const char *pwhash,
	    int64_t actor, const char *ip, int64_t *id);
int	 useradm_set_role(struct store *, const struct user *u, int role,
	    int64_t actor, const char *ip);
/* Sets pwhash (Argon2id, made by the caller) and ends u's sessions. */
int	 useradm_set_password(struct store *, const struct user *u,
	    const char *pwhash, int64_t actor, const char *ip);
/* Deactivating ends u's sessions; records stay. */
int	 useradm_set_active(struct store *, const struct user *u, int active,
	    int64_t actor, const char *ip);

#endif
