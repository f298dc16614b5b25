/*
 * roster: ASN master data from CSV, TAB-separated text or an .xlsx
 * workbook (the HR export), validated row by row and upserted by NIP in
 * one transaction.
 *
 * Reader (pure, no database; the fuzz drivers' subject). The input is
 * sniffed: a ZIP is read as .xlsx (xlsxread.h: first sheet, lines are
 * sheet rows), an OLE file (old .xls, or a password-protected workbook)
 * is refused with that reason, anything else is text (csv.h). Records
 * whose cells are all blank are skipped. A NIP or nip_atasan cell that
 * the workbook holds as a number without 18 digits is a bad row (Excel
 * keeps 15 digits). A text record that is not UTF-8 is a bad row (2), so
 * every such line is listed. The first record
 * is the header: nip, nama, unit_kerja, jabatan, golongan are required
 * columns, email, nip_atasan, pns_orang_id (SIASN's person id,
 * siasn.h siasn_id_ok; kept apart from the NIP) and jenis_pegawai (the
 * employee type, PNS or PPPK: a [sasaran] kind of the JP rules, any case;
 * it sets the yearly JP target, ledger.h) optional, any order, case and surrounding
 * spaces ignored, unknown columns skipped, a repeated known column is an
 * error. ';' delimiter and a UTF-8 BOM are accepted (csv.c). roster_next
 * returns
 *   1  a valid row in *row (values trimmed; golongan normalised, e.g.
 *      "iii / a" -> "III/a");
 *   2  a bad row: row->line and why (Bahasa Indonesia) are set; reading
 *      can go on;
 *   0  end of input;
 *  -1  the file cannot be read on (header problem, broken CSV, too many
 *      rows): row->line and why are set; later calls return -1 again.
 * Rules: NIP and nip_atasan pass nip_valid (nip_atasan optional, not the
 * row's own NIP); nama and unit_kerja non-empty; golongan empty, PNS
 * I..IV "/" a..e (IV/e the top) or PPPK roman I..XVII; email empty or
 * plausible (one '@', a dot in the domain, no spaces); no control
 * characters; each value within its STORE_* field size; a NIP seen
 * earlier in the file is an error naming the earlier line. Memory: the
 * csv reader's fixed buffers plus up to 64 bytes per row (duplicate check).
 *
 * Import. roster_import reads the whole file inside one write
 * transaction: new NIPs become learners without a password, known NIPs
 * get name, unit, jabatan, golongan, email and nip_atasan updated (never
 * role, password or active), and pns_orang_id and jenis_pegawai when
 * their cells are not empty (an empty cell keeps the stored value; a
 * new user without a type is a PNS). Any bad row, or dry_run, rolls everything
 * back; otherwise it commits with one audit row carrying the counts.
 * With codes != 0 every new learner also gets a setup code (setup.h) in
 * the same transaction; rep->codes lists "nip\tname\tcode\n" lines.
 * Returns 0 (committed, or a clean dry run), 1 (problems: nothing
 * written, rep->problem lists them), -1 (database or memory error).
 */
#ifndef LENTERA_ROSTER_H
#define LENTERA_ROSTER_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "store.h"

#define ROSTER_MAX_INPUT	((size_t)32 << 20)	/* CLI file limit */
#define ROSTER_MAX_ROWS		200000
#define ROSTER_MAX_PROBLEMS	200	/* listed; more are only counted */
#define ROSTER_WHY_MAX		192

struct roster_row {
	int		 line;
	struct user	 u;
	char		 pns_orang_id[65];	/* SIASN id; "" cell empty */
	char		 jenis_pegawai[16];	/* pns|pppk; "" cell empty */
};

struct roster_reader;

struct roster_reader *roster_open(const char *data, size_t n);
int	 roster_next(struct roster_reader *, struct roster_row *,
	    char *why, size_t whylen);
void	 roster_close(struct roster_reader *);

/* Golongan check: 1 valid (normalised copy in out), 0 not. */
int	 roster_golongan(const char *s, char *out, size_t outlen);
int	 roster_email_ok(const char *s);

struct roster_problem {
	int	 line;
	char	 why[ROSTER_WHY_MAX];
};

struct roster_report {
	int			 rows, nnew, nupdated, nsame, nbad;
	int			 ncodes;
	int			 dry_run, written;
	int			 nproblem;	/* listed, <= ROSTER_MAX_PROBLEMS */
	struct roster_problem	 problem[ROSTER_MAX_PROBLEMS];
	struct buf		 codes;		/* "nip\tname\tcode\n" per new user */
};

int	 roster_import(struct store *, const char *data, size_t n, int dry_run,
	    int codes, int64_t actor, const char *ip, int64_t now,
	    struct roster_report *);
void	 roster_report_free(struct roster_report *);

#endif
