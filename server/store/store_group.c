/* store_group: group commit for acknowledged writes. See store.h. */
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store.h"
#include "store_int.h"

/*
 * Group commit. Every acknowledged write must be fsynced
 * (synchronous=FULL), and one fsync per transaction caps a 2-core box at
 * about 1,500 quiz submissions a second. store_group() hands the work to
 * one writer thread, which runs every job that is waiting in ONE
 * transaction, each inside its own SAVEPOINT (a failing job rolls back
 * alone), commits once, and then wakes all their callers. The caller
 * returns only after the COMMIT, so "acknowledged" still means "on disk".
 */
#ifndef GROUP_MAX	/* -DGROUP_MAX=1 measures what batching buys (bench) */
#define GROUP_MAX	256	/* jobs in one transaction at most */
#endif

struct gjob {
	int		(*fn)(struct store *, void *);
	void		*arg;
	int		 rc;
	int		 done;
	pthread_cond_t	 cv;	/* its caller waits here, alone */
	int		 async;	/* nobody waits: freed once run */
	struct gjob	*next;
};

#define GROUP_ASYNC_MAX	4096	/* queued async jobs; more are dropped */

static pthread_mutex_t	 group_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t	 group_work = PTHREAD_COND_INITIALIZER;
static struct gjob	*group_head, *group_tail;
static struct store	*group_st;
static pthread_t	 group_thread;
static int		 group_stop;
static int		 group_async;	/* async jobs queued, under group_mu */
static struct store_group_stats group_stats;	/* under group_mu */

static double
group_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Account one batch of n jobs: jobs_ms running them, commit_ms the
   COMMIT (the fsyncs). Called with group_mu held. */
static void
group_account(int n, double jobs_ms, double commit_ms)
{
	struct store_group_stats *g = &group_stats;
	int		 b = 0;

	while (b < STORE_GROUP_HIST - 1 && (1 << (b + 1)) <= n)
		b++;
	g->hist[b]++;
	g->batches++;
	g->jobs += n;
	if (n > g->max_batch)
		g->max_batch = n;
	g->jobs_ms += jobs_ms;
	g->commit_ms += commit_ms;
	if (commit_ms > g->max_commit_ms)
		g->max_commit_ms = commit_ms;
}

static void
group_run(struct gjob *batch, double *jobs_ms, double *commit_ms)
{
	struct gjob	*j;
	struct db	*db = group_st->db;
	double		 t0, t1;
	int		 ok;

	t0 = group_ms();
	db_write_lock(db);
	ok = db_begin(db) == 0;
	group_st->in_tx = 1;
	for (j = batch; ok && j; j = j->next) {
		if (db_savepoint(db, "job") == -1) {
			ok = 0;
			break;
		}
		j->rc = j->fn(group_st, j->arg);
		if (j->rc != 0 && db_rollback_to(db, "job") == -1)
			ok = 0;
		if (db_release(db, "job") == -1)
			ok = 0;
	}
	t1 = group_ms();
	if (!ok || db_commit(db) == -1) {
		store_fail(group_st, "group commit");
		db_rollback(db);
		for (j = batch; j; j = j->next)
			j->rc = -1;
	}
	group_st->in_tx = 0;
	db_write_unlock(db);
	*jobs_ms = t1 - t0;
	*commit_ms = group_ms() - t1;
}

static void *
group_main(void *unused)
{
	struct gjob	*batch, *j, *last;
	double		 jobs_ms, commit_ms;
	int		 n;

	(void)unused;
	pthread_mutex_lock(&group_mu);
	for (;;) {
		while (group_head == NULL && !group_stop)
			pthread_cond_wait(&group_work, &group_mu);
		if (group_head == NULL)
			break;
		batch = last = group_head;
		for (n = 1; last->next && n < GROUP_MAX; n++)
			last = last->next;
		group_head = last->next;
		if (group_head == NULL)
			group_tail = NULL;
		last->next = NULL;
		pthread_mutex_unlock(&group_mu);
		group_run(batch, &jobs_ms, &commit_ms);
		pthread_mutex_lock(&group_mu);
		group_account(n, jobs_ms, commit_ms);
		/* Wake exactly the batch's callers: one shared broadcast woke
		   every waiting worker per commit, most only to sleep again
		   (a context switch each, on two cores). */
		for (j = batch; j; j = last) {
			last = j->next;	/* j is the caller's: gone once woken */
			if (j->async) {
				group_async--;
				free(j);
				continue;
			}
			j->done = 1;
			pthread_cond_signal(&j->cv);
		}
	}
	pthread_mutex_unlock(&group_mu);
	return NULL;
}

int
store_group_start(const char *path)
{
	if (store_open(path, &group_st) == -1)
		return -1;
	if (pthread_create(&group_thread, NULL, group_main, NULL) != 0) {
		store_close(group_st);
		group_st = NULL;
		return -1;
	}
	return 0;
}

void
store_group_stop(void)
{
	if (group_st == NULL)
		return;
	pthread_mutex_lock(&group_mu);
	group_stop = 1;
	pthread_cond_signal(&group_work);
	pthread_mutex_unlock(&group_mu);
	pthread_join(group_thread, NULL);
	store_close(group_st);
	group_st = NULL;
}

int
store_group(struct store *st, int (*fn)(struct store *, void *), void *arg)
{
	struct gjob	 j;
	int		 rc;

	if (group_st == NULL) {
		/* No writer thread (command-line jobs): a plain transaction. */
		if (store_begin(st) == -1)
			return -1;
		if ((rc = fn(st, arg)) != 0) {
			store_rollback(st);
			return rc;
		}
		return store_commit(st);
	}
	j.fn = fn;
	j.arg = arg;
	j.rc = -1;
	j.done = 0;
	j.async = 0;
	j.next = NULL;
	if (pthread_cond_init(&j.cv, NULL) != 0)
		return -1;
	pthread_mutex_lock(&group_mu);
	if (group_tail)
		group_tail->next = &j;
	else
		group_head = &j;
	group_tail = &j;
	pthread_cond_signal(&group_work);
	while (!j.done)
		pthread_cond_wait(&j.cv, &group_mu);
	pthread_mutex_unlock(&group_mu);
	pthread_cond_destroy(&j.cv);
	return j.rc;
}


void
store_group_stats(struct store_group_stats *out, int reset)
{
	pthread_mutex_lock(&group_mu);
	*out = group_stats;
	if (reset)
		memset(&group_stats, 0, sizeof(group_stats));
	pthread_mutex_unlock(&group_mu);
}

int
store_group_async(struct store *st, int (*fn)(struct store *, void *),
    const void *arg, size_t len)
{
	struct gjob	*j;

	if (group_st == NULL)
		return store_group(st, fn, (void *)(uintptr_t)arg) == 0 ? 0 : -1;
	/* The job and its copy of arg in one block, freed by the writer. */
	if ((j = calloc(1, sizeof(*j) + len)) == NULL)
		return -1;
	memcpy(j + 1, arg, len);
	j->fn = fn;
	j->arg = j + 1;
	j->async = 1;
	pthread_mutex_lock(&group_mu);
	if (group_async >= GROUP_ASYNC_MAX || group_stop) {
		pthread_mutex_unlock(&group_mu);
		free(j);
		return -1;
	}
	group_async++;
	if (group_tail)
		group_tail->next = j;
	else
		group_head = j;
	group_tail = j;
	pthread_cond_signal(&group_work);
	pthread_mutex_unlock(&group_mu);
	return 0;
}
