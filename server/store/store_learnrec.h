/*
 * store_learnrec: learning recorded outside the courses (store_learnrec.c,
 * migration 11): mentoring and coaching sessions, classroom and external
 * training. Each record has a review stage and one ledger entry (source,
 * ref_id = record id, store_ledger.h) whose status follows it. The rules
 * (who reviews what, what a record earns) are core's: learnrec.h.
 *
 * Returns as store.h: 0 ok, 1 not found, -1 error (logged).
 */
#ifndef LENTERA_STORE_LEARNREC_H
#define LENTERA_STORE_LEARNREC_H

#include <stdint.h>

#include "store.h"
#include "store_ledger.h"

#define STORE_EVIDENCE_NAME_MAX	40	/* 32 hex + ".pdf" + NUL */

struct learnrec {
	int64_t	 id, user_id;
	char	 source[STORE_LEDGER_SOURCE_MAX];
	char	 kind[STORE_LEDGER_KIND_MAX];
	char	 title[STORE_TEXT_MAX];
	char	 provider[STORE_TEXT_MAX];
	int64_t	 mentor_id;			/* 0: none */
	int64_t	 start_at, end_at;
	int	 minutes;
	int64_t	 stated_cjp;
	char	 cert_no[64];
	char	 mode[16];			/* tatap-muka | daring */
	char	 competency[STORE_TEXT_MAX];
	char	 notes[1024];
	char	 rtl[STORE_TEXT_MAX];		/* rencana tindak lanjut */
	int64_t	 rtl_due;
	char	 stage[12];			/* submitted|confirmed|approved|returned */
	char	 evidence[STORE_EVIDENCE_NAME_MAX];
	char	 evidence_type[32];
	int64_t	 evidence_size;
	int64_t	 reviewer_id;
	char	 note[STORE_TEXT_MAX];		/* the reviewer's */
	int64_t	 programme_id;			/* 0: a session outside one */
	int64_t	 created_at, updated_at;
	/* Joined for lists: */
	char	 nip[STORE_NIP_LEN + 1];
	char	 name[STORE_NAME_MAX];
	char	 nip_atasan[STORE_NIP_LEN + 1];
	char	 mentor_nip[STORE_NIP_LEN + 1];
	int64_t	 cjp;				/* the ledger entry's */
	char	 status[STORE_LEDGER_STATUS_MAX];
	char	 rule_ref[STORE_LEDGER_REF_MAX];
	char	 why[STORE_TEXT_MAX];		/* the ledger entry's note */
};

/* Who a review queue is for. */
enum learnrec_queue {
	LEARNREC_Q_HR,		/* classroom/external, submitted */
	LEARNREC_Q_MENTOR,	/* sessions of viewer's mentees, submitted */
	LEARNREC_Q_ATASAN,	/* sessions of viewer's team, confirmed */
};

/* In a transaction: r->id set. */
int	 store_learnrec_insert(struct store *, struct learnrec *);
/* In a transaction: every field the owner can change, and stage. */
int	 store_learnrec_update(struct store *, const struct learnrec *);
int	 store_learnrec_get(struct store *, int64_t id, struct learnrec *);
/* In a transaction: stage, reviewer and note. */
int	 store_learnrec_stage(struct store *, int64_t id, const char *stage,
	    int64_t reviewer, const char *note, int64_t now);
int	 store_learnrec_list_user(struct store *, int64_t user,
	    int (*fn)(void *, const struct learnrec *), void *arg);
int	 store_learnrec_queue(struct store *, enum learnrec_queue,
	    const struct user *viewer,
	    int (*fn)(void *, const struct learnrec *), void *arg);
int	 store_learnrec_queue_count(struct store *, enum learnrec_queue,
	    const struct user *viewer, int64_t *n);
/* Other records (not id) with this certificate number. */
int	 store_learnrec_cert_dups(struct store *, const char *cert_no,
	    int64_t id, int64_t *n);
/* Evidence bytes a user holds (quota). */
int	 store_learnrec_evidence_bytes(struct store *, int64_t user,
	    int64_t *n);

/* The ledger side (store_learnrec.c too, in the caller's transaction):
   set an entry's status, cJP, rule ref and note. 1: no such entry. */
int	 store_ledger_set(struct store *, const char *source, int64_t ref_id,
	    const char *status, int64_t cjp, const char *rule_ref,
	    const char *note, int64_t now);
/* Approved entries of user and form with at in [from, to): how many and
   their cJP (what caps count, jprules.h). */
int	 store_ledger_credited(struct store *, int64_t user, const char *kind,
	    int64_t from, int64_t to, int64_t *n, int64_t *cjp);

#endif
