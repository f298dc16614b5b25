/* cli: helpers shared by the command-line jobs. See cli.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "log.h"

int
cli_bad_flag(const char *cmd, const char *arg)
{
	fprintf(stderr, "lentera %s: unknown or incomplete flag %s "
	    "(see lentera %s --help)\n", cmd, arg ? arg : "", cmd);
	return 2;
}

int
cli_int(const char *cmd, const char *flag, const char *v, int lo, int hi,
    int *out)
{
	char	*e;
	long	 n;

	errno = 0;
	n = strtol(v, &e, 10);
	if (*v == '\0' || *e != '\0' || errno || n < lo || n > hi) {
		fprintf(stderr, "lentera %s: %s must be %d..%d\n", cmd, flag,
		    lo, hi);
		return -1;
	}
	*out = (int)n;
	return 0;
}

int
cli_read_line(char *out, size_t len)
{
	size_t	 n;

	if (fgets(out, (int)len, stdin) == NULL)
		return -1;
	n = strcspn(out, "\r\n");
	if (out[n] == '\0' && n == len - 1)
		return -1;	/* longer than the buffer */
	out[n] = '\0';
	return 0;
}

