/* log: timestamped stderr lines. See log.h. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "utc.h"

static int quiet;

void
log_set_quiet(int q)
{
	quiet = q;
}

static void
vlog(const char *level, const char *fmt, va_list ap)
{
	char		 line[2048];
	time_t		 t = time(NULL);
	int		 n;

	utc_iso((int64_t)t, line);
	n = UTC_ISO_LEN - 1;
	line[n++] = ' ';
	n += snprintf(line + n, sizeof(line) - n, "%s", level);
	if (n < (int)sizeof(line))
		n += vsnprintf(line + n, sizeof(line) - n, fmt, ap);
	if (n >= (int)sizeof(line) - 1)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	/* One write per line so concurrent threads do not interleave. */
	if (write(STDERR_FILENO, line, n) < 0)
		return;
}

void
log_info(const char *fmt, ...)
{
	va_list	 ap;

	if (quiet)
		return;
	va_start(ap, fmt);
	vlog("", fmt, ap);
	va_end(ap);
}

void
log_warnx(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vlog("warning: ", fmt, ap);
	va_end(ap);
}

void
log_request(const char *method, const char *path, int status, double ms,
    const char *who)
{
	char	 safe[256];
	size_t	 i;

	if (quiet)
		return;
	/* Paths are attacker text: keep the log line one printable line. */
	for (i = 0; path[i] && i < sizeof(safe) - 1; i++)
		safe[i] = (path[i] < 0x20 || path[i] == 0x7f) ? '?' : path[i];
	safe[i] = '\0';
	log_info("%s %s %d %.1fms %s", method, safe, status, ms,
	    who ? who : "-");
}
