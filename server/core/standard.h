/*
 * standard: standar kompetensi jabatan (SKJ, PermenPANRB 38/2017): per
 * jabatan, each competency with its required level, imported by HR; and
 * a default required level per position class (JPT Utama and Madya 5,
 * JPT Pratama 4, Administrator 3, Pengawas 2, Pelaksana 1 unless
 * configured: `serve --skj-defaults`) that fills every built-in
 * (manajerial and sosial kultural) competency an imported standard does
 * not name. A jabatan with no imported standard counts as Pelaksana.
 *
 * Import file (CSV or .xlsx), one row per (jabatan, competency):
 *   jabatan, kelas_jabatan (jpt-utama, jpt-madya, jpt-pratama,
 *   administrator, pengawas, pelaksana), kompetensi (in the dictionary),
 *   level (1..5). A jabatan in the file gets exactly the file's rows (its
 *   earlier standard is replaced); one jabatan with two classes, or a
 *   competency named twice for one jabatan, is a bad row.
 */
#ifndef LENTERA_STANDARD_H
#define LENTERA_STANDARD_H

#include <stddef.h>
#include <stdint.h>

#include "planio.h"
#include "store.h"

/* Rows of one file (duplicates are found by scanning what was read). */
#define STANDARD_MAX_ROWS	20000

enum pclass { PCLASS_JPT_UTAMA, PCLASS_JPT_MADYA, PCLASS_JPT_PRATAMA,
	PCLASS_ADMINISTRATOR, PCLASS_PENGAWAS, PCLASS_PELAKSANA, PCLASS_N };

int		 standard_class_parse(const char *);	/* -1 unknown */
const char	*standard_class_id(int);
const char	*standard_class_label(int);
/* The default required level of a class (config or built-in). */
int		 standard_default_level(int pclass);
/* "jpt-pratama=4,pengawas=2": into levels[PCLASS_N] (others keep what
   they hold); 0 ok, -1 with why. */
int		 standard_defaults_parse(const char *spec, int *levels,
		    char *why, size_t whylen);
int		 standard_import(struct store *, const char *data, size_t n,
		    int dry_run, int64_t actor, const char *ip, int64_t now,
		    struct planio_report *);

#endif
