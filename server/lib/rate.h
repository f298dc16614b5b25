/*
 * rate: per-key token buckets in a fixed table (bounded memory, no
 * allocation), for answers that must not be enumerated at network speed
 * (certificate verification). Process-local and thread-safe; forgets
 * everything on restart, which is acceptable for a speed limit (login
 * lockouts, which must survive restarts, are auth.c's).
 *
 * A bucket holds up to `burst` tokens and gains one every `per_s`
 * seconds. rate_take spends one token for key at time now (Unix
 * seconds): 0 allowed, or the number of seconds (>= 1) until a token is
 * there again: the caller answers 429 with that Retry-After.
 *
 * The table has RATE_SLOTS entries; a new key evicts the least recently
 * refilled entry of its 16-slot window (an evicted key starts full
 * again). Pushing a limited address out takes lookups from many other
 * addresses, each of which is itself limited, so the total rate stays
 * bounded by the number of addresses an attacker holds. Keys longer
 * than RATE_KEY_MAX - 1 bytes are truncated.
 */
#ifndef LENTERA_RATE_H
#define LENTERA_RATE_H

#include <stdint.h>

#define RATE_SLOTS	8192
#define RATE_KEY_MAX	72

struct rate_limit {
	const char	*name;		/* key prefix, e.g. "verify" */
	int		 burst;		/* tokens when full, >= 1 */
	int		 per_s;		/* seconds per new token, >= 1 */
};

int	rate_take(const struct rate_limit *, const char *key, int64_t now);

#endif
