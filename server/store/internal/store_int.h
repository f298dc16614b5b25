/*
 * store_int: shared internals of the store files (server/store/store*.c;
 * never included elsewhere). They are written against db.h only, so
 * they run on any driver.
 *
 * Statements are prepared once per connection and cached by id. Each
 * store file owns a range of ids (SLOT_X .. SLOT_X_END) and names its
 * statements in one enum starting at SLOT_X; STORE_IDS_FIT makes a file
 * that outgrows its range a compile error and two files claiming one
 * range a link error, so two statements can never share an id. scripts/store-port.sh turns hand-numbered
 * "SLOT_X + n" files into this form.
 */
#ifndef LENTERA_STORE_INT_H
#define LENTERA_STORE_INT_H

#include <stddef.h>

#include "db.h"

#define SLOT_CORE	0	/* store.c */
#define SLOT_THROTTLE	24	/* store_throttle.c (login throttle) */
#define SLOT_QUIZ	48	/* store_quiz.c */
#define SLOT_RECORD	80	/* store_record.c */
#define SLOT_REPORT	128	/* store_report.c (API, exports) */
#define SLOT_ROSTER	176	/* store_roster.c (roster, setup codes, HR dashboard) */
#define SLOT_STATS	208	/* store_stats.c (quiz statistics) */
#define SLOT_SETTINGS	256	/* store_settings.c (agency settings, PDF) */
#define SLOT_SIASN	288	/* store_siasn.c */
#define SLOT_LEDGER	320	/* ledger: store_ledger.c 320..335 */
#define SLOT_LEARNREC	336	/* ledger: store_learnrec.c 336..359 */
#define SLOT_PROGRAMME	360	/* ledger: store_programme.c 360..383 */
#define SLOT_EVAL	384	/* eval */
#define SLOT_PLANA	448	/* plana */
#define SLOT_PLANB	512	/* planb: store_plan_b.c 512..543 */
#define SLOT_PLANB_SEND	544	/* planb: store_plan_b_send.c 544..575 */
#define SLOT_PERF	576	/* perf */
#define SLOT_AGG	640	/* perfdata: pre-aggregated counters */
#define SLOT_SURVEY	672	/* store_survey.c (split from store_plan_b.c) */
#define STORE_SLOTS	704	/* statement cache slots per connection */

#define SLOT_CORE_END		SLOT_THROTTLE
#define SLOT_THROTTLE_END	SLOT_QUIZ
#define SLOT_QUIZ_END		SLOT_RECORD
#define SLOT_RECORD_END		SLOT_REPORT
#define SLOT_REPORT_END		SLOT_ROSTER
#define SLOT_ROSTER_END		SLOT_STATS
#define SLOT_STATS_END		SLOT_SETTINGS
#define SLOT_SETTINGS_END	SLOT_SIASN
#define SLOT_SIASN_END		SLOT_LEDGER
#define SLOT_LEDGER_END		SLOT_LEARNREC
#define SLOT_LEARNREC_END	SLOT_PROGRAMME
#define SLOT_PROGRAMME_END	SLOT_EVAL
#define SLOT_EVAL_END		SLOT_PLANA
#define SLOT_PLANA_END		SLOT_PLANB
#define SLOT_PLANB_END		SLOT_PLANB_SEND
#define SLOT_PLANB_SEND_END	SLOT_PERF
#define SLOT_PERF_END		SLOT_AGG
#define SLOT_AGG_END		SLOT_SURVEY
#define SLOT_SURVEY_END		STORE_SLOTS

/*
 * end: the enum's last member (one past the last id); range: SLOT_X.
 * A file outgrowing its range does not compile; two files claiming one
 * range do not link (each claim defines the symbol store_range_SLOT_X).
 */
#define STORE_IDS_FIT(end, range) \
	_Static_assert((end) <= range##_END, \
	    #range ": more statements than its id range holds"); \
	extern const char store_range_##range[]; \
	const char store_range_##range[] = __FILE__

struct store {
	struct db	*db;
	struct db_stmt	*stmt[STORE_SLOTS];
	int		 in_tx;
};

/* Prepared (cached) statement for id, reset and with bindings cleared;
   NULL (logged) when it does not prepare. */
struct db_stmt	*store_stmt(struct store *, int id, const char *sql);
int		 store_fail(struct store *, const char *what);
/* Step a one-row lookup: 0 a row is there to read, 1 none, -1 error. */
int		 store_row(struct store *, struct db_stmt *, const char *what);
void		 store_text(struct db_stmt *, int col, char *dst, size_t len);
/*
 * Run one write statement (under the driver's write lock when not
 * already in a transaction): 0 done, -1 error (logged), a unique
 * violation included. store_exec_insert is the same but answers
 * STORE_CONFLICT (not logged) for a unique violation, for callers that
 * turn it into an answer.
 */
int		 store_exec_write(struct store *, struct db_stmt *);
int		 store_exec_insert(struct store *, struct db_stmt *);

/* Completion joined with its user (store_record.c; reports reuse it). */
#define STORE_COMPLETION_COLS "c.id, c.user_id, c.course, c.course_title, " \
	"c.competency, c.competency_type, c.level, c.jp, c.year, " \
	"c.started_at, c.completed_at, coalesce(c.score, -1), " \
	"coalesce(c.cert_no, ''), coalesce(c.cert_payload, ''), " \
	"coalesce(c.cert_sig, ''), u.nip, u.name, u.unit, u.position, u.golongan"
struct completion;
void		 store_completion_row(struct db_stmt *, struct completion *);

#endif
