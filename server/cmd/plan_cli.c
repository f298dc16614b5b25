/* plan_cli: lentera import-plan KIND FILE. The imports are core's
   (planio.h); this reads the file and prints FILE:LINE problems. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "cmds.h"
#include "config.h"
#include "planio.h"
#include "store.h"

#define PLAN_CLI_MAX_INPUT	((size_t)64 << 20)

static const char usage[] =
    "usage: lentera import-plan KIND FILE [--db PATH] [--dry-run]\n"
    "Imports planning data (docs/planning-needs.md) from CSV (',', ';' or\n"
    "TAB, UTF-8) or an .xlsx workbook (its first sheet). KIND and header:\n"
    "  kompetensi  nama,jenis,definisi,level_1..level_5 (teknis competencies)\n"
    "  standar     jabatan,kelas_jabatan,kompetensi,level\n"
    "  asesmen     nip,kompetensi,level,tanggal,sumber\n"
    "  skp         nip,tahun,predikat[,potensi][,kotak_talenta]\n"
    "  skm         unit_layanan,periode,u1..u9 (one row per respondent)\n"
    "All or nothing: any bad row is listed as FILE:LINE: reason and\n"
    "nothing is written (exit 1).\n"
    "  --db PATH   SQLite database (default " CLI_DEFAULT_DB ")\n"
    "  --dry-run   check the file; write nothing\n";

static char *
slurp(const char *path, size_t *n)
{
	FILE	*fp;
	char	*p;
	size_t	 got;

	if ((fp = fopen(path, "rb")) == NULL) {
		perror(path);
		return NULL;
	}
	if ((p = malloc(PLAN_CLI_MAX_INPUT + 1)) == NULL) {
		fclose(fp);
		return NULL;
	}
	got = fread(p, 1, PLAN_CLI_MAX_INPUT + 1, fp);
	if (ferror(fp) || got > PLAN_CLI_MAX_INPUT) {
		fprintf(stderr, "%s: %s\n", path, ferror(fp) ?
		    "cannot read" : "larger than 64 MiB");
		free(p);
		fclose(fp);
		return NULL;
	}
	fclose(fp);
	*n = got;
	return p;
}

int
cli_import_plan(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const struct planio_kind *k;
	struct planio_report *rep = NULL;
	struct store	*st = NULL;
	struct buf	 out = { 0 };
	const char	*db = CLI_DEFAULT_DB, *file;
	char		*data = NULL;
	size_t		 n = 0;
	int		 ch, dry = 0, rc = 1;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': db = optarg; break;
		case 'n': dry = 1; break;
		case 'h': fputs(usage, stdout); return 0;
		default: return cli_bad_flag("import-plan", argv[optind - 1]);
		}
	}
	if (optind + 2 != argc) {
		fputs(usage, stderr);
		return 2;
	}
	if ((k = planio_kind(argv[optind])) == NULL) {
		fprintf(stderr, "lentera import-plan: unknown kind \"%s\"\n%s",
		    argv[optind], usage);
		return 2;
	}
	file = argv[optind + 1];
	if ((data = slurp(file, &n)) == NULL)
		return 1;
	if ((rep = calloc(1, sizeof(*rep))) == NULL ||
	    config_open(db, 0) == -1 || store_open(db, &st) == -1)
		goto out;
	switch (k->run(st, data, n, dry, 0, "cli", (int64_t)time(NULL), rep)) {
	case 0:
		printf("%s: %d rows, %d saved%s\n", file, rep->rows,
		    rep->written, dry ? " (dry run: nothing written)" : "");
		rc = 0;
		break;
	case 1:
		planio_print(rep, file, &out);
		if (out.n)
			fputs(out.p, stderr);
		fprintf(stderr, "%s: %d problem%s; nothing written\n", file,
		    rep->nbad, rep->nbad == 1 ? "" : "s");
		break;
	default:
		fprintf(stderr, "%s: database error; nothing written\n", file);
		break;
	}
out:
	buf_free(&out);
	store_close(st);
	config_close();
	free(rep);
	free(data);
	return rc;
}
