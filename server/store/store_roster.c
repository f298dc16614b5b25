/* store_roster: roster upserts, setup codes, HR dashboard queries. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "store.h"
#include "store_agg.h"
#include "store_int.h"

/* Statement ids: one per statement, numbered by the compiler from
   this file's range (store_int.h), which STORE_IDS_FIT checks. */
enum {
	S_ROSTER_UPDATE = SLOT_ROSTER,
	S_SETUP_SET,
	S_SETUP_GET,
	S_SETUP_REDEEM,
	S_HR_UNIT_NAMES,
	S_HR_COURSES,
	S_AUDIT_QUERY,			/* six shapes: see store_audit_query */
	S_AUDIT_QUERY_LAST_ = S_AUDIT_QUERY + 5,
	S_ROSTER_END_
};
STORE_IDS_FIT(S_ROSTER_END_, SLOT_ROSTER);

int
store_roster_update(struct store *st, const struct user *u)
{
	struct db_stmt	*s = store_stmt(st, S_ROSTER_UPDATE,
	    "UPDATE users SET name = ?2, unit = ?3, position = ?4,"
	    " golongan = ?5, email = ?6, nip_atasan = ?7,"
	    " updated_at = ?8 WHERE nip = ?1");

	if (s == NULL)
		return -1;
	db_bind_text(s, 1, u->nip, -1);
	db_bind_text(s, 2, u->name, -1);
	db_bind_text(s, 3, u->unit, -1);
	db_bind_text(s, 4, u->position, -1);
	db_bind_text(s, 5, u->golongan, -1);
	db_bind_text(s, 6, u->email, -1);
	db_bind_text(s, 7, u->nip_atasan, -1);
	db_bind_int64(s, 8, clock_now());
	return store_exec_write(st, s);
}

int
store_setup_set(struct store *st, int64_t user, const unsigned char hash[32],
    int64_t expires)
{
	struct db_stmt	*s = store_stmt(st, S_SETUP_SET,
	    "UPDATE users SET setup_hash = ?2, setup_expires = ?3,"
	    " updated_at = ?4 WHERE id = ?1");

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, user);
	db_bind_blob(s, 2, hash, 32);
	db_bind_int64(s, 3, expires);
	db_bind_int64(s, 4, clock_now());
	if (store_exec_write(st, s) == -1)
		return -1;
	return db_changes(st->db) == 1 ? 0 : -1;
}

int
store_setup_get(struct store *st, const char *nip, int64_t *user,
    unsigned char hash[32], int64_t *expires)
{
	struct db_stmt	*s = store_stmt(st, S_SETUP_GET,
	    "SELECT id, setup_hash, setup_expires FROM users"
	    " WHERE nip = ? AND active = 1 AND length(setup_hash) = 32");
	int		 rc;

	if (s == NULL)
		return -1;
	db_bind_text(s, 1, nip, -1);
	if ((rc = store_row(st, s, "setup get")) != 0)
		return rc;
	*user = db_column_int64(s, 0);
	if (db_column_bytes(s, 1) != 32) {	/* the WHERE says so; be sure */
		db_reset(s);
		return 1;
	}
	memcpy(hash, db_column_blob(s, 1), 32);
	*expires = db_column_int64(s, 2);
	db_reset(s);
	return 0;
}

int
store_setup_redeem(struct store *st, int64_t user, const unsigned char hash[32],
    int64_t now, const char *pwhash)
{
	struct db_stmt	*s = store_stmt(st, S_SETUP_REDEEM,
	    "UPDATE users SET pwhash = ?4, setup_hash = NULL,"
	    " setup_expires = NULL, updated_at = ?3"
	    " WHERE id = ?1 AND active = 1 AND setup_hash = ?2"
	    " AND setup_expires > ?3");

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, user);
	db_bind_blob(s, 2, hash, 32);
	db_bind_int64(s, 3, now);
	db_bind_text(s, 4, pwhash, -1);
	if (store_exec_write(st, s) == -1)
		return -1;
	return db_changes(st->db) == 1 ? 0 : 1;
}

int
store_hr_unit_names(struct store *st, int limit,
    void (*fn)(void *, const char *), void *arg)
{
	/* A loose index scan (users_unit): one seek per unit, the first
	   `limit` in order, instead of reading every user. */
	struct db_stmt	*s = store_stmt(st, S_HR_UNIT_NAMES,
	    STORE_HR_UNIT_NAMES_SQL);
	int		 rc;

	if (s == NULL)
		return -1;
	db_bind_int(s, 1, limit);
	while ((rc = db_step(s)) == DB_ROW)
		fn(arg, db_column_text(s, 0));
	db_reset(s);
	return rc == DB_DONE ? 0 : store_fail(st, "hr unit names");
}

int
store_hr_courses(struct store *st, int limit,
    void (*fn)(void *, const char *, const char *), void *arg)
{
	/* A loose index scan (completions_course, migration 18): one seek
	   per course and one for its title, not every completion. */
	struct db_stmt	*s = store_stmt(st, S_HR_COURSES, STORE_HR_COURSES_SQL);
	int		 rc;

	if (s == NULL)
		return -1;
	db_bind_int(s, 1, limit);
	while ((rc = db_step(s)) == DB_ROW)
		fn(arg, db_column_text(s, 0),
		    db_column_text(s, 1));
	db_reset(s);
	return rc == DB_DONE ? 0 : store_fail(st, "hr courses");
}

/*
 * Audit log pages. Three shapes, so that SQLite can use an index for
 * the filter that narrows most (an "?x = '' OR" test would hide it): by
 * event (audit_event, rowid order within), by actor (audit_actor), or
 * the whole log in rowid order; each newest-first or, for "newer"
 * pages, oldest-first. Every shape binds the same parameters.
 */
#define AUDIT_SEL \
	"SELECT a.id, a.at, coalesce(u.nip, ''), coalesce(u.name, '')," \
	" a.event, a.detail, a.ip" \
	" FROM audit a LEFT JOIN users u ON u.id = a.actor_id" \
	" WHERE a.id < ?1 AND a.id > ?2 AND a.at >= ?3 AND a.at < ?4" \
	" AND (?5 = '' OR a.event = ?5) AND (?6 = 0 OR a.actor_id = ?6)"
#define AUDIT_BY_EVENT	" AND a.event = ?5"
#define AUDIT_BY_ACTOR	" AND a.actor_id = ?6"
#define AUDIT_DESC	" ORDER BY a.id DESC LIMIT ?7"
#define AUDIT_ASC	" ORDER BY a.id ASC LIMIT ?7"

int
store_audit_query(struct store *st, const struct audit_filter *f,
    void (*fn)(void *, const struct audit_row *), void *arg)
{
	static const char *const sql[6] = {
		AUDIT_SEL AUDIT_DESC,
		AUDIT_SEL AUDIT_ASC,
		AUDIT_SEL AUDIT_BY_EVENT AUDIT_DESC,
		AUDIT_SEL AUDIT_BY_EVENT AUDIT_ASC,
		AUDIT_SEL AUDIT_BY_ACTOR AUDIT_DESC,
		AUDIT_SEL AUDIT_BY_ACTOR AUDIT_ASC,
	};
	const char	*ev = f->event ? f->event : "";
	int		 shape, asc = f->after > 0, rc;
	struct db_stmt	*s;
	struct audit_row a;

	shape = ev[0] ? 2 : f->actor > 0 ? 4 : 0;
	if ((s = store_stmt(st, S_AUDIT_QUERY + shape + asc,
	    sql[shape + asc])) == NULL)
		return -1;
	db_bind_int64(s, 1, f->before > 0 ? f->before : INT64_MAX);
	db_bind_int64(s, 2, f->after > 0 ? f->after : 0);
	db_bind_int64(s, 3, f->from > 0 ? f->from : INT64_MIN);
	db_bind_int64(s, 4, f->to > 0 ? f->to : INT64_MAX);
	db_bind_text(s, 5, ev, -1);
	db_bind_int64(s, 6, f->actor > 0 ? f->actor : 0);
	db_bind_int(s, 7, f->limit);
	while ((rc = db_step(s)) == DB_ROW) {
		a.id = db_column_int64(s, 0);
		a.at = db_column_int64(s, 1);
		store_text(s, 2, a.actor_nip, sizeof(a.actor_nip));
		store_text(s, 3, a.actor_name, sizeof(a.actor_name));
		store_text(s, 4, a.event, sizeof(a.event));
		store_text(s, 5, a.detail, sizeof(a.detail));
		store_text(s, 6, a.ip, sizeof(a.ip));
		fn(arg, &a);
	}
	db_reset(s);
	return rc == DB_DONE ? 0 : store_fail(st, "audit query");
}
