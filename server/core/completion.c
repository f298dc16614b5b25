/* completion: the completion rule and the certificate it issues. */
#include <stdio.h>
#include <string.h>

#include "cert.h"
#include "certificate.h"
#include "completion.h"
#include "config.h"
#include "course.h"
#include "ledger.h"
#include "log.h"

static void
count_done(void *arg, const char *module, int64_t at)
{
	(void)module;
	(void)at;
	(*(int *)arg)++;
}

int
completion_update(struct store *st, const struct user *u, const struct course *co,
    int64_t now)
{
	struct completion c;
	struct buf	 pl = { 0 };
	double		 best = -1;
	int64_t		 seq;
	int		 done = 0, rc;

	if ((rc = store_completion_get(st, u->id, co->id, &c)) != 1)
		return rc == 0 ? 1 : -1;
	if (store_progress_list(st, u->id, co->id, count_done, &done) == -1)
		return -1;
	if (done < co->nmods)
		return 0;
	if (co->final_file[0] && (rc = store_quiz_passed(st, u->id, co->id,
	    co->final_file, &best)) != 0)
		return rc == 1 ? 0 : -1;
	memset(&c, 0, sizeof(c));
	c.user_id = u->id;
	snprintf(c.course, sizeof(c.course), "%s", co->id);
	snprintf(c.course_title, sizeof(c.course_title), "%s", co->title);
	snprintf(c.competency, sizeof(c.competency), "%s", co->competency);
	snprintf(c.ctype, sizeof(c.ctype), "%s", co->ctype);
	c.level = co->level;
	c.jp = co->jp;
	c.completed_at = now;
	c.year = ledger_year(now);
	c.score = best;
	snprintf(c.holder_name, sizeof(c.holder_name), "%s", u->name);
	if (store_progress_first(st, u->id, co->id, &c.started_at) != 0)
		c.started_at = now;
	if (cfg.key != NULL) {
		if (store_counter_next(st, "cert", &seq) == -1 ||
		    cert_number(c.cert_no, sizeof(c.cert_no), cfg.cert_prefix,
		    c.year, (long)seq) == -1) {
			log_warnx("completion: no certificate number for user %lld "
			    "%s (prefix \"%s\")", (long long)u->id, co->id,
			    cfg.cert_prefix);
			return -1;
		}
		cert_code_new(c.code);
		certificate_payload(&pl, &c, u->nip, u->name);
		if (pl.oom || pl.n >= sizeof(c.payload) ||
		    cert_sign(cfg.key, pl.p, pl.n, c.sig, sizeof(c.sig)) == -1) {
			log_warnx("completion: cannot sign certificate %s", c.cert_no);
			buf_free(&pl);
			return -1;
		}
		memcpy(c.payload, pl.p, pl.n + 1);
		buf_free(&pl);
	}
	/* Another writer (a second node) completed it first: theirs
	   stands, and so does its certificate number (and its ledger
	   entry). */
	if ((rc = store_completion_insert(st, &c)) == STORE_CONFLICT)
		return 1;
	/* The ledger entry in the same transaction: the record and the JP
	   it earns exist together or not at all. */
	if (rc != 0 || ledger_add_completion(st, &c, now) == -1)
		return -1;
	/* The user id, not the NIP: logs travel further than the database. */
	log_info("completion: user %lld %s %d JP %s", (long long)u->id, co->id,
	    co->jp, c.cert_no);
	return 1;
}

