/*
 * cmds: the `lentera` commands other than serve (web/serve.h), one entry
 * each. Each returns the process exit code: 0 ok, 1 failure, 2 usage
 * error. They link core and the layers below it, never web: build/
 * lentera-cli is these without the web layer.
 */
#ifndef LENTERA_CMDS_H
#define LENTERA_CMDS_H

#include "config.h"

#define CLI_DEFAULT_DB	CONFIG_DB

/* token.c: lentera token create|revoke|list (HR API tokens). */
int	cli_token(int argc, char **argv);
/* cliuser.c: lentera user add|list|set-role|reset-password|deactivate|activate */
int	cli_user(int, char **);
/* roster_cli.c: lentera import-roster */
int	cli_import_roster(int, char **);
/* plan_cli.c: lentera import-plan KIND FILE (docs/planning-needs.md) */
int	cli_import_plan(int, char **);
/* siasn_cli.c: lentera siasn export|record */
int	cli_siasn(int, char **);
/*
 * regrade.c: `lentera regrade COURSE/QUIZ.lua`. After a trainer fixes an
 * answer key, every submitted attempt of that quiz is graded again from
 * its stored seed, question order and raw responses; changed results
 * (and their marks) are written in one transaction each, passing a final
 * now completes the course as it would have then, and each change is
 * reported. A completion already granted is never revoked here: a result
 * that drops below the pass mark is reported for a human to review.
 */
int	regrade_main(int argc, char *argv[]);
/* jprules_cli.c: lentera jp-rules [FILE]: print the defaults, or check FILE. */
int	jprules_main(int argc, char **argv);
/* qimport_cli.c: lentera import-questions FILE (Moodle GIFT or XML). */
int	qimport_main(int argc, char **argv);
/* migrate_cli.c: lentera migrate --from sqlite.db --to postgres://... */
int	migrate_main(int argc, char **argv);

#endif
