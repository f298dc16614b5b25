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
 * Beside the session, an entry holds what every page of that session
 * would otherwise ask the database for (issue 15: the module page).
 *
 * The navigation facts (struct sesscache_nav: review queue count, team,
 * programme membership) share the entry's epoch tag: the writes that
 * change them raise the epoch in their own transaction (store_perf_bump
 * in the learn_record, programme_pair and users INSERT store functions;
 * UPDATE users by trigger), so they are exactly as fresh as the session
 * itself, on every node.
 *
 * Course progress (a done mask per course, SESSCACHE_COURSES of them per
 * entry) is written far more often (every "mark done"), so it does not
 * raise the epoch, which would empty every entry of every node. Instead:
 * progress rows are only ever added (a done module stays done), this
 * process's writes invalidate at once (sesscache_progress_changed, per
 * user, after the commit), and a mask read from the database is trusted
 * for SESSCACHE_PROGRESS_MS at most, the bound for a mark written by
 * another process or node (PostgreSQL, several nodes): a module marked
 * on node A may show its "mark done" button on node B for that long
 * (pressing it is idempotent), never the reverse.
 *
 * Bounded: SESSCACHE_SETS x SESSCACHE_WAYS entries (least recently used
 * way replaced); memory is static and touched only as entries fill.
 * Thread-safe (a mutex per set). Returns: sesscache_get, sesscache_nav
 * and sesscache_progress 1 hit, 0 miss.
 */
#ifndef LENTERA_SESSCACHE_H
#define LENTERA_SESSCACHE_H

#include <stdint.h>

#include "store.h"

#define SESSCACHE_SETS	1024
#define SESSCACHE_WAYS	4
#define SESSCACHE_COURSES	4	/* progress masks kept per session */
#define SESSCACHE_COURSE_ID	65	/* = COURSE_ID_MAX */
#define SESSCACHE_PROGRESS_MS	2000	/* a mask read from the database */

/* What the navigation bar shows for a session (view.c). */
struct sesscache_nav {
	int64_t	 pending;	/* items waiting for this user's review */
	int	 team;		/* someone's atasan */
	int	 member;	/* in a mentoring/coaching programme */
};

int	 sesscache_get(const unsigned char sid[32], int64_t epoch,
	    struct session *, struct user *);
void	 sesscache_put(const unsigned char sid[32], int64_t epoch,
	    const struct session *, const struct user *);
/* The session's last_seen after a touch this node wrote. */
void	 sesscache_touch(const unsigned char sid[32], int64_t last_seen);
void	 sesscache_drop(const unsigned char sid[32]);

/* The navigation facts of a session cached under epoch; a put keeps
   them only while the entry is still tagged with that epoch. */
int	 sesscache_nav(const unsigned char sid[32], int64_t epoch,
	    struct sesscache_nav *);
void	 sesscache_nav_put(const unsigned char sid[32], int64_t epoch,
	    const struct sesscache_nav *);

/*
 * The done mask of course (bit i: module i of the catalogue snapshot
 * whose signature is sig). Read the generation with
 * sesscache_progress_gen BEFORE asking the database and hand it to the
 * put: a mark committed meanwhile leaves the put stale, never trusted.
 */
uint32_t sesscache_progress_gen(int64_t user);
int	 sesscache_progress(const unsigned char sid[32], int64_t epoch,
	    int64_t user, const char *course, uint64_t sig, uint64_t *done);
void	 sesscache_progress_put(const unsigned char sid[32], int64_t epoch,
	    const char *course, uint64_t sig, uint32_t gen, uint64_t done);
/* user's progress changed (committed): this process's masks of it are
   read again. */
void	 sesscache_progress_changed(int64_t user);

#endif
