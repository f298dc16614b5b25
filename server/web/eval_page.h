/*
 * eval_page: the pages of training evaluation (docs/evaluation.md; rules
 * in core/evaluation.h). eval_page.c: the learner's level-1 survey and
 * level-3 follow-up, the atasan's follow-up, the "Evaluasi" list with
 * reminders and HR's overdue list; eval_report.c: the course evaluation
 * page (L1-L4, per cohort), its XLSX and the trainer's notes.
 *
 * Two hooks for other pages, each one call: eval_page_offer on a course
 * page (the survey and follow-up links once the course is complete),
 * eval_page_reminder on the home page (what is waiting to be answered),
 * eval_page_coverage on the HR dashboard (coverage figures).
 */
#ifndef LENTERA_EVAL_PAGE_H
#define LENTERA_EVAL_PAGE_H

struct req;
struct course;
struct catalog;

int	eval_page_list(struct req *);		/* GET /evaluasi */
int	eval_page_reaction(struct req *);	/* GET|POST /evaluasi/reaksi/ID */
int	eval_page_followup(struct req *);	/* GET|POST /evaluasi/tindak-lanjut/ID */
int	eval_page_atasan(struct req *);		/* GET|POST /evaluasi/atasan/NIP/ID */
int	eval_report_page(struct req *);		/* GET /evaluasi/kursus/ID */
int	eval_report_xlsx(struct req *);		/* GET /evaluasi/kursus/ID/xlsx */
int	eval_report_note(struct req *);		/* POST /evaluasi/kursus/ID/catatan */

void	eval_page_offer(struct req *, const struct catalog *,
	    const struct course *);
void	eval_page_reminder(struct req *);
void	eval_page_coverage(struct req *, int year, const char *unit);

#endif
