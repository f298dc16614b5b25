/*
 * sesscache: a bounded in-memory cache of session lookups, so that a page
 * costs no session+user join (auth.c is its one user).
 *
 * What it holds: per session hash (BLAKE2b of the cookie token), the
 * session row and its user as store_session_user returned them, tagged
 * with the revocation epoch the caller read from the database BEFORE that
 * lookup (store_perf.h). sesscache_get returns an entry only when its tag
 * equals the epoch the caller has just read: a logout, password reset,
 * deactivation or any change of a users row raises the epoch in the same
 * transaction, so the next request on any node sees the change. The cache
 * saves the join, never a database round trip: correctness does not rest
 * on a TTL, and several nodes on one database stay correct.
 *
 * Bounded: SESSCACHE_SETS x SESSCACHE_WAYS entries (least recently used
 * way replaced); memory is static and touched only as entries fill.
 * Thread-safe (a mutex per set). Returns: sesscache_get 1 hit, 0 miss.
 */
#ifndef LENTERA_SESSCACHE_H
#define LENTERA_SESSCACHE_H

#include <stdint.h>

#include "store.h"

#define SESSCACHE_SETS	1024
#define SESSCACHE_WAYS	4

int	 sesscache_get(const unsigned char sid[32], int64_t epoch,
	    struct session *, struct user *);
void	 sesscache_put(const unsigned char sid[32], int64_t epoch,
	    const struct session *, const struct user *);
/* The session's last_seen after a touch this node wrote. */
void	 sesscache_touch(const unsigned char sid[32], int64_t last_seen);
void	 sesscache_drop(const unsigned char sid[32]);

#endif
