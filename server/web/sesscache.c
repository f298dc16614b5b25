/* sesscache: bounded session lookup cache. See sesscache.h. */
#include <pthread.h>
#include <string.h>
#include <time.h>

#include "sesscache.h"

/* Per-user progress generations, this process's: a mark raises its
   user's bucket (users sharing a bucket only read again). */
#define PGEN_BUCKETS	4096

struct prog {
	char		 course[SESSCACHE_COURSE_ID];	/* "": unused */
	uint64_t	 sig;
	uint64_t	 done;
	uint32_t	 gen;
	int64_t		 at_ms;		/* read from the database then */
};

struct entry {
	unsigned char	 sid[32];
	int		 used;		/* 0: empty way */
	int64_t		 epoch;
	uint64_t	 stamp;		/* last use, for replacement */
	struct session	 se;
	struct user	 u;
	int		 nav_ok;
	struct sesscache_nav nav;
	struct prog	 prog[SESSCACHE_COURSES];
	unsigned	 prog_next;	/* round-robin replacement */
};

static uint32_t		 pgen[PGEN_BUCKETS];

struct set {
	struct entry	 e[SESSCACHE_WAYS];
};

/* Locks apart from the entries: initialising them touches 40 KB, not a
   page of every set (the entries stay untouched until used). */
static pthread_mutex_t	 mus[SESSCACHE_SETS];
static struct set	 sets[SESSCACHE_SETS];
static pthread_once_t	 once = PTHREAD_ONCE_INIT;
static uint64_t		 clock_ticks;

static void
init(void)
{
	int	 i;

	for (i = 0; i < SESSCACHE_SETS; i++)
		pthread_mutex_init(&mus[i], NULL);
}

/* The hash is BLAKE2b output: its first bytes are already uniform. */
static struct set *
set_of(const unsigned char sid[32])
{
	uint32_t	 h;

	pthread_once(&once, init);
	memcpy(&h, sid, sizeof(h));
	return &sets[h % SESSCACHE_SETS];
}

static struct entry *
find(struct set *s, const unsigned char sid[32])
{
	int	 i;

	for (i = 0; i < SESSCACHE_WAYS; i++)
		if (s->e[i].used && memcmp(s->e[i].sid, sid, 32) == 0)
			return &s->e[i];
	return NULL;
}

static uint64_t
tick(void)
{
	return __atomic_add_fetch(&clock_ticks, 1, __ATOMIC_RELAXED);
}

int
sesscache_get(const unsigned char sid[32], int64_t epoch, struct session *se,
    struct user *u)
{
	struct set	*s = set_of(sid);
	struct entry	*e;
	int		 hit = 0;

	pthread_mutex_lock(&mus[s - sets]);
	if ((e = find(s, sid)) != NULL) {
		if (e->epoch == epoch) {
			*se = e->se;
			*u = e->u;
			e->stamp = tick();
			hit = 1;
		} else
			e->used = 0;	/* revoked or changed: never again */
	}
	pthread_mutex_unlock(&mus[s - sets]);
	return hit;
}

void
sesscache_put(const unsigned char sid[32], int64_t epoch,
    const struct session *se, const struct user *u)
{
	struct set	*s = set_of(sid);
	struct entry	*e;
	int		 i;

	pthread_mutex_lock(&mus[s - sets]);
	if ((e = find(s, sid)) == NULL) {
		e = &s->e[0];
		for (i = 0; i < SESSCACHE_WAYS; i++) {
			if (!s->e[i].used) {
				e = &s->e[i];
				break;
			}
			if (s->e[i].stamp < e->stamp)
				e = &s->e[i];
		}
	}
	memcpy(e->sid, sid, 32);
	e->used = 1;
	e->epoch = epoch;
	e->stamp = tick();
	e->se = *se;
	e->u = *u;
	/* What was cached beside the old lookup is not this one's. */
	e->nav_ok = 0;
	for (i = 0; i < SESSCACHE_COURSES; i++)
		e->prog[i].course[0] = '\0';
	pthread_mutex_unlock(&mus[s - sets]);
}

/* The entry of sid while it is tagged with epoch; set locked. */
static struct entry *
current(struct set *s, const unsigned char sid[32], int64_t epoch)
{
	struct entry	*e = find(s, sid);

	return e != NULL && e->epoch == epoch ? e : NULL;
}

int
sesscache_nav(const unsigned char sid[32], int64_t epoch,
    struct sesscache_nav *nav)
{
	struct set	*s = set_of(sid);
	struct entry	*e;
	int		 hit = 0;

	pthread_mutex_lock(&mus[s - sets]);
	if ((e = current(s, sid, epoch)) != NULL && e->nav_ok) {
		*nav = e->nav;
		hit = 1;
	}
	pthread_mutex_unlock(&mus[s - sets]);
	return hit;
}

void
sesscache_nav_put(const unsigned char sid[32], int64_t epoch,
    const struct sesscache_nav *nav)
{
	struct set	*s = set_of(sid);
	struct entry	*e;

	pthread_mutex_lock(&mus[s - sets]);
	if ((e = current(s, sid, epoch)) != NULL) {
		e->nav = *nav;
		e->nav_ok = 1;
	}
	pthread_mutex_unlock(&mus[s - sets]);
}

static int64_t
mono_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static uint32_t *
gen_of(int64_t user)
{
	return &pgen[(uint64_t)user % PGEN_BUCKETS];
}

uint32_t
sesscache_progress_gen(int64_t user)
{
	return __atomic_load_n(gen_of(user), __ATOMIC_ACQUIRE);
}

void
sesscache_progress_changed(int64_t user)
{
	__atomic_add_fetch(gen_of(user), 1, __ATOMIC_RELEASE);
}

int
sesscache_progress(const unsigned char sid[32], int64_t epoch, int64_t user,
    const char *course, uint64_t sig, uint64_t *done)
{
	struct set	*s = set_of(sid);
	struct entry	*e;
	struct prog	*p;
	uint32_t	 gen = sesscache_progress_gen(user);
	int64_t		 now = mono_ms();
	int		 i, hit = 0;

	pthread_mutex_lock(&mus[s - sets]);
	if ((e = current(s, sid, epoch)) != NULL && e->u.id == user)
		for (i = 0; i < SESSCACHE_COURSES; i++) {
			p = &e->prog[i];
			if (p->sig != sig || strcmp(p->course, course) != 0)
				continue;
			if (p->gen == gen && now - p->at_ms >= 0 &&
			    now - p->at_ms < SESSCACHE_PROGRESS_MS) {
				*done = p->done;
				hit = 1;
			}
			break;
		}
	pthread_mutex_unlock(&mus[s - sets]);
	return hit;
}

void
sesscache_progress_put(const unsigned char sid[32], int64_t epoch,
    const char *course, uint64_t sig, uint32_t gen, uint64_t done)
{
	struct set	*s = set_of(sid);
	struct entry	*e;
	struct prog	*p = NULL;
	int		 i;

	if (strlen(course) >= SESSCACHE_COURSE_ID)
		return;
	pthread_mutex_lock(&mus[s - sets]);
	if ((e = current(s, sid, epoch)) != NULL) {
		for (i = 0; i < SESSCACHE_COURSES && p == NULL; i++)
			if (strcmp(e->prog[i].course, course) == 0)
				p = &e->prog[i];
		if (p == NULL)
			p = &e->prog[e->prog_next++ % SESSCACHE_COURSES];
		memcpy(p->course, course, strlen(course) + 1);
		p->sig = sig;
		p->gen = gen;
		p->done = done;
		p->at_ms = mono_ms();
	}
	pthread_mutex_unlock(&mus[s - sets]);
}

void
sesscache_touch(const unsigned char sid[32], int64_t last_seen)
{
	struct set	*s = set_of(sid);
	struct entry	*e;

	pthread_mutex_lock(&mus[s - sets]);
	if ((e = find(s, sid)) != NULL && e->se.last_seen < last_seen)
		e->se.last_seen = last_seen;
	pthread_mutex_unlock(&mus[s - sets]);
}

void
sesscache_drop(const unsigned char sid[32])
{
	struct set	*s = set_of(sid);
	struct entry	*e;

	pthread_mutex_lock(&mus[s - sets]);
	if ((e = find(s, sid)) != NULL)
		e->used = 0;
	pthread_mutex_unlock(&mus[s - sets]);
}
