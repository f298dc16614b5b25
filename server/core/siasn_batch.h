/*
 * siasn_batch: one SIASN upload batch (docs/siasn.md). From the
 * certified completions matching a filter, the entries SIASN has not got
 * yet: never exported, or whose payload (siasn.h) changed since it was
 * last exported (hash compare; the SIASN id recorded back is not part of
 * the hash). Shared by the HR page (hr_siasn.c) and `lentera siasn`
 * (siasn_cli.c); no HTTP here.
 *
 * siasn_batch_make writes a ZIP to path (created or truncated, the
 * caller's file): riwayat-kursus.jsonl (one kursus/save body per line,
 * UTF-8, LF), riwayat-kursus.xlsx (the same rows for people: Indonesian
 * titles, a Keterangan sheet naming each column's SIASN field),
 * sertifikat/<number>.pdf per entry (the certificate PDF, as
 * record_pdf.c makes it, QR to base_url's /verify page) and, when some
 * entry lacks a pnsOrangId, peringatan.csv listing them (they are in the
 * batch with pnsOrangId "": HR fills it in SIASN or imports it and the
 * entry changes, so it is sent again). At most SIASN_BATCH_MAX entries,
 * oldest first; res->more says more are waiting.
 * Unless o->dry_run, a non-empty batch is then recorded (store_siasn_save:
 * batch row, export state per entry, audit row, one transaction); an
 * empty batch records nothing. With o->dry_run and path NULL nothing is
 * written at all (counts and res->lines only).
 * Returns 0 done (res filled), -1 error (res->why), -2 no PDF render
 * slot (o->bounded, the server is busy: try again), -3 another batch
 * took some of these entries meanwhile (nothing recorded: try again).
 *
 * res->lines: one line per entry, "baru|berubah NOMOR NIP NAMA" then
 * "peringatan: ..." lines, for the CLI. The caller frees res with
 * siasn_result_free.
 *
 * siasn_record_csv reads `nomor_sertifikat,siasn_id` lines (a header
 * with those names first; ',' ';' or TAB) and records each SIASN id in
 * one transaction with one audit row (siasn.record): 0 all recorded,
 * 1 problems (nothing written; res->lines has "LINE: reason" lines),
 * -1 error.
 *
 * siasn_params checks the filters as given (NULL or "" is absent):
 * year 2000..2100, or since/until as yyyy-mm-dd (WIB days, until
 * inclusive; not with year), unit at most STORE_TEXT_MAX - 1 bytes
 * without control characters. It fills p (the filter, its text for the
 * audit row and the notes sheet, and the download name
 * lentera-siasn-YEAR|all[-unit][-since-DATE][-until-DATE].zip, each part
 * made file-name safe as the other downloads do): 0, or -1 with why.
 */
#ifndef LENTERA_SIASN_BATCH_H
#define LENTERA_SIASN_BATCH_H

#include <stdint.h>

#include "buf.h"
#include "store_siasn.h"

#define SIASN_BATCH_MAX		2000	/* entries per batch */
#define SIASN_RECORD_MAX_ROWS	20000	/* lines of a record-back file */
#define SIASN_WHY_MAX		160

struct siasn_opts {
	struct siasn_filter f;
	const char	*filters;	/* "year=2026 unit=..." for audit and notes */
	const char	*fname;		/* download name, kept with the batch */
	const char	*base_url;	/* verification URL base, no '/' at end */
	int		 bounded;	/* certpdf_render_bounded (HTTP) */
	int		 dry_run;
	int64_t		 now, actor;
	const char	*ip;
};

struct siasn_params {
	struct siasn_filter f;
	char		 unit[STORE_TEXT_MAX];
	char		 filters[320];
	char		 fname[200];
};

struct siasn_result {
	int		 entries, nnew, nchanged, warnings, more;
	int64_t		 batch;		/* 0: none recorded */
	char		 why[SIASN_WHY_MAX];
	struct buf	 lines;
};

int	siasn_batch_make(struct store *, const struct siasn_opts *,
	    const char *path, struct siasn_result *);
int	siasn_record_csv(struct store *, const char *data, size_t n,
	    int64_t actor, const char *ip, int64_t now, struct siasn_result *);
void	siasn_result_free(struct siasn_result *);
int	siasn_params(const char *year, const char *since, const char *until,
	    const char *unit, struct siasn_params *p, char *why, size_t len);

#endif
