/*
 * competency: the vocabulary of PermenPANRB 38/2017 (standar kompetensi
 * jabatan ASN): three competency types, each assessed on levels 1..5.
 * The one place their spellings live (course files, filters, exports and
 * the certificate payload use the id strings; pages use the labels).
 * Pure functions: no storage, no clock.
 */
#ifndef LENTERA_COMPETENCY_H
#define LENTERA_COMPETENCY_H

#include "i18n.h"

#define COMPETENCY_LEVEL_MIN	1
#define COMPETENCY_LEVEL_MAX	5

enum ctype {
	CTYPE_TEKNIS,
	CTYPE_MANAJERIAL,
	CTYPE_SOSIAL_KULTURAL,
	CTYPE_N
};

/* The ids in enum order, NULL-terminated (choosers, parameter checks). */
extern const char *const competency_type_ids[CTYPE_N + 1];
/* The id ("teknis", "manajerial", "sosial-kultural") as a type; -1 if s
   is none of them (NULL and "" included). */
int		 competency_type_parse(const char *s);
/* The id of t ("" for an out-of-range t). */
const char	*competency_type_id(int t);
/* The message id of t's label (Teknis, Manajerial, Sosial Kultural). */
enum msg	 competency_type_msg(int t);
/* "teknis, manajerial or sosial-kultural": for error messages. */
#define COMPETENCY_TYPES_TEXT	"teknis, manajerial or sosial-kultural"
/* 1 if level is COMPETENCY_LEVEL_MIN..MAX. */
int		 competency_level_ok(int level);

#endif
