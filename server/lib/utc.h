/*
 * utc: the one machine timestamp, ISO 8601 in UTC ("2026-12-01T00:00:00Z"),
 * for log lines, Open Badges and xAPI statements. People's dates are WIB
 * (wib.h). Pure function; no allocation.
 *
 * utc_iso writes t into out (UTC_ISO_LEN bytes, NUL included); a time
 * gmtime cannot break down comes out as the epoch, never garbage.
 */
#ifndef LENTERA_UTC_H
#define LENTERA_UTC_H

#include <stdint.h>

#define UTC_ISO_LEN	21	/* "yyyy-mm-ddThh:mm:ssZ" + NUL */

void	utc_iso(int64_t t, char out[UTC_ISO_LEN]);

#endif
