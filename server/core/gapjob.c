/* gapjob: the gap summary rebuilt by a worker thread. See gapjob.h. */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "gap.h"
#include "gapjob.h"
#include "log.h"
#include "store.h"
#include "store_agg.h"

static pthread_mutex_t	 mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t	 kick_cv = PTHREAD_COND_INITIALIZER;
static pthread_cond_t	 done_cv = PTHREAD_COND_INITIALIZER;
static pthread_t	 worker;
static struct store	*wst;
static int		 running, stopping, kicked;
static int		 busy;		/* a pass is running ... */
static int64_t		 busy_since;	/* ... since (monotonic ms) */
static uint64_t		 asked, passes;	/* passes asked for / finished */
static char		 holder[64];

/* One pass: rebuild when stale, under the lease. The first summary is
   built when a view asks for it (kicked), not by the poll. */
static void
pass(int kicked_pass)
{
	int64_t	 now = clock_now();
	int	 rc;

	if ((rc = gap_stale(wst, now)) <= 0 || (rc == 2 && !kicked_pass)) {
		if (rc == -1)
			log_warnx("gap: cannot read the summary's state");
		return;
	}
	if ((rc = store_agg_lease_take(wst, "gap", holder, now,
	    now + GAPJOB_LEASE)) != 0) {
		if (rc == -1)
			log_warnx("gap: cannot take the rebuild lease");
		return;		/* another node rebuilds */
	}
	if (gap_rebuild(wst, now) == -1)
		log_warnx("gap: rebuilding the summary failed");
	if (store_agg_lease_give(wst, "gap", holder) == -1)
		log_warnx("gap: cannot give the rebuild lease back");
}

static int64_t
mono_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void *
loop(void *arg)
{
	struct timespec	 ts;
	uint64_t	 want;
	int		 k;

	(void)arg;
	pthread_mutex_lock(&mu);
	while (!stopping) {
		k = kicked;
		kicked = 0;
		want = asked;
		busy = 1;
		busy_since = mono_ms();
		pthread_mutex_unlock(&mu);
		pass(k);
		pthread_mutex_lock(&mu);
		busy = 0;
		if (passes < want)
			passes = want;
		pthread_cond_broadcast(&done_cv);
		if (stopping || kicked)
			continue;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += GAPJOB_POLL;
		while (!stopping && !kicked &&
		    pthread_cond_timedwait(&kick_cv, &mu, &ts) != ETIMEDOUT)
			;
	}
	pthread_mutex_unlock(&mu);
	return NULL;
}

int
gapjob_start(const char *db)
{
	if (store_open(db, &wst) == -1)
		return -1;
	snprintf(holder, sizeof(holder), "%ld.%lld", (long)getpid(),
	    (long long)clock_now());
	stopping = 0;
	if (pthread_create(&worker, NULL, loop, NULL) != 0) {
		store_close(wst);
		wst = NULL;
		log_warnx("gap: cannot start the summary worker");
		return -1;
	}
	pthread_mutex_lock(&mu);
	running = 1;
	pthread_mutex_unlock(&mu);
	return 0;
}

void
gapjob_stop(void)
{
	pthread_mutex_lock(&mu);
	if (!running) {
		pthread_mutex_unlock(&mu);
		return;
	}
	stopping = 1;
	running = 0;
	pthread_cond_signal(&kick_cv);
	pthread_cond_broadcast(&done_cv);
	pthread_mutex_unlock(&mu);
	pthread_join(worker, NULL);
	store_close(wst);
	wst = NULL;
}

int
gapjob_running(void)
{
	int	 r;

	pthread_mutex_lock(&mu);
	r = running;
	pthread_mutex_unlock(&mu);
	return r;
}

int
gapjob_kick_wait(void)
{
	struct timespec	 ts;
	uint64_t	 mine;
	int		 done, long_pass;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += GAPJOB_WAIT_MS / 1000;
	ts.tv_nsec += (long)(GAPJOB_WAIT_MS % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&mu);
	/* A pass under way for longer than a view would wait is a big
	   rebuild: this view does not wait on it (the pass it asks for
	   follows). A pass just begun may be a small one: wait. */
	long_pass = busy && mono_ms() - busy_since >= GAPJOB_WAIT_MS;
	mine = ++asked;
	kicked = 1;
	pthread_cond_signal(&kick_cv);
	while (running && !long_pass && passes < mine &&
	    pthread_cond_timedwait(&done_cv, &mu, &ts) != ETIMEDOUT)
		;
	done = passes >= mine;
	pthread_mutex_unlock(&mu);
	return done;
}
