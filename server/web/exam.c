/* exam: quiz attempts in the browser. See exam.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "course.h"
#include "attempt_view.h"
#include "exam.h"
#include "grade.h"
#include "http.h"
#include "learn.h"
#include "log.h"
#include "numfmt.h"
#include "progress.h"
#include "quiz.h"
#include "record.h"
#include "render.h"
#include "view.h"

/* A quiz as addressed by a URL: the catalogue is held while in use. */
struct target {
	struct catalog		*cat;
	const struct course	*course;
	struct quiz		*quiz;
	const char		*file;
};

static int
target_get(struct target *t, const char *course, const char *file)
{
	memset(t, 0, sizeof(*t));
	t->cat = course_catalog();
	if ((t->course = course_find(t->cat, course)) == NULL ||
	    (t->quiz = course_quiz(t->course, file)) == NULL)
		return -1;
	t->file = file;
	return 0;
}

static void
target_put(struct target *t)
{
	course_release(t->cat);
}

static void
attempt_url(struct buf *b, int64_t id, const char *suffix)
{
	buf_addf(b, "/attempt/%lld%s", (long long)id, suffix ? suffix : "");
}

static void
fmt_duration(struct req *r, int s)
{
	if (s >= 3600)
		buf_addf(&r->out, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
	else
		buf_addf(&r->out, "%d:%02d", s / 60, s % 60);
}

struct history {
	struct req		*r;
	const struct quiz_info	*qi;
	int			 n;
	int64_t			 open;		/* the attempt in progress */
	int			 open_no;
};

static void
history_row(void *arg, const struct attempt *a)
{
	struct history	*h = arg;
	struct req	*r = h->r;
	const char	*cls;
	enum msg	 v = grade_verdict(h->qi, a, &cls);

	if (h->n++ == 0)
		buf_addf(&r->out, "<h2>%s</h2><ul class=\"attempts\">",
		    T(r, M_QUIZ_YOUR_ATTEMPTS));
	buf_adds(&r->out, "<li><a href=\"");
	attempt_url(&r->out, a->id, NULL);
	buf_addf(&r->out, "\">%s #%d</a> · ", T(r, M_ATTEMPT), a->attempt_no);
	view_datetime(r, a->started_at);
	buf_adds(&r->out, " · ");
	if (a->submitted_at && h->qi->review != QUIZ_REVIEW_NEVER) {
		numfmt_dec(&r->out, r->lang, a->percent, 1);
		buf_adds(&r->out, " · ");
	}
	buf_addf(&r->out, "<strong class=\"%s\">%s</strong></li>", cls, T(r, v));
	if (!a->submitted_at) {
		h->open = a->id;
		h->open_no = a->attempt_no;
	}
}

int
exam_quiz(struct req *r)
{
	struct target		 t;
	const struct quiz_info	*qi;
	struct history		 h = { r, NULL, 0, 0, 0 };
	char			 copy[sizeof(t.course->prereq)];
	const char		*miss[PROGRESS_PREREQ_MAX];
	int			 used, locked, status = 200;

	if (target_get(&t, r->seg[1], r->seg[2]) == -1) {
		target_put(&t);
		return 404;
	}
	qi = h.qi = quiz_info(t.quiz);
	/* An attempt whose time ran out is closed first, as on start. */
	grade_expire_open(r->st, &r->user, t.course, t.file, t.quiz, r->now);
	if (store_attempt_count(r->st, r->user.id, t.course->id, t.file,
	    &used) == -1 || (locked = progress_prereq_missing(r->st,
	    r->user.id, t.course, copy, miss, PROGRESS_PREREQ_MAX)) < 0) {
		status = 500;
		goto out;
	}
	view_begin(r, qi->title);
	buf_adds(&r->out, "<p class=\"crumbs\"><a href=\"/courses/");
	buf_url(&r->out, t.course->id);
	buf_adds(&r->out, "\">");
	buf_html(&r->out, t.course->title);
	buf_adds(&r->out, "</a></p><h1>");
	buf_html(&r->out, qi->title);
	buf_adds(&r->out, "</h1><ul class=\"card facts\">");
	buf_addf(&r->out, "<li>%s: %d</li>", T(r, M_QUIZ_QUESTIONS),
	    qi->nquestions);
	if (qi->pass > 0) {
		buf_addf(&r->out, "<li>%s: ", T(r, M_QUIZ_PASS_MARK));
		numfmt_pct(&r->out, r->lang, qi->pass, 0);
		buf_adds(&r->out, "</li>");
	} else
		buf_addf(&r->out, "<li>%s</li>", T(r, M_DIAGNOSTIC_NOTE));
	buf_addf(&r->out, "<li>%s: ", T(r, M_QUIZ_TIME_LIMIT));
	if (qi->time_limit_s) {
		fmt_duration(r, qi->time_limit_s);
	} else
		buf_adds(&r->out, T(r, M_NONE));
	buf_addf(&r->out, "</li><li>%s: %d", T(r, M_QUIZ_ATTEMPTS_USED), used);
	if (qi->attempts)
		buf_addf(&r->out, " %s %d", T(r, M_OF), qi->attempts);
	buf_adds(&r->out, "</li></ul>");
	if (store_attempt_list(r->st, r->user.id, t.course->id, t.file,
	    history_row, &h) == -1) {
		status = 500;
		goto out;
	}
	if (h.n)
		buf_adds(&r->out, "</ul>");
	/* An open attempt can always be resumed, also the last one allowed:
	   start answers with the open attempt (two tabs, resume). */
	if (h.open || (!locked && (qi->attempts == 0 || used < qi->attempts))) {
		if (h.open)
			buf_addf(&r->out, "<p>%s #%d %s</p>", T(r, M_ATTEMPT),
			    h.open_no, T(r, M_QUIZ_OPEN_NOTE));
		buf_adds(&r->out, "<form method=\"post\" action=\"/quiz/");
		buf_url(&r->out, t.course->id);
		buf_addc(&r->out, '/');
		buf_url(&r->out, t.file);
		buf_adds(&r->out, "/start\">");
		view_csrf(r);
		buf_addf(&r->out, "<button type=\"submit\">%s</button></form>",
		    T(r, h.open ? M_CONTINUE : M_START));
	} else if (locked) {
		view_notice(r, "info", T(r, M_PREREQ_LOCKED));
		buf_adds(&r->out, "<p><a href=\"/courses/");
		buf_url(&r->out, t.course->id);
		buf_addf(&r->out, "\">%s</a></p>", T(r, M_BACK_TO_COURSE));
	} else
		view_notice(r, "info", T(r, M_QUIZ_NO_ATTEMPTS));
	view_end(r);
out:
	target_put(&t);
	return status;
}

/* The ids of every earlier attempt, so picking can prefer new ones. */
struct seen {
	char	*ids[QUIZ_MAX_QUESTIONS * 4];
	int	 n;
};

static void
seen_add(void *arg, const struct attempt *a)
{
	struct seen	*s = arg;
	char		*copy, *tok, *save = NULL, *p;

	if ((copy = strdup(a->ids)) == NULL)
		return;
	for (p = copy; (tok = strtok_r(p, " ", &save)) != NULL; p = NULL)
		if (s->n < (int)(sizeof(s->ids) / sizeof(s->ids[0])))
			s->ids[s->n++] = strdup(tok);
	free(copy);
}

static void
seen_free(struct seen *s)
{
	while (s->n > 0)
		free(s->ids[--s->n]);
}

static int
redirect_attempt(struct req *r, int64_t id)
{
	struct buf	 loc = { 0 };

	attempt_url(&loc, id, NULL);
	http_redirect(r, loc.p ? loc.p : "/");
	buf_free(&loc);
	return 303;
}

static int
redirect_attempt_saved(struct req *r, int64_t id)
{
	struct buf	 loc = { 0 };

	attempt_url(&loc, id, "?saved=1");
	http_redirect(r, loc.p ? loc.p : "/");
	buf_free(&loc);
	return 303;
}

#define START_RESUME	2	/* another tab's attempt is open: go there */
#define START_CONFLICT	3	/* the count moved under us */

struct start {
	struct attempt	*a, *open;
	int		 used;
	const char	*snapshot;
};

/*
 * Runs in the write transaction. Re-check there: another tab may have
 * started meanwhile, also after our first look but before our count
 * (then the count alone looks consistent): resume its attempt.
 */
static int
start_job(struct store *st, void *arg)
{
	struct start	*j = arg;
	int		 rc, again;

	if ((rc = store_attempt_open(st, j->a->user_id, j->a->course,
	    j->a->quiz, j->open)) != 1)
		return rc == 0 ? START_RESUME : -1;
	if (store_attempt_count(st, j->a->user_id, j->a->course, j->a->quiz,
	    &again) == -1)
		return -1;
	/* Another node (PostgreSQL commits concurrently; on one SQLite node
	   the write lock makes this unreachable) may commit its start between
	   our look and our count, or take the attempt number's unique key
	   between our count and our insert. Its attempt is committed and
	   visible to the next statement: resume it. */
	if (again == j->used && (rc = store_attempt_insert(st, j->a,
	    j->snapshot)) != STORE_CONFLICT)
		return rc;
	if ((rc = store_attempt_open(st, j->a->user_id, j->a->course,
	    j->a->quiz, j->open)) != 1)
		return rc == 0 ? START_RESUME : -1;
	return START_CONFLICT;
}

int
exam_start(struct req *r)
{
	struct target		 t;
	const struct quiz_info	*qi;
	struct attempt		*a = NULL, *open = NULL;
	struct quiz_paper	 paper;
	struct seen		*seen = NULL;
	struct buf		 err = { 0 }, ids = { 0 };
	char			 key[160];
	struct start		 job;
	char			 copy[sizeof(t.course->prereq)];
	const char		*miss[PROGRESS_PREREQ_MAX];
	int			 used, i, n, status = 500;

	memset(&paper, 0, sizeof(paper));
	if (target_get(&t, r->seg[1], r->seg[2]) == -1) {
		target_put(&t);
		return 404;
	}
	qi = quiz_info(t.quiz);
	if ((n = progress_prereq_missing(r->st, r->user.id, t.course, copy,
	    miss, PROGRESS_PREREQ_MAX)) != 0) {
		status = n < 0 ? 500 : learn_prereq_refuse(r, t.course);
		goto out;
	}
	if ((a = calloc(1, sizeof(*a))) == NULL ||
	    (open = calloc(1, sizeof(*open))) == NULL ||
	    (seen = calloc(1, sizeof(*seen))) == NULL)
		goto out;
	/* An attempt in progress is resumed, not doubled (two tabs). */
	grade_expire_open(r->st, &r->user, t.course, t.file, t.quiz, r->now);
	if (store_attempt_open(r->st, r->user.id, t.course->id, t.file,
	    open) == 0) {
		status = redirect_attempt(r, open->id);
		goto out;
	}
	if (store_attempt_count(r->st, r->user.id, t.course->id, t.file,
	    &used) == -1 || store_attempt_list(r->st, r->user.id,
	    t.course->id, t.file, seen_add, seen) == -1)
		goto out;
	if (qi->attempts && used >= qi->attempts) {
		status = 409;
		view_begin(r, qi->title);
		view_notice(r, "error", T(r, M_QUIZ_NO_ATTEMPTS));
		view_end(r);
		goto out;
	}
	/* The paper is built outside the write lock: Lua is the slow part. */
	a->user_id = r->user.id;
	snprintf(a->course, sizeof(a->course), "%s", t.course->id);
	snprintf(a->quiz, sizeof(a->quiz), "%s", t.file);
	a->attempt_no = used + 1;
	snprintf(key, sizeof(key), "%s/%s", t.course->id, t.file);
	a->seed = quiz_seed(cfg.seed_key, r->user.nip, key, a->attempt_no);
	if (quiz_build(t.quiz, a->seed, (const char *const *)seen->ids,
	    seen->n, &paper, &err) == -1) {
		log_warnx("quiz %s: %s", key, err.p ? err.p : "build failed");
		status = 503;
		goto out;
	}
	for (i = 0; i < paper.nitems; i++)
		buf_addf(&ids, "%s%s", i ? " " : "", paper.items[i].id);
	if (ids.oom || ids.n >= sizeof(a->ids))
		goto out;
	memcpy(a->ids, ids.p ? ids.p : "", ids.n + 1);
	a->started_at = r->now;
	a->deadline = qi->time_limit_s ? r->now + qi->time_limit_s : 0;
	job.a = a;
	job.open = open;
	job.used = used;
	job.snapshot = paper.snapshot_json;
	switch (store_group(r->st, start_job, &job)) {
	case 0:
		status = redirect_attempt(r, a->id);
		break;
	case START_RESUME:
		status = redirect_attempt(r, open->id);
		break;
	case START_CONFLICT:
		status = 409;
		break;
	default:
		status = 500;
	}
out:
	buf_free(&err);
	buf_free(&ids);
	quiz_paper_free(&paper);
	if (seen)
		seen_free(seen);
	free(seen);
	if (a)
		store_attempt_clear(a);
	if (open)
		store_attempt_clear(open);
	free(a);
	free(open);
	target_put(&t);
	return status;
}

/* Load an attempt the current user owns; others' ids look absent. */
static int
own_attempt(struct req *r, struct attempt *a)
{
	char		*end;
	long long	 id = strtoll(r->seg[1], &end, 10);
	int		 rc;

	if (*end != '\0' || id <= 0)
		return 404;
	if ((rc = store_attempt_get(r->st, id, a)) != 0)
		return rc == 1 ? 404 : 500;
	return a->user_id == r->user.id ? 0 : 404;
}

int
exam_attempt(struct req *r)
{
	struct target	 t;
	struct attempt	*a;
	int		 status;

	memset(&t, 0, sizeof(t));
	if ((a = calloc(1, sizeof(*a))) == NULL)
		return 503;
	if ((status = own_attempt(r, a)) != 0)
		goto out;
	if (target_get(&t, a->course, a->quiz) == -1) {
		status = 404;
		goto out;
	}
	if (!a->submitted_at && a->deadline &&
	    r->now > a->deadline + GRADE_GRACE_S) {
		if (grade_finish(r->st, &r->user, t.course, t.quiz, a,
		    a->responses, a->deadline) == -1) {
			status = 500;
			goto out;
		}
		store_attempt_get(r->st, a->id, a);
	}
	status = a->submitted_at ? attempt_view_review(r, t.course, t.quiz, a) :
	    attempt_view_paper(r, t.course, t.quiz, a);
out:
	if (t.cat)
		target_put(&t);
	store_attempt_clear(a);
	free(a);
	return status;
}

int
exam_save(struct req *r)
{
	struct attempt	*a;
	char		*resp = NULL;
	int		 status;

	if ((a = calloc(1, sizeof(*a))) == NULL)
		return 503;
	if ((status = own_attempt(r, a)) != 0)
		goto out;
	if (a->submitted_at || (a->deadline && r->now > a->deadline +
	    GRADE_GRACE_S)) {
		status = 409;
		goto out;
	}
	if ((resp = grade_responses(&r->f)) == NULL ||
	    store_attempt_save(r->st, a->id, resp) == -1) {
		status = 500;
		goto out;
	}
	if (http_header_in(r, "X-Requested-With") != NULL) {
		buf_adds(&r->out, "{\"saved\":true}\n");
		r->ctype = "application/json";
		status = 200;
	} else
		status = redirect_attempt_saved(r, a->id);
out:
	free(resp);
	store_attempt_clear(a);
	free(a);
	return status;
}

int
exam_submit(struct req *r)
{
	struct target	 t;
	struct attempt	*a;
	char		*resp = NULL;
	int		 status, late;

	memset(&t, 0, sizeof(t));
	if ((a = calloc(1, sizeof(*a))) == NULL)
		return 503;
	if ((status = own_attempt(r, a)) != 0)
		goto out;
	if (a->submitted_at) {
		/* Resubmitting is harmless: show the stored result. */
		status = redirect_attempt(r, a->id);
		goto out;
	}
	if (target_get(&t, a->course, a->quiz) == -1) {
		status = 404;
		goto out;
	}
	late = a->deadline && r->now > a->deadline + GRADE_GRACE_S;
	/* From the confirm step: submit what was saved there. */
	if (form_get(&r->f, "use_saved") != NULL)
		resp = strdup(a->responses ? a->responses : "");
	else
		resp = grade_responses(&r->f);
	if (resp == NULL) {
		status = 500;
		goto out;
	}
	/* The paper asks (field "ask") before submitting with blanks: save,
	   then a confirm page. Scripts and past-deadline submits never wait. */
	if (!late && form_get(&r->f, "ask") != NULL &&
	    form_get(&r->f, "use_saved") == NULL) {
		struct form	 sent;
		int		 done, total;

		memset(&sent, 0, sizeof(sent));
		if (form_parse(&sent, resp, strlen(resp)) == -1) {
			status = 400;
			goto out;
		}
		done = grade_answered(a, &sent, &total);
		form_free(&sent);
		if (done >= 0 && done < total) {
			if (store_attempt_save(r->st, a->id, resp) == -1) {
				status = 500;
				goto out;
			}
			status = attempt_view_confirm(r, t.course, t.quiz, a, done,
			    total);
			goto out;
		}
	}
	if (late)
		status = grade_finish(r->st, &r->user, t.course, t.quiz, a,
		    a->responses, a->deadline);
	else
		status = grade_finish(r->st, &r->user, t.course, t.quiz, a,
		    resp, r->now);
	status = status == -1 ? 500 : redirect_attempt(r, a->id);
out:
	if (t.cat)
		target_put(&t);
	free(resp);
	store_attempt_clear(a);
	free(a);
	return status;
}
