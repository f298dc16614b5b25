/* store_eval: the evaluation tables (migration 12). See store_eval.h. */
#include <stdio.h>
#include <string.h>

#include "store.h"
#include "store_eval.h"
#include "store_int.h"

enum {
	S_DONE = SLOT_EVAL, S_DONE_INS, S_REACT_INS, S_ANSWER_INS,
	S_PENDING, S_RELEASE, S_VERSIONS, S_VALUES, S_TEXTS, S_RATES,
	S_PEOPLE, S_TEAM, S_PERSON, S_FU_INS, S_NOTE_INS, S_NOTES, S_UNITS,
	S_SKP, S_IKM, S_PEOPLE_USER,
	S_EVAL_END_
};
STORE_IDS_FIT(S_EVAL_END_, SLOT_EVAL);

int
store_eval_reaction_done(struct store *st, int64_t user, const char *course,
    int *done)
{
	struct db_stmt	*s = store_stmt(st, S_DONE,
	    "SELECT 1 FROM eval_reaction_done WHERE user_id = ?1"
	    " AND course = ?2");
	int		 rc;

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, user);
	db_bind_text(s, 2, course, -1);
	if ((rc = store_row(st, s, "eval done")) == -1)
		return -1;
	*done = rc == 0;
	db_reset(s);
	return 0;
}

static int
release(struct store *st, const char *course, const char *version, int batch,
    int64_t now)
{
	struct db_stmt	*s = store_stmt(st, S_PENDING,
	    "SELECT count(*) FROM eval_reaction WHERE course = ?1"
	    " AND version = ?2 AND batch IS NULL");
	int		 n;

	if (s == NULL)
		return -1;
	db_bind_text(s, 1, course, -1);
	db_bind_text(s, 2, version, -1);
	if (store_row(st, s, "eval pending") != 0)
		return -1;
	n = db_column_int(s, 0);
	db_reset(s);
	if (n < batch)
		return 0;
	if ((s = store_stmt(st, S_RELEASE, "UPDATE eval_reaction SET batch = ?3"
	    " WHERE course = ?1 AND version = ?2 AND batch IS NULL")) == NULL)
		return -1;
	db_bind_text(s, 1, course, -1);
	db_bind_text(s, 2, version, -1);
	db_bind_int64(s, 3, now);
	return store_exec_write(st, s);
}

int
store_eval_reaction_save(struct store *st, int64_t user, const char *course,
    int64_t id, const char *version, int scale_max, const struct eval_answer_in *a, int n, int batch,
    int64_t now)
{
	struct db_stmt	*s;
	int		 i;

	if (store_begin(st) == -1)
		return -1;
	if ((s = store_stmt(st, S_DONE_INS, "INSERT INTO eval_reaction_done"
	    " (user_id, course, at) VALUES (?1, ?2, ?3)"
	    " ON CONFLICT (user_id, course) DO NOTHING")) == NULL)
		goto err;
	db_bind_int64(s, 1, user);
	db_bind_text(s, 2, course, -1);
	db_bind_int64(s, 3, now);
	if (store_exec_write(st, s) == -1)
		goto err;
	if (db_changes(st->db) == 0) {
		store_rollback(st);
		return 1;
	}
	if ((s = store_stmt(st, S_REACT_INS, "INSERT INTO eval_reaction"
	    " (id, course, version, scale_max) VALUES (?1, ?2, ?3, ?4)")) == NULL)
		goto err;
	db_bind_int64(s, 1, id);
	db_bind_text(s, 2, course, -1);
	db_bind_text(s, 3, version, -1);
	db_bind_int(s, 4, scale_max);
	if (store_exec_write(st, s) == -1)
		goto err;
	for (i = 0; i < n; i++) {
		if ((s = store_stmt(st, S_ANSWER_INS, "INSERT INTO eval_answer"
		    " (reaction_id, qid, block, kind, value, text)"
		    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)")) == NULL)
			goto err;
		db_bind_int64(s, 1, id);
		db_bind_text(s, 2, a[i].qid, -1);
		db_bind_text(s, 3, a[i].block, -1);
		db_bind_text(s, 4, a[i].kind, -1);
		if (a[i].value > 0)
			db_bind_int(s, 5, a[i].value);
		if (a[i].text != NULL)
			db_bind_text(s, 6, a[i].text, -1);
		if (store_exec_write(st, s) == -1)
			goto err;
	}
	if (release(st, course, version, batch, now) == -1)
		goto err;
	return store_commit(st);
err:
	store_rollback(st);
	return -1;
}

int
store_eval_versions(struct store *st, const char *course,
    void (*fn)(void *, const char *, int, int), void *arg)
{
	struct db_stmt	*s = store_stmt(st, S_VERSIONS,
	    "SELECT version,"
	    " sum(CASE WHEN batch IS NOT NULL THEN 1 ELSE 0 END),"
	    " sum(CASE WHEN batch IS NULL THEN 1 ELSE 0 END),"
	    " min(batch) AS first"
	    " FROM eval_reaction WHERE course = ?1 GROUP BY version"
	    " ORDER BY CASE WHEN min(batch) IS NULL THEN 1 ELSE 0 END,"
	    " min(batch), version");
	char		 v[STORE_EVAL_VERSION_MAX];
	int		 rc;

	if (s == NULL)
		return -1;
	db_bind_text(s, 1, course, -1);
	while ((rc = db_step(s)) == DB_ROW) {
		store_text(s, 0, v, sizeof(v));
		fn(arg, v, db_column_int(s, 1), db_column_int(s, 2));
	}
	db_reset(s);
	return rc == DB_DONE ? 0 : store_fail(st, "eval versions");
}

int
store_eval_values(struct store *st, const char *course, const char *version,
    void (*fn)(void *, const char *, int, int), void *arg)
{
	struct db_stmt	*s = store_stmt(st, S_VALUES,
	    "SELECT a.qid, a.value, count(*) FROM eval_answer a"
	    " JOIN eval_reaction r ON r.id = a.reaction_id"
	    " WHERE r.course = ?1 AND r.version = ?2 AND r.batch IS NOT NULL"
	    " AND a.value IS NOT NULL GROUP BY a.qid, a.value"
	    " ORDER BY a.qid, a.value");
	char		 q[64];
	int		 rc;

	if (s == NULL)
		return -1;
	db_bind_text(s, 1, course, -1);
	db_bind_text(s, 2, version, -1);
	while ((rc = db_step(s)) == DB_ROW) {
		store_text(s, 0, q, sizeof(q));
		fn(arg, q, db_column_int(s, 1), db_column_int(s, 2));
	}
	db_reset(s);
	return rc == DB_DONE ? 0 : store_fail(st, "eval values");
}

int
store_eval_texts(struct store *st, const char *course, const char *version,
    void (*fn)(void *, const char *, const char *), void *arg)
{
	struct db_stmt	*s = store_stmt(st, S_TEXTS,
	    "SELECT a.qid, a.text FROM eval_answer a"
	    " JOIN eval_reaction r ON r.id = a.reaction_id"
	    " WHERE r.course = ?1 AND r.version = ?2 AND r.batch IS NOT NULL"
	    " AND a.text IS NOT NULL AND a.text <> ''"
	    " ORDER BY a.qid, a.text");
	char		 q[64], t[STORE_EVAL_TEXT_MAX];
	int		 rc;

	if (s == NULL)
		return -1;
	db_bind_text(s, 1, course, -1);
	db_bind_text(s, 2, version, -1);
	while ((rc = db_step(s)) == DB_ROW) {
		store_text(s, 0, q, sizeof(q));
		store_text(s, 1, t, sizeof(t));
		fn(arg, q, t);
	}
	db_reset(s);
	return rc == DB_DONE ? 0 : store_fail(st, "eval texts");
}

#define COHORT	"(?1 = '' OR c.course = ?1) AND (?2 = 0 OR c.year = ?2)" \
		" AND (?3 = '' OR u.unit = ?3)"

int
store_eval_rates(struct store *st, const char *course, int year,
    const char *unit, struct eval_rates *out)
{
	struct db_stmt	*s = store_stmt(st, S_RATES,
	    "SELECT count(*), count(d.user_id) FROM completions c"
	    " JOIN users u ON u.id = c.user_id"
	    " LEFT JOIN eval_reaction_done d ON d.user_id = c.user_id"
	    " AND d.course = c.course WHERE " COHORT);

	memset(out, 0, sizeof(*out));
	if (s == NULL)
		return -1;
	db_bind_text(s, 1, course, -1);
	db_bind_int(s, 2, year);
	db_bind_text(s, 3, unit, -1);
	if (store_row(st, s, "eval rates") != 0)
		return -1;
	out->completions = db_column_int64(s, 0);
	out->reacted = db_column_int64(s, 1);
	db_reset(s);
	return 0;
}

/* ?4: the pre-test file (people only). */
#define PERSON_SELECT \
	"SELECT c.user_id, u.nip, u.name, u.unit, u.nip_atasan, c.course," \
	" c.course_title, c.competency, c.year, c.completed_at," \
	" coalesce(c.score, -1)," \
	" coalesce((SELECT a.percent FROM attempts a WHERE a.user_id =" \
	" c.user_id AND a.course = c.course AND a.quiz = ?4" \
	" AND a.submitted_at IS NOT NULL ORDER BY a.attempt_no LIMIT 1), -1)," \
	" coalesce(fl.at, 0), coalesce(fa.at, 0), coalesce(fa.change, 0)," \
	" coalesce(fl.applied, ''), coalesce(fl.example, '')," \
	" coalesce(fa.applied, '')" \
	" FROM completions c JOIN users u ON u.id = c.user_id" \
	" LEFT JOIN eval_followup fl ON fl.user_id = c.user_id" \
	" AND fl.course = c.course AND fl.role = 'learner'" \
	" LEFT JOIN eval_followup fa ON fa.user_id = c.user_id" \
	" AND fa.course = c.course AND fa.role = 'atasan'"

static void
person_row(struct db_stmt *s, struct eval_person *p)
{
	/* Every field is set below (no memset of ~6 KiB per row). */
	p->user_id = db_column_int64(s, 0);
	store_text(s, 1, p->nip, sizeof(p->nip));
	store_text(s, 2, p->name, sizeof(p->name));
	store_text(s, 3, p->unit, sizeof(p->unit));
	store_text(s, 4, p->nip_atasan, sizeof(p->nip_atasan));
	store_text(s, 5, p->course, sizeof(p->course));
	store_text(s, 6, p->course_title, sizeof(p->course_title));
	store_text(s, 7, p->competency, sizeof(p->competency));
	p->year = db_column_int(s, 8);
	p->completed_at = db_column_int64(s, 9);
	p->post = db_column_double(s, 10);
	p->pre = db_column_double(s, 11);
	p->learner_at = db_column_int64(s, 12);
	p->atasan_at = db_column_int64(s, 13);
	p->change = db_column_int(s, 14);
	store_text(s, 15, p->applied, sizeof(p->applied));
	store_text(s, 16, p->example, sizeof(p->example));
	store_text(s, 17, p->comment, sizeof(p->comment));
}

static int
people_each(struct store *st, struct db_stmt *s,
    void (*fn)(void *, const struct eval_person *), void *arg)
{
	struct eval_person p;
	int		 rc;

	while ((rc = db_step(s)) == DB_ROW) {
		person_row(s, &p);
		fn(arg, &p);
	}
	db_reset(s);
	return rc == DB_DONE ? 0 : store_fail(st, "eval people");
}

int
store_eval_people(struct store *st, const char *course, const char *pre,
    int year, const char *unit, void (*fn)(void *, const struct eval_person *),
    void *arg)
{
	struct db_stmt	*s = store_stmt(st, S_PEOPLE, PERSON_SELECT
	    " WHERE " COHORT " ORDER BY c.completed_at, c.id");

	if (s == NULL)
		return -1;
	db_bind_text(s, 1, course, -1);
	db_bind_int(s, 2, year);
	db_bind_text(s, 3, unit, -1);
	db_bind_text(s, 4, pre ? pre : "", -1);
	return people_each(st, s, fn, arg);
}

int
store_eval_team(struct store *st, const char *atasan_nip,
    void (*fn)(void *, const struct eval_person *), void *arg)
{
	struct db_stmt	*s = store_stmt(st, S_TEAM, PERSON_SELECT
	    " WHERE u.nip_atasan = ?1 AND u.active <> 0 "
	    " ORDER BY c.completed_at DESC, c.id DESC");

	if (s == NULL)
		return -1;
	db_bind_text(s, 1, atasan_nip, -1);
	db_bind_text(s, 4, "", -1);
	return people_each(st, s, fn, arg);
}

int
store_eval_people_user(struct store *st, int64_t user,
    void (*fn)(void *, const struct eval_person *), void *arg)
{
	struct db_stmt	*s = store_stmt(st, S_PEOPLE_USER, PERSON_SELECT
	    " WHERE c.user_id = ?1 ORDER BY c.completed_at DESC, c.id DESC");

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, user);
	db_bind_text(s, 4, "", -1);
	return people_each(st, s, fn, arg);
}

int
store_eval_person(struct store *st, int64_t user, const char *course,
    struct eval_person *p)
{
	struct db_stmt	*s = store_stmt(st, S_PERSON, PERSON_SELECT
	    " WHERE c.user_id = ?1 AND c.course = ?2");
	int		 rc;

	if (s == NULL)
		return -1;
	db_bind_int64(s, 1, user);
	db_bind_text(s, 2, course, -1);
	db_bind_text(s, 4, "", -1);
	if ((rc = store_row(st, s, "eval person")) != 0)
		return rc;
	person_row(s, p);
	db_reset(s);
	return 0;
}

int
store_eval_followup_save(struct store *st, int64_t user, const char *course,
    const char *role, int64_t responder, int change, const char *applied,
    const char *example, int64_t now, const char *ip)
{
	struct db_stmt	*s;
	char		 detail[160];

	if (store_begin(st) == -1)
		return -1;
	if ((s = store_stmt(st, S_FU_INS, "INSERT INTO eval_followup"
	    " (user_id, course, role, responder_id, at, change, applied,"
	    " example) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
	    " ON CONFLICT (user_id, course, role) DO NOTHING")) == NULL)
		goto err;
	db_bind_int64(s, 1, user);
	db_bind_text(s, 2, course, -1);
	db_bind_text(s, 3, role, -1);
	db_bind_int64(s, 4, responder);
	db_bind_int64(s, 5, now);
	if (change > 0)
		db_bind_int(s, 6, change);
	db_bind_text(s, 7, applied, -1);
	db_bind_text(s, 8, example, -1);
	if (store_exec_write(st, s) == -1)
		goto err;
	if (db_changes(st->db) == 0) {
		store_rollback(st);
		return 1;
	}
	snprintf(detail, sizeof(detail), "course=%s role=%s user=%lld", course,
	    role, (long long)user);
	if (store_audit(st, responder, "eval.followup", detail, ip) == -1)
		goto err;
	return store_commit(st);
err:
	store_rollback(st);
	return -1;
}

int
store_eval_note_add(struct store *st, const char *course, const char *version,
    int64_t author, const char *body, int64_t now, const char *ip)
{
	struct db_stmt	*s;
	char		 detail[160];

	if (store_begin(st) == -1)
		return -1;
	if ((s = store_stmt(st, S_NOTE_INS, "INSERT INTO eval_note"
	    " (course, version, at, author_id, body)"
	    " VALUES (?1, ?2, ?3, ?4, ?5)")) == NULL)
		goto err;
	db_bind_text(s, 1, course, -1);
	db_bind_text(s, 2, version, -1);
	db_bind_int64(s, 3, now);
	db_bind_int64(s, 4, author);
	db_bind_text(s, 5, body, -1);
	if (store_exec_write(st, s) == -1)
		goto err;
	snprintf(detail, sizeof(detail), "course=%s version=%s", course,
	    version);
	if (store_audit(st, author, "eval.note", detail, ip) == -1)
		goto err;
	return store_commit(st);
err:
	store_rollback(st);
	return -1;
}

int
store_eval_notes(struct store *st, const char *course,
    void (*fn)(void *, const char *, int64_t, const char *, const char *),
    void *arg)
{
	struct db_stmt	*s = store_stmt(st, S_NOTES,
	    "SELECT n.version, n.at, coalesce(u.name, ''), n.body"
	    " FROM eval_note n LEFT JOIN users u ON u.id = n.author_id"
	    " WHERE n.course = ?1 ORDER BY n.at DESC, n.id DESC");
	char		 v[STORE_EVAL_VERSION_MAX], who[STORE_NAME_MAX];
	char		 body[STORE_EVAL_TEXT_MAX];
	int		 rc;

	if (s == NULL)
		return -1;
	db_bind_text(s, 1, course, -1);
	while ((rc = db_step(s)) == DB_ROW) {
		store_text(s, 0, v, sizeof(v));
		store_text(s, 2, who, sizeof(who));
		store_text(s, 3, body, sizeof(body));
		fn(arg, v, db_column_int64(s, 1), who, body);
	}
	db_reset(s);
	return rc == DB_DONE ? 0 : store_fail(st, "eval notes");
}

int
store_eval_units(struct store *st, const char *course, int year,
    void (*fn)(void *, const char *, int), void *arg)
{
	struct db_stmt	*s = store_stmt(st, S_UNITS,
	    "SELECT u.unit, count(*) FROM completions c"
	    " JOIN users u ON u.id = c.user_id"
	    " WHERE c.course = ?1 AND (?2 = 0 OR c.year = ?2)"
	    " GROUP BY u.unit ORDER BY u.unit");
	char		 unit[STORE_TEXT_MAX];
	int		 rc;

	if (s == NULL)
		return -1;
	db_bind_text(s, 1, course, -1);
	db_bind_int(s, 2, year);
	while ((rc = db_step(s)) == DB_ROW) {
		store_text(s, 0, unit, sizeof(unit));
		fn(arg, unit, db_column_int(s, 1));
	}
	db_reset(s);
	return rc == DB_DONE ? 0 : store_fail(st, "eval units");
}

/*
 * The level-4 reads: the planning imports' tables (store_plan.h):
 * plan_skp (user_id, year, predikat 1..5 from Sangat Baik) and plan_skm
 * (sums per unit, period and unsur; a period names its year first,
 * "2026-S1", "2026-03"). No rows: "no data".
 */
int
store_eval_skp(struct store *st, const char *course, const char *unit, int y,
    int64_t dist[5])
{
	struct db_stmt	*s;
	int		 rc, any = 0, k;

	memset(dist, 0, 5 * sizeof(*dist));
	if ((s = store_stmt(st, S_SKP, "SELECT k.predikat, count(*)"
	    " FROM plan_skp k JOIN users u ON u.id = k.user_id"
	    " WHERE k.year = ?3 AND u.unit = ?2 AND k.user_id IN"
	    " (SELECT c.user_id FROM completions c WHERE c.course = ?1)"
	    " GROUP BY k.predikat")) == NULL)
		return -1;
	db_bind_text(s, 1, course, -1);
	db_bind_text(s, 2, unit, -1);
	db_bind_int(s, 3, y);
	while ((rc = db_step(s)) == DB_ROW) {
		k = db_column_int(s, 0);
		if (k >= 1 && k <= 5) {
			dist[k - 1] += db_column_int64(s, 1);
			any = 1;
		}
	}
	db_reset(s);
	if (rc != DB_DONE)
		return store_fail(st, "eval skp");
	return any ? 0 : 1;
}

int
store_eval_skm_year(struct store *st, const char *unit, int y,
    int64_t total[9], int64_t answers[9])
{
	struct db_stmt	*s;
	char		 year[8];
	int		 rc, u, any = 0;

	memset(total, 0, 9 * sizeof(*total));
	memset(answers, 0, 9 * sizeof(*answers));
	snprintf(year, sizeof(year), "%04d", y);
	if ((s = store_stmt(st, S_IKM, "SELECT unsur, sum(total), sum(answers)"
	    " FROM plan_skm WHERE unit = ?1 AND substr(period, 1, 4) = ?2"
	    " GROUP BY unsur")) == NULL)
		return -1;
	db_bind_text(s, 1, unit, -1);
	db_bind_text(s, 2, year, -1);
	while ((rc = db_step(s)) == DB_ROW) {
		u = db_column_int(s, 0);
		if (u >= 1 && u <= 9) {
			total[u - 1] = db_column_int64(s, 1);
			answers[u - 1] = db_column_int64(s, 2);
			any = 1;
		}
	}
	db_reset(s);
	if (rc != DB_DONE)
		return store_fail(st, "eval skm");
	return any ? 0 : 1;
}
