/*
 * jprules: how learning earns JP, as data the agency can edit
 * (docs/jp-rules.md). Pure functions: no HTTP, no storage, no clock.
 *
 * A rules file has [sasaran KIND] sections (yearly targets per employee
 * type: PNS at least 20 JP, PPPK at most 24) and [bentuk CODE] sections
 * (one learning form each: e-learning, coaching, seminar, magang, …,
 * Peraturan LAN 10/2018) with their SIASN jenisDiklatId, minutes per JP,
 * fixed credits and caps. Lentera ships defaults (jprules_defaults; the
 * text from jprules_default_text), each marked `status = pasti` or
 * `belum-pasti` where the published figure is not confirmed.
 *
 * JP are counted in hundredths (cjp: 1 JP = 100) so 100 minutes at 45
 * minutes per JP credit 2,22 JP exactly as shown; SIASN's whole jumlahJam
 * is derived on export.
 *
 * Every form carries a ref, "CODE@hash" over its normalised settings: a
 * ledger entry stores the ref of the rule that credited it, so changing a
 * rule later never rewrites history, and the entry says which rule was
 * used.
 *
 * Returns: jprules_parse 0 ok, -1 with "FILE:LINE: message\n" lines in
 * err (every problem, not only the first; the rules are left empty).
 * jprules_credit 0, and fills the credit (a cap may make it 0, with the
 * reason).
 */
#ifndef LENTERA_JPRULES_H
#define LENTERA_JPRULES_H

#include <stddef.h>

#include "buf.h"

#define JPR_SRC_MAX	(64u << 10)	/* bytes of a rules file */
#define JPR_FORMS_MAX	64
#define JPR_TARGETS_MAX	8
#define JPR_CODE_MAX	32		/* a-z 0-9 '-', incl. NUL */
#define JPR_TEXT_MAX	256
#define JPR_REF_MAX	(JPR_CODE_MAX + 12)
#define JPR_CJP_MAX	(1000 * 100)	/* no single credit above 1,000 JP */

/* Where a form's JP come from. */
enum jpr_basis {
	JPR_MINUTES,		/* minutes spent / minutes per JP */
	JPR_FIXED,		/* a fixed credit per activity (magang 20) */
	JPR_STATED,		/* the JP on the certificate (classroom, external) */
};

enum jpr_why {
	JPR_OK,			/* credited in full */
	JPR_SESSION_CAP,	/* trimmed to the per-session cap */
	JPR_DAY_CAP,		/* trimmed (or 0) by the per-day cap */
	JPR_MONTH_CAP,		/* 0: the month's sessions are used up */
	JPR_NOTHING,		/* nothing to credit (0 minutes, 0 stated) */
};

struct jpr_form {
	char		 code[JPR_CODE_MAX];
	char		 name[JPR_TEXT_MAX];
	int		 klasikal;		/* 1 klasikal, 0 nonklasikal */
	int		 siasn;			/* jenisDiklatId 1..25 */
	enum jpr_basis	 basis;
	int		 minutes_per_jp;	/* JPR_MINUTES */
	int		 fixed_cjp;		/* JPR_FIXED */
	int		 cap_session_cjp;	/* 0: none */
	int		 cap_day_cjp;		/* 0: none */
	int		 cap_sessions_month;	/* 0: none */
	int		 confirmed;		/* status = pasti */
	char		 source[JPR_TEXT_MAX];
	char		 ref[JPR_REF_MAX];
	int		 line;
};

struct jpr_target {
	char		 kind[JPR_CODE_MAX];	/* pns | pppk | … */
	int		 min_cjp_year;		/* 0: no minimum */
	int		 max_cjp_year;		/* 0: no maximum */
	int		 confirmed;
	char		 source[JPR_TEXT_MAX];
	int		 line;
};

struct jpr_rules {
	struct jpr_form	 form[JPR_FORMS_MAX];
	int		 nforms;
	struct jpr_target target[JPR_TARGETS_MAX];
	int		 ntargets;
};

int	jprules_parse(const char *file, const char *src, size_t n,
	    struct jpr_rules *, struct buf *err);
/* The shipped defaults (they always parse; a unit test says so). */
const char *jprules_default_text(void);
int	jprules_defaults(struct jpr_rules *);
const struct jpr_form *jprules_form(const struct jpr_rules *, const char *);
const struct jpr_target *jprules_target(const struct jpr_rules *,
	    const char *kind);

/* One activity to credit, and what the same person already has credited
   for the same form (approved entries only): the caller counts those. */
struct jpr_claim {
	int	 minutes;		/* JPR_MINUTES */
	int	 stated_cjp;		/* JPR_STATED */
	int	 sessions_month;	/* credited sessions this calendar month */
	int	 cjp_day;		/* cJP credited that day */
};

struct jpr_credit {
	int		 cjp;
	enum jpr_why	 why;
	char		 ref[JPR_REF_MAX];
};

int	jprules_credit(const struct jpr_form *, const struct jpr_claim *,
	    struct jpr_credit *);

#endif
