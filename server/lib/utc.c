/* utc: see utc.h. */
#include <stdio.h>
#include <time.h>

#include "utc.h"

void
utc_iso(int64_t t, char out[UTC_ISO_LEN])
{
	time_t		 tt = (time_t)t;
	struct tm	 tm;

	if (gmtime_r(&tt, &tm) == NULL || strftime(out, UTC_ISO_LEN,
	    "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(out, UTC_ISO_LEN, "1970-01-01T00:00:00Z");
}
