/*
 * profile: each ASN's competency profile (PP 11/2017 art. 205: the gap
 * analysis needs what a person has reached), one achieved level per
 * competency of the dictionary, every value with where it came from and
 * when.
 *
 * Evidence comes from three places:
 *   - completions (the ledger): a course that names a dictionary
 *     competency at level L gives L, dated at completion; read live, never
 *     copied;
 *   - profile entries written with profile_record: imported assessment
 *     results (source PROFILE_SRC_ASSESSMENT, ref the assessment source
 *     as the file named it, e.g. "Assessment Center BKN" or "CACT"), the
 *     needs survey (planb: PROFILE_SRC_SURVEY_SELF / _ATASAN, ref the
 *     survey round, e.g. "survei:3").
 * The achieved level of a competency is the highest of: the completions,
 * the latest assessment and the latest atasan survey answer. A
 * self-assessment is shown beside them but does not count (people rate
 * themselves high; PermenPANRB 38/2017 asks for an assessment).
 *
 * profile_record writes or replaces the one entry for (user, competency,
 * source, ref) with level and at (when the level was observed, Unix
 * seconds; "recorded" is the clock at the write). competency is a name as
 * a course or a file spells it: it is matched against the dictionary
 * (competency_dict_key: case and repeated spaces ignored). It joins the
 * caller's transaction when one is open (store_begin..store_commit),
 * else it is its own. Returns 0 recorded, 1 competency not in the
 * dictionary (nothing written), 2 level not 1..5 or source unknown
 * (nothing written), -1 database error.
 */
#ifndef LENTERA_PROFILE_H
#define LENTERA_PROFILE_H

#include <stdint.h>

#include "store.h"

#define PROFILE_SRC_COMPLETION	"kursus"	/* derived, never recorded */
#define PROFILE_SRC_ASSESSMENT	"asesmen"
#define PROFILE_SRC_SURVEY_SELF	"survei-diri"
#define PROFILE_SRC_SURVEY_ATASAN "survei-atasan"
#define PROFILE_REF_MAX		128

int	profile_record(struct store *, int64_t user_id, const char *competency,
	    int level, const char *source, const char *ref, int64_t at);

/* One piece of evidence, for the person page. */
struct profile_item {
	char	 key[128];		/* dictionary key */
	char	 source[24];		/* PROFILE_SRC_* */
	char	 ref[PROFILE_REF_MAX];	/* course id, file source, round */
	int	 level;
	int64_t	 at;
	int	 counts;		/* 1 counts toward the achieved level */
};

/* Calls fn for every piece of evidence of user, by competency then
   newest first: 0 done, -1 error. */
int	profile_items(struct store *, int64_t user_id,
	    void (*fn)(void *, const struct profile_item *), void *arg);

/*
 * Assessment results (assessment centre, CACT, ...) from a file (CSV or
 * .xlsx): nip, kompetensi, level (1..5), tanggal (YYYY-MM-DD, not in the
 * future), sumber (who assessed, e.g. "Assessment Center BKN"). Each row
 * becomes the entry (user, competency, asesmen, "sumber tanggal") dated
 * at that day (WIB). An unknown NIP or competency is a bad row. planio.h
 * says what it returns.
 */
struct planio_report;
int	assessment_import(struct store *, const char *data, size_t n,
	    int dry_run, int64_t actor, const char *ip, int64_t now,
	    struct planio_report *);

#endif
