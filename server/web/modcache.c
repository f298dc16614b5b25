/* modcache: module pages pre-assembled. See modcache.h. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "modcache.h"

struct slot {
	pthread_rwlock_t mu;
	uint64_t	 gen;		/* 0: empty */
	int		 lang;
	char		*p;		/* head | body | tail */
	size_t		 n, hl, bl;
};

static struct slot	 slots[MODCACHE_SLOTS];
static pthread_once_t	 once = PTHREAD_ONCE_INIT;
static pthread_mutex_t	 bytes_mu = PTHREAD_MUTEX_INITIALIZER;
static size_t		 bytes;		/* held by all slots */

static void
init(void)
{
	int	 i;

	for (i = 0; i < MODCACHE_SLOTS; i++)
		pthread_rwlock_init(&slots[i].mu, NULL);
}

static struct slot *
slot_of(uint64_t gen, int lang)
{
	pthread_once(&once, init);
	return &slots[(gen * 2 + (uint64_t)lang) % MODCACHE_SLOTS];
}

static void
join(struct buf *out, const char *p, size_t n, size_t hl, size_t bl,
    const struct buf *header, const struct buf *mid)
{
	buf_reserve(out, n + header->n + mid->n + 1);
	buf_add(out, p, hl);
	buf_add(out, header->p, header->n);
	buf_add(out, p + hl, bl);
	buf_add(out, mid->p, mid->n);
	buf_add(out, p + hl + bl, n - hl - bl);
}

int
modcache_emit(uint64_t gen, int lang, struct buf *out,
    const struct buf *header, const struct buf *mid)
{
	struct slot	*s = slot_of(gen, lang);
	int		 hit = 0;

	pthread_rwlock_rdlock(&s->mu);
	if (s->gen == gen && s->lang == lang && s->p != NULL) {
		join(out, s->p, s->n, s->hl, s->bl, header, mid);
		hit = 1;
	}
	pthread_rwlock_unlock(&s->mu);
	return hit;
}

void
modcache_join(struct buf *out, const struct buf *blob, size_t hl, size_t bl,
    const struct buf *header, const struct buf *mid)
{
	join(out, blob->p, blob->n, hl, bl, header, mid);
}

void
modcache_put(uint64_t gen, int lang, struct buf *blob, size_t hl, size_t bl)
{
	struct slot	*s = slot_of(gen, lang);
	char		*old = NULL;
	int		 keep;

	if (blob->oom || blob->n == 0 || hl + bl > blob->n || gen == 0) {
		buf_free(blob);
		return;
	}
	pthread_rwlock_wrlock(&s->mu);
	pthread_mutex_lock(&bytes_mu);
	keep = bytes - (s->p ? s->n : 0) + blob->n <= MODCACHE_BYTES;
	if (keep) {
		bytes = bytes - (s->p ? s->n : 0) + blob->n;
		old = s->p;
	}
	pthread_mutex_unlock(&bytes_mu);
	if (keep) {
		s->gen = gen;
		s->lang = lang;
		s->n = blob->n;
		s->hl = hl;
		s->bl = bl;
		s->p = buf_take(blob);
	}
	pthread_rwlock_unlock(&s->mu);
	free(old);
	buf_free(blob);
}
