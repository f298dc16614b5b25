/* roster_cli: lentera import-roster. See cli.h; the import is roster.h's. */
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cli.h"
#include "cmds.h"
#include "config.h"
#include "roster.h"
#include "setup.h"

static const char usage[] =
    "usage: lentera import-roster FILE [--db PATH] [--dry-run]\n"
    "                             [--setup-codes]\n"
    "Loads ASN master data and upserts by NIP. FILE is CSV or text (',',\n"
    "';' or TAB separated, UTF-8) or an .xlsx workbook (its first sheet);\n"
    "header nip,nama,unit_kerja,jabatan,golongan[,email][,nip_atasan]\n"
    "[,pns_orang_id], any order.\n"
    "All or nothing: any bad row is listed as FILE:LINE: reason and\n"
    "nothing is written (exit 1).\n"
    "  --db PATH       SQLite database (default " CLI_DEFAULT_DB ")\n"
    "  --dry-run       report what would change; write nothing\n"
    "  --setup-codes   issue a first-login setup code to every new user\n"
    "                  and print NIP, name and code (shown only once)\n";

static char *
read_file(const char *path, size_t *n)
{
	FILE	*fp;
	char	*p = NULL;
	size_t	 got;

	if ((fp = fopen(path, "rb")) == NULL) {
		perror(path);
		return NULL;
	}
	/* One byte over the limit tells "too large" from "exactly full". */
	if ((p = malloc(ROSTER_MAX_INPUT + 1)) == NULL)
		goto err;
	got = fread(p, 1, ROSTER_MAX_INPUT + 1, fp);
	if (ferror(fp)) {
		perror(path);
		goto err;
	}
	if (got > ROSTER_MAX_INPUT) {
		fprintf(stderr, "%s: larger than %zu MiB\n", path,
		    ROSTER_MAX_INPUT >> 20);
		goto err;
	}
	fclose(fp);
	*n = got;
	return p;
err:
	free(p);
	fclose(fp);
	return NULL;
}

int
cli_import_roster(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "setup-codes", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct roster_report *rep = NULL;
	struct store	*st = NULL;
	const char	*db = CLI_DEFAULT_DB, *file;
	char		*data = NULL;
	size_t		 n = 0;
	int		 ch, i, dry = 0, codes = 0, rc = 1;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': db = optarg; break;
		case 'n': dry = 1; break;
		case 'c': codes = 1; break;
		case 'h': fputs(usage, stdout); return 0;
		default: return cli_bad_flag("import-roster", argv[optind - 1]);
		}
	}
	if (optind + 1 != argc) {
		fputs(usage, stderr);
		return 2;
	}
	file = argv[optind];
	if (sodium_init() < 0 || (data = read_file(file, &n)) == NULL)
		return 1;
	if ((rep = calloc(1, sizeof(*rep))) == NULL ||
	    config_open(db, 0) == -1 || store_open(db, &st) == -1)
		goto out;
	switch (roster_import(st, data, n, dry, codes, 0, "cli",
	    (int64_t)time(NULL), rep)) {
	case 0:
		printf("%s: %d rows: %d new, %d updated, %d unchanged%s\n",
		    file, rep->rows, rep->nnew, rep->nupdated, rep->nsame,
		    dry ? " (dry run: nothing written)" : "");
		if (rep->codes.n) {
			printf("setup codes (shown once; valid %d days):\n",
			    SETUP_CODE_TTL / 86400);
			fwrite(rep->codes.p, 1, rep->codes.n, stdout);
		}
		rc = 0;
		break;
	case 1:
		for (i = 0; i < rep->nproblem; i++)
			fprintf(stderr, "%s:%d: %s\n", file,
			    rep->problem[i].line, rep->problem[i].why);
		if (rep->nbad > rep->nproblem)
			fprintf(stderr, "%s: ... and %d more\n", file,
			    rep->nbad - rep->nproblem);
		fprintf(stderr, "%s: %d problem%s; nothing written\n", file,
		    rep->nbad, rep->nbad == 1 ? "" : "s");
		break;
	default:
		fprintf(stderr, "%s: import failed (database error); nothing "
		    "written\n", file);
		break;
	}
out:
	roster_report_free(rep);
	free(rep);
	store_close(st);
	free(data);
	return rc;
}
