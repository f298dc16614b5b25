/*
 * gapjob: the gap summary (gap.h) rebuilt off the request. `lentera
 * serve` runs one worker thread with its own store connection: it
 * rebuilds when gap_ensure kicks it (a view found the summary stale) and
 * checks for staleness every GAPJOB_POLL seconds by itself, so a change
 * made by another process (a CLI import, another node) is picked up
 * without a view. A view never rebuilds while the worker runs: when the
 * worker is idle (or its pass began less than GAPJOB_WAIT_MS ago) it
 * waits at most GAPJOB_WAIT_MS for the pass it asked for (a small agency's
 * rebuild finishes within it, so its view is current); when a rebuild has
 * been under way longer it does not wait at all; either way, a summary
 * still not current is shown as the last one, its age and that a new one
 * is being computed.
 *
 * Several nodes on one PostgreSQL database rebuild one at a time: the
 * worker takes the lease row "gap" (agg_lease, migration 18) for
 * GAPJOB_LEASE seconds before it rebuilds and gives it back after; a
 * node that finds it held leaves the rebuild to its holder (a holder that
 * died loses it when it expires).
 *
 * Without a worker (CLI jobs, tests of core) gap_ensure rebuilds inline
 * as before.
 */
#ifndef LENTERA_GAPJOB_H
#define LENTERA_GAPJOB_H

#define GAPJOB_POLL	5	/* seconds between staleness checks */
#define GAPJOB_WAIT_MS	1000	/* a view waits this long at most */
#define GAPJOB_LEASE	1800	/* seconds a rebuild may hold the lease */

/* Start / stop the worker (serve). 0 ok, -1 failure (logged). */
int	gapjob_start(const char *db);
void	gapjob_stop(void);
/* 1 while the worker runs. */
int	gapjob_running(void);
/* Ask for a pass and, unless one is under way, wait at most
   GAPJOB_WAIT_MS for it: 1 it finished meanwhile (the summary is as
   current as the worker could make it), 0 still to come. */
int	gapjob_kick_wait(void);

#endif
