/* store_plan_b_send: assignments, notifications and the e-mail outbox
   (SLOT_PLANB_SEND 544..575). See store_planb.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "store_planb.h"

/* Statement ids: one per statement, numbered by the compiler from
   this file's range (store_int.h), which STORE_IDS_FIT checks. */
enum {
	S_FILE = SLOT_PLANB_SEND,
	S_FILE_LAST_ = S_FILE + 15,	/* S(0)..S(15) */
	S_PLANB_END_
};
STORE_IDS_FIT(S_PLANB_END_, SLOT_PLANB_SEND);

#define S(n)	(S_FILE + (n))

int	store_planb_notify(struct store *, int64_t user, int64_t now,
	    const char *kind, const char *ref, const char *link);

static void
bind_text(struct db_stmt *q, int i, const char *s)
{
	db_bind_text(q, i, s ? s : "", -1);
}

/* One notification (inside the caller's transaction). */
int
store_planb_notify(struct store *st, int64_t user, int64_t now,
    const char *kind, const char *ref, const char *link)
{
	struct db_stmt	*q = store_stmt(st, S(0), "INSERT INTO notification"
	    " (user_id, at, kind, ref, link) VALUES (?1, ?2, ?3, ?4, ?5)");

	if (q == NULL)
		return -1;
	db_bind_int64(q, 1, user);
	db_bind_int64(q, 2, now);
	bind_text(q, 3, kind);
	bind_text(q, 4, ref);
	bind_text(q, 5, link);
	return store_exec_write(st, q);
}

static const char *const kind_names[] = { "person", "unit", "position",
	"plan" };

int
store_assign_create(struct store *st, const struct assign_new *a,
    int64_t actor, int64_t now, const char *ip, int64_t *id, int64_t *people,
    int64_t *mails)
{
	struct db_stmt	*q;
	char		 detail[2 * STORE_TEXT_MAX], link[96];

	*id = *people = *mails = 0;
	if (a->kind < ASSIGN_PERSON || a->kind > ASSIGN_PLAN)
		return -1;
	if (store_begin(st) == -1)
		return -1;
	if ((q = store_stmt(st, S(1), "INSERT INTO assignment (course, due_date,"
	    " due_at, target_kind, target, created_by, created_at) VALUES"
	    " (?1, ?2, ?3, ?4, ?5, ?6, ?7)")) == NULL)
		goto err;
	bind_text(q, 1, a->course);
	bind_text(q, 2, a->due);
	db_bind_int64(q, 3, a->due_at);
	bind_text(q, 4, kind_names[a->kind]);
	bind_text(q, 5, a->target);
	if (actor > 0)
		db_bind_int64(q, 6, actor);
	db_bind_int64(q, 7, now);
	if (store_exec_write(st, q) == -1)
		goto err;
	*id = db_last_id(st->db);
	if ((q = store_stmt(st, S(2), "INSERT INTO assignment_user"
	    " (assignment_id, user_id) SELECT ?1, u.id FROM users u WHERE"
	    " u.active = 1 AND ((?2 = 'person' AND u.nip = ?3) OR (?2 = 'unit'"
	    " AND u.unit = ?3) OR (?2 = 'position' AND u.position = ?3) OR"
	    " (?2 = 'plan' AND u.unit = ?3 AND EXISTS (SELECT 1 FROM idp p"
	    " JOIN idp_item i ON i.idp_id = p.id WHERE p.user_id = u.id AND"
	    " p.year = ?4 AND p.status = 'approved' AND i.course = ?5)))"
	    " ON CONFLICT DO NOTHING")) == NULL)
		goto err;
	db_bind_int64(q, 1, *id);
	bind_text(q, 2, kind_names[a->kind]);
	bind_text(q, 3, a->target);
	db_bind_int(q, 4, a->year);
	bind_text(q, 5, a->course);
	if (store_exec_write(st, q) == -1)
		goto err;
	if ((*people = db_changes(st->db)) == 0) {
		store_rollback(st);
		*id = 0;
		return 1;
	}
	if ((q = store_stmt(st, S(15), "UPDATE assignment SET people = ?2"
	    " WHERE id = ?1")) == NULL)
		goto err;
	db_bind_int64(q, 1, *id);
	db_bind_int64(q, 2, *people);
	if (store_exec_write(st, q) == -1)
		goto err;
	snprintf(link, sizeof(link), "/courses/%s", a->course);
	if ((q = store_stmt(st, S(3), "INSERT INTO notification (user_id, at,"
	    " kind, ref, link) SELECT a.user_id, ?2, 'assigned', ?3, ?4 FROM"
	    " assignment_user a WHERE a.assignment_id = ?1")) == NULL)
		goto err;
	db_bind_int64(q, 1, *id);
	db_bind_int64(q, 2, now);
	bind_text(q, 3, a->course_title);
	bind_text(q, 4, link);
	if (store_exec_write(st, q) == -1)
		goto err;
	if (a->mail) {
		if ((q = store_stmt(st, S(4), "INSERT INTO outbox (to_addr,"
		    " subject, body, created_at, attempts, next_at) SELECT"
		    " u.email, ?2, ?3, ?4, 0, ?4 FROM assignment_user a JOIN"
		    " users u ON u.id = a.user_id WHERE a.assignment_id = ?1"
		    " AND u.email <> ''")) == NULL)
			goto err;
		db_bind_int64(q, 1, *id);
		bind_text(q, 2, a->subject);
		bind_text(q, 3, a->body);
		db_bind_int64(q, 4, now);
		if (store_exec_write(st, q) == -1)
			goto err;
		*mails = db_changes(st->db);
	}
	snprintf(detail, sizeof(detail), "assignment=%lld course=%s due=%s"
	    " %s=%s people=%lld mails=%lld", (long long)*id, a->course, a->due,
	    kind_names[a->kind], a->target, (long long)*people,
	    (long long)*mails);
	if (store_audit(st, actor, "assign.create", detail, ip) == -1)
		goto err;
	return store_commit(st);
err:
	store_rollback(st);
	return -1;
}

static int
kind_parse(const char *s)
{
	int	 i;

	for (i = 0; i <= ASSIGN_PLAN; i++)
		if (strcmp(s, kind_names[i]) == 0)
			return i;
	return ASSIGN_PERSON;
}

static int
assign_rows(struct store *st, struct db_stmt *q, int cols, const char *what,
    int (*fn)(void *, const struct assign_row *), void *arg)
{
	struct assign_row a;
	char		 kind[16];
	int		 rc;

	while ((rc = db_step(q)) == DB_ROW) {
		memset(&a, 0, sizeof(a));
		a.id = db_column_int64(q, 0);
		store_text(q, 1, a.course, sizeof(a.course));
		store_text(q, 2, a.due, sizeof(a.due));
		a.due_at = db_column_int64(q, 3);
		a.created_at = db_column_int64(q, 4);
		store_text(q, 5, kind, sizeof(kind));
		a.kind = kind_parse(kind);
		store_text(q, 6, a.target, sizeof(a.target));
		if (cols == 0) {		/* user */
			a.completed = db_column_int(q, 7);
		} else if (cols == 1) {		/* list */
			a.people = db_column_int64(q, 7);
			a.done = db_column_int64(q, 8);
		} else {			/* overdue */
			store_text(q, 7, a.nip, sizeof(a.nip));
			store_text(q, 8, a.name, sizeof(a.name));
			store_text(q, 9, a.unit, sizeof(a.unit));
		}
		if (fn(arg, &a)) {
			db_reset(q);
			return 1;
		}
	}
	if (rc != DB_DONE)
		return store_fail(st, what);
	db_reset(q);
	return 0;
}

#define ASSIGN_COLS "s.id, s.course, s.due_date, s.due_at, s.created_at," \
	" s.target_kind, s.target"

int
store_assign_user(struct store *st, int64_t user,
    int (*fn)(void *, const struct assign_row *), void *arg)
{
	struct db_stmt	*q = store_stmt(st, S(5), "SELECT " ASSIGN_COLS ","
	    " CASE WHEN EXISTS (SELECT 1 FROM completions c WHERE"
	    " c.user_id = a.user_id AND c.course = s.course) THEN 1 ELSE 0 END"
	    " FROM assignment_user a JOIN assignment s ON s.id ="
	    " a.assignment_id WHERE a.user_id = ?1 ORDER BY s.due_at, s.id");

	if (q == NULL)
		return -1;
	db_bind_int64(q, 1, user);
	return assign_rows(st, q, 0, "assignments of user", fn, arg);
}

int
store_assign_list(struct store *st, int limit,
    int (*fn)(void *, const struct assign_row *), void *arg)
{
	/* people is written with the assignment; who is done is the
	   overdue list's business (counting it here costs a completion
	   lookup per assigned person). */
	struct db_stmt	*q = store_stmt(st, S(6), "SELECT " ASSIGN_COLS ","
	    " s.people, 0 FROM assignment s ORDER BY s.id DESC LIMIT ?1");

	if (q == NULL)
		return -1;
	db_bind_int(q, 1, limit);
	return assign_rows(st, q, 1, "assignments", fn, arg);
}

int
store_assign_overdue(struct store *st, int64_t now, int limit,
    int (*fn)(void *, const struct assign_row *), void *arg)
{
	struct db_stmt	*q = store_stmt(st, S(7), "SELECT " ASSIGN_COLS ","
	    " u.nip, u.name, u.unit FROM assignment s JOIN assignment_user a"
	    " ON a.assignment_id = s.id JOIN users u ON u.id = a.user_id"
	    " WHERE s.due_at < ?1 AND u.active = 1 AND NOT EXISTS (SELECT 1"
	    " FROM completions c WHERE c.user_id = a.user_id AND c.course ="
	    " s.course) ORDER BY s.due_at, s.id, a.user_id LIMIT ?2");

	if (q == NULL)
		return -1;
	db_bind_int64(q, 1, now);
	db_bind_int(q, 2, limit);
	return assign_rows(st, q, 2, "overdue", fn, arg);
}

int
store_notify_list(struct store *st, int64_t user, int limit,
    int (*fn)(void *, const struct notification *), void *arg)
{
	struct db_stmt	*q = store_stmt(st, S(8), "SELECT id, at,"
	    " coalesce(read_at, 0), kind, ref, link FROM notification WHERE"
	    " user_id = ?1 ORDER BY at DESC, id DESC LIMIT ?2");
	struct notification n;
	int		 rc;

	if (q == NULL)
		return -1;
	db_bind_int64(q, 1, user);
	db_bind_int(q, 2, limit);
	while ((rc = db_step(q)) == DB_ROW) {
		memset(&n, 0, sizeof(n));
		n.id = db_column_int64(q, 0);
		n.at = db_column_int64(q, 1);
		n.read_at = db_column_int64(q, 2);
		store_text(q, 3, n.kind, sizeof(n.kind));
		store_text(q, 4, n.ref, sizeof(n.ref));
		store_text(q, 5, n.link, sizeof(n.link));
		if (fn(arg, &n)) {
			db_reset(q);
			return 1;
		}
	}
	if (rc != DB_DONE)
		return store_fail(st, "notifications");
	db_reset(q);
	return 0;
}

int
store_notify_unread(struct store *st, int64_t user, int64_t *n)
{
	struct db_stmt	*q = store_stmt(st, S(9), "SELECT count(*) FROM"
	    " notification WHERE user_id = ?1 AND read_at IS NULL");
	int		 rc;

	*n = 0;
	if (q == NULL)
		return -1;
	db_bind_int64(q, 1, user);
	if ((rc = store_row(st, q, "unread")) == 0)
		*n = db_column_int64(q, 0);
	db_reset(q);
	return rc == -1 ? -1 : 0;
}

int
store_notify_read_all(struct store *st, int64_t user, int64_t now)
{
	struct db_stmt	*q = store_stmt(st, S(10), "UPDATE notification SET"
	    " read_at = ?2 WHERE user_id = ?1 AND read_at IS NULL");

	if (q == NULL)
		return -1;
	db_bind_int64(q, 1, user);
	db_bind_int64(q, 2, now);
	return store_exec_write(st, q);
}

int
store_outbox_due(struct store *st, int64_t now, int limit,
    int (*fn)(void *, const struct outbox_row *), void *arg)
{
	struct db_stmt	*q = store_stmt(st, S(11), "SELECT id, to_addr, subject,"
	    " body, attempts FROM outbox WHERE sent_at IS NULL AND"
	    " next_at <= ?1 ORDER BY next_at, id LIMIT ?2");
	struct outbox_row *o;
	int		 rc, stop = 0;

	if (q == NULL)
		return -1;
	if ((o = malloc(sizeof(*o))) == NULL)
		return -1;
	db_bind_int64(q, 1, now);
	db_bind_int(q, 2, limit);
	while ((rc = db_step(q)) == DB_ROW) {
		memset(o, 0, sizeof(*o));
		o->id = db_column_int64(q, 0);
		store_text(q, 1, o->to, sizeof(o->to));
		store_text(q, 2, o->subject, sizeof(o->subject));
		store_text(q, 3, o->body, sizeof(o->body));
		o->attempts = db_column_int(q, 4);
		if (fn(arg, o)) {
			stop = 1;
			break;
		}
	}
	free(o);
	if (!stop && rc != DB_DONE)
		return store_fail(st, "outbox due");
	db_reset(q);
	return stop;
}

int
store_outbox_sent(struct store *st, int64_t id, int64_t now)
{
	struct db_stmt	*q = store_stmt(st, S(12), "UPDATE outbox SET"
	    " sent_at = ?2, attempts = attempts + 1, last_error = ''"
	    " WHERE id = ?1");

	if (q == NULL)
		return -1;
	db_bind_int64(q, 1, id);
	db_bind_int64(q, 2, now);
	return store_exec_write(st, q);
}

int
store_outbox_retry(struct store *st, int64_t id, int attempts,
    int64_t next_at, const char *error)
{
	struct db_stmt	*q = store_stmt(st, S(13), "UPDATE outbox SET"
	    " attempts = ?2, next_at = ?3, last_error = ?4 WHERE id = ?1");

	if (q == NULL)
		return -1;
	db_bind_int64(q, 1, id);
	db_bind_int(q, 2, attempts);
	db_bind_int64(q, 3, next_at);
	bind_text(q, 4, error);
	return store_exec_write(st, q);
}

int
store_outbox_counts(struct store *st, int64_t *pending, int64_t *sent,
    int64_t *next_at)
{
	struct db_stmt	*q = store_stmt(st, S(14), "SELECT"
	    " coalesce(sum(CASE WHEN sent_at IS NULL THEN 1 ELSE 0 END), 0),"
	    " coalesce(sum(CASE WHEN sent_at IS NULL THEN 0 ELSE 1 END), 0),"
	    " coalesce(min(CASE WHEN sent_at IS NULL THEN next_at END), 0)"
	    " FROM outbox");
	int		 rc;

	*pending = *sent = *next_at = 0;
	if (q == NULL)
		return -1;
	if ((rc = store_row(st, q, "outbox counts")) == 0) {
		*pending = db_column_int64(q, 0);
		*sent = db_column_int64(q, 1);
		*next_at = db_column_int64(q, 2);
	}
	db_reset(q);
	return rc == -1 ? -1 : 0;
}
