/*
 * store_ledger: SQL of the competency ledger and the employee types
 * (migration 11). See store_ledger.h.
 *
 * The JP sum lives in one place, PEOPLE_COLS/PEOPLE_FROM below: each
 * person's matching entries summed per year (approved and pending
 * apart). Portable SQL: subqueries aliased, booleans compared
 * explicitly, no LIMIT -1 (a huge limit instead).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "store.h"
#include "store_int.h"
#include "store_ledger.h"

enum {
	ST_PEOPLE_ID = SLOT_LEDGER,
	ST_PEOPLE_JP,
	ST_PEOPLE_COUNT,
	ST_PEOPLE_ONE,
	ST_PEOPLE_TEAM,
	ST_PEOPLE_YEARS,
	ST_INSERT,
	ST_LIST_USER,
	ST_TYPE_GET,
	ST_TYPE_SET,
	ST_ENTRIES,
	ST_ENTRIES_COUNT,
	ST_TEAM_SIZE,
	ST_LAST
};
STORE_IDS_FIT(ST_LAST, SLOT_LEDGER);

/*
 * ?1 year (0 any), ?2 unit, ?3 course, ?4 competency type, ?5 user id
 * (0 any), ?6 nip_atasan ('' any). Who is counted: an active learner, or
 * anyone with an approved matching entry. Users LEFT JOIN their matching
 * entries, grouped per user (and year): the planner walks users and
 * looks each one's entries up by ledger_user, the shape the per-page
 * sums had (a derived table of sums made SQLite rescan it per user).
 * Portable: u's columns depend on the grouped primary key u.id; the
 * employee type is a scalar subquery.
 */
#define PEOPLE_FROM_WHERE(who, group) \
	" FROM users u LEFT JOIN ledger e ON e.user_id = u.id" \
	" AND (?1 = 0 OR e.year = ?1) AND (?3 = '' OR e.course = ?3)" \
	" AND (?4 = '' OR e.competency_type = ?4)" \
	" WHERE (?2 = '' OR u.unit = ?2) AND " who \
	" GROUP BY " group \
	" HAVING (u.role = 'learner' AND u.active = 1)" \
	" OR sum(CASE WHEN e.status = 'approved' THEN 1 ELSE 0 END) > 0"
/* Who: everyone matching; one person (by primary key: home, Rekam
   Jejak); one atasan's team (users_atasan). */
#define WHO_ALL		"(?5 = 0 OR u.id = ?5) AND (?6 = '' OR u.nip_atasan = ?6)"
#define WHO_ONE		"u.id = ?5 AND (?6 = '' OR u.nip_atasan = ?6)"
#define WHO_TEAM	"(?5 = 0 OR u.id = ?5) AND u.nip_atasan = ?6"
/* One year: a group per user, walked in rowid order (no sort); every
   year (?1 = 0): a group per user and year. */
#define BY_USER		"u.id"
#define BY_YEAR		"u.id, e.year"

#define PEOPLE_COLS(year) \
	"SELECT u.id, u.nip, u.name, u.unit, u.position, u.golongan, u.role," \
	" u.active, u.nip_atasan, coalesce((SELECT t.kind FROM employee_type t" \
	" WHERE t.user_id = u.id), 'pns'), " year "," \
	" coalesce(sum(CASE WHEN e.status = 'approved' THEN e.cjp ELSE 0 END)," \
	" 0) AS cjp," \
	" coalesce(sum(CASE WHEN e.status = 'pending' THEN e.cjp ELSE 0 END), 0)," \
	" coalesce(sum(CASE WHEN e.status = 'approved' THEN 1 ELSE 0 END), 0)," \
	" coalesce(sum(CASE WHEN e.status = 'approved' AND" \
	" e.source = 'elearning' THEN 1 ELSE 0 END), 0)"
#define PEOPLE(who, group, year) PEOPLE_COLS(year) PEOPLE_FROM_WHERE(who, group)
#define PAGE " LIMIT ?7 OFFSET ?8"

static const char *
nz(const char *s)
{
	return s != NULL ? s : "";
}

static void
bind_filter(struct db_stmt *s, const struct ledger_filter *f)
{
	db_bind_int(s, 1, f->year);
	db_bind_text(s, 2, nz(f->unit), -1);
	db_bind_text(s, 3, nz(f->course), -1);
	db_bind_text(s, 4, nz(f->ctype), -1);
	db_bind_int64(s, 5, f->user_id);
	db_bind_text(s, 6, nz(f->atasan), -1);
}

static void
person_fill(struct db_stmt *s, struct ledger_person *p)
{
	char	 role[STORE_ROLE_MAX];

	memset(p, 0, sizeof(*p));
	p->u.id = db_column_int64(s, 0);
	store_text(s, 1, p->u.nip, sizeof(p->u.nip));
	store_text(s, 2, p->u.name, sizeof(p->u.name));
	store_text(s, 3, p->u.unit, sizeof(p->u.unit));
	store_text(s, 4, p->u.position, sizeof(p->u.position));
	store_text(s, 5, p->u.golongan, sizeof(p->u.golongan));
	store_text(s, 6, role, sizeof(role));
	p->u.role = store_role_parse(role);
	p->u.active = db_column_int(s, 7);
	store_text(s, 8, p->u.nip_atasan, sizeof(p->u.nip_atasan));
	store_text(s, 9, p->type, sizeof(p->type));
	p->year = db_column_int(s, 10);
	p->cjp = db_column_int64(s, 11);
	p->cjp_pending = db_column_int64(s, 12);
	p->entries = db_column_int64(s, 13);
	p->completions = db_column_int64(s, 14);
}

/* The per-person statements of the pages that grow with the data (Rekam
   Jejak and the home page: one person; Tim saya: one team), for the
   plan test (tests/unit/test_perfdata_plan.c). */
#define SQL_PEOPLE_ONE	PEOPLE(WHO_ONE, BY_YEAR, "coalesce(e.year, ?1)") \
	" ORDER BY e.year" PAGE
#define SQL_PEOPLE_TEAM	PEOPLE(WHO_TEAM, BY_USER, "?1") " ORDER BY u.id" PAGE

const char *
store_ledger_hot_sql(int i, const char **name)
{
	static const struct {
		const char	*name, *sql;
	} hot[] = {
		{ "Rekam Jejak: one person's JP", SQL_PEOPLE_ONE },
		{ "Tim saya: one team's JP", SQL_PEOPLE_TEAM },
	};

	if (i < 0 || (size_t)i >= sizeof(hot) / sizeof(hot[0]))
		return NULL;
	if (name != NULL)
		*name = hot[i].name;
	return hot[i].sql;
}

int
store_ledger_people(struct store *st, const struct ledger_filter *f,
    int (*fn)(void *, const struct ledger_person *), void *arg)
{
	struct db_stmt		*s;
	struct ledger_person	 p;
	int			 rc, stop = 0;

	if (f->user_id > 0)
		s = store_stmt(st, ST_PEOPLE_ONE, SQL_PEOPLE_ONE);
	else if (f->year == 0)
		s = store_stmt(st, ST_PEOPLE_YEARS, PEOPLE(WHO_ALL, BY_YEAR,
		    "coalesce(e.year, ?1)") " ORDER BY u.id, e.year" PAGE);
	else if (f->by_jp)
		s = store_stmt(st, ST_PEOPLE_JP, PEOPLE(WHO_ALL, BY_USER, "?1")
		    " ORDER BY cjp, u.name, u.nip" PAGE);
	else if (f->atasan != NULL && f->atasan[0])
		s = store_stmt(st, ST_PEOPLE_TEAM, SQL_PEOPLE_TEAM);
	else
		s = store_stmt(st, ST_PEOPLE_ID, PEOPLE(WHO_ALL, BY_USER, "?1")
		    " ORDER BY u.id" PAGE);
	if (s == NULL)
		return -1;
	bind_filter(s, f);
	db_bind_int64(s, 7, f->limit > 0 ? f->limit : INT64_MAX);
	db_bind_int64(s, 8, f->offset > 0 ? f->offset : 0);
	while ((rc = db_step(s)) == DB_ROW) {
		person_fill(s, &p);
		if (fn(arg, &p) != 0) {
			stop = 1;
			break;
		}
	}
	db_reset(s);
	if (stop)
		return 1;
	return rc == DB_DONE ? 0 : store_fail(st, "ledger people");
}

int
store_ledger_people_count(struct store *st, const struct ledger_filter *f,
    int64_t *n)
{
	struct db_stmt	*s = store_stmt(st, ST_PEOPLE_COUNT,
	    "SELECT count(*) FROM (SELECT u.id" PEOPLE_FROM_WHERE(WHO_ALL,
	    BY_USER) ") AS people");

	if (s == NULL)
		return -1;
	bind_filter(s, f);
	if (db_step(s) != DB_ROW) {
		db_reset(s);
		return store_fail(st, "ledger people count");
	}
	*n = db_column_int64(s, 0);
	db_reset(s);
	return 0;
}

int
store_ledger_insert(struct store *st, struct ledger_entry *e)
{
	struct db_stmt	*s = store_stmt(st, ST_INSERT,
	    "INSERT INTO ledger (user_id, source, kind, ref_id, title, course,"
	    " competency_type, at, year, cjp, status, rule_ref, note,"
	    " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
	    " ?9, ?10, ?11, ?12, ?13, ?14, ?14)"
	    " ON CONFLICT (source, ref_id) DO UPDATE SET rule_ref ="
	    " excluded.rule_ref WHERE ledger.user_id = excluded.user_id"
	    " AND ledger.cjp = excluded.cjp AND ledger.status = excluded.status"
	    " AND ledger.created_at = excluded.created_at RETURNING id");
	int		 rc;

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, e->user_id);
	db_bind_text(s, 2, e->source, -1);
	db_bind_text(s, 3, e->kind, -1);
	db_bind_int64(s, 4, e->ref_id);
	db_bind_text(s, 5, e->title, -1);
	db_bind_text(s, 6, e->course, -1);
	db_bind_text(s, 7, e->ctype, -1);
	db_bind_int64(s, 8, e->at);
	db_bind_int(s, 9, e->year);
	db_bind_int64(s, 10, e->cjp);
	db_bind_text(s, 11, e->status, -1);
	db_bind_text(s, 12, e->rule_ref, -1);
	db_bind_text(s, 13, e->note, -1);
	db_bind_int64(s, 14, e->created_at);
	if (!st->in_tx) {	/* related writes: the caller's transaction */
		db_reset(s);
		return store_fail(st, "ledger insert outside a transaction");
	}
	if ((rc = db_step(s)) == DB_ROW) {
		/* a new row, or the trigger's twin that now names the rule */
		e->id = db_column_int64(s, 0);
		e->updated_at = e->created_at;
		rc = db_step(s);
	} else if (rc == DB_DONE)
		rc = 1;
	db_reset(s);
	if (rc == 1)
		return 1;
	return rc == DB_DONE ? 0 : store_fail(st, "ledger insert");
}

static void
entry_fill(struct db_stmt *s, struct ledger_entry *e)
{
	memset(e, 0, sizeof(*e));
	e->id = db_column_int64(s, 0);
	e->user_id = db_column_int64(s, 1);
	store_text(s, 2, e->source, sizeof(e->source));
	store_text(s, 3, e->kind, sizeof(e->kind));
	e->ref_id = db_column_int64(s, 4);
	store_text(s, 5, e->title, sizeof(e->title));
	store_text(s, 6, e->course, sizeof(e->course));
	store_text(s, 7, e->ctype, sizeof(e->ctype));
	e->at = db_column_int64(s, 8);
	e->year = db_column_int(s, 9);
	e->cjp = db_column_int64(s, 10);
	store_text(s, 11, e->status, sizeof(e->status));
	store_text(s, 12, e->rule_ref, sizeof(e->rule_ref));
	store_text(s, 13, e->note, sizeof(e->note));
	e->created_at = db_column_int64(s, 14);
	e->updated_at = db_column_int64(s, 15);
}

int
store_ledger_list_user(struct store *st, int64_t user,
    int (*fn)(void *, const struct ledger_entry *), void *arg)
{
	struct db_stmt		*s = store_stmt(st, ST_LIST_USER,
	    "SELECT id, user_id, source, kind, ref_id, title, course,"
	    " competency_type, at, year, cjp, status, rule_ref, note,"
	    " created_at, updated_at FROM ledger WHERE user_id = ?1"
	    " ORDER BY at DESC, id DESC");
	struct ledger_entry	 e;
	int			 rc, stop = 0;

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, user);
	while ((rc = db_step(s)) == DB_ROW) {
		entry_fill(s, &e);
		if (fn(arg, &e) != 0) {
			stop = 1;
			break;
		}
	}
	db_reset(s);
	if (stop)
		return 1;
	return rc == DB_DONE ? 0 : store_fail(st, "ledger list");
}

int
store_employee_type_get(struct store *st, int64_t user, char *out, size_t len)
{
	struct db_stmt	*s = store_stmt(st, ST_TYPE_GET,
	    "SELECT kind FROM employee_type WHERE user_id = ?1");
	int		 rc;

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, user);
	if ((rc = store_row(st, s, "employee type")) == 0)
		store_text(s, 0, out, len);
	else
		snprintf(out, len, "pns");
	db_reset(s);
	return rc == -1 ? -1 : 0;
}

int
store_employee_type_set(struct store *st, int64_t user, const char *type)
{
	struct db_stmt	*s = store_stmt(st, ST_TYPE_SET,
	    "INSERT INTO employee_type (user_id, kind) VALUES (?1, ?2)"
	    " ON CONFLICT (user_id) DO UPDATE SET kind = excluded.kind");

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, user);
	db_bind_text(s, 2, type, -1);
	return store_exec_write(st, s);
}

/* ?1 year (0 any), ?2 unit, ?3 course, ?4 type, ?5 user (0 any), ?6 since. */
#define ENTRIES_WHERE \
	" FROM ledger e JOIN users u ON u.id = e.user_id" \
	" WHERE (?1 = 0 OR e.year = ?1) AND (?2 = '' OR u.unit = ?2)" \
	" AND (?3 = '' OR e.course = ?3) AND (?4 = '' OR e.competency_type = ?4)" \
	" AND (?5 = 0 OR e.user_id = ?5) AND e.at >= ?6"

static void
bind_entries(struct db_stmt *s, const struct report_filter *f)
{
	db_bind_int(s, 1, f->year);
	db_bind_text(s, 2, f->unit, -1);
	db_bind_text(s, 3, f->course, -1);
	db_bind_text(s, 4, f->ctype, -1);
	db_bind_int64(s, 5, f->user_id);
	db_bind_int64(s, 6, f->since);
}

int
store_ledger_entries(struct store *st, const struct report_filter *f,
    int (*fn)(void *, const struct ledger_row *), void *arg)
{
	struct db_stmt		*s = store_stmt(st, ST_ENTRIES,
	    "SELECT e.id, e.user_id, e.source, e.kind, e.ref_id, e.title,"
	    " e.course, e.competency_type, e.at, e.year, e.cjp, e.status,"
	    " e.rule_ref, e.note, e.created_at, e.updated_at, u.nip, u.name,"
	    " u.unit" ENTRIES_WHERE " ORDER BY e.id LIMIT ?7 OFFSET ?8");
	struct ledger_row	 r;
	int			 rc, stop = 0;

	if (s == NULL)
		return -1;
	bind_entries(s, f);
	db_bind_int64(s, 7, f->limit > 0 ? f->limit : INT64_MAX);
	db_bind_int64(s, 8, f->offset);
	while ((rc = db_step(s)) == DB_ROW) {
		entry_fill(s, &r.e);
		store_text(s, 16, r.nip, sizeof(r.nip));
		store_text(s, 17, r.name, sizeof(r.name));
		store_text(s, 18, r.unit, sizeof(r.unit));
		if (fn(arg, &r) != 0) {
			stop = 1;
			break;
		}
	}
	db_reset(s);
	if (stop)
		return 1;
	return rc == DB_DONE ? 0 : store_fail(st, "ledger entries");
}

int
store_ledger_entries_count(struct store *st, const struct report_filter *f,
    int64_t *n)
{
	struct db_stmt	*s = store_stmt(st, ST_ENTRIES_COUNT,
	    "SELECT count(*)" ENTRIES_WHERE);

	if (s == NULL)
		return -1;
	bind_entries(s, f);
	if (db_step(s) != DB_ROW) {
		db_reset(s);
		return store_fail(st, "ledger entries count");
	}
	*n = db_column_int64(s, 0);
	db_reset(s);
	return 0;
}

int
store_ledger_team_size(struct store *st, const char *nip, int64_t *n)
{
	struct db_stmt	*s = store_stmt(st, ST_TEAM_SIZE,
	    "SELECT count(*) FROM users WHERE nip_atasan = ?1 AND ?1 <> ''"
	    " AND active = 1");

	if (s == NULL)
		return -1;
	db_bind_text(s, 1, nip, -1);
	if (db_step(s) != DB_ROW) {
		db_reset(s);
		return store_fail(st, "ledger team size");
	}
	*n = db_column_int64(s, 0);
	db_reset(s);
	return 0;
}
