/*
 * clock: the wall clock (Unix seconds) of request handling and jobs:
 * r->now, session expiry, quiz deadlines, the startup session purge.
 * Log lines keep the real time.
 *
 * clock_now returns time(NULL) unless a test clock was enabled.
 *
 * clock_test_enable is called only by `lentera serve --test-clock`; it
 * makes the clock honour the environment variable LENTERA_TEST_NOW:
 *   "N"      the clock stands still at Unix time N;
 *   "+N"/"-N" real time shifted by N seconds;
 *   "@PATH"  the file PATH holds one of the above and is read again on
 *            every clock_now, so a test moves time while the server
 *            runs (a missing or empty file: real time).
 * Unset, the clock is real. Returns 0, or -1 with a message in err when
 * the value (or, for @PATH, its first reading) is malformed. Without the
 * flag the variable is ignored: production never reads it.
 */
#ifndef LENTERA_CLOCK_H
#define LENTERA_CLOCK_H

#include <stddef.h>
#include <stdint.h>

#define CLOCK_SPEC_MAX	64	/* bytes of a LENTERA_TEST_NOW value */
#define CLOCK_PATH_MAX	4096

int64_t	clock_now(void);
int	clock_test_enable(char *err, size_t errlen);

#endif
