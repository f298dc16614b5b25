/*
 * cli: shared pieces of the command-line jobs (cli.c) and the jobs that
 * live beside their subject (roster import, API tokens, regrade).
 * Each cli_* command returns the process exit code: 0 ok, 1 failure,
 * 2 usage error.
 */
#ifndef LENTERA_CLI_H
#define LENTERA_CLI_H

#include <stddef.h>

int	cli_bad_flag(const char *cmd, const char *arg);
int	cli_int(const char *cmd, const char *flag, const char *v, int lo,
	    int hi, int *out);
int	cli_read_line(char *out, size_t len);
/* Point app at db (creating its folder 0700 and migrating); keys != 0
   also loads or creates the certificate and quiz-seed keys. */
int	cli_open_db(const char *db, int keys);

/* HR API tokens (token.c): lentera token create|revoke|list. */
#define CLI_DEFAULT_DB	"data/lentera.db"
int	cli_token(int argc, char **argv);
/* cliuser.c: lentera user add|list|set-role|reset-password|deactivate|activate */
int	cli_user(int, char **);
/* roster.c: lentera import-roster */
int	cli_import_roster(int, char **);
/* siasn_cli.c: lentera siasn export|record */
int	cli_siasn(int, char **);

#endif
