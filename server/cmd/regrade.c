/* regrade: re-grade stored attempts after an answer-key fix. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "cli.h"
#include "course.h"
#include "grade.h"
#include "log.h"
#include "cmds.h"

#define REGRADE_MAX	1000000		/* attempts handled in one run */

static const char usage[] =
    "usage: lentera regrade COURSE/QUIZ.lua [--db PATH] [--courses DIR]"
    " [--dry-run]\n"
    "                       [--cert-prefix T] [--keys DIR] (as given to serve;\n"
    "                       defaults LTR and keys/ next to the database; --keys\n"
    "                       is required with a postgres:// --db)\n"
    "Grades every submitted attempt of the quiz again with the current\n"
    "answer key and reports what changed.\n";

struct job {
	struct attempt	*a;
	int		 n, cap;
};

static void
collect(void *arg, const struct attempt *a)
{
	struct job	*j = arg;
	struct attempt	*na;

	if (j->n == REGRADE_MAX)
		return;
	if (j->n == j->cap) {
		int	 cap = j->cap ? j->cap * 2 : 64;

		if ((na = realloc(j->a, cap * sizeof(*na))) == NULL)
			return;
		j->a = na;
		j->cap = cap;
	}
	j->a[j->n] = *a;
	j->a[j->n].responses = a->responses ? strdup(a->responses) : NULL;
	j->n++;
}

int
regrade_main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "courses", required_argument, NULL, 'c' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "cert-prefix", required_argument, NULL, 'p' },
		{ "keys", required_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct job	 j = { NULL, 0, 0 };
	struct catalog	*cat = NULL;
	const struct course *c;
	struct quiz	*q;
	struct store	*st = NULL;
	struct quiz_result res;
	struct buf	 err = { 0 };
	const char	*db = CONFIG_DB, *courses = "courses";
	char		 course[COURSE_ID_MAX], *slash, detail[256];
	int		 ch, i, dry = 0, changed = 0, failed = 0, rc = 1;

	/* A newly passed final issues a certificate: its number needs the
	   prefix that serve would use, or completion_update fails. */
	config_defaults(0);
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': db = optarg; break;
		case 'p': snprintf(cfg.cert_prefix, sizeof(cfg.cert_prefix),
		    "%s", optarg); break;
		case 'c': courses = optarg; break;
		case 'k':
			if (config_keys_arg(optarg) == -1) {
				fprintf(stderr, "lentera regrade: --keys: a folder "
				    "path of 1..%d bytes\n", CONFIG_PATH_MAX - 1);
				return 2;
			}
			break;
		case 'n': dry = 1; break;
		case 'h': fputs(usage, stdout); return 0;
		default: return cli_bad_flag("regrade", argv[optind - 1]);
		}
	}
	if (optind != argc - 1) {
		fputs(usage, stderr);
		return 2;
	}
	if ((slash = strchr(argv[optind], '/')) == NULL ||
	    slash - argv[optind] >= (int)sizeof(course)) {
		fprintf(stderr, "lentera regrade: name the quiz as "
		    "COURSE/FILE.lua, e.g. pelayanan-publik-prima/quiz-final.lua\n");
		return 2;
	}
	snprintf(course, sizeof(course), "%.*s", (int)(slash - argv[optind]),
	    argv[optind]);
	log_set_quiet(1);
	if (course_init(courses) < 0 || config_open(db, 1) == -1 ||
	    store_open(cfg.db, &st) == -1)
		goto out;
	cat = course_catalog();
	if ((c = course_find(cat, course)) == NULL ||
	    (q = course_quiz(c, slash + 1)) == NULL) {
		fprintf(stderr, "lentera regrade: no quiz %s in %s (does "
		    "`lentera check %s` pass?)\n", argv[optind], courses, courses);
		goto out;
	}
	if (store_attempt_each(st, c->id, slash + 1, collect, &j) == -1)
		goto out;
	for (i = 0; i < j.n; i++) {
		struct attempt	*a = &j.a[i];
		double		 old = a->percent;
		int		 was = a->passed;

		buf_reset(&err);
		if (grade_run(q, a, a->responses, &res, &err) == -1) {
			printf("attempt %lld: cannot grade: %s\n",
			    (long long)a->id, err.p ? err.p : "");
			failed++;
			continue;
		}
		/* Points can change without the percent (a question's
		   weight): then score, max and marks are stale too. */
		if (fabs(res.percent - old) < 1e-9 && res.passed == was &&
		    fabs(res.score - a->score) < 1e-9 &&
		    fabs(res.max - a->max) < 1e-9) {
			quiz_result_free(&res);
			continue;
		}
		changed++;
		a->score = res.score;
		a->max = res.max;
		a->percent = res.percent;
		a->passed = res.passed;
		printf("attempt %lld (user %lld, #%d): %.1f%% -> %.1f%%%s%s\n",
		    (long long)a->id, (long long)a->user_id, a->attempt_no, old,
		    res.percent, was == res.passed ? "" : res.passed ?
		    ", now passed" : ", now NOT passed (completion kept: review)",
		    dry ? " [dry run]" : "");
		if (!dry && grade_store_regrade(st, c, q, a, &res) == -1) {
			printf("attempt %lld: could not be saved\n",
			    (long long)a->id);
			failed++;
		}
		quiz_result_free(&res);
	}
	printf("%d attempt%s checked, %d changed%s, %d failed\n", j.n,
	    j.n == 1 ? "" : "s", changed, dry ? " (dry run: nothing written)" :
	    "", failed);
	if (!dry) {
		snprintf(detail, sizeof(detail), "%s: %d checked, %d changed",
		    argv[optind], j.n, changed);
		if (store_audit(st, 0, "quiz.regrade", detail, "cli") == -1) {
			fprintf(stderr, "lentera regrade: the audit row could "
			    "not be written\n");
			failed++;
		}
	}
	rc = failed ? 1 : 0;
out:
	for (i = 0; i < j.n; i++)
		free(j.a[i].responses);
	free(j.a);
	buf_free(&err);
	course_release(cat);
	course_shutdown();
	store_close(st);
	return rc;
}
