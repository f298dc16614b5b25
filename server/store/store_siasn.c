/* store_siasn: SIASN export state. See store_siasn.h. */
#include <stdio.h>
#include <string.h>

#include "store_int.h"
#include "store_siasn.h"

/* Statement ids: one per statement, numbered by the compiler from
   this file's range (store_int.h), which STORE_IDS_FIT checks. */
enum {
	S_SIASN_ENTRIES = SLOT_SIASN,
	S_SIASN_SAVE,
	S_SIASN_SAVE_3,
	S_SIASN_RECORD,
	S_SIASN_RECORD_2,
	S_SIASN_BATCHES,
	S_SIASN_COUNTS,
	S_SIASN_PNS_GET,
	S_SIASN_PNS_SET_2,
	S_SIASN_SAVE_2,
	S_SIASN_PNS_SET,
	S_SIASN_END_
};
STORE_IDS_FIT(S_SIASN_END_, SLOT_SIASN);


int
store_siasn_entries(struct store *st, const struct siasn_filter *f,
    int (*fn)(void *, const struct siasn_row *), void *arg)
{
	struct db_stmt	*q = store_stmt(st, S_SIASN_ENTRIES,
	    "SELECT c.id, c.cert_no, coalesce(c.verify_code, ''),"
	    " coalesce(c.holder_name, u.name), c.course_title, c.competency,"
	    " c.competency_type, c.level, c.jp, c.year, c.started_at,"
	    " c.completed_at, u.nip, u.name, u.unit,"
	    " coalesce(p.pns_orang_id, ''), e.completion_id IS NOT NULL,"
	    " e.hash, coalesce(e.exported_at, 0), coalesce(e.batch_id, 0),"
	    " coalesce(e.siasn_id, ''), c.course"
	    " FROM completions c JOIN users u ON u.id = c.user_id"
	    " LEFT JOIN siasn_person p ON p.user_id = u.id"
	    " LEFT JOIN siasn_export e ON e.completion_id = c.id"
	    " WHERE c.cert_no IS NOT NULL"
	    " AND (?1 = 0 OR c.year = ?1)"
	    " AND (?2 = 0 OR c.completed_at >= ?2)"
	    " AND (?3 = 0 OR c.completed_at < ?3)"
	    " AND (?4 = '' OR u.unit = ?4)"
	    " AND (?5 = 0 OR e.batch_id = ?5)"
	    " ORDER BY c.id");
	struct siasn_row r;
	const void	*h;
	int		 rc;

	if (q == NULL)
		return -1;
	db_bind_int(q, 1, f->year);
	db_bind_int64(q, 2, f->since);
	db_bind_int64(q, 3, f->until);
	db_bind_text(q, 4, f->unit ? f->unit : "", -1);
	db_bind_int64(q, 5, f->batch);
	while ((rc = db_step(q)) == DB_ROW) {
		memset(&r, 0, sizeof(r));
		r.c.id = db_column_int64(q, 0);
		store_text(q, 1, r.c.cert_no, sizeof(r.c.cert_no));
		store_text(q, 2, r.c.code, sizeof(r.c.code));
		store_text(q, 3, r.c.holder_name, sizeof(r.c.holder_name));
		store_text(q, 4, r.c.course_title, sizeof(r.c.course_title));
		store_text(q, 5, r.c.competency, sizeof(r.c.competency));
		store_text(q, 6, r.c.ctype, sizeof(r.c.ctype));
		r.c.level = db_column_int(q, 7);
		r.c.jp = db_column_int(q, 8);
		r.c.year = db_column_int(q, 9);
		r.c.started_at = db_column_int64(q, 10);
		r.c.completed_at = db_column_int64(q, 11);
		store_text(q, 12, r.c.nip, sizeof(r.c.nip));
		store_text(q, 13, r.c.name, sizeof(r.c.name));
		store_text(q, 14, r.c.unit, sizeof(r.c.unit));
		store_text(q, 21, r.c.course, sizeof(r.c.course));
		store_text(q, 15, r.pns_orang_id, sizeof(r.pns_orang_id));
		r.exported = db_column_int(q, 16);
		if ((h = db_column_blob(q, 17)) != NULL &&
		    db_column_bytes(q, 17) == (int)sizeof(r.hash))
			memcpy(r.hash, h, sizeof(r.hash));
		r.exported_at = db_column_int64(q, 18);
		r.batch = db_column_int64(q, 19);
		store_text(q, 20, r.siasn_id, sizeof(r.siasn_id));
		if ((rc = fn(arg, &r)) != 0) {
			db_reset(q);
			return rc < 0 ? -1 : 1;	/* the callback's error, or stop */
		}
	}
	if (rc != DB_DONE)
		return store_fail(st, "siasn entries");
	db_reset(q);
	return 0;
}

int
store_siasn_save(struct store *st, const struct siasn_batch_row *b,
    const struct siasn_sent *e, int n, int64_t actor, const char *ip,
    int64_t *batch)
{
	struct db_stmt	*q;
	char		 detail[512];
	int		 i, rc, same;

	if (store_begin(st) == -1)
		return -1;
	q = store_stmt(st, S_SIASN_SAVE,
	    "INSERT INTO siasn_batch (created_at, actor_id, filters, fname,"
	    " entries, warnings) VALUES (?, ?, ?, ?, ?, ?)");
	if (q == NULL)
		goto err;
	db_bind_int64(q, 1, b->created_at);
	if (actor > 0)
		db_bind_int64(q, 2, actor);
	db_bind_text(q, 3, b->filters, -1);
	db_bind_text(q, 4, b->fname, -1);
	db_bind_int(q, 5, b->entries);
	db_bind_int(q, 6, b->warnings);
	if (store_exec_write(st, q) == -1)
		goto err;
	*batch = db_last_id(st->db);
	for (i = 0; i < n; i++) {
		/* Still as the scan saw it, inside the write lock? */
		q = store_stmt(st, S_SIASN_SAVE_2,
		    "SELECT hash FROM siasn_export WHERE completion_id = ?");
		if (q == NULL)
			goto err;
		db_bind_int64(q, 1, e[i].id);
		if ((rc = store_row(st, q, "siasn state")) == -1)
			goto err;
		same = rc == 1 ? !e[i].was_exported : e[i].was_exported &&
		    db_column_bytes(q, 0) == (int)sizeof(e[i].was_hash) &&
		    memcmp(db_column_blob(q, 0), e[i].was_hash,
		    sizeof(e[i].was_hash)) == 0;
		db_reset(q);
		if (!same) {
			store_rollback(st);
			return 1;
		}
		q = store_stmt(st, S_SIASN_SAVE_3,
		    "INSERT INTO siasn_export (completion_id, hash, exported_at,"
		    " batch_id, sends) VALUES (?, ?, ?, ?, 1)"
		    " ON CONFLICT (completion_id) DO UPDATE SET"
		    " hash = excluded.hash, exported_at = excluded.exported_at,"
		    " batch_id = excluded.batch_id,"
		    " sends = siasn_export.sends + 1");
		if (q == NULL)
			goto err;
		db_bind_int64(q, 1, e[i].id);
		db_bind_blob(q, 2, e[i].hash, sizeof(e[i].hash));
		db_bind_int64(q, 3, b->created_at);
		db_bind_int64(q, 4, *batch);
		if (store_exec_write(st, q) == -1)
			goto err;
	}
	snprintf(detail, sizeof(detail), "batch=%lld entries=%d warnings=%d "
	    "%s", (long long)*batch, b->entries, b->warnings, b->filters);
	if (store_audit(st, actor, "siasn.export", detail, ip) == -1)
		goto err;
	return store_commit(st);
err:
	store_rollback(st);
	return -1;
}

int
store_siasn_record(struct store *st, const char *cert_no,
    const char *siasn_id, int64_t now)
{
	struct db_stmt	*q = store_stmt(st, S_SIASN_RECORD,
	    "SELECT c.id, e.completion_id IS NOT NULL FROM completions c"
	    " LEFT JOIN siasn_export e ON e.completion_id = c.id"
	    " WHERE c.cert_no = ?");
	int64_t		 id;
	int		 rc;

	if (q == NULL)
		return -1;
	db_bind_text(q, 1, cert_no, -1);
	if ((rc = store_row(st, q, "siasn record")) != 0)
		return rc;
	id = db_column_int64(q, 0);
	rc = db_column_int(q, 1);
	db_reset(q);
	if (rc == 0)
		return 2;
	q = store_stmt(st, S_SIASN_RECORD_2,
	    "UPDATE siasn_export SET siasn_id = ?, recorded_at = ?"
	    " WHERE completion_id = ?");
	if (q == NULL)
		return -1;
	db_bind_text(q, 1, siasn_id, -1);
	db_bind_int64(q, 2, now);
	db_bind_int64(q, 3, id);
	return store_exec_write(st, q) == -1 ? -1 : 0;
}

int
store_siasn_batches(struct store *st, int limit,
    void (*fn)(void *, const struct siasn_batch_row *), void *arg)
{
	struct db_stmt	*q = store_stmt(st, S_SIASN_BATCHES,
	    "SELECT b.id, b.created_at, coalesce(u.nip, ''), b.filters,"
	    " b.fname, b.entries, b.warnings FROM siasn_batch b"
	    " LEFT JOIN users u ON u.id = b.actor_id"
	    " ORDER BY b.id DESC LIMIT ?");
	struct siasn_batch_row b;
	int		 rc;

	if (q == NULL)
		return -1;
	db_bind_int(q, 1, limit);
	while ((rc = db_step(q)) == DB_ROW) {
		memset(&b, 0, sizeof(b));
		b.id = db_column_int64(q, 0);
		b.created_at = db_column_int64(q, 1);
		store_text(q, 2, b.actor_nip, sizeof(b.actor_nip));
		store_text(q, 3, b.filters, sizeof(b.filters));
		store_text(q, 4, b.fname, sizeof(b.fname));
		b.entries = db_column_int(q, 5);
		b.warnings = db_column_int(q, 6);
		fn(arg, &b);
	}
	if (rc != DB_DONE)
		return store_fail(st, "siasn batches");
	db_reset(q);
	return 0;
}

int
store_siasn_counts(struct store *st, int64_t *exported, int64_t *recorded)
{
	struct db_stmt	*q = store_stmt(st, S_SIASN_COUNTS,
	    "SELECT count(*), count(siasn_id) FROM siasn_export");
	int		 rc;

	if (q == NULL)
		return -1;
	if ((rc = store_row(st, q, "siasn counts")) != 0)
		return -1;
	*exported = db_column_int64(q, 0);
	*recorded = db_column_int64(q, 1);
	db_reset(q);
	return 0;
}

int
store_siasn_pns_get(struct store *st, int64_t user, char *out, size_t len)
{
	struct db_stmt	*q = store_stmt(st, S_SIASN_PNS_GET,
	    "SELECT coalesce(p.pns_orang_id, '') FROM users u"
	    " LEFT JOIN siasn_person p ON p.user_id = u.id WHERE u.id = ?");
	int		 rc;

	out[0] = '\0';
	if (q == NULL)
		return -1;
	db_bind_int64(q, 1, user);
	if ((rc = store_row(st, q, "pns_orang_id")) != 0)
		return rc;
	store_text(q, 0, out, len);
	db_reset(q);
	return 0;
}

int
store_siasn_pns_set(struct store *st, int64_t user, const char *v)
{
	struct db_stmt	*q;

	if (v == NULL || v[0] == '\0') {
		q = store_stmt(st, S_SIASN_PNS_SET,
		    "DELETE FROM siasn_person WHERE user_id = ?");
		if (q == NULL)
			return -1;
		db_bind_int64(q, 1, user);
		return store_exec_write(st, q);
	}
	q = store_stmt(st, S_SIASN_PNS_SET_2,
	    "INSERT INTO siasn_person (user_id, pns_orang_id) VALUES (?, ?)"
	    " ON CONFLICT (user_id) DO UPDATE SET"
	    " pns_orang_id = excluded.pns_orang_id");
	if (q == NULL)
		return -1;
	db_bind_int64(q, 1, user);
	db_bind_text(q, 2, v, -1);
	return store_exec_write(st, q);
}
