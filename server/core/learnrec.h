/*
 * learnrec: every route to 20 JP besides Lentera's own courses (issue
 * 11): mentoring and coaching sessions, classroom and external training.
 * The rules of who records, who reviews and what an activity earns live
 * here; pages only call them.
 *
 * A record's form (kind) is a [bentuk] of the JP rules (jprules.h); its
 * source follows from it: mentoring, coaching, else classroom (klasikal
 * forms) or external. Sessions (mentoring, coaching) are credited by
 * minutes; training by the JP stated on the certificate (or the form's
 * fixed credit).
 *
 * Flow (stage; the ledger entry's status in brackets):
 *   session:  submitted [pending] --mentor confirms--> confirmed [pending]
 *             --the mentee's atasan approves--> approved [approved]
 *   training: submitted [pending] --HR verifies--> approved [approved]
 *   any reviewer may send it back instead (a note is required):
 *             returned [returned]; the owner fixes it and submits again.
 * JP enter the ledger only on approval, credited then by the rule in
 * force with its caps counted over what is already approved (a third
 * session in a month earns 0 and the entry says why). No one reviews
 * their own record.
 *
 * Evidence (evidence.h) is written before the transaction and removed
 * again when it fails: a record and its file exist together or not at
 * all. Training needs a certificate file; sessions may have one.
 *
 * Returns: 0 done; 1 refused with why (Bahasa Indonesia, for the form);
 * 2 forbidden (not this viewer's to act on); 3 no such record; -1 error.
 */
#ifndef LENTERA_LEARNREC_H
#define LENTERA_LEARNREC_H

#include <stddef.h>
#include <stdint.h>

#include "store_learnrec.h"

#define LEARNREC_WHY_MAX	256
#define LEARNREC_MINUTES_MAX	(24 * 60)	/* one session */

/* An upload: data NULL when none. */
struct learnrec_file {
	const void	*data;
	size_t		 len;
};

/* r->id 0: a new record of u; else u's returned record r->id, changed.
   mentor_nip: for sessions. r's owner, stage and evidence fields are
   set here. */
int	learnrec_submit(struct store *, const struct user *u,
	    struct learnrec *r, const char *mentor_nip,
	    const struct learnrec_file *, int64_t now, char *why, size_t whylen);
/* action "confirm" (mentor), "approve" (atasan for sessions, HR for
   training) or "return" (either, with note). */
int	learnrec_review(struct store *, const struct user *viewer, int64_t id,
	    const char *action, const char *note, int64_t now, char *why,
	    size_t whylen);
/*
 * HR enters one training for a whole class (a bimtek of 40): tmpl holds
 * the training (form, title, provider, dates, JP, the class's
 * certificate or letter number); text has one line per participant,
 * "NIP" or "NIP,certificate number" (',', ';' or TAB; blank lines and a
 * header line "nip..." skipped). Every line is checked (NIP format, an
 * active user, once per list); any problem writes nothing and lists
 * each as its line number and why (rep). Otherwise every participant
 * gets a record and an approved ledger entry (HR is the verifier),
 * credited by the rule in force, in one transaction with one audit row.
 * 0 written, 1 refused (why or rep->problem), -1 error.
 */
#define LEARNCLASS_MAX_LINES	5000
#define LEARNCLASS_MAX_PROBLEMS	100
struct learnclass_report {
	int	 rows, written, nbad, nproblem;
	struct {
		int	 line;
		char	 why[160];
	}	 problem[LEARNCLASS_MAX_PROBLEMS];
};
/* Counts a bad line in rep (listed while there is room). */
void	learnclass_problem(struct learnclass_report *, int line,
	    const char *why);
int	learnclass_import(struct store *, const struct user *hr,
	    const struct learnrec *tmpl, const char *text, size_t n,
	    int64_t now, struct learnclass_report *, char *why, size_t whylen);

/* 1 when viewer may see r and its evidence: the owner, the mentor, the
   owner's atasan, HR and admins. */
int	learnrec_can_view(const struct user *viewer, const struct learnrec *r);
/* What waits for viewer (every queue they are a reviewer in). */
int	learnrec_pending_count(struct store *, const struct user *viewer,
	    int64_t *n);

#endif
