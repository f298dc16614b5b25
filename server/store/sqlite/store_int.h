/*
 * store_int: shared internals of the store*.c files (never included
 * elsewhere). Statements are cached per connection by a fixed slot
 * number; each store file owns a range of slots (see STMT_* below).
 */
#ifndef LENTERA_STORE_INT_H
#define LENTERA_STORE_INT_H

#include <pthread.h>
#include <sqlite3.h>

#define STORE_SLOTS	640	/* statement cache slots per connection */
#define SLOT_CORE	0	/* store.c: 0..47 */
#define SLOT_QUIZ	48	/* store_quiz.c: 48..79 */
#define SLOT_RECORD	80	/* store_record.c: 80..127 */
#define SLOT_REPORT	128	/* store_report.c: 128..175 (API, exports) */
#define SLOT_ROSTER	176	/* store_roster.c: 176..207 (roster, setup codes, HR dashboard) */
#define SLOT_STATS	208	/* store_stats.c: 208..255 (quiz statistics) */
#define SLOT_SETTINGS	256	/* store_settings.c: 256..287 (agency settings, PDF) */
#define SLOT_SIASN	288	/* store_siasn.c: 288..319 */
#define SLOT_LEDGER	320	/* ledger: 320..383 */
#define SLOT_EVAL	384	/* eval: 384..447 */
#define SLOT_PLANA	448	/* plana: 448..511 */
#define SLOT_PLANB	512	/* planb: 512..575 */
#define SLOT_PERF	576	/* perf: 576..639 */

/* plan_gap's list indexes (migration 13): the lists walk them and stop
   at the page's end; gap_refresh drops them while it rewrites the table
   and builds them again in one pass (store_plan_a.c). */
#define PLAN_GAP_INDEXES \
	"CREATE INDEX IF NOT EXISTS plan_gap_priority ON plan_gap(priority, gap," \
	" user_id, ckey);" \
	"CREATE INDEX IF NOT EXISTS plan_gap_gap ON plan_gap(gap, priority," \
	" user_id, ckey);" \
	"CREATE INDEX IF NOT EXISTS plan_gap_ckey ON plan_gap(ckey, gap DESC," \
	" priority DESC, user_id DESC);"

struct store {
	sqlite3		*db;
	sqlite3_stmt	*stmt[STORE_SLOTS];
	int		 in_tx;
};

/* The in-process write lock: one writer at a time (store.c). */
extern pthread_mutex_t	 store_write_mu;

/* Prepared (cached) statement for slot, reset and with bindings cleared. */
sqlite3_stmt	*store_stmt(struct store *, int slot, const char *sql);
int		 store_fail(struct store *, const char *what);
/* Step a one-row lookup: 0 a row is there to read, 1 none, -1 error. */
int		 store_row(struct store *, sqlite3_stmt *, const char *what);
void		 store_text(sqlite3_stmt *, int col, char *dst, size_t len);
/* Run one write statement under the write lock when not already in a tx. */
int		 store_exec_write(struct store *, sqlite3_stmt *);

/* Completion joined with its user (store_record.c; reports reuse it). */
#define STORE_COMPLETION_COLS "c.id, c.user_id, c.course, c.course_title, " \
	"c.competency, c.competency_type, c.level, c.jp, c.year, " \
	"c.started_at, c.completed_at, coalesce(c.score, -1), " \
	"coalesce(c.cert_no, ''), coalesce(c.cert_payload, ''), " \
	"coalesce(c.cert_sig, ''), u.nip, u.name, u.unit, u.position, u.golongan"
struct completion;
void		 store_completion_row(sqlite3_stmt *, struct completion *);

#endif
