/*
 * Storage conformance, part two (test_store.c is part one): reports, the
 * HR dashboard, quiz statistics, the learner's lists, certificate
 * verification codes, agency settings, SIASN export state and login
 * throttle counters, through the store API only (no SQL here), against
 * a fresh database, so every backend runs the same checks.
 *
 * LENTERA_TEST_DB: the database to run against (a store_open target, e.g.
 * a PostgreSQL URL); it must be fresh and empty. Default: a new SQLite
 * file in a temporary folder.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "store.h"
#include "store_settings.h"
#include "store_siasn.h"
#include "t.h"

#define TEST_NOW	1780000000
#define NIP_A	"199001012015011001"
#define NIP_B	"199002022016022002"
#define NIP_H	"198003032005031003"
#define CODE_A	"ABCDEFGHJKMNPQRS"	/* 16 Crockford symbols */
#define QUIZ	"final.lua"

static char	 dir[64], path[128];
static int64_t	 uid_a, uid_b, uid_h, att_a1;
static char	 cert_a[64], cert_b[64];

static void
mkuser(struct store *st, const char *nip, const char *name, int role,
    const char *unit, int64_t *id)
{
	struct user	 u;

	memset(&u, 0, sizeof(u));
	snprintf(u.nip, sizeof(u.nip), "%s", nip);
	snprintf(u.name, sizeof(u.name), "%s", name);
	snprintf(u.unit, sizeof(u.unit), "%s", unit);
	u.role = role;
	T_OK(store_user_insert(st, &u, NULL, id) == 0, "fixture user");
}

static int64_t
mkattempt(struct store *st, int64_t user, int no, double percent,
    int64_t at)
{
	struct attempt	*a = calloc(1, sizeof(*a));
	int64_t		 id = 0;

	if (a == NULL)
		return 0;
	a->user_id = user;
	snprintf(a->course, sizeof(a->course), "k1");
	snprintf(a->quiz, sizeof(a->quiz), QUIZ);
	a->attempt_no = no;
	snprintf(a->ids, sizeof(a->ids), "q1 q2");
	a->started_at = at - 100;
	if (store_attempt_insert(st, a, "{}") == 0) {
		a->submitted_at = at;
		a->score = percent / 50;
		a->max = 2;
		a->percent = percent;
		a->passed = percent >= 60;
		if (store_attempt_submit(st, a) == 0)
			id = a->id;
	}
	free(a);
	return id;
}

static void
mkcompletion(struct store *st, int64_t user, const char *course,
    const char *code, char *cert, int64_t at)
{
	struct completion	 c;
	int64_t			 seq = 0;

	memset(&c, 0, sizeof(c));
	c.user_id = user;
	snprintf(c.course, sizeof(c.course), "%s", course);
	snprintf(c.course_title, sizeof(c.course_title), "Kursus %s", course);
	snprintf(c.competency, sizeof(c.competency), "Pelayanan Publik");
	snprintf(c.ctype, sizeof(c.ctype), "teknis");
	c.level = 2;
	c.jp = 4;
	c.year = 2026;
	c.started_at = at - 1000;
	c.completed_at = at;
	c.score = 90;
	if (store_begin(st) == 0) {
		if (store_counter_next(st, "cert", &seq) == 0)
			T_OK(store_commit(st) == 0, "fixture certificate number");
		else {
			store_rollback(st);	/* never leave the lock held */
			T_OK(0, "fixture certificate number");
		}
	} else
		T_OK(0, "fixture certificate number: begin");
	snprintf(c.cert_no, sizeof(c.cert_no), "LTR/2026/%06lld", (long long)seq);
	snprintf(c.payload, sizeof(c.payload), "{}");
	snprintf(c.sig, sizeof(c.sig), "c2ln");
	snprintf(c.code, sizeof(c.code), "%s", code);
	snprintf(c.holder_name, sizeof(c.holder_name), "Nama Terbit");
	T_OK(store_completion_insert(st, &c) == 0, "fixture completion");
	snprintf(cert, 64, "%s", c.cert_no);
}

static void
fixture(struct store *st)
{
	mkuser(st, NIP_A, "Rina", ROLE_LEARNER, "Bidang A", &uid_a);
	mkuser(st, NIP_B, "Budi", ROLE_LEARNER, "Bidang B", &uid_b);
	mkuser(st, NIP_H, "Sri", ROLE_HR, "Bidang A", &uid_h);
	T_OK(store_progress_mark(st, uid_a, "k1", "01", 1000) == 0 &&
	    store_progress_mark(st, uid_a, "k3", "01", 1500) == 0 &&
	    store_progress_mark(st, uid_b, "k2", "01", 1200) == 0 &&
	    store_progress_mark(st, uid_b, "k2", "02", 1300) == 0,
	    "fixture progress");
	att_a1 = mkattempt(st, uid_a, 1, 80, 2000);
	T_OK(att_a1 > 0 && mkattempt(st, uid_a, 2, 90, 2100) > 0 &&
	    mkattempt(st, uid_b, 1, 40, 2200) > 0, "fixture attempts");
	T_OK(store_mark_put(st, att_a1, 0, "q1", 1, 1, 1) == 0 &&
	    store_mark_put(st, att_a1, 1, "q2", 0.5, 1, 0) == 0,
	    "fixture marks");
	mkcompletion(st, uid_a, "k1", CODE_A, cert_a, 3000);
	/* No code given: the backend or the backfill must supply one. */
	mkcompletion(st, uid_b, "k2", "", cert_b, 3100);
}

/* Callback counters. */
struct tally {
	int	 n;
	int	 first_no;
	double	 last;
	int	 ordered;
	int	 flag;
	int	 stop_at;
};

static void
att_cb(void *arg, const struct attempt *a)
{
	struct tally	*t = arg;

	if (t->n++ == 0)
		t->first_no = a->attempt_no;
}

static void
pct_cb(void *arg, double p)
{
	struct tally	*t = arg;

	if (t->n++ > 0 && p < t->last)
		t->ordered = 0;
	t->last = p;
}

static void
marks_cb(void *arg, int64_t id, double pct, const char *qid, double score,
    double points)
{
	struct tally	*t = arg;

	(void)pct;
	(void)points;
	if (id == att_a1 && ((t->n == 0 && strcmp(qid, "q1") == 0 &&
	    score == 1) || (t->n == 1 && strcmp(qid, "q2") == 0)))
		t->flag++;
	t->n++;
}

static void
people_cb(void *arg, const struct stats_person *p)
{
	struct tally	*t = arg;

	t->n++;
	if (strcmp(p->nip, NIP_A) == 0 && p->attempts == 2 && p->best == 90 &&
	    p->last == 90 && p->passed && p->last_at == 2100)
		t->flag = 1;
}

static void
test_quiz_lists(struct store *st)
{
	struct tally	 t;
	int		 attempts = 0, learners = 0, more = -1;

	memset(&t, 0, sizeof(t));
	T_OK(store_attempt_list_user(st, uid_a, 10, att_cb, &t) == 0 &&
	    t.n == 2 && t.first_no == 2,
	    "store attempt list user: newest first");
	memset(&t, 0, sizeof(t));
	T_OK(store_attempt_list_user(st, uid_a, 1, att_cb, &t) == 0 && t.n == 1,
	    "store attempt list user honours its limit");
	memset(&t, 0, sizeof(t));
	T_OK(store_attempt_first_each(st, "k1", QUIZ, 10, att_cb, &t) == 0 &&
	    t.n == 2 && t.first_no == 1,
	    "store attempt first each: attempt 1 of each learner");
	memset(&t, 0, sizeof(t));
	T_OK(store_attempt_first_each(st, "k1", QUIZ, 1, att_cb, &t) == 0 &&
	    t.n == 1, "store attempt first each honours its limit");
	T_OK(store_stats_count(st, "k1", QUIZ, &attempts, &learners) == 0 &&
	    attempts == 3 && learners == 2, "store stats count");
	T_OK(store_stats_count(st, "k1", "none.lua", &attempts, &learners) == 0 &&
	    attempts == 0 && learners == 0, "store stats count: 0 for none");
	memset(&t, 0, sizeof(t));
	t.ordered = 1;
	T_OK(store_stats_percents(st, "k1", QUIZ, pct_cb, &t) == 0 &&
	    t.n == 3 && t.ordered && t.last == 90,
	    "store stats percents ascending");
	memset(&t, 0, sizeof(t));
	T_OK(store_stats_first_marks(st, "k1", QUIZ, marks_cb, &t) == 0 &&
	    t.n == 2 && t.flag == 2, "store stats first marks in order");
	memset(&t, 0, sizeof(t));
	T_OK(store_stats_people(st, "k1", QUIZ, 10, people_cb, &t, &more) == 0 &&
	    t.n == 2 && t.flag == 1 && more == 0,
	    "store stats people: attempts, best, last, passed");
	memset(&t, 0, sizeof(t));
	T_OK(store_stats_people(st, "k1", QUIZ, 1, people_cb, &t, &more) == 0 &&
	    t.n == 1 && more == 1, "store stats people: limit sets more");
}

static void
open_cb(void *arg, const char *course, int64_t done, int64_t first)
{
	struct tally	*t = arg;

	t->n++;
	if (strcmp(course, "k2") == 0 && done == 2 && first == 1200)
		t->flag = 1;
	if (strcmp(course, "k1") == 0)
		t->flag = -100;		/* completed: not open */
}

static void
test_open_and_codes(struct store *st)
{
	struct completion	 c;
	struct tally		 t;

	memset(&t, 0, sizeof(t));
	T_OK(store_progress_open(st, uid_b, open_cb, &t) == 0 && t.n == 0,
	    "store progress open: a completed course is not open");
	memset(&t, 0, sizeof(t));
	T_OK(store_progress_open(st, uid_a, open_cb, &t) == 0 && t.n == 1 &&
	    t.flag == 0, "store progress open: started, not completed");
	T_OK(store_completion_verify(st, cert_a, &c) == 0 &&
	    strcmp(c.code, CODE_A) == 0 &&
	    strcmp(c.holder_name, "Nama Terbit") == 0 && c.user_id == uid_a,
	    "store completion verify: code and name as issued");
	T_OK(store_completion_verify(st, "LTR/2026/999999", &c) == 1,
	    "store completion verify: 1 when missing");
}

static void
gen_code(char *code)
{
	snprintf(code, STORE_CODE_MAX, "%s", "ZYXWVTSRQPNMKJHG");
}

static int
comp_cb(void *arg, const struct completion *c)
{
	struct tally	*t = arg;

	(void)c;
	return ++t->n == t->stop_at;
}

static void
name_cb(void *arg, const char *s)
{
	struct tally	*t = arg;

	(void)s;
	t->n++;
}

static void
course_cb(void *arg, const char *id, const char *title)
{
	struct tally	*t = arg;

	t->n++;
	if (strcmp(id, "k1") == 0 && strcmp(title, "Kursus k1") == 0)
		t->flag = 1;
}

static void
test_reports(struct store *st)
{
	struct report_filter	 f;
	struct tally		 t;
	int64_t			 n = -1;

	memset(&f, 0, sizeof(f));
	f.year = 2026;
	T_OK(store_report_completions_count(st, &f, &n) == 0 && n == 2,
	    "store report completions count");
	memset(&t, 0, sizeof(t));
	t.stop_at = 1;
	T_OK(store_report_completions(st, &f, comp_cb, &t) == 1 && t.n == 1,
	    "store report completions: fn stops it (1)");
	f.limit = 1;
	memset(&t, 0, sizeof(t));
	T_OK(store_report_completions(st, &f, comp_cb, &t) == 0 && t.n == 1,
	    "store report completions honours the limit");
	f.limit = 0;
	f.offset = 1;
	memset(&t, 0, sizeof(t));
	T_OK(store_report_completions(st, &f, comp_cb, &t) == 0 && t.n == 1,
	    "store report completions honours the offset (no limit)");
	f.offset = 0;
	snprintf(f.unit, sizeof(f.unit), "Bidang B");
	T_OK(store_report_completions_count(st, &f, &n) == 0 && n == 1,
	    "store report completions count by unit");
	f.unit[0] = '\0';
	/* JP sums: the ledger's (store_ledger.h, test_store.c). */
	memset(&t, 0, sizeof(t));
	T_OK(store_hr_unit_names(st, 10, name_cb, &t) == 0 && t.n == 2,
	    "store hr unit names (distinct)");
	memset(&t, 0, sizeof(t));
	T_OK(store_hr_unit_names(st, 1, name_cb, &t) == 0 && t.n == 1,
	    "store hr unit names honours its limit");
	memset(&t, 0, sizeof(t));
	T_OK(store_hr_courses(st, 10, course_cb, &t) == 0 && t.n == 2 &&
	    t.flag == 1, "store hr courses with titles");
}

struct xtally {
	int		 n, completed, passed, failed;
	struct xapi_row	 last;
	int		 stop_at;
	int		 ordered;
};

static int
xapi_cb(void *arg, const struct xapi_row *x)
{
	struct xtally	*t = arg;

	if (t->n > 0 && x->at < t->last.at)
		t->ordered = 0;
	t->n++;
	t->completed += x->verb == STORE_XAPI_COMPLETED;
	t->passed += x->verb == STORE_XAPI_PASSED;
	t->failed += x->verb == STORE_XAPI_FAILED;
	t->last = *x;
	return t->n == t->stop_at;
}

static void
test_xapi(struct store *st)
{
	struct xapi_filter	 f;
	struct xtally		 t, u;

	memset(&f, 0, sizeof(f));
	f.since = -1;
	f.until = INT64_MAX;
	f.akind = -1;
	f.diag = "";
	f.limit = 50;
	memset(&t, 0, sizeof(t));
	t.ordered = 1;
	T_OK(store_report_xapi(st, &f, xapi_cb, &t) == 0 && t.n == 5 &&
	    t.ordered && t.completed == 2 && t.passed == 2 && t.failed == 1,
	    "store report xapi: completions and attempts in time order");
	f.limit = 2;
	memset(&t, 0, sizeof(t));
	T_OK(store_report_xapi(st, &f, xapi_cb, &t) == 0 && t.n == 2,
	    "store report xapi: a page");
	f.after = &t.last;
	f.limit = 50;
	memset(&u, 0, sizeof(u));
	u.ordered = 1;
	T_OK(store_report_xapi(st, &f, xapi_cb, &u) == 0 && u.n == 3 && u.ordered,
	    "store report xapi: the next page after the cursor");
	f.after = NULL;
	f.descending = 1;
	memset(&t, 0, sizeof(t));
	T_OK(store_report_xapi(st, &f, xapi_cb, &t) == 0 && t.n == 5 &&
	    t.last.at == 2000, "store report xapi descending");
	f.descending = 0;
	f.diag = "\nk1/" QUIZ "\n";
	memset(&t, 0, sizeof(t));
	T_OK(store_report_xapi(st, &f, xapi_cb, &t) == 0 && t.completed == 5,
	    "store report xapi: a quiz without pass mark is 'completed'");
	f.diag = "";
	f.akind = 1;
	f.acourse = "k1";
	f.aquiz = QUIZ;
	f.verb = STORE_XAPI_FAILED;
	memset(&t, 0, sizeof(t));
	T_OK(store_report_xapi(st, &f, xapi_cb, &t) == 0 && t.n == 1,
	    "store report xapi by activity and verb");
	memset(&f, 0, sizeof(f));
	f.diag = "";
	memset(&t, 0, sizeof(t));
	T_OK(store_report_xapi_all(st, &f, xapi_cb, &t) == 0 && t.n == 5,
	    "store report xapi all");
	memset(&t, 0, sizeof(t));
	t.stop_at = 1;
	T_OK(store_report_xapi_all(st, &f, xapi_cb, &t) == 1 && t.n == 1,
	    "store report xapi all: fn stops it (1)");
}

static void
test_settings(struct store *st)
{
	struct settings	 s;

	T_OK(store_settings_get(st, &s) == 0 && s.agency[0] == '\0' &&
	    s.updated_at == 0, "store settings get: empty when never saved");
	snprintf(s.agency, sizeof(s.agency), "BKPSDM Kota Contoh");
	snprintf(s.signer_nip, sizeof(s.signer_nip), NIP_H);
	snprintf(s.siasn_lokasi, sizeof(s.siasn_lokasi), "A5EB03E2");
	T_OK(store_settings_save(st, &s, 5000, uid_h, "settings.save", "x",
	    "127.0.0.1") == 0, "store settings save");
	memset(&s, 0, sizeof(s));
	T_OK(store_settings_get(st, &s) == 0 &&
	    strcmp(s.agency, "BKPSDM Kota Contoh") == 0 &&
	    strcmp(s.signer_nip, NIP_H) == 0 &&
	    strcmp(s.siasn_lokasi, "A5EB03E2") == 0 && s.updated_at == 5000,
	    "store settings get what was saved");
}

static int
siasn_cb(void *arg, const struct siasn_row *r)
{
	struct siasn_row	*out = arg;

	if (r->c.user_id == uid_a || strcmp(r->c.nip, NIP_A) == 0)
		*out = *r;
	out[1].exported++;	/* rows seen */
	return 0;
}

static void
batch_cb(void *arg, const struct siasn_batch_row *b)
{
	struct siasn_batch_row	*out = arg;

	*out = *b;
}

static void
test_siasn(struct store *st)
{
	struct siasn_filter	 f = { 2026, 0, 0, "", 0 };
	struct siasn_row	 r[2];
	struct siasn_batch_row	 b, got;
	struct siasn_sent	 e;
	int64_t			 batch = 0, exported = -1, recorded = -1;
	char			 pns[STORE_SIASN_ID_MAX + 1];

	T_OK(store_siasn_pns_get(st, uid_a, pns, sizeof(pns)) == 0 &&
	    pns[0] == '\0', "store siasn pns get: \"\" when none");
	T_OK(store_siasn_pns_get(st, 999999, pns, sizeof(pns)) == 1,
	    "store siasn pns get: 1 for no such user");
	T_OK(store_siasn_pns_set(st, uid_a, "8ae48398") == 0 &&
	    store_siasn_pns_set(st, uid_a, "8ae48399") == 0 &&
	    store_siasn_pns_get(st, uid_a, pns, sizeof(pns)) == 0 &&
	    strcmp(pns, "8ae48399") == 0, "store siasn pns set replaces");
	memset(r, 0, sizeof(r));
	T_OK(store_siasn_entries(st, &f, siasn_cb, r) == 0 &&
	    r[1].exported == 2 && strcmp(r[0].c.cert_no, cert_a) == 0 &&
	    strcmp(r[0].pns_orang_id, "8ae48399") == 0 && !r[0].exported &&
	    strcmp(r[0].c.code, CODE_A) == 0,
	    "store siasn entries: certified completions, not yet exported");
	memset(&b, 0, sizeof(b));
	b.created_at = 6000;
	snprintf(b.filters, sizeof(b.filters), "year=2026");
	snprintf(b.fname, sizeof(b.fname), "siasn-2026.json");
	b.entries = 1;
	memset(&e, 0, sizeof(e));
	e.id = r[0].c.id;
	memset(e.hash, 0x5a, sizeof(e.hash));
	T_OK(store_siasn_save(st, &b, &e, 1, uid_h, "127.0.0.1", &batch) == 0 &&
	    batch > 0, "store siasn save a batch");
	T_OK(store_siasn_save(st, &b, &e, 1, uid_h, "127.0.0.1", &batch) == 1,
	    "store siasn save: 1 when an entry was exported meanwhile");
	f.batch = batch;
	memset(r, 0, sizeof(r));
	T_OK(store_siasn_entries(st, &f, siasn_cb, r) == 0 &&
	    r[1].exported == 1 && r[0].exported && r[0].batch == batch &&
	    memcmp(r[0].hash, e.hash, 32) == 0 && r[0].exported_at == 6000,
	    "store siasn entries of a batch, with the hash sent");
	T_OK(store_siasn_record(st, cert_a, "riwayat-1", 6100) == 0,
	    "store siasn record");
	T_OK(store_siasn_record(st, cert_b, "riwayat-2", 6100) == 2,
	    "store siasn record: 2 when never exported");
	T_OK(store_siasn_record(st, "LTR/2026/999999", "x", 6100) == 1,
	    "store siasn record: 1 for no such certificate");
	T_OK(store_siasn_counts(st, &exported, &recorded) == 0 &&
	    exported == 1 && recorded == 1, "store siasn counts");
	memset(&got, 0, sizeof(got));
	T_OK(store_siasn_batches(st, 10, batch_cb, &got) == 0 &&
	    got.id == batch && strcmp(got.actor_nip, NIP_H) == 0 &&
	    strcmp(got.fname, "siasn-2026.json") == 0,
	    "store siasn batches with the actor");
	T_OK(store_siasn_pns_set(st, uid_a, NULL) == 0 &&
	    store_siasn_pns_get(st, uid_a, pns, sizeof(pns)) == 0 &&
	    pns[0] == '\0', "store siasn pns set NULL clears");
}

static void
test_throttle(struct store *st)
{
	struct throttle_row	 t = { 2, 100, 50 }, g;

	T_OK(store_throttle_get(st, "n:" NIP_A, &g) == 1 && g.fails == 0,
	    "store throttle get: 1 and zeroed when none");
	T_OK(store_throttle_put(st, "n:" NIP_A, &t) == 0 &&
	    store_throttle_get(st, "n:" NIP_A, &g) == 0 && g.fails == 2 &&
	    g.last_at == 100 && g.noted_at == 50, "store throttle put and get");
	t.fails = 3;
	T_OK(store_throttle_put(st, "n:" NIP_A, &t) == 0 &&
	    store_throttle_get(st, "n:" NIP_A, &g) == 0 && g.fails == 3,
	    "store throttle put replaces");
	T_OK(store_throttle_undo(st, "n:" NIP_A) == 0 &&
	    store_throttle_get(st, "n:" NIP_A, &g) == 0 && g.fails == 2,
	    "store throttle undo: one fewer");
	T_OK(store_throttle_undo(st, "n:" NIP_A) == 0 &&
	    store_throttle_undo(st, "n:" NIP_A) == 0 &&
	    store_throttle_undo(st, "n:" NIP_A) == 0 &&
	    store_throttle_get(st, "n:" NIP_A, &g) >= 0 && g.fails == 0,
	    "store throttle undo never below 0");
	T_OK(store_throttle_put(st, "a:127.0.0.1", &t) == 0 &&
	    store_throttle_clear(st, "a:127.0.0.1") == 0 &&
	    store_throttle_get(st, "a:127.0.0.1", &g) == 1,
	    "store throttle clear");
	t.last_at = 100;
	T_OK(store_throttle_put(st, "a:10.0.0.1", &t) == 0 &&
	    store_throttle_purge(st, 101) == 0 &&
	    store_throttle_get(st, "a:10.0.0.1", &g) == 1,
	    "store throttle purge drops quiet rows");
}

int
main(void)
{
	struct store		*st = NULL;
	struct completion	 c;
	const char		*target = getenv("LENTERA_TEST_DB");
	char			 err[128];
	int			 n;

	snprintf(dir, sizeof(dir), "/tmp/lentera-store2-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	if (target != NULL && target[0] != '\0')
		snprintf(path, sizeof(path), "%s", target);
	else
		snprintf(path, sizeof(path), "%s/lentera.db", dir);
	if (setenv("LENTERA_TEST_NOW", "1780000000", 1) == -1 ||
	    clock_test_enable(err, sizeof(err)) == -1) {
		printf("FAIL test clock: %s\n", err);
		return 1;
	}
	T_OK(store_migrate(path) == 0 && store_open(path, &st) == 0,
	    "store open a fresh database");
	if (st == NULL)
		T_DONE();
	fixture(st);
	test_quiz_lists(st);
	test_open_and_codes(st);
	n = store_completion_backfill_codes(st, gen_code);
	T_OK(n >= 0 && store_completion_verify(st, cert_b, &c) == 0 &&
	    strlen(c.code) == 16 && store_completion_verify(st, cert_a, &c) == 0 &&
	    strcmp(c.code, CODE_A) == 0,
	    "store completion backfill codes: every certificate has one, "
	    "given ones kept");
	T_OK(store_completion_backfill_codes(st, gen_code) == 0,
	    "store completion backfill codes: nothing left the second time");
	memset(&c, 0, sizeof(c));
	c.user_id = uid_a;
	snprintf(c.course, sizeof(c.course), "k1");
	c.year = 2026;
	T_OK(store_completion_insert(st, &c) == STORE_CONFLICT,
	    "store completion insert: STORE_CONFLICT when completed already");
	test_reports(st);
	test_xapi(st);
	test_settings(st);
	test_siasn(st);
	test_throttle(st);
	store_close(st);
	{
		char	 cmd[160];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			printf("FAIL store cleanup\n");
	}
	T_DONE();
}
