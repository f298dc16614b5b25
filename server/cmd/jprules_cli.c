/* jprules_cli: `lentera jp-rules [FILE]`. See jprules.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "jprules.h"

static const char usage[] =
    "pemakaian: lentera jp-rules [BERKAS]\n"
    "Tanpa BERKAS: mencetak aturan JP bawaan (salin, ubah, periksa).\n"
    "Dengan BERKAS: memeriksa aturan itu; setiap masalah dicetak sebagai\n"
    "BERKAS:BARIS: pesan. Kode keluar 0 sah, 1 ada masalah, 2 salah pakai.\n"
    "Format: docs/jp-rules.md.\n";

/* cJP as Indonesian text: "2", "2,5", "2,25". */
static void
jp_text(int cjp, char *out, size_t len)
{
	if (cjp % 100 == 0)
		snprintf(out, len, "%d", cjp / 100);
	else if (cjp % 10 == 0)
		snprintf(out, len, "%d,%d", cjp / 100, cjp % 100 / 10);
	else
		snprintf(out, len, "%d,%02d", cjp / 100, cjp % 100);
}

int
jprules_main(int argc, char **argv)
{
	struct jpr_rules *r = NULL;
	struct buf	 err = { 0 };
	FILE		*fp;
	char		*src = NULL, a[16], b[16];
	size_t		 n;
	int		 i, rc = 1, unconfirmed = 0;

	if (argc > 1 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		fputs(usage, stdout);
		return 0;
	}
	if (argc > 1 && argv[1][0] == '-')
		return cli_bad_flag("jp-rules", argv[1]);
	if (argc > 2) {
		fputs(usage, stderr);
		return 2;
	}
	if (argc == 1) {
		fputs(jprules_default_text(), stdout);
		return 0;
	}
	if ((fp = fopen(argv[1], "rb")) == NULL) {
		fprintf(stderr, "lentera jp-rules: %s: %s\n", argv[1],
		    strerror(errno));
		return 1;
	}
	if ((src = malloc(JPR_SRC_MAX + 1)) == NULL ||
	    (r = calloc(1, sizeof(*r))) == NULL)
		goto out;
	n = fread(src, 1, JPR_SRC_MAX + 1, fp);
	if (jprules_parse(argv[1], src, n, r, &err) == -1) {
		fwrite(err.p, 1, err.n, stderr);
		goto out;
	}
	for (i = 0; i < r->ntargets; i++) {
		jp_text(r->target[i].min_cjp_year, a, sizeof(a));
		jp_text(r->target[i].max_cjp_year, b, sizeof(b));
		printf("sasaran %-6s %s%s%s%s%s\n", r->target[i].kind,
		    r->target[i].min_cjp_year ? "paling sedikit " : "",
		    r->target[i].min_cjp_year ? a : "",
		    r->target[i].min_cjp_year && r->target[i].max_cjp_year ?
		    ", " : "", r->target[i].max_cjp_year ? "paling banyak " : "",
		    r->target[i].max_cjp_year ? b : "");
		unconfirmed += !r->target[i].confirmed;
	}
	for (i = 0; i < r->nforms; i++) {
		const struct jpr_form *f = &r->form[i];

		printf("%-28s siasn %2d  ", f->ref, f->siasn);
		if (f->basis == JPR_MINUTES)
			printf("%d menit = 1 JP", f->minutes_per_jp);
		else if (f->basis == JPR_FIXED) {
			jp_text(f->fixed_cjp, a, sizeof(a));
			printf("%s JP per kegiatan", a);
		} else
			printf("JP menurut sertifikat");
		if (f->cap_session_cjp) {
			jp_text(f->cap_session_cjp, a, sizeof(a));
			printf(", paling banyak %s JP per sesi", a);
		}
		if (f->cap_sessions_month)
			printf(", %d sesi per bulan", f->cap_sessions_month);
		if (f->cap_day_cjp) {
			jp_text(f->cap_day_cjp, a, sizeof(a));
			printf(", paling banyak %s JP per hari", a);
		}
		printf("%s\n", f->confirmed ? "" : "  (belum pasti)");
		unconfirmed += !f->confirmed;
	}
	printf("%s: sah: %d bentuk, %d sasaran; %d nilai belum pasti: "
	    "konfirmasikan sebelum dipakai\n", argv[1], r->nforms, r->ntargets,
	    unconfirmed);
	rc = 0;
out:
	fclose(fp);
	free(src);
	free(r);
	buf_free(&err);
	return rc;
}
