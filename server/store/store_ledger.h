/*
 * store_ledger: the competency ledger's storage (store_ledger.c,
 * migration 11). Callers outside core go through ledger.h: this header
 * is the SQL side of it.
 *
 * Table ledger: one row per learning that earns (or may earn) JP: its
 * source (e-learning completion today; mentoring, coaching, classroom
 * and external learning), its form (a jprules code), the row of the
 * source it stands for (ref_id: completions.id for e-learning), its JP in
 * hundredths (cjp), its status (only 'approved' counts) and the ref of
 * the JP rule that credited it ("CODE@hash", jprules.h). (source,
 * ref_id) is unique: a source row is in the ledger once. Existing
 * completions were copied in by the migration as approved e-learning
 * entries; a trigger gives every completions row inserted later its
 * entry (the server's own insert then names the rule in force).
 *
 * Table employee_type: the employee type per user (pns, pppk: the
 * [sasaran] kinds of the JP rules), 1:1 with users; no row means pns.
 *
 * store_ledger_people is THE sum: the only statement that adds JP up per
 * person and year. Everything that shows a JP figure reaches it through
 * ledger.h (ledger_people, ledger_person).
 *
 * Returns: 0 ok, 1 not found / stopped by fn, -1 error (logged), as in
 * store.h. insert: 1 when (source, ref_id) is already there.
 */
#ifndef LENTERA_STORE_LEDGER_H
#define LENTERA_STORE_LEDGER_H

#include <stdint.h>

#include "store.h"

#define STORE_LEDGER_SOURCE_MAX	16
#define STORE_LEDGER_KIND_MAX	32	/* JPR_CODE_MAX */
#define STORE_LEDGER_REF_MAX	48	/* >= JPR_REF_MAX */
#define STORE_LEDGER_STATUS_MAX	12
#define STORE_EMPLOYEE_TYPE_MAX	16

struct ledger_entry {
	int64_t	 id, user_id;
	char	 source[STORE_LEDGER_SOURCE_MAX];	/* elearning, mentoring, … */
	char	 kind[STORE_LEDGER_KIND_MAX];		/* jprules form code */
	int64_t	 ref_id;				/* row of the source */
	char	 title[STORE_TEXT_MAX];
	char	 course[65];				/* e-learning only */
	char	 ctype[32];				/* competency type */
	int64_t	 at;					/* learning done */
	int	 year;					/* ledger_year(at) */
	int64_t	 cjp;					/* JP x 100 */
	char	 status[STORE_LEDGER_STATUS_MAX];	/* pending|approved|returned */
	char	 rule_ref[STORE_LEDGER_REF_MAX];
	char	 note[STORE_TEXT_MAX];			/* why (cap, send-back) */
	int64_t	 created_at, updated_at;
};

/* Who is summed, and how. "" or NULL strings: any. */
struct ledger_filter {
	int		 year;		/* 0: every year, a row per person and year */
	const char	*unit;
	const char	*course;	/* entries of this course only */
	const char	*ctype;		/* entries of this competency type only */
	int64_t		 user_id;	/* 0: anyone */
	const char	*atasan;	/* users whose nip_atasan is this */
	int		 by_jp;		/* 0: by user id (streams); 1: lowest JP first */
	int64_t		 limit;		/* <= 0: no limit */
	int64_t		 offset;
};

/* One person (and year) with their sums. */
struct ledger_person {
	struct user	 u;		/* id, nip, name, unit, position,
					   golongan, role, active, nip_atasan */
	char		 type[STORE_EMPLOYEE_TYPE_MAX];	/* pns when unset */
	int		 year;		/* f->year, or the entries' year */
	int64_t		 cjp;		/* approved */
	int64_t		 cjp_pending;	/* waiting for verification */
	int64_t		 entries;	/* approved entries */
	int64_t		 completions;	/* approved e-learning entries */
};

/*
 * Per person: active learners (0 JP too) plus anyone with an approved
 * entry matching f (staff who learned; a deactivated learner), in the
 * unit filter. fn returns non-zero to stop: 0 done, 1 stopped, -1.
 */
int	 store_ledger_people(struct store *, const struct ledger_filter *,
	    int (*fn)(void *, const struct ledger_person *), void *arg);
/* Rows store_ledger_people gives without limit/offset. */
int	 store_ledger_people_count(struct store *, const struct ledger_filter *,
	    int64_t *n);

/* In the caller's transaction (-1 outside one). e->id set. 1: (source,
   ref_id) holds another entry. The entry the completions trigger wrote
   for the same row and credit is not another: it gets e's rule_ref. */
int	 store_ledger_insert(struct store *, struct ledger_entry *);
/* A user's entries, newest first (every status). */
int	 store_ledger_list_user(struct store *, int64_t user,
	    int (*fn)(void *, const struct ledger_entry *), void *arg);

/* Every entry matching f (year, unit, course, ctype, user_id, since on
   the entry's date, offset, limit; every status), by entry id, with the
   person's nip, name and unit: GET /api/v1/ledger. fn returns non-zero
   to stop: 0 done, 1 stopped, -1. */
struct ledger_row {
	struct ledger_entry	 e;
	char			 nip[STORE_NIP_LEN + 1];
	char			 name[STORE_NAME_MAX];
	char			 unit[STORE_TEXT_MAX];
};
int	 store_ledger_entries(struct store *, const struct report_filter *,
	    int (*fn)(void *, const struct ledger_row *), void *arg);
int	 store_ledger_entries_count(struct store *,
	    const struct report_filter *, int64_t *n);

/* perfdata: i-th statement behind a per-person page and its name, NULL
   past the last (the plan test runs EXPLAIN QUERY PLAN on each). */
const char	*store_ledger_hot_sql(int i, const char **name);

/* Active users whose nip_atasan is nip ("Tim saya"). */
int	 store_ledger_team_size(struct store *, const char *nip, int64_t *n);

/* Employee type: get fills out ("pns" when none; 0), set writes. */
int	 store_employee_type_get(struct store *, int64_t user, char *out,
	    size_t len);
int	 store_employee_type_set(struct store *, int64_t user, const char *type);

#endif
