/*
 * store_programme: SQL of mentoring and coaching programmes (migration
 * 11). See store_programme.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "store.h"
#include "store_int.h"
#include "store_programme.h"
#include "store_perf.h"

enum {
	ST_INSERT = SLOT_PROGRAMME,
	ST_GET,
	ST_LIST_ALL,
	ST_LIST_MINE,
	ST_PAIR_ADD,
	ST_PAIRS,
	ST_FOR,
	ST_MEMBER,
	ST_LAST
};
STORE_IDS_FIT(ST_LAST, SLOT_PROGRAMME);

#define COLS "p.id, p.kind, p.name, p.focus, p.start_at, p.end_at," \
	" p.owner_id, o.nip, p.created_at," \
	" (SELECT count(*) FROM programme_pair q WHERE q.programme_id = p.id)"

static void
fill(struct db_stmt *s, struct programme *p)
{
	memset(p, 0, sizeof(*p));
	p->id = db_column_int64(s, 0);
	store_text(s, 1, p->kind, sizeof(p->kind));
	store_text(s, 2, p->name, sizeof(p->name));
	store_text(s, 3, p->focus, sizeof(p->focus));
	p->start_at = db_column_int64(s, 4);
	p->end_at = db_column_int64(s, 5);
	p->owner_id = db_column_int64(s, 6);
	store_text(s, 7, p->owner_nip, sizeof(p->owner_nip));
	p->created_at = db_column_int64(s, 8);
	p->pairs = db_column_int64(s, 9);
}

int
store_programme_insert(struct store *st, struct programme *p)
{
	struct db_stmt	*s = store_stmt(st, ST_INSERT,
	    "INSERT INTO programme (kind, name, focus, start_at, end_at,"
	    " owner_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
	    " RETURNING id");
	int		 rc;

	if (s == NULL)
		return -1;
	if (!st->in_tx) {
		db_reset(s);
		return store_fail(st, "programme insert outside a transaction");
	}
	db_bind_text(s, 1, p->kind, -1);
	db_bind_text(s, 2, p->name, -1);
	db_bind_text(s, 3, p->focus, -1);
	db_bind_int64(s, 4, p->start_at);
	db_bind_int64(s, 5, p->end_at);
	db_bind_int64(s, 6, p->owner_id);
	db_bind_int64(s, 7, p->created_at);
	if ((rc = db_step(s)) == DB_ROW) {
		p->id = db_column_int64(s, 0);
		rc = db_step(s);
	}
	db_reset(s);
	return rc == DB_DONE ? 0 : store_fail(st, "programme insert");
}

int
store_programme_get(struct store *st, int64_t id, struct programme *p)
{
	struct db_stmt	*s = store_stmt(st, ST_GET, "SELECT " COLS
	    " FROM programme p JOIN users o ON o.id = p.owner_id"
	    " WHERE p.id = ?1");
	int		 rc;

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, id);
	if ((rc = store_row(st, s, "programme get")) == 0)
		fill(s, p);
	db_reset(s);
	return rc;
}

int
store_programme_list(struct store *st, int64_t viewer,
    int (*fn)(void *, const struct programme *), void *arg)
{
	struct db_stmt		*s = viewer == 0 ?
	    store_stmt(st, ST_LIST_ALL, "SELECT " COLS " FROM programme p"
	    " JOIN users o ON o.id = p.owner_id ORDER BY p.start_at DESC, p.id") :
	    store_stmt(st, ST_LIST_MINE, "SELECT " COLS " FROM programme p"
	    " JOIN users o ON o.id = p.owner_id WHERE p.owner_id = ?1 OR"
	    " EXISTS (SELECT 1 FROM programme_pair q WHERE q.programme_id = p.id"
	    " AND (q.mentor_id = ?1 OR q.mentee_id = ?1))"
	    " ORDER BY p.start_at DESC, p.id");
	struct programme	 p;
	int			 rc, stop = 0;

	if (s == NULL)
		return -1;
	if (viewer)
		db_bind_int64(s, 1, viewer);
	while ((rc = db_step(s)) == DB_ROW) {
		fill(s, &p);
		if (fn(arg, &p) != 0) {
			stop = 1;
			break;
		}
	}
	db_reset(s);
	if (stop)
		return 1;
	return rc == DB_DONE ? 0 : store_fail(st, "programme list");
}

int
store_programme_pair_add(struct store *st, int64_t programme, int64_t mentee,
    int64_t mentor, int64_t now)
{
	struct db_stmt	*s = store_stmt(st, ST_PAIR_ADD,
	    "INSERT INTO programme_pair (programme_id, mentee_id, mentor_id,"
	    " created_at) VALUES (?1, ?2, ?3, ?4)"
	    " ON CONFLICT (programme_id, mentee_id) DO NOTHING");

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, programme);
	db_bind_int64(s, 2, mentee);
	db_bind_int64(s, 3, mentor);
	db_bind_int64(s, 4, now);
	if (store_exec_write(st, s) == -1)
		return -1;
	if (db_changes(st->db) != 1)
		return 1;
	/* Both are now in a programme: their navigation shows it. */
	return store_perf_bump(st);
}

int
store_programme_pairs(struct store *st, int64_t programme,
    int (*fn)(void *, const struct programme_pair *), void *arg)
{
	struct db_stmt		*s = store_stmt(st, ST_PAIRS,
	    "SELECT q.mentee_id, q.mentor_id, e.nip, e.name, e.nip_atasan,"
	    " m.nip, m.name, coalesce(x.n, 0), coalesce(x.ok, 0),"
	    " coalesce(x.minutes, 0), coalesce(x.cjp, 0), coalesce(x.rtl, 0),"
	    " coalesce(x.rtl_done, 0)"
	    " FROM programme_pair q JOIN users e ON e.id = q.mentee_id"
	    " JOIN users m ON m.id = q.mentor_id"
	    " LEFT JOIN (SELECT r.user_id, r.mentor_id, count(*) AS n,"
	    "  sum(CASE WHEN l.status = 'approved' THEN 1 ELSE 0 END) AS ok,"
	    "  sum(CASE WHEN l.status = 'approved' THEN r.minutes ELSE 0 END)"
	    "   AS minutes,"
	    "  sum(CASE WHEN l.status = 'approved' THEN l.cjp ELSE 0 END) AS cjp,"
	    "  sum(CASE WHEN r.rtl <> '' THEN 1 ELSE 0 END) AS rtl,"
	    "  sum(CASE WHEN r.rtl <> '' AND r.rtl_due > 0 AND"
	    "   l.status = 'approved' THEN 1 ELSE 0 END) AS rtl_done"
	    "  FROM learn_record r JOIN ledger l ON l.source = r.source"
	    "  AND l.ref_id = r.id WHERE r.programme_id = ?1"
	    "  GROUP BY r.user_id, r.mentor_id) AS x"
	    " ON x.user_id = q.mentee_id AND x.mentor_id = q.mentor_id"
	    " WHERE q.programme_id = ?1 ORDER BY m.name, e.name");
	struct programme_pair	 p;
	int			 rc, stop = 0;

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, programme);
	while ((rc = db_step(s)) == DB_ROW) {
		memset(&p, 0, sizeof(p));
		p.mentee_id = db_column_int64(s, 0);
		p.mentor_id = db_column_int64(s, 1);
		store_text(s, 2, p.mentee_nip, sizeof(p.mentee_nip));
		store_text(s, 3, p.mentee_name, sizeof(p.mentee_name));
		store_text(s, 4, p.mentee_atasan, sizeof(p.mentee_atasan));
		store_text(s, 5, p.mentor_nip, sizeof(p.mentor_nip));
		store_text(s, 6, p.mentor_name, sizeof(p.mentor_name));
		p.sessions = db_column_int64(s, 7);
		p.approved = db_column_int64(s, 8);
		p.minutes = db_column_int64(s, 9);
		p.cjp = db_column_int64(s, 10);
		p.rtl = db_column_int64(s, 11);
		p.rtl_done = db_column_int64(s, 12);
		if (fn(arg, &p) != 0) {
			stop = 1;
			break;
		}
	}
	db_reset(s);
	if (stop)
		return 1;
	return rc == DB_DONE ? 0 : store_fail(st, "programme pairs");
}

int
store_programme_for(struct store *st, const char *kind, int64_t mentee,
    int64_t mentor, int64_t at, int64_t *id)
{
	struct db_stmt	*s = store_stmt(st, ST_FOR,
	    "SELECT p.id FROM programme p JOIN programme_pair q"
	    " ON q.programme_id = p.id WHERE p.kind = ?1 AND q.mentee_id = ?2"
	    " AND q.mentor_id = ?3 AND p.start_at <= ?4 AND p.end_at >= ?4"
	    " ORDER BY p.id DESC LIMIT 1");
	int		 rc;

	*id = 0;
	if (s == NULL)
		return -1;
	db_bind_text(s, 1, kind, -1);
	db_bind_int64(s, 2, mentee);
	db_bind_int64(s, 3, mentor);
	db_bind_int64(s, 4, at);
	if ((rc = store_row(st, s, "programme for")) == 0)
		*id = db_column_int64(s, 0);
	db_reset(s);
	return rc == -1 ? -1 : 0;
}

int
store_programme_member(struct store *st, int64_t user, int *yes)
{
	struct db_stmt	*s = store_stmt(st, ST_MEMBER,
	    "SELECT 1 WHERE EXISTS (SELECT 1 FROM programme_pair"
	    " WHERE mentor_id = ?1) OR EXISTS (SELECT 1 FROM programme_pair"
	    " WHERE mentee_id = ?1)");
	int		 rc;

	*yes = 0;
	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, user);
	if ((rc = store_row(st, s, "programme member")) == 0)
		*yes = 1;
	db_reset(s);
	return rc == -1 ? -1 : 0;
}
