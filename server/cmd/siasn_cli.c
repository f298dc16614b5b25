/*
 * siasn_cli: `lentera siasn export` and `lentera siasn record` (cli.h).
 * Core and store functions only (siasn_batch.h): no page handler, no
 * HTTP. Exit 0 ok, 1 failure, 2 usage.
 */
#include <errno.h>
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "cli.h"
#include "cmds.h"
#include "log.h"
#include "siasn_batch.h"
#include "config.h"

#define SIASN_RECORD_MAX_INPUT	((size_t)4 << 20)	/* a record-back file */

static const char usage[] =
    "usage: lentera siasn export [--db PATH] [--out FILE.zip]\n"
    "                            [--year Y | --since D --until D]\n"
    "                            [--unit U] [--base-url URL] [--dry-run]\n"
    "                            [--batch N]\n"
    "       lentera siasn record FILE [--db PATH]\n"
    "export: the SIASN riwayat kursus batch (docs/siasn.md): every\n"
    "certified completion not sent yet or changed since it was sent, as a\n"
    "ZIP (riwayat-kursus.jsonl, riwayat-kursus.xlsx, sertifikat/*.pdf);\n"
    "the entries are then marked as exported.\n"
    "  --db PATH       SQLite database (default " CLI_DEFAULT_DB ")\n"
    "  --out FILE      the ZIP (default: lentera-siasn-YEAR|all[...].zip)\n"
    "  --year Y        completions of year Y (WIB)\n"
    "  --since D       completed on or after D (yyyy-mm-dd, WIB)\n"
    "  --until D       completed on or before D (yyyy-mm-dd, WIB)\n"
    "  --unit U        unit kerja (exact)\n"
    "  --base-url URL  public URL for the certificates' QR codes\n"
    "                  (required unless --dry-run)\n"
    "  --dry-run       list what would be sent; write nothing\n"
    "  --batch N       batch N again (its entries as they are now; no\n"
    "                  state changes; other filters ignored)\n"
    "record: FILE is CSV with the header nomor_sertifikat,siasn_id; each\n"
    "SIASN id is kept with its entry (all or nothing).\n";

static int
do_export(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "out", required_argument, NULL, 'o' },
		{ "year", required_argument, NULL, 'y' },
		{ "since", required_argument, NULL, 's' },
		{ "until", required_argument, NULL, 'u' },
		{ "unit", required_argument, NULL, 'U' },
		{ "base-url", required_argument, NULL, 'b' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "batch", required_argument, NULL, 'B' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct siasn_params	 p;
	struct siasn_opts	 o;
	struct siasn_result	 res;
	struct store		*st = NULL;
	const char		*db = CLI_DEFAULT_DB, *out = NULL, *why;
	const char		*year = NULL, *since = NULL, *until = NULL;
	const char		*unit = NULL, *base = NULL;
	char			 base_ok[CONFIG_BASE_MAX], msg[SIASN_WHY_MAX];
	char			 tmp[1200];
	int			 ch, dry = 0, fd, rc = 1, again = 0;

	memset(&res, 0, sizeof(res));
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': db = optarg; break;
		case 'o': out = optarg; break;
		case 'y': year = optarg; break;
		case 's': since = optarg; break;
		case 'u': until = optarg; break;
		case 'U': unit = optarg; break;
		case 'b': base = optarg; break;
		case 'n': dry = 1; break;
		case 'B':
			if (cli_int("siasn export", "--batch", optarg, 1,
			    2000000000, &again))
				return 2;
			break;
		case 'h': fputs(usage, stdout); return 0;
		default: return cli_bad_flag("siasn export", argv[optind - 1]);
		}
	}
	if (optind != argc)
		return cli_bad_flag("siasn export", argv[optind]);
	if (siasn_params(year, since, until, unit, &p, msg, sizeof(msg))) {
		fprintf(stderr, "lentera siasn export: %s\n", msg);
		return 2;
	}
	if (again) {
		p.f.batch = again;
		snprintf(p.fname, sizeof(p.fname), "lentera-siasn-batch-%d.zip",
		    again);
		snprintf(p.filters, sizeof(p.filters), "batch=%d", again);
	}
	base_ok[0] = '\0';
	if (base != NULL && config_base_url(base, base_ok, &why)) {
		fprintf(stderr, "lentera siasn export: --base-url %s\n", why);
		return 2;
	}
	if (!dry && base_ok[0] == '\0') {
		fprintf(stderr, "lentera siasn export: --base-url wajib "
		    "(alamat publik server, untuk kode QR sertifikat)\n");
		return 2;
	}
	if (out == NULL)
		out = p.fname;
	if (sodium_init() < 0 || config_open(db, 0) == -1 ||
	    store_open(db, &st) == -1)
		goto done;
	memset(&o, 0, sizeof(o));
	o.f = p.f;
	o.filters = p.filters;
	o.fname = out;
	o.base_url = base_ok;
	o.dry_run = dry;
	o.now = (int64_t)time(NULL);
	o.ip = "cli";
	if (dry) {
		if (siasn_batch_make(st, &o, NULL, &res) != 0) {
			fprintf(stderr, "lentera siasn export: %s\n", res.why);
			goto done;
		}
		fwrite(res.lines.p ? res.lines.p : "", 1, res.lines.n, stdout);
		printf("uji coba: %d entri akan dikirim (%d baru, %d berubah), "
		    "%d tanpa pnsOrangId%s; tidak ada yang ditulis\n",
		    res.entries, res.nnew, res.nchanged, res.warnings,
		    res.more ? "; masih ada entri lain" : "");
		rc = 0;
		goto done;
	}
	/* Written beside the target and renamed: never half a ZIP there. */
	snprintf(tmp, sizeof(tmp), "%s.tmp-XXXXXX", out);
	if ((fd = mkstemp(tmp)) == -1) {
		fprintf(stderr, "lentera siasn export: %s: %s\n", out,
		    strerror(errno));
		goto done;
	}
	close(fd);
	if (siasn_batch_make(st, &o, tmp, &res) != 0) {
		fprintf(stderr, "lentera siasn export: %s\n", res.why);
		unlink(tmp);
		goto done;
	}
	if (rename(tmp, out) == -1) {
		fprintf(stderr, "lentera siasn export: %s: %s (batch %lld "
		    "tersimpan di %s)\n", out, strerror(errno),
		    (long long)res.batch, tmp);
		goto done;
	}
	fwrite(res.lines.p ? res.lines.p : "", 1, res.lines.n, stdout);
	if (again)
		printf("%s: batch %d dibuat ulang, %d entri (status ekspor tidak "
		    "berubah)\n", out, again, res.entries);
	else if (res.entries == 0)
		printf("%s: 0 entri: tidak ada yang baru atau berubah\n", out);
	else
		printf("%s: batch %lld, %d entri (%d baru, %d berubah), %d "
		    "tanpa pnsOrangId%s\n", out, (long long)res.batch,
		    res.entries, res.nnew, res.nchanged, res.warnings,
		    res.more ? "; masih ada entri lain: jalankan lagi" : "");
	if (res.warnings)
		fprintf(stderr, "lentera siasn export: peringatan: %d entri "
		    "tanpa pnsOrangId (lihat peringatan.csv di ZIP)\n",
		    res.warnings);
	rc = 0;
done:
	siasn_result_free(&res);
	store_close(st);
	return rc;
}

static int
do_record(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct siasn_result	 res;
	struct store		*st = NULL;
	const char		*db = CLI_DEFAULT_DB, *file, *l, *e;
	char			*data = NULL;
	FILE			*fp;
	size_t			 n;
	int			 ch, rc = 1;

	memset(&res, 0, sizeof(res));
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': db = optarg; break;
		case 'h': fputs(usage, stdout); return 0;
		default: return cli_bad_flag("siasn record", argv[optind - 1]);
		}
	}
	if (optind + 1 != argc) {
		fputs(usage, stderr);
		return 2;
	}
	file = argv[optind];
	if ((fp = fopen(file, "rb")) == NULL) {
		perror(file);
		return 1;
	}
	if ((data = malloc(SIASN_RECORD_MAX_INPUT + 1)) == NULL) {
		fclose(fp);
		return 1;
	}
	n = fread(data, 1, SIASN_RECORD_MAX_INPUT + 1, fp);
	if (ferror(fp) || n > SIASN_RECORD_MAX_INPUT) {
		fprintf(stderr, "%s: %s\n", file, ferror(fp) ? strerror(errno) :
		    "lebih dari 4 MiB");
		fclose(fp);
		goto done;
	}
	fclose(fp);
	if (sodium_init() < 0 || config_open(db, 0) == -1 ||
	    store_open(db, &st) == -1)
		goto done;
	switch (siasn_record_csv(st, data, n, 0, "cli", (int64_t)time(NULL),
	    &res)) {
	case 0:
		printf("%s: %d ID SIASN tercatat\n", file, res.entries);
		rc = 0;
		break;
	case 1:
		/* "LINE: reason" lines become FILE:LINE: reason. */
		for (l = res.lines.p; l && *l; l = e + 1) {
			if ((e = strchr(l, '\n')) == NULL)
				break;
			fprintf(stderr, "%s:%.*s\n", file, (int)(e - l), l);
		}
		fprintf(stderr, "%s: ada masalah; tidak ada yang ditulis\n",
		    file);
		break;
	default:
		fprintf(stderr, "%s: gagal (basis data); tidak ada yang "
		    "ditulis\n", file);
		break;
	}
done:
	siasn_result_free(&res);
	store_close(st);
	free(data);
	return rc;
}

int
cli_siasn(int argc, char *argv[])
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	log_set_quiet(1);
	if (strcmp(argv[1], "export") == 0)
		return do_export(argc - 1, argv + 1);
	if (strcmp(argv[1], "record") == 0)
		return do_record(argc - 1, argv + 1);
	fprintf(stderr, "lentera siasn: unknown command %s (see lentera siasn "
	    "--help)\n", argv[1]);
	return 2;
}
