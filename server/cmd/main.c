/*
 * main: the `lentera` command line (and, built with
 * LENTERA_CLI_ONLY, build/lentera-cli: the same jobs without the web
 * layer). Subcommands parse their own flags
 * (unknown flag: one line on stderr, exit 2) and either serve or do one
 * job against the database and exit (0 ok, 1 failure).
 */
#include <sys/resource.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <malloc.h>
#include <libgen.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "course.h"
#include "jprules.h"
#include "log.h"
#include "qimport.h"
#include "cmds.h"
#include "sandbox.h"
#ifndef LENTERA_CLI_ONLY
#include "serve.h"		/* the one call into the web layer */
#else
/* build/lentera-cli: every command but serve, without the web layer. */
static int
serve_main(int argc, char *argv[])
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "lentera-cli: this binary has no web server; "
	    "run lentera serve\n");
	return 2;
}
#endif


static const char usage_main[] =
    "usage: lentera COMMAND [flags]\n"
    "\n"
    "commands:\n"
    "  serve          run the web server\n"
    "  check [PATH]   validate a course tree, one course or one quiz\n"
    "  user           add, list, set-role, reset-password, deactivate,\n"
    "                 activate users (password: first line of stdin)\n"
    "  import-roster  load ASN master data from .xlsx or CSV\n"
    "  import-plan    load planning data (dictionary, standards, assessments,\n"
    "                 SKP, SKM) from .xlsx or CSV\n"
    "  token          create or revoke HR API tokens\n"
    "  regrade QUIZ   re-grade stored attempts of course/quiz.lua\n"
    "  import-questions FILE  Moodle GIFT or Moodle XML to a quiz file\n"
    "  jp-rules [FILE] print the JP rules defaults, or check FILE\n"
    "  siasn          export the SIASN training history batch, record\n"
    "                 SIASN ids back\n"
    "  migrate        copy a SQLite database into PostgreSQL, verified\n"
    "\n"
    "`lentera COMMAND --help` describes each command.\n";

static const char usage_check[] =
    "usage: lentera check [PATH]\n"
    "Validates PATH (default courses): a folder of courses, one course\n"
    "folder (holding course.md), one quiz file (.lua) or one evaluation\n"
    "instrument (.survey), with every module, asset, quiz and instrument\n"
    "(reaksi.survey) in it;\n"
    "prints path:line: message per problem; exit 1 if there are any.\n";

static int
cmd_check(int argc, char *argv[])
{
	struct buf	 out = { 0 };
	const char	*dir = "courses";
	struct catalog	*cat;
	int		 n;

	if (argc > 1 && strcmp(argv[1], "--help") == 0) {
		fputs(usage_check, stdout);
		return 0;
	}
	if (argc > 1 && argv[1][0] == '-')
		return cli_bad_flag("check", argv[1]);
	if (argc > 2)
		return cli_bad_flag("check", argv[2]);
	if (argc > 1)
		dir = argv[1];
	log_set_quiet(1);
	/* A script the sandbox cannot stop ends check with an error. */
	sandbox_set_stuck_fatal(1);
	n = course_check(dir, &out);
	if (out.n)
		fputs(out.p, stdout);
	buf_free(&out);
	if (n > 0) {
		fprintf(stderr, "%d problem%s found\n", n, n == 1 ? "" : "s");
		return 1;
	}
	switch (course_check_kind(dir)) {
	case COURSE_CHECK_QUIZ:
		printf("%s: quiz OK\n", dir);
		return 0;
	case COURSE_CHECK_COURSE:
		printf("%s: course OK\n", dir);
		return 0;
	case COURSE_CHECK_SURVEY:
		printf("%s: instrument OK\n", dir);
		return 0;
	default:
		break;
	}
	course_init(dir);
	cat = course_catalog();
	printf("%s: %d course%s OK\n", dir, cat->n, cat->n == 1 ? "" : "s");
	course_release(cat);
	course_shutdown();
	return 0;
}

int
main(int argc, char *argv[])
{
	static const struct { const char *name; int (*fn)(int, char **); }
	    cmds[] = {
		{ "serve", serve_main },
		{ "check", cmd_check },
		{ "user", cli_user },
		{ "regrade", regrade_main },
		{ "token", cli_token },
		{ "import-roster", cli_import_roster },
		{ "import-questions", qimport_main },
		{ "jp-rules", jprules_main },
		{ "siasn", cli_siasn },
		{ "import-plan", cli_import_plan },
		{ "migrate", migrate_main },
	};
	size_t	 i;

	/* Everything this process creates (database, -wal/-shm, keys,
	   export temp files) holds personal data or secrets: owner only. */
	umask(077);
	opterr = 0;
	if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		fputs(usage_main, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(argv[1], cmds[i].name) == 0)
			return cmds[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "lentera: unknown command %s (see lentera --help)\n",
	    argv[1]);
	return 2;
}
