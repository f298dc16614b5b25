/* sesscache: bounded session lookup cache. See sesscache.h. */
#include <pthread.h>
#include <string.h>

#include "sesscache.h"

struct entry {
	unsigned char	 sid[32];
	int		 used;		/* 0: empty way */
	int64_t		 epoch;
	uint64_t	 stamp;		/* last use, for replacement */
	struct session	 se;
	struct user	 u;
};

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
