/* migrate_cli: `lentera migrate --from sqlite.db --to postgres://...` (store_copy.h). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "store_copy.h"
#include "store_pg.h"

static const char usage[] =
    "usage: lentera migrate --to postgres://USER@HOST:PORT/DB [--from PATH]\n"
    "Copies a SQLite database (--from, default " CLI_DEFAULT_DB ") into an\n"
    "empty PostgreSQL database, all or nothing: the schema is brought to\n"
    "this version first, every row goes in one transaction, and it commits\n"
    "only when each table's row count and checksum read back from\n"
    "PostgreSQL equal the source's. The source is only read (one snapshot:\n"
    "a running server may keep writing; what it writes after the snapshot\n"
    "is not copied, so stop it for the final copy). Without --from, only\n"
    "the schema is created or brought up to date. Prints one line per\n"
    "table: name, rows, checksum. Exit 0 committed, 1 nothing committed,\n"
    "2 usage error. docs/deploy.md describes the move.\n";

int
migrate_main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct copy_report	 rep;
	const char		*from = NULL, *to = NULL;
	char			 err[512];
	int			 ch, i, v;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'f': from = optarg; break;
		case 't': to = optarg; break;
		case 'h': fputs(usage, stdout); return 0;
		default: return cli_bad_flag("migrate", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_bad_flag("migrate", argv[optind]);
	if (to == NULL || !store_pg_is_url(to)) {
		fprintf(stderr, "lentera migrate: --to must be a postgres:// "
		    "URL\n");
		fputs(usage, stderr);
		return 2;
	}
	if (from != NULL && store_pg_is_url(from)) {
		fprintf(stderr, "lentera migrate: --from must be a SQLite file "
		    "(PostgreSQL to PostgreSQL: pg_dump, docs/deploy.md)\n");
		return 2;
	}
	if (from == NULL) {
		if (store_pg_migrate(to) == -1 || store_pg_version(to, &v) == -1) {
			fprintf(stderr, "lentera migrate: the schema could not"
			    " be brought up to date\n");
			return 1;
		}
		printf("lentera migrate: schema %d\n", v);
		return 0;
	}
	if (store_copy_to_pg(from, to, &rep, err, sizeof(err)) == -1) {
		fprintf(stderr, "lentera migrate: %s\n", err);
		fprintf(stderr, "lentera migrate: nothing was committed\n");
		return 1;
	}
	printf("lentera migrate: %s -> %s (schema %d)\n", from, rep.dest,
	    rep.version);
	for (i = 0; i < rep.ntables; i++)
		printf("  %-16s %10lld rows  checksum %016llx%016llx\n",
		    rep.t[i].name, rep.t[i].rows,
		    (unsigned long long)rep.t[i].sum[0],
		    (unsigned long long)rep.t[i].sum[1]);
	printf("lentera migrate: %d tables, %lld rows copied; counts and "
	    "checksums verified; committed\n", rep.ntables, rep.rows);
	return 0;
}
