/*
 * dictionary: the competency dictionary of the agency (PP 11/2017 art.
 * 205; PermenPANRB 38/2017): the built-in manajerial and sosial kultural
 * competencies plus the teknis competencies HR imports (compdict.h holds
 * the file format and the check both share).
 *
 * dictionary_load: a compdict with the built-ins and every teknis
 * competency of the database (the caller frees it); NULL on error.
 * dictionary_import reads a dictionary file (CSV or .xlsx) and upserts
 * its teknis rows by name (case and spaces folded); rows already in the
 * database and absent from the file stay. planio.h says what it returns.
 */
#ifndef LENTERA_DICTIONARY_H
#define LENTERA_DICTIONARY_H

#include <stddef.h>
#include <stdint.h>

#include "compdict.h"
#include "planio.h"
#include "store.h"

struct compdict	*dictionary_load(struct store *);
int		 dictionary_import(struct store *, const char *data, size_t n,
		    int dry_run, int64_t actor, const char *ip, int64_t now,
		    struct planio_report *);
/* "Nama" of a key for pages: the dictionary's spelling, else the key. */
const char	*dictionary_name(const struct compdict *, const char *key);

#endif
