/*
 * store_learnrec: SQL of learning records outside the courses and of
 * their ledger entries' review (migration 11). See store_learnrec.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "store.h"
#include "store_int.h"
#include "store_learnrec.h"
#include "store_perf.h"

enum {
	ST_INSERT = SLOT_LEARNREC,
	ST_UPDATE,
	ST_GET,
	ST_STAGE,
	ST_LIST_USER,
	ST_Q_HR,
	ST_Q_MENTOR,
	ST_Q_ATASAN,
	ST_QC_HR,
	ST_QC_MENTOR,
	ST_QC_ATASAN,
	ST_DUPS,
	ST_BYTES,
	ST_LEDGER_SET,
	ST_CREDITED,
	ST_LAST
};
STORE_IDS_FIT(ST_LAST, SLOT_LEARNREC);

#define COLS \
	"r.id, r.user_id, r.source, r.kind, r.title, r.provider," \
	" coalesce(r.mentor_id, 0), r.start_at, r.end_at, r.minutes," \
	" r.stated_cjp, r.cert_no, r.mode, r.competency, r.notes, r.rtl," \
	" r.rtl_due, r.stage, r.evidence, r.evidence_type, r.evidence_size," \
	" coalesce(r.reviewer_id, 0), r.note, r.created_at, r.updated_at," \
	" u.nip, u.name, u.nip_atasan, coalesce(m.nip, ''), coalesce(l.cjp, 0)," \
	" coalesce(l.status, ''), coalesce(l.rule_ref, ''), coalesce(l.note, '')," \
	" coalesce(r.programme_id, 0)"
#define FROM \
	" FROM learn_record r JOIN users u ON u.id = r.user_id" \
	" LEFT JOIN users m ON m.id = r.mentor_id" \
	" LEFT JOIN ledger l ON l.source = r.source AND l.ref_id = r.id"

static void
fill(struct db_stmt *s, struct learnrec *r)
{
	memset(r, 0, sizeof(*r));
	r->id = db_column_int64(s, 0);
	r->user_id = db_column_int64(s, 1);
	store_text(s, 2, r->source, sizeof(r->source));
	store_text(s, 3, r->kind, sizeof(r->kind));
	store_text(s, 4, r->title, sizeof(r->title));
	store_text(s, 5, r->provider, sizeof(r->provider));
	r->mentor_id = db_column_int64(s, 6);
	r->start_at = db_column_int64(s, 7);
	r->end_at = db_column_int64(s, 8);
	r->minutes = db_column_int(s, 9);
	r->stated_cjp = db_column_int64(s, 10);
	store_text(s, 11, r->cert_no, sizeof(r->cert_no));
	store_text(s, 12, r->mode, sizeof(r->mode));
	store_text(s, 13, r->competency, sizeof(r->competency));
	store_text(s, 14, r->notes, sizeof(r->notes));
	store_text(s, 15, r->rtl, sizeof(r->rtl));
	r->rtl_due = db_column_int64(s, 16);
	store_text(s, 17, r->stage, sizeof(r->stage));
	store_text(s, 18, r->evidence, sizeof(r->evidence));
	store_text(s, 19, r->evidence_type, sizeof(r->evidence_type));
	r->evidence_size = db_column_int64(s, 20);
	r->reviewer_id = db_column_int64(s, 21);
	store_text(s, 22, r->note, sizeof(r->note));
	r->created_at = db_column_int64(s, 23);
	r->updated_at = db_column_int64(s, 24);
	store_text(s, 25, r->nip, sizeof(r->nip));
	store_text(s, 26, r->name, sizeof(r->name));
	store_text(s, 27, r->nip_atasan, sizeof(r->nip_atasan));
	store_text(s, 28, r->mentor_nip, sizeof(r->mentor_nip));
	r->cjp = db_column_int64(s, 29);
	store_text(s, 30, r->status, sizeof(r->status));
	store_text(s, 31, r->rule_ref, sizeof(r->rule_ref));
	store_text(s, 32, r->why, sizeof(r->why));
	r->programme_id = db_column_int64(s, 33);
}

/* ?2.. the fields of r in the table's order (insert and update). */
static void
bind_fields(struct db_stmt *s, const struct learnrec *r)
{
	db_bind_text(s, 2, r->source, -1);
	db_bind_text(s, 3, r->kind, -1);
	db_bind_text(s, 4, r->title, -1);
	db_bind_text(s, 5, r->provider, -1);
	if (r->mentor_id > 0)
		db_bind_int64(s, 6, r->mentor_id);
	db_bind_int64(s, 7, r->start_at);
	db_bind_int64(s, 8, r->end_at);
	db_bind_int(s, 9, r->minutes);
	db_bind_int64(s, 10, r->stated_cjp);
	db_bind_text(s, 11, r->cert_no, -1);
	db_bind_text(s, 12, r->mode, -1);
	db_bind_text(s, 13, r->competency, -1);
	db_bind_text(s, 14, r->notes, -1);
	db_bind_text(s, 15, r->rtl, -1);
	db_bind_int64(s, 16, r->rtl_due);
	db_bind_text(s, 17, r->stage, -1);
	db_bind_text(s, 18, r->evidence, -1);
	db_bind_text(s, 19, r->evidence_type, -1);
	db_bind_int64(s, 20, r->evidence_size);
	db_bind_int64(s, 21, r->updated_at);
	if (r->programme_id > 0)
		db_bind_int64(s, 22, r->programme_id);
}

/*
 * Run a one-row write; when it changed the row, raise the cache epoch
 * (store_perf.h): a record's stage is what the review queues count, and
 * the navigation of every reviewer shows those counts. 0 changed, 1 no
 * such row, -1 error.
 */
static int
changed_bump(struct store *st, struct db_stmt *s)
{
	if (store_exec_write(st, s) == -1)
		return -1;
	if (db_changes(st->db) != 1)
		return 1;
	return store_perf_bump(st);
}

int
store_learnrec_insert(struct store *st, struct learnrec *r)
{
	struct db_stmt	*s = store_stmt(st, ST_INSERT,
	    "INSERT INTO learn_record (user_id, source, kind, title, provider,"
	    " mentor_id, start_at, end_at, minutes, stated_cjp, cert_no, mode,"
	    " competency, notes, rtl, rtl_due, stage, evidence, evidence_type,"
	    " evidence_size, created_at, updated_at, programme_id) VALUES (?1,"
	    " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
	    " ?17, ?18, ?19, ?20, ?21, ?21, ?22) RETURNING id");
	int		 rc;

	if (s == NULL)
		return -1;
	if (!st->in_tx) {	/* with its ledger entry: one transaction */
		db_reset(s);
		return store_fail(st, "learnrec insert outside a transaction");
	}
	db_bind_int64(s, 1, r->user_id);
	bind_fields(s, r);
	if ((rc = db_step(s)) == DB_ROW) {
		r->id = db_column_int64(s, 0);
		rc = db_step(s);
	}
	db_reset(s);
	if (rc != DB_DONE)
		return store_fail(st, "learnrec insert");
	/* Review queues change: the reviewers' navigation counts. */
	return store_perf_bump(st);
}

int
store_learnrec_update(struct store *st, const struct learnrec *r)
{
	struct db_stmt	*s = store_stmt(st, ST_UPDATE,
	    "UPDATE learn_record SET source = ?2, kind = ?3, title = ?4,"
	    " provider = ?5, mentor_id = ?6, start_at = ?7, end_at = ?8,"
	    " minutes = ?9, stated_cjp = ?10, cert_no = ?11, mode = ?12,"
	    " competency = ?13, notes = ?14, rtl = ?15, rtl_due = ?16,"
	    " stage = ?17, evidence = ?18, evidence_type = ?19,"
	    " evidence_size = ?20, updated_at = ?21, programme_id = ?22"
	    " WHERE id = ?1");

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, r->id);
	bind_fields(s, r);
	return changed_bump(st, s);
}

int
store_learnrec_get(struct store *st, int64_t id, struct learnrec *r)
{
	struct db_stmt	*s = store_stmt(st, ST_GET,
	    "SELECT " COLS FROM " WHERE r.id = ?1");
	int		 rc;

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, id);
	if ((rc = store_row(st, s, "learnrec get")) == 0)
		fill(s, r);
	db_reset(s);
	return rc;
}

int
store_learnrec_stage(struct store *st, int64_t id, const char *stage,
    int64_t reviewer, const char *note, int64_t now)
{
	struct db_stmt	*s = store_stmt(st, ST_STAGE,
	    "UPDATE learn_record SET stage = ?2, reviewer_id = ?3, note = ?4,"
	    " updated_at = ?5 WHERE id = ?1");

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, id);
	db_bind_text(s, 2, stage, -1);
	if (reviewer > 0)
		db_bind_int64(s, 3, reviewer);
	db_bind_text(s, 4, note, -1);
	db_bind_int64(s, 5, now);
	return changed_bump(st, s);
}

static int
iterate(struct store *st, struct db_stmt *s,
    int (*fn)(void *, const struct learnrec *), void *arg, const char *what)
{
	struct learnrec	 r;
	int		 rc, stop = 0;

	while ((rc = db_step(s)) == DB_ROW) {
		fill(s, &r);
		if (fn(arg, &r) != 0) {
			stop = 1;
			break;
		}
	}
	db_reset(s);
	if (stop)
		return 1;
	return rc == DB_DONE ? 0 : store_fail(st, what);
}

int
store_learnrec_list_user(struct store *st, int64_t user,
    int (*fn)(void *, const struct learnrec *), void *arg)
{
	struct db_stmt	*s = store_stmt(st, ST_LIST_USER,
	    "SELECT " COLS FROM " WHERE r.user_id = ?1"
	    " ORDER BY r.start_at DESC, r.id DESC");

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, user);
	return iterate(st, s, fn, arg, "learnrec list");
}

/* The queues' conditions: ?1 the viewer's id, ?2 the viewer's NIP. */
#define Q_HR " WHERE r.source IN ('classroom', 'external')" \
	" AND r.stage = 'submitted' AND (?1 = ?1) AND (?2 = ?2)"
#define Q_MENTOR " WHERE r.source IN ('mentoring', 'coaching')" \
	" AND r.stage = 'submitted' AND r.mentor_id = ?1 AND (?2 = ?2)"
#define Q_ATASAN " WHERE r.source IN ('mentoring', 'coaching')" \
	" AND r.stage = 'confirmed' AND u.nip_atasan = ?2 AND ?2 <> ''" \
	" AND (?1 = ?1)"

static struct db_stmt *
queue_stmt(struct store *st, enum learnrec_queue q, int count)
{
	switch (q) {
	case LEARNREC_Q_HR:
		return count ? store_stmt(st, ST_QC_HR, "SELECT count(*)" FROM
		    Q_HR) : store_stmt(st, ST_Q_HR, "SELECT " COLS FROM Q_HR
		    " ORDER BY r.updated_at, r.id");
	case LEARNREC_Q_MENTOR:
		return count ? store_stmt(st, ST_QC_MENTOR, "SELECT count(*)"
		    FROM Q_MENTOR) : store_stmt(st, ST_Q_MENTOR, "SELECT " COLS
		    FROM Q_MENTOR " ORDER BY r.updated_at, r.id");
	default:
		return count ? store_stmt(st, ST_QC_ATASAN, "SELECT count(*)"
		    FROM Q_ATASAN) : store_stmt(st, ST_Q_ATASAN, "SELECT " COLS
		    FROM Q_ATASAN " ORDER BY r.updated_at, r.id");
	}
}

int
store_learnrec_queue(struct store *st, enum learnrec_queue q,
    const struct user *viewer, int (*fn)(void *, const struct learnrec *),
    void *arg)
{
	struct db_stmt	*s = queue_stmt(st, q, 0);

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, viewer->id);
	db_bind_text(s, 2, viewer->nip, -1);
	return iterate(st, s, fn, arg, "learnrec queue");
}

static int
one_count(struct store *st, struct db_stmt *s, int64_t *n, const char *what)
{
	if (db_step(s) != DB_ROW) {
		db_reset(s);
		return store_fail(st, what);
	}
	*n = db_column_int64(s, 0);
	db_reset(s);
	return 0;
}

int
store_learnrec_queue_count(struct store *st, enum learnrec_queue q,
    const struct user *viewer, int64_t *n)
{
	struct db_stmt	*s = queue_stmt(st, q, 1);

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, viewer->id);
	db_bind_text(s, 2, viewer->nip, -1);
	return one_count(st, s, n, "learnrec queue count");
}

int
store_learnrec_cert_dups(struct store *st, const char *cert_no, int64_t id,
    int64_t *n)
{
	struct db_stmt	*s = store_stmt(st, ST_DUPS,
	    "SELECT count(*) FROM learn_record WHERE cert_no = ?1"
	    " AND cert_no <> '' AND id <> ?2");

	if (s == NULL)
		return -1;
	db_bind_text(s, 1, cert_no, -1);
	db_bind_int64(s, 2, id);
	return one_count(st, s, n, "learnrec cert dups");
}

int
store_learnrec_evidence_bytes(struct store *st, int64_t user, int64_t *n)
{
	struct db_stmt	*s = store_stmt(st, ST_BYTES,
	    "SELECT coalesce(sum(evidence_size), 0) FROM learn_record"
	    " WHERE user_id = ?1");

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, user);
	return one_count(st, s, n, "learnrec evidence bytes");
}

int
store_ledger_set(struct store *st, const char *source, int64_t ref_id,
    const char *status, int64_t cjp, const char *rule_ref, const char *note,
    int64_t now)
{
	struct db_stmt	*s = store_stmt(st, ST_LEDGER_SET,
	    "UPDATE ledger SET status = ?3, cjp = ?4, rule_ref = ?5, note = ?6,"
	    " updated_at = ?7 WHERE source = ?1 AND ref_id = ?2");

	if (s == NULL)
		return -1;
	db_bind_text(s, 1, source, -1);
	db_bind_int64(s, 2, ref_id);
	db_bind_text(s, 3, status, -1);
	db_bind_int64(s, 4, cjp);
	db_bind_text(s, 5, rule_ref, -1);
	db_bind_text(s, 6, note, -1);
	db_bind_int64(s, 7, now);
	if (store_exec_write(st, s) == -1)
		return -1;
	return db_changes(st->db) == 1 ? 0 : 1;
}

int
store_ledger_credited(struct store *st, int64_t user, const char *kind,
    int64_t from, int64_t to, int64_t *n, int64_t *cjp)
{
	struct db_stmt	*s = store_stmt(st, ST_CREDITED,
	    "SELECT count(*), coalesce(sum(cjp), 0) FROM ledger"
	    " WHERE user_id = ?1 AND kind = ?2 AND status = 'approved'"
	    " AND cjp > 0 AND at >= ?3 AND at < ?4");

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, user);
	db_bind_text(s, 2, kind, -1);
	db_bind_int64(s, 3, from);
	db_bind_int64(s, 4, to);
	if (db_step(s) != DB_ROW) {
		db_reset(s);
		return store_fail(st, "ledger credited");
	}
	*n = db_column_int64(s, 0);
	*cjp = db_column_int64(s, 1);
	db_reset(s);
	return 0;
}
