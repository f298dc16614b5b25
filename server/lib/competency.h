/*
 * competency: the vocabulary of PermenPANRB 38/2017 (standar kompetensi
 * jabatan ASN): three competency types, each assessed on levels 1..5.
 * The one place their spellings live (course files, filters, exports and
 * the certificate payload use the id strings; pages use the labels).
 * Pure functions: no storage, no clock.
 */
#ifndef LENTERA_COMPETENCY_H
#define LENTERA_COMPETENCY_H

#include <stddef.h>

#include "i18n.h"

#define COMPETENCY_LEVEL_MIN	1
#define COMPETENCY_LEVEL_MAX	5

enum ctype {
	CTYPE_TEKNIS,
	CTYPE_MANAJERIAL,
	CTYPE_SOSIAL_KULTURAL,
	CTYPE_N
};

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

/*
 * The dictionary's built-in part: the eight manajerial competencies and
 * the one sosial kultural competency (Perekat Bangsa) of PermenPANRB
 * 38/2017, each with a definition and levels 1..5 described in Bahasa
 * Indonesia (our words, faithful to the regulation's lampiran). Teknis
 * competencies are the agency's own (core/dictionary, the course tree's
 * kompetensi.csv). Static data: never freed.
 */
#define COMPETENCY_BUILTIN_N	9
#define COMPETENCY_NAME_MAX	128	/* bytes of a name, NUL included */
#define COMPETENCY_KEY_MAX	COMPETENCY_NAME_MAX

struct competency_def {
	const char	*name;		/* as the regulation spells it */
	int		 type;		/* enum ctype */
	const char	*definition;
	const char	*level[COMPETENCY_LEVEL_MAX];	/* level 1 at [0] */
};

const struct competency_def *competency_builtin(int i);	/* NULL past the end */
/* The built-in competency whose key equals name's, or NULL. */
const struct competency_def *competency_builtin_find(const char *name);
/*
 * The matching key of a competency name: ASCII letters lower-cased,
 * leading and trailing blanks dropped, inner runs of blanks one space.
 * "  Kerja  sama " and "Kerja Sama" are one competency. 0 ok, -1 the
 * name is empty or longer than COMPETENCY_KEY_MAX - 1 bytes.
 */
int		 competency_key(const char *name, char *out, size_t outlen);

#endif
