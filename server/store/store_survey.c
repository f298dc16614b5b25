/* store_survey: needs-survey rounds, their scope, answers, levels, rates
   and reminders, and the atasan's team (SLOT_SURVEY). See store_planb.h. */
#include <stdio.h>
#include <string.h>

#include "store_int.h"
#include "store_planb.h"
#include "survey_sql.h"

/* Statement ids: one per statement, numbered by the compiler from
   this file's range (store_int.h), which STORE_IDS_FIT checks. */
enum {
	S_FILE = SLOT_SURVEY,
	S_FILE_LAST_ = S_FILE + 27,	/* S(0)..S(27) */
	S_SURVEY_END_
};
STORE_IDS_FIT(S_SURVEY_END_, SLOT_SURVEY);

#define S(n)	(S_FILE + (n))

static void
bind_text(struct db_stmt *q, int i, const char *s)
{
	db_bind_text(q, i, s ? s : "", -1);
}

int
store_survey_round_insert(struct store *st, const struct survey_round *r,
    int64_t actor, const char *ip, int64_t *id)
{
	struct db_stmt	*q;
	char		 detail[STORE_TEXT_MAX + 64];
	int		 i;

	if (store_begin(st) == -1)
		return -1;
	if ((q = store_stmt(st, S(0), "INSERT INTO survey_round (year, title,"
	    " opens_at, closes_at, created_by, created_at) VALUES"
	    " (?1, ?2, ?3, ?4, ?5, ?6)")) == NULL)
		goto err;
	db_bind_int(q, 1, r->year);
	bind_text(q, 2, r->title);
	db_bind_int64(q, 3, r->opens_at);
	db_bind_int64(q, 4, r->closes_at);
	if (actor > 0)
		db_bind_int64(q, 5, actor);
	db_bind_int64(q, 6, r->created_at);
	if (store_exec_write(st, q) == -1)
		goto err;
	*id = db_last_id(st->db);
	for (i = 0; i < r->nunits && i < PLANB_UNITS_MAX; i++) {
		if ((q = store_stmt(st, S(1), "INSERT INTO survey_unit (round_id,"
		    " unit) VALUES (?1, ?2) ON CONFLICT DO NOTHING")) == NULL)
			goto err;
		db_bind_int64(q, 1, *id);
		bind_text(q, 2, r->units[i]);
		if (store_exec_write(st, q) == -1)
			goto err;
	}
	snprintf(detail, sizeof(detail), "round=%lld year=%d units=%d title=%s",
	    (long long)*id, r->year, r->nunits, r->title);
	if (store_audit(st, actor, "survey.open", detail, ip) == -1)
		goto err;
	return store_commit(st);
err:
	store_rollback(st);
	return -1;
}

static void
round_row(struct db_stmt *q, struct survey_round *r)
{
	memset(r, 0, sizeof(*r));
	r->id = db_column_int64(q, 0);
	r->year = db_column_int(q, 1);
	store_text(q, 2, r->title, sizeof(r->title));
	r->opens_at = db_column_int64(q, 3);
	r->closes_at = db_column_int64(q, 4);
	r->created_at = db_column_int64(q, 5);
}

int
store_survey_round_get(struct store *st, int64_t id, struct survey_round *r)
{
	struct db_stmt	*q = store_stmt(st, S(2), "SELECT id, year, title,"
	    " opens_at, closes_at, created_at FROM survey_round WHERE id = ?1");
	int		 rc;

	if (q == NULL)
		return -1;
	db_bind_int64(q, 1, id);
	if ((rc = store_row(st, q, "survey round")) != 0) {
		db_reset(q);
		return rc;
	}
	round_row(q, r);
	db_reset(q);
	if ((q = store_stmt(st, S(3), "SELECT unit FROM survey_unit WHERE"
	    " round_id = ?1 ORDER BY unit")) == NULL)
		return -1;
	db_bind_int64(q, 1, id);
	while ((rc = db_step(q)) == DB_ROW && r->nunits < PLANB_UNITS_MAX)
		store_text(q, 0, r->units[r->nunits++], STORE_TEXT_MAX);
	if (rc != DB_ROW && rc != DB_DONE)
		return store_fail(st, "survey units");
	db_reset(q);
	return 0;
}

int
store_survey_rounds(struct store *st, int limit,
    int (*fn)(void *, const struct survey_round *), void *arg)
{
	struct db_stmt	*q = store_stmt(st, S(4), "SELECT id, year, title,"
	    " opens_at, closes_at, created_at FROM survey_round"
	    " ORDER BY id DESC LIMIT ?1");
	struct survey_round r;
	int		 rc;

	if (q == NULL)
		return -1;
	db_bind_int(q, 1, limit);
	while ((rc = db_step(q)) == DB_ROW) {
		round_row(q, &r);
		if (fn(arg, &r)) {
			db_reset(q);
			return 1;
		}
	}
	if (rc != DB_DONE)
		return store_fail(st, "survey rounds");
	db_reset(q);
	return 0;
}

/* The scope test of a round, shared by covers, rates and remind. */
#define IN_SCOPE(round, unit) \
	"(NOT EXISTS (SELECT 1 FROM survey_unit x WHERE x.round_id = " round \
	") OR EXISTS (SELECT 1 FROM survey_unit y WHERE y.round_id = " round \
	" AND y.unit = " unit "))"

int
store_survey_covers(struct store *st, int64_t round, const char *unit)
{
	struct db_stmt	*q = store_stmt(st, S(5), "SELECT 1 WHERE "
	    IN_SCOPE("?1", "?2"));
	int		 rc;

	if (q == NULL)
		return -1;
	db_bind_int64(q, 1, round);
	bind_text(q, 2, unit);
	rc = store_row(st, q, "survey covers");
	db_reset(q);
	return rc == -1 ? -1 : rc == 0;
}

int
store_survey_save(struct store *st, int64_t round, int64_t user, int by_atasan,
    int64_t assessor, const struct survey_answer *a, int n, int64_t now,
    const char *ip)
{
	struct db_stmt	*q;
	char		 detail[128];
	int		 i, own = !st->in_tx;

	if (own && store_begin(st) == -1)
		return -1;
	if ((q = store_stmt(st, S(6), "DELETE FROM survey_answer WHERE"
	    " round_id = ?1 AND user_id = ?2 AND by_atasan = ?3")) == NULL)
		goto err;
	db_bind_int64(q, 1, round);
	db_bind_int64(q, 2, user);
	db_bind_int(q, 3, by_atasan);
	if (store_exec_write(st, q) == -1)
		goto err;
	for (i = 0; i < n; i++) {
		if ((q = store_stmt(st, S(7), "INSERT INTO survey_answer"
		    " (round_id, user_id, by_atasan, competency, ctype, level,"
		    " need, assessor_id, answered_at) VALUES (?1, ?2, ?3, ?4,"
		    " ?5, ?6, ?7, ?8, ?9) ON CONFLICT DO NOTHING")) == NULL)
			goto err;
		db_bind_int64(q, 1, round);
		db_bind_int64(q, 2, user);
		db_bind_int(q, 3, by_atasan);
		bind_text(q, 4, a[i].competency);
		bind_text(q, 5, a[i].ctype);
		db_bind_int(q, 6, a[i].level);
		bind_text(q, 7, a[i].need);
		db_bind_int64(q, 8, assessor);
		db_bind_int64(q, 9, now);
		if (store_exec_write(st, q) == -1)
			goto err;
	}
	if ((q = store_stmt(st, S(25), "INSERT INTO survey_status (round_id,"
	    " user_id, unit, self, atasan) SELECT ?1, u.id, u.unit, ?3, ?4"
	    " FROM users u WHERE u.id = ?2 ON CONFLICT (round_id, user_id) DO"
	    " UPDATE SET unit = excluded.unit, self = CASE WHEN ?5 = 0 THEN"
	    " excluded.self ELSE survey_status.self END, atasan = CASE WHEN"
	    " ?5 = 1 THEN excluded.atasan ELSE survey_status.atasan END")) ==
	    NULL)
		goto err;
	db_bind_int64(q, 1, round);
	db_bind_int64(q, 2, user);
	db_bind_int(q, 3, !by_atasan && n > 0);
	db_bind_int(q, 4, by_atasan && n > 0);
	db_bind_int(q, 5, by_atasan);
	if (store_exec_write(st, q) == -1)
		goto err;
	snprintf(detail, sizeof(detail), "round=%lld user=%lld side=%s n=%d",
	    (long long)round, (long long)user, by_atasan ? "atasan" : "self", n);
	if (store_audit(st, assessor, "survey.answer", detail, ip) == -1)
		goto err;
	return own ? store_commit(st) : 0;
err:
	if (own)
		store_rollback(st);
	return -1;
}

int
store_survey_answers(struct store *st, int64_t round, int64_t user,
    int by_atasan, int (*fn)(void *, const struct survey_answer *, int64_t),
    void *arg)
{
	struct db_stmt	*q = store_stmt(st, S(8), "SELECT competency, ctype,"
	    " level, need, answered_at FROM survey_answer WHERE round_id = ?1"
	    " AND user_id = ?2 AND by_atasan = ?3 ORDER BY competency");
	struct survey_answer a;
	int		 rc;

	if (q == NULL)
		return -1;
	db_bind_int64(q, 1, round);
	db_bind_int64(q, 2, user);
	db_bind_int(q, 3, by_atasan);
	while ((rc = db_step(q)) == DB_ROW) {
		memset(&a, 0, sizeof(a));
		store_text(q, 0, a.competency, sizeof(a.competency));
		store_text(q, 1, a.ctype, sizeof(a.ctype));
		a.level = db_column_int(q, 2);
		store_text(q, 3, a.need, sizeof(a.need));
		if (fn(arg, &a, db_column_int64(q, 4))) {
			db_reset(q);
			return 1;
		}
	}
	if (rc != DB_DONE)
		return store_fail(st, "survey answers");
	db_reset(q);
	return 0;
}

int
store_survey_level(struct store *st, int64_t user, const char *competency,
    int *level, int *by_atasan, int64_t *at)
{
	struct db_stmt	*q = store_stmt(st, S(9), "SELECT level, by_atasan,"
	    " answered_at FROM survey_answer WHERE user_id = ?1 AND"
	    " competency = ?2 ORDER BY round_id DESC, by_atasan DESC LIMIT 1");
	int		 rc;

	if (q == NULL)
		return -1;
	db_bind_int64(q, 1, user);
	bind_text(q, 2, competency);
	if ((rc = store_row(st, q, "survey level")) == 0) {
		*level = db_column_int(q, 0);
		*by_atasan = db_column_int(q, 1);
		*at = db_column_int64(q, 2);
	}
	db_reset(q);
	return rc;
}

int
store_survey_rates(struct store *st, int64_t round,
    int (*fn)(void *, const char *, int64_t, int64_t, int64_t), void *arg)
{
	struct db_stmt	*q;
	char		 unit[STORE_TEXT_MAX];
	int		 rc, scoped;

	if ((q = store_stmt(st, S(26), "SELECT count(*) FROM survey_unit"
	    " WHERE round_id = ?1")) == NULL)
		return -1;
	db_bind_int64(q, 1, round);
	if ((rc = store_row(st, q, "survey scope")) == -1)
		return -1;
	scoped = rc == 0 && db_column_int64(q, 0) > 0;
	db_reset(q);
	if (scoped)
		q = store_stmt(st, S(27), RATES_SCOPED);
	else
		q = store_stmt(st, S(10), RATES_ALL);
	if (q == NULL)
		return -1;
	db_bind_int64(q, 1, round);
	while ((rc = db_step(q)) == DB_ROW) {
		store_text(q, 0, unit, sizeof(unit));
		if (fn(arg, unit, db_column_int64(q, 1),
		    db_column_int64(q, 2), db_column_int64(q, 3))) {
			db_reset(q);
			return 1;
		}
	}
	if (rc != DB_DONE)
		return store_fail(st, "survey rates");
	db_reset(q);
	return 0;
}

int
store_survey_remind(struct store *st, int64_t round, int64_t now,
    int64_t actor, const char *ip, int64_t *n)
{
	struct db_stmt	*q;
	char		 detail[96], ref[32], link[48];

	*n = 0;
	snprintf(ref, sizeof(ref), "%lld", (long long)round);
	snprintf(link, sizeof(link), "/survey/%lld", (long long)round);
	if (store_begin(st) == -1)
		return -1;
	if ((q = store_stmt(st, S(11), "INSERT INTO notification (user_id, at,"
	    " kind, ref, link) SELECT u.id, ?2, 'survey', ?3, ?4 FROM users u"
	    " WHERE u.active = 1 AND u.role = 'learner' AND "
	    IN_SCOPE("?1", "u.unit") " AND NOT EXISTS (SELECT 1 FROM"
	    " survey_status a WHERE a.round_id = ?1 AND a.user_id = u.id AND"
	    " a.self = 1)")) == NULL)
		goto err;
	db_bind_int64(q, 1, round);
	db_bind_int64(q, 2, now);
	bind_text(q, 3, ref);
	bind_text(q, 4, link);
	if (store_exec_write(st, q) == -1)
		goto err;
	*n = db_changes(st->db);
	snprintf(detail, sizeof(detail), "round=%lld reminded=%lld",
	    (long long)round, (long long)*n);
	if (store_audit(st, actor, "survey.remind", detail, ip) == -1)
		goto err;
	return store_commit(st);
err:
	store_rollback(st);
	return -1;
}

int
store_team(struct store *st, const char *nip,
    int (*fn)(void *, const struct user *), void *arg)
{
	struct db_stmt	*q = store_stmt(st, S(12), "SELECT id, nip, name, unit,"
	    " position, email FROM users WHERE nip_atasan = ?1 AND active = 1"
	    " ORDER BY name, id");
	struct user	 u;
	int		 rc;

	if (q == NULL)
		return -1;
	bind_text(q, 1, nip);
	while ((rc = db_step(q)) == DB_ROW) {
		memset(&u, 0, sizeof(u));
		u.id = db_column_int64(q, 0);
		store_text(q, 1, u.nip, sizeof(u.nip));
		store_text(q, 2, u.name, sizeof(u.name));
		store_text(q, 3, u.unit, sizeof(u.unit));
		store_text(q, 4, u.position, sizeof(u.position));
		store_text(q, 5, u.email, sizeof(u.email));
		snprintf(u.nip_atasan, sizeof(u.nip_atasan), "%s", nip);
		u.active = 1;
		u.role = ROLE_LEARNER;
		if (fn(arg, &u)) {
			db_reset(q);
			return 1;
		}
	}
	if (rc != DB_DONE)
		return store_fail(st, "team");
	db_reset(q);
	return 0;
}
