/* store_roster: roster upserts, setup codes, HR dashboard queries. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "store.h"
#include "store_int.h"

int
store_roster_update(struct store *st, const struct user *u)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_ROSTER + 0,
	    "UPDATE users SET name = ?2, unit = ?3, position = ?4,"
	    " golongan = ?5, email = ?6, nip_atasan = ?7,"
	    " updated_at = unixepoch() WHERE nip = ?1");

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, u->nip, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, u->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, u->unit, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, u->position, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, u->golongan, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, u->email, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, u->nip_atasan, -1, SQLITE_STATIC);
	return store_exec_write(st, s);
}

int
store_setup_set(struct store *st, int64_t user, const unsigned char hash[32],
    int64_t expires)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_ROSTER + 1,
	    "UPDATE users SET setup_hash = ?2, setup_expires = ?3,"
	    " updated_at = unixepoch() WHERE id = ?1");

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, user);
	sqlite3_bind_blob(s, 2, hash, 32, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, expires);
	if (store_exec_write(st, s) == -1)
		return -1;
	return sqlite3_changes(st->db) == 1 ? 0 : -1;
}

int
store_setup_get(struct store *st, const char *nip, int64_t *user,
    unsigned char hash[32], int64_t *expires)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_ROSTER + 2,
	    "SELECT id, setup_hash, setup_expires FROM users"
	    " WHERE nip = ? AND active = 1 AND length(setup_hash) = 32");
	int		 rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, nip, -1, SQLITE_STATIC);
	if ((rc = store_row(st, s, "setup get")) != 0)
		return rc;
	*user = sqlite3_column_int64(s, 0);
	memcpy(hash, sqlite3_column_blob(s, 1), 32);
	*expires = sqlite3_column_int64(s, 2);
	sqlite3_reset(s);
	return 0;
}

int
store_setup_redeem(struct store *st, int64_t user, const unsigned char hash[32],
    int64_t now, const char *pwhash)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_ROSTER + 3,
	    "UPDATE users SET pwhash = ?4, setup_hash = NULL,"
	    " setup_expires = NULL, updated_at = unixepoch()"
	    " WHERE id = ?1 AND active = 1 AND setup_hash = ?2"
	    " AND setup_expires > ?3");

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, user);
	sqlite3_bind_blob(s, 2, hash, 32, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, now);
	sqlite3_bind_text(s, 4, pwhash, -1, SQLITE_STATIC);
	if (store_exec_write(st, s) == -1)
		return -1;
	return sqlite3_changes(st->db) == 1 ? 0 : 1;
}

int
store_hr_unit_names(struct store *st, int limit,
    void (*fn)(void *, const char *), void *arg)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_ROSTER + 7,
	    "SELECT DISTINCT unit FROM users WHERE unit <> ''"
	    " ORDER BY unit LIMIT ?");
	int		 rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int(s, 1, limit);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		fn(arg, (const char *)sqlite3_column_text(s, 0));
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, "hr unit names");
}

int
store_hr_courses(struct store *st, int limit,
    void (*fn)(void *, const char *, const char *), void *arg)
{
	sqlite3_stmt	*s = store_stmt(st, SLOT_ROSTER + 8,
	    "SELECT course, max(course_title) AS t FROM completions"
	    " GROUP BY course ORDER BY t, course LIMIT ?");
	int		 rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int(s, 1, limit);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		fn(arg, (const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1));
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, "hr courses");
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
	sqlite3_stmt	*s;
	struct audit_row a;

	shape = ev[0] ? 2 : f->actor > 0 ? 4 : 0;
	if ((s = store_stmt(st, SLOT_ROSTER + 9 + shape + asc,
	    sql[shape + asc])) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, f->before > 0 ? f->before : INT64_MAX);
	sqlite3_bind_int64(s, 2, f->after > 0 ? f->after : 0);
	sqlite3_bind_int64(s, 3, f->from > 0 ? f->from : INT64_MIN);
	sqlite3_bind_int64(s, 4, f->to > 0 ? f->to : INT64_MAX);
	sqlite3_bind_text(s, 5, ev, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 6, f->actor > 0 ? f->actor : 0);
	sqlite3_bind_int(s, 7, f->limit);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		a.id = sqlite3_column_int64(s, 0);
		a.at = sqlite3_column_int64(s, 1);
		store_text(s, 2, a.actor_nip, sizeof(a.actor_nip));
		store_text(s, 3, a.actor_name, sizeof(a.actor_name));
		store_text(s, 4, a.event, sizeof(a.event));
		store_text(s, 5, a.detail, sizeof(a.detail));
		store_text(s, 6, a.ip, sizeof(a.ip));
		fn(arg, &a);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, "audit query");
}
