/* rate: token buckets keyed by client address. See rate.h. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "rate.h"

struct bucket {
	char	 key[RATE_KEY_MAX];
	int64_t	 stamp;		/* time the token count refers to */
	int	 tokens;
};

static struct bucket	 tab[RATE_SLOTS];
static pthread_mutex_t	 mu = PTHREAD_MUTEX_INITIALIZER;

static struct bucket *
find(const char *key, int64_t now, int burst)
{
	struct bucket	*b, *oldest = NULL;
	unsigned	 h = 2166136261u;
	const char	*p;
	int		 i;

	for (p = key; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	for (i = 0; i < 16; i++) {
		b = &tab[(h + (unsigned)i) % RATE_SLOTS];
		if (strcmp(b->key, key) == 0)
			return b;
		if (oldest == NULL || b->stamp < oldest->stamp)
			oldest = b;
	}
	snprintf(oldest->key, sizeof(oldest->key), "%s", key);
	oldest->stamp = now;
	oldest->tokens = burst;
	return oldest;
}

int
rate_take(const struct rate_limit *l, const char *key, int64_t now)
{
	struct bucket	*b;
	char		 k[RATE_KEY_MAX];
	int64_t		 gained;
	int		 wait = 0;

	snprintf(k, sizeof(k), "%s:%s", l->name, key ? key : "");
	pthread_mutex_lock(&mu);
	b = find(k, now, l->burst);
	if (now > b->stamp) {
		gained = (now - b->stamp) / l->per_s;
		if (gained > 0) {
			if (b->tokens + gained >= l->burst) {
				b->tokens = l->burst;
				b->stamp = now;
			} else {
				b->tokens += (int)gained;
				b->stamp += gained * l->per_s;
			}
		}
	} else if (now < b->stamp)
		b->stamp = now;		/* clock stepped back */
	if (b->tokens > 0)
		b->tokens--;
	else {
		wait = (int)(b->stamp + l->per_s - now);
		if (wait < 1)
			wait = 1;
	}
	pthread_mutex_unlock(&mu);
	return wait;
}
