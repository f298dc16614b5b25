/*
 * cli: the flag and input helpers every command-line entry shares
 * (cmd/ jobs and `lentera serve`). Messages go to stderr as
 * "lentera CMD: ..."; the caller returns the exit code.
 */
#ifndef LENTERA_CLI_H
#define LENTERA_CLI_H

#include <stddef.h>

/* "unknown or incomplete flag": prints it, returns 2 (usage error). */
int	cli_bad_flag(const char *cmd, const char *arg);
/* v as an integer lo..hi into *out: 0, or -1 after printing why. */
int	cli_int(const char *cmd, const char *flag, const char *v, int lo,
	    int hi, int *out);
/* One line of stdin without its end into out: 0, -1 EOF or too long. */
int	cli_read_line(char *out, size_t len);

#endif
