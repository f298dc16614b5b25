/*
 * store_perf: the few reads the hot pages make instead of heavier ones
 * (store_perf.c, migration 15).
 *
 * The revocation epoch: one counter in the database (table cache_epoch)
 * that triggers raise in the same transaction as every change that can
 * end or alter a session: a deleted session row (logout, expiry purge,
 * password reset, deactivation) and any UPDATE of a users row (role,
 * name, active, password). Every writer raises it, whichever process or
 * node it is (the CLI included), because the triggers live in the schema.
 * A session cache (web/sesscache.h) tags what it holds with the epoch it
 * read first and trusts an entry only while the epoch is unchanged.
 * store_perf_epoch: 0 with *epoch set, -1 on error.
 *
 * store_perf_bump: raise the epoch from C, for the writes no trigger
 * sees that change what a session cache holds beside the session: the
 * navigation facts (web/sesscache.h: review queues, team, programme
 * membership). The store functions that make those writes call it in
 * the same transaction, or right after their own autocommit (the safe
 * order: a reader that saw the new epoch sees the new rows). 0 or -1.
 *
 * store_progress_done: whether user marked module of course done:
 * 1 done, 0 not, -1 on error (one primary-key lookup; the module page
 * needs this bit, not the whole course progress).
 *
 * store_user_rehash: replace user id's password hash old by fresh (the
 * same password, today's Argon2id parameters) unless it changed since it
 * was read: 0 replaced, 1 changed meanwhile (kept), -1 on error.
 */
#ifndef LENTERA_STORE_PERF_H
#define LENTERA_STORE_PERF_H

#include <stdint.h>

#include "store.h"

int	 store_perf_epoch(struct store *, int64_t *epoch);
int	 store_perf_bump(struct store *);
int	 store_progress_done(struct store *, int64_t user, const char *course,
	    const char *module);
int	 store_user_rehash(struct store *, int64_t id, const char *old,
	    const char *fresh, int64_t now);

#endif
